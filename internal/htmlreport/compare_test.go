package htmlreport_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/explain"
	"github.com/dedupe-dev/dedupe/internal/htmlreport"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// TestComparisons checks the pairs Comparisons explains, the order its limit keeps, and that a
// document gone since the scan only loses its pairs.
func TestComparisons(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, testfs.ReadDir(t, seedsDir))
	rep, cmps := seedReport(t, dir)
	m := rep.Clusters[0].Members
	all := [][2]string{{m[0].Path, m[1].Path}, {m[0].Path, m[2].Path}, {m[1].Path, m[2].Path}}
	if m[0].Path != rep.Clusters[0].Representative {
		t.Fatalf("representative %q; want the first member", rep.Clusters[0].Representative)
	}
	check := func(name string, cmps map[[2]string]*explain.Comparison, want [][2]string) {
		t.Helper()
		if len(cmps) != len(want) {
			t.Errorf("%s: %d comparisons; want %d", name, len(cmps), len(want))
		}
		for _, k := range want {
			if got := cmps[k]; got == nil || got.A.Path != k[0] || got.B.Path != k[1] || !got.Result.Duplicate {
				t.Errorf("%s: comparison %q is missing, misnamed or not a duplicate", name, k)
			}
		}
	}
	check("all", cmps, all)
	// Weighed with the scan's weights, each pair gets the scan's score: the page showed a fresh
	// comparison's, which disagreed with its own tables on most pairs of a real corpus.
	for _, p := range rep.Clusters[0].Pairs {
		c := cmps[[2]string{p.A, p.B}]
		if c == nil {
			c = cmps[[2]string{p.B, p.A}]
		}
		if c == nil || math.Abs(c.Result.Score-float64(p.Score)) > 5e-5 {
			t.Errorf("%s ~ %s: side-by-side %+v; want the scan's score %v", p.A, p.B, c, p.Score)
		}
	}
	opts := scan.DefaultOptions()
	var err error
	for limit := 1; limit <= 2; limit++ {
		cmps, err = htmlreport.Comparisons(context.Background(), rep, []string{dir}, nil, opts, nil, limit)
		if err != nil {
			t.Fatal(err)
		}
		check(fmt.Sprintf("limit %d", limit), cmps, all[:limit]) // the pairs with the representative first
	}
	if err := os.Remove(m[1].Path); err != nil {
		t.Fatal(err)
	}
	cmps, err = htmlreport.Comparisons(context.Background(), rep, []string{dir}, nil, opts, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	check("after removing "+m[1].Path, cmps, all[1:2])

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := htmlreport.Comparisons(ctx, rep, []string{dir}, nil, opts, nil, 0); err == nil {
		t.Error("Comparisons on a cancelled context = nil error")
	}
}

// TestComparisonsLargeCluster: in a cluster of more than AllPairsMax members only the pairs
// with the representative are compared.
func TestComparisonsLargeCluster(t *testing.T) {
	dir := t.TempDir()
	text := testfs.ReadFile(t, filepath.Join(seedsDir, "000_92edbd9511bc3411.txt"))
	c := report.Cluster{ID: 1, Size: htmlreport.AllPairsMax + 1, RepresentativeRule: "most_aligned"}
	for i := range c.Size {
		name := fmt.Sprintf("%02d.txt", i)
		if err := os.WriteFile(filepath.Join(dir, name), text, 0o644); err != nil {
			t.Fatal(err)
		}
		c.Members = append(c.Members, report.Member{Path: name})
	}
	c.Representative = c.Members[3].Path
	rep := &report.Report{Clusters: []report.Cluster{c}}
	opts := scan.DefaultOptions()
	opts.Workers = 3
	// From inside the folder, "." names the files as the cluster does.
	t.Chdir(dir)
	cmps, err := htmlreport.Comparisons(context.Background(), rep, []string{"."}, nil, opts, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for k := range cmps {
		got = append(got, k[0]+" "+k[1])
	}
	slices.Sort(got)
	var want []string
	for i, m := range c.Members {
		switch {
		case i < 3:
			want = append(want, m.Path+" 03.txt")
		case i > 3:
			want = append(want, "03.txt "+m.Path)
		}
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("pairs %q; want %q", got, want)
	}
}
