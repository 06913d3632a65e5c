package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/dedupe-dev/dedupe/internal/archive"
	"github.com/dedupe-dev/dedupe/internal/index"
	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/param"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/ui"
)

// addBatch is the size of the first transactions of index add and check --add, and the unit
// of later ones (see archive.AddBatch). It is a variable only so that tests can make batches
// small (see TestMain).
var addBatch = archive.AddBatch

// DBOptions are the flags naming the index file.
type DBOptions struct {
	DB          string
	LockTimeout time.Duration
	notes       io.Writer // where to say that the command waits for the lock; nil: nowhere
}

// noteWaits makes o's opening say on s.Err, unless quiet, that it waits for another process's
// lock: a check during an hour's index add waited in silence, then failed.
func (o *DBOptions) noteWaits(s streams, quiet bool) {
	if !quiet {
		o.notes = s.Err
	}
}

// AddFlags adds the index file flags to fs.
func (o *DBOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.DB, "db", "", "index `file` (required)")
	fs.DurationVar(&o.LockTimeout, "lock-timeout", 10*time.Second, "wait up to `duration` while another process holds the index (0: wait for ever)")
}

// Finalize checks the index file flags.
func (o *DBOptions) Finalize() error {
	if o.DB == "" {
		return &flagError{errors.New("--db is required")}
	}
	if o.LockTimeout < 0 {
		return &flagError{fmt.Errorf("invalid --lock-timeout %v: must not be negative", o.LockTimeout)}
	}
	return nil
}

// open opens the existing index. A file of 0 bytes, as mktemp makes, is not one yet: the
// error says which commands make it one.
func (o *DBOptions) open(readOnly bool) (*index.Index, error) {
	ix, err := index.Open(o.DB, o.indexOptions(readOnly))
	return ix, o.openHint(err)
}

// indexOptions returns the options to open the index with.
func (o *DBOptions) indexOptions(readOnly bool) index.Options {
	opts := index.Options{LockTimeout: o.LockTimeout, ReadOnly: readOnly}
	if w := o.notes; w != nil {
		wait := "for ever"
		if o.LockTimeout > 0 {
			wait = "up to " + o.LockTimeout.String()
		}
		opts.Waiting = func() {
			fmt.Fprintf(w, "dedupe: index %q is held by another process (an index add or check --add holds it for the whole of its run): waiting %s (--lock-timeout)\n", o.DB, wait)
		}
	}
	return opts
}

// dbCommand completes cmd, a command whose only flags name the index file (index check,
// compact and rm): it adds those flags, checks them before the command runs and then calls run
// with the arguments.
func dbCommand(cmd *cobra.Command, opts *DBOptions, g *GlobalOptions, s streams, run func(ctx context.Context, args []string) error) *cobra.Command {
	opts.AddFlags(cmd.Flags())
	cmd.PreRunE = func(*cobra.Command, []string) error { return opts.Finalize() }
	cmd.RunE = func(c *cobra.Command, args []string) error {
		opts.noteWaits(s, g.Quiet)
		return run(c.Context(), args)
	}
	return cmd
}

// openHint adds to an error of opening the index what to do: for index.ErrEmpty, how to make
// the file an index; for index.ErrLocked, how long the command waited and what sets it (a
// writer holds the lock for the whole of its run).
func (o *DBOptions) openHint(err error) error {
	switch {
	case errors.Is(err, index.ErrEmpty):
		return fmt.Errorf(`%w, not yet an index: "dedupe index add" makes it one`, err)
	case errors.Is(err, index.ErrLocked):
		return fmt.Errorf("%w (waited %v: an index add or check --add holds it for the whole of its run; --lock-timeout sets the wait, 0 for ever)", err, o.LockTimeout)
	}
	return err
}

// paramFlags are the detector flags that decide an index's parameters: those of the settings
// it stores (scan.IndexSpecs), and --threshold, which decides bands and rows when they are not
// given.
var paramFlags = append(scan.IndexSpecs.Flags(), "threshold")

