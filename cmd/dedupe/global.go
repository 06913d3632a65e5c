package main

import (
	"os"

	"github.com/spf13/pflag"
	"golang.org/x/term"
)

// GlobalOptions are the flags every command takes.
type GlobalOptions struct {
	JSON    bool // errors on stderr as JSON
	Quiet   bool // no progress and no warnings on stderr
	Verbose int  // more detail on stderr
	// CPUProfile, when set, names a file for a pprof CPU profile of the command.
	CPUProfile string
	// stopProfile ends the CPU profile; run calls it after the command, whatever its outcome.
	stopProfile func()
}

// AddFlags adds the global flags to fs.
func (g *GlobalOptions) AddFlags(fs *pflag.FlagSet) {
	fs.BoolVar(&g.JSON, "json", false, "print the final error on stderr as JSON")
	fs.BoolVarP(&g.Quiet, "quiet", "q", false, "print no progress and no warnings on stderr")
	fs.CountVarP(&g.Verbose, "verbose", "v", "print more detail on stderr (repeat for more)")
	fs.StringVar(&g.CPUProfile, "cpuprofile", "", "write a CPU profile to `file` (for go tool pprof)")
	_ = fs.MarkHidden("cpuprofile")
}

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }
