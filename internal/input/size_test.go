package input_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// readSize returns what Size should answer for paths: the sum of Document.Size over what Read
// emits, plus one byte per JSONL document, as the test files end every record with "\n",
// which Size counts and Document.Size leaves out.
func readSize(t *testing.T, paths []string, opts input.Options) int64 {
	t.Helper()
	res, err := read(t, paths, opts)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	var n int64
	for _, d := range res.docs {
		n += d.Size
		if d.Format == "jsonl" {
			n++
		}
	}
	return n
}

func TestSize(t *testing.T) {
	page := testfs.ReadFile(t, "testdata/article.html")
	const jsonl = `{"id":"a","text":"first record"}` + "\n" + `{"id":"b","text":"second, longer record"}` + "\n"
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{
		"a.txt":        "plain text\n",
		"b.html":       string(page),
		"c.md.gz":      testfs.Gzip(t, strings.Repeat("zipped text ", 1000)),
		"d.jsonl":      jsonl,
		"e.ndjson.gz":  testfs.Gzip(t, jsonl),
		"f.htm.gz":     testfs.Gzip(t, string(page)),
		"sub/g.txt":    "deeper",
		"drafts/h.txt": "draft",
		".hidden.txt":  "hidden file",
		".git/config":  "hidden folder",
		"x.pdf":        "%PDF-1.4 unsupported",
	})
	for link, target := range map[string]string{"link.txt": "a.txt", "linkdir": "sub"} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	in := func(names ...string) []string {
		for i, n := range names {
			names[i] = filepath.Join(dir, n)
		}
		return names
	}
	tests := []struct {
		name  string
		paths []string
		opts  input.Options
	}{
		{"folder", []string{dir}, input.Options{}},
		{"include", []string{dir}, input.Options{Include: []string{"*.txt", "*.gz", "*.pdf"}}},
		{"exclude", []string{dir}, input.Options{Exclude: []string{"drafts", "*.jsonl", "link*"}}},
		{"max bytes", []string{dir}, input.Options{MaxBytes: 1000}},
		{"forced format", []string{dir}, input.Options{Format: "text"}},
		{"explicit files", in("x.pdf", "a.txt", "d.jsonl", "sub"), input.Options{}},
		{"excluded explicit file", in("x.pdf", "a.txt"), input.Options{Exclude: []string{"x.pdf"}}},
		{"fixtures", []string{"testdata/article.html", "testdata/cp1252.txt", "../../testdata/seeds", "../../testdata/html-seeds"}, input.Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := readSize(t, tt.paths, tt.opts)
			got, err := input.Size(context.Background(), tt.paths, tt.opts)
			if err != nil || got != want {
				t.Errorf("Size = %d, %v; want %d (the documents Read emits)", got, err, want)
			}
		})
	}
}

func TestSizeJSONLCountsWholeFiles(t *testing.T) {
	// wire.jsonl has four lines, one of them invalid: Size counts them all, with their line ends.
	fi, err := os.Stat("testdata/wire.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	opts := input.Options{IDField: "meta.id", TextField: "body"}
	got, err := input.Size(context.Background(), []string{"testdata/wire.jsonl"}, opts)
	if err != nil || got != fi.Size() {
		t.Errorf("Size = %d, %v; want the file's size %d", got, err, fi.Size())
	}
	if docs := readSize(t, []string{"testdata/wire.jsonl"}, opts); got <= docs {
		t.Errorf("Size = %d; want more than the documents' %d", got, docs)
	}
}

func TestSizeUnknownOrFailing(t *testing.T) {
	ctx := context.Background()
	if n, err := input.Size(ctx, []string{"testdata", "-"}, input.Options{}); n != -1 || err != nil {
		t.Errorf("Size with stdin = %d, %v; want -1, nil", n, err)
	}
	if _, err := input.Size(ctx, []string{"testdata", "nope"}, input.Options{}); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Size of a missing path: error = %v; want fs.ErrNotExist", err)
	}
	if _, err := input.Size(ctx, []string{"testdata"}, input.Options{Format: "pdf"}); err == nil {
		t.Error("Size with an unknown format: no error")
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := input.Size(cancelled, []string{"testdata"}, input.Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Size after cancel: error = %v; want context.Canceled", err)
	}
	// A gzip file too short for a trailer is not measured (Read skips it as broken).
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{"short.txt.gz": "\x1f\x8b"})
	if n, err := input.Size(ctx, []string{dir}, input.Options{}); n != 0 || err != nil {
		t.Errorf("Size of a truncated gzip file = %d, %v; want 0, nil", n, err)
	}
}
