package main

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/testfs"
)

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"", 0},
		{"  \n", 0},
		{"The Persia, sunk.", 3},
		{"don't 1,200 café", 5}, // don t 1 200 café: every ASCII punctuation cuts
		{"x", 1},
	}
	for _, tt := range tests {
		if got := words([]byte(tt.in)).words; got != tt.want {
			t.Errorf("words(%q) = %d; want %d", tt.in, got, tt.want)
		}
	}
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{"a.txt": "one two three\n", "sub/b.txt": "four five"})
	var out, errOut bytes.Buffer
	if code := run([]string{"-workers", "2", dir}, &out, &errOut); code != 0 {
		t.Fatalf("run = %d; stderr %q", code, errOut.String())
	}
	want := regexp.MustCompile(`^readfloor: files=2 words=5 bytes=23 seconds=[0-9.]+ mb_per_s=[0-9.]+\n$`)
	if !want.MatchString(out.String()) {
		t.Errorf("run printed %q; want a line matching %s", out.String(), want)
	}

	out.Reset()
	errOut.Reset()
	if code := run([]string{filepath.Join(dir, "missing")}, &out, &errOut); code != 2 {
		t.Errorf("run on a missing path = %d; want 2", code)
	}
	if !strings.Contains(errOut.String(), "missing") {
		t.Errorf("stderr %q does not name the missing path", errOut.String())
	}
}
