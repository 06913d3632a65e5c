package verify

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dedupe-dev/dedupe/internal/param"
)

// Params holds the verifier's thresholds. DefaultParams gives the tuned defaults; Specs
// describes each one.
type Params struct {
	ShingleSize        int     // words per content-word shingle
	SentenceSimilarity float64 // Dice similarity at which two sentences match
	MinScore           float64 // score from which a pair is a duplicate
	MinEvidence        float64 // shingle containment for a pair to be scored, unless its run reaches MinRun
	NearExact          float64 // shingle Jaccard from which a pair is near_exact
	PartialBelow       float64 // a pair is partial when the less-covered side is below this share
	MinRun             int     // longest shared run of content words (Result.SkippingRun) for a pair to be scored, unless its containment reaches MinEvidence
	MinCopied          int     // content words a non-exact duplicate must have copied, at least
	TableFigures       float64 // share of each side's content words in figures the other lacks from which a pair is two tables (see the field's row in Specs)
	MaxOccurrences     int     // places of a word one lookup visits: a bound on repeated text
	MaxSentenceMatches int     // matches kept for one sentence of A: a bound on repeated text
	// Decision is the decision that applies (DecisionAuto, DecisionStandard, DecisionStrict);
	// a verifier treats auto as standard: the caller resolves it for its corpus
	// (ResolveDecision).
	Decision       string
	StrictGarble   float64 // median garble share at most which a corpus gets the strict decision (auto)
	StrictMinDocs  int     // fewest documents for a corpus to get the strict decision (auto)
	StrictScore    float64 // strict decision: score from which a non-exact pair is a duplicate
	StrictCoverage float64 // strict decision: coverage from which it is, over StrictAligned sentences
	StrictAligned  int     // strict decision: aligned sentences that StrictCoverage needs
	StrictRun      int     // strict decision: longest run word for word from which it is
	// StrictPartialRun is the strict decision's longest run word for word from which a
	// partial copy is a duplicate: a pair with no template sentence whose documents each have
	// less than PartialBelow of themselves in the other.
	StrictPartialRun int
	StrictNames      int // strict decision: names of its own in each of two aligned sentences that refuse a pair
	// StrictTemplates is the strict decision's share of template sentences (Result.TemplateSentences,
	// of them and the AlignedSentences) from which a pair is refused.
	StrictTemplates float64
	// StrictUpdateFigures is the most numbers one side of a template sentence holds, and
	// StrictUpdateSimilarity the least similarity of its two sentences, for it to be an update
	// (Result.UpdateSentences): a pair whose templates are all updates is not refused for them.
	StrictUpdateFigures    int
	StrictUpdateSimilarity float64
}

