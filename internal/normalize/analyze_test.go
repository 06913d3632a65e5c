package normalize_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zeebo/xxh3"
	"golang.org/x/text/encoding/charmap"

	"github.com/dedupe-dev/dedupe/internal/cputime"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/testfs"
	"github.com/dedupe-dev/dedupe/tools/gencorpus/corpusgen"
)

func newAnalyzer(t testing.TB, lang string) *normalize.Analyzer {
	t.Helper()
	a, err := normalize.New(lang)
	if err != nil {
		t.Fatalf("New(%q): %v", lang, err)
	}
	return a
}

// tok is a token as a test expects it: its text, its term and stop flag.
type tok struct {
	text, term string
	stop       bool
}

func tokens(doc normalize.Document, a *normalize.Analyzer) []tok {
	var got []tok
	for _, tk := range doc.Tokens {
		w := doc.Text[tk.Start:tk.End]
		got = append(got, tok{w, a.Term(w), tk.Stop})
	}
	return got
}

func TestAnalyzeTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []tok
	}{
		{"600,000 troops", []tok{{"600,000", "600,000", false}, {"troops", "troop", false}}},
		{"3.5% growth, 1,200.50", []tok{{"3.5", "3.5", false}, {"growth", "growth", false}, {"1,200.50", "1,200.50", false}}},
		{"in 2022, 3", []tok{{"in", "in", true}, {"2022", "2022", false}, {"3", "3", false}}},
		{"U.S. officials", []tok{{"U.S.", "us", false}, {"officials", "offici", false}}},
		{"U.S.-Russian talks", []tok{{"U.S.", "us", false}, {"Russian", "russian", false}, {"talks", "talk", false}}},
		{"e.g. this", []tok{{"e.g.", "eg", false}, {"this", "this", true}}},
		{"don't stop", []tok{{"don't", "don't", true}, {"stop", "stop", false}}},
		{"Ukraine's army", []tok{{"Ukraine's", "ukrain", false}, {"army", "armi", false}}},
		{"it's theirs'", []tok{{"it's", "it", true}, {"theirs", "their", true}}},
		{"long-term", []tok{{"long", "long", false}, {"term", "term", false}}},
		{"The US, the U.S. and WHO", []tok{
			{"The", "the", true}, {"US", "us", false}, {"the", "the", true},
			{"U.S.", "us", false}, {"and", "and", true}, {"WHO", "who", false},
		}},
		{"Mr. Smith runs", []tok{{"Mr", "mr", false}, {"Smith", "smith", false}, {"runs", "run", false}}},
		{"COVID-19 in 1990's", []tok{{"COVID", "covid", false}, {"19", "19", false}, {"in", "in", true}, {"1990's", "1990", false}}},
		{"\u201CQuoted\u201D naïve café", []tok{{"Quoted", "quot", false}, {"naïve", "naïv", false}, {"café", "café", false}}},
		{"end. 'quote' (paren)", []tok{{"end", "end", false}, {"quote", "quot", false}, {"paren", "paren", false}}},
		{"", nil},
		{" -- ... ", nil},
	}
	a := newAnalyzer(t, "english")
	for _, tt := range tests {
		doc := a.Analyze(tt.in)
		if got := tokens(doc, a); !slices.Equal(got, tt.want) {
			t.Errorf("Analyze(%q) tokens = %v; want %v", tt.in, got, tt.want)
		}
		for _, tk := range doc.Tokens {
			term := a.Term(doc.Text[tk.Start:tk.End])
			if tk.Hash != xxh3.HashString(term) {
				t.Errorf("Analyze(%q): hash of %q is not xxh3 of its term %q", tt.in, doc.Text[tk.Start:tk.End], term)
			}
		}
	}
}

