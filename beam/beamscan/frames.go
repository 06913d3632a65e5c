package beamscan

import (
	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/dedupe-dev/dedupe/internal/scan"
)

func init() {
	register.DoFn4x0[uint32, tally, int, func(uint64, int)](&heavyFn{})
	register.DoFn3x1[doc, func(*uint64, *int) bool, func(uint64, uint64), error](&neighboursFn{})
	register.DoFn5x0[uint64, tally, func(*uint64, *int) bool, func(uint64), func(string, int64)](&frameFn{})
	register.Emitter2[uint64, int]()
	register.Iter2[uint64, int]()
}

// frames returns the hashes of the sentences that are templates' frames, as dedupe scan finds
// them (scan.Options.FrameDocs, scan.IsFrame), and their count, from the tallies of the
// sentence hashes of the n documents docs: the sentences found in enough documents to be
// frames but too few to be boilerplate, then the neighbours of each in every document, counted.
func frames(s beam.Scope, docs, n, tallies beam.PCollection, opts options) (hashes, counts beam.PCollection) {
	heavy := beam.ParDo(s, &heavyFn{optionsFn: optionsFn{Opts: opts}}, tallies, beam.SideInput{Input: n})
	neighbours := beam.ParDo(s, &neighboursFn{}, docs, beam.SideInput{Input: heavy})
	near := beam.CombinePerKey(s, &tallyFn{}, neighbours)
	return beam.ParDo2(s, &frameFn{}, near, beam.SideInput{Input: heavy})
}

// heavyFn keeps the sentences that may be frames: found in at least FrameDocs of the n
// documents, and in fewer than the boilerplate limit.
type heavyFn struct {
	optionsFn
}

// ProcessElement emits, with its count, each sentence of a shard that may be a frame.
func (fn *heavyFn) ProcessElement(_ uint32, t tally, n int, emit func(uint64, int)) {
	least, limit := fn.opts.FrameRange(n)
	for h, c := range t {
		if int(c) >= least && int(c) < limit {
			emit(h, int(c))
		}
	}
}

// neighboursFn emits each neighbour of a document's sentences that may be frames, keyed by
// the sentence (scan.Neighbours).
type neighboursFn struct {
	heavy map[uint64]int // the side input, read once per DoFn instance
}

// ProcessElement emits the neighbours of d's heavy sentences.
func (fn *neighboursFn) ProcessElement(d doc, heavy func(*uint64, *int) bool, emit func(uint64, uint64)) error {
	if fn.heavy == nil {
		fn.heavy = readMap(heavy)
	}
	if len(fn.heavy) == 0 {
		return nil
	}
	sk, err := d.decodeSketch()
	if err != nil {
		return err
	}
	isHeavy := func(h uint64) bool { _, ok := fn.heavy[h]; return ok }
	for _, nb := range scan.Neighbours(nil, &sk, isHeavy) {
		emit(nb.Sentence, nb.Pair)
	}
	return nil
}

// frameFn keeps the sentences whose most frequent neighbour is beside them in fewer than half
// of their documents.
type frameFn struct {
	heavy map[uint64]int // the side input, read once per DoFn instance
}

// ProcessElement emits sentence h if it is a frame, given the tally of its neighbours, and
// counts it among the boilerplate sentences.
func (fn *frameFn) ProcessElement(h uint64, near tally, heavy func(*uint64, *int) bool, emit func(uint64), counts func(string, int64)) {
	if fn.heavy == nil {
		fn.heavy = readMap(heavy)
	}
	nearest := 0
	for _, c := range near {
		nearest = max(nearest, int(c))
	}
	if scan.IsFrame(fn.heavy[h], nearest) {
		emit(h)
		count(counts, CounterBoilerplate, 1)
	}
}

// readMap reads a side input of a KV PCollection, whose keys are distinct, into a map: the
// hashes of sentences and their counts, the counters of the files read and their sums.
func readMap[K comparable, V any](iter func(*K, *V) bool) map[K]V {
	m := map[K]V{}
	var k K
	var v V
	for iter(&k, &v) {
		m[k] = v
	}
	return m
}
