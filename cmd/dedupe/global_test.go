package main

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/dedupe-dev/dedupe/internal/index"
	"github.com/dedupe-dev/dedupe/internal/normalize"
)

// TestVersion checks --version and the description of a build (issue 17, item 2).
func TestVersion(t *testing.T) {
	code, out, errOut := dedupe(t, "--version")
	if want := "dedupe " + version() + "\nindex format " + strconv.Itoa(index.FormatVersion) + ", normalizer " + strconv.Itoa(normalize.Version) + "\n"; code != exitOK || out != want || errOut != "" {
		t.Errorf("--version: exit %d, stdout %q, stderr %q; want 0 and %q", code, out, errOut, want)
	}
	tests := []struct {
		info debug.BuildInfo
		want string
	}{
		{debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.0"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-12-04T11:30:00Z"}, {Key: "vcs.modified", Value: "false"}}},
			"v1.2.0 (revision 0123456789ab, 2026-12-04T11:30:00Z; go1.26.0)"},
		{debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "abc"}, {Key: "vcs.modified", Value: "true"}}},
			"(devel) (revision abc, modified; go1.26.0)"},
		{debug.BuildInfo{GoVersion: "go1.26.0"}, "(devel) (go1.26.0)"},
	}
	for _, tt := range tests {
		if got := describeBuild(&tt.info); got != tt.want {
			t.Errorf("describeBuild(%+v) = %q; want %q", tt.info, got, tt.want)
		}
	}
}

// TestErrorFormat checks --error-format and its deprecated spelling --json, which says so, and
// the usage errors of the global flags.
func TestErrorFormat(t *testing.T) {
	const jsonErr = `{"error":"open \"nonexistent\": no such file or directory"}` + "\n"
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"scan", "nonexistent"}, `dedupe: open "nonexistent": no such file or directory` + "\n"},
		{[]string{"--error-format", "json", "scan", "nonexistent"}, jsonErr},
		{[]string{"scan", "--error-format", "json", "nonexistent"}, jsonErr},
		{[]string{"--json", "scan", "nonexistent"}, `dedupe: --json is deprecated: it means "print the final error as JSON"; use --error-format json` + "\n" + jsonErr},
		{[]string{"--error-format", "xml", "scan", "x"}, "dedupe: invalid --error-format \"xml\": valid values are text, json\nRun 'dedupe scan --help' for usage.\n"},
		{[]string{"--error-format", "json", "scan", "--fromat", "x"}, `{"error":"unknown flag: --fromat (did you mean --format?)"}` + "\n"},
		// Quiet won over -v, silently.
		{[]string{"scan", "-q", "-v", "x"}, "dedupe: -q (--quiet) and -v (--verbose) ask for less and more on stderr: give one\nRun 'dedupe scan --help' for usage.\n"},
		{[]string{"index", "add", "-v", "--db", "x.db", "--quiet", "x"}, "dedupe: -q (--quiet) and -v (--verbose) ask for less and more on stderr: give one\nRun 'dedupe index add --help' for usage.\n"},
	}
	for _, tt := range tests {
		if code, out, errOut := dedupe(t, tt.args...); code != exitError || out != "" || errOut != tt.want {
			t.Errorf("dedupe %q: exit %d, stdout %q, stderr %q; want %d, nothing, %q", tt.args, code, out, errOut, exitError, tt.want)
		}
	}
}