// givenParamFlags returns the names of the paramFlags set on the command line.
func givenParamFlags(fs *pflag.FlagSet) []string {
	var given []string
	for _, name := range paramFlags {
		if fs.Changed(name) {
			given = append(given, name)
		}
	}
	return given
}

// indexParams returns the parameters of a new index built with the detector options. An index
// is meant to grow, so its permutations, bands and rows are not chosen for the documents of the
// first run, as scan's are: when none are given they aim at every rewrite (scan's choice for a
// small corpus: 256 one-row bands), and checks against a large index stay fast by asking for
// several shared keys (see CheckOptions.MinShared).
func indexParams(o *scan.Options) (index.Params, error) {
	used := *o
	used.NumPerm = o.Permutations(0)
	var err error
	used.Bands, used.Rows, err = o.BandsRows(scan.Corpus{})
	var p index.Params
	index.ParamSpecs.Copy(&p, scan.IndexSpecs, &used)
	return p, err
}

// useIndexParams checks the parameter flags given on the command line against the parameters
// of ix, naming the first that differs, and sets o to the index's parameters. --num-perm 0
// asks for the default, which is the index's; --threshold, --bands and --rows ask for the bands
// and rows they decide with the permutations asked for.
func useIndexParams(ix *index.Index, o *scan.Options, given []string) error {
	p := ix.Params()
	stored := *o
	scan.IndexSpecs.Copy(&stored, index.ParamSpecs, &p)
	want := stored
	for _, s := range scan.IndexSpecs {
		if slices.Contains(given, s.Flag) {
			one := scan.IndexSpecs.Pick(s.Field)
			one.Copy(&want, one, o)
		}
	}
	if o.NumPerm == 0 {
		want.NumPerm = stored.NumPerm
	}
	if slices.ContainsFunc(given, func(f string) bool { return f == "threshold" || f == "bands" || f == "rows" }) {
		q := *o
		q.NumPerm = want.NumPerm
		var err error
		if want.Bands, want.Rows, err = q.BandsRows(scan.Corpus{}); err != nil {
			return err
		}
	}
	var w index.Params
	index.ParamSpecs.Copy(&w, scan.IndexSpecs, &want)
	if err := ix.CheckParams(w); err != nil {
		// The threshold is not stored: it chose the bands and rows, which are. Say so, rather
		// than name only bands the user never wrote.
		var pe *index.ParamError
		if errors.As(err, &pe) && (pe.Param == "bands" || pe.Param == "rows") && !slices.Contains(given, "bands") && !slices.Contains(given, "rows") {
			return fmt.Errorf("--threshold %v gives %d bands of %s: %w; leave the flag out to use the index's value",
				o.Threshold, want.Bands, report.Count(want.Rows, "row", "rows"), err)
		}
		return fmt.Errorf("%w; leave the flag out to use the index's value", err)
	}
	*o = stored
	return nil
}

func newIndexCommand(g *GlobalOptions, s streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "index <command>",
		Short: "Keep a persistent index of an archive, for dedupe check",
		Long: `An index holds what checking needs of every archived article: its path, title, date, a
compact sketch of its words, its LSH band keys and its anchors (the rare passages scan proposes
candidates by), in one database file (bbolt). No text is kept. Build it once with "index add",
keep it up to date with "index add" or "check --add", and check new articles against it with
"dedupe check".

The detector parameters (language, shingle size, permutations, bands and rows, seed, common
shingles, anchors) are fixed by the first add that brings documents; later commands read them
from the index and refuse flags that contradict them. Writes are transactions: a process killed
at any point leaves an index that opens and holds every batch committed before. Damage that
would crash the store (a copy cut short, a page number outside the file) fails every command
with "corrupt index" and leaves the file as it is; "index check" verifies every page and
record, and finds damage that a command reading other pages does not meet.` + exitStatusHelp,
		Example: `  $ dedupe index add --db archive.db archive/
  $ dedupe index stats --db archive.db
  $ dedupe index rm --db archive.db archive/2024/retracted.txt
  $ dedupe index check --db archive.db`,
		Args: cobra.ArbitraryArgs,
		RunE: runGroup,
	}
	cmd.AddCommand(newIndexAddCommand(g, s), newIndexStatsCommand(s), newIndexRmCommand(g, s), newIndexCheckCommand(g, s),
		newIndexCompactCommand(g, s))
	return cmd
}

