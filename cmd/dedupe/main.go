// Command dedupe finds wire copy and its rewrites in news archives.
//
// See README.md for an introduction and `dedupe help` for the commands.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/dedupe-dev/dedupe/internal/gcpace"
	"github.com/dedupe-dev/dedupe/internal/report"
)

// exitCode is the process exit status; the values are a documented, stable contract.
type exitCode int

const (
	exitOK          exitCode = 0   // success, including scans that found duplicates
	exitDuplicates  exitCode = 1   // duplicates found and the user asked to fail on them
	exitError       exitCode = 2   // usage error, I/O error, corrupt index, or --strict with skipped inputs
	exitInterrupted exitCode = 130 // SIGINT or SIGTERM
)

// exitStatusHelp ends every command's long help.
const exitStatusHelp = `

EXIT STATUS
  0    success (duplicates found are not a failure unless asked for; compare's verdict is
       in its output, whatever it is)
  1    duplicates found, with --fail-on-duplicates (scan) or always (check)
  2    usage error, I/O error, corrupt index, no document read (scan, passages, extract), or
       with --strict inputs skipped or read with a warning
  130  interrupted, also while the results were being written
  141  killed by SIGPIPE: the reader of standard output stopped early (| head)`

func main() {
	if os.Getenv("GOGC") == "" {
		// A scan or an index keeps a compact sketch of every document until it ends, and makes
		// little garbage beside them (analysis buffers are reused). Collecting when the heap has
		// grown by a quarter instead of doubled keeps the peak near the live data, which decides
		// whether a million documents fit in a few gigabytes, for a few percent more CPU. While
		// less than 64 MiB is live, the runtime's pace costs little memory and spares the
		// collector the garbage of HTML pages: see gcpace.
		gcpace.Start(100, 25, 64<<20)
	}
	os.Exit(int(run(os.Args[1:], streams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, ErrTTY: isTerminal(os.Stderr)})))
}

// streams are the command's standard streams, injected so tests can capture them.
type streams struct {
	In     io.Reader
	Out    io.Writer
	Err    io.Writer
	ErrTTY bool // stderr is a terminal: progress bars are drawn only then
}

// run executes the command line args and returns the exit code; it prints the final error once.
func run(args []string, s streams) exitCode {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		// The first signal cancels the work, which stops within a second; stop restores the
		// default behaviour, so that a second one ends the process at once, whatever it is
		// blocked in (a read of a pipe that never ends cannot be cancelled).
		<-ctx.Done()
		stop()
	}()

	var g GlobalOptions
	root := newRootCommand(&g, s)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if g.stopProfile != nil {
		// Not in a PersistentPostRun, which cobra skips when the command fails (and check
		// "fails" with exit code 1 whenever it finds a duplicate).
		g.stopProfile()
	}
	code := exitCodeOf(ctx, err)
	switch {
	case code == exitInterrupted:
		printError(s.Err, g.errorsAsJSON(), errors.New("interrupted"), cmd)
	case err != nil && !errors.Is(err, errDuplicatesFound):
		printError(s.Err, g.errorsAsJSON(), err, cmd)
	}
	return code
}

func exitCodeOf(ctx context.Context, err error) exitCode {
	switch {
	case ctx.Err() != nil:
		// A signal that came while the results were written, which nothing waits on, is an
		// interruption all the same: a CI job cancelled then must not pass.
		return exitInterrupted
	case err == nil:
		return exitOK
	case errors.Is(err, errDuplicatesFound):
		return exitDuplicates
	default:
		return exitError
	}
}

// printError writes the final error of the command cmd (nil: the root); with --error-format
// json it is a JSON object so that tools reading stderr get the same format as stdout. A usage
// error points to the help of the command that was run.
func printError(w io.Writer, asJSON bool, err error, cmd *cobra.Command) {
	if asJSON {
		b, _ := json.Marshal(map[string]string{"error": err.Error()})
		fmt.Fprintf(w, "%s\n", b)
		return
	}
	// An error may quote a file name or --db as given, line breaks and escapes included.
	fmt.Fprintf(w, "dedupe: %s\n", report.Text(err.Error()))
	var fe *flagError
	if errors.As(err, &fe) {
		path := "dedupe"
		if cmd != nil && cmd.Name() != "help" { // help's topics are the root's commands
			path = cmd.CommandPath()
		}
		fmt.Fprintf(w, "Run '%s --help' for usage.\n", path)
	}
}

func newRootCommand(g *GlobalOptions, s streams) *cobra.Command {
	root := &cobra.Command{
		Use:   "dedupe <command> [flags]",
		Short: "Find wire copy and its rewrites in news archives",
		Long: `dedupe groups copies of news articles: verbatim reprints, light edits, paraphrases and
"spun" rewrites, and partial copies, while leaving independent coverage of the same event alone.

It shingles every article, proposes candidate pairs with MinHash and LSH, verifies each
candidate by aligning sentences, and groups verified pairs into clusters.` + exitStatusHelp,
		Example: `  $ dedupe scan testdata/seeds
  $ dedupe scan --format text archive/
  $ dedupe compare original.txt copy.txt`,
		SilenceErrors: true,
		SilenceUsage:  true,
		Args:          cobra.ArbitraryArgs,
		RunE:          runGroup,
	}
	root.SetIn(s.In)
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error { return &flagError{suggestFlag(cmd, err)} })
	root.Version = version()
	// The second line names what an index depends on, so that a CI cache of an index can be
	// keyed by it: a build from a checkout is "(devel)" whatever its code.
	root.SetVersionTemplate("dedupe {{.Version}}\n" + indexVersion() + "\n")
	root.Flags().Bool("version", false, "print the version and the revision it was built from")
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if err := g.Finalize(s.Err); err != nil {
			return err
		}
		var err error
		g.stopProfile, err = startCPUProfile(g.CPUProfile)
		return err
	}
	g.AddFlags(root.PersistentFlags())
	root.SetHelpCommand(newHelpCommand())
	root.AddCommand(
		newScanCommand(g, s),
		newCompareCommand(s),
		newIndexCommand(g, s),
		newCheckCommand(g, s),
		newPassagesCommand(g, s),
		newExtractCommand(g, s),
	)
	return root
}

// startCPUProfile starts a CPU profile into path when path is not empty and returns the function
// that stops it.
func startCPUProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
