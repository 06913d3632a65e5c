package normalize

import (
	"slices"
	"testing"

	"github.com/zeebo/xxh3"

	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// BenchmarkDetect measures language detection alone on the English seeds, to compare with
// BenchmarkAnalyze: detection is what --lang auto adds to the analysis of each document.
func BenchmarkDetect(b *testing.B) {
	texts := testfs.ReadFiles(b, testfs.Glob(b, "../../testdata/seeds/*.txt"))
	n := 0
	for i, t := range texts {
		n += len(t)
		texts[i] = Text(t)
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

// TestStopLists checks that every embedded list loads and that every language but those of
// scripts without spaces and Tamil (a stemmer, no list) has stop words.
func TestStopLists(t *testing.T) {
	files, err := stopFiles.ReadDir("stopwords")
	if err != nil || len(files) != 45 {
		t.Fatalf("%d embedded lists (%v); want 45", len(files), err)
	}
	for _, f := range files {
		if n := len(stopFile(f.Name())); n < 25 {
			t.Errorf("%s: %d words", f.Name(), n)
		}
	}
	var all uint64
	for _, set := range stopProfile().sets {
		all |= set
	}
	var without []string
	for i, l := range languageTable {
		if all&(1<<i) == 0 {
			without = append(without, l.name)
		}
	}
	want := []string{"tamil", "burmese", "chinese", "japanese", "khmer", "lao", "thai"}
	if !slices.Equal(without, want) {
		t.Errorf("languages without stop words: %q; want %q", without, want)
	}
}

// TestProfileTable checks that the packed stop profile gives every stop word of three bytes or
// more its own set of languages, and nothing to words of no list.
func TestProfileTable(t *testing.T) {
	words := profileWords()
	table := stopProfile()
	n := 0
	for w, langs := range words {
		if len(w) < 3 || langs == 0 {
			continue
		}
		n++
		if got := table.get(xxh3.HashString(w)); got != langs {
			t.Errorf("get(%q) = %#x; want %#x", w, got, langs)
		}
	}
	for _, w := range []string{"earthquake", "sichuan", "erdbeben", "землетрясение", "zzz"} {
		if got := table.get(xxh3.HashString(w)); got != 0 {
			t.Errorf("get(%q) = %#x; want 0", w, got)
		}
	}
	t.Logf("%d words, %d slots (%d KiB), %d language sets", n, len(table.slots), len(table.slots)*8/1024, len(table.sets))
}
