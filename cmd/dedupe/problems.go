package main

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/dedupe-dev/dedupe/internal/report"
)

// problemsShown is how many skipped inputs of one kind, and how many warnings about inputs of
// one kind, scan, check, passages and index add print on standard error without -v; a line then counts
// the others of that kind. A collection of records is read as many inputs, and one kind of
// problem can be most of them: of the 21,578 records of Reuters-21578 about 4,900 hold a
// headline and no text, and an archive in Windows-1252 gets a warning for every file. Printed
// in full, they buried the summary. Every one is still listed in the JSON report and printed
// with -v.
const problemsShown = 5

// problemPrinter writes skipped inputs and warnings about inputs to stderr, one a line: all
// when verbose, else the first problemsShown of each kind (problemKindKey), counting the rest.
type problemPrinter struct {
	w       io.Writer
	verbose bool
	kinds   map[string]*problemKind
	over    []*problemKind // the kinds with more than problemsShown, in the order they passed it
}

// problemKind counts the problems of one kind.
type problemKind struct {
	skipped bool   // skipped inputs, not warnings
	label   string // the reason up to its first colon, quoted names shortened
	n       int    // the inputs (or warnings) of the kind, counted one by one or by an entry's Count
	entries int    // the entries that stand for them
	shown   int    // of n, those of the entries printed
	counted bool   // an entry stands for several (report.Skip.Count)
}

// newProblemPrinter returns a problemPrinter writing to w.
func newProblemPrinter(w io.Writer, verbose bool) *problemPrinter {
	return &problemPrinter{w: w, verbose: verbose, kinds: map[string]*problemKind{}}
}

// print writes the skipped inputs and the warnings of a report.
func (p *problemPrinter) print(skipped []report.Skip, warnings []report.Warning) {
	for _, sk := range skipped {
		if p.shown(true, sk.Reason, sk.Count) {
			fmt.Fprintf(p.w, "skipped %s: %s\n", location(sk.Path, sk.Line), report.Text(sk.Reason))
		}
	}
	for _, wn := range warnings {
		switch {
		case !p.shown(false, wn.Message, 0):
		case wn.Path == "": // about the run, not an input
			fmt.Fprintf(p.w, "warning: %s\n", report.Text(wn.Message))
		default:
			fmt.Fprintf(p.w, "warning: %s: %s\n", location(wn.Path, wn.Line), report.Text(wn.Message))
		}
	}
}

// shown counts a problem, an entry that stands for count of them when count is above 0, and
// reports whether to print it. The entries that count the records or the lines of a file past
// those listed are kinds of their own, whatever their first record's reason: the records they
// stand for need not all have it.
func (p *problemPrinter) shown(skipped bool, reason string, count int) bool {
	if p.verbose {
		return true
	}
	kind := reason
	if count > 0 {
		kind = countedLines
		if strings.Contains(reason, "; the first: ") {
			kind = countedRecords
		}
	}
	key := problemKindKey(kind)
	if skipped {
		key = "skipped " + key
	}
	k := p.kinds[key]
	if k == nil {
		k = &problemKind{skipped: skipped, label: problemLabel(kind)}
		p.kinds[key] = k
	}
	k.n += max(count, 1)
	k.counted = k.counted || count > 0
	if k.entries++; k.entries == problemsShown+1 {
		p.over = append(p.over, k)
	}
	if k.entries > problemsShown {
		return false
	}
	k.shown += max(count, 1)
	return true
}

// countedLines and countedRecords are the kinds of the entries that count the lines of a file
// that the input could not read, and its records too short or empty, past the first 1,000 it
// lists (input.Skip.Count, input.SkipBound).
const (
	countedLines   = "lines past the first 1,000 of a file that could not be read"
	countedRecords = "records too short or empty past the first 1,000 of a file"
)

// printCounts writes a line for each kind of problem with more entries than were printed,
// counting the inputs they stand for, and saying whether the report lists them (listed).
func (p *problemPrinter) printCounts(listed bool) {
	for _, k := range p.over {
		prefix, list := "warning:", "warnings"
		if k.skipped {
			prefix, list = "skipped", "skipped"
		}
		where := "-v prints every one"
		if k.counted {
			where = "-v prints every entry, each counting a file's"
		}
		if listed {
			where = fmt.Sprintf("listed under %q in the report; %s", list, where)
		}
		fmt.Fprintf(p.w, "%s %s: %s (%s)\n", prefix, report.Count(k.n-k.shown, "more input", "more inputs"), report.Text(k.label), where)
	}
}

var (
	quotedName = regexp.MustCompile(`"[^"]*"`)
	figures    = regexp.MustCompile(`[0-9]+`)
)

// problemLabel names the kind of a problem by its reason: the reason up to its first colon,
// with names in quotation marks shortened to "…" ("too short: 27 words, --min-words is 30" is
// "too short", `name "a7" already used in this file: renamed "a7~2"` is `name "…" already used
// in this file`).
func problemLabel(reason string) string {
	// The fields a record lacks are what a mistyped --text-field shows: kept whole, up to the
	// fields the record has, which vary.
	if strings.HasPrefix(reason, "no text field (tried ") {
		if i := strings.Index(reason, ")"); i > 0 {
			return reason[:i+1]
		}
	}
	// Names first, so that a colon inside one ("2019-01-01T05:00") does not end the label.
	reason = quotedName.ReplaceAllString(reason, `"…"`)
	if i := strings.IndexByte(reason, ':'); i > 0 {
		reason = reason[:i]
	}
	return reason
}

// problemKindKey is problemLabel with its figures left out too, so that problems alike but for
// a count are one kind.
func problemKindKey(reason string) string {
	return figures.ReplaceAllString(problemLabel(reason), "#")
}
