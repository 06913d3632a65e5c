package beamscan

import (
	"context"
	"maps"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
)

func init() {
	register.Function2x0[int, func(string, int64)](countElementFn)
	register.Function2x0[int, func(string, int64)](countEvenFn)
}

// countElementFn counts element x as one "elements" and x "sum", and nothing as "none".
func countElementFn(x int, counts func(string, int64)) {
	count(counts, "elements", 1)
	count(counts, "sum", x)
	count(counts, "none", 0)
}

// countEvenFn counts an even x as one "elements", from a second stage.
func countEvenFn(x int, counts func(string, int64)) {
	if x%2 == 0 {
		count(counts, "elements", 1)
	}
}

// TestReportCounts counts 2,000 elements in two stages and requires the sums over both as
// counters, in the dedupe namespace, and no counter for a name only ever counted 0.
func TestReportCounts(t *testing.T) {
	const n = 2000
	xs := make([]int, n)
	for i := range xs {
		xs[i] = i
	}
	p, s := beam.NewPipelineWithRoot()
	col := beam.Reshuffle(s, beam.CreateList(s, xs))
	reportCounts(s, beam.ParDo(s, countElementFn, col), beam.ParDo(s, countEvenFn, col))
	res, err := prism.Execute(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := counters(res), map[string]int64{"elements": n + n/2, "sum": n * (n - 1) / 2}; !maps.Equal(got, want) {
		t.Errorf("counters %v; want %v", got, want)
	}
}
