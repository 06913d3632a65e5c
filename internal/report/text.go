package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode"
	"unicode/utf8"
)

// Text returns s, a name or a text from the input, escaped for dedupe's text output, so that
// nothing a file name, a JSON lines id or an article holds can break a line, move the
// cursor, recolour a terminal or pass for a GitHub Actions workflow command in a CI log. It
// is the one escaper of every text writer: scan's and check's text reports, compare, and
// the names and messages on standard error. It extends the "\xHH" of input.EscapeName, which
// makes names exact in JSON, to what a terminal or a log acts on; hex digits are lower-case:
//
//   - the C0 controls and DEL, line feed and tab included: \x00 to \x1f, \x7f (a line feed
//     is \x0a, an ESC \x1b)
//   - the C1 controls, U+2028, U+2029 and the bidirectional controls (U+061C, U+200E,
//     U+200F, U+202A to U+202E, U+2066 to U+2069), which break or reorder a line: \u0085,
//     \u2028, \u202e and so on
//   - a byte that is not part of valid UTF-8: \xff, as input.EscapeName writes it
//   - the first colon of a leading "::" (after any spaces, which GitHub's runner trims), read
//     as a workflow command at the start of a line: \x3a; and the "[" of "##[", the older
//     form, read anywhere in a line: \x5b
//   - a backslash before "u" and four hex digits: \x5c
//
// Everything else, letters of every script and backslashes in Windows paths included, is
// kept. Go's short escapes (\n, \t) are not used, so that "C:\news" stays as it is.
//
// Names reach Text in the form input.EscapeName gives them, where "\x" and two hex digits
// already stand for a byte of the file name and a backslash that started such a sequence is
// already "\x5c". Text keeps "\xHH" as it is, so a name is escaped once, by one rule: read
// every escape back and you have the raw name. A text that is not a name may hold a literal
// "\x1b"; compare puts article text in the names' form first (input.EscapeName) to keep it
// apart from an escaped ESC.
//
// Nearly every string needs none of this and is returned as it is.
func Text(s string) string {
	lead := len(s) - len(strings.TrimLeftFunc(s, unicode.IsSpace))
	if !strings.HasPrefix(s[lead:], "::") {
		lead = -1
	}
	var b strings.Builder
	done := 0 // s[:done] is in b
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if esc := textEscape(s, i, r, size, lead); esc != "" {
			if done == 0 {
				b.Grow(len(s) + 8)
			}
			b.WriteString(s[done:i])
			b.WriteString(esc)
			done = i + size
		}
		i += size
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// textEscape returns the escape of rune r, size bytes at s[i:], or "" to keep it; lead is the
// index of a leading "::", or -1.
func textEscape(s string, i int, r rune, size, lead int) string {
	switch {
	case r == utf8.RuneError && size == 1:
		return fmt.Sprintf(`\x%02x`, s[i])
	case r < 0x20 || r == 0x7f:
		return fmt.Sprintf(`\x%02x`, r)
	case 0x80 <= r && r < 0xa0, r == '\u2028', r == '\u2029', isBidiControl(r):
		return fmt.Sprintf(`\u%04x`, r)
	case r == '\\' && startsUnicodeEscape(s[i+1:]):
		return `\x5c`
	case i == lead:
		return `\x3a`
	case r == '[' && i >= 2 && s[i-2:i] == "##":
		return `\x5b`
	}
	return ""
}

// isBidiControl reports whether r is one of the explicit bidirectional formatting characters,
// which make a terminal or a browser show a line in another order than it is written.
func isBidiControl(r rune) bool {
	return r == '\u061c' || r == '\u200e' || r == '\u200f' ||
		'\u202a' <= r && r <= '\u202e' || '\u2066' <= r && r <= '\u2069'
}

// startsUnicodeEscape reports whether s, which follows a backslash, continues it into "\u" and
// four hex digits, the one escape Text writes that a name's own form (input.EscapeName) does
// not already keep apart.
func startsUnicodeEscape(s string) bool {
	if len(s) < 5 || s[0] != 'u' {
		return false
	}
	_, err := strconv.ParseUint(s[1:5], 16, 16)
	return err == nil
}

// LeftOut returns what a summary says, after the candidate pairs, of the pairs left out
// before verification: ", 24,015 below the candidate floor left out, 12 of one series left
// out", or "" when none was.
func (s *Stats) LeftOut() string {
	var b strings.Builder
	if s.BelowFloorPairs > 0 {
		fmt.Fprintf(&b, ", %s below the candidate floor left out", Int(s.BelowFloorPairs))
	}
	if s.SeriesPairs > 0 {
		fmt.Fprintf(&b, ", %s of one series left out", Int(s.SeriesPairs))
	}
	return b.String()
}

// WriteText writes a summary for people, names, titles and reasons escaped by Text. Each
// cluster lists its members, the representative first, with their date and title when the
// input gave them, and each other member's closest relation in the cluster as the JSON pairs
// have it (see [Cluster.Closest]), naming the other member when it is not the representative.
func WriteText(w io.Writer, rep *Report) error {
	var b strings.Builder
	s := rep.Stats
	fmt.Fprintf(&b, "%s scanned, %s skipped: %s in %s (%s%s, %s verified)\n",
		Count(s.Documents, "document", "documents"), Int(s.Skipped), Int(s.ClusteredDocs),
		Count(s.Clusters, "cluster", "clusters"), Count(s.CandidatePairs, "candidate pair", "candidate pairs"), s.LeftOut(), Int(s.VerifiedPairs))
	for i := range rep.Clusters {
		writeClusterText(&b, &rep.Clusters[i])
	}
	if len(rep.Links) > 0 {
		fmt.Fprintf(&b, "\n%s across clusters:\n", Count(len(rep.Links), "link", "links"))
		for _, p := range rep.Links {
			fmt.Fprintf(&b, "  %s ~ %s: %s, score %.2f\n", Text(p.A), Text(p.B), p.Relation, p.Score)
		}
	}
	WriteProblemsText(&b, rep.Skipped, rep.Warnings)
	_, err := io.WriteString(w, b.String())
	return err
}

// writeClusterText writes one cluster of a text report: a heading, then a member a line, in
// columns: path, date and title (each only when a member has one), words, relation.
func writeClusterText(b *strings.Builder, c *Cluster) {
	switch c.RepresentativeRule {
	case "only_member": // --singletons
		fmt.Fprintf(b, "\ncluster %d: 1 document, a copy of none\n", c.ID)
	default:
		fmt.Fprintf(b, "\ncluster %d: %s, representative %s (the member the others align to)\n", c.ID, Count(c.Size, "document", "documents"), Text(c.Representative))
	}
	var dated, titled bool
	for _, m := range c.Members {
		dated = dated || m.Date != ""
		titled = titled || m.Title != ""
	}
	members := slices.Clone(c.Members)
	// The representative first, the others as the cluster has them: stable, so the order is
	// the JSON's.
	slices.SortStableFunc(members, func(x, y Member) int {
		return cmp.Compare(boolRank(x.Path != c.Representative), boolRank(y.Path != c.Representative))
	})
	tw := tabwriter.NewWriter(b, 0, 4, 2, ' ', 0)
	for _, m := range members {
		cells := []string{"  " + Text(m.Path)}
		if dated {
			cells = append(cells, Text(ShortDate(m.Date)))
		}
		if titled {
			cells = append(cells, textTitle(m.Title))
		}
		cells = append(cells, Count(m.Words, "word", "words"))
		switch p, other, ok := c.Closest(m.Path); {
		case c.Size == 1:
		case m.Path == c.Representative:
			cells = append(cells, "representative")
		case ok:
			cells = append(cells, p.Relation, fmt.Sprintf("score %.2f", p.Score), fmt.Sprintf("jaccard %.2f", p.Jaccard))
			if other != c.Representative {
				cells = append(cells, "of "+Text(other))
			}
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	tw.Flush()
}

// boolRank orders false before true.
func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// maxTitleRunes caps a title in a text report, so that one long headline does not push every
// member's figures off the screen.
const maxTitleRunes = 60

// textTitle quotes a title for a text report, cut at maxTitleRunes with an ellipsis; "" stays "".
func textTitle(title string) string {
	if title == "" {
		return ""
	}
	if utf8.RuneCountInString(title) > maxTitleRunes {
		title = string([]rune(title)[:maxTitleRunes-1]) + "…"
	}
	return "\u201c" + Text(title) + "\u201d"
}

// WriteProblemsText ends a text report with the skipped inputs and then the warnings (inputs
// read with a problem: cut at a limit, decoded from a guessed encoding; or the run's own), one
// a line with its reason, each list when there are any. dedupe check's text report ends the
// same way. The warnings were on standard error alone, which -q silences: a report that said
// nothing of a truncated file read as if every file had been read whole.
func WriteProblemsText(b *strings.Builder, skipped []Skip, warnings []Warning) {
	if len(skipped) > 0 {
		b.WriteString("\nskipped:\n")
		for _, sk := range skipped {
			writeProblemText(b, sk.Path, sk.Line, sk.Reason)
		}
	}
	if len(warnings) > 0 {
		b.WriteString("\nwarnings:\n")
		for _, wn := range warnings {
			writeProblemText(b, wn.Path, wn.Line, wn.Message)
		}
	}
}

// writeProblemText writes one line of a list of problems: "  path:line: reason", without the
// line where there is none and without the path for a problem of the run.
func writeProblemText(b *strings.Builder, path string, line int, reason string) {
	switch {
	case path == "":
		fmt.Fprintf(b, "  %s\n", Text(reason))
	case line > 0:
		fmt.Fprintf(b, "  %s:%d: %s\n", Text(path), line, Text(reason))
	default:
		fmt.Fprintf(b, "  %s: %s\n", Text(path), Text(reason))
	}
}

// Count returns n followed by one when n is 1 and by many otherwise, for summaries: "1 cluster",
// "3 clusters", "59,433 documents" (see Int). It is the one place dedupe's messages choose
// between singular and plural.
func Count[N ~int | ~int64](n N, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return Int(n) + " " + many
}

// Int writes n for people, its digits grouped in thousands by commas: "59,433", "-1,067",
// "999". Text meant to be read (the summaries on standard error, the text reports, the HTML
// pages, the progress line) writes counts so; JSON, JSON lines, CSV and TSV keep them raw, for
// programs.
func Int[N ~int | ~int64](n N) string {
	digits := strconv.FormatInt(int64(n), 10)
	sign := ""
	if n < 0 {
		sign, digits = "-", digits[1:]
	}
	var b strings.Builder
	b.WriteString(sign)
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return b.String()
}
