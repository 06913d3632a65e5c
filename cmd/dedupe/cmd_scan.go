package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/ui"
)

// ScanOptions are the flags of dedupe scan.
type ScanOptions struct {
	PipelineOptions
	PathOptions
	OutputOptions
	Format           string
	Singletons       bool
	FailOnDuplicates bool
	HTML             string // also write the HTML report to this file
	ActionOptions
}

// AddFlags adds the scan flags to cmd.
func (o *ScanOptions) AddFlags(cmd *cobra.Command) {
	fs := cmd.Flags()
	o.PipelineOptions.AddFlags(fs, scanSpecs, true)
	o.PathOptions.AddFlags(fs)
	o.OutputOptions.AddFlags(fs)
	fs.StringVar(&o.Format, "format", "json", "output `format`: json, jsonl (one record per line: clusters, links, skipped, warnings, stats), text, csv or tsv (one row per verified pair)")
	fs.BoolVar(&o.Singletons, "singletons", false, "also list documents that are in no cluster")
	fs.BoolVar(&o.FailOnDuplicates, "fail-on-duplicates", false, "exit with status 1 when a cluster is found")
	fs.StringVar(&o.HTML, "html", "", "also write an HTML report to `file`, with the texts in the folder beside it (r.html: r_files)")
	o.ActionOptions.AddFlags(fs)
	// One -0 for the lists in and out, as a pipe from find -print0 to xargs -0 needs.
	fs.Lookup("null").Usage = "names are separated by NUL bytes: the --files-from list (find -print0) and the --print-copies output (xargs -0)"
}

// listsWarnings reports whether the output lists the warnings: the JSON and JSON lines
// reports do; text, CSV, TSV and --print-copies do not.
func (o *ScanOptions) listsWarnings() bool {
	return !o.PrintCopies && (o.Format == "json" || o.Format == "jsonl")
}

// Finalize checks the flags once they are parsed.
func (o *ScanOptions) Finalize() error {
	if err := enumFlag("--format", o.Format, "json", "jsonl", "text", "csv", "tsv"); err != nil {
		return err
	}
	if err := o.ActionOptions.Finalize(); err != nil {
		return err
	}
	return o.PipelineOptions.Finalize()
}

