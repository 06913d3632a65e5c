package input_test

import (
	"strings"
	"testing"
	"time"

	"github.com/dedupe-dev/dedupe/internal/input"
)

// within fails t when fn takes longer than limit: the inputs below once took minutes.
func within(t *testing.T, limit time.Duration, fn func()) {
	t.Helper()
	start := time.Now()
	fn()
	if d := time.Since(start); d > limit {
		t.Errorf("took %v, want under %v", d, limit)
	}
}

// TestReadHTMLNested checks that deeply nested pages are skipped, naming the file, before the
// parser spends quadratic time on them (issue 19, item 1).
func TestReadHTMLNested(t *testing.T) {
	nested := func(open string, n int) string {
		return "<!doctype html><html><body>" + strings.Repeat(open, n) + "<p>x</p>\n"
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"d.html":          nested("<div>", 100_000),
		"d.txt":           nested("<div>", 100_000),
		"d2m.html.gz":     gzipped(t, nested("<div>", 2_000_000)),
		"lists.html":      nested("<li><ul>", 50_000),
		"tables.html":     nested("<div><table></div>", 30_000),
		"selfclosed.html": nested("<div/>", 100_000),
		"stray.html":      nested("<b><div>"+strings.Repeat("<span>", 1500), 1) + strings.Repeat("</b>", 1_000_000),
	})
	var res result
	within(t, 5*time.Second, func() {
		var err error
		if res, err = read(t, []string{dir}, input.Options{}); err != nil {
			t.Fatal(err)
		}
	})
	if len(res.docs) > 0 {
		t.Errorf("documents from nested pages: %+v", res.docs)
	}
	var names []string
	for _, s := range res.skips {
		names = append(names, s.Path)
		if s.Reason != "html nested deeper than 512 elements" {
			t.Errorf("%s: reason %q", s.Path, s.Reason)
		}
	}
	if want := "d.html d.txt d2m.html.gz lists.html selfclosed.html stray.html tables.html"; strings.Join(names, " ") != want {
		t.Errorf("skipped %v, want %s", names, want)
	}
}

// TestReadHTMLSloppy checks that the depth estimate does not refuse pages that leave their
// paragraphs, list items and cells open, as old pages do.
func TestReadHTMLSloppy(t *testing.T) {
	const para = "The harbour crane collapsed onto the quay early on Tuesday morning. "
	body := strings.Repeat("<p><font face=arial>"+para, 3000) +
		"<ul>" + strings.Repeat("<li><p>"+para, 3000) + "</ul><table>" +
		strings.Repeat("<tr><td>"+para+"<td>x", 3000) + "</table><svg>" + strings.Repeat("<path d=M0/>", 3000)
	docs, skips := readStdin(t, []byte(page("<title>t</title>", body)), input.Options{Format: "html"})
	if len(docs) != 1 || len(skips) != 0 {
		t.Fatalf("got %d documents and skips %+v, want one document", len(docs), skips)
	}
}
