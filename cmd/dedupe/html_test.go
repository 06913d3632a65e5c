package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/testfs"
)

const seedsDir = "../../testdata/seeds"

// runHTML runs dedupe with args and stdin, expects success and returns stdout and the page
// written to file.
func runHTML(t *testing.T, stdin []byte, file string, args ...string) (stdout, page string) {
	t.Helper()
	var out, errOut bytes.Buffer
	if code := run(args, streams{In: bytes.NewReader(stdin), Out: &out, Err: &errOut}); code != exitOK {
		t.Fatalf("dedupe %v: exit %d, stderr:\n%s", args, code, errOut.String())
	}
	b := testfs.ReadFile(t, file)
	return out.String(), string(b)
}

func TestScanHTML(t *testing.T) {
	seed001 := testfs.ReadFile(t, filepath.Join(seedsDir, seed001))
	tests := []struct {
		name    string
		stdin   []byte
		paths   []string
		members int
	}{
		{"folder", nil, []string{seedsDir}, 3},
		{"standard input read twice", seed001, []string{"-", seedsDir}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "report.html")
			out, page := runHTML(t, tt.stdin, file, append([]string{"scan", "-q", "--html", file}, tt.paths...)...)
			if !strings.HasPrefix(out, "{") {
				t.Errorf("stdout does not hold the JSON report with --html: %.40q", out)
			}
			for _, want := range []struct {
				s string
				n int
			}{
				{`<section class="cluster"`, 1},
				{`data-file="report_files/c1.js"`, 1},
				{`<tr data-path=`, tt.members},
				{"not included", 0},
			} {
				if got := strings.Count(page, want.s); got != want.n {
					t.Errorf("page holds %q %d times; want %d", want.s, got, want.n)
				}
			}
			script := testfs.ReadFile(t, filepath.Join(filepath.Dir(file), "report_files", "c1.js"))
			// Every two members side by side: "0 1", "0 2", ...
			if got, want := strings.Count(string(script), `","rows":`), tt.members*(tt.members-1)/2; got != want {
				t.Errorf("cluster script holds %d pairs; want %d", got, want)
			}
		})
	}
}

func TestCompareHTML(t *testing.T) {
	file := filepath.Join(t.TempDir(), "pair.html")
	a, b := filepath.Join(seedsDir, seed000), filepath.Join(seedsDir, seed002)
	out, page := runHTML(t, nil, file, "compare", "--html", file, a, b)
	if !strings.Contains(out, "verdict      duplicates: rewrite") {
		t.Errorf("stdout does not hold the text comparison with --html:\n%s", out)
	}
	for _, want := range []string{"<title>dedupe compare: " + a + " and " + b + "</title>", `<mark class="verbatim">`, `<mark class="rewrite">`} {
		if !strings.Contains(page, want) {
			t.Errorf("page does not hold %q", want)
		}
	}
}
