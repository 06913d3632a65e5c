package verify

import (
	"fmt"
	"strings"
)

// The decisions of Params.Decision: what a pair that is not exact needs to be a duplicate.
const (
	// DecisionAuto resolves to DecisionStrict or DecisionStandard by the corpus
	// ([Params.ResolveDecision]).
	DecisionAuto = "auto"
	// DecisionStandard is the score alone, the decision it was fitted for: OCR'd newspapers,
	// whose copies have weak evidence because garbled words cut their runs, and small
	// collections.
	DecisionStandard = "standard"
	// DecisionStrict adds the stricter test of [Params.Unstrict] to the score: for large
	// archives of clean text.
	DecisionStrict = "strict"
)

// Decisions lists the valid values of Params.Decision.
var Decisions = []string{DecisionAuto, DecisionStandard, DecisionStrict}

// ResolveDecision returns the decision a corpus gets whose garble share (see normalize.Garble)
// was measured for measured documents, clean of them with a share of at most StrictGarble:
// p.Decision when it is not auto; else strict when at least StrictMinDocs were measured and
// more than half of them are clean (a median of clean text), and standard otherwise. A scan
// counts its documents, an index keeps the counts for dedupe check (0 and 0 for an index
// written before them), so that both decide alike.
//
// The median of the OCR'd chronam-1916 articles is 0.04, that of clean newswire archives 0 to
// 0.004, and every random sample of 10 or more chronam articles had a median above 0.01. But
// clean is not enough: the Clough-Stevenson answers (100 files, median 0) are clean text whose
// heavy rewrites have only the weak evidence that the stricter test refuses (40 of 57 answers
// grouped with their source, against 54). StrictMinDocs (2,000, the size at which a scan
// already changes its candidate threshold and permutations, scan.SmallCorpus) keeps such
// small collections on today's decision; the archives whose series and genres make the false
// pairs the stricter test removes are larger.
func (p Params) ResolveDecision(measured, clean int) string {
	if p.Decision != DecisionAuto {
		return p.Decision
	}
	if measured >= p.StrictMinDocs && (Texts{Measured: measured, Clean: clean}).MostlyClean() {
		return DecisionStrict
	}
	return DecisionStandard
}

// Texts counts the documents of a corpus by their garble share (see normalize.Garble), the
// counts from which ResolveDecision resolves its decision and MixedText warns. The zero value
// counts none; a corpus's counts are the sums of those of its parts.
type Texts struct {
	Measured int // documents whose garble share was measured: those in English
	Clean    int // of them, those with a share of at most the bound of clean text
	OCR      int // of them, those that look OCR'd: a share above OCRLike times that bound
}

// MostlyClean reports that more than half of the documents measured are clean: a median of
// clean text.
func (t Texts) MostlyClean() bool { return 2*t.Clean > t.Measured }

// Add counts one more document whose garble share is g, negative when it was not measured
// (sketch.Sketch.Garble), at a bound of clean text of strictGarble (Params.StrictGarble).
// Scan, the index and the Beam pipeline all count so.
func (t *Texts) Add(g, strictGarble float64) {
	if g < 0 {
		return
	}
	t.Measured++
	if g <= strictGarble {
		t.Clean++
	}
	if g > OCRLike*strictGarble {
		t.OCR++
	}
}

// OCRLike is how many times StrictGarble a document's garble share must be for it to look
// OCR'd: 0.03 by default. Most OCR'd articles are above it (the chronam articles' 25th
// percentile is 0.02, their median 0.04), about 3% of the documents of clean archives (an
// AP-style archive's tables; 1% of a Reuters sample).
const OCRLike = 3

// MixedShare is the share of a corpus's measured documents that look OCR'd (OCRLike) from
// which a corpus given the strict decision mixes OCR'd pages with clean text: the strict
// decision may then miss their copies, and scan and check warn (see MixedText). In QA passes,
// 1,200 chronam articles among 2,897 clean stories kept 38 of the 225 pairs verified among
// them alone, 400 of them 7 of 54 (371 of the 3,287 documents measured looked OCR'd).
const MixedShare = 0.06

