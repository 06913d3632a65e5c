package htmlreport_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/dedupe-dev/dedupe/internal/explain"
	"github.com/dedupe-dev/dedupe/internal/htmlreport"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/testfs"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

const seedsDir = "../../testdata/seeds"

// seedReport runs the real pipeline on the seed articles: scan, report, comparisons.
func seedReport(t testing.TB, dir string) (*report.Report, map[[2]string]*explain.Comparison) {
	t.Helper()
	opts := scan.DefaultOptions()
	paths := []string{dir}
	res, err := scan.Run(context.Background(), paths, nil, opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep := res.Report(&opts, false)
	cmps, err := htmlreport.Comparisons(context.Background(), rep, paths, nil, opts, res.Weights, 0)
	if err != nil {
		t.Fatal(err)
	}
	return rep, cmps
}

// render runs write and parses what it wrote.
func render(t *testing.T, write func(*bytes.Buffer) error) *html.Node {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		t.Fatal(err)
	}
	return parse(t, &buf)
}

// parse parses the HTML that r holds, a page or a fragment of one, failing t if it does not
// parse.
func parse(t *testing.T, r io.Reader) *html.Node {
	t.Helper()
	doc, err := html.Parse(r)
	if err != nil {
		t.Fatalf("the HTML does not parse: %v", err)
	}
	return doc
}

// parseFile parses the HTML file name, failing t if it cannot be read or parsed.
func parseFile(t *testing.T, name string) *html.Node {
	t.Helper()
	b := testfs.ReadFile(t, name)
	return parse(t, bytes.NewReader(b))
}

// find returns the elements under n, in document order, for which match is true.
func find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && match(d) {
			out = append(out, d)
		}
	}
	return out
}

