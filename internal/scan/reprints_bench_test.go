package scan_test

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/tools/gencorpus/corpusgen"
)

// BenchmarkReprints scans 6,240 generated articles and 250 copies of one of them, each with a
// line of its own before it and one word changed, and writes the JSON report. The story and its
// copies make one cluster of 31,375 pairs, as a story printed hundreds of times does; its cost
// grows with the square of the copies (docs/benchmarks.md, session 32: 1,000 copies among
// 25,000 documents took 57 s and 2.4 GB before the report was written in parts). The copies
// are under 5% of the documents, as a story's are in an archive: more, and their sentences
// would be the corpus's boilerplate.
func BenchmarkReprints(b *testing.B) {
	c, err := corpusgen.New(corpusgen.Config{N: 6000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	var story []string
	for i := range c.Len() {
		a := c.Article(i)
		if story == nil && a.Kind == corpusgen.KindOriginal {
			story = strings.Fields(string(a.Document()))
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%05d.txt", i)), a.Document(), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	const copies = 250
	for k := range copies {
		words := append([]string(nil), story...)
		words[k*7%len(words)] = fmt.Sprintf("own%d", k)
		words = append([]string{"Paper", fmt.Sprintf("No%d", k), "reports:"}, words...)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("copy%03d.txt", k)), []byte(strings.Join(words, " ")), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	opts := scan.DefaultOptions()
	var verified int
	for b.Loop() {
		res, err := scan.Run(b.Context(), []string{dir}, nil, opts, nil)
		if err != nil {
			b.Fatal(err)
		}
		if err := report.WriteJSON(io.Discard, res.Report(&opts, false)); err != nil {
			b.Fatal(err)
		}
		verified = len(res.Pairs)
	}
	b.ReportMetric(float64(verified), "verified-pairs")
}