func TestAnalyzeSentences(t *testing.T) {
	in := "Mr. Putin met U.S. envoy Steve Witkoff on Tuesday. \"There's a good chance we can make a deal,\" " +
		"Trump said. Sanctions imposed by the U.S. The talks (in Geneva.) Went on! Dr. J. R. R. Tolkien " +
		"wasn't there? Growth was 3.5% in Jan. 2025, i.e. slow. Really?! Sens. Alan Cranston and " +
		"Reps. Jim Wright spoke.\r\nA heading\r\n\r\n" +
		"*** \nLast line without a stop"
	want := []string{
		"Mr. Putin met U.S. envoy Steve Witkoff on Tuesday.",
		"\"There's a good chance we can make a deal,\" Trump said.",
		"Sanctions imposed by the U.S.",
		"The talks (in Geneva.)",
		"Went on!",
		"Dr. J. R. R. Tolkien wasn't there?",
		"Growth was 3.5% in Jan. 2025, i.e. slow.",
		"Really?!",
		"Sens. Alan Cranston and Reps. Jim Wright spoke.",
		"A heading",
		"Last line without a stop",
	}
	a := newAnalyzer(t, "")
	doc := a.Analyze(in)
	var got []string
	next := int32(0)
	for _, s := range doc.Sentences {
		got = append(got, doc.Text[s.Start:s.End])
		if s.First != next || s.Last <= s.First {
			t.Errorf("sentence %q has tokens [%d, %d); want to start at %d", doc.Text[s.Start:s.End], s.First, s.Last, next)
		}
		next = s.Last
	}
	if next != int32(len(doc.Tokens)) {
		t.Errorf("sentences cover %d tokens; want %d", next, len(doc.Tokens))
	}
	if !slices.Equal(got, want) {
		t.Errorf("sentences:\n%q\nwant:\n%q", got, want)
	}
}

// TestAnalyzeWindows1252 checks that a text decoded from Windows-1252, with
// its curly quotes, dashes, no-break space and ellipsis, analyses exactly as
// its plain UTF-8 twin.
func TestAnalyzeWindows1252(t *testing.T) {
	cp1252 := "\x93There\x92s a good chance,\x94 he said \x96 the U.S.\xa0envoy\x85 \x91Long\x97term\x92 talks."
	decoded, err := charmap.Windows1252.NewDecoder().String(cp1252)
	if err != nil {
		t.Fatal(err)
	}
	twin := "\"There's a good chance,\" he said - the U.S. envoy... 'Long-term' talks."
	if decoded == twin {
		t.Fatalf("decoded text %q has no typography to fold", decoded)
	}
	a := newAnalyzer(t, "english")
	got, want := a.Analyze(decoded), a.Analyze(twin)
	if got.Text != want.Text {
		t.Errorf("Text = %q; want %q", got.Text, want.Text)
	}
	if !slices.Equal(got.Tokens, want.Tokens) || len(got.Tokens) != 12 {
		t.Errorf("tokens differ:\n%v\n%v", got.Tokens, want.Tokens)
	}
	if !slices.Equal(got.Sentences, want.Sentences) {
		t.Errorf("sentences differ:\n%v\n%v", got.Sentences, want.Sentences)
	}
}

func TestTerm(t *testing.T) {
	tests := []struct {
		lang, word, want string
	}{
		{"english", "running", "run"},
		{"english", "Running", "run"},
		{"english", "U.S.", "us"},
		{"english", "US", "us"},
		{"english", "Ukraine\u2019s", "ukrain"},
		{"english", "600,000", "600,000"},
		{"english", "ﬁnancial", "financi"},
		{"english", "", ""},
		{"french", "continuellement", "continuel"},
		{"spanish", "corriendo", "corr"},
		// Languages added with the blevesearch stemmers; Korean words are units.
		{"german", "Häuser", "haus"},
		{"italian", "governi", "govern"},
		{"dutch", "maatregelen", "maatregel"},
		{"portuguese", "governos", "govern"},
		{"turkish", "kitaplar", "kitap"},
		{"arabic", "المعلمون", "معلم"},
		{"arabic", "الكتاب", "كتاب"},
		{"korean", "정부는", "정부는"},
	}
	for _, tt := range tests {
		a := newAnalyzer(t, tt.lang)
		if got := a.Term(tt.word); got != tt.want {
			t.Errorf("New(%q).Term(%q) = %q; want %q", tt.lang, tt.word, got, tt.want)
		}
	}
}

