package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/dedupe-dev/dedupe/internal/archive"
	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/ui"
)

// CheckOptions are the flags of dedupe check.
type CheckOptions struct {
	ArchiveInputOptions
	OutputOptions
	Format string
	Add    bool
	// MinShared is the fewest band keys an archived document must share with a new one to be
	// verified; 0 picks it from the index (see archive.NewChecker).
	MinShared int
}

// Finalize checks the flags once they are parsed.
func (o *CheckOptions) Finalize(fs *pflag.FlagSet) error {
	if err := enumFlag("--format", o.Format, "json", "jsonl", "text", "github"); err != nil {
		return err
	}
	if o.MinShared < 0 {
		return &flagError{fmt.Errorf("invalid --min-shared %d: must not be negative", o.MinShared)}
	}
	return o.ArchiveInputOptions.Finalize(fs)
}

func newCheckCommand(g *GlobalOptions, s streams) *cobra.Command {
	var opts CheckOptions
	cmd := &cobra.Command{
		Use:   "check --db <file> <path>... [flags]",
		Short: "Check new articles against an index of an archive",
		Long: `Check reads the articles under the given files and folders as scan does and reports, for
each, the archived documents of the index that it copies or rewrites, with the figures and
relations scan gives a pair (the archived document is "a", the new one "b"). It exits with
status 1 when any article is a duplicate, which makes it a CI check for an archive repository.

An archived document with the same path as the new one is not reported, and when it is the new
one's earlier version (one holds 80% of the other, the other half of it or more: an edit, an
update that adds paragraphs, a cut) neither is a match it had too: an edited article reports
the copies its edit made, not the reprints the archive already held. New documents are checked
against the archive as it was, not against each other; --add then adds them, in transactions as
index add does. As in compare, boilerplate sentences are not removed: that needs the
frequencies of a whole corpus.

The index's parameters apply; parameter flags that contradict them are an error. Candidates are
the archived documents sharing at least --anchor-min-shared rare anchors with the new article,
and at least --anchor-min-share of the rare anchors of the one with fewer, as scan proposes
them (winnowed runs of words held by 2 to --anchor-max-docs documents of the archive and the
new article), and those sharing at least --min-shared band keys. An index built by a dedupe of
another normaliser is refused, to be rebuilt. For --min-shared, an index of up to 2,000
documents takes 1, every pair scan would verify. Beyond, the default is the most keys that
still find 95% of the pairs at shingle Jaccard similarity 0.05 (with 256 one-row bands, 7: a
one-row band key is one MinHash value, so the number of shared keys estimates the similarity).
Against 100,000 generated articles, about 5,400 unrelated ones share a key with a new article,
and fewer than one shares 7.` + exitStatusHelp,
		Example: `  $ dedupe check --db archive.db incoming/story.txt
  $ dedupe check --db archive.db --format text new/*.txt
  $ dedupe check --db archive.db --add --format jsonl today/ | jq 'select(.duplicate)'`,
		Args:    opts.args,
		PreRunE: func(cmd *cobra.Command, _ []string) error { return opts.Finalize(cmd.Flags()) },
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(cmd.Context(), opts, *g, s, args)
		},
	}
	opts.ArchiveInputOptions.AddFlags(cmd.Flags(), checkSpecs)
	cmd.Flags().StringVar(&opts.Format, "format", "json", "output `format`: json, jsonl (one checked document per line), text, or github (annotations for GitHub Actions)")
	cmd.Flags().BoolVar(&opts.Add, "add", false, "add the checked documents to the index afterwards")
	opts.OutputOptions.AddFlags(cmd.Flags())
	cmd.Flags().IntVar(&opts.MinShared, "min-shared", 0, "verify archived documents sharing at least `n` band keys (0: by index size)")
	return cmd
}

