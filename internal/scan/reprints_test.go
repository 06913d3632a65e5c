package scan_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/scan"
)

// writeReprints writes under a new folder the copies of two seed articles, each with one word
// of its own changed: 25 of the first (its original a/00.txt first in input order), 5 of the
// second, and a third seed article alone.
func writeReprints(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	seed := func(name string) []string {
		text, err := os.ReadFile(filepath.Join("../../testdata/seeds", name))
		if err != nil {
			t.Fatal(err)
		}
		return strings.Fields(string(text))
	}
	write := func(name string, words []string) {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(strings.Join(words, " ")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for story, copies := range map[string]int{"000_92edbd9511bc3411.txt": 25, "003_38899e923ba17ffe.txt": 5} {
		words := seed(story)
		for k := range copies {
			w := append([]string(nil), words...)
			if k > 0 {
				w[k*17%len(w)] = fmt.Sprintf("changed%d", k)
			}
			write(fmt.Sprintf("%s/%02d.txt", story[:3], k), w)
		}
	}
	write("alone.txt", seed("004_e5f86a3492c09562.txt"))
	return dir
}

// TestReprintGroups checks that the 25 near-identical copies of one story are verified
// against the first of them only, the 300 pairs among them less the 276 of two later copies,
// and still make one cluster; that the 5 copies of another story, a group smaller than
// --reprint-group, have their 10 pairs verified (the 5 candidates of the third article with
// them are not duplicates); that --reprint-group 0, a larger group or a similarity that the
// copies' one changed word each misses verify them all and give the same clusters; and that
// the workers do not change the report.
func TestReprintGroups(t *testing.T) {
	dir := writeReprints(t)
	run := func(group, workers int, similarity float64) (scan.Result, []string) {
		opts := scan.DefaultOptions()
		opts.ReprintGroup, opts.Workers, opts.ReprintSimilarity = group, workers, similarity
		res, err := scan.Run(t.Context(), []string{dir}, nil, opts, nil)
		if err != nil {
			t.Fatal(err)
		}
		var clusters []string
		for _, c := range res.Report(&opts, false).Clusters {
			var members []string
			for _, m := range c.Members {
				members = append(members, strings.TrimPrefix(filepath.ToSlash(m.Path), filepath.ToSlash(dir)+"/"))
			}
			clusters = append(clusters, fmt.Sprintf("%d members, %s first, %d pairs", len(members), members[0], len(c.Pairs)))
		}
		return *res, clusters
	}
	res, clusters := run(20, 2, 0.7)
	if res.Implied != 276 || res.Candidates != 39 || len(res.Pairs) != 34 {
		t.Errorf("--reprint-group 20: %d implied, %d candidates, %d verified; want 276, 39, 34", res.Implied, res.Candidates, len(res.Pairs))
	}
	for _, p := range res.Pairs {
		a, b := res.Documents[p.A].Path, res.Documents[p.B].Path
		if strings.Contains(a, "000/") && !strings.HasSuffix(a, "000/00.txt") {
			t.Errorf("verified %s ~ %s: two later copies of a group of 25", a, b)
		}
	}
	want := []string{"25 members, 000/00.txt first, 24 pairs", "5 members, 003/00.txt first, 10 pairs"}
	if strings.Join(clusters, "; ") != strings.Join(want, "; ") {
		t.Errorf("--reprint-group 20: clusters %q; want %q", clusters, want)
	}

	all, allClusters := run(0, 2, 0.7)
	if all.Implied != 0 || len(all.Pairs) != 310 {
		t.Errorf("--reprint-group 0: %d implied, %d verified; want 0, 310", all.Implied, len(all.Pairs))
	}
	want[0] = "25 members, 000/00.txt first, 300 pairs"
	if strings.Join(allClusters, "; ") != strings.Join(want, "; ") {
		t.Errorf("--reprint-group 0: clusters %q; want %q", allClusters, want)
	}

	// A group of 26 or more: the 25 copies fall short, every pair verified.
	if big, _ := run(26, 1, 0.7); big.Implied != 0 || len(big.Pairs) != 310 {
		t.Errorf("--reprint-group 26: %d implied, %d verified; want 0, 310", big.Implied, len(big.Pairs))
	}
	if strict, _ := run(20, 2, 1); strict.Implied != 0 || len(strict.Pairs) != 310 {
		t.Errorf("--reprint-similarity 1: %d implied, %d verified; want 0, 310", strict.Implied, len(strict.Pairs))
	}
	if one, oneClusters := run(20, 1, 0.7); one.Implied != res.Implied || strings.Join(oneClusters, "; ") != strings.Join(clusters, "; ") {
		t.Errorf("one worker: %d implied, clusters %q; two: %d, %q", one.Implied, oneClusters, res.Implied, clusters)
	}
}
