package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Hard-wrapped text (wire archives, e-mail, OCR'd newspaper columns) breaks its lines where the
// column ends, not where a paragraph does. Cutting a sentence at every such break turns it into
// 30-70-character fragments, which match anything that shares a few words, so the analyser
// first decides which line breaks are soft (inside a paragraph: a space) and which are hard (a
// paragraph or heading ends). The rule, in order:
//
//   - A text is hard-wrapped when it has at least minWrappedLines non-blank lines and nearly all
//     of them are short: the 95th percentile of line lengths, in bytes, is at most maxWrapWidth.
//     (A text with a paragraph per line and a list or a table among them has short lines too,
//     but also long ones.) In any other text every line break is hard, as news text with a
//     paragraph per line wants.
//   - In a hard-wrapped text a break is hard after a blank line or before one, before an
//     indented line, after a line shorter than softLineShare of the width (the 80th percentile
//     of line lengths: the last line of a paragraph is short), on either side of a line in
//     capitals (a headline; not in a text all in capitals, see capitalsText), and after a line
//     in title case that follows a hard break or a sentence's end (a heading; see
//     [isTitleCase]). Every other break is soft, and so is a break inside a word hyphenated
//     across it, whatever the lines around it.
//
// A word hyphenated across a soft break ("Ma-\njor") is one word; see [joinsWord].
const (
	minWrappedLines = 4    // fewer lines cannot show a wrap width
	maxWrapWidth    = 100  // line length above which lines are paragraphs
	wrappedShare    = 0.95 // share of the lines that a wrapped text keeps within maxWrapWidth
	widthShare      = 0.80 // which line length is the width: most lines of a wrapped text are full
	softLineShare   = 0.6  // a line shorter than this share of the width ends its paragraph
)

// lineBreaks answers, for one text, which line breaks are soft. The zero value treats every
// break as hard.
type lineBreaks struct {
	wrapped  bool
	minFull  int  // the shortest line, in bytes, that does not end its paragraph
	capitals bool // the text is in capitals (capitalsText): a line in capitals is no headline
}

// widthHistogram counts lines by length; lengths from its last bucket up count there, since
// only whether the width is at most maxWrapWidth matters beyond it.
type widthHistogram [maxWrapWidth + 2]int32

// measureLines decides whether text is hard-wrapped and how long its full lines are. It reads
// the text once and allocates nothing; h is scratch space.
func measureLines(text string, h *widthHistogram) lineBreaks {
	*h = widthHistogram{}
	lines := 0
	for start := 0; start < len(text); {
		end := lineEnd(text, start)
		if n := end - start; !isBlank(text[start:end]) {
			h[min(n, len(h)-1)]++
			lines++
		}
		start = end + 1
	}
	if lines < minWrappedLines {
		return lineBreaks{}
	}
	if h.percentile(lines, wrappedShare) > maxWrapWidth {
		return lineBreaks{}
	}
	width := h.percentile(lines, widthShare)
	return lineBreaks{wrapped: true, minFull: int(float64(width) * softLineShare)}
}

// percentile returns the length below which share of the lines lie; lines is their number.
func (h *widthHistogram) percentile(lines int, share float64) int {
	rank := int32(float64(lines) * share)
	n, seen := 0, int32(0)
	for n < len(h)-1 {
		if seen += h[n]; seen > rank {
			break
		}
		n++
	}
	return n
}

// line is where the analyser stands in the lines of a text.
type line struct {
	breaks lineBreaks
	start  int  // offset of the current line
	first  bool // the current line follows a hard break or a sentence's end (or starts the text)
}

// next moves to the line after the break at text[i] and reports whether that break was soft.
func (l *line) next(text string, i int) bool {
	soft := l.soft(text, i)
	l.first = !soft || endsSentence(text[l.start:i])
	l.start = i + 1
	return soft
}

// endsSentence reports whether line ends with sentence punctuation, possibly followed by
// closing quotes or brackets.
func endsSentence(line string) bool {
	// By hand: strings.TrimRight builds its set of bytes on every call, and this runs at
	// every line break.
	i := len(line)
	for i > 0 && isCloser(line[i-1]) {
		i--
	}
	return i > 0 && (line[i-1] == '.' || line[i-1] == '!' || line[i-1] == '?')
}

// isCloser reports whether c is space, a tab, a closing quote or bracket, which endsSentence
// looks past.
func isCloser(c byte) bool {
	return c == ' ' || c == '\t' || c == '"' || c == '\'' || c == ')' || c == ']'
}

// lineEnd returns the offset of the first line break at or after text[i], or len(text).
func lineEnd(text string, i int) int {
	if n := strings.IndexByte(text[i:], '\n'); n >= 0 {
		return i + n
	}
	return len(text)
}

// soft reports whether the line break at text[i] (a '\n'), which ends the current line, is
// inside a paragraph.
func (l *line) soft(text string, i int) bool {
	if !l.breaks.wrapped {
		return false
	}
	// A word hyphenated across the break is one word, whatever its line: a short OCR line
	// ("infor-") or one that reads as a heading ("at the end of Novem-") cut it in two, and
	// a passage began inside it.
	if joinsWord(text, i) {
		return true
	}
	if i-l.start < l.breaks.minFull {
		return false
	}
	line := text[l.start:i]
	next := i + 1
	following := text[next:lineEnd(text, next)]
	if isBlank(line) || isBlank(following) || following[0] == ' ' || following[0] == '\t' {
		return false
	}
	if l.breaks.capitals {
		return true
	}
	return !isCapitalsLine(line) && !isCapitalsLine(following) && !(l.first && isTitleCase(line))
}

// joinsWord reports whether the line break at text[i], soft and ending its line with a hyphen
// right after a letter, splits one word ("Ma-\njor"): the next line starts with a lower-case
// letter, as the rest of a hyphenated word does and the next word of a compound rarely does
// after a break. Compounds split at their own hyphen ("long-\nterm") are joined too; their
// parts are then one term instead of two, which costs a shingle, not a sentence.
func joinsWord(text string, i int) bool {
	if i < 2 || text[i-1] != '-' || i+1 >= len(text) {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(text[:i-1])
	after, _ := decode(text, i+1)
	return isWordRune(before) && isLowerLetter(after)
}

// isBlank reports whether s holds only spaces and tabs.
func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' && s[i] != '\t' {
			return false
		}
	}
	return true
}