// runCheck checks the documents under paths against the index and writes the report to s.Out.
func runCheck(ctx context.Context, opts CheckOptions, g GlobalOptions, s streams, args []string) error {
	mode := readIndex
	if opts.Add {
		mode = writeIndex
	}
	opts.noteWaits(s, g.Quiet)
	stdin := peekableStdin(s.In, args)
	paths, ix, pipe, err := opts.open(args, stdin, mode, "--output", opts.Output)
	if err != nil {
		return err
	}
	defer ix.Close()
	c, err := archive.NewChecker(ix, pipe, opts.MinShared)
	if err != nil {
		return err
	}

	progress, stopProgress := startProgress(ctx, s, g, paths, pipe.Input)
	var added []*scan.Document
	var problems inputProblems
	err = scan.Analyze(ctx, paths, stdin, pipe, progress, func(it scan.Item) error {
		problems.add(it)
		if opts.Add && it.Doc != nil {
			added = append(added, it.Doc)
		}
		return c.Add(it)
	})
	var rep *archive.Report
	if err == nil {
		rep, err = c.Report()
	}
	if err == nil {
		rep.Root, rep.Inputs = input.Root(), input.EscapeNames(paths)
	}
	stopProgress()
	if err != nil {
		return err
	}
	if err := problems.noDocumentError(pipe.Input.TextField, false); err != nil {
		// No report, as scan writes none: a check that read nothing found nothing.
		if !g.Quiet {
			printCheckSummary(s.Err, rep, progress, g.Verbose > 0, opts.Format == "json")
		}
		return err
	}
	if opts.Add {
		a, err := newAdder(ix, g, s.Err)
		if err != nil {
			return err
		}
		if err := addAll(ctx, a, added); err != nil {
			if n := a.Committed(); n > 0 {
				fmt.Fprintln(s.Err, keptMessage(n, err))
			}
			return err
		}
		rep.Stats.Added = a.Stats().Added + a.Stats().Replaced
	}
	if err := opts.write(s.Out, func(w io.Writer) error { return archive.WriteReport(w, opts.Format, rep) }); err != nil {
		return err
	}
	if !g.Quiet {
		printCheckSummary(s.Err, rep, progress, g.Verbose > 0, opts.Format == "json")
	}
	if opts.Add {
		if err := mergeNew(ctx, ix, s.Err, g.Quiet); err != nil {
			return err
		}
	}
	if err := opts.strictError(problems); err != nil {
		return err
	}
	if rep.Stats.Duplicates > 0 {
		return errDuplicatesFound
	}
	return nil
}

// addAll adds docs to the index through a and commits them. Ctrl-C (ctx) stops it between
// documents, as it stops index add: the batches committed stay.
func addAll(ctx context.Context, a *archive.Adder, docs []*scan.Document) error {
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := a.Add(d); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return a.Flush()
}

// printCheckSummary writes the skipped inputs, the warnings and a summary to stderr:
// unless verbose, of each kind of problem the first problemsShown and a line counting the
// others, saying whether the report lists them (listed).
func printCheckSummary(w io.Writer, rep *archive.Report, p *ui.Progress, verbose, listed bool) {
	problems := newProblemPrinter(w, verbose)
	problems.print(rep.Skipped, rep.Warnings)
	problems.printCounts(listed)
	st := rep.Stats
	added, known := "", ""
	if st.Added > 0 {
		added = fmt.Sprintf("; %s added to the index", report.Int(st.Added))
	}
	if st.ArchivedMatches > 0 {
		known = fmt.Sprintf(" (%s more their archived versions had, not reported)", report.Int(st.ArchivedMatches))
	}
	// The decision the archive's counts of clean text resolved (verify.Params.ResolveDecision),
	// as scan's summary names its own.
	decision := ""
	if d, ok := rep.Params.Get("decision").(string); ok && d != "" {
		decision = fmt.Sprintf(" (%s decision)", d)
	}
	// A line for each thing, within 100 columns, as scan's summary (printSummary).
	fmt.Fprintf(w, "dedupe: %s checked against %s in %s, %s skipped\n",
		report.Count(st.Checked, "document", "documents"), report.Int(st.Archived), p.Elapsed(), report.Int(st.Skipped))
	fmt.Fprintf(w, "dedupe: %s, %s verified%s\n",
		report.Count(st.CandidatePairs, "candidate pair", "candidate pairs"), report.Int(st.VerifiedPairs), known)
	fmt.Fprintf(w, "dedupe: %s%s%s\n", report.Count(st.Duplicates, "duplicate", "duplicates"), decision, added)
}
