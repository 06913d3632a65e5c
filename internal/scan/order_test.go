package scan_test

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/scan"
)

// TestOrderIndependent: the chronam dev set's articles as JSON lines, in one order and in the
// reverse, give the same verified pairs with the same figures. Pairs were measured in the
// order of the inputs, and some measures are not symmetric: a reversed export of the chronam
// articles changed 45 of 32,067 verified pairs (see verify.First).
func TestOrderIndependent(t *testing.T) {
	var lines []string
	root := "../../testdata/chronam/articles"
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		text, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		line, err := json.Marshal(map[string]string{"id": filepath.ToSlash(rel), "text": string(text)})
		lines = append(lines, string(line))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	pairs := func(name string, lines []string) []string {
		file := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		opts := scan.DefaultOptions()
		res, err := scan.Run(t.Context(), []string{file}, nil, opts, nil)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, p := range res.Pairs {
			a, b := strings.TrimPrefix(res.Documents[p.A].Path, file+"#"), strings.TrimPrefix(res.Documents[p.B].Path, file+"#")
			r := p.Result
			ca, cb := r.CoverageA, r.CoverageB
			if a > b {
				a, b, ca, cb = b, a, cb, ca
			}
			out = append(out, fmt.Sprintf("%s %s %s %.6f %.6f %.6f", a, b, r.Relation, r.Score, ca, cb))
		}
		slices.Sort(out)
		return out
	}
	forward := pairs("forward.jsonl", lines)
	slices.Reverse(lines)
	if reversed := pairs("reversed.jsonl", lines); !slices.Equal(reversed, forward) {
		t.Errorf("%d verified pairs in one order, %d in the reverse; first difference at %d", len(forward), len(reversed), diffAt(forward, reversed))
	}
}

// diffAt returns the first index at which a and b differ.
func diffAt(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
