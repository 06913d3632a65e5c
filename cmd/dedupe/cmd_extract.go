package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/ui"
)

// ExtractOptions are the flags of dedupe extract.
type ExtractOptions struct {
	Input input.Options
	PathOptions
	OutputOptions
	Format string
}

// AddFlags adds the input flags, the path flags, -o and --format to cmd.
func (o *ExtractOptions) AddFlags(cmd *cobra.Command) {
	fs := cmd.Flags()
	o.Input = input.DefaultOptions()
	(*InputOptions)(&o.Input).AddFlags(fs, true)
	o.PathOptions.AddFlags(fs)
	o.OutputOptions.AddFlags(fs)
	fs.StringVar(&o.Format, "format", "text", "output `format`: text, or jsonl (one document a line, with the keys scan reads: id, title, date, site, text; and format, encoding)")
}

// Finalize checks the flags once they are parsed.
func (o *ExtractOptions) Finalize() error {
	if err := enumFlag("--format", o.Format, "text", "jsonl"); err != nil {
		return err
	}
	return (*InputOptions)(&o.Input).Finalize()
}

func newExtractCommand(g *GlobalOptions, s streams) *cobra.Command {
	var opts ExtractOptions
	cmd := &cobra.Command{
		Use:   "extract <path|record>... [flags]",
		Short: "Print the text dedupe reads from each input",
		Long: `Extract reads the given files and folders as scan does and prints the text it reads from
each document, in input order: the article of an HTML page (its site's menus, banners and
boxes left out, see docs/inputs.md), the text field of a JSON Lines record, the text of an
SGML record, a text file decoded. Use it to see what a site's pages give before scanning
them, or, with --format jsonl, to make JSON Lines of them, which scan reads back with the
same results (but for a text that itself looks like HTML markup) and --write-unique can write.
A record named as scan names it ("archive.jsonl#a0") is extracted alone. Documents shorter
than scan's --min-words are printed too: extract analyses nothing.

Skipped inputs and warnings are listed on stderr, as scan lists them.` + exitStatusHelp,
		Example: `  $ dedupe extract a.html
  $ dedupe extract --format jsonl --include '*.html' site/ > pages.jsonl
  $ dedupe extract --format jsonl --text-field body.text export.jsonl | jq -r .text
  $ dedupe extract 'archive.jsonl.gz#a0'`,
		Args:    opts.args,
		PreRunE: func(*cobra.Command, []string) error { return opts.Finalize() },
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExtract(cmd.Context(), opts, *g, s, args)
		},
	}
	opts.AddFlags(cmd)
	return cmd
}

// pathRun is a run of paths read together, or one record's name, looked up alone.
type pathRun struct {
	paths  []string
	record bool
}

// recordRuns splits paths into runs of paths to read and the names of records, as scan prints
// them ("archive.jsonl#a0"): a name with a "#" that is no file. Consecutive paths are read in
// one call, as scan reads them.
func recordRuns(paths []string) []pathRun {
	var runs []pathRun
	for _, p := range paths {
		_, err := os.Lstat(p)
		switch record := err != nil && strings.Contains(p, "#"); {
		case record:
			runs = append(runs, pathRun{paths: []string{p}, record: true})
		case len(runs) > 0 && !runs[len(runs)-1].record:
			runs[len(runs)-1].paths = append(runs[len(runs)-1].paths, p)
		default:
			runs = append(runs, pathRun{paths: []string{p}})
		}
	}
	return runs
}

// runExtract writes the text of every document under args to the output.
func runExtract(ctx context.Context, opts ExtractOptions, g GlobalOptions, s streams, args []string) error {
	paths, err := opts.paths(args, s.In, opts.Input, "--output", opts.Output)
	if err != nil {
		return err
	}
	runs := recordRuns(paths)
	if f, ok := s.Out.(*os.File); ok && (opts.Output == "" || opts.Output == "-") {
		// Extract writes as it reads: a file it reads that standard output is written to
		// ("dedupe extract site/ > site/pages.jsonl") grows as long as it is read. On Linux
		// the descriptor names the file; elsewhere nothing is checked.
		var read []string // the files read: a record's is the file it is in
		for _, run := range runs {
			if !run.record {
				read = append(read, run.paths...)
			} else if file := input.FileOf(run.paths[0]); file != "" {
				read = append(read, file)
			}
		}
		if input.Reads(read, opts.Input, fmt.Sprintf("/proc/self/fd/%d", f.Fd())) {
			return &flagError{errors.New("standard output is one of the inputs: extract would read what it writes; use -o or write elsewhere")}
		}
	}
	write := report.WriteExtractedText
	if opts.Format == "jsonl" {
		write = report.WriteExtracted
	}
	progress, stopProgress := startProgress(ctx, s, g, paths, opts.Input)
	defer stopProgress()
	var (
		skipped  []report.Skip
		warnings []report.Warning
		docs     int
		noDoc    error // no document was read
	)
	err = opts.write(s.Out, func(w io.Writer) error {
		emit := func(d input.Document) error {
			progress.Read(d.Size)
			warnings = report.AppendWarnings(warnings, d.AllWarnings(opts.Input.MaxBytes))
			docs++
			err := write(w, &d)
			d.Release()
			return err
		}
		for _, run := range runs {
			if !run.record {
				if err := input.Read(ctx, run.paths, s.In, opts.Input, emit, func(sk input.Skip) error {
					skipped = report.AppendSkips(skipped, []input.Skip{sk})
					return nil
				}); err != nil {
					return err
				}
				continue
			}
			d, err := input.Lookup(ctx, run.paths[0], s.In, opts.Input)
			if err != nil {
				return err
			}
			if err := emit(d); err != nil {
				return err
			}
		}
		// -o's file is written only when complete: failing here keeps the last good one.
		noDoc = skipProblems(skipped, len(warnings), docs).noDocumentError(opts.Input.TextField, true)
		return noDoc
	})
	stopProgress()
	if err != nil && !errors.Is(err, noDoc) {
		return err
	}
	if !g.Quiet {
		problems := newProblemPrinter(s.Err, g.Verbose > 0)
		problems.print(skipped, warnings)
		problems.printCounts(false)
		fmt.Fprintf(s.Err, "dedupe: %s (%s) extracted in %s, %s skipped\n",
			report.Count(docs, "document", "documents"), ui.Bytes(progress.BytesRead()), progress.Elapsed(), report.Int(report.CountSkipped(skipped)))
	}
	if noDoc != nil {
		return noDoc
	}
	return opts.strictError(skipProblems(skipped, len(warnings), docs))
}
