package normalize

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkDetect measures language detection alone on the English seeds, to compare with
// BenchmarkAnalyze: detection is what --lang auto adds to the analysis of each document.
func BenchmarkDetect(b *testing.B) {
	paths, _ := filepath.Glob("../../testdata/seeds/*.txt")
	var texts []string
	n := 0
	for _, p := range paths {
		t, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, Text(string(t)))
		n += len(t)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, t := range texts {
			if detect(t).name != "english" {
				b.Fatal("not English")
			}
		}
	}
}
