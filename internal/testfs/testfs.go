// Package testfs gives tests the files they work on: a folder written from a map of names to
// contents (and made the working directory), a folder read into one, a file read, the files of a
// tree walked, the fixtures a pattern matches and their texts, contents gzipped, a
// tab-separated table, a file's size, a path made absolute. Each helper fails the test on an
// error, so that tests do not repeat the checks. It is for tests only.
package testfs

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// WriteFiles writes files (slash-separated names below dir, to their contents) into dir,
// creating the folders their names hold.
func WriteFiles[T ~string | ~[]byte](t testing.TB, dir string, files map[string]T) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// WorkIn writes files into a new temporary folder, as WriteFiles does, makes it the working
// directory until the test ends (t.Chdir) and returns it: the setting of a test of the names a
// command line gives.
func WorkIn[T ~string | ~[]byte](t testing.TB, files map[string]T) string {
	t.Helper()
	dir := t.TempDir()
	WriteFiles(t, dir, files)
	t.Chdir(dir)
	return dir
}

// ReadDir returns the files directly in dir, by name, with their contents: with WriteFiles, a
// copy of a fixture folder that a test may change first.
func ReadDir(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := make(map[string][]byte, len(entries))
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return files
}

// WalkFiles calls fn with the slash-separated path below dir and the contents of every file in
// the tree under dir, in lexical order, as filepath.WalkDir walks it.
func WalkFiles(t testing.TB, dir string, fn func(rel string, data []byte)) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		fn(filepath.ToSlash(rel), b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Gzip returns data compressed with gzip, as a .gz file holds it.
func Gzip[T ~string | ~[]byte](t testing.TB, data T) T {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write([]byte(data)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return T(buf.Bytes())
}

// ReadTSV returns the rows of the tab-separated file path, its fields split at tabs, leaving
// out empty lines and comment lines (those beginning with #). With fields above 0, a row with
// another number of fields fails the test, naming its line.
func ReadTSV(t testing.TB, path string, fields int) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		row := strings.Split(text, "\t")
		if fields > 0 && len(row) != fields {
			t.Fatalf("%s:%d: %d fields; want %d", path, line, len(row), fields)
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// Size returns the size of the file path in bytes.
func Size(t testing.TB, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// Abs returns the absolute form of path, for tests that change the working directory or hand a
// folder of testdata to code that runs elsewhere (a Beam worker).
func Abs(t testing.TB, path string) string {
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// Glob returns the names of the files matching pattern, as filepath.Glob sorts them, failing
// the test when the pattern is malformed or matches nothing: a fixture that has gone missing
// must not pass as an empty set.
func Glob(t testing.TB, pattern string) []string {
	t.Helper()
	paths, err := filepath.Glob(pattern)
	if err != nil || len(paths) == 0 {
		t.Fatalf("no files match %s: %v", pattern, err)
	}
	return paths
}

// ReadFile returns the contents of the file path.
func ReadFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// ReadFiles returns the text of every file of paths, in order.
func ReadFiles(t testing.TB, paths []string) []string {
	t.Helper()
	texts := make([]string, 0, len(paths))
	for _, p := range paths {
		texts = append(texts, string(ReadFile(t, p)))
	}
	return texts
}
