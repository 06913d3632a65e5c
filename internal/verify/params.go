package verify

import "github.com/dedupe-dev/dedupe/internal/param"

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
}

// DefaultParams returns the defaults used by dedupe scan, check and compare, those of Specs.
func DefaultParams() Params {
	var p Params
	Specs.SetDefaults(&p)
	return p
}

// Validate reports the first parameter that is outside its range in Specs, by its flag.
func (p Params) Validate() error { return Specs.Validate(&p) }