// isCapitalsLine reports whether a line is in capitals, as headlines of old newspapers and
// wire slugs are ("WAR IN THE BALKANS", "PERSIA SUNK"): no lower-case letter and at least two
// words of three letters or more (so that "PR(E)." or "U.S." alone on a line do not count),
// words of scripts without case (Han, Arabic, Thai ...) not counting.
func isCapitalsLine(line string) bool {
	// A lower-case letter anywhere rules the line out. Nearly every line of running text has
	// an ASCII one within its first word or two: found so, without cutting words, the test
	// of the two lines around each break of a hard-wrapped text costs little.
	for i := 0; i < len(line); i++ {
		if c := line[i]; 'a' <= c && c <= 'z' {
			return false
		}
	}
	words := 0
	for i := 0; i < len(line); {
		r, size := decode(line, i)
		if isLowerLetter(r) {
			return false
		}
		if !isWordRune(r) {
			i += size
			continue
		}
		end, _ := scanWord(line, i)
		if strings.IndexFunc(line[i:end], isLowerLetter) >= 0 {
			return false
		}
		if end-i >= 3 && !isCaseless(r) {
			words++
		}
		i = end
	}
	return words >= 2
}

// isTitleCase reports whether a line reads as a heading in title case: it does not end as a
// clause does (with , ; . ! ? a quote or a word in lower case), it has at least three words of
// four letters or more in a script with case and all of them are capitalised ("Steve
// Witkoff's 19-Point Proposal Faces Major Obstacles").
// Wrapped lines of prose can look so too ("Secretary of State Marco Rubio"), which is why only
// a line that starts a paragraph or follows a sentence's end is taken for a heading.
func isTitleCase(line string) bool {
	// By hand, as in endsSentence: strings.TrimRight builds its set of bytes on every call.
	for len(line) > 0 && (line[len(line)-1] == ' ' || line[len(line)-1] == '\t') {
		line = line[:len(line)-1]
	}
	if line == "" {
		return false
	}
	switch line[len(line)-1] {
	case ',', ';', '.', '!', '?', '"', '\'':
		return false
	}
	if hasLowerWord(line) {
		return false
	}
	long, lastLower := 0, false
	for i := 0; i < len(line); {
		r, size := decode(line, i)
		if !isWordRune(r) {
			i += size
			continue
		}
		end, _ := scanWord(line, i)
		lastLower = isLowerLetter(r)
		if utf8.RuneCountInString(line[i:end]) >= 4 && unicode.IsLetter(r) && !isCaseless(r) {
			if lastLower {
				return false
			}
			long++
		}
		i = end
	}
	return long >= 3 && !lastLower
}