// MixedText returns the warning for a corpus that got the strict decision with ocr of its
// measured documents looking OCR'd, at a bound of clean text of strictGarble, or "" when they
// are fewer than MixedShare of them.
func MixedText(measured, ocr int, strictGarble float64) string {
	if measured == 0 || float64(ocr) < MixedShare*float64(measured) {
		return ""
	}
	return fmt.Sprintf("%d of the %d documents in English look OCR'd (more than %.0f%% of their words debris), the others clean: the strict decision, for clean text, may miss the copies of the OCR'd ones, which --decision standard finds",
		ocr, measured, 100*OCRLike*strictGarble)
}

// MixedWarning returns the warning (MixedText) for a corpus of counts t, clean at most
// p.StrictGarble, when p's decision is auto and resolves to the strict one for t
// (ResolveDecision) while MixedShare or more of t's measured documents look OCR'd; "" otherwise.
// A decision given (strict or standard) is the user's choice, and gets no warning.
func (p Params) MixedWarning(t Texts) string {
	if p.Decision != DecisionAuto || p.ResolveDecision(t.Measured, t.Clean) != DecisionStrict {
		return ""
	}
	return MixedText(t.Measured, t.OCR, p.StrictGarble)
}

// Unstrict returns why a pair with result r, scored and not exact, fails the stricter test of
// clean text, in words for dedupe compare, or "" when it passes. A pair with an aligned
// sentence that fills one frame with names of its own (Result.OwnNameSentences) fails, as
// does one with StrictTemplates of its aligned sentences or more templates (their figures
// differ; shared quotations left out). Another passes near exact (a shingle Jaccard of at
// least NearExact, the relation's bound), or with a score of at least StrictScore, or a
// coverage (of the better-covered side) of at least StrictCoverage over at least StrictAligned
// aligned sentences, or a longest run word for word of at least StrictRun, or, a partial copy
// (no template sentence, each document less than PartialBelow found in the other), of at least
// StrictPartialRun.
//
// In clean text, weak evidence (a score of 0.6-0.9, a few aligned sentences, a run of 10-20
// words) mostly marks issues of one series, stories of one genre or independent accounts of
// one event, not copies: a copy of clean text keeps long runs, or most of its sentences. On an
// AP-style archive of 2,921 documents the test raised pair precision from 0.28 to 0.96, copy
// recall going from 0.98 to 0.95 (partial copies lost); on a labelled Reuters sample precision
// from 0.44 to 0.95, recall from 1.00 to 0.95.
//
// A partial copy of clean text is one passage copied word for word into a story of its own:
// a run of 15-24 content words, both documents mostly text of their own. The issues of a
// series share runs as long, but share their frame: whole short texts found in each other, or
// sentences that differ only in their figures (template sentences). Names of their own in
// both sides of an aligned sentence (two names or more each, none in the other document) fill
// a series' frame with other cases, companies or teams: of the pairs the standard decision
// verifies in the AP-style archive, no copy has such a sentence, and 650 of the 1,468 false
// pairs do. With both, its pair precision rose from 0.962 to 0.974 and its partial copies
// found from 6 to 10 of 16 (docs/algorithm.md); the Reuters sample's verdicts are the same.
//
// A copy of clean text keeps its figures, where OCR misreads some (the standard decision's gate
// refuses only more template sentences than copied ones, Params.Scored): a quarter of the
// aligned sentences with other figures marks two issues of a report, the week's mortgage
// rates, the Fed's daily operation. In the AP-style archive such pairs are 11 of the 15 false
// pairs the strict decision kept (SGML; 58 of 82 as plain text, 86 of 131 in its 8,070-story
// version), and 3 of its 1,259 true ones, writethrus with new figures paired with another
// copy of their story (each still paired with its source); in the Reuters sample 2 of the 4
// false pairs (the Fed's daily items, labelled "template; new-figures"), none of its copies.
//
// A writethru is a copy too: the story sent again with a new death toll, vote count or
// seizure ("killing at least 12 people" ~ "killing at least 38 people"). Its templates are
// updates (Result.UpdateSentences): one figure on a side (StrictUpdateFigures), the sentences
// alike but for it (a similarity of StrictUpdateSimilarity or more). A pair whose every
// template is an update is not refused for its templates; one template of more figures, or
// recast around its figure, and all count. A report's issues change several figures a
// sentence, or a figure and its words ("opened at 6-3/16 pct and stayed there" ~ "opened at
// six pct and remained there"). Of 41 writethru pairs written for the test
// (testdata/writethru) the share refused 9, and 5 of them are kept as updates; the AP-style
// archives and the Reuters sample keep every verdict.
//
// These tests count a story's body, not its headline (sketch.Sketch.Headline): an aligned
// sentence that is either document's headline is no aligned sentence in the share of
// templates nor among the StrictAligned, and the coverage is that of the words outside the
// headlines (Result.BodyCoverage). The issues of a brief exported as text repeat their
// headline ("Stocks Open Higher"), which made one more copied sentence than the same issues
// as SGML, whose headline stands apart: on the AP-style archive of 8,070 stories as text files
// pair precision rose from 0.898 to 0.962 (false pairs of one series 140 -> 44) with the same
// copies found; its SGML is scanned as before. The score still counts the headline.
//
// A near-exact pair is a copy the score may doubt when it is short and full of figures: a
// story of a series sent again with a figure corrected (58 words, Jaccard 0.86, score 0.88).
// Two issues of a series reach a Jaccard of 0.73 at most in the AP-style archives, whose
// near-exact pairs are all copies, 3 of them refused by the other tests.
func (p Params) Unstrict(r *Result) string {
	if r.OwnNameSentences > 0 {
		return fmt.Sprintf("%d aligned sentences fill one frame with names of their own (%d or more a side, none in the other document)", r.OwnNameSentences, p.StrictNames)
	}
	// Updates alone are a writethru's new figures.
	aligned := r.AlignedSentences - r.HeadlineSentences // the body's
	if t := r.TemplateSentences; t > r.UpdateSentences && float64(t) >= p.StrictTemplates*float64(t+aligned) {
		return fmt.Sprintf("%d of %d aligned sentences differ in their figures (templates), a share of %g or more", t, t+aligned, p.StrictTemplates)
	}
	if r.Jaccard >= p.NearExact || r.Score >= p.StrictScore {
		return ""
	}
	cov := r.BodyCoverage
	if cov >= p.StrictCoverage && aligned >= p.StrictAligned {
		return ""
	}
	if r.LongestRun >= p.StrictRun {
		return ""
	}
	found := max(r.ShareA(), r.ShareB()) // the share of the more-found document found in the other
	if r.LongestRun >= p.StrictPartialRun && r.TemplateSentences == 0 && found < p.PartialBelow {
		return ""
	}
	var why []string
	why = append(why, fmt.Sprintf("score %.3f below %g", r.Score, p.StrictScore), fmt.Sprintf("jaccard %.2f below %g", r.Jaccard, p.NearExact))
	switch {
	case cov < p.StrictCoverage:
		why = append(why, fmt.Sprintf("coverage %.2f below %g", cov, p.StrictCoverage))
	default:
		why = append(why, fmt.Sprintf("%d aligned sentences, fewer than %d", aligned, p.StrictAligned))
	}
	switch {
	case r.LongestRun < p.StrictPartialRun:
		why = append(why, fmt.Sprintf("longest run %d content words, below %d (%d in a partial copy)", r.LongestRun, p.StrictRun, p.StrictPartialRun))
	case r.TemplateSentences > 0:
		why = append(why, fmt.Sprintf("longest run %d content words, below %d, and %d template sentences", r.LongestRun, p.StrictRun, r.TemplateSentences))
	default:
		why = append(why, fmt.Sprintf("longest run %d content words, below %d, and %.0f%% of a document found in the other, not below %g%%", r.LongestRun, p.StrictRun, 100*found, 100*p.PartialBelow))
	}
	return strings.Join(why, ", ")
}

// strict reports whether the stricter test of clean text applies to the verifier's pairs.
func (p Params) strict() bool { return p.Decision == DecisionStrict }
