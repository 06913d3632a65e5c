package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dedupe-dev/dedupe/internal/passages"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/ui"
)

// PassagesOptions are the flags of dedupe passages.
type PassagesOptions struct {
	passages.Options
	PathOptions
	OutputOptions
	Format string
	HTML   string // also write the HTML report to this file
}

// AddFlags adds the input flags and one flag per spec of passages.Specs to cmd.
func (o *PassagesOptions) AddFlags(cmd *cobra.Command) {
	fs := cmd.Flags()
	o.Options = passages.DefaultOptions()
	(*InputOptions)(&o.Input).AddFlags(fs, true)
	passages.Specs.AddFlags(fs, &o.Options)
	o.PathOptions.AddFlags(fs)
	o.OutputOptions.AddFlags(fs)
	fs.StringVar(&o.Format, "format", "json", "output `format`: json, jsonl (one cluster per line) or text")
	fs.StringVar(&o.HTML, "html", "", "also write a self-contained HTML report, each occurrence beside its representative, to `file`")
}

// Finalize checks the flags once they are parsed.
func (o *PassagesOptions) Finalize() error {
	if err := enumFlag("--format", o.Format, "json", "jsonl", "text"); err != nil {
		return err
	}
	if err := (*InputOptions)(&o.Input).Finalize(); err != nil {
		return err
	}
	if err := o.Options.Validate(); err != nil {
		return &flagError{err}
	}
	return nil
}

func newPassagesCommand(g *GlobalOptions, s streams) *cobra.Command {
	var opts PassagesOptions
	cmd := &cobra.Command{
		Use:   "passages <path>... [flags]",
		Short: "Find passages reprinted across documents, such as wire stories on newspaper pages",
		Long: `Passages reads every document under the given files and folders, as scan does, and prints
the passages of at least --min-words words that occur in two or more documents, verbatim or
rewritten a little (OCR errors, line breaks, cuts), grouped into reprint clusters: one cluster
per reprinted text, with every occurrence as a path and byte offsets into its text.

A document's series is its source, a newspaper: the first folder of its path below the scanned
folder (unless it is named as a day or a year), or what --series matches in its path (its first
group, if it has one). Passages shared within one series (mastheads, a paper's own
advertisements) are left out and counted. Dates come from the input, or from the path with
--path-dates 1; --max-days compares only documents close in time. The algorithm is described in
docs/passages.md.` + exitStatusHelp,
		Example: `  $ dedupe passages --series '([^/]+)-ed-' pages/
  $ dedupe passages --format text --min-words 60 pages/
  $ dedupe passages --format jsonl --path-dates 1 --max-days 3 pages/ | jq -r '.representative.path'
  $ dedupe passages --html reprints.html pages/ > reprints.json`,
		Args:    opts.args,
		PreRunE: func(*cobra.Command, []string) error { return opts.Finalize() },
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPassages(cmd.Context(), opts, *g, s, args)
		},
	}
	opts.AddFlags(cmd)
	return cmd
}

// runPassages searches paths for reprinted passages and writes the report to s.Out.
func runPassages(ctx context.Context, opts PassagesOptions, g GlobalOptions, s streams, args []string) error {
	paths, err := opts.paths(args, s.In, opts.Input, "--output", opts.Output, "--html", opts.HTML)
	if err != nil {
		return err
	}
	progress, stopProgress := startProgress(ctx, s, g, paths, opts.Input)
	defer stopProgress() // on the early returns; it is called again after the search
	stdin, kept := keepStdin(s.In, paths, opts.HTML != "")
	rep, err := passages.Find(ctx, paths, stdin, opts.Options, progress)
	stopProgress()
	if err != nil {
		return err
	}
	problems := skipProblems(rep.Skipped, len(rep.Warnings), rep.Stats.Documents)
	noDoc := problems.noDocumentError(opts.Input.TextField, true)
	if noDoc != nil {
		// No report, as scan writes none: the last good one is kept.
		printPassagesSummary(s.Err, rep, progress, g, opts.Format)
		return noDoc
	}
	if err := opts.write(s.Out, func(w io.Writer) error { return passages.WriteReport(w, opts.Format, rep) }); err != nil {
		return err
	}
	if opts.HTML != "" {
		if err := writePassagesHTML(ctx, opts.HTML, rep, paths, opts.Input, kept); err != nil {
			return err
		}
	}
	printPassagesSummary(s.Err, rep, progress, g, opts.Format)
	return opts.strictError(problems)
}

// printPassagesSummary prints to w, unless g asks for quiet, the problems with the inputs and
// the lines of what a search found.
func printPassagesSummary(w io.Writer, rep *passages.Report, progress *ui.Progress, g GlobalOptions, format string) {
	if g.Quiet {
		return
	}
	problems := newProblemPrinter(w, g.Verbose > 0)
	problems.print(rep.Skipped, rep.Warnings)
	problems.printCounts(format == "json")
	if g.Verbose > 0 {
		fmt.Fprintf(w, "stages: %s\n", strings.Join(progress.Stages(), ", "))
	}
	st := rep.Stats
	// A line for each thing, within 100 columns, as scan's summary (printSummary).
	fmt.Fprintf(w, "dedupe: %s (%s) in %s, %s skipped\n",
		report.Count(st.Documents, "document", "documents"), ui.Bytes(progress.BytesRead()), progress.Elapsed(), report.Int(st.Skipped))
	fmt.Fprintf(w, "dedupe: %s with %s occurrences\n",
		report.Count(st.Clusters, "reprinted passage", "reprinted passages"), report.Int(st.Occurrences))
	fmt.Fprintf(w, "dedupe: %s within one series left out\n", report.Count(st.SeriesPassages, "passage", "passages"))
}
