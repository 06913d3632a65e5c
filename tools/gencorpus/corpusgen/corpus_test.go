package corpusgen_test

import (
	"bufio"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/testfs"
	"github.com/dedupe-dev/dedupe/tools/gencorpus/corpusgen"
)

// testCorpus is the corpus most tests measure: big enough for the rates
// to show, small enough to build in well under a second.
var testCorpus = sync.OnceValue(func() []corpusgen.Article {
	c, err := corpusgen.New(corpusgen.Config{N: 4000, Seed: 7})
	if err != nil {
		panic(err)
	}
	arts := make([]corpusgen.Article, c.Len())
	for i := range arts {
		arts[i] = c.Article(i)
	}
	return arts
})

// originals maps each group to its original.
func originals(arts []corpusgen.Article) map[string]*corpusgen.Article {
	m := map[string]*corpusgen.Article{}
	for i := range arts {
		if arts[i].Kind == corpusgen.KindOriginal {
			m[arts[i].Group] = &arts[i]
		}
	}
	return m
}

// derived is a copy with the original it was made from.
type derived struct {
	corpusgen.Article
	orig *corpusgen.Article
}

// copiesOf returns the articles of the test corpus of one copy kind with their originals,
// failing t unless there are at least least of them to measure.
func copiesOf(t *testing.T, kind corpusgen.Kind, least int) []derived {
	t.Helper()
	arts := testCorpus()
	orig := originals(arts)
	var out []derived
	for _, a := range arts {
		if a.Kind == kind {
			out = append(out, derived{a, orig[a.Group]})
		}
	}
	if len(out) < least {
		t.Fatalf("%d %s copies; want at least %d to measure", len(out), kind, least)
	}
	return out
}

func paragraphs(text string) []string { return strings.Split(text, "\n\n") }

// sentences splits text into sentences. Generated sentences end in ". "
// and nothing else in them does: numbers like "3.5%" have no space after
// the point, and quotations end in `," said First Last.`.
func sentences(text string) []string {
	var out []string
	for _, p := range paragraphs(text) {
		for s := range strings.SplitSeq(strings.TrimSuffix(p, "."), ". ") {
			out = append(out, s+".")
		}
	}
	return out
}

func TestNewRejectsEmpty(t *testing.T) {
	for _, n := range []int{0, -1} {
		if _, err := corpusgen.New(corpusgen.Config{N: n}); err == nil {
			t.Errorf("New(N: %d) succeeded; want an error", n)
		}
	}
}

// treeHash hashes every file under dir, names and bytes, in walk order.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	testfs.WalkFiles(t, dir, func(rel string, b []byte) {
		fmt.Fprintf(h, "%s %d\n", rel, len(b))
		h.Write(b)
	})
	return fmt.Sprintf("%x", h.Sum(nil))
}

