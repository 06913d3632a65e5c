package explain_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/explain"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/testfs"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// devPair is one labelled pair of the chronam-1916 dev set (testdata/chronam/LABELLING.md).
type devPair struct {
	id, pool, a, b, label string
}

// readDevSet joins testdata/chronam/pairs.tsv with labels.tsv.
func readDevSet(t *testing.T) []devPair {
	t.Helper()
	const dir = "../../testdata/chronam"
	labels := map[string]string{}
	for _, r := range testfs.ReadTSV(t, filepath.Join(dir, "labels.tsv"), 0)[1:] {
		labels[r[0]] = r[1]
	}
	var pairs []devPair
	for _, r := range testfs.ReadTSV(t, filepath.Join(dir, "pairs.tsv"), 0)[1:] {
		if l, ok := labels[r[0]]; ok {
			pairs = append(pairs, devPair{id: r[0], pool: r[1], a: filepath.Join(dir, "articles", r[2]), b: filepath.Join(dir, "articles", r[3]), label: l})
		}
	}
	return pairs
}

// confusion counts a detector's verdicts against the labels: COPY and PARTIAL are duplicates,
// NOT and TABLE are not, SKIP is left out.
type confusion struct{ tp, fp, fn, tn int }

func (c *confusion) add(label string, found bool) {
	dup := label == "COPY" || label == "PARTIAL"
	switch {
	case dup && found:
		c.tp++
	case dup:
		c.fn++
	case found:
		c.fp++
	default:
		c.tn++
	}
}

func (c confusion) String() string {
	p := float64(c.tp) / float64(max(c.tp+c.fp, 1))
	r := float64(c.tp) / float64(max(c.tp+c.fn, 1))
	return fmt.Sprintf("precision %.3f recall %.3f (tp %d, fp %d, fn %d, tn %d)", p, r, c.tp, c.fp, c.fn, c.tn)
}

// TestChronamDevSet prints the verifier's precision and recall on the labelled chronam-1916 dev
// set of real wire reprints, recurring items and templates, overall, by pool and by label, beside
// the longest shared run of content words alone; and pins the counts, so that a change of the
// verifier shows its effect on real text.
func TestChronamDevSet(t *testing.T) {
	pairs := readDevSet(t)
	if len(pairs) < 400 {
		t.Fatalf("%d labelled pairs; the dev set has at least 400", len(pairs))
	}
	an := normalize.TestAnalyzer(t)
	v := verify.TestVerifier(t)
	var all confusion
	byPool := map[string]*confusion{}
	byLabel := map[string][2]int{} // label -> found, total
	runs := map[int]*confusion{}
	for _, p := range pairs {
		if p.label == "SKIP" {
			continue
		}
		ta, err := os.ReadFile(p.a)
		if err != nil {
			t.Fatal(err)
		}
		tb, err := os.ReadFile(p.b)
		if err != nil {
			t.Fatal(err)
		}
		r := compare(t, an, v, explain.Document{Path: p.a}, explain.Document{Path: p.b}, string(ta), string(tb))
		all.add(p.label, r.Duplicate)
		if byPool[p.pool] == nil {
			byPool[p.pool] = &confusion{}
		}
		byPool[p.pool].add(p.label, r.Duplicate)
		n := byLabel[p.label]
		if r.Duplicate {
			n[0]++
		}
		n[1]++
		byLabel[p.label] = n
		for _, min := range []int{6, 8, 10} {
			if runs[min] == nil {
				runs[min] = &confusion{}
			}
			runs[min].add(p.label, r.LongestRun >= min)
		}
	}
	t.Logf("verifier: %v", all)
	for _, pool := range []string{"a", "b", "c"} {
		t.Logf("  pool %s: %v", pool, *byPool[pool])
	}
	var labels []string
	for l := range byLabel {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	for _, l := range labels {
		t.Logf("  %s: %d of %d called duplicates", l, byLabel[l][0], byLabel[l][1])
	}
	for _, min := range []int{6, 8, 10} {
		t.Logf("longest run of %d+ content words alone: %v", min, *runs[min])
	}
	// Hard wraps joined (normalize.Version 2): precision 0.796, recall 0.749 (230, 59, 77, 106).
	// Aligned sentences with other figures left out of the coverage: 0.819, 0.736 (226, 50, 81,
	// 115). A shared run of 9 content words of narration enough on its own, 20 copied content
	// words needed, quotations at half weight: 0.827, 0.844. Issue 13 asks for 0.95 and 0.90; the
	// README's figures come from this test.
	if want := (confusion{tp: 259, fp: 54, fn: 48, tn: 111}); all != want {
		t.Errorf("verifier: %v; want %v", all, want)
	}
}
