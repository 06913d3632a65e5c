// Command dedupe-beam runs dedupe scan as an Apache Beam pipeline on any Beam runner: prism in
// this process by default, or Flink, Spark and Dataflow with --runner and their flags. It
// writes the clusters as JSON lines, the same objects as dedupe scan --format jsonl, and
// prints the run's counters on stderr.
//
// Usage:
//
//	dedupe-beam --input 'DIR/*/*.txt' --output clusters.jsonl [--runner prism|flink|spark|dataflow] [flags]
//
// See beam/README.md for the runners' flags and the cost model.
//
// Exit status: 0 when the pipeline succeeded, 2 for usage errors and failed runs.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/dedupe-dev/dedupe/beam/beamscan"
	"github.com/dedupe-dev/dedupe/internal/scan"
)

// patterns collects the repeated --input flag.
type patterns []string

func (p *patterns) String() string     { return strings.Join(*p, ",") }
func (p *patterns) Set(v string) error { *p = append(*p, v); return nil }

func main() {
	cfg := beamscan.Config{Options: scan.DefaultOptions()}
	addFlags(flag.CommandLine, &cfg)
	flag.Parse()
	// Init must follow flag parsing: on a remote worker it takes over the process.
	beam.Init()
	os.Exit(run(context.Background(), cfg, os.Stderr))
}

// addFlags registers dedupe scan's flags on fs, with its defaults.
func addFlags(fs *flag.FlagSet, cfg *beamscan.Config) {
	o := &cfg.Options
	fs.Var((*patterns)(&cfg.Inputs), "input", "read the files matching glob `pattern` (repeatable; local, gs://, s3://)")
	fs.StringVar(&cfg.Output, "output", "", "write the clusters as JSON lines to `file` (required)")
	fs.IntVar(&cfg.Rounds, "cc-rounds", beamscan.DefaultRounds, "unroll `n` large-star/small-star rounds for connected components")
	fs.StringVar(&o.Input.Format, "input-format", "auto", "read files as `format`: auto, text, html or jsonl")
	fs.StringVar(&o.Language, "language", o.Language, "snowball `language` of the documents")
	fs.IntVar(&o.NumPerm, "num-perm", o.NumPerm, "MinHash permutations `n` (0: 256 up to 2,000 documents, 512 above)")
	fs.Uint64Var(&o.Seed, "seed", o.Seed, "MinHash `seed`")
	fs.Float64Var(&o.Threshold, "threshold", o.Threshold, "candidate Jaccard `threshold` (0: by corpus size, as dedupe scan)")
	fs.IntVar(&o.Bands, "bands", o.Bands, "LSH `bands` (with --rows; 0: from --threshold)")
	fs.IntVar(&o.Rows, "rows", o.Rows, "LSH `rows` per band (with --bands)")
	fs.IntVar(&o.MaxBucket, "max-bucket", o.MaxBucket, "skip LSH buckets of more than `n` documents (0: no cap)")
	fs.IntVar(&o.MinWords, "min-words", o.MinWords, "skip documents of fewer than `n` words")
	fs.Float64Var(&o.BoilerplateDF, "boilerplate-df", o.BoilerplateDF, "a sentence in this `share` of documents is boilerplate")
	fs.IntVar(&o.BoilerplateMinDocs, "boilerplate-min-docs", o.BoilerplateMinDocs, "a boilerplate sentence is in at least `n` documents")
}

// run builds and runs the pipeline and prints its counters to log; it returns the exit status.
func run(ctx context.Context, cfg beamscan.Config, log io.Writer) int {
	p, s := beam.NewPipelineWithRoot()
	if err := beamscan.Build(s, cfg); err != nil {
		fmt.Fprintln(log, "dedupe-beam:", err)
		return 2
	}
	res, err := beamx.RunWithMetrics(ctx, p)
	if err != nil {
		fmt.Fprintln(log, "dedupe-beam:", err)
		return 2
	}
	c := beamscan.ReadCounts(res)
	fmt.Fprintf(log, "%d documents, %d skipped: %d clusters (%d candidate pairs, %d verified, %d oversized buckets, %d boilerplate sentences)\n",
		c.Documents, c.Skipped, c.Clusters, c.Candidates, c.Verified, c.OversizedBuckets, c.Boilerplate)
	return 0
}
