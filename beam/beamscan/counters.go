package beamscan

import (
	"context"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/stats"
)

// The figures a run reports (documents, candidate pairs, passages...) are counted as data, not
// by incrementing Beam counters where they are found: a runner is free to report the metrics
// of a stage that runs many bundles as best effort, and prism (v2.77) loses some. When a
// bundle's final metrics carry a counter short id prism does not know yet, it parks the
// payload in a map keyed by short id until it has fetched the id's metadata, outside its lock;
// when two bundles of one stage finish before then, the second payload replaces the first and
// that bundle's counts are lost. TestPassagesWeek saw 1969 of 2571 passages counted so.
//
// So every DoFn that counts emits its counts on an extra output, as (counter name, count)
// pairs, at most one per name and element it processes (see count), and reportCounts sums them
// and increments each counter once, from a stage of one bundle, where nothing races: the
// counters that ReadCounts reads are exact on every runner.
func init() {
	register.DoFn3x0[context.Context, []byte, func(*string, *int64) bool](&countersFn{})
	register.Emitter2[string, int64]()
	register.Iter2[string, int64]()
}

// count emits n more of the counter name on emit, the counts output of a DoFn; nothing when n
// is 0, which the counter reads as anyway.
func count(emit func(string, int64), name string, n int) {
	if n != 0 {
		emit(name, int64(n))
	}
}

// reportCounts sums the counts of the collections of (counter name, count) pairs given, and
// increments the counters of the "dedupe" namespace by the sums.
func reportCounts(s beam.Scope, counts ...beam.PCollection) {
	s = s.Scope("counters")
	sums := stats.SumPerKey(s, beam.Flatten(s, counts...))
	beam.ParDo0(s, &countersFn{}, beam.Impulse(s), beam.SideInput{Input: sums})
}

// countersFn increments each counter once by its sum, for the single impulse element.
type countersFn struct{}

// ProcessElement increments the counters by the sums.
func (*countersFn) ProcessElement(ctx context.Context, _ []byte, sums func(*string, *int64) bool) {
	var name string
	var n int64
	for sums(&name, &n) {
		beam.NewCounter(Namespace, name).Inc(ctx, n)
	}
}