// tag matches elements by name and, when class is not empty, by one of their classes.
func tag(name, class string) func(*html.Node) bool {
	return func(n *html.Node) bool {
		return n.Data == name && (class == "" || slices.Contains(strings.Fields(attr(n, "class")), class))
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	return slices.ContainsFunc(n.Attr, func(a html.Attribute) bool { return a.Key == key })
}

func text(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

// checkSelfContained checks that the page loads nothing and links only within itself or, when
// allowed says so, to the given URL, and that it holds the given number of scripts, all inline.
func checkSelfContained(t *testing.T, doc *html.Node, scripts int, allowed func(href string) bool) {
	t.Helper()
	ids := map[string]bool{}
	for _, n := range find(doc, func(*html.Node) bool { return true }) {
		if id := attr(n, "id"); id != "" {
			if ids[id] {
				t.Errorf("id %q is not unique", id)
			}
			ids[id] = true
		}
		for _, key := range []string{"src", "srcset", "action", "poster", "data", "background"} {
			if hasAttr(n, key) {
				t.Errorf("<%s %s=%q> loads a resource", n.Data, key, attr(n, key))
			}
		}
		if n.Data == "link" || n.Data == "iframe" || n.Data == "img" || n.Data == "object" || n.Data == "embed" {
			t.Errorf("page has a <%s> element", n.Data)
		}
	}
	links := find(doc, func(n *html.Node) bool { return hasAttr(n, "href") })
	for _, n := range links {
		href := attr(n, "href")
		if (!strings.HasPrefix(href, "#") || !ids[href[1:]]) && (allowed == nil || !allowed(href)) {
			t.Errorf("href %q is not a fragment of the page", href)
		}
	}
	if got := len(find(doc, tag("script", ""))); got != scripts {
		t.Errorf("%d scripts; want %d", got, scripts)
	}
	for _, n := range find(doc, func(n *html.Node) bool { return n.Data == "style" || n.Data == "script" }) {
		for _, bad := range []string{"url(", "@import", "http:", "https:", "fetch(", "XMLHttpRequest"} {
			if strings.Contains(text(n), bad) {
				t.Errorf("<%s> holds %q", n.Data, bad)
			}
		}
	}
	csp := find(doc, func(n *html.Node) bool { return n.Data == "meta" && attr(n, "http-equiv") == "Content-Security-Policy" })
	if len(csp) != 1 || !strings.Contains(attr(csp[0], "content"), "default-src 'none'") {
		t.Errorf("no Content-Security-Policy with default-src 'none'")
	}
}

// checkSideBySide checks the table of comparison c: every sentence of each text once, in order,
// in its column; every aligned pair on one row, linked both ways. It returns the marks.
func checkSideBySide(t *testing.T, table *html.Node, c *explain.Comparison) []*html.Node {
	t.Helper()
	var gotA, gotB []string
	aligned := 0
	for _, tr := range find(table, tag("tr", "")) {
		cells := find(tr, tag("td", ""))
		if len(cells) != 3 {
			continue // the header row
		}
		for col, got := range map[int]*[]string{0: &gotA, 2: &gotB} {
			for _, p := range find(cells[col], tag("p", "s")) {
				num := find(p, func(n *html.Node) bool { return slices.Contains(strings.Fields(attr(n, "class")), "n") })[0]
				*got = append(*got, strings.TrimPrefix(text(p), text(num)+" "))
			}
		}
		pa, pb := find(cells[0], tag("p", "s")), find(cells[2], tag("p", "s"))
		if attr(tr, "class") == "gap" {
			continue
		}
		aligned++
		if len(pa) != 1 || len(pb) != 1 {
			t.Fatalf("aligned row with %d and %d sentences; want 1 and 1", len(pa), len(pb))
		}
		if la, lb := find(pa[0], tag("a", "n")), find(pb[0], tag("a", "n")); len(la) != 1 || len(lb) != 1 ||
			attr(la[0], "href") != "#"+attr(pb[0], "id") || attr(lb[0], "href") != "#"+attr(pa[0], "id") {
			t.Errorf("row %d: partners are not linked both ways", aligned)
		}
	}
	if !slices.Equal(gotA, c.A.Sentences) {
		t.Errorf("left column holds %d sentences; want %d", len(gotA), len(c.A.Sentences))
	}
	if !slices.Equal(gotB, c.B.Sentences) {
		t.Errorf("right column holds %d sentences; want %d", len(gotB), len(c.B.Sentences))
	}
	if aligned != len(c.Aligned) {
		t.Errorf("%d aligned rows; want %d", aligned, len(c.Aligned))
	}
	return find(table, tag("mark", ""))
}

func countClasses(marks []*html.Node) map[string]int {
	n := map[string]int{}
	for _, m := range marks {
		n[attr(m, "class")]++
	}
	return n
}

// compareFiles compares two files as dedupe compare does with the defaults.
func compareFiles(t testing.TB, a, b string) *explain.Comparison {
	t.Helper()
	ta := testfs.ReadFile(t, a)
	tb := testfs.ReadFile(t, b)
	return compareTexts(t, a, b, string(ta), string(tb))
}

func compareTexts(t testing.TB, pathA, pathB, a, b string) *explain.Comparison {
	t.Helper()
	an := normalize.TestAnalyzer(t)
	v := verify.TestVerifier(t)
	c, err := explain.Compare(t.Context(), an, v, explain.Document{Path: pathA}, explain.Document{Path: pathB}, a, b)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestWriteComparison(t *testing.T) {
	a, b := filepath.Join(seedsDir, "000_92edbd9511bc3411.txt"), filepath.Join(seedsDir, "002_c22d86bcb2118a91.txt")
	c := compareFiles(t, a, b)
	doc := render(t, func(buf *bytes.Buffer) error { return htmlreport.WriteComparison(buf, c) })
	checkSelfContained(t, doc, 0, nil)

	if got, want := text(find(doc, tag("title", ""))[0]), "dedupe compare: "+a+" and "+b; got != want {
		t.Errorf("title %q; want %q", got, want)
	}
	if got, want := text(find(doc, tag("p", "lede"))[0]), "Duplicates: rewrite (score 0.92)."; got != want {
		t.Errorf("verdict %q; want %q", got, want)
	}
	tables := find(doc, tag("table", "sbs"))
	if len(tables) != 1 {
		t.Fatalf("%d side-by-side tables; want 1", len(tables))
	}
	if len(find(doc, tag("details", "compare"))) != 0 {
		t.Error("the only comparison of the page is collapsed")
	}
	marks := countClasses(checkSideBySide(t, tables[0], c))
	if marks["verbatim"] == 0 || marks["rewrite"] == 0 || marks["verbatim"]+marks["rewrite"] <= 10 {
		t.Errorf("marks by class %v; want more than 10 with both verbatim and rewrite", marks)
	}
	// Each text cell runs as its text goes: Arabic and Hebrew right to left.
	for _, td := range find(tables[0], tag("td", "")) {
		if dir := attr(td, "dir"); dir != "auto" && !strings.Contains(attr(td, "class"), "match") {
			t.Errorf("a text cell of the side by side has dir %q; want auto", dir)
			break
		}
	}
}

// TestWriteComparisonFirstAligned: a page whose first aligned sentences come after others
// links to them above the table; one that aligns from the start does not.
func TestWriteComparisonFirstAligned(t *testing.T) {
	link := func(c *explain.Comparison) []string {
		doc := render(t, func(buf *bytes.Buffer) error { return htmlreport.WriteComparison(buf, c) })
		var hrefs []string
		for _, p := range find(doc, tag("p", "note")) {
			if strings.Contains(text(p), "The first aligned sentences") {
				for _, a := range find(p, tag("a", "")) {
					hrefs = append(hrefs, attr(a, "href"))
				}
			}
		}
		return hrefs
	}
	story := "The harbour board met on Monday and voted to dredge the channel. Ships of deep draught ran aground twice this winter, the pilots said. The work will begin in the spring."
	if got := link(compareTexts(t, "a", "b", story, story)); len(got) != 0 {
		t.Errorf("texts aligned from their first sentences: links %q; want none", got)
	}
	late := compareTexts(t, "a", "b", "An unrelated line about the weather. Another about the markets. "+story, story)
	if got, want := link(late), fmt.Sprintf("#cmp-a%d", late.Aligned[0].A+1); len(got) != 1 || got[0] != want || late.Aligned[0].A == 0 {
		t.Errorf("a story after two other sentences: links %q, first aligned A%d; want one to %s", got, late.Aligned[0].A+1, want)
	}
}

// TestWriteComparisonEscapes feeds markup through the paths and sentences of a comparison.
func TestWriteComparisonEscapes(t *testing.T) {
	const evil = `"><script>alert(1)</script><img src=x onerror=alert(1)><a href="https://example.com">x</a>`
	sentence := "The minister said the talks would resume next week in Geneva " + evil + ". "
	body := strings.Repeat(sentence, 3)
	c := compareTexts(t, evil+"a", evil+"b", body, body)
	doc := render(t, func(buf *bytes.Buffer) error { return htmlreport.WriteComparison(buf, c) })
	checkSelfContained(t, doc, 0, nil)
	if !strings.Contains(text(doc), evil) {
		t.Error("the markup in the texts is not shown as text")
	}
}

func TestWriteComparisonBadAlignment(t *testing.T) {
	tests := []struct {
		name    string
		aligned []explain.SentencePair
	}{
		{"decreasing in A", []explain.SentencePair{{A: 1, B: 0}, {A: 0, B: 1}}},
		{"decreasing in B", []explain.SentencePair{{A: 0, B: 1}, {A: 1, B: 0}}},
		{"one sentence twice", []explain.SentencePair{{A: 0, B: 0}, {A: 0, B: 1}}},
		{"past the end of A", []explain.SentencePair{{A: 2, B: 0}}},
		{"past the end of B", []explain.SentencePair{{A: 0, B: 2}}},
		{"negative", []explain.SentencePair{{A: -1, B: 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &explain.Comparison{
				A:       explain.Document{Path: "a", Sentences: []string{"One.", "Two."}},
				B:       explain.Document{Path: "b", Sentences: []string{"One.", "Two."}},
				Aligned: tt.aligned,
			}
			var buf bytes.Buffer
			if err := htmlreport.WriteComparison(&buf, c); err == nil || !strings.Contains(err.Error(), "out of order or out of range") {
				t.Errorf("WriteComparison(%v) = %v; want an out of order or out of range error", tt.aligned, err)
			}
		})
	}
	if err := htmlreport.WriteComparison(new(bytes.Buffer), nil); err == nil {
		t.Error("WriteComparison(nil) = nil; want an error")
	}
	if err := htmlreport.Write(context.Background(), filepath.Join(t.TempDir(), "r.html"), nil, nil); err == nil {
		t.Error("Write(nil report) = nil; want an error")
	}
}
