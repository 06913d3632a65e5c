package beamscan

import (
	"fmt"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/dedupe-dev/dedupe/internal/anchor"
	"github.com/dedupe-dev/dedupe/internal/sketch"
)

func init() {
	register.DoFn3x1[doc, int, func(uint32, rec), error](&anchorsFn{})
	register.DoFn4x1[uint32, []byte, int, func(uint32, rec), error](&anchorPairsFn{})
	register.DoFn4x1[uint32, []byte, int, func(uint32, rec), error](&sharedAnchorsFn{})
}

// anchorCandidates returns the candidate pairs of documents that share at least
// anchor.Params.MinShared rare anchors, as dedupe scan proposes them beside the band keys'
// (package anchor), keyed by shard as bucketFn keys its pairs, so that the two can be
// flattened: the documents by anchor, the pairs of each rare anchor's documents, then the
// pairs counted. It returns an invalid collection when the options ask for no anchors.
func anchorCandidates(s beam.Scope, docs, n beam.PCollection, opts options, p anchor.Params) beam.PCollection {
	if p.MinShared <= 0 {
		return beam.PCollection{}
	}
	byAnchor := beam.ParDo(s, &anchorsFn{optionsFn: optionsFn{Opts: opts}}, docs, beam.SideInput{Input: n})
	pairs := beam.ParDo(s, &anchorPairsFn{optionsFn: optionsFn{Opts: opts}}, beam.CombinePerKey(s, &packFn{}, byAnchor), beam.SideInput{Input: n})
	shared := beam.ParDo(s, &sharedAnchorsFn{optionsFn: optionsFn{Opts: opts}}, beam.CombinePerKey(s, &packFn{}, pairs), beam.SideInput{Input: n})
	return shared
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
	var sk sketch.Sketch
	if err := sk.UnmarshalBinary(d.Sketch); err != nil {
		return fmt.Errorf("sketch of %q: %w", d.Meta.Path, err)
	}
	fn.anchors, fn.seq = anchor.Document(fn.anchors[:0], fn.seq, &sk, fn.opts.Verify.ShingleSize, fn.opts.Anchor.Window)
	slices.Sort(fn.anchors)
	bits := shardBits(n * anchorsPerDocument)
	for _, a := range slices.Compact(fn.anchors) {
		emit(shard(uint64(a), bits), rec{A: uint64(a), B: d.ID})
	}
	return nil
}

// anchorPairsFn emits, for the anchors of one shard found in 2 to anchor.Params.MaxDocs
// documents, every pair of their documents, once per anchor the pair shares, keyed by the
// pair's shard.
type anchorPairsFn struct {
	optionsFn

	recs []rec
}

// ProcessElement handles the (anchor, document id) records packed in recs; n is the number of
// documents.
func (fn *anchorPairsFn) ProcessElement(_ uint32, recs []byte, n int, emit func(uint32, rec)) error {
	var err error
	if fn.recs, err = unpack(fn.recs[:0], recs); err != nil {
		return err
	}
	slices.SortFunc(fn.recs, compareRecs)
	fn.recs = slices.Compact(fn.recs)
	bits := shardBits(n * anchorsPerDocument)
	for docs := range chunkBy(fn.recs) {
		if len(docs) < 2 || len(docs) > fn.opts.Anchor.MaxDocs {
			continue
		}
		for i, a := range docs {
			for _, b := range docs[i+1:] {
				emit(shard(a.B^b.B, bits), rec{A: a.B, B: b.B})
			}
		}
	}
	return nil
}

// sharedAnchorsFn keeps the pairs of one shard that share at least anchor.Params.MinShared
// anchors, keyed as bucketFn keys its pairs.
type sharedAnchorsFn struct {
	optionsFn

	recs []rec
}

// ProcessElement handles the pairs packed in recs, one record per anchor shared; n is the
// number of documents.
func (fn *sharedAnchorsFn) ProcessElement(_ uint32, recs []byte, n int, emit func(uint32, rec)) error {
	var err error
	if fn.recs, err = unpack(fn.recs[:0], recs); err != nil {
		return err
	}
	slices.SortFunc(fn.recs, compareRecs)
	bits := shardBits(n * pairsPerDocument)
	for i := 0; i < len(fn.recs); {
		j := i + 1
		for j < len(fn.recs) && fn.recs[j] == fn.recs[i] {
			j++
		}
		if j-i >= fn.opts.Anchor.MinShared {
			p := fn.recs[i]
			emit(shard(p.A^p.B, bits), p)
		}
		i = j
	}
	return nil
}
