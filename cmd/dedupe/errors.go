package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dedupe-dev/dedupe/internal/report"
)

// errDuplicatesFound makes the command exit with exitDuplicates; it is not printed.
var errDuplicatesFound = errors.New("duplicates found")

// flagError is a command-line usage error: the only kind after which the usage hint is shown.
type flagError struct{ err error }

func (e *flagError) Error() string { return e.err.Error() }
func (e *flagError) Unwrap() error { return e.err }

// exactArgs is cobra.ExactArgs(n) for a command whose arguments are what (".. two documents,
// a and b"), as a usage error: cobra's reads "accepts 2 arg(s), received 1" and points to no
// help.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return &flagError{fmt.Errorf("%s takes %s: got %s", commandName(cmd), what, argCount(len(args)))}
		}
		return nil
	}
}

// minimumArgs is cobra.MinimumNArgs(1) for a command whose arguments are what ("the ids to
// remove"), as a usage error.
func minimumArgs(what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return &flagError{fmt.Errorf("%s takes %s: got none", commandName(cmd), what)}
		}
		return nil
	}
}

// noArgs is cobra.NoArgs as a usage error that says so: cobra's reads `unknown command "x" for
// "dedupe index stats"`, as if the command had subcommands. The argument is most likely the
// index file, which --db names.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	hint := ""
	if cmd.Flags().Lookup("db") != nil {
		hint = " (name the index file with --db)"
	}
	return &flagError{fmt.Errorf("%s takes no arguments: got %q%s", commandName(cmd), args[0], hint)}
}

// commandName is cmd's path below the root, as a message after "dedupe: " names it: "index rm".
func commandName(cmd *cobra.Command) string {
	return strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" ")
}

// argCount says how many arguments were given: "none", "1 argument", "3 arguments".
func argCount(n int) string {
	if n == 0 {
		return "none"
	}
	return report.Count(n, "argument", "arguments")
}

// keptMessage says what an index keeps of an add that err stopped, n documents committed: "the
// index keeps the 1000 documents committed before this error", or "before the interruption"
// when the run was interrupted, where the error printed next is "interrupted" and no other.
func keptMessage(n int, err error) string {
	when := "this error"
	if errors.Is(err, context.Canceled) {
		when = "the interruption"
	}
	return fmt.Sprintf("dedupe: the index keeps the %s committed before %s", report.Count(n, "document", "documents"), when)
}
