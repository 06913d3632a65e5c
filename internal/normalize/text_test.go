package normalize_test

import (
	"testing"

	"github.com/dedupe-dev/dedupe/internal/normalize"
)

func TestText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"ascii", "Plain text, 3.5% of 600,000.\n\nNext.", "Plain text, 3.5% of 600,000.\n\nNext."},
		{"empty", "", ""},
		{"nfkc ligature", "ﬁnal ﬂow", "final flow"},
		{"nfkc fullwidth", "Ｕ．Ｓ． ２０２５", "U.S. 2025"},
		{"nfkc superscript", "x²", "x2"},
		{"nfkc composes", "cafe\u0301", "café"},
		{"nfkc ellipsis", "wait…", "wait..."},
		{"curly double", "\u201CHi,\u201D she said \u201Elow\u201F", `"Hi," she said "low"`},
		{"curly single", "\u2018it\u2019s\u2019 \u201Aa\u201B", "'it's' 'a'"},
		{"primes", "5\u2032 10\u2033 \u2035x\u2036", `5' 10" 'x"`},
		{"modifier apostrophe", "don\u02BCt", "don't"},
		{"dashes", "a\u2010b\u2011c\u2012d\u2013e\u2014f\u2015g\u2212h\u2E3Ai", "a-b-c-d-e-f-g-h-i"},
		{"compat dashes", "a\uFE58b\uFE63c\uFF0Dd", "a-b-c-d"},
		{"spaces", "a\u00A0b\u2002c\u2009d\u202Fe\u3000f\u205Fg\u1680h", "a b c d e f g h"},
		{"soft hyphen", "co\u00ADoper\u00ADation", "cooperation"},
		{"zero width", "a\u200Bb\u200Cc\u200Dd\u2060e\uFEFFf", "abcdef"},
		{"bidi marks", "a\u200Eb\u200Fc\u061Cd\u202Ae\u202Ef\u2066g\u2069h", "abcdefgh"},
		{"soft hyphen at a line break", "ship\u00AD\nping ship\u00AD\r\nping", "ship-\nping ship-\nping"},
		{"zero width then mark", "e\u200B\u0301", "é"},
		{"crlf", "a\r\nb\rc\r\r\nd", "a\nb\nc\n\nd"},
		{"c1 as windows-1252", "doesn\u0092t \u0093so\u0094 \u0091a\u0092 b\u0096c\u0097d", `doesn't "so" 'a' b-c-d`},
		{"c1 letters and signs", "\u008Auo \u009Cuvre \u0080 5\u0099 \u0095", "Šuo œuvre € 5TM •"},
		{"c1 undefined kept", "a\u0081b\u009Dc", "a\u0081b\u009Dc"},
		{"line separators", "a\u2028b\u2029c\u0085d", "a\nb\nc\nd"},
		{"paragraphs kept", "one.\n\n\ntwo", "one.\n\n\ntwo"},
		{"invalid utf8", "a\xffb\xe2\x80c", "a\uFFFDb\uFFFD\uFFFDc"},
		{"replacement char kept", "a\uFFFDb", "a\uFFFDb"},
		{"tab kept", "a\tb", "a\tb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := normalize.Text(tt.in)
			if got != tt.want {
				t.Errorf("Text(%q) = %q; want %q", tt.in, got, tt.want)
			}
			if again := normalize.Text(got); again != got {
				t.Errorf("Text(Text(%q)) = %q; want %q", tt.in, again, got)
			}
		})
	}
}

func TestTextASCIINoAlloc(t *testing.T) {
	s := "White House envoy Steve Witkoff is in Moscow.\nIt is 600,000 troops."
	if n := testing.AllocsPerRun(100, func() { normalize.Text(s) }); n != 0 {
		t.Errorf("Text(ascii) allocates %v times; want 0", n)
	}
}
