package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{" ,\n", nil},
		{"The PERSIA, sunk.", []string{"the", "persia", "sunk"}},
		{"don't 1,200 Café", []string{"don", "t", "1", "200", "café"}},
		{"ab\xffcd", []string{"ab", "cd"}},
		{"ÉTÉ 1916\tΣΟΦΊΑ", []string{"été", "1916", "σοφία"}},
	}
	for _, tt := range tests {
		var got []string
		for _, w := range words([]byte(tt.in)) {
			got = append(got, string(w))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("words(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestSign(t *testing.T) {
	if sig := sign([]byte("Persia."), 256); sig != nil {
		t.Errorf("sign of one word = %d values; want nil", len(sig))
	}
	a := sign([]byte("the liner the"), 16)
	b := sign([]byte("The LINER, the liner; the."), 16)
	if len(a) != 16 || !slices.Equal(a, b) {
		t.Errorf("sign of one set of 2-grams, written twice = %v and %v; want 16 equal values", a, b)
	}
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	story := "The British liner Persia was sunk in the Mediterranean without warning on Thursday; " +
		"of the two hundred passengers on board, few were saved, and an American consul is among the missing. "
	files := map[string]string{
		"a/1.txt":   story + "London, Jan. 3.",
		"b/2.txt":   story + "Washington, Jan. 3 (By Associated Press).",
		"c/3.txt":   "Wheat closed two cents higher at Chicago on heavy buying by the mills and light receipts.",
		"c/4.txt":   "Weather.",
		"c/5.json":  story,
		"d/six.txt": "",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-workers", "3", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("run = %d; stderr %q", code, stderr.String())
	}
	size := 0
	for name, text := range files {
		if strings.HasSuffix(name, ".txt") {
			size += len(text)
		}
	}
	want := regexp.MustCompile(`^peer: files=5 indexed=3 bytes=` + strconv.Itoa(size) +
		` k=\d+ l=\d+ candidate_pairs=1 sign_s=[0-9.]+ index_s=[0-9.]+ query_s=[0-9.]+ total_s=[0-9.]+\n$`)
	if !want.MatchString(stdout.String()) {
		t.Errorf("run printed %q; want it to match %s", stdout.String(), want)
	}
}

func TestRunErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{nil, "usage: peer"},
		{[]string{"-threshold", "1", "."}, "usage: peer"},
		{[]string{filepath.Join(t.TempDir(), "missing")}, "peer: lstat "},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if code := run(tt.args, &stdout, &stderr); code != 2 || !strings.HasPrefix(stderr.String(), tt.want) {
			t.Errorf("run(%q) = %d, stderr %q; want 2 and %q", tt.args, code, stderr.String(), tt.want)
		}
	}
}