func writeCorpus(t *testing.T, n int, seed uint64, f corpusgen.Format) string {
	t.Helper()
	c, err := corpusgen.New(corpusgen.Config{N: n, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := c.Write(context.Background(), dir, f); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestWriteIsDeterministic writes 2,100 articles (two full chunks and a
// short one) in each format with every CPU, then with one, and wants the
// same bytes; another seed must give other bytes, which 10 articles show.
func TestWriteIsDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 4,200 articles in each format")
	}
	for _, f := range []corpusgen.Format{corpusgen.FormatTxt, corpusgen.FormatJSONL, corpusgen.FormatJSONLGz} {
		t.Run(string(f), func(t *testing.T) {
			a := treeHash(t, writeCorpus(t, 2100, 1, f))
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
			if b := treeHash(t, writeCorpus(t, 2100, 1, f)); a != b {
				t.Errorf("seed 1 gave %s, then %s with one worker", a, b)
			}
			if a, b := treeHash(t, writeCorpus(t, 10, 1, f)), treeHash(t, writeCorpus(t, 10, 2, f)); a == b {
				t.Errorf("seeds 1 and 2 gave the same corpus")
			}
		})
	}
}

// TestWriteLayout reads each format back and checks it against the truth
// and the articles.
func TestWriteLayout(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 1,248 articles in each format")
	}
	const n = 1248 // 1,200 news articles and 48 issues of series
	c, err := corpusgen.New(corpusgen.Config{N: 1200, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		format    corpusgen.Format
		firstPath string
		lastPath  string
	}{
		{corpusgen.FormatTxt, "000/0000000.txt", "001/0001247.txt"},
		{corpusgen.FormatJSONL, "part-000.jsonl#0000000", "part-000.jsonl#0001247"},
		{corpusgen.FormatJSONLGz, "part-000.jsonl.gz#0000000", "part-000.jsonl.gz#0001247"},
	}
	for _, tt := range tests {
		t.Run(string(tt.format), func(t *testing.T) {
			dir := t.TempDir()
			if err := c.Write(context.Background(), dir, tt.format); err != nil {
				t.Fatal(err)
			}
			truth := readTruth(t, filepath.Join(dir, "truth.jsonl"))
			if len(truth) != n {
				t.Fatalf("truth has %d records; want %d", len(truth), n)
			}
			if truth[0].Path != tt.firstPath || truth[n-1].Path != tt.lastPath {
				t.Errorf("truth paths %q ... %q; want %q ... %q", truth[0].Path, truth[n-1].Path, tt.firstPath, tt.lastPath)
			}
			for i, rec := range truth {
				a := c.Article(i)
				if rec != (corpusgen.TruthRecord{Path: c.Path(i, tt.format), Group: a.Group, Kind: a.Kind, Event: a.Event, Series: a.Series}) {
					t.Fatalf("truth record %d = %+v; article is %s %s %s", i, rec, a.Kind, a.Group, a.Event)
				}
			}
			if tt.format == corpusgen.FormatTxt {
				a := c.Article(n - 1)
				b := testfs.ReadFile(t, filepath.Join(dir, "docs", tt.lastPath))
				if string(b) != string(a.Document()) {
					t.Errorf("%s differs from Article(%d).Document()", tt.lastPath, n-1)
				}
				return
			}
			lines := readJSONL(t, filepath.Join(dir, "docs", "part-000."+string(tt.format)))
			if len(lines) != n {
				t.Fatalf("part holds %d lines; want %d", len(lines), n)
			}
			for _, i := range []int{0, 999, 1000, n - 1} {
				a := c.Article(i)
				want := jsonArticle{a.ID, a.Title, a.Date.Format("2006-01-02"), a.Text}
				if lines[i] != want {
					t.Errorf("line %d = %+v; want %+v", i, lines[i], want)
				}
			}
		})
	}
}

func TestWriteRefusesUsedDir(t *testing.T) {
	dir := writeCorpus(t, 10, 1, corpusgen.FormatTxt)
	c, _ := corpusgen.New(corpusgen.Config{N: 10, Seed: 1})
	if err := c.Write(context.Background(), dir, corpusgen.FormatTxt); err == nil {
		t.Error("Write into a corpus succeeded; want an error")
	}
}

func readTruth(t *testing.T, path string) []corpusgen.TruthRecord {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var recs []corpusgen.TruthRecord
	for dec := json.NewDecoder(f); dec.More(); {
		var r corpusgen.TruthRecord
		if err := dec.Decode(&r); err != nil {
			t.Fatal(err)
		}
		recs = append(recs, r)
	}
	return recs
}

type jsonArticle struct{ ID, Title, Date, Text string }

func readJSONL(t *testing.T, path string) []jsonArticle {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		sc = bufio.NewScanner(zr)
	}
	sc.Buffer(nil, 1<<20)
	var out []jsonArticle
	for sc.Scan() {
		var a jsonArticle
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestProportions(t *testing.T) {
	arts := testCorpus()[:4000] // the news articles; the issues follow
	kinds := map[corpusgen.Kind]int{}
	owners := map[string]map[string]bool{} // event -> groups and unique IDs
	for _, a := range arts {
		kinds[a.Kind]++
		if owners[a.Event] == nil {
			owners[a.Event] = map[string]bool{}
		}
		owners[a.Event][cmpOr(a.Group, a.ID)] = true
	}
	copies := 0
	for _, k := range []corpusgen.Kind{corpusgen.KindExact, corpusgen.KindNearExact, corpusgen.KindRewrite, corpusgen.KindPartial} {
		copies += kinds[k]
	}
	// Articles of an event that someone else reports too, and those of
	// them that are unique: independent reports a detector must not join.
	sameEvent, independent := 0, 0
	for _, a := range arts {
		if len(owners[a.Event]) > 1 {
			sameEvent++
			if a.Kind == corpusgen.KindUnique {
				independent++
			}
		}
	}
	n := float64(len(arts))
	tests := []struct {
		name     string
		got      float64
		min, max float64
	}{
		{"unique/all", float64(kinds[corpusgen.KindUnique]) / n, 0.66, 0.74},
		{"original/all", float64(kinds[corpusgen.KindOriginal]) / n, 0.08, 0.12},
		// Within 3.5 standard deviations of the planned 20/30/30/20%.
		{"exact/copies", float64(kinds[corpusgen.KindExact]) / float64(copies), 0.15, 0.25},
		{"near_exact/copies", float64(kinds[corpusgen.KindNearExact]) / float64(copies), 0.24, 0.36},
		{"rewrite/copies", float64(kinds[corpusgen.KindRewrite]) / float64(copies), 0.24, 0.36},
		{"partial/copies", float64(kinds[corpusgen.KindPartial]) / float64(copies), 0.15, 0.25},
		{"copies/original", float64(copies) / float64(kinds[corpusgen.KindOriginal]), 1.8, 2.2},
		{"same event, other owner/all", float64(sameEvent) / n, 0.20, 0.40},
		{"unique, same event, other owner/all", float64(independent) / n, 0.10, 0.30},
	}
	for _, tt := range tests {
		t.Logf("%s = %.3f", tt.name, tt.got)
		if tt.got < tt.min || tt.got > tt.max {
			t.Errorf("%s = %.3f; want in [%.2f, %.2f]", tt.name, tt.got, tt.min, tt.max)
		}
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func TestDates(t *testing.T) {
	arts := testCorpus()
	orig := originals(arts)
	for _, a := range arts {
		if a.Kind.IsCopy() && !orig[a.Group].Date.Before(a.Date) {
			t.Errorf("%s %s dated %s, its original %s", a.Kind, a.ID, a.Date, orig[a.Group].Date)
		}
	}
}

func TestArticleShape(t *testing.T) {
	stop := stopSet()
	var tokens, stops int
	for _, a := range testCorpus() {
		if got := len(strings.Fields(a.Title + " " + a.Text)); got != a.Words {
			t.Fatalf("article %s: Words = %d; the text has %d", a.ID, a.Words, got)
		}
		if a.Kind == corpusgen.KindTemplate {
			continue // issues have their layouts, see TestSeriesLayout
		}
		if a.Words < 300 || a.Words > 1500 {
			t.Errorf("%s article %s has %d words; want 300-1,500", a.Kind, a.ID, a.Words)
		}
		if strings.Contains(a.Title, "\n") {
			t.Errorf("article %s: title %q spans lines", a.ID, a.Title)
		}
		if a.Kind != corpusgen.KindUnique && a.Kind != corpusgen.KindOriginal {
			continue // copies' edits may lengthen paragraphs and sentences
		}
		for _, p := range paragraphs(a.Text) {
			if n := len(sentences(p)); n < 1 || n > 4 {
				t.Errorf("article %s: paragraph of %d sentences: %q", a.ID, n, p)
			}
		}
		for _, s := range sentences(a.Text) {
			words := strings.Fields(s)
			if len(words) < 8 || len(words) > 35 {
				t.Errorf("article %s: sentence of %d words: %q", a.ID, len(words), s)
			}
			for _, w := range words {
				tokens++
				if stop[strings.ToLower(strings.Trim(w, `",.`))] {
					stops++
				}
			}
		}
	}
	if share := float64(stops) / float64(tokens); share < 0.40 || share > 0.50 {
		t.Errorf("stop words are %.3f of the words; want about 0.45", share)
	}
}

func TestExactCopies(t *testing.T) {
	arts := testCorpus()
	orig := originals(arts)
	for _, a := range arts {
		if o := orig[a.Group]; a.Kind == corpusgen.KindExact && (a.Title != o.Title || a.Text != o.Text) {
			t.Errorf("exact copy %s differs from original %s", a.ID, o.ID)
		}
	}
}

// dateline matches a wire dateline: "KELVORA (Wire) - ".
var dateline = regexp.MustCompile(`^[A-Z]+ \([A-Za-z ]+\) - `)

func TestNearExactCopies(t *testing.T) {
	stop := stopSet()
	for _, a := range copiesOf(t, corpusgen.KindNearExact, 1) {
		o := a.orig
		body := a.Text
		if strings.HasPrefix(body, "By ") { // a byline paragraph
			body = body[strings.Index(body, "\n\n")+2:]
		}
		if !dateline.MatchString(body) {
			t.Errorf("near_exact %s has no dateline: %.60q", a.ID, body)
		}
		// The dateline spoils the first sentence and the byline is one
		// more; a cut paragraph drops at most 4 sentences.
		m := measureSpin(stop, sentences(o.Text), sentences(a.Text))
		if r := float64(m.replaced) / float64(m.content); m.replaced == 0 || r > 0.035 {
			t.Errorf("near_exact %s changed %d of %d content words of %s (%.3f); want 1-3%%", a.ID, m.replaced, m.content, o.ID, r)
		}
		if m.dropped > 5 || m.added > 3 {
			t.Errorf("near_exact %s dropped %d and added %d sentences of %s; want at most 5 and 3", a.ID, m.dropped, m.added, o.ID)
		}
		if d := a.Words - o.Words; d < -300 || d > 45 {
			t.Errorf("near_exact %s has %d words, its original %d", a.ID, a.Words, o.Words)
		}
	}
}

func BenchmarkArticle(b *testing.B) {
	c, err := corpusgen.New(corpusgen.Config{N: 100000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	size := 0
	for i := range 200 {
		a := c.Article(i)
		size += len(a.Document())
	}
	b.SetBytes(int64(size / 200))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		c.Article(i % c.Len())
		i++
	}
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "articles/s")
}

func BenchmarkWrite(b *testing.B) {
	const n = 5000
	c, err := corpusgen.New(corpusgen.Config{N: n, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range []corpusgen.Format{corpusgen.FormatTxt, corpusgen.FormatJSONL, corpusgen.FormatJSONLGz} {
		b.Run(string(f), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := c.Write(context.Background(), b.TempDir(), f); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}