func TestStopWordsByLanguage(t *testing.T) {
	tests := []struct {
		lang, in string
		stops    []bool
	}{
		{"english", "the deal of the century", []bool{true, false, true, true, false}},
		{"french", "la paix et le plan", []bool{true, false, true, true, false}},
		{"spanish", "el plan de paz", []bool{true, false, true, false}},
	}
	for _, tt := range tests {
		a := newAnalyzer(t, tt.lang)
		var got []bool
		for _, tk := range a.Analyze(tt.in).Tokens {
			got = append(got, tk.Stop)
		}
		if !slices.Equal(got, tt.stops) {
			t.Errorf("New(%q).Analyze(%q) stop flags = %v; want %v", tt.lang, tt.in, got, tt.stops)
		}
	}
}

func TestLanguages(t *testing.T) {
	got := normalize.Languages()
	if len(got) != 52 || !slices.IsSorted(got) || slices.Contains(got, normalize.Auto) {
		t.Errorf("Languages() = %q; want 52 names, sorted, without auto", got)
	}
	for _, lang := range append(got, normalize.Auto) {
		if _, err := normalize.New(lang); err != nil || !normalize.IsLanguage(lang) {
			t.Errorf("New(%q): %v, IsLanguage %v", lang, err, normalize.IsLanguage(lang))
		}
	}
}

func TestNewUnknownLanguage(t *testing.T) {
	a, err := normalize.New("klingon")
	if err == nil || a != nil || normalize.IsLanguage("klingon") {
		t.Fatalf("New(\"klingon\") = %v, %v; want an error", a, err)
	}
	want := `unknown language "klingon" (valid: auto, afrikaans, arabic, basque, `
	if !strings.HasPrefix(err.Error(), want) || !strings.HasSuffix(err.Error(), ", urdu, vietnamese)") {
		t.Errorf("New(\"klingon\") error = %q; want it to list auto and the languages", err)
	}
}

// TestAnalyzeCacheConsistent checks that hashes do not depend on what the
// Analyzer has seen before.
func TestAnalyzeCacheConsistent(t *testing.T) {
	seeds := readSeeds(t)
	warm := newAnalyzer(t, "english")
	for _, s := range seeds {
		warm.Analyze(s)
	}
	for _, s := range seeds {
		got, want := warm.Analyze(s), newAnalyzer(t, "english").Analyze(s)
		if !slices.Equal(got.Tokens, want.Tokens) || !slices.Equal(got.Sentences, want.Sentences) {
			t.Errorf("warm and cold analyzers differ on %.40q", s)
		}
	}
}

// TestAnalyzeInto reuses one Document for texts long and short, empty included, and expects
// what Analyze gives for each.
func TestAnalyzeInto(t *testing.T) {
	a := newAnalyzer(t, "english")
	texts := append(readSeeds(t), "", "Short one. Two.", "")
	texts = append(texts, readSeeds(t)[0])
	var doc normalize.Document
	for _, s := range texts {
		a.AnalyzeInto(&doc, s)
		want := a.Analyze(s)
		if doc.Text != want.Text || !slices.Equal(doc.Tokens, want.Tokens) || !slices.Equal(doc.Sentences, want.Sentences) {
			t.Errorf("AnalyzeInto(%.40q) = %d tokens, %d sentences; Analyze gives %d, %d", s, len(doc.Tokens), len(doc.Sentences), len(want.Tokens), len(want.Sentences))
		}
	}
	// Only the normalised text may be new: the seed has curly quotes that Text replaces.
	if n := testing.AllocsPerRun(20, func() { a.AnalyzeInto(&doc, texts[0]) }); n > 1 {
		t.Errorf("AnalyzeInto with warm buffers allocates %v times; want at most 1", n)
	}
}

// TestAnalyzeAllocs guards the hot path: once the words are cached, a
// document costs a fixed handful of allocations however long it is.
func TestAnalyzeAllocs(t *testing.T) {
	a := newAnalyzer(t, "english")
	for _, s := range readSeeds(t) {
		a.Analyze(s)
		if n := testing.AllocsPerRun(20, func() { a.Analyze(s) }); n > 3 {
			t.Errorf("Analyze(%.40q) allocates %v times; want at most 3", s, n)
		}
	}
}

func readSeeds(tb testing.TB) []string {
	tb.Helper()
	return testfs.ReadFiles(tb, testfs.Glob(tb, "../../testdata/seeds/*.txt"))
}

func BenchmarkAnalyze(b *testing.B) { benchmarkAnalyze(b, "english") }

