package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
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
	for name, text := range map[string]string{"a.txt": "one two three\n", "sub/b.txt": "four five"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
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
