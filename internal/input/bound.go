package input

import (
	"fmt"
	"strings"
)

// MaxRecordSkips is how many records of one file a caller of Read lists one by one among the
// skips when it leaves them out itself, as too short to use (see SkipBound); the input lists
// as many of the lines it cannot read (see Skip.Count).
const MaxRecordSkips = 1000

// SkipBound bounds the records of one file that a caller of Read skips itself: it lists the
// first MaxRecordSkips and counts the others in one skip, by the first of them. Three million
// records of four words, 375 kB of gzip, made three million skips too short to compare: 4.4 GB
// of memory and a report of 887 MB. The documents and skips of one file come one after the
// other, in input order, so a bound need only know the file of each (Document.File; a Skip of
// the input's own names its file as Path). The zero SkipBound is ready to use.
type SkipBound struct {
	file   string
	listed int      // the current file's records listed
	more   *Skip    // the first of them not listed, Count their number
	warned int      // of those not listed, the records with warnings
	notes  []string // of their warnings, those that speak of later records (renamesNotListed)
}

// Next tells b that the next document or skip comes from file ("" when unknown: every such
// one starts a file of its own), and returns the skip that counts the records of the file before
// not listed, or nil when there is none.
func (b *SkipBound) Next(file string) *Skip {
	if file == b.file && file != "" {
		return nil
	}
	more := b.Flush()
	b.file = file
	return more
}

// Take reports whether skip s, of a record of the current file with the given warnings, is
// listed; if it is not, b counts it, and its warnings are not listed either: they are about a
// record left out, and a warning that every record of a file has (a date that cannot be read,
// text decoded as Windows-1252) would list as many again. A warning that says later renamed
// records are not listed is about more than its record: the skip that counts it says it.
func (b *SkipBound) Take(s Skip, warnings []Skip) bool {
	if b.listed < MaxRecordSkips {
		b.listed++
		return true
	}
	if b.more == nil {
		b.more = &s
	}
	b.more.Count++
	if len(warnings) > 0 {
		b.warned++
	}
	for _, w := range warnings {
		if strings.Contains(w.Reason, renamesNotListed) {
			b.notes = append(b.notes, fmt.Sprintf("line %d: %s", w.Line, w.Reason))
		}
	}
	return false
}

// Cut returns the skip that counts the records of the current file not listed so far, or nil
// when there is none; the records not listed after it are counted in another. A caller cuts
// the count before it hands on a skip of the input's own in the same file (a line that is no
// record, the file cut short), so that the skips stay in the order of their lines.
func (b *SkipBound) Cut() *Skip {
	more, warned, notes := b.more, b.warned, b.notes
	b.more, b.warned, b.notes = nil, 0, nil
	if more != nil {
		warnings := ""
		if warned > 0 {
			warnings = fmt.Sprintf(", nor the warnings of the %d of them that have some", warned)
		}
		records := "records"
		if more.Count == 1 {
			records = "record"
		}
		more.Reason = fmt.Sprintf("%d more %s skipped from here on, not listed one by one (the %d before are)%s; the first: %s",
			more.Count, records, MaxRecordSkips, warnings, more.Reason)
		for _, n := range notes {
			more.Reason += "; " + n
		}
	}
	return more
}

// Flush returns the skip that counts the records of the current file not listed, or nil when
// there is none (see Cut), and starts another file.
func (b *SkipBound) Flush() *Skip {
	more := b.Cut()
	*b = SkipBound{}
	return more
}