// ArchiveInputOptions are the flags of the commands that read articles into or against an
// index, index add and check: the index, the inputs and the pipeline parameters.
type ArchiveInputOptions struct {
	DBOptions
	PipelineOptions
	PathOptions
	given []string // parameter flags set on the command line
}

// AddFlags registers the flags on fs, a detector flag for each of specs.
func (o *ArchiveInputOptions) AddFlags(fs *pflag.FlagSet, specs param.Table) {
	o.DBOptions.AddFlags(fs)
	o.PipelineOptions.AddFlags(fs, specs, true)
	o.PathOptions.AddFlags(fs)
}

// Finalize checks the flags once they are parsed.
func (o *ArchiveInputOptions) Finalize(fs *pflag.FlagSet) error {
	if err := o.DBOptions.Finalize(); err != nil {
		return err
	}
	o.given = givenParamFlags(fs)
	return o.PipelineOptions.Finalize()
}

// IndexAddOptions are the flags of dedupe index add.
type IndexAddOptions struct {
	ArchiveInputOptions
	Prune bool // also remove the documents under the inputs that the add no longer met
}

func newIndexAddCommand(g *GlobalOptions, s streams) *cobra.Command {
	var opts IndexAddOptions
	cmd := &cobra.Command{
		Use:   "add --db <file> <path>... [flags]",
		Short: "Add articles to an index, creating it if needed",
		Long: `Add reads the articles under the given files and folders as scan does and adds them to
the index, creating the index file if it does not exist or is empty (as mktemp makes it).
Documents are named by their path as given on the command line (a folder joined with the path
below it): that name is their id in the index, for "index rm" and for "check".

A path already indexed with the same text is left alone; with other text its entry is replaced.
A new path that the index holds with the same text under another name (its absolute path, or a
tail of it: an add run from another folder), which names the same file or no file from here, is
added and warned about. With --prune, the documents under the folders and files named that this
add did not read (deleted or renamed since, or now skipped: emptied, cut too short) are
removed, so that check finds no copies of articles the archive no longer holds; those of an
input it could not read whole (a file cut short or unreadable, a line that is no record,
--max-lines reached) are kept, and counted. Documents are written in transactions of 1,000, or
of an eighth of the documents already indexed (up to 25,000) once the index is larger: if the
command is killed, the index keeps every batch committed before (-v reports each commit).

The parameter flags (--lang, --shingle-size, --num-perm, --seed, --threshold, --bands, --rows,
--shingle-df, --anchor-window, --anchor-max-docs, --anchor-min-shared) apply when the index is
created, or holds no document (an add that read nothing fixes none); for an index of documents
they must agree with it. --anchor-min-shared 0 stores no
anchors: check then proposes candidates by band keys alone.
Common shingles, which the signatures leave out (see --shingle-df), are learned once, when
the index first holds 1,000 documents. Boilerplate sentences are kept: removing them needs the
frequencies of a whole corpus, which an index that grows never has (see scan).` + exitStatusHelp,
		Example: `  $ dedupe index add --db archive.db archive/
  $ dedupe index add --db archive.db --prune archive/
  $ dedupe index add --db archive.db --lang french --include '*.html' site/
  $ dedupe index add --db archive.db --text-field body.text export.jsonl.gz`,
		Args: opts.args,
		PreRunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Prune && (len(opts.Input.Include) > 0 || len(opts.Input.Exclude) > 0) {
				// A file they leave out is not read, as a deleted one is not: pruning would
				// remove every archived document they leave out.
				return &flagError{errors.New("--prune cannot tell a file that --include or --exclude leaves out from a deleted one: give --prune without them")}
			}
			return opts.Finalize(cmd.Flags())
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runIndexAdd(cmd.Context(), opts, *g, s, args)
		},
	}
	opts.ArchiveInputOptions.AddFlags(cmd.Flags(), indexAddSpecs)
	cmd.Flags().BoolVar(&opts.Prune, "prune", false, "also remove the documents under the folders and files named that this add did not read: deleted, renamed, or now skipped (empty, too short), not those of an input it could not read whole; not with --include or --exclude")
	return cmd
}

