package beamscan_test

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"

	"github.com/dedupe-dev/dedupe/beam/beamscan"
	"github.com/dedupe-dev/dedupe/internal/passages"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// TestPassagesWeek runs the passages pipeline on prism over a week of the labelled pages, the
// 379 front pages of 6, 8, 10 and 13 January 1916 in testdata/passages/pages, and requires the
// JSON lines of dedupe passages --format jsonl with the same options, byte for byte, and its
// stats as the pipeline's counters. The options are those the labels were read with: the
// series is the newspaper's id.
func TestPassagesWeek(t *testing.T) {
	if testing.Short() {
		t.Skip("a week of pages: skipped with -short")
	}
	dir := testfs.Abs(t, "../../testdata/passages/pages")
	o := passages.DefaultOptions()
	o.Series = `([^/]+)-ed-`

	// dedupe passages 19160106 19160108 19160110 19160113, from inside pages/.
	t.Chdir(dir)
	rep, err := passages.Find(context.Background(), []string{"19160106", "19160108", "19160110", "19160113"}, nil, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := passages.WriteJSONL(&want, rep); err != nil {
		t.Fatal(err)
	}
	st := rep.Stats
	wantCounts := beamscan.Counts{
		Documents: int64(st.Documents), Skipped: int64(st.Skipped), SharedNGrams: int64(st.SharedNGrams),
		Passages: int64(st.Passages), SeriesPassages: int64(st.SeriesPassages),
		Clusters: int64(st.Clusters), Occurrences: int64(st.Occurrences),
	}

	out := filepath.Join(t.TempDir(), "reprints.jsonl")
	p, s := beam.NewPipelineWithRoot()
	cfg := beamscan.PassagesConfig{Inputs: []string{filepath.Join(dir, "191601*", "*.txt.gz")}, Output: out, Options: o}
	if err := beamscan.BuildPassages(s, cfg); err != nil {
		t.Fatalf("BuildPassages: %v", err)
	}
	start := time.Now()
	res, err := prism.Execute(context.Background(), p)
	if err != nil {
		t.Fatalf("prism: %v", err)
	}
	t.Logf("prism: %v for %d pages", time.Since(start).Round(100*time.Millisecond), st.Documents+st.Skipped)
	got := testfs.ReadFile(t, out)
	if string(got) != want.String() {
		t.Errorf("beam reprint clusters differ from dedupe passages:\n got: %s\nwant: %s", abbrev(string(got)), abbrev(want.String()))
	}
	if c := beamscan.ReadCounts(res); c != wantCounts {
		t.Errorf("counts = %+v; want %+v", c, wantCounts)
	}
	// The week as measured when this test was written: a change to either side shows here.
	if st.Documents != 378 || st.Clusters != 426 || st.Occurrences != 1479 || st.SeriesPassages != 172 {
		t.Errorf("stats %+v; want 378 documents, 426 clusters, 1479 occurrences, 172 series passages", st)
	}
}