// Specs describes every field of Params: its flag, its key in the recorded params, its default
// and its range. A new threshold is a field of Params and a row here; the flags, the JSON
// params, the HTML report, dedupe-beam's flags and docs/parameters.md follow from the row.
var Specs = param.Table{
	{Field: "ShingleSize", Flag: "shingle-size", Key: "shingle_size", Name: "Content words per shingle",
		Default: 2, Range: "[1, ∞)", Help: "content words per shingle (`k`)"},
	{Field: "SentenceSimilarity", Flag: "sentence-similarity", Key: "sentence_similarity", Name: "Sentence similarity",
		Default: 0.33, Range: "(0, 1]", Help: "Dice similarity at which two sentences align (`s`)"},
	{Field: "MinScore", Flag: "min-score", Key: "min_score", Name: "Score for a duplicate",
		Default: 0.6, Range: "[0, 1]", Help: "score (the model's probability of a copy) from which a pair is a duplicate (`s`)"},
	{Field: "MinEvidence", Flag: "min-evidence", Key: "min_evidence", Name: "Containment to be scored",
		Default: 0.1, Range: "[0, 1]", Help: "shingle containment for a pair to be scored, unless its longest run reaches --min-run (`s`)"},
	{Field: "NearExact", Flag: "near-exact", Key: "near_exact", Name: "Jaccard for near exact",
		Default: 0.8, Range: "[0, 1]", Help: "shingle Jaccard from which a pair is near_exact (`s`)"},
	{Field: "PartialBelow", Flag: "partial-below", Key: "partial_below", Name: "Share below which a copy is partial",
		Default: 0.5, Range: "[0, 1]", Help: "a duplicate is partial when the less-found side has less than this share in the other (`s`)"},
	{Field: "MinRun", Flag: "min-run", Key: "min_run", Name: "Shared run to be scored",
		Default: 9, Range: "[1, ∞)", Help: "longest run of content words shared word for word, single garbled words skipped, for a pair to be scored, unless its containment reaches --min-evidence (`n`)"},
	{Field: "MinCopied", Flag: "min-copied", Key: "min_copied", Name: "Copied content words",
		Default: 20, Range: "[0, ∞)", Help: "content words a duplicate that is not exact must have copied, about twice as many words (`n`)"},
	// Two issues of a table: see Params.Scored and Result.OtherFiguresA. Chosen on the chronam
	// dev set, where the two market tables of two dates that the score verified (p141, p129)
	// have 0.14 and 0.31 on the side with fewer and the copies it verifies 0.086 at most
	// (p464, a land office's notices reprinted); docs/benchmarks.md, session 21, has what it
	// takes from a scan of the 59,433 chronam articles.
	{Field: "TableFigures", Flag: "table-figures", Key: "table_figures", Name: "Figures the other lacks, for two tables",
		Default: 0.12, Range: "(0, 1]", Help: "share of each document's content words that are figures the other lacks from which a pair is two issues of a table, not scored (`s`; 1: never)"},
	// The bounds on repeated text are not recorded: ordinary articles never reach them, and a
	// pair that does is reported as bounded where it is reported.
	{Field: "MaxOccurrences", Flag: "max-occurrences", Key: "max_occurrences", Name: "Places of a word looked up",
		Default: 128, Range: "[1, ∞)", Help: "places of one word a lookup visits, those nearest the same relative place: a bound on repeated text (`n`)"},
	{Field: "MaxSentenceMatches", Flag: "max-sentence-matches", Key: "max_sentence_matches", Name: "Matches kept per sentence",
		Default: 32, Range: "[1, ∞)", Help: "matching sentences kept for one sentence, those nearest the same relative place: a bound on repeated text (`n`)"},
	// The decision, and the strict decision for clean text: see ResolveDecision and
	// Params.Unstrict. Chosen on an AP-style archive (grid search on its scan's features),
	// tested on the labelled Reuters sample; the OCR'd chronam dev set never gets them.
	{Field: "Decision", Flag: "decision", Key: "decision", Name: "Decision",
		Default: DecisionAuto, Help: "the `decision` that applies: auto (strict for a corpus of --strict-min-docs documents or more in English, more than half of them with a garble share of at most --strict-garble), standard (the score alone) or strict (the score and a stricter test); recorded as resolved"},
	{Field: "StrictGarble", Flag: "strict-garble", Key: "strict_garble", Name: "Strict decision: median garble share",
		Default: 0.01, Range: "[0, 1]", Help: "median share of words that look like OCR debris at most which a corpus is clean text, for --decision auto (`s`)"},
	{Field: "StrictMinDocs", Flag: "strict-min-docs", Key: "strict_min_docs", Name: "Strict decision: fewest documents",
		Default: 5000, Range: "[0, ∞)", Help: "fewest documents for --decision auto to give a corpus of clean text the strict decision (`n`)"},
	{Field: "StrictScore", Flag: "strict-min-score", Key: "strict_min_score", Name: "Strict decision: score for a duplicate",
		Default: 0.92, Range: "[0, 1]", Help: "strict decision: score from which a pair that passes --min-score is a duplicate (`s`), else coverage or run must pass"},
	{Field: "StrictCoverage", Flag: "strict-coverage", Key: "strict_coverage", Name: "Strict decision: coverage for a duplicate",
		Default: 0.6, Range: "[0, 1]", Help: "strict decision: coverage of the better-covered side from which a pair below --strict-min-score is a duplicate, over --strict-aligned sentences (`s`)"},
	{Field: "StrictAligned", Flag: "strict-aligned", Key: "strict_aligned", Name: "Strict decision: aligned sentences with the coverage",
		Default: 6, Range: "[0, ∞)", Help: "strict decision: aligned sentences --strict-coverage needs (`n`)"},
	{Field: "StrictRun", Flag: "strict-run", Key: "strict_run", Name: "Strict decision: longest run for a duplicate",
		Default: 25, Range: "[1, ∞)", Help: "strict decision: longest run of content words shared word for word from which a pair below --strict-min-score is a duplicate (`n`)"},
	// The partial copies and the names of their own: see Params.Unstrict. Chosen on the
	// AP-style archive after reading its partial copies refused by the three tests above and
	// its false pairs: a run of 15 was session 35's choice, not refitted.
	{Field: "StrictPartialRun", Flag: "strict-partial-run", Key: "strict_partial_run", Name: "Strict decision: longest run for a partial copy",
		Default: 15, Range: "[1, ∞)", Help: "strict decision: longest run of content words shared word for word from which a pair below --strict-min-score is a duplicate when it has no template sentence and each document has less than --partial-below of itself in the other (`n`)"},
	{Field: "StrictNames", Flag: "strict-names", Key: "strict_names", Name: "Strict decision: names of their own in aligned sentences",
		Default: 2, Range: "[1, ∞)", Help: "strict decision: names that each of two aligned sentences holds, none of them in the other document, for them to fill one frame with other names and the pair to be refused (`n`)"},
	// Chosen on the AP-style archive and the Reuters sample: see Params.Unstrict.
	{Field: "StrictTemplates", Flag: "strict-templates", Key: "strict_templates", Name: "Strict decision: share of template sentences",
		Default: 0.25, Range: "[0, 1]", Help: "strict decision: share of a pair's aligned sentences (shared quotations left out) that differ in their figures from which it is two issues of a report, refused (`s`; 1: never)"},
	// Chosen on hand-written writethrus of 1989-style AP stories (testdata/writethru): see
	// Params.Unstrict.
	{Field: "StrictUpdateFigures", Flag: "strict-update-figures", Key: "strict_update_figures", Name: "Strict decision: figures of an update",
		Default: 1, Range: "[0, ∞)", Help: "strict decision: most numbers one side of a template sentence holds for it to be an update (a writethru's new toll or count); a pair whose templates are all updates is not refused by --strict-templates (`n`; 0: no template is an update)"},
	{Field: "StrictUpdateSimilarity", Flag: "strict-update-similarity", Key: "strict_update_similarity", Name: "Strict decision: similarity of an update",
		Default: 0.75, Range: "[0, 1]", Help: "strict decision: least Dice similarity of the two sentences of a template for it to be an update (see --strict-update-figures; `s`)"},
}

// DefaultParams returns the defaults used by dedupe scan, check and compare, those of Specs.
func DefaultParams() Params {
	var p Params
	Specs.SetDefaults(&p)
	return p
}

// Validate reports the first parameter that is outside its range in Specs, by its flag.
func (p Params) Validate() error {
	if err := Specs.Validate(&p); err != nil {
		return err
	}
	if !slices.Contains(Decisions, p.Decision) {
		return fmt.Errorf("invalid --decision %q (valid: %s)", p.Decision, strings.Join(Decisions, ", "))
	}
	return nil
}
