package input

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"
	"unsafe"

	"github.com/dedupe-dev/dedupe/internal/testfs"
)

func TestMatchGlob(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"*.txt", "a.txt", true},
		{"*.txt", "dir/a.txt", false},
		{"dir/*.txt", "dir/a.txt", true},
		{"**", "a/b/c", true},
		{"**/*.txt", "a.txt", true},
		{"**/*.txt", "a/b/c.txt", true},
		{"**/*.txt", "a/b/c.md", false},
		{"a/**", "a", true},
		{"a/**", "a/b/c", true},
		{"a/**", "b/a/c", false},
		{"a/**/c", "a/c", true},
		{"a/**/c", "a/x/y/c", true},
		{"a/**/c", "a/x/y/d", false},
		{"**/b/**", "a/b/c", true},
		{"**/b/**", "a/bb/c", false},
		{"a/b", "a/b/c", false},
		{"[", "[", false},
	}
	for _, tt := range tests {
		if got := matchGlob(tt.pattern, tt.name); got != tt.want {
			t.Errorf("matchGlob(%q, %q) = %v; want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
}

func TestReason(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&fs.PathError{Op: "open", Path: "x", Err: syscall.ENOENT}, "file vanished before it could be read"},
		{&fs.PathError{Op: "open", Path: "x", Err: syscall.EACCES}, "permission denied"},
		{&fs.PathError{Op: "stat", Path: "x", Err: syscall.ELOOP}, "symlink loop"},
		{&fs.PathError{Op: "read", Path: "x", Err: syscall.EIO}, "input/output error"},
		{fmt.Errorf("reading: %w", io.ErrUnexpectedEOF), "unexpected end of file"},
		{errBinary, "binary file"},
		{errNoArticle, "no article text found"},
	}
	for _, tt := range tests {
		if got := reason(tt.err); got != tt.want {
			t.Errorf("reason(%v) = %q; want %q", tt.err, got, tt.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		s    string
		max  int64
		want string
		cut  bool
	}{
		{"abc", 0, "abc", false},
		{"abc", 3, "abc", false},
		{"abc", 2, "ab", true},
		{"aé", 2, "a", true},
		{"€uro", 1, "", true},
		{"€uro", 3, "€", true},
	}
	for _, tt := range tests {
		if got, cut := truncate(tt.s, tt.max); got != tt.want || cut != tt.cut {
			t.Errorf("truncate(%q, %d) = %q, %v; want %q, %v", tt.s, tt.max, got, cut, tt.want, tt.cut)
		}
	}
}

func TestTrimPartialRune(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"abc", "abc"},
		{"a€", "a€"},
		{"a\xe2\x82", "a"},
		{"a\xe2", "a"},
		{"a\xff", "a\xff"}, // not a partial rune but invalid: left for the UTF-8 check
	}
	for _, tt := range tests {
		if got := string(trimPartialRune([]byte(tt.in))); got != tt.want {
			t.Errorf("trimPartialRune(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestLooksLikeHTML(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"<!DOCTYPE html><p>x", true},
		{"\n\t <HTML lang=en>", true},
		{"\uFEFF<html>", true},
		{"<!doctype xml>", false},
		{"<p>fragment</p>", false},
		{"Plain text mentioning <html>", false},
		{"", false},
		{`<?xml version="1.0" encoding="utf-8"?>` + "\n<!DOCTYPE html PUBLIC>", true},
		{"<!-- saved from url=(0042)https://example.com/ -->\n<html>", true},
		{"<head><title>t</title></head>", true},
		{"<!-- a comment never closed", false},
		{"<?xml version=\"1.0\"?><rss>", false},
	}
	for _, tt := range tests {
		if got := looksLikeHTML(tt.text); got != tt.want {
			t.Errorf("looksLikeHTML(%q) = %v; want %v", tt.text, got, tt.want)
		}
	}
}

func TestReadLine(t *testing.T) {
	type line struct {
		text    string
		tooLong bool
		err     error
	}
	tests := []struct {
		in   string
		max  int
		want []line
	}{
		{"ab\ncd", 2, []line{{"ab", false, nil}, {"cd", false, io.EOF}}},
		{"ab\r\n", 2, []line{{"ab", false, nil}, {"", false, io.EOF}}},
		{"abc\nd\n", 2, []line{{"", true, nil}, {"d", false, nil}, {"", false, io.EOF}}},
		{strings.Repeat("x", 100) + "\nok", 10, []line{{"", true, nil}, {"ok", false, io.EOF}}},
		{"", 2, []line{{"", false, io.EOF}}},
	}
	for _, tt := range tests {
		// The smallest buffer bufio allows makes long lines span many fragments.
		br := bufio.NewReaderSize(strings.NewReader(tt.in), 16)
		for i, w := range tt.want {
			got, tooLong, err := readLine(br, nil, tt.max)
			if string(got) != w.text || tooLong != w.tooLong || !errors.Is(err, w.err) {
				t.Errorf("readLine(%q, %d) #%d = %q, %v, %v; want %q, %v, %v", tt.in, tt.max, i, got, tooLong, err, w.text, w.tooLong, w.err)
			}
		}
	}
}

// FuzzDecode checks the encoding detector: it fails only on binary input, its text is valid
// UTF-8 in a named encoding, valid UTF-8 without a byte order mark comes back unchanged, and
// truncate never cuts inside a character.
func FuzzDecode(f *testing.F) {
	for _, name := range []string{"testdata/cp1252.txt", "testdata/article.html", "testdata/wire.jsonl"} {
		b := testfs.ReadFile(f, name)
		f.Add(b, false, false)
		f.Add(b, true, true)
	}
	for _, s := range []string{
		"", "\xef\xbb\xbf", "\xef\xbb\xbfcaf\xe9", "\xff\xfeh\x00i\x00", "\xfe\xff\x00h\xd8", "\xff\xfe\x00\x00",
		"\xff\xfe\x00\x00h\x00\x00\x00i\x00", "\x00\x00\xfe\xff\x00\x00\x00h\x00\x00",
		"caf\xc3", "caf\xe9 \x93x\x94", "\xe4\xb8\xad\xe6\x96\x87\xff\xe4\xb8", "a\x00b", "<meta charset=shift_jis>\x82\xa0", "<meta charset=utf-8>\xe9",
	} {
		f.Add([]byte(s), false, true)
		f.Add([]byte(s), true, false)
	}
	encodings := map[string]bool{"utf-8": true, "utf-8-bom": true, "utf-8-replaced": true, "utf-8-bom-replaced": true,
		"utf-16le": true, "utf-16be": true, "utf-32le": true, "utf-32be": true, "windows-1252": true}
	f.Fuzz(func(t *testing.T, raw []byte, cut, isHTML bool) {
		text, enc, err := decode(raw, cut, isHTML)
		if err != nil {
			if !errors.Is(err, errBinary) {
				t.Fatalf("decode(%q, %v, %v) = %v; want only errBinary", raw, cut, isHTML, err)
			}
			return
		}
		if !utf8.ValidString(text) {
			t.Fatalf("decode(%q, %v, %v) = %q: invalid UTF-8", raw, cut, isHTML, text)
		}
		if enc == "" || (!isHTML && !encodings[enc]) {
			t.Fatalf("decode(%q, %v, %v): encoding %q", raw, cut, isHTML, enc)
		}
		if !cut && utf8.Valid(raw) && !bytes.HasPrefix(raw, bomUTF8) && enc == "utf-8" && text != string(raw) {
			t.Fatalf("decode(%q) changed valid UTF-8 to %q", raw, text)
		}
		for _, limit := range []int64{1, 2, 3, max(1, int64(len(text))/2)} {
			short, was := truncate(text, limit)
			if !utf8.ValidString(short) || int64(len(short)) > limit || was != (int64(len(text)) > limit) || !strings.HasPrefix(text, short) {
				t.Fatalf("truncate(%q, %d) = %q, %v", text, limit, short, was)
			}
		}
	})
}

func TestOverlap(t *testing.T) {
	testfs.WorkIn(t, map[string]string{"news/a.txt": "x", "news2/b.txt": "x", "c.txt": "x"})
	tests := []struct {
		paths []string
		want  bool
	}{
		{[]string{"news"}, false},
		{[]string{"news", "news2", "c.txt"}, false},
		{[]string{"news", "news2/b.txt"}, false},
		{[]string{"news", "news/a.txt"}, true},
		{[]string{"news/a.txt", "./news"}, true},
		{[]string{"c.txt", "./c.txt"}, true},
		{[]string{"-", "-"}, true},
		{[]string{".", "c.txt"}, true},
		{[]string{"/", "c.txt"}, true},
	}
	for _, tt := range tests {
		if got := overlap(tt.paths); got != tt.want {
			t.Errorf("overlap(%q) = %v; want %v", tt.paths, got, tt.want)
		}
	}
}

// TestRelease reads files of many sizes, releasing each document once its text is checked, so
// that later files are read into the memory of earlier ones: every text must still be its
// file's. A text decoded from Windows-1252 has memory of its own, which Release does not hand
// back, and a file larger than maxReleased is read into memory that is not kept.
func TestRelease(t *testing.T) {
	dir := t.TempDir()
	want := map[string]string{}
	for i := range 60 {
		name := fmt.Sprintf("%02d.txt", i)
		text := strings.Repeat(fmt.Sprintf("word%d ", i), 1+(i*37)%500)
		switch i {
		case 7:
			text = "caf\xe9 au lait" // not UTF-8: decoded as Windows-1252
		case 8:
			text = "\ufeff" + text // a byte order mark
		case 9:
			text = strings.Repeat("large ", maxReleased/5)
		}
		if err := os.WriteFile(dir+"/"+name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		want[name] = strings.TrimPrefix(strings.ReplaceAll(text, "caf\xe9", "café"), "\ufeff")
	}
	reused, n := 0, 0
	seen := map[*byte]bool{}
	err := Read(t.Context(), []string{dir}, nil, Options{}, func(d Document) error {
		n++
		name := d.Path[len(d.Path)-6:]
		if d.Text != want[name] {
			t.Errorf("%s: text %.40q...; want %.40q...", name, d.Text, want[name])
		}
		if hasBuf := d.buf != nil; hasBuf != (name != "07.txt" && name != "09.txt") {
			t.Errorf("%s: has a buffer to release: %v", name, hasBuf)
		}
		if d.buf != nil {
			if seen[unsafe.SliceData(*d.buf)] {
				reused++
			}
			seen[unsafe.SliceData(*d.buf)] = true
		}
		d.Release()
		if d.Text != "" || d.buf != nil {
			t.Errorf("%s: after Release, text %.20q and buffer %p; want none", name, d.Text, d.buf)
		}
		return nil
	}, func(s Skip) error { t.Errorf("skipped %+v", s); return nil })
	if err != nil || n != 60 {
		t.Fatalf("Read: %d documents, %v; want 60, nil", n, err)
	}
	if reused == 0 {
		t.Error("no file was read into the memory of a released one")
	}
}

// TestJoiner checks that joiner joins a folder and a name read from it as filepath.Join and
// path.Join do, for clean folders (appended) and the others (joined).
func TestJoiner(t *testing.T) {
	dirs := []string{"", ".", "..", "/", "/tmp", "/tmp/", "/tmp/arts", "a", "a/b", "./a", "a//b", "a/./b", "a/../b", "../a", "/..", "a/b/"}
	names := []string{"x.txt", "..x", "...", "a b", "ü.txt"}
	for _, dir := range dirs {
		join, joinSlash := joiner(dir, filepath.Join, filepath.Clean, filepath.Separator), joiner(dir, path.Join, path.Clean, '/')
		for _, name := range names {
			if got, want := join(name), filepath.Join(dir, name); got != want {
				t.Errorf("filepath: joiner(%q)(%q) = %q; want %q", dir, name, got, want)
			}
			if got, want := joinSlash(name), path.Join(dir, name); got != want {
				t.Errorf("path: joiner(%q)(%q) = %q; want %q", dir, name, got, want)
			}
		}
	}
}

// TestMaxLineBytesZero: 0 is no limit, as for the other limits, not the default of 64 MiB.
func TestMaxLineBytesZero(t *testing.T) {
	for _, tt := range []struct{ given, want int }{{0, math.MaxInt / 2}, {100, 100}, {DefaultOptions().MaxLineBytes, 64 << 20}} {
		opts := DefaultOptions()
		opts.MaxLineBytes = tt.given
		r, err := newReader(t.Context(), opts, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.opts.MaxLineBytes != tt.want {
			t.Errorf("--max-line-bytes %d: lines up to %d bytes; want %d", tt.given, r.opts.MaxLineBytes, tt.want)
		}
	}
}
