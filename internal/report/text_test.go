package report_test

import (
	"testing"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/report"
)

func TestText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"000_92edbd9511bc3411.txt", "000_92edbd9511bc3411.txt"},
		{"Müller café 東京 ½", "Müller café 東京 ½"},
		{"x\n::error::pwned.txt", `x\x0a::error::pwned.txt`},
		{"a\tb\rc", `a\x09b\x0dc`},
		{"\x1b[31mred\x1b[0m\x07\x00\x7f", `\x1b[31mred\x1b[0m\x07\x00\x7f`},
		{"a\u0085b\u2028c\u2029d", `a\u0085b\u2028c\u2029d`},
		{"invoice\u202egpj.exe", `invoice\u202egpj.exe`},
		{"a\xffb", `a\xffb`},
		{"::error::x", `\x3a:error::x`},
		{"  ::warning::x", `  \x3a:warning::x`},
		{"a::b", "a::b"},
		{"see ##[error]x", `see ##\x5berror]x`},
		{`a\nb`, `a\nb`},
		{`a\u2028b`, `a\x5cu2028b`},
		{`a\u20b`, `a\u20b`},
		{`C:\temp\x`, `C:\temp\x`},
		{`a\`, `a\`},
		// A name escaped by input.EscapeName is not escaped again.
		{input.EscapeName("a\xff.txt"), `a\xff.txt`},
		{input.EscapeName(`a\xff.txt`), `a\x5cxff.txt`},
	}
	for _, tt := range tests {
		if got := report.Text(tt.in); got != tt.want {
			t.Errorf("Text(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
