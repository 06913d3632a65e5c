package verify

import (
	"fmt"
	"math"
)

// Feature is one piece of evidence the score weighs.
type Feature int

// The features of the score, in the order of Model.Coefficients.
const (
	FeatureCoverage         Feature = iota // coverage of the better-covered side (the copy)
	FeatureWeightedCoverage                // the same, DF-weighted
	FeatureContainment                     // shingle containment of the copy
	FeatureRun                             // ln(1 + longest shared run of content words of narration)
	FeatureRunWeight                       // ln(1 + DF weight of the heaviest shared run)
	FeatureTemplateShare                   // share of the aligned sentences that are templates
	FeatureQuotedShare                     // share of the aligned sentences that are shared quotations, with a run of narration of QuoteRun
	FeatureCopied                          // ln(1 + content words copied)
	FeatureNumberExcess                    // share of numbers in the aligned sentences that are not templates, above NumberShareOfProse
	FeatureProseDeficit                    // share of stop words in them below the prose of the pair's language
	FeatureSkippingRun                     // ln(1 + longest shared run of narration, garbled words skipped)
	NumFeatures
)

// NumberShareOfProse and StopShareOfProse bound the shares of numbers and of stop words
// (Result.NumberShare, Result.StopShare) that copied narration has: up to one content word in
// 20 a number, at least 30% of the words stop words in a language such as English (in
// another, half the stop share of the pair's most stop-rich sentence, Result.ProseStopShare).
// Aligned sentences with more numbers or fewer stop words are a list, a table or a masthead:
// two days' market report, a paper's standing box, a program of speakers, which share their
// wording without being copies. The features count only the excess, so that prose does not
// gain from having more stop words or fewer figures: independent answers to one question
// (Clough-Stevenson) are prose as much as their copies are. On the chronam dev set, the stop
// share of the aligned sentences that are not templates (Result.StopShare) has a median of
// 0.40 for COPY pairs, 0.30 for NOT and 0.13 for TABLE.
const (
	NumberShareOfProse = 0.05
	StopShareOfProse   = 0.30
)

// QuoteRun is the shared run of narration (Result.SkippingRun, content words) below which a
// pair's shared quotations are no evidence for the score: its quoted share is then 0.
// Reporters who heard the same words quote them alike (issue 13 item 4), so shared quotations
// say something about copying only beside copied narration, which a copy keeps with its
// quotations. Counted without it, with the coefficient a refit gives (1.37), independent
// generated reports of one event sharing three quotations and a chance sentence of narration
// (a run of 3 words) scored 0.6-0.7: on the 100,000 generated articles of make bench 60
// clusters joined two reports of one event, 19 with main's coefficient (0.73). With the
// bound and the coefficient held at 0.73, 9. The bound was chosen on the chronam dev set
// (tools/fitscore -fix quoted_share=0.733): 4 finds 278 of its 307 copies with 34 false
// positives (cross-validated 502 and 59), 5 and 6 277 with 34 (500, 499 and 59), 9
// (--min-run) 276 with 34; 5 and 6 also group a sixth pair of independent Clough-Stevenson
// answers.
const QuoteRun = 4

// copiedSimilarity is the similarity from which an aligned sentence of n content words counts
// all n as copied (Result.Copied); one aligned at a lower similarity sim (down to
// Params.SentenceSimilarity, 0.33) counts n·(sim/copiedSimilarity)², as it shares fewer of
// them. Two independent reports of one event align sentences that share a name, a place and
// a verb at 0.33 to 0.4, and counted whole, a handful of such sentences made as many words
// copied as a paraphrased story has. On the 104,000 generated articles of make bench, counted
// whole, 22 pairs of independent reports of one event shared a cluster; with n·sim/0.4, 12;
// squared, 5 (a sentence at 0.35 counts 77% of its words, not 88%). With 0.5, in a first
// trial, about 3, but a heavy revision of Clough-Stevenson left its source's cluster and the
// chronam held-out set lost 2 of its 100 copies. On the chronam dev set, in a scan of the
// 59,433 articles, n·sim/0.4 took one false positive (p302, two reports of a dynamite
// explosion) and squared another (p416, two accounts of one train wreck), the copies the same;
// the held-out set and the uniform sample of verified pairs keep their verdicts.
const copiedSimilarity = 0.4

