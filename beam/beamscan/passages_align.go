package beamscan

import (
	"cmp"
	"encoding/binary"
	"errors"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/dedupe-dev/dedupe/internal/passages"
)

func init() {
	register.DoFn3x1[pdoc, int, func(uint32, []byte), error](&postingsFn{})
	register.Combiner2[[]byte, []byte](&concatFn{})
	register.DoFn5x1[uint32, []byte, int, func(uint32, []byte), func(string, int64), error](&sharedFn{})
	register.DoFn3x1[uint32, []byte, func(uint64, pairMatches), error](&pairsFn{})
	register.Function4x1[uint64, func(*pdoc) bool, func(*pairMatches) bool, func(uint64, sentDoc), error](sendPassagesFn)
	register.DoFn5x1[uint64, func(*pdoc) bool, func(*sentDoc) bool, func(linkRec), func(string, int64), error](&alignFn{})
	register.Emitter2[uint32, []byte]()
	register.Emitter2[uint64, pairMatches]()
	register.Emitter2[uint64, sentDoc]()
	register.Emitter1[linkRec]()
	register.Iter1[pairMatches]()
	register.Iter1[sentDoc]()
}

// alignedPassages returns the passages that pairs of documents share (stages 2 and 3 of
// package passages): every n-gram's postings are packed per shard of its hash; a shard keeps
// the n-grams found in 2 to --max-df documents and emits their matches, packed per shard of
// the pair; a pair with at least --min-matches matches is joined with its first document, by
// id, which is sent to the second, where passages.AlignPair aligns the two. It also returns
// the counts of shared n-grams, passages and passages within one series.
func alignedPassages(s beam.Scope, docs, byID, total beam.PCollection, opts options, minMatches int) (links, counts beam.PCollection) {
	postings := beam.ParDo(s, &postingsFn{passagesFn: passagesFn{Opts: opts}}, docs, beam.SideInput{Input: total})
	matches, shared := beam.ParDo2(s, &sharedFn{passagesFn: passagesFn{Opts: opts}}, beam.CombinePerKey(s, &concatFn{}, postings), beam.SideInput{Input: total})
	pairs := beam.ParDo(s, &pairsFn{MinMatches: minMatches}, beam.CombinePerKey(s, &concatFn{}, matches))
	sent := beam.ParDo(s, sendPassagesFn, beam.CoGroupByKey(s, byID, pairs))
	links, aligned := beam.ParDo2(s, &alignFn{passagesFn: passagesFn{Opts: opts}}, beam.CoGroupByKey(s, byID, sent))
	return links, beam.Flatten(s, shared, aligned)
}

// concatFn packs the records of a shard, each already encoded, into one byte slice.
type concatFn struct{}

// CreateAccumulator returns no records.
func (*concatFn) CreateAccumulator() []byte { return nil }

// AddInput appends r.
func (*concatFn) AddInput(b, r []byte) []byte { return append(b, r...) }

// MergeAccumulators concatenates a and b.
func (*concatFn) MergeAccumulators(a, b []byte) []byte { return append(a, b...) }

// Record sizes: a posting is an n-gram hash, a document id and a place; a match two document
// ids and two places; a pair's match the two places.
const (
	postingBytes   = 20
	matchBytes     = 24
	pairMatchBytes = 8
)

// postingsFn emits every n-gram of a document as a posting keyed by the shard of its hash;
// total, the n-grams of all documents, sets the number of shards.
type postingsFn struct {
	passagesFn

	grams []uint64
}

// ProcessElement emits the postings of d.
func (fn *postingsFn) ProcessElement(d pdoc, total int, emit func(uint32, []byte)) error {
	doc, err := d.decode()
	if err != nil {
		return err
	}
	bits := shardBits(total)
	fn.grams = doc.NGrams(fn.grams, fn.opts.NGram)
	for pos, h := range fn.grams {
		b := make([]byte, 0, postingBytes)
		b = binary.LittleEndian.AppendUint64(b, h)
		b = binary.LittleEndian.AppendUint64(b, d.ID)
		emit(shard(h, bits), binary.LittleEndian.AppendUint32(b, uint32(pos)))
	}
	return nil
}

// posting is one place of an n-gram.
type posting struct {
	Hash, Doc uint64
	Pos       uint32
}

// sharedFn keeps the n-grams of a shard found in 2 to --max-df documents, as dedupe passages
// indexes them, and emits every two of their places in different documents as a match, the
// document of the smaller id first, keyed by the shard of the pair, and the count of those
// n-grams as shared n-grams.
type sharedFn struct {
	passagesFn

	ps []posting
}

// ProcessElement handles the postings packed in b; total sets the shards of the matches.
func (fn *sharedFn) ProcessElement(_ uint32, b []byte, total int, emit func(uint32, []byte), counts func(string, int64)) error {
	if len(b)%postingBytes != 0 {
		return errors.New("packed postings: length not a multiple of 20")
	}
	fn.ps = fn.ps[:0]
	for ; len(b) > 0; b = b[postingBytes:] {
		fn.ps = append(fn.ps, posting{binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[8:]), binary.LittleEndian.Uint32(b[16:])})
	}
	slices.SortFunc(fn.ps, func(x, y posting) int {
		return cmp.Or(cmp.Compare(x.Hash, y.Hash), cmp.Compare(x.Doc, y.Doc), cmp.Compare(x.Pos, y.Pos))
	})
	bits, shared := shardBits(total), 0
	for i := 0; i < len(fn.ps); {
		j, docs := i+1, 1
		for ; j < len(fn.ps) && fn.ps[j].Hash == fn.ps[i].Hash; j++ {
			if fn.ps[j].Doc != fn.ps[j-1].Doc {
				docs++
			}
		}
		if fn.opts.Indexed(docs) {
			shared++
			group := fn.ps[i:j]
			for k, x := range group {
				for _, y := range group[k+1:] {
					if x.Doc == y.Doc {
						continue
					}
					m := make([]byte, 0, matchBytes)
					m = binary.LittleEndian.AppendUint64(m, x.Doc)
					m = binary.LittleEndian.AppendUint64(m, y.Doc)
					m = binary.LittleEndian.AppendUint32(m, x.Pos)
					emit(shard(x.Doc^y.Doc, bits), binary.LittleEndian.AppendUint32(m, y.Pos))
				}
			}
		}
		i = j
	}
	count(counts, CounterSharedNGrams, shared)
	return nil
}