// BenchmarkAnalyzeAuto is BenchmarkAnalyze with the language detected, the default.
func BenchmarkAnalyzeAuto(b *testing.B) { benchmarkAnalyze(b, normalize.Auto) }

func benchmarkAnalyze(b *testing.B, lang string) {
	seeds := readSeeds(b)
	a := newAnalyzer(b, lang)
	n := 0
	for _, s := range seeds {
		n += len(s)
		if len(a.Analyze(s).Tokens) == 0 {
			b.Fatalf("no tokens in %.40q", s)
		}
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range seeds {
			a.Analyze(s)
		}
	}
}

// BenchmarkAnalyzeCorpus analyses generated articles: unlike the five seeds,
// their vocabulary is that of a large corpus, so the stem cache is measured
// with the misses and memory traffic of a real scan.
func BenchmarkAnalyzeCorpus(b *testing.B) {
	c, err := corpusgen.New(corpusgen.Config{N: 100000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	texts := make([]string, 10000)
	for i := range texts {
		art := c.Article(i * 10)
		texts[i] = string(art.Document())
	}
	benchmarkAnalyzeInto(b, "english", texts)
}

// benchmarkAnalyzeInto measures AnalyzeInto on texts in lang, into one Document reused as a
// scan's worker reuses it. Besides the wall time it reports the CPU time of the process an
// operation (cpu-ns/op, on Unix), which other programs on a shared machine inflate far less.
func benchmarkAnalyzeInto(b *testing.B, lang string, texts []string) {
	a := newAnalyzer(b, lang)
	var doc normalize.Document
	n := 0
	for _, s := range texts {
		n += len(s)
		a.AnalyzeInto(&doc, s) // fills the stem caches and, for Auto, builds the stop profile
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	cpu := cputime.Process()
	for b.Loop() {
		for _, s := range texts {
			a.AnalyzeInto(&doc, s)
		}
	}
	if cpu > 0 {
		b.ReportMetric(float64(cputime.Process()-cpu)/float64(b.N), "cpu-ns/op")
	}
}

func BenchmarkText(b *testing.B) {
	s := strings.Join(readSeeds(b), "\n")
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		normalize.Text(s)
	}
}

// BenchmarkAnalyzeChronam analyses real newspaper text, OCR noise and all: the front pages of
// the first days of January 1916 in $CHRONAM_DIR (the chronam-1916 dataset that
// scripts/bench-real.sh scans; skipped without it), read into memory first. Its vocabulary
// (a million surface forms over two months, most seen once) is what a scan of real text meets,
// so the stem cache's misses weigh as they do there.
func BenchmarkAnalyzeChronam(b *testing.B) {
	dir := os.Getenv("CHRONAM_DIR")
	if dir == "" {
		b.Skip("CHRONAM_DIR is not set")
	}
	paths, err := filepath.Glob(filepath.Join(dir, "dates", "1916010[1-9]", "*.txt"))
	if err != nil || len(paths) == 0 {
		b.Skipf("no pages under %s/dates: %v", dir, err)
	}
	benchmarkAnalyzeInto(b, normalize.Auto, testfs.ReadFiles(b, paths))
}

// BenchmarkAnalyzeArticles analyses the 862 OCR articles of testdata/chronam/articles (English
// newspaper text of 1916), read into memory first, once with the language fixed and once
// detected per document: the ratio of auto to english is what detection adds to the analysis
// of English text (issue 16 allows 10%). -count runs each of the two its times in a row; on a
// busy machine alternate them and compare the medians of cpu-ns/op:
//
//	for i in 1 2 3 4 5; do for l in english auto; do
//		go test -run '^$' -bench "AnalyzeArticles/$l\$" ./internal/normalize; done; done
func BenchmarkAnalyzeArticles(b *testing.B) {
	paths, err := filepath.Glob("../../testdata/chronam/articles/*/*.txt")
	if err != nil || len(paths) != 862 {
		b.Fatalf("%d articles (%v); want 862", len(paths), err)
	}
	texts := testfs.ReadFiles(b, paths)
	for _, lang := range []string{"english", normalize.Auto} {
		b.Run(lang, func(b *testing.B) { benchmarkAnalyzeInto(b, lang, texts) })
	}
}