// copiedWords returns how many of the n content words of a sentence aligned at similarity sim
// count as copied (see copiedSimilarity).
func copiedWords(n int32, sim float64) float64 {
	r := min(sim/copiedSimilarity, 1)
	return float64(n) * r * r
}

// FeatureNames are the features' names, as dedupe compare and docs/algorithm.md show them.
var FeatureNames = [NumFeatures]string{
	"coverage", "weighted_coverage", "containment", "longest_run", "run_weight",
	"template_share", "quoted_share", "copied", "number_excess", "prose_deficit", "skipping_run",
}

// Evidence holds a pair's features, each as the model takes it.
type Evidence [NumFeatures]float64

// Evidence returns the features of r, a result of Verify or Explain that aligned its
// sentences.
func (r *Result) Evidence() Evidence {
	var e Evidence
	e[FeatureCoverage] = max(r.CoverageA, r.CoverageB)
	e[FeatureWeightedCoverage] = max(r.WeightedCoverageA, r.WeightedCoverageB)
	e[FeatureContainment] = r.Containment
	e[FeatureRun] = math.Log1p(float64(r.LongestRun))
	e[FeatureRunWeight] = math.Log1p(r.RunWeight)
	if n := r.AlignedSentences + r.TemplateSentences + r.QuotedSentences; n > 0 {
		e[FeatureTemplateShare] = float64(r.TemplateSentences) / float64(n)
		if r.SkippingRun >= QuoteRun {
			e[FeatureQuotedShare] = float64(r.QuotedSentences) / float64(n)
		}
	}
	e[FeatureCopied] = math.Log1p(r.Copied)
	e[FeatureNumberExcess] = max(r.NumberShare-NumberShareOfProse, 0)
	e[FeatureProseDeficit] = max(r.ProseStopShare-r.StopShare, 0)
	e[FeatureSkippingRun] = math.Log1p(float64(r.SkippingRun))
	return e
}

// Scored reports whether the score decides a pair that is not exact, with result r: whether
// it passes the gates that come before the score. A pair is scored when it has
//
//   - some evidence of copying: shingle containment of at least MinEvidence, or a shared run
//     of narration of at least MinRun content words, garbled words skipped
//     (Result.SkippingRun; the verifier skips the alignment of the pairs with neither, most
//     candidates of a large corpus);
//   - copied at least MinCopied content words (Result.Copied): a shared 15-word advertisement
//     is not a copied story;
//   - no more template sentences than copied ones (see Alignment.Template): two issues of a
//     weather report or an earnings table, whatever their shared frame, are not copies;
//   - no more content words in copied sentences that fill one frame with other names than in
//     the other copied sentences (see Alignment.Names): two towns' caucus warnings, one
//     formula with the other town's name in every sentence that names it, are not copies;
//   - a copied sentence of narration or a shared run of narration of at least MinRun content
//     words, garbled words skipped: two reports that share only a quotation (reporters who heard the same words
//     write them alike) are not copies, however long the quotation. On the 100,000
//     generated articles of make bench, 13 of 32 clusters that joined independent reports of
//     one event did so through one shared quotation and little else;
//   - not two tables of other figures: each document has less than TableFigures of its
//     content words in figures the other lacks (see otherFigures).
//
// A pair that is not scored is not a duplicate.
func (p Params) Scored(r *Result) bool { return p.Unscored(r) == "" }

// Unscored returns which gate of Scored the pair with result r fails, in words for dedupe
// compare, or "" when it is scored.
func (p Params) Unscored(r *Result) string {
	switch {
	case r.Containment < p.MinEvidence && r.SkippingRun < p.MinRun:
		return "too little containment and no long run"
	case r.Copied < float64(p.MinCopied):
		return "too few copied words"
	case r.TemplateSentences > r.AlignedSentences:
		return "more template sentences than copied ones"
	case r.NamedWords > r.AlignedWords-r.NamedWords:
		return "sentences naming other parties outweigh the copied ones"
	case r.AlignedSentences == 0 && r.SkippingRun < p.MinRun:
		return "only quotations shared, no narration"
	case min(r.OtherFiguresA, r.OtherFiguresB) >= p.TableFigures:
		return fmt.Sprintf("two tables of other figures: %.0f%% of A's content words and %.0f%% of B's are figures the other lacks",
			100*r.OtherFiguresA, 100*r.OtherFiguresB)
	}
	return ""
}