// pairMatches are the matches of a pair, keyed by its first document: the second document
// and the places of each match in both, packed.
type pairMatches struct {
	B       uint64
	Matches []byte
}

// pairsFn groups the matches of a shard by pair and emits the pairs with at least MinMatches
// of them, as dedupe passages aligns no other.
type pairsFn struct {
	MinMatches int

	ms []match
}

// match is a match of two documents A and B, the n-gram's places in both.
type match struct {
	A, B   uint64
	PA, PB uint32
}

// ProcessElement handles the matches packed in b.
func (fn *pairsFn) ProcessElement(_ uint32, b []byte, emit func(uint64, pairMatches)) error {
	if len(b)%matchBytes != 0 {
		return errors.New("packed matches: length not a multiple of 24")
	}
	fn.ms = fn.ms[:0]
	for ; len(b) > 0; b = b[matchBytes:] {
		fn.ms = append(fn.ms, match{binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[8:]),
			binary.LittleEndian.Uint32(b[16:]), binary.LittleEndian.Uint32(b[20:])})
	}
	slices.SortFunc(fn.ms, func(x, y match) int {
		return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B), cmp.Compare(x.PA, y.PA), cmp.Compare(x.PB, y.PB))
	})
	for i := 0; i < len(fn.ms); {
		j := i + 1
		for j < len(fn.ms) && fn.ms[j].A == fn.ms[i].A && fn.ms[j].B == fn.ms[i].B {
			j++
		}
		if j-i >= fn.MinMatches {
			packed := make([]byte, 0, pairMatchBytes*(j-i))
			for _, m := range fn.ms[i:j] {
				packed = binary.LittleEndian.AppendUint32(packed, m.PA)
				packed = binary.LittleEndian.AppendUint32(packed, m.PB)
			}
			emit(fn.ms[i].A, pairMatches{B: fn.ms[i].B, Matches: packed})
		}
		i = j
	}
	return nil
}

// sentDoc is a pair on its way to its second document: the first document and the matches.
type sentDoc struct {
	From    pdoc
	Matches []byte
}

// sendPassagesFn sends document id, with the matches, to the second document of each pair it
// is the first of: the part of it that the alignment reads (passages.Document.ForAlignment),
// about half its bytes, since a document of many pairs is sent as many times.
func sendPassagesFn(id uint64, docs func(*pdoc) bool, pairs func(*pairMatches) bool, emit func(uint64, sentDoc)) error {
	d, doc, err := onlyPdoc(id, docs)
	if err != nil {
		return err
	}
	light := doc.ForAlignment()
	if d.Doc, err = light.MarshalBinary(); err != nil {
		return err
	}
	var p pairMatches
	for pairs(&p) {
		emit(p.B, sentDoc{From: d, Matches: p.Matches})
	}
	return nil
}

// spanRec is a span of content words of a document, by id.
type spanRec struct {
	Doc        uint64
	Start, End int32
}

// linkRec is a passage two documents share, A the earlier in input order.
type linkRec struct {
	A, B spanRec
}

// alignFn aligns document id with each document sent to it, the earlier of the two in input
// order first, as dedupe passages does, and emits the passages they share, and their count as
// passages and that of the passages left out within one series as series passages.
type alignFn struct {
	passagesFn
}

// ProcessElement aligns the pairs whose second document is id.
func (fn *alignFn) ProcessElement(id uint64, docs func(*pdoc) bool, sent func(*sentDoc) bool, emit func(linkRec), counts func(string, int64)) error {
	d, doc, err := onlyPdoc(id, docs)
	if err != nil {
		return err
	}
	var ms []passages.Match
	var in sentDoc
	found, series := 0, 0
	for sent(&in) {
		from, err := in.From.decode()
		if err != nil {
			return err
		}
		if len(in.Matches)%pairMatchBytes != 0 {
			return errors.New("packed pair matches: length not a multiple of 8")
		}
		ms = ms[:0]
		first, second, a, b := from, doc, in.From.ID, id
		swap := d.Order < in.From.Order
		if swap {
			first, second, a, b = doc, from, id, in.From.ID
		}
		for m := in.Matches; len(m) > 0; m = m[pairMatchBytes:] {
			pf, pd := int32(binary.LittleEndian.Uint32(m)), int32(binary.LittleEndian.Uint32(m[4:]))
			if swap {
				pf, pd = pd, pf
			}
			ms = append(ms, passages.Match{A: pf, B: pd})
		}
		slices.SortFunc(ms, func(x, y passages.Match) int { return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B)) })
		links, within := passages.AlignPair(first, second, ms, fn.opts)
		found, series = found+len(links), series+within
		for _, l := range links {
			emit(linkRec{A: spanRec{a, l.A.Start, l.A.End}, B: spanRec{b, l.B.Start, l.B.End}})
		}
	}
	count(counts, CounterPassages, found)
	count(counts, CounterSeriesPassages, series)
	return nil
}
