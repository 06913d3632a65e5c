package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/scan"
)

// InputOptions are the flags that say what to read and how.
type InputOptions struct {
	input.Options
}

// AddFlags adds the input flags to fs.
func (o *InputOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringSliceVar(&o.Include, "include", nil, "read only files matching `glob` (repeatable; ** matches folders)")
	fs.StringSliceVar(&o.Exclude, "exclude", nil, "skip files and folders matching `glob` (repeatable)")
	fs.StringVar(&o.Format, "input-format", "auto", "read inputs as `format`: auto, text, html or jsonl")
	fs.StringVar(&o.IDField, "id-field", "", "JSONL `field` holding the article id (default id, then url)")
	fs.StringVar(&o.TextField, "text-field", "", "JSONL `field` holding the text (default text, content, body, article)")
	fs.StringVar(&o.DateField, "date-field", "", "JSONL `field` holding the date (default date, published, published_at, pubDate)")
	fs.StringVar(&o.TitleField, "title-field", "", "JSONL `field` holding the title (default title, headline)")
	fs.Int64Var(&o.MaxBytes, "max-bytes", 16<<20, "truncate documents longer than `n` bytes, with a warning (0: no limit)")
	fs.IntVar(&o.MaxLineBytes, "max-line-bytes", 64<<20, "skip JSONL lines longer than `n` bytes, naming the line")
}

// Finalize checks the input flags.
func (o *InputOptions) Finalize() error {
	return enumFlag("--input-format", o.Format, "auto", "text", "html", "jsonl")
}

// PipelineOptions are the flags of the detector itself, shared by scan, compare, index and check.
type PipelineOptions struct {
	scan.Options
}

// AddFlags adds the detector flags to fs, with the defaults of scan.DefaultOptions.
func (o *PipelineOptions) AddFlags(fs *pflag.FlagSet) {
	o.Options = scan.DefaultOptions()
	d := o.Options
	fs.StringVar(&o.Language, "lang", d.Language, "language of the articles, for stemming and stop words: `name` ("+strings.Join(normalize.Languages(), ", ")+")")
	fs.IntVar(&o.Verify.ShingleSize, "shingle-size", d.Verify.ShingleSize, "content words per shingle (`k`)")
	fs.IntVar(&o.NumPerm, "num-perm", d.NumPerm, "MinHash permutations `n` (0: 256 up to 2,000 documents, 512 above)")
	fs.Uint64Var(&o.Seed, "seed", d.Seed, "MinHash `seed`")
	fs.Float64Var(&o.Threshold, "threshold", d.Threshold, "shingle Jaccard the candidate stage aims at (`s`); 0: 0.03 up to 2,000 documents, 0.1 above")
	fs.IntVar(&o.Bands, "bands", 0, "LSH bands (`b`); with --rows, overrides the choice from --threshold")
	fs.IntVar(&o.Rows, "rows", 0, "LSH rows per band (`r`)")
	fs.IntVar(&o.MaxBucket, "max-bucket", d.MaxBucket, "do not expand LSH buckets with more than `n` documents (0: no cap)")
	fs.IntVar(&o.MaxCluster, "max-cluster", d.MaxCluster, "warn about clusters of more than `n` documents, usually boilerplate (0: never)")
	fs.IntVar(&o.MinWords, "min-words", d.MinWords, "skip documents with fewer than `n` words")
	fs.IntVar(&o.Workers, "workers", 0, "worker goroutines (`n`; 0: one per CPU)")
	fs.Float64Var(&o.Verify.SentenceSimilarity, "sentence-similarity", d.Verify.SentenceSimilarity, "Dice similarity at which two sentences align (`s`)")
	fs.Float64Var(&o.Verify.MinCoverage, "min-coverage", d.Verify.MinCoverage, "share of the copy's words in aligned sentences for a duplicate (`s`)")
	fs.IntVar(&o.Verify.MinAligned, "min-aligned", d.Verify.MinAligned, "aligned sentences required alongside the coverage (`n`)")
	fs.Float64Var(&o.Verify.MinEvidence, "min-evidence", d.Verify.MinEvidence, "shingle containment required alongside the alignment (`s`)")
	fs.Float64Var(&o.Verify.MinContainment, "min-containment", d.Verify.MinContainment, "shingle containment enough on its own for a duplicate (`s`)")
	fs.Float64Var(&o.Verify.NearExact, "near-exact", d.Verify.NearExact, "shingle Jaccard from which a pair is near_exact (`s`)")
	fs.Float64Var(&o.BoilerplateDF, "boilerplate-df", d.BoilerplateDF, "share of documents from which a sentence is boilerplate (`s`)")
	fs.Float64Var(&o.ShingleDF, "shingle-df", d.ShingleDF, "share of documents from which a shingle is left out of the signatures (`s`; 0: keep all)")
	fs.IntVar(&o.ShingleMaxDocs, "shingle-max-docs", d.ShingleMaxDocs, "cap on --shingle-df in documents, for large corpora (`n`; 0: no cap)")
	fs.IntVar(&o.BoilerplateMinDocs, "boilerplate-min-docs", d.BoilerplateMinDocs, "fewest documents a boilerplate sentence appears in (`n`)")
}

// Finalize checks the detector flags.
func (o *PipelineOptions) Finalize() error {
	if !slices.Contains(normalize.Languages(), o.Language) {
		return &flagError{fmt.Errorf("invalid --lang %q: valid languages are %s", o.Language, strings.Join(normalize.Languages(), ", "))}
	}
	if err := o.Options.Validate(); err != nil {
		return &flagError{err}
	}
	return nil
}

// enumFlag checks that value is one of valid, naming them in the error.
func enumFlag(name, value string, valid ...string) error {
	if slices.Contains(valid, value) {
		return nil
	}
	return &flagError{fmt.Errorf("invalid %s %q: valid values are %s", name, value, strings.Join(valid, ", "))}
}
