package passages

import (
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/param"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/scan"
)

// Options configures [Find]. Start from DefaultOptions; Specs describes every field but Input.
type Options struct {
	Input      input.Options
	Language   string // snowball language of the documents
	MinWords   int    // fewest words of a passage, on each side
	NGram      int    // content words per n-gram of the candidate index
	MaxDF      int    // documents from which an n-gram is too common to index
	MaxGap     int    // content words between two matches of one chain, at most
	MinMatches int    // n-grams a chain must hold
	// MinOverlap is the share of the shorter of two occurrences in one document that they
	// must share to be one text; 0 joins occurrences that share a word.
	MinOverlap float64
	// Series is a regular expression over a document's path whose match (its first group, if
	// it has one) names the document's series; empty: the first folder below the scanned one.
	Series string
	// WithinSeries, 1, keeps the passages that documents of one series share; 0, the default,
	// leaves them out and counts them. An int, 0 or 1, as the parameter table has no booleans.
	WithinSeries int
	MaxDays      int // compare only documents at most this many days apart (0: any)
	Workers      int // goroutines; 0: one per CPU
}

// Specs describes every setting of Options but Input: its flag, its key in the recorded
// params, its default and its range. Language and Workers are scan's rows.
var Specs = slices.Concat(scan.Specs.Pick("Language"), ownSpecs, scan.Specs.Pick("Workers"))

// ownSpecs describes the settings that only dedupe passages has.
var ownSpecs = param.Table{
	{Field: "MinWords", Flag: "min-words", Key: "min_words", Name: "Fewest words per passage",
		Default: 40, Range: "[1, ∞)", Help: "fewest words of a passage, on each side (`n`)"},
	{Field: "NGram", Flag: "ngram", Key: "ngram", Name: "Content words per n-gram",
		Default: 3, Range: "[2, 16]", Help: "content words per n-gram of the candidate index (`n`; one word alone is no passage)"},
	{Field: "MaxDF", Flag: "max-df", Key: "max_df", Name: "Most documents of an indexed n-gram",
		Default: 400, Range: "[2, ∞)", Help: "n-grams in more than `n` documents are too common to index"},
	{Field: "MaxGap", Flag: "max-gap", Key: "max_gap", Name: "Gap within a passage",
		Default: 30, Range: "[1, ∞)", Help: "content words between two matching n-grams of one passage, at most (`n`)"},
	{Field: "MinMatches", Flag: "min-matches", Key: "min_matches", Name: "Matching n-grams per passage",
		Default: 5, Range: "[1, ∞)", Help: "fewest matching n-grams of a passage (`n`)"},
	{Field: "MinOverlap", Flag: "min-overlap", Key: "min_overlap", Name: "Overlap of one text's occurrences",
		Default: 0.5, Range: "[0, 1]", Help: "share of the shorter of two occurrences in one document they must share to be one text (`s`; 0: any word)"},
	{Field: "Series", Flag: "series", Key: "series", Name: "Series rule",
		Default: "", Help: "regular `expression` over the path naming a document's series (its first group, if any); empty: the first folder below the scanned one"},
	{Field: "WithinSeries", Flag: "within-series", Key: "within_series", Name: "Passages within one series",
		Default: 0, Range: "[0, 1]", Help: "1: keep passages that documents of one series share; 0: leave them out, counting them (`n`)"},
	{Field: "MaxDays", Flag: "max-days", Key: "max_days", Name: "Most days between documents",
		Default: 0, Range: "[0, ∞)", Help: "compare only documents at most `n` days apart, by their dates (0: any)"},
}

// DefaultOptions returns the defaults of dedupe passages: those of Specs, and of input.Specs for
// the input.
func DefaultOptions() Options { return param.Defaults[Options](Specs, input.Specs.In("Input")) }

// Validate checks every setting against its range in Specs, the language, the input options
// and the series rule.
func (o *Options) Validate() error {
	return scan.ValidateCommon(Specs, o, o.Language, o.Series, &o.Input)
}

// Params returns the settings as the report records them, in the order of Specs, then the
// normaliser's version (scan.RecordParams).
func (o *Options) Params() report.Params { return scan.RecordParams(Specs, o) }

// SeriesRule returns the function that names the series of a document by its path, given the
// paths the user named (roots); Validate has checked its error. A path that the rule does not
// name has no series ("") and is never left out; nor has, by default, a file named itself, or
// one whose first folder is named as a day or a year (see dateFolder).
func (o *Options) SeriesRule(roots []string) (func(path string) string, error) {
	if o.Series != "" {
		return scan.SeriesOf(o.Series)
	}
	prefixes := make([]string, 0, len(roots))
	named := make(map[string]bool, len(roots))
	for _, r := range roots {
		if r = strings.TrimSuffix(path.Clean(strings.ReplaceAll(r, `\`, "/")), "/"); r != "." && r != "" {
			prefixes = append(prefixes, r+"/")
			named[r] = true
		}
	}
	return func(p string) string {
		// A file named itself, or a record of one ("pages.jsonl#L3"), is below no folder
		// named: it has no series. Taken for one below the first folder of its path, every
		// page of "week/*/*.txt" was of the series "week", and every passage left out.
		file, _, _ := strings.Cut(p, "#")
		if named[p] || named[file] {
			return ""
		}
		// Paths are the names given joined with the path below them: strip the name.
		for _, pre := range prefixes {
			if rest, ok := strings.CutPrefix(p, pre); ok {
				p = rest
				break
			}
		}
		if dir, _, ok := strings.Cut(p, "/"); ok && !dateFolder(dir) {
			return dir
		}
		return ""
	}, nil
}

// dateFolder reports whether a folder's name is a day ("19160104", "2024-03-05", see
// input.PathDate) or a year ("2024", of "2024/03/05/"), which says when a page was printed,
// not who printed it. Taken for a series, the day folders of Chronicling America made every
// passage two papers printed on one day a passage within one series, and left it out. A
// number of another length, such as the LCCN 2010270504 of a paper, names its source.
func dateFolder(name string) bool {
	if _, ok := input.PathDate(name); ok {
		return true
	}
	year, err := strconv.Atoi(name)
	return err == nil && len(name) == 4 && year >= 1000 && year <= 2999
}