// Model is a logistic model of the evidence: the score of a pair is
// 1 / (1 + exp(-(Intercept + Σ Coefficients[f]·Evidence[f]))).
type Model struct {
	Intercept    float64
	Coefficients [NumFeatures]float64
}

// Logit returns the model's log-odds for e.
func (m *Model) Logit(e Evidence) float64 {
	z := m.Intercept
	for f, c := range m.Coefficients {
		z += c * e[f]
	}
	return z
}

// Score returns the model's probability that a pair of evidence e is a copy, in (0, 1).
func (m *Model) Score(e Evidence) float64 { return 1 / (1 + math.Exp(-m.Logit(e))) }

// Contributions returns each feature's term of the logit, Coefficients[f]·e[f]: what each
// piece of evidence adds to (or takes from) the log-odds, for dedupe compare.
func (m *Model) Contributions(e Evidence) Evidence {
	var c Evidence
	for f := range c {
		c[f] = m.Coefficients[f] * e[f]
	}
	return c
}

// DefaultModel is the score's model. Its coefficients were fitted by `go run ./tools/fitscore
// -fix quoted_share=0.733` (-lambda 10, 2026-12-04, with the skipping run of issue 13's third
// round and QuoteRun) on the 450 pairs the gates leave to the score among the 696 labelled
// pairs of the chronam-1916 dev set (testdata/chronam) and the Clough & Stevenson corpus
// (testdata/clough-stevenson): see that tool for how, and docs/algorithm.md for the fitted
// figures and their cross-validation. Refit and paste the tool's output when a feature or the
// verifier's figures change. The quoted share's coefficient is held, not fitted: shared
// quotations are weaker evidence than shared narration (issue 13 item 4), and fitted it rises
// (1.37 counted everywhere, 2.42 beside a run of QuoteRun words), joining independent reports
// of one event; 0.733 is what it had before the quotation gate and the skipping run. With the
// skipping run the run word for word and its weight keep small coefficients (0.10, 0.11 from
// 0.42, 0.39): on OCR'd text the skipping run says the same, better. The gate on sentences
// with other names (Alignment.Names), added since, leaves 447 of the pairs to the score:
// refitted on them, the coefficients move by at most 0.38 (the prose deficit's, of 14.3;
// the others by 0.10 or less) and its decisions on the dev set are this model's (278 copies
// found, 32 false positives), so the model was kept; cross-validated, 502 and 57 (59
// before the gate). The number and stop shares count the shared quotations since (see
// Result.StopShare): with this model, 281 copies found and 32 false positives. Refitted on
// them, 279 and 30 (cross-validated 503 and 56), but a sixth pair of independent
// Clough-Stevenson answers grouped, and 2 pairs of issues of one templated series and 7 of
// two series joined in the generated corpus of package scan's TestGeneratedCorpus (0 and 1
// with this model): this model was kept. Since numbers count for nothing in the runs (see
// longestRun), its decisions on the dev set are the same (281 and 32); refitted, 279 and 31
// (cross-validated 502 and 57, against 503 and 56 refitted before), so it was kept again.
// With the sentences aligned below copiedSimilarity copying part of their words, 281 and 30;
// refitted, 279 and 30 (cross-validated 504 and 58). With shared shingles inside quotation
// marks counting half in the copied words (see sharedShingles), 281 and 28; refitted, the
// same (cross-validated 511 and 52). With two tables of other figures not scored (see
// Params.TableFigures), 281 and 26; refitted on the 434 pairs then scored, 282 and 27
// (cross-validated 509 and 49), so it was kept.
var DefaultModel = Model{
	Intercept: -4.2747,
	Coefficients: [NumFeatures]float64{
		FeatureCoverage:         0.0546,
		FeatureWeightedCoverage: 0.3891,
		FeatureContainment:      2.6007,
		FeatureRun:              0.1025,
		FeatureRunWeight:        0.1061,
		FeatureTemplateShare:    -0.0720,
		FeatureQuotedShare:      0.7330,
		FeatureCopied:           0.6783,
		FeatureNumberExcess:     -15.8290,
		FeatureProseDeficit:     -14.2915,
		FeatureSkippingRun:      0.6460,
	},
}
