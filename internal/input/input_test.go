package input_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// result is everything one Read call produced.
type result struct {
	docs  []input.Document
	skips []input.Skip
}

// read runs input.Read and collects its documents and skips.
func read(t testing.TB, paths []string, opts input.Options) (result, error) {
	t.Helper()
	return readWith(t, paths, nil, opts)
}

// readDir runs input.Read on the folder dir alone and names the documents and skips by
// their path below it, as the expectations of most tests write them.
func readDir(t testing.TB, dir string, opts input.Options) (result, error) {
	t.Helper()
	res, err := read(t, []string{dir}, opts)
	for i := range res.docs {
		res.docs[i].Path = belowDir(t, dir, res.docs[i].Path)
		res.docs[i].File = belowDir(t, dir, res.docs[i].File)
		for j := range res.docs[i].Warnings {
			res.docs[i].Warnings[j].Path = belowDir(t, dir, res.docs[i].Warnings[j].Path)
		}
	}
	for i := range res.skips {
		res.skips[i].Path = belowDir(t, dir, res.skips[i].Path)
	}
	return res, err
}

// belowDir returns path without the folder dir that input.Read names it by.
func belowDir(t testing.TB, dir, path string) string {
	t.Helper()
	rel, ok := strings.CutPrefix(path, dir+string(filepath.Separator))
	if !ok {
		t.Errorf("path %q is not below the folder %q named", path, dir)
	}
	return rel
}

// readIn runs input.Read on the path "-" with stdin as standard input.
func readIn(t testing.TB, stdin io.Reader, opts input.Options) (result, error) {
	t.Helper()
	return readWith(t, []string{"-"}, stdin, opts)
}

func readWith(t testing.TB, paths []string, stdin io.Reader, opts input.Options) (result, error) {
	t.Helper()
	var res result
	err := input.Read(context.Background(), paths, stdin, opts,
		func(d input.Document) error { res.docs = append(res.docs, d); return nil },
		func(s input.Skip) error { res.skips = append(res.skips, s); return nil })
	return res, err
}

// readCase is a test of reading one input from stdin in one format: what Read must give.
type readCase struct {
	name  string
	in    string
	opts  input.Options
	docs  []input.Document
	skips []input.Skip
}

// runReadCases reads each case's input as format and checks what Read gave.
func runReadCases(t *testing.T, format string, cases []readCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Format = format
			res, err := readIn(t, strings.NewReader(tt.in), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, res, tt.docs, tt.skips)
		})
	}
}

// checkResult compares res with the wanted documents and skips.
func checkResult(t *testing.T, res result, docs []input.Document, skips []input.Skip) {
	t.Helper()
	for i := range res.docs {
		res.docs[i] = input.WithoutBuffer(res.docs[i])
		// A record's line is checked by TestRecordLines; a case that sets none leaves it out.
		if i < len(docs) && docs[i].Line == 0 {
			res.docs[i].Line = 0
		}
		// A document's file is its path, or for a record its path before the record's name; a
		// case that sets none leaves it out.
		if d := res.docs[i]; d.File != d.Path && !strings.HasPrefix(d.Path, d.File+"#") {
			t.Errorf("document %q: file %q, want its path or the path before its record's name", d.Path, d.File)
		}
		if i < len(docs) && docs[i].File == "" {
			res.docs[i].File = ""
		}
	}
	if !reflect.DeepEqual(res.docs, docs) {
		t.Errorf("documents:\n got %+v\nwant %+v", res.docs, docs)
	}
	if !reflect.DeepEqual(res.skips, skips) {
		t.Errorf("skips:\n got %+v\nwant %+v", res.skips, skips)
	}
}

// text builds the Document expected for a plain-text file.
func text(path, s, enc string, size int) input.Document {
	return input.Document{Path: path, Text: s, Encoding: enc, Format: "text", Size: int64(size)}
}

