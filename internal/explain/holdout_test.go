package explain_test

import "testing"

// TestChronamHoldout prints the verifier's precision and recall on the held-out chronam-1916
// set (testdata/chronam-holdout, 158 labelled pairs sharing no article with the dev set), by
// pool and by label as for the dev set (measure), and fails when they drop below floors set a
// little under what the score of issue 13 gives, so that a regression shows on text that no
// parameter was chosen on.
//
// The held-out set is for measuring only: nothing is fitted or tuned on it (tools/fitscore
// reads the dev set, and the floors below were set after the model was settled there). A
// change tuned until this test passes has used it, and it is then no longer held out (its
// README). So it names no pair it gets wrong, even with -v: its figures go beside the dev set's
// in docs/benchmarks.md, its pairs are not for reading while working on the verifier.
func TestChronamHoldout(t *testing.T) {
	set := measure(t, holdoutDir, false, nil)
	if n := set.all.TP + set.all.FP + set.all.FN + set.all.TN; n != 158 {
		t.Fatalf("%d labelled pairs; the held-out set has 158 (160 but 2 SKIPped)", n)
	}
	// Main before the score (b2d0831, the OR of thresholds): precision 0.765, recall 0.750 (75,
	// 23, 25, 35). The DF-weighted logistic score (verify.DefaultModel): 0.845, 0.820 (82, 15,
	// 18, 43); with the number and stop shares of the aligned sentences, 0.918, 0.900 (90, 8,
	// 10, 50), measured once after the features and the model were settled on the dev set.
	// With the run that skips garbled words: 0.928, 0.900 (90, 7, 10, 51). With the quoted
	// share counted only beside a run of narration (verify.QuoteRun), its coefficient held at
	// 0.733: 0.927, 0.890 (89, 7, 11, 51). Pairs whose sentences with other names outweigh
	// their other copied ones not scored: the same. Shared quotations counted in the number
	// and stop shares: 0.929, 0.910 (91, 7, 9, 51).
	// The floors allow about three pairs' slack each way (87/98 and 87/100).
	const minPrecision, minRecall = 0.88, 0.87
	if p, r := set.all.Precision(), set.all.Recall(); p < minPrecision || r < minRecall {
		t.Errorf("verifier: %v; want precision at least %.2f and recall at least %.2f", set.all, minPrecision, minRecall)
	}
}
