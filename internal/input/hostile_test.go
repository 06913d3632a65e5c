package input_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/testfs"
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
	testfs.WriteFiles(t, dir, map[string]string{
		"d.html":          nested("<div>", 100_000),
		"d.txt":           nested("<div>", 100_000),
		"d2m.html.gz":     testfs.Gzip(t, nested("<div>", 2_000_000)),
		"lists.html":      nested("<li><ul>", 50_000),
		"tables.html":     nested("<div><table></div>", 30_000),
		"selfclosed.html": nested("<div/>", 100_000),
		"stray.html":      nested("<b><div>"+strings.Repeat("<span>", 1500), 1) + strings.Repeat("</b>", 1_000_000),
	})
	var res result
	within(t, 5*time.Second, func() {
		var err error
		if res, err = readDir(t, dir, input.Options{}); err != nil {
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

// blankLines yields n bytes of empty lines, or endless ones for n < 0.
type blankLines struct{ n int64 }

func (b *blankLines) Read(p []byte) (int, error) {
	if b.n == 0 {
		return 0, io.EOF
	}
	if b.n > 0 {
		p = p[:min(int64(len(p)), b.n)]
		b.n -= int64(len(p))
	}
	for i := range p {
		p[i] = '\n'
	}
	return len(p), nil
}

// TestReadJSONLBounded checks the caps on lines and on bytes after gunzip: a few megabytes of
// gzip once held ten gigabytes of blank lines and read for more than ten minutes (issue 19,
// item 9). What comes before a cap is still read.
func TestReadJSONLBounded(t *testing.T) {
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestSpeed)
	zw.Write([]byte(`{"id":"a","text":"first"}` + "\n"))
	io.Copy(zw, &blankLines{n: 16 << 20})
	zw.Close()
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{"blank.jsonl.gz": gz.String()})
	tests := []struct {
		name  string
		paths []string
		stdin io.Reader
		opts  input.Options
		want  input.Skip
	}{
		{"lines", []string{"-"}, &blankLines{n: -1}, input.Options{Format: "jsonl", MaxLines: 1_000_000},
			input.Skip{Path: "-", Line: 1_000_001, Reason: "more than 1000000 lines (--max-lines), the rest is not read"}},
		{"bytes", []string{filepath.Join(dir, "blank.jsonl.gz")}, nil, input.Options{MaxFileBytes: 8 << 20},
			input.Skip{Path: filepath.Join(dir, "blank.jsonl.gz"), Line: 8<<20 - 24, Reason: "more than 8388608 bytes (--max-file-bytes), the rest is not read"}},
		{"text", []string{"-"}, &blankLines{n: -1}, input.Options{MaxFileBytes: 1 << 20},
			input.Skip{Path: "-", Reason: "more than 1048576 bytes (--max-file-bytes), the rest is not read"}},
	}
	for _, tt := range tests {
		var res result
		within(t, 5*time.Second, func() {
			var err error
			if res, err = readWith(t, tt.paths, tt.stdin, tt.opts); err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
		})
		if len(res.skips) != 1 || res.skips[0] != tt.want {
			t.Errorf("%s: skips %+v, want %+v", tt.name, res.skips, tt.want)
		}
		if tt.name == "bytes" && len(res.docs) != 1 {
			t.Errorf("%s: %d documents, want the one before the cap", tt.name, len(res.docs))
		}
	}
}

// TestReadJSONLExactLines checks that a file of exactly MaxLines lines is read whole.
func TestReadJSONLExactLines(t *testing.T) {
	docs, skips := readStdin(t, []byte("{\"text\":\"a\"}\n{\"text\":\"b\"}\n"), input.Options{Format: "jsonl", MaxLines: 2})
	if len(docs) != 2 || len(skips) != 0 {
		t.Errorf("%d documents, skips %+v; want 2 documents", len(docs), skips)
	}
}

// TestReadJSONLNames checks that records get distinct names, with a warning naming the file
// and line for each renamed one, and that an overlong id skips its record only (issue 19,
// items 5 and 6).
func TestReadJSONLNames(t *testing.T) {
	long := strings.Repeat("x", 40<<10)
	lines := []string{
		`{"id":"dup","text":"one"}`,
		`{"id":"dup","text":"two"}`,
		`{"id":"L5","text":"three"}`,
		`{"id":"dup~3","text":"four"}`,
		`{"text":"five"}`,
		`{"id":"dup","text":"six"}`,
		`{"id":"` + long + `","text":"seven"}`,
		`{"id":"dup","text":"eight"}`,
	}
	docs, skips := readStdin(t, []byte(strings.Join(lines, "\n")), input.Options{Format: "jsonl"})
	var names []string
	var warnings []input.Skip
	for _, d := range docs {
		names = append(names, d.Path)
		warnings = append(warnings, d.Warnings...)
	}
	if want := "-#dup -#dup~2 -#L5 -#dup~3 -#L5~2 -#dup~4 -#dup~5"; strings.Join(names, " ") != want {
		t.Errorf("names %q, want %q", names, want)
	}
	wantWarnings := []input.Skip{
		{Path: "-", Line: 2, Reason: `name "dup" already used in this file: renamed "dup~2"`},
		{Path: "-", Line: 5, Reason: `name "L5" already used in this file: renamed "L5~2"`},
		{Path: "-", Line: 6, Reason: `name "dup" already used in this file: renamed "dup~4"`},
		{Path: "-", Line: 8, Reason: `name "dup" already used in this file: renamed "dup~5"`},
	}
	if !reflect.DeepEqual(warnings, wantWarnings) {
		t.Errorf("warnings %+v, want %+v", warnings, wantWarnings)
	}
	if want := []input.Skip{{Path: "-", Line: 7, Reason: "id longer than 8192 bytes"}}; !reflect.DeepEqual(skips, want) {
		t.Errorf("skips %+v, want %+v", skips, want)
	}
}

// TestReadJSONLRenamesBounded: of the records of one file renamed because their name was
// taken, the first 1,000 get a warning each, the next one a warning that says the others are
// not listed, and the others none; every record is still read, under a name of its own. Three
// million records under one id made three million warnings.
func TestReadJSONLRenamesBounded(t *testing.T) {
	data := strings.Repeat(`{"id":"x","text":"the same id again"}`+"\n", 1005)
	docs, skips := readStdin(t, []byte(data), input.Options{Format: "jsonl"})
	var warnings []input.Skip
	for _, d := range docs {
		warnings = append(warnings, d.Warnings...)
	}
	if len(docs) != 1005 || len(skips) != 0 || docs[1004].Path != "-#x~1005" {
		t.Fatalf("%d documents, the last %q, skips %+v; want 1005, the last -#x~1005, none skipped", len(docs), docs[len(docs)-1].Path, skips)
	}
	want := []input.Skip{
		{Path: "-", Line: 1001, Reason: `name "x" already used in this file: renamed "x~1001"`},
		{Path: "-", Line: 1002, Reason: `name "x" already used in this file: renamed "x~1002"; the records of this file renamed after this one are not listed one by one (the 1000 before are)`},
	}
	if len(warnings) != 1001 || !reflect.DeepEqual(warnings[999:], want) {
		t.Errorf("%d warnings, from the 1000th %+v; want 1001 and %+v", len(warnings), warnings[min(999, len(warnings)):], want)
	}
}

// TestReadHTMLCancel checks that cancelling stops the reading of a large page within a
// second, although its parse cannot be interrupted: it once ran on to its end, 5 s for 16 MB.
func TestReadHTMLCancel(t *testing.T) {
	big := "<!doctype html><html><body><article>" +
		strings.Repeat("<p>The harbour crane collapsed onto the quay early on Tuesday morning.</p>", 220_000)
	ctx, cancel := context.WithCancel(context.Background())
	// Reading, decoding and the depth check take under a second; the parse and
	// readability, about four.
	time.AfterFunc(time.Second, cancel)
	goroutines := runtime.NumGoroutine()
	var err error
	within(t, 2*time.Second, func() {
		err = input.Read(ctx, []string{"-"}, strings.NewReader(big), input.Options{Format: "html"},
			func(input.Document) error { return nil }, func(input.Skip) error { return nil })
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Read = %v, want context.Canceled", err)
	}
	// Let the abandoned extraction end, lest it count in other tests' allocations.
	for deadline := time.Now().Add(10 * time.Second); runtime.NumGoroutine() > goroutines && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
}

// TestReadDamagedText: a gzip file cut short, and a text past MaxFileBytes, give the text read
// up to there, with a warning, as a JSONL file gives its lines before the damage.
func TestReadDamagedText(t *testing.T) {
	text := strings.Repeat("The steamer was sunk in the Mediterranean on Thursday by a submarine. ", 400)
	gz := testfs.Gzip(t, text)
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{"cut.txt.gz": gz[:len(gz)/2], "long.txt": text})
	cut, long := filepath.Join(dir, "cut.txt.gz"), filepath.Join(dir, "long.txt")
	res, err := readWith(t, []string{cut, long}, nil, input.Options{MaxFileBytes: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.skips) != 0 || len(res.docs) != 2 {
		t.Fatalf("%d documents, skips %+v; want 2 documents, no skip", len(res.docs), res.skips)
	}
	want := []input.Skip{
		{Path: cut, Reason: "more than 1000 bytes (--max-file-bytes), the rest is not read"},
		{Path: long, Reason: "more than 1000 bytes (--max-file-bytes), the rest is not read"},
	}
	for i, d := range res.docs {
		if len(d.Text) != 1000 || !strings.HasPrefix(text, d.Text) || !slices.Equal(d.Warnings, want[i:i+1]) {
			t.Errorf("%s: %d bytes, a prefix %v, warnings %+v; want 1000, true, %+v", d.Path, len(d.Text), strings.HasPrefix(text, d.Text), d.Warnings, want[i])
		}
	}
	res, err = readWith(t, []string{cut}, nil, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantCut := []input.Skip{{Path: cut, Reason: "unexpected end of file: the text before it is read"}}
	if len(res.docs) != 1 || len(res.docs[0].Text) < 1000 || !strings.HasPrefix(text, res.docs[0].Text) || !slices.Equal(res.docs[0].Warnings, wantCut) {
		t.Errorf("documents %d, skips %+v; want the start of the text with the warning %+v", len(res.docs), res.skips, wantCut)
	}
}

// TestReadJSONLMaxFileBytes: a JSONL file keeps the records before --max-file-bytes, and the
// line the bound cuts is listed as skipped, also when the bound falls within the first bytes,
// which are read ahead to find the encoding (the whole file was skipped below 8 KiB).
func TestReadJSONLMaxFileBytes(t *testing.T) {
	first := `{"id":"r1","text":"` + strings.Repeat("word ", 800) + `"}` + "\n"
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{"a.jsonl": first + `{"id":"r2","text":"the second record"}` + "\n"})
	for _, limit := range []int64{int64(len(first)) + 10, 8192 + 10} {
		// A file of exactly the bound is read whole, with nothing skipped.
		whole := first + `{"id":"r2","text":"the second record"}` + "\n"
		testfs.WriteFiles(t, dir, map[string]string{"b.jsonl": whole})
		if res, err := readWith(t, []string{filepath.Join(dir, "b.jsonl")}, nil, input.Options{MaxFileBytes: int64(len(whole))}); err != nil || len(res.docs) != 2 || len(res.skips) != 0 {
			t.Errorf("a file of exactly --max-file-bytes: %d documents, skips %+v, %v; want 2 and none", len(res.docs), res.skips, err)
		}
		if limit > 8192 {
			testfs.WriteFiles(t, dir, map[string]string{"a.jsonl": first + strings.Repeat(" ", 8192) + "\n" + `{"id":"r2","text":"the second record"}` + "\n"})
		}
		res, err := readWith(t, []string{filepath.Join(dir, "a.jsonl")}, nil, input.Options{MaxFileBytes: limit})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.docs) != 1 || res.docs[0].Path != filepath.Join(dir, "a.jsonl#r1") || len(res.skips) != 1 || res.skips[0].Line != 2 {
			t.Errorf("--max-file-bytes %d: %d documents, skips %+v; want r1, and line 2 skipped", limit, len(res.docs), res.skips)
		}
	}
}

// TestReadCutJSONL: a JSONL gzip file cut short keeps its records before the cut, and the line
// of the cut is skipped as where the file ends early, not as a bad line.
func TestReadCutJSONL(t *testing.T) {
	var lines strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&lines, `{"id":"r%d","text":"record %d of a wire archive that a download cut short"}`+"\n", i, i)
	}
	zipped := testfs.Gzip(t, lines.String())
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{"cut.jsonl.gz": zipped[:len(zipped)/2]})
	cut := filepath.Join(dir, "cut.jsonl.gz")
	res, err := readWith(t, []string{cut}, nil, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.skips) != 1 || len(res.docs) < 100 || len(res.docs) >= 2000 || res.skips[0].Line != len(res.docs)+1 ||
		res.skips[0].Reason != "unexpected end of file: the file is cut short here, the lines before it are read" {
		t.Errorf("%d records, skips %+v; want the records before the cut and one skip at the line after them", len(res.docs), res.skips)
	}
}
