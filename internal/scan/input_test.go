package scan_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/testfs"
	"github.com/dedupe-dev/dedupe/tools/gencorpus/corpusgen"
)

var update = flag.Bool("update", false, "rewrite testdata/html-seeds from testdata/seeds in the first page's template, and docs/parameters.md from Specs")

// seed is one of the five seed articles with the metadata the HTML and JSONL fixtures give it.
type seed struct {
	name  string // file name without .txt
	id    string // "000".."004"
	title string
	date  time.Time // 000 is the earliest, so it must represent the cluster
	paras []string
}

// seedMeta gives each seed a headline and a publication time; 000 is published first.
var seedMeta = []struct {
	title string
	date  string
}{
	{"Witkoff in Moscow to meet Putin after weekend of Ukraine talks", "2025-12-01T06:30:00Z"},
	{"High-stakes US drive for Ukraine peace runs into firm constraints in Moscow", "2025-12-01T15:10:00Z"},
	{"Envoy heads to Kremlin as peace push enters decisive week", "2025-12-02T09:45:00Z"},
	{"Witkoff and Kushner arrive in Moscow for talks with Putin", "2025-12-01T11:00:00Z"},
	{"US envoys meet Putin as White House keeps negotiations alive", "2025-12-02T07:20:00Z"},
}

const seedDir = "../../testdata/seeds"

// readSeeds returns the seed articles in file order, split into non-empty paragraphs.
func readSeeds(t *testing.T) []seed {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(seedDir, "*.txt"))
	if err != nil || len(files) != len(seedMeta) {
		t.Fatalf("seeds: %d files, %v; want %d", len(files), err, len(seedMeta))
	}
	var out []seed
	for i, f := range files {
		b := testfs.ReadFile(t, f)
		s := seed{name: strings.TrimSuffix(filepath.Base(f), ".txt"), id: fmt.Sprintf("%03d", i), title: seedMeta[i].title}
		if s.date, err = time.Parse(time.RFC3339, seedMeta[i].date); err != nil {
			t.Fatal(err)
		}
		for _, p := range strings.Split(string(b), "\n") {
			if p = strings.TrimSpace(p); p != "" {
				s.paras = append(s.paras, p)
			}
		}
		out = append(out, s)
	}
	return out
}

// seedPage renders s in page, the page of the seed first: the template of a news site around
// the headline, the dates and the paragraphs (navigation with many links, a cookie banner,
// inline script and style, a comment, a related-stories aside and a footer). The template has
// one home, the first seed's page in testdata/html-seeds: to change it, edit that page and run
// with -update, which renders every seed in it again.
func seedPage(page []byte, first, s seed) ([]byte, error) {
	const byline, end = "</time></p>\n", "</article>\n"
	i, j := bytes.Index(page, []byte(byline)), bytes.Index(page, []byte(end))
	if i < 0 || j < i {
		return nil, fmt.Errorf("no article between %q and %q", byline, end)
	}
	e := html.EscapeString
	const day = "January 2, 2006"
	head := strings.NewReplacer(
		e(first.title), e(s.title),
		first.date.Format(time.RFC3339), s.date.Format(time.RFC3339),
		first.date.Format(day), s.date.Format(day),
	).Replace(string(page[:i+len(byline)]))
	b := bytes.NewBufferString(head)
	for _, p := range s.paras {
		fmt.Fprintf(b, "<p>%s</p>\n", e(p))
	}
	b.Write(page[j:])
	return b.Bytes(), nil
}