func newScanCommand(g *GlobalOptions, s streams) *cobra.Command {
	var opts ScanOptions
	cmd := &cobra.Command{
		Use:   "scan <path>... [flags]",
		Short: "Group the copies and rewrites among articles",
		Long: `Scan reads every article under the given files and folders (recursively, in a stable
order; "-" reads one article from standard input; --files-from names more, one a line or
NUL-separated with -0; a file named twice is read once) and prints the clusters of articles that are
copies or rewrites of one another. Documents are named as the command line names them (a
folder joined with the path below it), so that the names work from where the command ran.

Plain text (.txt, .text, .md, no extension), HTML pages (.html, .htm, .xhtml: the article's
text is extracted), JSON lines (.jsonl, .ndjson, or a .json named that holds them: one article
per line), SGML news collections (.sgml, .sgm, or text
that starts with <DOC> or <REUTERS: the TREC collections such as the AP newswire, and
Reuters-21578; one article per record) and gzip-compressed files of each are read. Text that
is not valid UTF-8 is decoded as Windows-1252, or as UTF-8 with its few bad bytes replaced,
and the output says so.

Results go to standard output; progress, warnings and the summary go to standard error.
On a terminal, and without -q, the progress line shows the stage (reading, signing, grouping
candidates, verifying, ...), the share of it done, the counts and the time left:
  verifying  44% [===========>                ] 1,067 of 2,372 pairs · 3s left
Inputs that cannot be used (binary, empty, too short, unreadable) are skipped: they are
listed under "skipped" in the output and on standard error, and the scan goes on. Inputs used
despite a problem are listed under "warnings"; --strict makes either a failure. A scan that
reads no document fails (exit 2) and writes no report, counting the inputs skipped. Standard
error shows the first five of each kind ("too short", "not valid UTF-8") and counts the
others; -v shows all.

LIMITS
  --max-bytes       16 MiB by default: longer documents are truncated there, with a warning
                    (plain text past twice the limit is not even read)
  --max-line-bytes  64 MiB by default: longer JSONL and SGML lines are skipped, with their line
                    number
  --max-file-bytes  4 GiB by default: no more of a file is read after gunzip; the rest is
                    skipped, naming the file and line (a text or HTML file is read up to there)
  --max-lines       10,000,000 by default: no more lines of a JSONL or SGML file are read
  --max-cluster     1000 by default: larger clusters get a warning, as they usually mean
                    shared boilerplate rather than copies
  HTML pages nested more than 512 elements deep are skipped, before they are parsed` + exitStatusHelp,
		Example: `  $ dedupe scan testdata/seeds
  $ dedupe scan --format text --singletons articles/
  $ dedupe scan --include '*.html' --exclude 'drafts/**' site/
  $ find archive/ -name '*.txt' -print0 | dedupe scan --files-from - -0
  $ dedupe scan --text-field body.text archive.jsonl.gz
  $ dedupe scan --format jsonl archive/ | jq -r 'select(.type == "cluster") | .members[].path'
  $ dedupe scan --format csv -o pairs.csv archive/
  $ dedupe scan --html report.html archive/ > report.json
  $ cat story.txt | dedupe scan - archive/
  $ dedupe scan --print-copies --keep earliest -0 articles/ | xargs -0 rm --
  $ dedupe scan --write-unique unique.jsonl archive.jsonl.gz > report.json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if opts.Null && opts.FilesFrom == "" && !opts.PrintCopies {
				return &flagError{errors.New("-0 goes with --files-from or --print-copies")}
			}
			paths := opts.PathOptions
			paths.Null = false // checked above: scan's -0 also ends the names --print-copies writes
			return paths.args(cmd, args)
		},
		PreRunE: func(cmd *cobra.Command, _ []string) error {
			if opts.PrintCopies && cmd.Flags().Changed("format") {
				return &flagError{errors.New("--print-copies prints paths instead of the report: --format does not apply")}
			}
			if cmd.Flags().Changed("keep") && !opts.PrintCopies && opts.WriteUnique == "" {
				return &flagError{errors.New("--keep chooses the member --print-copies and --write-unique keep: give one of them")}
			}
			if cmd.Flags().Changed("copy-share") && !opts.PrintCopies && opts.WriteUnique == "" {
				return &flagError{errors.New("--copy-share decides the copies --print-copies and --write-unique drop: give one of them")}
			}
			return opts.Finalize()
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScan(cmd.Context(), opts, *g, s, args)
		},
	}
	opts.AddFlags(cmd)
	return cmd
}

// runScan scans paths and writes the report to s.Out.
func runScan(ctx context.Context, opts ScanOptions, g GlobalOptions, s streams, args []string) error {
	pipe := opts.PipelineOptions.Options
	paths, err := opts.paths(args, s.In, pipe.Input, "--output", opts.Output, "--html", opts.HTML, "--write-unique", opts.WriteUnique)
	if err != nil {
		return err
	}
	progress, stopProgress := startProgress(ctx, s, g, paths, pipe.Input)
	defer stopProgress() // on the early returns; it is called again after the scan
	stdin, kept := keepStdin(s.In, paths, opts.HTML != "" || opts.WriteUnique != "")
	res, err := scan.Run(ctx, paths, stdin, pipe, progress)
	stopProgress()
	if err != nil {
		return err
	}
	// Clustering and writing the report are a stage of their own for -v, so that the time of
	// the verifying stage is that of verification: writing the JSON of the 59,433 articles cut
	// from the chronam pages takes about a fifth of it.
	progress.Stage("reporting", 0, "")
	rep := res.Report(&pipe, opts.Singletons)
	if w, ok := notWritten(res, opts.WriteUnique); ok {
		rep.Warnings = append(rep.Warnings, w)
	}
	if err := skipProblems(rep.Skipped, 0, rep.Stats.Documents).noDocumentError(pipe.Input.TextField, true); err != nil {
		// No report: an empty one written over -o's file would be taken for a result, and
		// the last good report is kept. The skips say why each input was not read.
		if !g.Quiet {
			printSummary(s.Err, rep, res, &pipe, progress, g.Verbose > 0, opts.listsWarnings())
		}
		return err
	}
	err = opts.write(s.Out, func(w io.Writer) error {
		if opts.PrintCopies {
			return writeCopies(w, rep, opts.ActionOptions, opts.Null)
		}
		return writeReport(w, opts.Format, rep)
	})
	if err != nil {
		return err
	}
	wrote := "" // what --write-unique wrote, said after the summary
	if opts.WriteUnique != "" {
		if wrote, err = writeUnique(ctx, s, res, rep, paths, pipe.Input, kept, opts.ActionOptions, g.Quiet); err != nil {
			return err
		}
	}
	if opts.HTML != "" {
		if err := writeScanHTML(ctx, opts.HTML, rep, paths, pipe, res.Weights, kept); err != nil {
			return err
		}
	}
	if !g.Quiet {
		printSummary(s.Err, rep, res, &pipe, progress, g.Verbose > 0, opts.listsWarnings())
		fmt.Fprint(s.Err, wrote)
	}
	if err := opts.strictError(inputProblems{skipped: rep.Stats.Skipped, warnings: len(res.Warnings)}); err != nil {
		return err
	}
	if opts.FailOnDuplicates && rep.Stats.Clusters > 0 {
		return errDuplicatesFound
	}
	return nil
}

// startProgress returns the progress line of a command that reads paths with in, drawn on
// stderr when it is a terminal and the user did not ask for quiet, and a function that removes
// it, which may be called more than once. While the line is drawn, the size of the inputs is
// measured as they are read, so that the line starts at once and shows the share read and the
// time left as soon as the size is known.
func startProgress(ctx context.Context, s streams, g GlobalOptions, paths []string, in input.Options) (*ui.Progress, func()) {
	draw := s.ErrTTY && !g.Quiet
	p := ui.NewProgress(s.Err, draw)
	if !draw {
		return p, p.Done
	}
	measuring, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { measureInput(measuring, paths, in, p) })
	return p, func() {
		cancel()
		wg.Wait()
		p.Done()
	}
}

// measureInput tells p the size of the inputs, which the progress line then measures reading
// against. An error is left for the scan to report; the line then shows the bytes read alone.
func measureInput(ctx context.Context, paths []string, opts input.Options, p *ui.Progress) {
	if n, err := input.Size(ctx, paths, opts); err == nil {
		p.SetTotal(n)
	}
}

// writeReport writes rep to w in format, one of --format's.
func writeReport(w io.Writer, format string, rep *report.Report) error {
	return report.Buffered(w, func(w io.Writer) error {
		switch format {
		case "jsonl":
			return report.WriteJSONL(w, rep)
		case "text":
			return report.WriteText(w, rep)
		case "csv":
			return report.WritePairs(w, rep, ',')
		case "tsv":
			return report.WritePairs(w, rep, '\t')
		default:
			return report.WriteJSON(w, rep)
		}
	})
}

// boundedShown is how many warnings about alignments bounded on repeated text a scan prints
// without -v. Those are notes on results, not problems of inputs: a scan of the 4,492
// chronam-1916 pages gets 124, one for each page of lists or notices, and printed in full they
// buried the skipped inputs and the summary.
var boundedShown = 5

// printSummary writes the skipped inputs, the warnings and a summary of a scan with
// opts to stderr. Unless verbose, of the skipped inputs and the warnings about inputs of one
// kind only the first problemsShown are printed, and of the warnings about bounded alignments
// the first boundedShown, and a line counts the others, saying whether the report lists them
// (listed).
func printSummary(w io.Writer, rep *report.Report, res *scan.Result, opts *scan.Options, p *ui.Progress, verbose, listed bool) {
	// rep.Warnings holds the inputs' warnings, then the bounded alignments', then the others
	// (see scan.Result.Report).
	inputs, bounded := len(res.Warnings), len(res.Bounded)
	problems := newProblemPrinter(w, verbose)
	problems.print(rep.Skipped, rep.Warnings[:inputs])
	problems.printCounts(listed)
	shown := bounded
	if !verbose {
		shown = min(bounded, boundedShown)
	}
	printWarnings(w, rep.Warnings[inputs:inputs+shown])
	if more := bounded - shown; more > 0 {
		where := "-v prints every one"
		if listed {
			where = `listed under "warnings" in the report; ` + where
		}
		fmt.Fprintf(w, "warning: %s with alignments bounded on repeated text (%s)\n",
			report.Count(more, "more document", "more documents"), where)
	}
	printWarnings(w, rep.Warnings[inputs+bounded:])
	// The note matters when the floor decided what was dropped as boilerplate; otherwise it
	// only explains why nothing could be, which -v tells.
	if res.SmallCorpus && (verbose || rep.Stats.BoilerplateSentences > 0) {
		site := ""
		if opts.SiteBoilerplateMinDocs > 0 {
			site = fmt.Sprintf(" (or %s of one site's)", report.Int(opts.SiteBoilerplateMinDocs))
		}
		fmt.Fprintf(w, "note: %s too few for boilerplate frequencies; only sentences in %s or more documents%s count as boilerplate\n",
			report.Count(rep.Stats.Documents, "document is", "documents are"), report.Int(opts.BoilerplateMinDocs), site)
	}
	if rep.Stats.OversizedBuckets > 0 {
		fmt.Fprintf(w, "warning: %s not expanded, holding more than %s (usually boilerplate; see --max-bucket)\n",
			report.Count(rep.Stats.OversizedBuckets, "LSH bucket", "LSH buckets"), report.Count(opts.MaxBucket, "document", "documents"))
	}
	if verbose {
		fmt.Fprintf(w, "stages: %s\n", strings.Join(p.Stages(), ", "))
	}
	// A line for each thing, so that each fits 100 columns with ordinary figures: on one line
	// the summary of the AP-style archive ran to 190.
	st := rep.Stats
	fmt.Fprintf(w, "dedupe: %s (%s) in %s, %s skipped\n",
		report.Count(st.Documents, "document", "documents"), ui.Bytes(p.BytesRead()), p.Elapsed(), report.Int(st.Skipped))
	fmt.Fprintf(w, "dedupe: %s%s, %s verified; %s\n",
		report.Count(st.CandidatePairs, "candidate pair", "candidate pairs"), st.LeftOut(), report.Int(st.VerifiedPairs), report.Count(st.Clusters, "cluster", "clusters"))
	if text := st.DecisionText(); text != "" {
		fmt.Fprintf(w, "dedupe: %s\n", text)
	}
	if note := st.DecisionNote(); note != "" {
		fmt.Fprintf(w, "note: %s\n", note)
	}
}

// printWarnings writes warnings of a report to stderr, one a line.
func printWarnings(w io.Writer, warnings []report.Warning) {
	for _, wn := range warnings {
		if wn.Path == "" { // about the run, not an input
			fmt.Fprintf(w, "warning: %s\n", report.Text(wn.Message))
			continue
		}
		fmt.Fprintf(w, "warning: %s: %s\n", location(wn.Path, wn.Line), report.Text(wn.Message))
	}
}

// location names a file in quotes, so that spaces stay visible, escaped by report.Text like
// every name in text output (%q would write the "\xff" of a name that is not UTF-8 as
// "\\xff"), with its line when it has one.
func location(path string, line int) string {
	if line > 0 {
		return fmt.Sprintf(`"%s":%d`, report.Text(path), line)
	}
	return `"` + report.Text(path) + `"`
}
