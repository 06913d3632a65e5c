// Command dedupe-beam runs dedupe scan as an Apache Beam pipeline on any Beam runner: prism in
// this process by default, or Flink, Spark and Dataflow with --runner and their flags. It
// writes the clusters as JSON lines, the same cluster lines as dedupe scan --format jsonl, and
// prints the run's counters on stderr. With passages as its first argument it runs dedupe
// passages instead, with its flags, and writes the reprint clusters as dedupe passages
// --format jsonl does.
//
// Usage:
//
//	dedupe-beam --input 'DIR/*/*.txt' --output clusters.jsonl [--runner prism|flink|spark|dataflow] [flags]
//	dedupe-beam passages --input 'PAGES/*/*.txt' --output reprints.jsonl [--runner ...] [flags]
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
	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/passages"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// patterns collects the repeated --input flag.
type patterns []string

func (p *patterns) String() string     { return strings.Join(*p, ",") }
func (p *patterns) Set(v string) error { *p = append(*p, v); return nil }

func main() {
	var start func() int // runs the pipeline of the mode, once its flags are parsed
	if len(os.Args) > 1 && os.Args[1] == "passages" {
		// The flag package stops at the first argument that is not a flag: drop the mode.
		os.Args = append(os.Args[:1], os.Args[2:]...)
		cfg := beamscan.PassagesConfig{Options: passages.DefaultOptions()}
		addPassagesFlags(flag.CommandLine, &cfg)
		start = func() int { return runPassages(context.Background(), cfg, os.Stderr) }
	} else {
		cfg := beamscan.Config{Options: scan.DefaultOptions()}
		addFlags(flag.CommandLine, &cfg)
		start = func() int { return run(context.Background(), cfg, os.Stderr) }
	}
	flag.Parse()
	exitOnArgs(flag.CommandLine)
	// Init must follow flag parsing: on a remote worker it takes over the process.
	beam.Init()
	os.Exit(start())
}

// exitOnArgs exits with status 2 when fs, parsed, met an argument that is no flag (argsError).
func exitOnArgs(fs *flag.FlagSet) {
	if err := argsError(fs); err != nil {
		fmt.Fprintf(os.Stderr, "dedupe-beam: %v\n", err)
		os.Exit(2)
	}
}

// argsError returns an error naming the first argument of fs, parsed, that is no flag. The
// flag package stops there and leaves the flags after it unread: an --input pattern the shell
// expanded made "no output file" of the --output that followed it.
func argsError(fs *flag.FlagSet) error {
	if fs.NArg() == 0 {
		return nil
	}
	return fmt.Errorf("unexpected argument %q: every input is an --input pattern (quote it, so that the shell does not expand it), and flags come before anything else", fs.Arg(0))
}

// scanSpecs are the settings of dedupe scan that dedupe-beam takes: all of them.
var scanSpecs = scan.Specs

// addFlags registers dedupe-beam's own flags on fs, and dedupe scan's detector flags, one per
// spec of scan.Specs, with their names and defaults; --language is kept as a deprecated
// spelling of --lang.
func addFlags(fs *flag.FlagSet, cfg *beamscan.Config) {
	o := &cfg.Options
	addRunFlags(fs, &cfg.Inputs, &cfg.Output, "clusters", &cfg.Rounds, &o.Input)
	scanSpecs.AddFlags(fs, o)
	fs.Func("language", "deprecated: use --lang", func(v string) error {
		fmt.Fprintln(os.Stderr, "dedupe-beam: --language is deprecated: use --lang")
		o.Language = v
		return nil
	})
}