// runIndexAdd adds the documents under paths to the index opts.DB.
func runIndexAdd(ctx context.Context, opts IndexAddOptions, g GlobalOptions, s streams, args []string) error {
	before, statErr := os.Stat(opts.DB) // a missing or empty file: this run creates the index
	opts.noteWaits(s, g.Quiet)
	stdin := peekableStdin(s.In, args)
	paths, ix, pipe, err := opts.open(args, stdin, createIndex, "--db", opts.DB)
	if err != nil {
		return err
	}
	open := true
	closeIndex := func() {
		if open {
			ix.Close()
			open = false
		}
	}
	defer closeIndex()
	progress, stopProgress := startProgress(ctx, s, g, paths, pipe.Input)
	defer stopProgress()                // on the early returns; it is called again below
	a, err := newAdder(ix, g, progress) // commits are logged above the progress line
	if err != nil {
		return err
	}
	var problems inputProblems
	printer := newProblemPrinter(progress, g.Verbose > 0) // above the progress line while it is drawn
	// With --prune, the paths of the documents read, and of the inputs not read whole.
	read, unread := map[string]bool{}, map[string]bool{}
	err = scan.Analyze(ctx, paths, stdin, pipe, progress, func(it scan.Item) error {
		problems.add(it)
		reportItem(printer, g, it)
		if opts.Prune && it.Skip != nil && !it.Skip.NoText {
			unread[it.Skip.Path] = true
		}
		if it.Doc == nil {
			return nil
		}
		if opts.Prune {
			read[it.Doc.Path] = true
		}
		return a.Add(it.Doc)
	})
	stopProgress()
	if err == nil {
		err = a.Flush()
	}
	if err == nil {
		err = problems.noDocumentError(pipe.Input.TextField, false)
	}
	if err != nil {
		switch n := a.Committed(); {
		case n > 0:
			fmt.Fprintln(s.Err, keptMessage(n, err))
		case statErr != nil || before.Size() == 0:
			// The index this run created holds nothing: left behind, its parameters would
			// hold for the next run, made with other flags or none. It goes, or is emptied
			// again if the file was there.
			closeIndex()
			if statErr != nil {
				os.Remove(opts.DB)
			} else {
				os.Truncate(opts.DB, 0)
			}
		}
		return err
	}
	pruned := ""
	if opts.Prune {
		stale, kept, err := archive.Stale(ix, paths, read, unread)
		if err == nil && len(stale) > 0 {
			err = ix.Remove(stale...)
		}
		if err != nil {
			return err
		}
		pruned = fmt.Sprintf(", %s removed", report.Int(len(stale)))
		if kept > 0 && !g.Quiet {
			fmt.Fprintf(s.Err, "dedupe: --prune kept %s of the inputs it could not read whole (skipped): a file cut short, unreadable or with lines that are no records hides what it still holds\n",
				report.Count(kept, "document", "documents"))
		}
	}
	if !g.Quiet {
		printer.printCounts(false)
		st := a.Stats()
		// What the add did, then what the index holds: a line each, within 100 columns, as
		// scan's summary (printSummary).
		fmt.Fprintf(s.Err, "dedupe: %s added, %s replaced, %s unchanged%s, %s skipped in %s\ndedupe: %s\n",
			report.Int(st.Added), report.Int(st.Replaced), report.Int(st.Unchanged), pruned, report.Int(problems.skipped), progress.Elapsed(), describeIndex(ix))
	}
	if r := a.Respelled(); len(r) > 0 && !g.Quiet {
		more := ""
		if len(r) > 1 {
			more = fmt.Sprintf(", and %s more", report.Int(len(r)-1))
		}
		fmt.Fprintf(s.Err, "warning: the index already held %s of the documents added, with the same text, under another name that is the same file's or no file's from here (%s as %s%s): an add from another folder, or by absolute path? The index names documents by their path as given: add and check from one folder with one spelling, and remove the names of the other add with dedupe index rm\n",
			report.Int(len(r)), report.Text(r[0].Path), report.Text(r[0].Indexed), more)
	}
	if err := mergeNew(ctx, ix, s.Err, g.Quiet); err != nil {
		return err
	}
	return opts.strictError(problems)
}

