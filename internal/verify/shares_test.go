package verify_test

import (
	"fmt"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/verify"
)

// prices is a paper's local market table, printed the same every day, after a story of the day.
const prices = "LOCAL MARKETS.\n" +
	"Wheat, No. 1 northern, 1.21; No. 2 northern, 1.17.\n" +
	"Oats, white, 42; mixed, 39. Corn, yellow, 71; mixed, 68.\n" +
	"Barley, malting, 58; feed, 52. Rye, No. 2, 88.\n" +
	"Hay, timothy, 14.50; prairie, 11.00. Straw, 6.00.\n" +
	"Butter, creamery, 32; dairy, 27. Eggs, fresh, 30; storage, 24.\n" +
	"Hogs, heavy, 6.85; light, 7.10. Cattle, steers, 7.25; cows, 5.50.\n"

// TestSharesOfLists: a paper's market table reprinted under two days' stories shares its lines
// word for word, but they are names and figures, with few stop words: the shares of numbers
// and stop words of the aligned sentences weigh against the pair, which is no copy. A copied
// story is prose: neither share counts against it. A language without stop words (Chinese)
// gives no bound on the stop share.
func TestSharesOfLists(t *testing.T) {
	v := verify.TestVerifier(t)
	sk := textSketcher(t)
	monday := sk("The county commissioners met on Monday and voted to build a new bridge over the river at the foot of Main street, which the farmers of the north side have asked for since the flood of last spring.\n\n" + prices)
	tuesday := sk("A fire that started in the basement of the hardware store of Jensen and Sons destroyed the building on Tuesday night, and the firemen, who were called at ten o'clock, could only save the block next to it.\n\n" + prices)
	r, err := v.Explain(t.Context(), monday, tuesday)
	if err != nil {
		t.Fatal(err)
	}
	// The table's 10 sentences align: 40.8% of their content words are numbers, 3.9% of their
	// words stop words, against a bound of half the 52.6% of the stories' most stop-rich sentence.
	e := r.Evidence()
	got := fmt.Sprintf("%v %d %.3f %.3f %.3f", r.Duplicate, r.AlignedSentences, r.NumberShare, r.StopShare, r.ProseStopShare)
	if want := "false 10 0.408 0.039 0.263"; got != want || e[verify.FeatureNumberExcess] <= 0 || e[verify.FeatureProseDeficit] <= 0 {
		t.Errorf("a market table under two stories: duplicate, aligned sentences, number share, stop share, its bound = %s (score %.2f); want %s",
			got, r.Score, want)
	}

	r = v.Verify(seedSketch(t, "000_92edbd9511bc3411.txt"), seedSketch(t, "001_d7e9e624c01eeb52.txt"))
	if e := r.Evidence(); !r.Duplicate || e[verify.FeatureNumberExcess] != 0 || e[verify.FeatureProseDeficit] != 0 {
		t.Errorf("a rewritten story: duplicate %v, number share %.3f, stop share %.3f of %.2f; want true, at most %.2f, at least the bound",
			r.Duplicate, r.NumberShare, r.StopShare, r.ProseStopShare, verify.NumberShareOfProse)
	}

	zh := sk("中国经济增长很快。今年第一季度国内生产总值同比增长百分之五。")
	if r, err := v.Explain(t.Context(), zh, zh); err != nil || r.ProseStopShare != 0 {
		t.Errorf("Chinese: bound on the stop share %.2f, %v; want 0 (no stop words)", r.ProseStopShare, err)
	}
}

// TestSharesOfQuotedProse: a testimonial ad reprinted whole (a patent medicine's "reading
// notice", 1916) is a headline over a customer's quoted letter. Its shared sentences are the
// headline, counted, and the letter, shared quotations: the shares of numbers and stop words
// count both, since a quotation is prose, so the headline alone, without a stop word, does not
// make the copy a list.
func TestSharesOfQuotedProse(t *testing.T) {
	v := verify.TestVerifier(t)
	sk := textSketcher(t)
	letter := "\"I have a little girl six years old who has a good deal of trouble with croup,\" writes W. E. Curry, Evansville, Ind. " +
		"\"I have used Foley's Honey and Tar, obtaining instant relief for her. " +
		"My wife and I also use it and will say it is the best cure for a bad cold, cough, throat trouble and croup that I ever saw.\""
	a := sk("SIX-YEAR-OLD HAD CROUP.\n\n" + letter + "\n\nFor sale by all druggists.")
	b := sk("SIX-YEAR-OLD HAD CROUP.\n\n" + letter + "\n\nSold everywhere.")
	r, err := v.Explain(t.Context(), a, b)
	if err != nil {
		t.Fatal(err)
	}
	e := r.Evidence()
	got := fmt.Sprintf("%v %d %d %.3f %.3f", r.Duplicate, r.AlignedSentences, r.QuotedSentences, r.StopShare, r.ProseStopShare)
	if want := "true 1 3 0.397 0.250"; got != want || e[verify.FeatureProseDeficit] != 0 {
		t.Errorf("a testimonial ad reprinted: duplicate, counted and quoted sentences, stop share, its bound = %s (score %.2f, prose deficit %.3f); want %s and no deficit",
			got, r.Score, e[verify.FeatureProseDeficit], want)
	}
}