// hasLowerWord reports whether line holds a word of four ASCII letters or more that starts in
// lower case at the start of the line or after a space, which rules out a title-case heading.
// Nearly every line of prose has one among its first few words: found so, byte by byte, the
// test costs little beside cutting the line into words (isTitleCase took 0.09 s of the 2.4 s
// of CPU that the chronam articles' analysis took in a profile, most lines of them prose). A
// word starting after a space is always one that isTitleCase's loop cuts there: scanWord never
// runs across a space.
func hasLowerWord(line string) bool {
	for k := 0; k+4 <= len(line); k++ {
		if (k == 0 || line[k-1] == ' ') && 'a' <= line[k] && line[k] <= 'z' &&
			isASCIILetter(line[k+1]) && isASCIILetter(line[k+2]) && isASCIILetter(line[k+3]) {
			return true
		}
	}
	return false
}

// isASCIILetter reports whether c is an ASCII letter.
func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// isLowerLetter reports whether r is a lower-case letter, fast for ASCII.
func isLowerLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z'
	}
	return unicode.IsLower(r)
}

// Readable returns s, the text of a sentence in the source or the normalised text (see
// [Document.SourceRanges]), as a reader wants it: trimmed, each line break ("\n", "\r\n" or
// "\r") a space, and a word hyphenated across a line break, with a hyphen or a soft hyphen,
// whole again.
func Readable(s string) string {
	s = strings.TrimSpace(s)
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	out := make([]byte, 0, len(s))
	for j := 0; j < len(s); j++ {
		if s[j] != '\r' && s[j] != '\n' {
			out = append(out, s[j])
			continue
		}
		next := j + 1
		if s[j] == '\r' && next < len(s) && s[next] == '\n' {
			next++
		}
		j = next - 1
		after, _ := utf8.DecodeRuneInString(s[next:])
		if hyphen := hyphenEnd(out); hyphen > 0 && isLowerLetter(after) {
			if before, _ := utf8.DecodeLastRune(out[:len(out)-hyphen]); isWordRune(before) {
				out = out[:len(out)-hyphen] // "Ma-\njor": drop the hyphen and the break
				continue
			}
		}
		out = append(out, ' ')
	}
	return string(out)
}

// hyphenEnd returns the length of the hyphen or soft hyphen that b ends with, or 0.
func hyphenEnd(b []byte) int {
	switch {
	case len(b) > 0 && b[len(b)-1] == '-':
		return 1
	case len(b) > 1 && b[len(b)-2] == 0xC2 && b[len(b)-1] == 0xAD: // U+00AD
		return 2
	}
	return 0
}
