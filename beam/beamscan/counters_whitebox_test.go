package beamscan

import (
	"context"
	"maps"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
)

func init() {
	register.Function2x0[int, func(string, int64)](slowCountFn)
}

// slowCountFn counts element x as one "elements" and x "sum", and nothing as "none". It takes
// a millisecond, so that prism splits its stage into bundles that run at once.
func slowCountFn(x int, counts func(string, int64)) {
	time.Sleep(time.Millisecond)
	count(counts, "elements", 1)
	count(counts, "sum", x)
	count(counts, "none", 0)
}

// TestReportCounts counts 2,000 elements in a stage of many bundles, the case in which prism
// loses counts incremented in the stage (see reportCounts), and requires the exact sums as
// counters, in the dedupe namespace, and no counter for a name only ever counted 0.
func TestReportCounts(t *testing.T) {
	const n = 2000
	xs := make([]int, n)
	for i := range xs {
		xs[i] = i
	}
	p, s := beam.NewPipelineWithRoot()
	reportCounts(s, beam.ParDo(s, slowCountFn, beam.Reshuffle(s, beam.CreateList(s, xs))))
	res, err := prism.Execute(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, c := range res.Metrics().AllMetrics().Counters() {
		if c.Namespace() == Namespace {
			got[c.Name()] += c.Result()
		}
	}
	if want := map[string]int64{"elements": n, "sum": n * (n - 1) / 2}; !maps.Equal(got, want) {
		t.Errorf("counters %v; want %v", got, want)
	}
}
