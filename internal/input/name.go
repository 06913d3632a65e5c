package input

import (
	"os"
	"strings"
	"unicode/utf8"
)

// Root returns the directory that the relative names [Read] gives are relative to, the
// absolute working directory, escaped by [EscapeName]; "" when it cannot be found.
func Root() string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	return EscapeName(wd)
}

// EscapeNames returns the names escaped by [EscapeName], in a new slice.
func EscapeNames(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = EscapeName(n)
	}
	return out
}

// EscapeName returns the form of a raw document name (a path, maybe with "#" and a JSONL
// record's name) that dedupe shows and stores: valid UTF-8, so that JSON carries it exactly,
// and different for different names. Each byte that is not part of valid UTF-8 becomes "\x"
// and two lower-case hex digits, as in "a\xff.txt"; a backslash that is already followed by
// "x" and two hex digits becomes "\x5c", so that no name can pass for another. Every other
// name, which is nearly every name, is returned unchanged.
//
// Replacing invalid bytes with U+FFFD, as encoding/json does, gave "a\xff.txt" and
// "a\xfe.txt" one name, and "index rm" could not remove what "check" reported.
func EscapeName(raw string) string {
	if utf8.ValidString(raw) && !strings.Contains(raw, `\x`) {
		return raw
	}
	var b strings.Builder
	for i := 0; i < len(raw); {
		r, size := utf8.DecodeRuneInString(raw[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteString(`\x`)
			b.WriteByte(hexDigits[raw[i]>>4])
			b.WriteByte(hexDigits[raw[i]&0xf])
		case r == '\\' && hexEscaped(raw[i:]):
			b.WriteString(`\x5c`)
		default:
			b.WriteString(raw[i : i+size])
		}
		i += size
	}
	return b.String()
}

const hexDigits = "0123456789abcdef"

// hexEscaped reports whether s starts with "\x" and two hex digits of either case: what
// EscapeName writes for a byte, and so what a literal backslash must not be read as.
func hexEscaped(s string) bool {
	return len(s) >= 4 && s[0] == '\\' && s[1] == 'x' && isHex(s[2]) && isHex(s[3])
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// UnescapeName returns the raw name that EscapeName turned into name: each "\x" and two hex
// digits back into its byte. UnescapeName(EscapeName(raw)) == raw for every raw; a name that
// EscapeName did not write (a "\x" and two hex digits typed in by hand) is read the same way.
func UnescapeName(name string) string {
	if !strings.Contains(name, `\x`) {
		return name
	}
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		if hexEscaped(name[i:]) {
			b.WriteByte(unhex(name[i+2])<<4 | unhex(name[i+3]))
			i += 3
			continue
		}
		b.WriteByte(name[i])
	}
	return b.String()
}

// unhex returns the value of hex digit c, which isHex accepts.
func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}