// TestHTMLSeeds scans the seeds saved as web pages (testdata/html-seeds, made by seedPage; run
// with -update after changing the first page or a seed): the page template must not add or
// hide evidence, and the published dates must make the earliest article, 000, the
// representative.
func TestHTMLSeeds(t *testing.T) {
	const dir = "../../testdata/html-seeds"
	seeds := readSeeds(t)
	template := testfs.ReadFile(t, filepath.Join(dir, seeds[0].name+".html"))
	for _, s := range seeds {
		page, err := seedPage(template, seeds[0], s)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(dir, s.name+".html")
		if *update {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(name, page, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if got, err := os.ReadFile(name); err != nil || !bytes.Equal(got, page) {
			t.Fatalf("%s is stale or missing (%v); run go test ./internal/scan -run TestHTMLSeeds -update", name, err)
		}
	}

	// Extraction keeps the article and its headline, nothing of the template: each page has at
	// least the words of its text file and at most the headline's words more (readability drops
	// a headline the body repeats, as 001's does).
	_, plain := clusters(t, seedDir)
	got, res := clusters(t, dir)
	for i, d := range res.Documents {
		if extra := d.Words - plain.Documents[i].Words; extra < 0 || extra > len(strings.Fields(d.Title)) {
			t.Errorf("%s: %d words, text file %d, title %q; want the text file's words plus at most the title", d.Path, d.Words, plain.Documents[i].Words, d.Title)
		}
	}
	want := [][]string{{"000_92edbd9511bc3411.html", "001_d7e9e624c01eeb52.html", "002_c22d86bcb2118a91.html"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("clusters = %v; want %v", got, want)
	}
	opts := scan.DefaultOptions()
	rep := res.Report(&opts, false)
	c := rep.Clusters[0]
	if c.Representative != want[0][0] || c.RepresentativeRule != "most_aligned" {
		t.Errorf("representative = %q by %q; want %q by %q", c.Representative, c.RepresentativeRule, want[0][0], "most_aligned")
	}
	if m := c.Members[0]; m.Date != seedMeta[0].date || m.Title == "" {
		t.Errorf("member %q: date %q, title %q; want date %q and a title", m.Path, m.Date, m.Title, seedMeta[0].date)
	}
}

// TestJSONLSeeds scans the seeds as one JSON Lines export, plain and gzipped.
func TestJSONLSeeds(t *testing.T) {
	var jsonl bytes.Buffer
	enc := json.NewEncoder(&jsonl)
	for _, s := range readSeeds(t) {
		rec := map[string]string{"id": s.id, "title": s.title, "date": s.date.Format(time.RFC3339), "text": strings.Join(s.paras, "\n\n")}
		if err := enc.Encode(rec); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		file string
		data []byte
	}{
		{"seeds.jsonl", jsonl.Bytes()},
		{"seeds.jsonl.gz", testfs.Gzip(t, jsonl.Bytes())},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, tt.file), tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			got, res := clusters(t, dir)
			want := [][]string{{tt.file + "#000", tt.file + "#001", tt.file + "#002"}}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("clusters = %v; want %v", got, want)
			}
			if len(res.Documents) != 5 || len(res.Skipped) != 0 {
				t.Errorf("%d documents, skipped %v; want 5 and none", len(res.Documents), res.Skipped)
			}
			opts := scan.DefaultOptions()
			if c := res.Report(&opts, false).Clusters[0]; c.Representative != want[0][0] || c.RepresentativeRule != "most_aligned" {
				t.Errorf("representative = %q by %q; want %q by most_aligned", c.Representative, c.RepresentativeRule, want[0][0])
			}
		})
	}
}

// TestWindows1252 scans seed 000 twice, as UTF-8 and as Windows-1252 (its curly quotes become
// the single bytes 0x91-0x94): both must give the same sketch, hence an exact pair, and the
// legacy decoding must be reported.
func TestWindows1252(t *testing.T) {
	b := testfs.ReadFile(t, filepath.Join(seedDir, "000_92edbd9511bc3411.txt"))
	if !bytes.ContainsRune(b, '’') {
		t.Fatal("seed 000 has no curly quote; the test needs one")
	}
	legacy, err := charmap.Windows1252.NewEncoder().Bytes(b)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string][]byte{"cp1252.txt": legacy, "utf8.txt": b})

	got, res := clusters(t, dir)
	want := [][]string{{"cp1252.txt", "utf8.txt"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("clusters = %v; want %v", got, want)
	}
	if a, b := res.Documents[0], res.Documents[1]; a.Encoding != "windows-1252" || !reflect.DeepEqual(a.Sketch, b.Sketch) {
		t.Errorf("%s read as %q; sketches equal: %v; want windows-1252 and equal", a.Path, a.Encoding, reflect.DeepEqual(a.Sketch, b.Sketch))
	}
	opts := scan.DefaultOptions()
	rep := res.Report(&opts, false)
	if r := rep.Clusters[0].Pairs[0].Relation; r != "exact" {
		t.Errorf("relation = %q; want exact", r)
	}
	if len(rep.Warnings) != 1 || rep.Warnings[0].Path != "cp1252.txt" || !strings.Contains(rep.Warnings[0].Message, "decoded as Windows-1252") {
		t.Errorf("warnings = %+v; want one for cp1252.txt saying decoded as Windows-1252", rep.Warnings)
	}
}

// banner and footer are what one outlet prints around every story.
const (
	banner = "NEW You can now listen to Daily Ledger articles! Sign up for our morning briefing."
	footer = `Before you go, we have a small favour to ask. Millions of readers turn to the Daily Ledger every month for independent, fact-checked journalism that is free for everyone to read. ` +
		`We have no billionaire owner and no shareholders, which means our reporting stays independent of commercial and political influence. ` +
		`That independence costs money: our reporters travel to the places that matter, our editors check every figure, and our lawyers defend our right to publish. ` +
		`Advertising covers less than half of what we spend, and it shrinks every year. ` +
		`If you value what you read here, please consider supporting us with a single donation or, better still, a small monthly contribution. ` +
		`Every gift, however modest, keeps our journalism open to those who cannot afford to pay for news. ` +
		`Supporting the Daily Ledger takes less than a minute, and you can cancel at any time. ` +
		`Thank you for reading, and thank you for standing with independent journalism when it needs you most.`
)

