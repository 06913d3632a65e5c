package scan

import (
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"strings"

	"github.com/dedupe-dev/dedupe/internal/anchor"
	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/lsh"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/param"
	"github.com/dedupe-dev/dedupe/internal/shingle"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// Options configures a scan. Start from DefaultOptions. Specs describes every field but Input.
type Options struct {
	Input     input.Options
	Language  string  // language of the documents (normalize.Languages), or normalize.Auto to detect each one's
	NumPerm   int     // MinHash permutations; 0: AutoNumPerm
	Seed      uint64  // MinHash seed
	Threshold float64 // shingle Jaccard the candidate stage aims at (recall-oriented); 0: AutoThreshold
	Bands     int     // LSH bands; 0 derives bands and rows from Threshold
	Rows      int     // LSH rows per band; 0 derives them from Threshold
	MaxBucket int     // LSH buckets with more documents are not expanded into pairs (0: no cap)
	MinWords  int     // documents with fewer words are skipped
	Workers   int     // goroutines for the parallel stages; 0 means runtime.NumCPU()
	Verify    verify.Params
	// CandidateFloor is the estimated Jaccard below which a pair that only the bands propose
	// is not verified (see [AutoFloor]); 0: none; -1: AutoFloor.
	CandidateFloor float64
	// BoilerplateDF is the share of documents from which a sentence counts as boilerplate and
	// is left out of signatures and verification; BoilerplateMinDocs is the fewest documents it
	// must appear in whatever the share, so that small corpora keep their copies.
	BoilerplateDF      float64
	BoilerplateMinDocs int
	// SiteBoilerplateMinDocs is the fewest documents of one site (input.Document.Site) a
	// sentence must appear in to be that site's boilerplate, with at least the BoilerplateDF
	// share of the site's documents; 0: no site has boilerplate of its own.
	SiteBoilerplateMinDocs int
	// FrameDocs is the fewest documents from which a sentence whose neighbours vary is a
	// template's frame, left out as boilerplate (see IsFrame); 0: none is.
	FrameDocs int
	// ShingleDF is the share of documents from which a shingle is left out of the signatures
	// (not out of verification), at least BoilerplateMinDocs documents; 0 keeps every shingle.
	// ShingleMaxDocs, when not 0, caps that count: see [Options.CommonLimit].
	ShingleDF      float64
	ShingleMaxDocs int
	// MaxCluster is the cluster size above which the report warns: copies of one story rarely
	// number in the thousands, shared boilerplate often does (0: no warning).
	MaxCluster int
	// ClusterShare is how much of a document must be found in a neighbour for the clustering
	// to count it as made of that neighbour (see package cluster).
	ClusterShare float64
	// Series, when not empty, is a regular expression over a document's path whose first group
	// (or whole match) names its series, such as one paper's issues: candidate pairs of one
	// series are not verified (see SeriesOf).
	Series string
	// Anchor sets the candidates of shared rare passages, beside the LSH bands' (package
	// anchor).
	Anchor anchor.Params
}

// Specs describes every setting of Options but Input: the verifier's, from
// verify.Specs, and the scan's own. Its order is that of the params in dedupe's JSON: the
// shingle size first, then the scan's settings and the anchors', then the verifier's thresholds.
var Specs = slices.Concat(verify.Specs.Pick("ShingleSize").In("Verify"), ownSpecs, anchor.Specs.In("Anchor"), verify.Specs.Omit("ShingleSize").In("Verify"))

// IndexSpecs are the settings that decide a document's band keys and anchors and the anchors'
// candidates: an index stores them when it is created, under their keys (package index,
// ParamSpecs), and they are fixed from then on. The threshold is not among them: it decides
// bands and rows only when they are not given, and an index records the bands and rows.
var IndexSpecs = Specs.Pick("Verify.ShingleSize", "NumPerm", "Bands", "Rows", "Seed", "Language", "ShingleDF",
	"Anchor.Window", "Anchor.MaxDocs", "Anchor.MinShared")

// ownSpecs describes the settings of Options outside Verify. NumPerm, Bands, Rows and
// Threshold are recorded as used, once derived for the corpus.
var ownSpecs = param.Table{
	{Field: "NumPerm", Flag: "num-perm", Key: "num_perm", Name: "MinHash permutations",
		Default: 0, Range: "[0, ∞)", Help: "MinHash permutations `n` (0: 256 up to 2,000 documents, 512 above)"},
	{Field: "Bands", Flag: "bands", Key: "bands", Name: "LSH bands",
		Default: 0, Range: "[0, ∞)", Help: "LSH bands (`b`); with --rows, overrides the choice from --threshold"},
	{Field: "Rows", Flag: "rows", Key: "rows", Name: "LSH rows per band",
		Default: 0, Range: "[0, ∞)", Help: "LSH rows per band (`r`)"},
	{Field: "Threshold", Flag: "threshold", Key: "threshold", Name: "Candidate Jaccard threshold",
		Default: 0.0, Range: "[0, 1)", Help: "shingle Jaccard the candidate stage aims at (`s`); 0: 0.03 up to 2,000 documents, 0.1 above, 0.2 under the strict decision on clean text"},
	{Field: "CandidateFloor", Flag: "candidate-floor", Key: "candidate_floor", Name: "Candidate floor",
		Default: -1.0, Range: "[-1, 1]", Help: "estimated Jaccard (the share of equal MinHash values, 4 bits of each kept) below which a pair only the bands propose is not verified (`s`); 0: none; -1: the threshold under the strict decision on clean text, none otherwise"},
	{Field: "Seed", Flag: "seed", Key: "seed", Name: "MinHash seed",
		Default: uint64(1), Help: "MinHash `seed`"},
	{Field: "Language", Flag: "lang", Key: "language", Name: "Language",
		Default: normalize.Auto, Help: "language of the articles, for stemming and stop words: `name` (auto: detected per document; " + strings.Join(normalize.Languages(), ", ") + ")"},
	{Field: "MinWords", Flag: "min-words", Key: "min_words", Name: "Fewest words per document",
		Default: 30, Range: "[0, ∞)", Help: "skip documents with fewer than `n` words"},
	{Field: "MaxBucket", Flag: "max-bucket", Key: "max_bucket", Name: "Largest LSH bucket expanded",
		Default: 2000, Range: "[0, ∞)", Help: "do not expand LSH buckets with more than `n` documents (0: no cap)"},
	{Field: "MaxCluster", Flag: "max-cluster", Key: "max_cluster", Name: "Largest cluster without a warning",
		Default: 1000, Range: "[0, ∞)", Help: "warn about clusters of more than `n` documents, usually boilerplate (0: never)"},
	{Field: "ClusterShare", Flag: "cluster-share", Key: "cluster_share", Name: "Share made of a neighbour, in clusters",
		Default: 0.45, Range: "[0, 1]", Help: "share of a document found in a neighbour for the clustering to count it as made of it (`s`)"},
	{Field: "Series", Flag: "series", Key: "series", Name: "Series rule",
		Default: "", Help: "regular `expression` over the path naming a document's series (its first group, if any), such as a paper's: pairs of one series are not compared (empty: none)"},
	{Field: "BoilerplateDF", Flag: "boilerplate-df", Key: "boilerplate_df", Name: "Boilerplate document share",
		Default: 0.05, Range: "(0, 1]", Help: "share of documents from which a sentence is boilerplate (`s`)"},
	{Field: "BoilerplateMinDocs", Flag: "boilerplate-min-docs", Key: "boilerplate_min_docs", Name: "Boilerplate fewest documents",
		Default: 10, Range: "[0, ∞)", Help: "fewest documents a boilerplate sentence appears in (`n`)"},
	{Field: "SiteBoilerplateMinDocs", Flag: "site-boilerplate-min-docs", Key: "site_boilerplate_min_docs", Name: "Site boilerplate fewest documents",
		Default: 5, Range: "[0, ∞)", Help: "fewest documents of one site (its pages' canonical URL, og:url or og:site_name, its records' URL) a sentence appears in to be the site's boilerplate, with --boilerplate-df of them (`n`; 0: none)"},
	{Field: "FrameDocs", Flag: "frame-docs", Key: "frame_docs", Name: "Template frame fewest documents",
		Default: 100, Range: "[0, ∞)", Help: "fewest documents from which a sentence with other neighbours in each is a template's frame, left out as boilerplate (`n`; 0: none)"},
	{Field: "ShingleDF", Flag: "shingle-df", Key: "shingle_df", Name: "Common shingle document share",
		Default: 0.01, Range: "[0, 1]", Help: "share of documents from which a shingle is left out of the signatures (`s`; 0: keep all)"},
	{Field: "ShingleMaxDocs", Flag: "shingle-max-docs", Key: "shingle_max_docs", Name: "Common shingle document cap",
		Default: 250, Range: "[0, ∞)", Help: "cap on --shingle-df in documents, for large corpora (`n`; 0: no cap)"},
	{Field: "Workers", Flag: "workers", Name: "Worker goroutines",
		Default: 0, Range: "[0, ∞)", Help: "worker goroutines (`n`; 0: one per CPU)"},
}

// DefaultOptions returns the defaults of dedupe scan: those of Specs, and of input.Specs for
// the input.
func DefaultOptions() Options { return param.Defaults[Options](Specs, input.Specs.In("Input")) }

// Validate checks the options that do not depend on the input: each within its range in
// Specs, the language, the input options, and bands and rows given together and within the
// permutations.
func (o *Options) Validate() error {
	if err := ValidateCommon(Specs, o, o.Language, o.Series, &o.Input); err != nil {
		return err
	}
	if err := o.Verify.Validate(); err != nil { // --decision: a value the table does not range
		return err
	}
	if (o.Bands == 0) != (o.Rows == 0) {
		return errors.New("--bands and --rows go together")
	}
	if o.NumPerm > 0 && o.Bands*o.Rows > o.NumPerm {
		return fmt.Errorf("--bands × --rows (%d × %d) must not exceed --num-perm (%d)", o.Bands, o.Rows, o.NumPerm)
	}
	return nil
}

// ValidateCommon checks what the options of dedupe scan and of dedupe passages check alike,
// before their own checks: each setting of specs in the struct that ptr points to within its
// range, the language, the input options in, and the series rule series (see SeriesOf).
func ValidateCommon(specs param.Table, ptr any, language, series string, in *input.Options) error {
	if err := specs.Validate(ptr); err != nil {
		return err
	}
	if _, err := normalize.New(language); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}
	_, err := SeriesOf(series)
	return err
}

