package scan_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/scan"
)

// recorder is an Observer that records each stage as "name total unit: done", done being the
// sum of the Advance calls made while the stage ran.
type recorder struct {
	mu     sync.Mutex
	docs   int
	stages []string
	totals []string
	done   []int
}

func (r *recorder) Read(int64) {
	r.mu.Lock()
	r.docs++
	r.mu.Unlock()
}

func (r *recorder) Stage(name string, total int, unit string) {
	r.mu.Lock()
	r.stages = append(r.stages, name)
	r.totals = append(r.totals, fmt.Sprintf("%d %s", total, unit))
	r.done = append(r.done, 0)
	r.mu.Unlock()
}

func (r *recorder) Advance(n int) {
	r.mu.Lock()
	r.done[len(r.done)-1] += n
	r.mu.Unlock()
}

// TestRunObserver checks the stages a scan of the seeds reports and their totals, the counts
// a progress bar shows: each counted stage advances by exactly its total, so that its bar
// ends at 100%, not short of it nor past it.
func TestRunObserver(t *testing.T) {
	t.Chdir("../../testdata/seeds")
	for _, drop := range []bool{false, true} {
		opts := scan.DefaultOptions()
		if drop {
			// Shingles in half the documents or more are left out of the signatures, which
			// needs a stage that counts them first; and sentences in two documents are
			// boilerplate (the default floor, 10, is above the five seeds), which adds the
			// stages that count and remove them.
			opts.ShingleDF, opts.BoilerplateMinDocs = 0.5, 2
		}
		var r recorder
		res, err := scan.Run(context.Background(), []string{"."}, nil, opts, &r)
		if err != nil {
			t.Fatal(err)
		}
		wantStages := []string{"reading", "counting words", "signing", "grouping candidates", "anchoring", "verifying"}
		wantTotals := []string{"0 ", "5 documents", "5 documents", fmt.Sprintf("%d bands", res.Bands), "5 documents", fmt.Sprintf("%d pairs", res.Candidates)}
		wantDone := []int{0, 5, 5, res.Bands, 5, res.Candidates}
		if drop {
			wantStages = slices.Insert(wantStages, 1, "counting boilerplate", "removing boilerplate")
			wantStages = slices.Insert(wantStages, 4, "counting shingles")
			wantTotals = slices.Insert(wantTotals, 1, "5 documents", "5 documents", "5 documents")
			wantDone = slices.Insert(wantDone, 1, 5, 5, 5)
		}
		if !slices.Equal(r.stages, wantStages) || !slices.Equal(r.totals, wantTotals) || !slices.Equal(r.done, wantDone) || r.docs != 5 {
			t.Errorf("ShingleDF %v: stages %q, totals %q, done %v, %d documents read;\nwant %q, %q, %v, 5",
				opts.ShingleDF, r.stages, r.totals, r.done, r.docs, wantStages, wantTotals, wantDone)
		}
		if res.Candidates == 0 || len(res.Pairs) == 0 || drop && res.Boilerplate == 0 {
			t.Errorf("%d candidates, %d pairs, %d boilerplate sentences; want some of each, for the test to mean something",
				res.Candidates, len(res.Pairs), res.Boilerplate)
		}
	}
}
