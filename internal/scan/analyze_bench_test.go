package scan

import (
	"context"
	"fmt"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/normalize"
)

// BenchmarkAnalyzing measures the reading stage of a scan, issue 15's analysis: reading,
// normalising, stemming and sketching. "files" is the stage as a scan runs it (analyzeAll on
// the folder, 1 and 2 workers); "memory" analyses the same documents held in memory on one
// goroutine with one analyser (analyzeOne, the sketch and source ranges included), without
// reading them. It reads the folder in $ANALYZE_CORPUS (the 59,433 articles cut from the
// chronam-1916 pages, say, whose million OCR forms make the stem cache miss as a scan's
// does), else the pages in $CHRONAM_DIR/dates, else the 862 articles of
// testdata/chronam/articles. Each reports the process's CPU time a pass (cpu-ns/op) beside the
// wall time.
func BenchmarkAnalyzing(b *testing.B) {
	dir := benchCorpus("ANALYZE_CORPUS")
	ctx := context.Background()
	opts := DefaultOptions()
	var docs []input.Document
	err := input.Read(ctx, []string{dir}, nil, opts.Input,
		func(d input.Document) error { docs = append(docs, d); return nil },
		func(input.Skip) error { return nil })
	if err != nil {
		b.Fatal(err)
	}
	size := int64(0)
	for _, d := range docs {
		size += int64(len(d.Text))
	}
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("files/workers=%d", w), func(b *testing.B) {
			opts := opts
			opts.Workers = w
			b.SetBytes(size)
			defer reportCPU(b)()
			for b.Loop() {
				if err := analyzeAll(ctx, input.ReadPaths([]string{dir}, nil, opts.Input), &opts, noObserver{}, &Result{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("memory", func(b *testing.B) {
		an, err := normalize.New(opts.Language)
		if err != nil {
			b.Fatal(err)
		}
		var scratch normalize.Document
		b.SetBytes(size)
		defer reportCPU(b)()
		for b.Loop() {
			for _, d := range docs {
				analyzeOne(an, &scratch, d, &opts)
			}
		}
	})
}