// SeriesOf returns the function that names the series of a document by its path, by the regular
// expression expr: its first group, or its whole match when it has none; "" for a path it does
// not match, and for every path when expr is empty.
func SeriesOf(expr string) (func(path string) string, error) {
	if expr == "" {
		return func(string) string { return "" }, nil
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, fmt.Errorf("invalid --series: %w", err)
	}
	return func(p string) string {
		m := re.FindStringSubmatch(p)
		switch {
		case m == nil:
			return ""
		case len(m) > 1:
			return m[1]
		}
		return m[0]
	}, nil
}

// A Corpus is what the automatic choice of the candidate threshold (AutoThreshold) knows of the
// documents scanned; the permutations (AutoNumPerm) depend on their number alone.
type Corpus struct {
	Docs int // the documents
	// StrictClean reports that the verifier applies the strict decision to text that is mostly
	// clean (see CorpusOf).
	StrictClean bool
}

// CorpusOf describes a corpus of n documents whose verifier applies decision (resolved, see
// verify.Params.ResolveDecision) and whose documents' garble shares are counted in texts.
func CorpusOf(n int, decision string, texts verify.Texts) Corpus {
	return Corpus{Docs: n, StrictClean: decision == verify.DecisionStrict && texts.MostlyClean()}
}

// AutoThreshold returns the candidate threshold used for corpus c when none is given.
//
// Rewrites keep few shingles: spun and heavily paraphrased copies share 3-20% of their
// content-word bigrams with the original, and short partial copies of a long story less. Up to
// SmallCorpus documents every pair is cheap to verify, so the candidate stage aims very low
// (0.03: with 256 permutations, 256 bands of one row, a pair at Jaccard 0.035 is a candidate
// with probability 0.9999). Beyond that one-row bands make every pair sharing a rare bigram a
// candidate and the count grows with the square of the corpus; 0.1 (bands of two rows) keeps it
// near linear: with the 512 permutations of AutoNumPerm, 256 bands find 98.7% of the pairs at
// Jaccard 0.13 and 99.997% at 0.2.
//
// Under the strict decision on clean text the stage aims at 0.2 (170 bands of three rows find
// 75% of the pairs at 0.2 and 99% at 0.3). The strict decision takes a pair on strong evidence
// alone (a long run, most of a document aligned, a score of 0.92), which a pair below Jaccard
// 0.2 has when it shares a passage, and the shared rare passages (package anchor) propose
// those pairs whatever their Jaccard; in clean text a copied passage keeps its runs of words
// whole, where OCR's misreadings break them and lower the Jaccard of whole copies. What the
// lower threshold added there was the issues of recurring features, two days' weather reports
// or horoscopes, which share vocabulary and frames: in an AP-style archive of 8,070 clean
// stories, two thirds of them issues of 60 series, 216,568 candidates (27 a story, verifying 76%
// of the scan) against 60,057, with the same copies of every kind verified (592 of 616, spun
// ones included) and 14 fewer false pairs; the copies and the spun copies of a Reuters-21578
// sample, the Clough-Stevenson answers and the seeds the same at 0.2 and 0.3. On the OCR'd
// chronam-1916 articles the stricter decision would lose 150 of its 7,510 pairs (2%), and the
// standard one 3,196 of 32,078 and 5 of the dev set's copies, hence clean text and the strict
// decision both.
func AutoThreshold(c Corpus) float64 {
	switch {
	case c.Docs <= SmallCorpus:
		return 0.03
	case c.StrictClean:
		return 0.2
	}
	return 0.1
}

