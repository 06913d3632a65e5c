package normalize

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// Text returns the normalisation of s alone, the string that [Document.Text]
// holds: NFKC, C1 controls read as Windows-1252 (see [c1]), typographic quotes,
// primes and dashes folded to ASCII, Unicode spaces to ' ', soft hyphens (but for
// one before a line break, a hyphen there), zero-width characters and bidirectional
// marks removed, CRLF and CR to LF and invalid UTF-8 bytes
// replaced with U+FFFD. Case and line structure are
// kept. The result is valid UTF-8 and Text(Text(s)) == Text(s). Text returns s
// itself, without allocating, when s is already normal (plain ASCII text without
// CR is).
func Text(s string) string {
	// Folding runs on both sides of NFKC. Before: removing a zero-width
	// character can bring a letter and a combining mark together, which only
	// NFKC then composes, and U+2033 (″) must become '"' before NFKC splits it
	// into two primes. After: NFKC turns compatibility characters such as
	// U+FE58 (small em dash) into characters that fold. The second fold only
	// swaps characters for ASCII starters, which keeps the text NFKC, so the
	// result is a fixed point.
	if isPlain(s) {
		return s // most news text, and ASCII is NFKC: saves the two passes below
	}
	folded := fold(s)
	if isPlain(folded) {
		// Only characters that fold to ASCII or away (dashes, curly quotes, soft hyphens:
		// most of what OCR'd newspapers hold beyond ASCII) made s not plain, and plain text is
		// NFKC and folds to itself: NFKC's pass and the second fold's are saved.
		return folded
	}
	return fold(norm.NFKC.String(folded))
}

// isPlain reports whether s is ASCII without '\r', which Text leaves as it is.
func isPlain(s string) bool { return plainEnd(s, 0) == len(s) }

// plainEnd returns the offset of the first byte of s from i on that is past ASCII or '\r', or
// len(s).
func plainEnd(s string, i int) int {
	for i = plainBlocks(s, i); i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c == '\r' {
			break
		}
	}
	return i
}

// plainBlocks returns the offset of the first block of eight bytes from i on that is not all
// ASCII without '\r', or of the last, shorter block: most of the text is skipped eight bytes
// at a time.
func plainBlocks(s string, i int) int {
	for i+8 <= len(s) {
		w := load64(s[i:]) // one bounds check, not one a byte as s[i+k] each made
		const ones, highs, crs = 0x0101010101010101, 0x8080808080808080, 0x0d0d0d0d0d0d0d0d
		x := w ^ crs // a zero byte where w has '\r'
		if (w|(x-ones)&^x)&highs != 0 {
			break
		}
		i += 8
	}
	return i
}

// fold applies the character mapping of [Text] without NFKC. It returns s
// unchanged when nothing maps.
func fold(s string) string {
	i := foldStart(s)
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for {
		b.WriteString(s[:i])
		if s = s[i:]; s == "" {
			return b.String()
		}
		// s[0] starts a rune that changes.
		if s[0] == '\r' {
			b.WriteByte('\n')
			s = strings.TrimPrefix(s[1:], "\n")
		} else {
			r, size := utf8.DecodeRuneInString(s)
			if r == softHyphen && (strings.HasPrefix(s[size:], "\n") || strings.HasPrefix(s[size:], "\r")) {
				// A word broken across a line at a soft hyphen, as OCR and typesetting
				// software mark hyphenation: the hyphen the line join repairs ("ship-\nping").
				b.WriteByte('-')
			} else if m := foldRune(r); m >= 0 {
				b.WriteRune(m)
			} else if m == keep { // an invalid byte
				b.WriteRune(utf8.RuneError)
			}
			s = s[size:]
		}
		i = foldStart(s)
	}
}

// foldStart returns the offset of the first byte of s that fold changes, or
// len(s). Most news text is ASCII with a few curly quotes, so this loop decides
// for most documents that no copy is needed.
func foldStart(s string) int {
	for i := 0; i < len(s); {
		i = plainBlocks(s, i)
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c == '\r' {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || foldRune(r) != keep {
			return i
		}
		i += size
	}
	return len(s)
}

// softHyphen marks where a word may be broken; shown only where it is.
const softHyphen = '\u00AD'

// Results of foldRune besides an ASCII replacement byte.
const (
	keep rune = -1 // the rune stays as it is
	drop rune = -2 // the rune is removed
)

// foldRune maps one non-ASCII rune to its replacement (ASCII but for the letters
// of [c1]), keep or drop.
func foldRune(r rune) rune {
	if m := c1(r); m != r {
		if f := foldRune(m); f != keep {
			return f
		}
		return m
	}
	switch r {
	case '\u2018', '\u2019', '\u201A', '\u201B', // single curly quotes
		'\u2032', '\u2035', // prime, reversed prime
		'\u02BC': // modifier letter apostrophe, used as one
		return '\''
	case '\u201C', '\u201D', '\u201E', '\u201F', // double curly quotes
		'\u2033', '\u2036': // double prime, reversed double prime
		return '"'
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', // hyphen .. horizontal bar
		'\u2212', '\u2E3A', '\u2E3B', '\uFE58', '\uFE63', '\uFF0D': // minus, 2- and 3-em, small/fullwidth
		return '-'
	case '\u0085', '\u2028', '\u2029': // next line, line and paragraph separator
		return '\n'
	case '\u00A0', '\u1680', '\u202F', '\u205F', '\u3000':
		return ' '
	case softHyphen, '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', // zero-width
		'\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', // bidi marks, embeddings
		'\u2066', '\u2067', '\u2068', '\u2069': // bidi isolates
		return drop
	}
	if r >= '\u2000' && r <= '\u200A' { // en quad .. hair space
		return ' '
	}
	return keep
}

// c1 returns the character that Windows-1252 puts at the byte of the C1 control r
// (U+0080 to U+009F), or r itself: U+0092 is the right single quotation mark, U+0097
// the em dash. Text that was Windows-1252, decoded as ISO-8859-1 and saved as UTF-8
// (web pages, exports from old systems, the Clough-Stevenson corpus) holds C1
// controls where its writer typed curly quotes, dashes and ellipses; no text means a
// control there. Left as they were, they cut words ("doesn\u0092t" made two words) and
// the copy shared a third fewer shingles with the same text written with apostrophes.
// U+0085 stays the line break that Unicode makes it (see foldRune), and the five bytes
// that Windows-1252 leaves undefined stay controls.
func c1(r rune) rune {
	if r < 0x80 || r > 0x9F || r == 0x85 {
		return r
	}
	if m := charmap.Windows1252.DecodeByte(byte(r)); m != utf8.RuneError {
		return m
	}
	return r
}