func TestReadFolder(t *testing.T) {
	const (
		utf16le = "\xff\xfeG\x00r\x00\xfc\x00\xdf\x00e\x00 \x00\x1c\x20x\x00\x1d\x20" // "Grüße “x”"
		utf16be = "\xfe\xff\x00O\x00K"
		page    = "<!DOCTYPE html><html><head><title>Sniffed page title here</title></head>" +
			"<body><p>A paragraph of sniffed text.</p></body></html>"
	)
	date := time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		files map[string]string
		opts  input.Options
		docs  []input.Document
		skips []input.Skip
	}{
		{
			name:  "text formats by extension",
			files: map[string]string{"a.txt": "alpha\n", "b.md": "# beta", "c": "gamma", "d.TEXT": "delta"},
			docs: []input.Document{
				text("a.txt", "alpha\n", "utf-8", 6), text("b.md", "# beta", "utf-8", 6),
				text("c", "gamma", "utf-8", 5), text("d.TEXT", "delta", "utf-8", 5),
			},
		},
		{
			name: "encodings",
			files: map[string]string{"bom.txt": "\xef\xbb\xbfhi", "cp.txt": "\x93q\x94", "le.txt": utf16le, "be.txt": utf16be,
				// UTF-8 with a stray byte and a character cut in two: three valid characters
				// of several bytes, two runs of bad bytes. Windows-1252 with as many
				// characters that read as UTF-8 as bad bytes stays Windows-1252.
				"ut.txt": "\xe4\xb8\xad\xe6\x96\x87\xc3\xa9 \xff \xe4\xb8", "w2.txt": "caf\xe9 \xc3\xa9\xe9",
				// The same after a byte order mark: the mark's claim is kept, and the bytes
				// replaced said so.
				"ub.txt": "\xef\xbb\xbfcaf\xc3\xa9 \xff",
				// UTF-32 with its byte order mark, both orders.
				"l32.txt": "\xff\xfe\x00\x00h\x00\x00\x00\xe9\x00\x00\x00", "b32.txt": "\x00\x00\xfe\xff\x00\x00\x00O\x00\x00\x00K"},
			docs: []input.Document{
				text("b32.txt", "OK", "utf-32be", 12), text("be.txt", "OK", "utf-16be", 6), text("bom.txt", "hi", "utf-8-bom", 5),
				text("cp.txt", "“q”", "windows-1252", 3), text("l32.txt", "hé", "utf-32le", 12), text("le.txt", "Grüße “x”", "utf-16le", 20),
				text("ub.txt", "café \uFFFD", "utf-8-bom-replaced", 10),
				text("ut.txt", "中文é \uFFFD \uFFFD", "utf-8-replaced", 13), text("w2.txt", "café Ã©é", "windows-1252", 8),
			},
		},
		{
			name:  "binary, empty and unsupported files are skipped, hidden ones ignored",
			files: map[string]string{"bin.txt": "ab\x00cd", "empty.txt": " \n", "x.pdf": "%PDF", "y.json.gz": "", ".hidden.txt": "h", ".git/config": "c"},
			skips: []input.Skip{
				{Path: "bin.txt", Reason: "binary file"}, {Path: "empty.txt", Reason: "empty file", NoText: true},
				{Path: "x.pdf", Reason: `unsupported file type ".pdf"`}, {Path: "y.json.gz", Reason: `unsupported file type ".json.gz"`},
			},
		},
		{
			name:  "UTF-16 text with NULs after decoding is binary",
			files: map[string]string{"le.txt": "\xff\xfea\x00\x00\x00"},
			skips: []input.Skip{{Path: "le.txt", Reason: "binary file"}},
		},
		{
			name: "gzip streams",
			files: map[string]string{
				"a.txt.gz":   testfs.Gzip(t, "zipped text"),
				"b.jsonl.gz": testfs.Gzip(t, `{"id":"x","text":"zipped record","date":"2024-03-05"}`+"\n"),
				"c.txt.gz":   "plain text, not gzip",
				// Members one after the other, as gzip -d reads them; zeros after the last (a
				// block's padding) are no data, and no error; other bytes that begin no member
				// may be one damaged: an error, as before.
				"d.txt.gz": testfs.Gzip(t, "one member ") + testfs.Gzip(t, "and another"),
				"e.txt.gz": testfs.Gzip(t, "padded to a block") + strings.Repeat("\x00", 512),
				"f.txt.gz": testfs.Gzip(t, "garbage after it") + "garbage",
				// A member cut in its header is a file cut short.
				"g.txt.gz": testfs.Gzip(t, "a member, then") + "\x1f\x8b\x08",
			},
			docs: []input.Document{
				text("a.txt.gz", "zipped text", "utf-8", 11),
				{Path: "b.jsonl.gz#x", Text: "zipped record", Date: date, Encoding: "utf-8", Format: "jsonl", Size: 53},
				text("d.txt.gz", "one member and another", "utf-8", 22),
				text("e.txt.gz", "padded to a block", "utf-8", 17),
				{Path: "g.txt.gz", Text: "a member, then", Encoding: "utf-8", Format: "text", Size: 14,
					Warnings: []input.Skip{{Path: "g.txt.gz", Reason: "unexpected end of file: the text before it is read"}}},
			},
			skips: []input.Skip{{Path: "c.txt.gz", Reason: "gzip: invalid header"}, {Path: "f.txt.gz", Reason: "gzip: invalid header"}},
		},
		{
			name:  "HTML is sniffed in text files",
			files: map[string]string{"page.txt": "\n  " + page},
			docs: []input.Document{{
				Path: "page.txt", Text: "Sniffed page title here\n\nA paragraph of sniffed text.", Title: "Sniffed page title here",
				Encoding: "utf-8", Format: "html", Size: int64(len(page) + 3),
			}},
		},
		{
			name:  "a query string in a saved page's name is not part of its extension",
			files: map[string]string{"index.html?p=8": page},
			docs: []input.Document{{
				Path: "index.html?p=8", Text: "Sniffed page title here\n\nA paragraph of sniffed text.", Title: "Sniffed page title here",
				Encoding: "utf-8", Format: "html", Size: int64(len(page)),
			}},
		},
		{
			name:  "forced text format reads HTML as it is",
			files: map[string]string{"page.html": page},
			opts:  input.Options{Format: "text"},
			docs:  []input.Document{text("page.html", page, "utf-8", len(page))},
		},
		{
			name:  "MaxBytes cuts at a rune boundary after reading 2*MaxBytes+8 bytes",
			files: map[string]string{"a.txt": "aé" + strings.Repeat("z", 100), "b.txt": "short"},
			opts:  input.Options{MaxBytes: 2},
			docs: []input.Document{
				{Path: "a.txt", Text: "a", Encoding: "utf-8", Format: "text", Size: 12, Truncated: true},
				{Path: "b.txt", Text: "sh", Encoding: "utf-8", Format: "text", Size: 5, Truncated: true},
			},
		},
		{
			name:  "MaxBytes read cut inside a rune keeps UTF-8",
			files: map[string]string{"a.txt": strings.Repeat("é", 20)},
			opts:  input.Options{MaxBytes: 5},
			docs:  []input.Document{{Path: "a.txt", Text: "éé", Encoding: "utf-8", Format: "text", Size: 18, Truncated: true}},
		},
		{
			name:  "MaxBytes exactly met is no truncation",
			files: map[string]string{"a.txt": "abc"},
			opts:  input.Options{MaxBytes: 3},
			docs:  []input.Document{text("a.txt", "abc", "utf-8", 3)},
		},
		{
			name:  "include decides, even for unknown extensions",
			files: map[string]string{"a.txt": "a", "b.md": "b", "c.json": "c", "d.pdf": "d"},
			opts:  input.Options{Include: []string{"*.md", "*.json"}},
			docs:  []input.Document{text("b.md", "b", "utf-8", 1), text("c.json", "c", "utf-8", 1)},
		},
		{
			name:  "include with ** matches at any depth",
			files: map[string]string{"2024/03/a.txt": "a", "2024/b.txt": "b", "2023/c.txt": "c", "d.txt": "d"},
			opts:  input.Options{Include: []string{"2024/**"}},
			docs:  []input.Document{text("2024/03/a.txt", "a", "utf-8", 1), text("2024/b.txt", "b", "utf-8", 1)},
		},
		{
			name:  "exclude prunes folders by base name and files by path",
			files: map[string]string{"drafts/a.txt": "a", "news/drafts/b.txt": "b", "news/c.txt": "c", "news/d.txt": "d"},
			opts:  input.Options{Exclude: []string{"drafts", "news/d.*"}},
			docs:  []input.Document{text("news/c.txt", "c", "utf-8", 1)},
		},
		{
			name:  "exclude wins over include",
			files: map[string]string{"a/x.txt": "x", "b/y.txt": "y"},
			opts:  input.Options{Include: []string{"**/*.txt"}, Exclude: []string{"b/**"}},
			docs:  []input.Document{text("a/x.txt", "x", "utf-8", 1)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			testfs.WriteFiles(t, dir, tt.files)
			res, err := readDir(t, dir, tt.opts)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			checkResult(t, res, tt.docs, tt.skips)
		})
	}
}