// mergeNew merges the index's new entries into its large buckets when they are due
// (index.Index.MergeNew), once what was added is reported: a crash or Ctrl-C during the merge,
// which takes longer than a night's add, then costs no report, and leaves the rest to merge
// on the next add.
func mergeNew(ctx context.Context, ix *index.Index, log io.Writer, quiet bool) error {
	start := time.Now()
	merged, err := ix.MergeNew(ctx)
	if err != nil {
		return fmt.Errorf("the documents are added; merging the new entries: %w", err)
	}
	if merged && !quiet {
		fmt.Fprintf(log, "dedupe: merged the new entries into the index in %s\n", time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// indexMode is how a command that reads documents against an index opens it.
type indexMode int

const (
	readIndex   indexMode = iota // read-only, as check
	writeIndex                   // for writing, as check --add
	createIndex                  // for writing, created when missing or empty, as index add
)

// open resolves the paths that args name (see PathOptions.paths; flagFiles are the files the
// command writes) and opens the index o.DB as mode says, creating it with the parameters of
// o's pipeline options for createIndex. It returns the paths, the index, which the caller
// closes, and the pipeline options with the index's parameters: the index decides them, and
// a parameter flag given on the command line that contradicts them is an error.
func (o *ArchiveInputOptions) open(args []string, stdin io.Reader, mode indexMode, flagFiles ...string) ([]string, *index.Index, scan.Options, error) {
	pipe := o.PipelineOptions.Options
	if err := distinctFiles(slices.Concat(flagFiles, []string{"--db", o.DB})...); err != nil {
		return nil, nil, pipe, err
	}
	paths, err := o.paths(args, stdin, pipe.Input, flagFiles...)
	if err != nil {
		return nil, nil, pipe, err
	}
	if err := archivable(paths, stdin, pipe.Input, mode); err != nil {
		return nil, nil, pipe, err
	}
	var ix *index.Index
	if mode == createIndex {
		ix, err = openOrCreate(&o.DBOptions, &pipe)
	} else {
		ix, err = o.DBOptions.open(mode == readIndex)
	}
	if err != nil {
		return nil, nil, pipe, err
	}
	if err := useIndexParams(ix, &pipe, o.given); err != nil {
		ix.Close()
		return nil, nil, pipe, err
	}
	return paths, ix, pipe, nil
}

// archivable returns an error when a command that adds documents to the index (mode) is to
// read standard input as one document: it would be archived under the name "-", which the
// next one replaces, and a document checked from standard input later counts an archived
// "-" as its own earlier version, so that a copy read so was not reported. Records of JSONL
// or SGML on standard input have names of their own ("-#id"): given by --input-format, or
// found there in auto format when stdin is a *bufio.Reader (see peekableStdin). So does a
// JSON array of objects, which Read skips with the jq command that makes records of it, as
// scan's does: refused here, it got no word of jq.
func archivable(paths []string, stdin io.Reader, in input.Options, mode indexMode) error {
	if mode == readIndex || !slices.Contains(paths, "-") || in.Format == input.FormatJSONL || in.Format == input.FormatSGML {
		return nil
	}
	if br, ok := stdin.(*bufio.Reader); ok && in.Format == input.FormatAuto && input.HoldsRecords(br) {
		return nil
	}
	return &flagError{errors.New(`standard input ("-") has no name to archive it under: save it to a file and name that, or give JSON Lines or SGML records, whose ids name them`)}
}

// peekableStdin returns stdin buffered, so that archivable can look at what it holds and the
// reading start from the beginning, when args name it; stdin as it is otherwise, so that the
// size of a file redirected there still sizes the progress bar.
func peekableStdin(stdin io.Reader, args []string) io.Reader {
	if slices.Contains(args, "-") {
		return bufio.NewReaderSize(stdin, stdinPeek)
	}
	return stdin
}

// stdinPeek is the buffer peekableStdin gives standard input: input.Read reads through one of
// this size, which it then uses as it is.
const stdinPeek = 64 << 10

// openOrCreate opens the index for writing, creating it with the parameters pipe gives if it
// does not exist or is an empty file. An index that holds no document takes them too
// (index.Index.Reset): its parameters are those of the add that brings its first documents,
// not of one that read nothing (an empty folder, as docs/ci.md's workflow adds).
func openOrCreate(o *DBOptions, pipe *scan.Options) (*index.Index, error) {
	p, err := indexParams(pipe)
	if err != nil {
		return nil, err
	}
	ix, err := index.Open(o.DB, o.indexOptions(false))
	switch {
	case errors.Is(err, fs.ErrNotExist) || errors.Is(err, index.ErrEmpty):
		ix, err = index.Create(o.DB, p, o.indexOptions(false))
	case err == nil && ix.CheckParams(p) != nil:
		err = resetEmpty(ix, p)
		if err != nil {
			ix.Close()
			ix = nil
		}
	}
	return ix, o.openHint(err)
}

// resetEmpty gives ix the parameters p when it holds no document.
func resetEmpty(ix *index.Index, p index.Params) error {
	n, err := ix.Len()
	if err != nil || n > 0 {
		return err
	}
	return ix.Reset(p)
}

// newAdder returns the adder of documents to ix for index add and check --add, which with -v
// reports every commit on log.
func newAdder(ix *index.Index, g GlobalOptions, log io.Writer) (*archive.Adder, error) {
	var committed func(int)
	if g.Verbose > 0 {
		committed = func(n int) { fmt.Fprintf(log, "dedupe: committed %s\n", report.Count(n, "document", "documents")) }
	}
	return archive.NewAdder(ix, addBatch, committed)
}

// reportItem writes an item's skip and warnings with p as they come, unless quiet: of each kind
// the first problemsShown, as scan prints them, p.printCounts counting the others at the end.
// An add of three files of Reuters-21578 printed all 162 of their records too short.
func reportItem(p *problemPrinter, g GlobalOptions, it scan.Item) {
	if g.Quiet {
		return
	}
	for _, wn := range it.Warnings {
		if p.shown(false, wn.Reason, 0) {
			fmt.Fprintf(p.w, "warning: %s: %s\n", location(wn.Path, wn.Line), report.Text(wn.Reason))
		}
	}
	if it.Skip != nil && p.shown(true, it.Skip.Reason, it.Skip.Count) {
		fmt.Fprintf(p.w, "skipped %s: %s\n", location(it.Skip.Path, it.Skip.Line), report.Text(it.Skip.Reason))
	}
}

// describeIndex sums up the index in a few words for the last line on stderr.
func describeIndex(ix *index.Index) string {
	n, err := ix.Len()
	if err != nil {
		return report.Text(err.Error())
	}
	size := "size unknown"
	if fi, err := os.Stat(ix.Path()); err == nil {
		size = ui.Bytes(fi.Size())
	}
	return fmt.Sprintf(`index "%s" holds %s (%s)`, report.Text(ix.Path()), report.Count(n, "document", "documents"), size)
}

// fileSize returns the size of file, 0 when it cannot be read.
func fileSize(file string) int64 {
	fi, err := os.Stat(file)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// printIndex writes "dedupe: what; index ... holds ..." to stderr, opening the index again to
// count its documents.
func printIndex(s streams, opts DBOptions, what string) error {
	ix, err := opts.open(true)
	if err != nil {
		return err
	}
	defer ix.Close()
	fmt.Fprintf(s.Err, "dedupe: %s; %s\n", what, describeIndex(ix))
	return nil
}