// AutoFloor returns the candidate floor used for corpus c, whose candidate threshold is
// threshold, when none is given: the threshold itself under the strict decision on clean text
// above SmallCorpus documents, else 0, none.
//
// Bands of three rows aimed at 0.2 (see AutoThreshold) let through a share of the pairs far
// below it, 2% of those at Jaccard 0.05, and there are many of those: they grow with the square
// of the stories that share a beat's or a template's phrases. In an AP-style archive of 81,564
// clean stories, 60,000 of them written from genre templates, the bands proposed 5.0 million
// pairs, 96% of them below 0.15 by their signatures, and verifying them was 77 s of an 85 s
// scan. Under the floor 64,509 candidates are left, with the shared passages', and the scan
// takes 14 s; 4,662 of its 5,186 planted copies are found against 4,715 (the pairs lost were
// partial copies and paraphrases that the bands had found by chance), and pair precision is
// 0.984 against 0.942. On 8,070 of those stories, 60,057 candidates become 36,042, with the
// same 592 of 616 copies found and 3 false pairs fewer. The shared rare passages (package
// anchor) and identical texts are proposed whatever their Jaccard and not checked. OCR'd text
// keeps the floor off: misreadings lower the Jaccard of its copies, and the labelled copies of
// the chronam held-out set found in one cluster by a scan of the 59,433 articles fell from 89 to
// 84 of 100 with a floor at their threshold of 0.1.
func AutoFloor(c Corpus, threshold float64) float64 {
	if c.StrictClean && c.Docs > SmallCorpus {
		return threshold
	}
	return 0
}