func TestReadFixtures(t *testing.T) {
	res, err := read(t, []string{"testdata/cp1252.txt", "testdata/wire.jsonl"}, input.Options{
		IDField: "meta.id", TextField: "body", TitleField: "headline", DateField: "published_at",
	})
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, res, []input.Document{
		text("testdata/cp1252.txt", "He said “hello” and left – café closed.\n", "windows-1252", 40),
		{
			Path: "testdata/wire.jsonl#ap-001", Text: "A container crane collapsed onto the main quay.", Title: "Crane collapse halts port",
			Date: time.Date(2024, 3, 5, 8, 30, 0, 0, time.UTC), Encoding: "utf-8", Format: "jsonl", Size: 182,
		},
		{
			Path: "testdata/wire.jsonl#1002", Text: "Schools across the region closed on Monday.", Title: "Storm closes schools",
			Date: time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC), Encoding: "utf-8", Format: "jsonl", Size: 143,
		},
		{
			Path: "testdata/wire.jsonl#L4", Text: "A record without an id gets its line number.", Title: "No id",
			Date: time.Date(2024, 3, 6, 14, 0, 0, 0, time.UTC), Encoding: "utf-8", Format: "jsonl", Size: 128,
			// Once a file, where an id field was asked for: a mistyped one names every record so.
			Warnings: []input.Skip{{Path: "testdata/wire.jsonl", Line: 4,
				Reason: `no id field (tried "meta.id"): named by its line, as are the next records without one; the record has "body", "headline", "meta", "published_at"`}},
		},
	}, []input.Skip{
		{Path: "testdata/wire.jsonl", Line: 3, Reason: `invalid JSON: invalid character '"' after object key:value pair`},
	})
}

