package main

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// TestExtract: extract prints what scan reads from each input, the skipped ones listed, and
// its JSON Lines scan as the pages did: the seed articles as HTML pages give the same
// clusters either way; a record's name extracts the record.
func TestExtract(t *testing.T) {
	files := testfs.ReadDir(t, "../../testdata/html-seeds")
	files["nav.html"] = []byte(`<!DOCTYPE html><html><head><title>Bridge vote</title></head><body>` +
		`<nav><a href="/">Home</a> <a href="/s">Sport</a></nav><article><h1>Bridge vote</h1>` +
		`<p>The council voted on Monday to build the new bridge.</p></article></body></html>`)
	files["empty.html"] = nil
	testfs.WorkIn(t, files)

	code, out, errOut := dedupe(t, "extract", "nav.html", "empty.html")
	if want := "==> nav.html <==\nBridge vote\n\nThe council voted on Monday to build the new bridge.\n\n"; code != exitOK || out != want {
		t.Errorf("extract nav.html: exit %d, output %q; want 0 and %q", code, out, want)
	}
	for _, want := range []string{`skipped "empty.html": no article text found`, "dedupe: 1 document (", "extracted in", ", 1 skipped"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr %q; want it to hold %q", errOut, want)
		}
	}
	if code, _, _ := dedupe(t, "extract", "--strict", "-q", "empty.html"); code != exitError {
		t.Errorf("--strict with a skipped input: exit %d; want %d", code, exitError)
	}

	code, _, errOut = dedupe(t, "extract", "--format", "jsonl", "-o", "pages.jsonl", "--exclude", "nav.html", ".")
	if code != exitOK {
		t.Fatalf("extract --format jsonl: exit %d: %s", code, errOut)
	}
	var rec struct{ ID, Title, Format, Text string }
	first, _, _ := strings.Cut(testfs.ReadFiles(t, []string{"pages.jsonl"})[0], "\n")
	if err := json.Unmarshal([]byte(first), &rec); err != nil ||
		rec.ID != "000_92edbd9511bc3411.html" || rec.Format != "html" || rec.Title == "" || !strings.HasPrefix(rec.Text, rec.Title) {
		t.Errorf("first record %+v (%v); want the first page's, its title first in its text", rec, err)
	}
	sizes := func(args ...string) []int {
		t.Helper()
		code, out, errOut := dedupe(t, append([]string{"scan", "-q"}, args...)...)
		if code != exitOK {
			t.Fatalf("scan %q: exit %d: %s", args, code, errOut)
		}
		var rep struct {
			Clusters []struct{ Members []json.RawMessage }
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		var n []int
		for _, c := range rep.Clusters {
			n = append(n, len(c.Members))
		}
		return n
	}
	pages, records := sizes("--exclude", "nav.html", "--exclude", "empty.html", "--exclude", "pages.jsonl", "."), sizes("pages.jsonl")
	if len(pages) == 0 || !slices.Equal(pages, records) {
		t.Errorf("cluster sizes: pages %v, their extracted records %v; want the same, at least one cluster", pages, records)
	}

	// A record named as scan names it is extracted alone, in its place among the inputs.
	code, out, errOut = dedupe(t, "extract", "-q", "pages.jsonl#001_d7e9e624c01eeb52.html", "nav.html")
	if heads := regexp.MustCompile(`(?m)^==> [^ ]*`).FindAllString(out, -1); code != exitOK ||
		!slices.Equal(heads, []string{"==> pages.jsonl#001_d7e9e624c01eeb52.html", "==> nav.html"}) {
		t.Errorf("extract of a record and a page: exit %d, stderr %q, the documents %q; want 0, the record, then the page", code, errOut, heads)
	}
	// Standard output written to a file it reads would grow as long as it is read.
	out2, err := os.Create("out.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer out2.Close()
	var stderr strings.Builder
	if code := run([]string{"extract", "."}, streams{In: strings.NewReader(""), Out: out2, Err: &stderr}); code != exitError ||
		!strings.Contains(stderr.String(), "standard output is one of the inputs") {
		t.Errorf("extract . > out.txt: exit %d, stderr %q; want 2 and standard output named as an input", code, stderr.String())
	}
	stderr.Reset()
	appended, err := os.OpenFile("pages.jsonl", os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer appended.Close()
	if code := run([]string{"extract", "pages.jsonl#001_d7e9e624c01eeb52.html"}, streams{In: strings.NewReader(""), Out: appended, Err: &stderr}); code != exitError ||
		!strings.Contains(stderr.String(), "standard output is one of the inputs") {
		t.Errorf("extract of a record >> its file: exit %d, stderr %q; want 2 and standard output named as an input", code, stderr.String())
	}
	code, _, errOut = dedupe(t, "extract", "pages.jsonl#nosuch")
	if want := `dedupe: "pages.jsonl#nosuch": no record named "nosuch" in "pages.jsonl"` + "\n"; code != exitError || errOut != want {
		t.Errorf("extract of a record not there: exit %d, stderr %q; want 2 and %q", code, errOut, want)
	}
}