// SmallCorpus is the largest corpus for which AutoThreshold aims at every rewrite.
const SmallCorpus = 2000

// AutoNumPerm returns the MinHash permutations used for n documents when none are given.
//
// Up to SmallCorpus documents 256 permutations make the 256 one-row bands of AutoThreshold.
// Beyond, bands of two rows keep the candidates near linear in the corpus, and two rows need twice
// the permutations for the same recall: 512 make 256 bands of two rows, which miss 0.3% of the
// pairs at Jaccard 0.15 where 128 bands miss 5.4%. Nearly all the rewrites a large scan missed
// were lost at this stage, not in verification. On the generated 100,000-article corpus 512 raised
// the recall of rewrites from 0.962 to 0.994 and of partial copies from 0.988 to 0.996, for about
// 15% more time and 10% more memory; the signatures cost the same (one-permutation hashing hashes
// each shingle once), the band keys and the candidates double.
func AutoNumPerm(n int) int {
	if n <= SmallCorpus {
		return 256
	}
	return 512
}

// Permutations returns the MinHash permutations the options give for n documents: NumPerm when
// set, otherwise AutoNumPerm, or the bands times rows given if they need more.
func (o *Options) Permutations(n int) int {
	if o.NumPerm > 0 {
		return o.NumPerm
	}
	return max(AutoNumPerm(n), o.Bands*o.Rows)
}