// TestAllWarnings checks the warnings a document carries: those met while reading, then
// Windows-1252 decoding and truncation, which scan and passages report alike.
func TestAllWarnings(t *testing.T) {
	d := input.Document{Path: "a.jsonl#x", Encoding: "windows-1252", Truncated: true,
		Warnings: []input.Skip{{Path: "a.jsonl#x", Line: 2, Reason: "renamed"}}}
	want := []input.Skip{
		{Path: "a.jsonl#x", Line: 2, Reason: "renamed"},
		{Path: "a.jsonl#x", Reason: "not valid UTF-8: decoded as Windows-1252"},
		{Path: "a.jsonl#x", Reason: "longer than 100 bytes (--max-bytes): truncated"},
	}
	if got := d.AllWarnings(100); !reflect.DeepEqual(got, want) {
		t.Errorf("AllWarnings = %+v; want %+v", got, want)
	}
	// A page that declares Windows-1252 (or ISO-8859-1, its subset) is read as it says.
	dir := t.TempDir()
	body := "<body><article><p>\x93Quoted\x94 caf\xe9 and more words to make a paragraph of it.</p></article></body></html>"
	testfs.WriteFiles(t, dir, map[string]string{
		"declared.html":   `<html><head><meta charset="iso-8859-1"><title>T</title></head>` + body,
		"undeclared.html": `<html><head><title>T</title></head>` + body,
	})
	res, err := readDir(t, dir, input.Options{})
	if err != nil || len(res.docs) != 2 {
		t.Fatalf("read %d documents, %v; want 2", len(res.docs), err)
	}
	for _, d := range res.docs {
		want := 0
		if d.Path == "undeclared.html" {
			want = 1
		}
		if got := d.AllWarnings(0); d.Encoding != "windows-1252" || len(got) != want {
			t.Errorf("%s: encoding %s, warnings %+v; want windows-1252 and %d", d.Path, d.Encoding, got, want)
		}
	}
	if got := (&input.Document{Path: "b.txt", Encoding: "utf-8"}).AllWarnings(100); got != nil {
		t.Errorf("AllWarnings of a clean document = %+v; want nil", got)
	}
}

func TestReadDisplayPaths(t *testing.T) {
	dir := testfs.WorkIn(t, map[string]string{"news/2024/a.txt": "a", "news/b.txt": "b", "wire/c.txt": "c"})
	tests := []struct {
		paths []string
		want  []string
	}{
		{[]string{"news"}, []string{"news/2024/a.txt", "news/b.txt"}},
		{[]string{"./news/"}, []string{"news/2024/a.txt", "news/b.txt"}},
		{[]string{"."}, []string{"news/2024/a.txt", "news/b.txt", "wire/c.txt"}},
		{[]string{"./news/../wire"}, []string{"wire/c.txt"}},
		// Named twice, read once, where first named.
		{[]string{"news", "news/b.txt", "./news/2024/a.txt", "wire", "news"}, []string{"news/2024/a.txt", "news/b.txt", "wire/c.txt"}},
		{[]string{"news/b.txt", "news"}, []string{"news/b.txt", "news/2024/a.txt"}},
		{[]string{"news/b.txt"}, []string{"news/b.txt"}},
		{[]string{"wire", "news"}, []string{"wire/c.txt", "news/2024/a.txt", "news/b.txt"}},
		{[]string{"news/b.txt", "wire/c.txt", "news/2024/a.txt"}, []string{"news/b.txt", "wire/c.txt", "news/2024/a.txt"}},
		{[]string{filepath.Join(dir, "wire"), "news/b.txt"}, []string{filepath.Join(dir, "wire", "c.txt"), "news/b.txt"}},
	}
	for _, tt := range tests {
		res, err := read(t, tt.paths, input.Options{})
		if err != nil {
			t.Fatalf("Read(%q): %v", tt.paths, err)
		}
		var got []string
		for _, d := range res.docs {
			got = append(got, d.Path)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Read(%q) paths = %q; want %q", tt.paths, got, tt.want)
		}
	}
}