// TestFlagSuggestions checks that a misspelt flag gets the flags of the command it was
// meant for, and a misspelt command (or help topic) the commands, on one line, with exit
// status 2.
func TestFlagSuggestions(t *testing.T) {
	tests := []struct {
		args []string
		cmd  string // the command whose help the error points to
		want string
	}{
		{[]string{"scan", "--fromat", "json", "x"}, "dedupe scan", "unknown flag: --fromat (did you mean --format?)"},
		{[]string{"compare", "--formt", "json", "a", "b"}, "dedupe compare", "unknown flag: --formt (did you mean --format?)"},
		{[]string{"scan", "--singleton", "x"}, "dedupe scan", "unknown flag: --singleton (did you mean --singletons?)"},
		{[]string{"scan", "--qiet", "x"}, "dedupe scan", "unknown flag: --qiet (did you mean --quiet?)"},
		{[]string{"index", "add", "--bd", "a.db", "x"}, "dedupe index add", "unknown flag: --bd (did you mean --db?)"},
		{[]string{"scan", "--zzzzzzz", "x"}, "dedupe scan", "unknown flag: --zzzzzzz"},
		{[]string{"scan", "--max-l", "x"}, "dedupe scan", "unknown flag: --max-l (did you mean --max-line-bytes or --max-lines?)"},
		{[]string{"scna", "x"}, "dedupe", `unknown command "scna" for "dedupe" (did you mean scan?)`},
		{[]string{"index", "ad", "x"}, "dedupe index", `unknown command "ad" for "dedupe index" (did you mean add?)`},
		{[]string{"index", "compcat"}, "dedupe index", `unknown command "compcat" for "dedupe index" (did you mean compact?)`},
		{[]string{"frobnicate"}, "dedupe", `unknown command "frobnicate" for "dedupe"`},
		// A help topic that names no command (cobra's help printed the root's, exit 0).
		{[]string{"help", "scna"}, "dedupe", `unknown command "scna" for "dedupe" (did you mean scan?)`},
		{[]string{"help", "index", "ad"}, "dedupe", `unknown command "ad" for "dedupe index" (did you mean add?)`},
	}
	for _, tt := range tests {
		code, out, errOut := dedupe(t, tt.args...)
		if want := "dedupe: " + tt.want + "\nRun '" + tt.cmd + " --help' for usage.\n"; code != exitError || out != "" || errOut != want {
			t.Errorf("dedupe %q: exit %d, stderr %q; want %d and %q", tt.args, code, errOut, exitError, want)
		}
	}
	for _, tt := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"fromat", "format", 2}, {"format", "format", 0}, {"db", "bd", 2}, {"", "abc", 3}, {"kitten", "sitting", 3}} {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d; want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestExitCodeOf: a signal (a cancelled context) makes the exit status 130 whatever the command
// returned, also when it came while the results were written and the command then succeeded.
func TestExitCodeOf(t *testing.T) {
	live := context.Background()
	cancelled, cancel := context.WithCancel(live)
	cancel()
	for _, tt := range []struct {
		ctx  context.Context
		err  error
		want exitCode
	}{
		{live, nil, exitOK},
		{live, errDuplicatesFound, exitDuplicates},
		{live, errors.New("x"), exitError},
		{cancelled, nil, exitInterrupted},
		{cancelled, errDuplicatesFound, exitInterrupted},
		{cancelled, context.Canceled, exitInterrupted},
	} {
		if got := exitCodeOf(tt.ctx, tt.err); got != tt.want {
			t.Errorf("exitCodeOf(cancelled %v, %v) = %d; want %d", tt.ctx.Err() != nil, tt.err, got, tt.want)
		}
	}
}

// TestRound4: figures are rounded to four decimals, and a small negative one is 0, not -0,
// which JSON writes as "-0".
func TestRound4(t *testing.T) {
	for x, want := range map[float64]string{0.123456: "0.1235", -0.00001: "0", -0.5: "-0.5", 0: "0"} {
		if got := strconv.FormatFloat(round4(x), 'g', -1, 64); got != want {
			t.Errorf("round4(%v) = %s; want %s", x, got, want)
		}
	}
}

// TestArgCountErrors checks that a wrong number of arguments is a usage error that says what
// the command takes and points to its help, with exit status 2: cobra's said "accepts 2
// arg(s), received 1" without the hint, and of an argument to index stats `unknown command`.
func TestArgCountErrors(t *testing.T) {
	tests := []struct {
		args []string
		cmd  string
		want string
	}{
		{[]string{"compare", "a"}, "dedupe compare", "compare takes two documents, a and b: got 1 argument"},
		{[]string{"compare", "a", "b", "c"}, "dedupe compare", "compare takes two documents, a and b: got 3 arguments"},
		{[]string{"index", "rm", "--db", "x.db"}, "dedupe index rm", "index rm takes the ids of the documents to remove: got none"},
		{[]string{"index", "stats", "x.db"}, "dedupe index stats", `index stats takes no arguments: got "x.db" (name the index file with --db)`},
		{[]string{"index", "check", "--db", "x.db", "y"}, "dedupe index check", `index check takes no arguments: got "y" (name the index file with --db)`},
		{[]string{"index", "compact", "--db", "x.db", "y"}, "dedupe index compact", `index compact takes no arguments: got "y" (name the index file with --db)`},
	}
	for _, tt := range tests {
		code, out, errOut := dedupe(t, tt.args...)
		if want := "dedupe: " + tt.want + "\nRun '" + tt.cmd + " --help' for usage.\n"; code != exitError || out != "" || errOut != want {
			t.Errorf("dedupe %q: exit %d, stderr %q; want %d and %q", tt.args, code, errOut, exitError, want)
		}
	}
}

// TestHelpWidth: every command's description fits a terminal of 100 columns, as its help
// prints it. Paragraphs edited over time had lines of up to 160 characters, which such a
// terminal broke in the middle of words.
func TestHelpWidth(t *testing.T) {
	var g GlobalOptions
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for line := range strings.Lines(c.Long) {
			if n := utf8.RuneCountInString(strings.TrimRight(line, "\n")); n > 100 {
				t.Errorf("%s: a line of its help is %d characters wide, more than 100: %q", c.CommandPath(), n, line)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRootCommand(&g, streams{}))
}

// TestFlagHelp: -v has one level, so its help does not offer more for -vv, as it did
// ("repeat for more"); --keep's reads "by rule: ...", where it read "to keep: rule
// representative, earliest, longest".
func TestFlagHelp(t *testing.T) {
	for _, tt := range []struct{ cmd, want string }{
		{"", "-v, --verbose count         print more detail on stderr: every skipped input and warning, the time of each stage\n"},
		{"scan", "--keep rule                     the member of each cluster to keep, by rule: representative, earliest, longest (see docs/actions.md) (default \"earliest\")\n"},
	} {
		_, help, _ := dedupe(t, strings.Fields(tt.cmd+" --help")...)
		if !strings.Contains(help, tt.want) {
			t.Errorf("dedupe %s --help lacks %q:\n%s", tt.cmd, tt.want, help)
		}
	}
}

// TestKeptMessage: an add stopped by an error or by an interruption says which, since the
// error printed after it is "interrupted" alone when it was one.
func TestKeptMessage(t *testing.T) {
	for _, tt := range []struct {
		n    int
		err  error
		want string
	}{
		{1000, errors.New("disk full"), "dedupe: the index keeps the 1,000 documents committed before this error"},
		{1, fmt.Errorf("reading: %w", context.Canceled), "dedupe: the index keeps the 1 document committed before the interruption"},
	} {
		if got := keptMessage(tt.n, tt.err); got != tt.want {
			t.Errorf("keptMessage(%d, %v) = %q; want %q", tt.n, tt.err, got, tt.want)
		}
	}
}