// threshold returns the candidate threshold for corpus c.
func (o *Options) threshold(c Corpus) float64 {
	if o.Threshold > 0 {
		return o.Threshold
	}
	return AutoThreshold(c)
}

// Floor returns the candidate floor the options give for corpus c: CandidateFloor, or
// AutoFloor of the threshold they give for it.
func (o *Options) Floor(c Corpus) float64 {
	if o.CandidateFloor >= 0 {
		return o.CandidateFloor
	}
	return AutoFloor(c, o.threshold(c))
}

// BandsRows returns the LSH configuration the options give for corpus c.
func (o *Options) BandsRows(c Corpus) (bands, rows int, err error) {
	if o.Bands > 0 {
		return o.Bands, o.Rows, nil
	}
	return lsh.OptimalParams(o.threshold(c), o.Permutations(c.Docs), 0.5, 0.5)
}

// Signer returns the Signer a scan of corpus c uses: the shingle size and seed of the
// options, their permutations for its documents ([Options.Permutations]) and their bands and
// rows for it ([Options.BandsRows]).
func (o *Options) Signer(c Corpus) (*lsh.Signer, error) {
	bands, rows, err := o.BandsRows(c)
	if err != nil {
		return nil, err
	}
	return lsh.NewSigner(lsh.SignerParams{ShingleSize: o.Verify.ShingleSize, NumPerm: o.Permutations(c.Docs), Seed: o.Seed, Bands: bands, Rows: rows})
}

// Goroutines returns the goroutines that a Workers option of n asks for: n, or one per CPU when
// n is 0. It is the rule of every --workers flag, scan's and the passages search's alike.
func Goroutines(n int) int {
	if n > 0 {
		return n
	}
	return runtime.NumCPU()
}

func (o *Options) workers() int { return Goroutines(o.Workers) }

// CommonLimit returns the number of documents, out of n, from which a shingle is too common to
// sign, and whether any shingle can reach it: [shingle.CommonLimit] with ShingleDF, at least
// BoilerplateMinDocs and at most ShingleMaxDocs documents. A story copied more often than the
// limit has nothing but common shingles: the signer then signs it with all of them (see
// [lsh.Signer.Keys]).
func (o *Options) CommonLimit(n int) (limit int, drop bool) {
	return shingle.CommonLimit(n, o.ShingleDF, o.BoilerplateMinDocs, o.ShingleMaxDocs)
}
