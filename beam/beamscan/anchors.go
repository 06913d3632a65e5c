package beamscan

import (
	"fmt"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/dedupe-dev/dedupe/internal/anchor"
)

func init() {
	register.DoFn3x1[doc, int, func(uint32, rec), error](&anchorsFn{})
	register.DoFn5x1[uint32, []byte, int, func(uint32, rec), func(uint32, uint64), error](&anchorPairsFn{})
	register.DoFn4x1[uint32, []byte, int, func(uint32, anchorShare), error](&sharedAnchorsFn{})
	register.DoFn5x1[uint32, func(*tally) bool, func(*anchorShare) bool, int, func(uint32, rec), error](&enoughFn{})
	register.Emitter2[uint32, anchorShare]()
	register.Iter1[tally]()
	register.Iter1[anchorShare]()
}

// anchorCandidates returns the candidate pairs of documents that share enough rare anchors
// (anchor.Params.Enough), as dedupe scan proposes them beside the band keys' (package anchor),
// keyed by shard as bucketFn keys its pairs, so that the two can be flattened: the documents by
// anchor, the pairs of each rare anchor's documents and each document's count of rare anchors,
// the pairs counted, then each pair that shares at least anchor.Params.MinShared sent to both
// its documents' counts, where either may make it a candidate. It returns an invalid
// collection when the options ask for no anchors.
func anchorCandidates(s beam.Scope, docs, n beam.PCollection, opts options, p anchor.Params) beam.PCollection {
	if p.MinShared <= 0 {
		return beam.PCollection{}
	}
	byAnchor := beam.ParDo(s, &anchorsFn{optionsFn: optionsFn{Opts: opts}}, docs, beam.SideInput{Input: n})
	pairs, rare := beam.ParDo2(s, &anchorPairsFn{optionsFn: optionsFn{Opts: opts}}, beam.CombinePerKey(s, &packFn{}, byAnchor), beam.SideInput{Input: n})
	shares := beam.ParDo(s, &sharedAnchorsFn{optionsFn: optionsFn{Opts: opts}}, beam.CombinePerKey(s, &packFn{}, pairs), beam.SideInput{Input: n})
	counts := beam.CombinePerKey(s, &tallyFn{}, rare)
	return beam.ParDo(s, &enoughFn{optionsFn: optionsFn{Opts: opts}}, beam.CoGroupByKey(s, counts, shares), beam.SideInput{Input: n})
}

// anchorsFn emits a document's anchors (anchor.Winnow) as (anchor, document id) records,
// keyed by the anchor's shard.
type anchorsFn struct {
	optionsFn

	seq     []uint64
	anchors []uint32
}

// anchorsPerDocument is a generous estimate of the anchors of a document, that sets the number
// of shards of the anchors and of the pairs they give.
const anchorsPerDocument = 256

// ProcessElement handles d; n is the number of documents.
func (fn *anchorsFn) ProcessElement(d doc, n int, emit func(uint32, rec)) error {
	sk, err := d.decodeSketch()
	if err != nil {
		return err
	}
	fn.anchors, fn.seq = anchor.Document(fn.anchors[:0], fn.seq, &sk, fn.opts.Verify.ShingleSize, fn.opts.Anchor.Window)
	slices.Sort(fn.anchors)
	bits := shardBits(n * anchorsPerDocument)
	for _, a := range slices.Compact(fn.anchors) {
		emit(shard(uint64(a), bits), rec{A: uint64(a), B: d.ID})
	}
	return nil
}

// anchorPairsFn emits, for the rare anchors of one shard (anchor.Params.Rare), every pair of
// their documents, once per anchor the pair shares, keyed by the pair's shard, and each of
// their documents once per anchor, keyed by the document's shard (docShardBits), to be
// counted.
type anchorPairsFn struct {
	optionsFn

	recs []rec
}

// docShardBits returns the shard bits of the counts of rare anchors of n documents, one
// 12-byte tally entry a document.
func docShardBits(n int) int { return shardBits(n) }

// ProcessElement handles the (anchor, document id) records packed in recs; n is the number of
// documents.
func (fn *anchorPairsFn) ProcessElement(_ uint32, recs []byte, n int, emit func(uint32, rec), rare func(uint32, uint64)) error {
	var err error
	if fn.recs, err = unpackSorted(fn.recs[:0], recs); err != nil {
		return err
	}
	fn.recs = slices.Compact(fn.recs)
	bits, docBits := shardBits(n*anchorsPerDocument), docShardBits(n)
	for docs := range chunkBy(fn.recs) {
		if !fn.opts.Anchor.Rare(len(docs)) {
			continue
		}
		for i, a := range docs {
			rare(shard(a.B, docBits), a.B)
			for _, b := range docs[i+1:] {
				emit(shard(a.B^b.B, bits), rec{A: a.B, B: b.B})
			}
		}
	}
	return nil
}

// anchorShare is a pair of documents that share Shared rare anchors, sent to the shard of the
// count of one of them, Doc.
type anchorShare struct {
	Pair   rec
	Doc    uint64
	Shared int
}

// sharedAnchorsFn counts the anchors each pair of one shard shares and sends those that share
// at least anchor.Params.MinShared to the shards of the counts of both their documents.
type sharedAnchorsFn struct {
	optionsFn

	recs []rec
}

// ProcessElement handles the pairs packed in recs, one record per anchor shared; n is the
// number of documents.
func (fn *sharedAnchorsFn) ProcessElement(_ uint32, recs []byte, n int, emit func(uint32, anchorShare)) error {
	var err error
	if fn.recs, err = unpackSorted(fn.recs[:0], recs); err != nil {
		return err
	}
	bits := docShardBits(n)
	for i := 0; i < len(fn.recs); {
		j := i + 1
		for j < len(fn.recs) && fn.recs[j] == fn.recs[i] {
			j++
		}
		if j-i >= fn.opts.Anchor.MinShared {
			p := fn.recs[i]
			emit(shard(p.A, bits), anchorShare{Pair: p, Doc: p.A, Shared: j - i})
			emit(shard(p.B, bits), anchorShare{Pair: p, Doc: p.B, Shared: j - i})
		}
		i = j
	}
	return nil
}

// enoughFn emits the pairs of one shard of documents that share enough of the rare anchors of
// the document they were sent for (anchor.Params.Enough), keyed as bucketFn keys its pairs. A
// pair enough for both its documents comes twice; pairEndsFn removes repeats.
type enoughFn struct {
	optionsFn
}

// ProcessElement handles the counts of rare anchors of the documents of a shard, in tallies,
// and the pairs sent for them; n is the number of documents.
func (fn *enoughFn) ProcessElement(_ uint32, counts func(*tally) bool, shares func(*anchorShare) bool, n int, emit func(uint32, rec)) error {
	rare := tally{}
	var t tally
	for counts(&t) {
		for d, c := range t {
			rare[d] += c
		}
	}
	bits := shardBits(n * pairsPerDocument)
	var sh anchorShare
	for shares(&sh) {
		c, ok := rare[sh.Doc]
		if !ok {
			return fmt.Errorf("anchors: document %d shares rare anchors but has no count of them", sh.Doc)
		}
		if fn.opts.Anchor.Enough(sh.Shared, int(c)) {
			emit(shard(sh.Pair.A^sh.Pair.B, bits), sh.Pair)
		}
	}
	return nil
}