func TestReadOddFileNames(t *testing.T) {
	dir := t.TempDir()
	names := []string{"line\nbreak.txt", "bad\xffutf8.txt"}
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644); err != nil {
			t.Skipf("file system refuses name %q: %v", n, err)
		}
	}
	res, err := readDir(t, dir, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The byte that is not UTF-8 is escaped (input.EscapeName); the newline is kept.
	checkResult(t, res, []input.Document{text(`bad\xffutf8.txt`, "x", "utf-8", 1), text(names[0], "x", "utf-8", 1)}, nil)
}

func TestReadMissingPath(t *testing.T) {
	testfs.WorkIn(t, map[string]string{"a.txt": "a"})
	res, err := read(t, []string{"a.txt", "nope", "a.txt"}, input.Options{})
	if want := `open "nope": no such file or directory`; err == nil || err.Error() != want {
		t.Fatalf("Read error = %v; want %s", err, want)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("errors.Is(%v, fs.ErrNotExist) = false", err)
	}
	if len(res.docs) != 1 {
		t.Errorf("got %d documents before the error; want 1", len(res.docs))
	}
}

func TestReadBadOptions(t *testing.T) {
	tests := []struct {
		opts input.Options
		want string
	}{
		{input.Options{Format: "pdf"}, `unknown format "pdf" (want auto, text, html, jsonl or sgml)`},
		{input.Options{Include: []string{"a/[b"}}, `pattern "a/[b": syntax error in pattern`},
		{input.Options{Exclude: []string{"ok", "**/x[", "also ok"}}, `pattern "**/x[": syntax error in pattern`},
	}
	for _, tt := range tests {
		if _, err := read(t, nil, tt.opts); err == nil || err.Error() != tt.want {
			t.Errorf("Read(%+v) error = %v; want %s", tt.opts, err, tt.want)
		}
	}
}

func TestReadSymlinks(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{"sub/a.txt": "a", ".hidden/h.txt": "h", "skip/e.txt": "e"})
	testfs.WriteFiles(t, outside, map[string]string{"o.txt": "o"})
	links := map[string]string{
		"sub/loop": "..",                              // a directory containing itself
		"self.txt": "self.txt",                        // a link to itself
		"gone.txt": "missing.txt",                     // a broken link
		"b.txt":    filepath.Join("sub", "a.txt"),     // a file the walk reads itself
		"h.txt":    filepath.Join(".hidden", "h.txt"), // a file it does not: hidden
		"e.txt":    filepath.Join("skip", "e.txt"),    // nor excluded
		"o.txt":    filepath.Join(outside, "o.txt"),   // nor outside the folder
		"other":    filepath.Join(dir, "sub"),         // a linked folder is not followed
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Skipf("symlinks not supported: %v", err)
		}
	}
	readB := fmt.Sprintf("symlink to %q, read under that name", filepath.Join(dir, "sub", "a.txt"))
	res, err := readDir(t, dir, input.Options{Exclude: []string{"skip"}})
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, res,
		[]input.Document{
			text("e.txt", "e", "utf-8", 1), text("h.txt", "h", "utf-8", 1),
			text("o.txt", "o", "utf-8", 1), text("sub/a.txt", "a", "utf-8", 1),
		},
		[]input.Skip{
			{Path: "b.txt", Reason: readB},
			{Path: "gone.txt", Reason: "broken symlink", NoText: true},
			{Path: "other", Reason: "symlink to a directory, not followed (name it to read it)"},
			{Path: "self.txt", Reason: "symlink loop"},
			{Path: "sub/loop", Reason: "symlink to a directory, not followed (name it to read it)"},
		})

	// Named on the command line, the link is skipped as well, before or after the folder.
	a, b := filepath.Join(dir, "sub", "a.txt"), filepath.Join(dir, "b.txt")
	res, err = read(t, []string{b, filepath.Join(dir, "sub")}, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, res, []input.Document{text(a, "a", "utf-8", 1)}, []input.Skip{
		{Path: b, Reason: readB}, {Path: filepath.Join(dir, "sub", "loop"), Reason: "symlink to a directory, not followed (name it to read it)"},
	})
	res, err = read(t, []string{b, a}, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, res, []input.Document{text(a, "a", "utf-8", 1)}, []input.Skip{{Path: b, Reason: fmt.Sprintf("symlink to %q, read under that name", a)}})
}

