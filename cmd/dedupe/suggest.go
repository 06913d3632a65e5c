package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// suggestFlag adds to an unknown-flag error of cmd the flags of cmd that the user may have
// meant (see suggest), as cobra suggests commands. Other errors are returned unchanged.
func suggestFlag(cmd *cobra.Command, err error) error {
	name, ok := strings.CutPrefix(err.Error(), "unknown flag: --")
	if !ok || name == "" {
		return err
	}
	var names []string
	visit := func(f *pflag.Flag) {
		if !f.Hidden && f.Deprecated == "" && !slices.Contains(names, f.Name) {
			names = append(names, f.Name)
		}
	}
	cmd.Flags().VisitAll(visit)
	cmd.InheritedFlags().VisitAll(visit)
	return withSuggestions(err, "--", suggest(name, names))
}

// runGroup runs a command that only groups others (dedupe, dedupe index): alone it prints its
// help; with an argument, which is no subcommand of it, it names the subcommands the user
// may have meant. Cobra would print the help and exit with 0 for "dedupe index ad", and
// break its suggestion for "dedupe scna" over several lines.
func runGroup(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return cmd.Help()
	}
	var names []string
	for _, sub := range cmd.Commands() {
		if sub.IsAvailableCommand() {
			names = append(names, sub.Name())
		}
	}
	err := fmt.Errorf("unknown command %q for %q", args[0], cmd.CommandPath())
	return &flagError{withSuggestions(err, "", suggest(args[0], names))}
}

// newHelpCommand is "dedupe help [command]": cobra's, but for a topic that names no command,
// which is an error with suggestions (exit 2), as "dedupe scna" is; cobra's printed the
// root's help and exited 0.
func newHelpCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		Long:  "Help prints the help of any command: dedupe help index add.",
		RunE: func(c *cobra.Command, args []string) error {
			cmd, rest, err := c.Root().Find(args)
			switch {
			case err != nil:
				return &flagError{err}
			case len(rest) > 0:
				return runGroup(cmd, rest)
			}
			return cmd.Help()
		},
	}
}

// suggest returns the names that typed may have meant: those it begins, or else those within
// two edits of it.
func suggest(typed string, names []string) []string {
	var prefixed, near []string
	for _, n := range names {
		switch {
		case strings.HasPrefix(n, typed):
			prefixed = append(prefixed, n)
		case editDistance(typed, n) <= 2:
			near = append(near, n)
		}
	}
	if len(prefixed) > 0 {
		return prefixed
	}
	return near
}

// withSuggestions adds "(did you mean --a or --b?)" to err, each name after prefix; err when
// there are none.
func withSuggestions(err error, prefix string, names []string) error {
	if len(names) == 0 {
		return err
	}
	return fmt.Errorf("%w (did you mean %s%s?)", err, prefix, strings.Join(names, " or "+prefix))
}

// editDistance returns the Levenshtein distance of a and b, in bytes: names are ASCII.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