// boilerplateCorpus writes 50 generated articles of unrelated events plus one near-exact copy
// planted by corpusgen, all between the same banner and footer, and returns the folder and the
// names of the copy pair.
func boilerplateCorpus(t *testing.T) (dir string, pair []string) {
	t.Helper()
	c, err := corpusgen.New(corpusgen.Config{N: 1000, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	write := func(name string, a corpusgen.Article) {
		doc := banner + "\n\n" + string(a.Document()) + "\n" + footer + "\n"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The original and its near-exact copy of the first group that has one.
	var copyOf corpusgen.Article
	for i := range c.Len() {
		if a := c.Article(i); a.Kind == corpusgen.KindNearExact {
			copyOf = a
			break
		}
	}
	events := map[string]bool{copyOf.Event: true}
	for i := range c.Len() {
		if a := c.Article(i); a.Kind == corpusgen.KindOriginal && a.Group == copyOf.Group {
			write("original.txt", a)
		}
	}
	write("copy.txt", copyOf)
	// 49 unique articles, each about an event no other article reports.
	for i, n := 0, 0; n < 49 && i < c.Len(); i++ {
		if a := c.Article(i); a.Kind == corpusgen.KindUnique && !events[a.Event] {
			events[a.Event] = true
			write(fmt.Sprintf("u%02d.txt", n), a)
			n++
		}
	}
	return dir, []string{"copy.txt", "original.txt"}
}

// TestBoilerplate: a shared banner and a 150-word donation appeal must neither glue unrelated
// articles together nor hide a real copy among them.
func TestBoilerplate(t *testing.T) {
	if n := len(strings.Fields(footer)); n < 150 {
		t.Fatalf("footer has %d words; want at least 150", n)
	}
	dir, pair := boilerplateCorpus(t)

	got, res := clusters(t, dir)
	if len(res.Documents) != 51 {
		t.Fatalf("%d documents; want 51", len(res.Documents))
	}
	if want := [][]string{pair}; !reflect.DeepEqual(got, want) {
		t.Errorf("clusters = %v; want %v", got, want)
	}
	opts := scan.DefaultOptions()
	if n := res.Report(&opts, false).Stats.BoilerplateSentences; n == 0 {
		t.Errorf("boilerplate_sentences = 0; want the banner and footer sentences")
	}

	// With the filter off the footer alone must make unrelated articles look like copies,
	// or the test above proves nothing.
	opts.BoilerplateDF, opts.BoilerplateMinDocs = 1, 1000
	off := runIn(t, dir, opts)
	if off.Boilerplate != 0 {
		t.Errorf("filter off: %d boilerplate sentences; want 0", off.Boilerplate)
	}
	clustered := 0
	for _, c := range off.Clusters(opts.ClusterShare) {
		clustered += len(c.Members)
	}
	if len(off.Pairs) <= 1 || clustered <= 2 {
		t.Errorf("filter off: %d verified pairs, %d clustered documents; want the footer to add false ones", len(off.Pairs), clustered)
	}
	t.Logf("filter off: %d verified pairs, %d of %d documents clustered", len(off.Pairs), clustered, len(off.Documents))
}

// TestBoilerplateStripped: every sketch of a scan is the unfiltered one stripped of the
// sentences found in at least BoilerplateLimit documents, and the documents without them,
// which the scan does not hash twice, keep their own.
func TestBoilerplateStripped(t *testing.T) {
	dir, _ := boilerplateCorpus(t)
	// Two articles without the banner and the footer.
	for _, name := range []string{"u00.txt", "u01.txt"} {
		text := testfs.ReadFile(t, filepath.Join(dir, name))
		body := strings.TrimSuffix(strings.TrimPrefix(string(text), banner+"\n\n"), footer+"\n")
		if err := os.WriteFile(filepath.Join(dir, "plain-"+name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opts := scan.DefaultOptions()
	res := runIn(t, dir, opts)
	opts.BoilerplateDF, opts.BoilerplateMinDocs = 1, 1000
	off := runIn(t, dir, opts)
	docs := map[uint64]int{}
	for i := range off.Documents {
		for _, h := range scan.SentenceHashes(nil, &off.Documents[i].Sketch) {
			docs[h]++
		}
	}
	defaults := scan.DefaultOptions()
	limit := defaults.BoilerplateLimit(len(off.Documents))
	boiler := func(h uint64) bool { return docs[h] >= limit }
	kept := 0
	for i := range off.Documents {
		want := off.Documents[i].Sketch
		if !scan.StripBoilerplate(&want, boiler, nil) {
			kept++
		}
		if got := res.Documents[i].Sketch; !slices.Equal(got.Terms, want.Terms) || !slices.Equal(got.Ends, want.Ends) {
			t.Errorf("%s: the sketch differs from the unfiltered one stripped of the sentences of %d documents or more", res.Documents[i].Path, limit)
		}
	}
	if kept != 2 {
		t.Errorf("%d of %d documents hold no boilerplate; want the 2 without the banner and the footer", kept, len(off.Documents))
	}
}
