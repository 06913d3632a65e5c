package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"
	"golang.org/x/term"
)

// GlobalOptions are the flags every command takes.
type GlobalOptions struct {
	// ErrorFormat is how the final error is printed on stderr: "text" or "json".
	ErrorFormat string
	// jsonAlias is --json, the deprecated spelling of --error-format json.
	jsonAlias bool
	Quiet     bool // no progress and no warnings on stderr
	Verbose   int  // more detail on stderr
	// CPUProfile, when set, names a file for a pprof CPU profile of the command.
	CPUProfile string
	// stopProfile ends the CPU profile; run calls it after the command, whatever its outcome.
	stopProfile func()
}

// AddFlags adds the global flags to fs.
func (g *GlobalOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&g.ErrorFormat, "error-format", "text", "print the final error on stderr as `format`: text or json")
	// Hidden rather than pflag's MarkDeprecated, whose note goes to os.Stderr, not the
	// command's stderr: Finalize writes it.
	fs.BoolVar(&g.jsonAlias, "json", false, "deprecated: use --error-format json")
	_ = fs.MarkHidden("json")
	fs.BoolVarP(&g.Quiet, "quiet", "q", false, "print no progress and no warnings on stderr")
	fs.CountVarP(&g.Verbose, "verbose", "v", "print more detail on stderr: every skipped input and warning, the time of each stage")
	fs.StringVar(&g.CPUProfile, "cpuprofile", "", "write a CPU profile to `file` (for go tool pprof)")
	_ = fs.MarkHidden("cpuprofile")
}

// Finalize checks the global flags and writes the note that --json is deprecated to log.
func (g *GlobalOptions) Finalize(log io.Writer) error {
	if g.jsonAlias {
		fmt.Fprintln(log, `dedupe: --json is deprecated: it means "print the final error as JSON"; use --error-format json`)
	}
	if g.Quiet && g.Verbose > 0 {
		// Quiet won silently: a user asking for detail got nothing, not even a word of why.
		return &flagError{errors.New("-q (--quiet) and -v (--verbose) ask for less and more on stderr: give one")}
	}
	return enumFlag("--error-format", g.ErrorFormat, "text", "json")
}

// errorsAsJSON reports whether the final error is printed as JSON. It holds before Finalize,
// for errors in the flags themselves.
func (g *GlobalOptions) errorsAsJSON() bool { return g.ErrorFormat == "json" || g.jsonAlias }

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }
