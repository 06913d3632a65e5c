package scan_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// TestOrderIndependent: the chronam dev set's articles as JSON lines, in one order and in the
// reverse, give the same verified pairs with the same figures, and the same clusters with the
// same representatives. Pairs were measured in the
// order of the inputs, and some measures are not symmetric: a reversed export of the chronam
// articles changed 45 of 32,067 verified pairs (see verify.First).
func TestOrderIndependent(t *testing.T) {
	var lines []string
	testfs.WalkFiles(t, "../../testdata/chronam/articles", func(rel string, text []byte) {
		line, err := json.Marshal(map[string]string{"id": rel, "text": string(text)})
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, string(line))
	})
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
		// The clusters too, each by its representative and members: what --print-copies lists.
		for _, c := range res.Report(&opts, false).Clusters {
			members := make([]string, len(c.Members))
			for i, m := range c.Members {
				members[i] = strings.TrimPrefix(m.Path, file+"#")
			}
			slices.Sort(members)
			out = append(out, "cluster "+strings.TrimPrefix(c.Representative, file+"#")+": "+strings.Join(members, " "))
		}
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

// TestSeries: with a series rule, the candidate pairs of one series (one paper's issues) are
// not compared, and counted; a rule that names no series warns.
func TestSeries(t *testing.T) {
	original := testfs.ReadFile(t, "../../testdata/seeds/000_92edbd9511bc3411.txt")
	paraphrase := testfs.ReadFile(t, "../../testdata/seeds/001_d7e9e624c01eeb52.txt")
	dir := t.TempDir()
	for name, text := range map[string][]byte{"paper1/mon.txt": original, "paper1/tue.txt": original, "paper2/mon.txt": paraphrase} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), text, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pairs := func(series string) ([]string, *scan.Result) {
		opts := scan.DefaultOptions()
		opts.Series = series
		res := runIn(t, dir, opts)
		var out []string
		for _, p := range res.Pairs {
			out = append(out, res.Documents[p.A].Path+"~"+res.Documents[p.B].Path)
		}
		return out, res
	}
	all, res := pairs("")
	if len(all) != 3 || res.SeriesPairs != 0 {
		t.Fatalf("without a rule: pairs %q, %d of one series; want all 3, none left out", all, res.SeriesPairs)
	}
	got, res := pairs(`^(paper[0-9]+)/`)
	if want := []string{"paper1/mon.txt~paper2/mon.txt", "paper1/tue.txt~paper2/mon.txt"}; !slices.Equal(got, want) || res.SeriesPairs != 1 {
		t.Errorf("--series: pairs %q, %d of one series; want %q and 1", got, res.SeriesPairs, want)
	}
	opts := scan.DefaultOptions()
	opts.Series = `^paper[0-9]+$`
	rep := runIn(t, dir, opts).Report(&opts, false)
	if want := `--series "^paper[0-9]+$" names the series of no document: no pair is left out as of one series`; len(rep.Warnings) != 1 || rep.Warnings[0].Message != want {
		t.Errorf("a rule that names nothing: warnings %+v; want %q", rep.Warnings, want)
	}
	opts.Series = "."
	rep = runIn(t, dir, opts).Report(&opts, false)
	if want := `--series "." puts every candidate pair in one series: no pair is compared`; len(rep.Warnings) != 1 || rep.Warnings[0].Message != want {
		t.Errorf("a rule that names one series: warnings %+v; want %q", rep.Warnings, want)
	}
	opts.Series = "(["
	if _, err := scan.Run(t.Context(), []string{dir}, nil, opts, nil); err == nil || !strings.HasPrefix(err.Error(), "invalid --series: ") {
		t.Errorf("a rule that does not compile: %v; want invalid --series", err)
	}
}
