package explain_test

import (
	"path/filepath"
	"sort"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/devset"
	"github.com/dedupe-dev/dedupe/internal/explain"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

const (
	devDir     = "../../testdata/chronam"
	holdoutDir = "../../testdata/chronam-holdout"
)

// labelledSet is the verifier's verdicts on a labelled set of chronam-1916 pairs (devset.Read).
type labelledSet struct {
	all    devset.Confusion
	byPool map[string]*devset.Confusion
}

// measure runs the verifier on every labelled pair of the set in dir, weighing words by their
// document frequency in the set's articles, as a scan of them would, and logs precision and
// recall overall, by pool and by label, beside the longest shared run of content words alone.
// With -v and listWrong it lists the pairs it gets wrong. rewrite, when not nil, rewrites each
// text before the comparison.
func measure(t *testing.T, dir string, listWrong bool, rewrite func(string) string) labelledSet {
	t.Helper()
	pairs, err := devset.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	an := normalize.TestAnalyzer(t)
	w, err := devset.Weights(filepath.Join(dir, "articles"), an)
	if err != nil {
		t.Fatal(err)
	}
	v := verify.TestVerifier(t)
	v.SetWeights(w)
	set := labelledSet{byPool: map[string]*devset.Confusion{}}
	byLabel := map[string][2]int{} // label -> found, total
	runs := map[int]*devset.Confusion{}
	for _, p := range pairs {
		a, b := readText(t, p.A), readText(t, p.B)
		if rewrite != nil {
			a, b = rewrite(a), rewrite(b)
		}
		r := compare(t, an, v, explain.Document{Path: p.A}, explain.Document{Path: p.B}, a, b)
		set.all.Add(p.Duplicate(), r.Duplicate)
		if set.byPool[p.Pool] == nil {
			set.byPool[p.Pool] = &devset.Confusion{}
		}
		set.byPool[p.Pool].Add(p.Duplicate(), r.Duplicate)
		n := byLabel[p.Label]
		if r.Duplicate {
			n[0]++
		}
		n[1]++
		byLabel[p.Label] = n
		for _, min := range []int{6, 8, 10} {
			if runs[min] == nil {
				runs[min] = &devset.Confusion{}
			}
			runs[min].Add(p.Duplicate(), r.LongestRun >= min)
		}
		if listWrong && testing.Verbose() && r.Duplicate != p.Duplicate() {
			t.Logf("wrong: %s %s pool %s score %.2f: %s %s", p.ID, p.Label, p.Pool, r.Score, p.A, p.B)
		}
	}
	t.Logf("verifier: %v", set.all)
	for _, pool := range []string{"a", "b", "c"} {
		if c := set.byPool[pool]; c != nil {
			t.Logf("  pool %s: %v", pool, *c)
		}
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
	return set
}

// TestChronamDevSet prints the verifier's precision and recall on the labelled chronam-1916 dev
// set of real wire reprints, recurring items and templates (measure), and pins the counts, so
// that a change of the verifier shows its effect on real text. With -v it lists the pairs it
// gets wrong.
func TestChronamDevSet(t *testing.T) {
	set := measure(t, devDir, true, nil)
	if n := set.all.TP + set.all.FP + set.all.FN + set.all.TN; n < 400 {
		t.Fatalf("%d labelled pairs; the dev set has at least 400", n)
	}
	// Hard wraps joined (normalize.Version 2): precision 0.796, recall 0.749 (230, 59, 77, 106).
	// Aligned sentences with other figures left out of the coverage: 0.819, 0.736 (226, 50, 81,
	// 115). A shared run of 9 content words of narration enough on its own, 20 copied content
	// words needed, quotations at half weight: 0.827, 0.844. The score of a logistic model of
	// the evidence, DF-weighted (tools/fitscore): 0.847, 0.886 (272, 49, 35, 116). With the
	// number and stop shares of the aligned sentences (tables, mastheads, lists): 0.886, 0.886
	// (272, 35, 35, 130). Pairs that share only quotations not scored: 0.889, 0.886 (272, 34,
	// 35, 131). The run that skips single garbled words (OCR), with the model refitted: 0.894,
	// 0.902 (277, 33, 30, 132). The quoted share counted only beside a run of narration of
	// verify.QuoteRun words and its coefficient held at 0.733: 0.891, 0.906 (278, 34, 29, 131).
	// Pairs whose sentences naming other parties outweigh their other copied ones not scored
	// (two towns' caucus warnings, p273 and p458): 0.897, 0.906 (278, 32, 29, 133). Shared
	// quotations counted in the number and stop shares (testimonial ads, p027, p153 and p297,
	// were judged by their headlines alone and taken for lists): 0.898, 0.915 (281, 32, 26,
	// 133). Numbers adding nothing to runs, shingles of numbers alone not shared: the same.
	// Sentences aligned below verify's copiedSimilarity copying only part of their words (p302
	// and p224: two reports of one event, two days' summaries of Congress): 0.904, 0.915 (281,
	// 30, 26, 135). Shared shingles inside quotation marks counting half in the copied words
	// (p231, a paper's quoted guarantee on two days; p329, two reports of one senate vote):
	// 0.909, 0.915 (281, 28, 26, 137). Two tables of other figures not scored (p129 and p141,
	// a paper's market tables of two dates, OCR'd with their figures apart from the labels):
	// see want. Issue 13 asks for 0.95 and 0.90; the README's figures come from this test.
	if want := (devset.Confusion{TP: 281, FP: 26, FN: 26, TN: 139}); set.all != want {
		t.Errorf("verifier: %v; want %v", set.all, want)
	}
}