// run builds and runs the pipeline and prints its counters to log, after the warning of
// OCR'd pages among clean text when --decision auto resolved to strict for such a corpus, as
// dedupe scan warns (verify.Params.MixedWarning); it returns the exit status.
func run(ctx context.Context, cfg beamscan.Config, log io.Writer) int {
	build := func(s beam.Scope) error { return beamscan.Build(s, cfg) }
	return execute(ctx, "dedupe-beam", log, build, func(res beam.PipelineResult) string {
		c := beamscan.ReadCounts(res)
		warning := ""
		if msg := cfg.Options.Verify.MixedWarning(c.Texts); msg != "" {
			warning = "warning: " + msg + "\n"
		}
		leftOut := (&report.Stats{BelowFloorPairs: int(c.BelowFloor), SeriesPairs: int(c.SeriesPairs)}).LeftOut()
		return fmt.Sprintf("%s%s, %s skipped, %s with warnings: %s (%s%s, %s verified, %s, %s); %s",
			warning, report.Count(c.Documents, "document", "documents"), report.Int(c.Skipped), report.Int(c.Warned), report.Count(c.Clusters, "cluster", "clusters"),
			report.Count(c.Candidates, "candidate pair", "candidate pairs"), leftOut, report.Int(c.Verified),
			report.Count(c.OversizedBuckets, "oversized bucket", "oversized buckets"),
			report.Count(c.Boilerplate, "boilerplate sentence", "boilerplate sentences"), decisionText(&c, cfg.Options.Verify))
	})
}

// decisionText returns what the summary line says of the decision that the verifying stage
// applied, resolved from the counts of c as dedupe scan resolves it for its corpus:
// "strict decision (1,990 of 2,000 documents in English clean)".
func decisionText(c *beamscan.Counts, p verify.Params) string {
	d := c.Decision(p)
	if c.Texts.Measured == 0 {
		return d + " decision (no document in English to judge its text)"
	}
	return fmt.Sprintf("%s decision (%s of %s in English clean)", d, report.Int(c.Texts.Clean), report.Count(c.Texts.Measured, "document", "documents"))
}

// addPassagesFlags registers the flags of dedupe-beam passages on fs: the input, output and
// rounds flags of a scan, and one flag per spec of passages.Specs, as dedupe passages has them.
func addPassagesFlags(fs *flag.FlagSet, cfg *beamscan.PassagesConfig) {
	o := &cfg.Options
	addRunFlags(fs, &cfg.Inputs, &cfg.Output, "reprint clusters", &cfg.Rounds, &o.Input)
	passages.Specs.AddFlags(fs, o)
}

// addRunFlags registers the flags both modes have on fs: the input patterns, the output file
// (holding what), the rounds of connected components, and dedupe's input flags (input.Specs:
// the format, the JSONL fields and the limits, which a document read is cut at as dedupe cuts
// it) bound to in.
func addRunFlags(fs *flag.FlagSet, inputs *[]string, output *string, what string, rounds *int, in *input.Options) {
	fs.Var((*patterns)(inputs), "input", "read the files matching glob `pattern` (repeatable; local, gs://, s3://)")
	fs.StringVar(output, "output", "", "write the "+what+" as JSON lines to `file` (required)")
	fs.IntVar(rounds, "cc-rounds", beamscan.DefaultRounds, "unroll `n` large-star/small-star rounds for connected components")
	input.Specs.AddFlags(fs, in)
}

// runPassages builds and runs the passages pipeline and prints its counters to log; it returns
// the exit status.
func runPassages(ctx context.Context, cfg beamscan.PassagesConfig, log io.Writer) int {
	build := func(s beam.Scope) error { return beamscan.BuildPassages(s, cfg) }
	return execute(ctx, "dedupe-beam passages", log, build, func(res beam.PipelineResult) string {
		c := beamscan.ReadCounts(res)
		return fmt.Sprintf("%s, %s skipped, %s with warnings: %s with %s occurrences (%s shared n-grams, %s matches between two documents, %s within one series left out)",
			report.Count(c.Documents, "document", "documents"), report.Int(c.Skipped), report.Int(c.Warned),
			report.Count(c.Clusters, "reprinted passage", "reprinted passages"), report.Int(c.Occurrences), report.Int(c.SharedNGrams), report.Int(c.Passages), report.Int(c.SeriesPassages))
	})
}

// execute builds a pipeline with build, runs it and prints the line summary makes of its
// result to log; it returns the exit status. When building or running fails it prints the
// error after name.
func execute(ctx context.Context, name string, log io.Writer, build func(beam.Scope) error, summary func(beam.PipelineResult) string) int {
	p, s := beam.NewPipelineWithRoot()
	err := build(s)
	var res beam.PipelineResult
	if err == nil {
		res, err = beamx.RunWithMetrics(ctx, p)
	}
	if err != nil {
		fmt.Fprintln(log, name+":", err)
		return 2
	}
	fmt.Fprintln(log, summary(res))
	return 0
}
