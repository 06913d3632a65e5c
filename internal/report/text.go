package report

import (
	"fmt"
	"strconv"
	"strings"
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