func TestReadPermissionDenied(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores file permissions")
	}
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{"closed/a.txt": "a", "locked.txt": "l", "open.txt": "o"})
	for _, p := range []string{"closed", "locked.txt"} {
		if err := os.Chmod(filepath.Join(dir, p), 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(filepath.Join(dir, p), 0o755) })
	}
	res, err := readDir(t, dir, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, res, []input.Document{text("open.txt", "o", "utf-8", 1)}, []input.Skip{
		{Path: "closed", Reason: "permission denied"}, {Path: "locked.txt", Reason: "permission denied"},
	})
}

func TestReadStops(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{"a.txt": "a", "b.txt": "b", "c.pdf": "c"})
	errStop := errors.New("stop")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name      string
		ctx       context.Context
		emit      func(input.Document) error
		skip      func(input.Skip) error
		want      error
		wantCalls int
	}{
		{"cancelled", ctx, nil, nil, context.Canceled, 0},
		{"emit error", context.Background(), func(input.Document) error { return errStop }, nil, errStop, 1},
		{"skip error", context.Background(), func(input.Document) error { return nil }, func(input.Skip) error { return errStop }, errStop, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			err := input.Read(tt.ctx, []string{dir}, nil, input.Options{},
				func(d input.Document) error { calls++; return tt.emit(d) },
				func(s input.Skip) error { calls++; return tt.skip(s) })
			if !errors.Is(err, tt.want) || calls != tt.wantCalls {
				t.Errorf("Read = %v after %d calls; want %v after %d", err, calls, tt.want, tt.wantCalls)
			}
		})
	}
}

// BenchmarkReadText reads a folder of 4 KiB text files, the common archive layout.
func BenchmarkReadText(b *testing.B) {
	dir := b.TempDir()
	const files, size = 256, 4 << 10
	line := "The harbour authority said traffic would resume within forty-eight hours.\n"
	body := strings.Repeat(line, size/len(line)+1)[:size]
	for i := range files {
		testfs.WriteFiles(b, dir, map[string]string{fmt.Sprintf("%02d/%04d.txt", i%16, i): body})
	}
	res, err := read(b, []string{dir}, input.Options{})
	if err != nil || len(res.docs) != files {
		b.Fatalf("read %d documents, err %v; want %d", len(res.docs), err, files)
	}
	b.SetBytes(files * size)
	b.ReportAllocs()
	for b.Loop() {
		if err := input.Read(context.Background(), []string{dir}, nil, input.Options{},
			func(input.Document) error { return nil }, func(input.Skip) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}

func TestReadVanishedFile(t *testing.T) {
	dir := testfs.WorkIn(t, map[string]string{"a.txt": "a", "b.txt": "b", "c.txt": "c"})
	var res result
	err := input.Read(context.Background(), []string{"."}, nil, input.Options{},
		func(d input.Document) error {
			res.docs = append(res.docs, d)
			if d.Path != "a.txt" {
				return nil
			}
			// The folder is already listed: b.txt disappears between listing and reading.
			return os.Remove(filepath.Join(dir, "b.txt"))
		},
		func(s input.Skip) error { res.skips = append(res.skips, s); return nil })
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, res, []input.Document{text("a.txt", "a", "utf-8", 1), text("c.txt", "c", "utf-8", 1)},
		[]input.Skip{{Path: "b.txt", Reason: "file vanished before it could be read"}})
}

func TestReadExcludeExplicit(t *testing.T) {
	testfs.WorkIn(t, map[string]string{"a.txt": "a", "b.txt": "b", "old/c.txt": "c"})
	res, err := read(t, []string{"a.txt", "b.txt", "old"}, input.Options{Exclude: []string{"b.txt", "old"}})
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, res, []input.Document{text("a.txt", "a", "utf-8", 1)}, nil)
}
