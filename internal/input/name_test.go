package input

import (
	"testing"
	"unicode/utf8"
)

func TestEscapeName(t *testing.T) {
	for raw, want := range map[string]string{
		"seeds/a.txt":     "seeds/a.txt",
		"a\xff.txt":       `a\xff.txt`,
		"a\xfe.txt":       `a\xfe.txt`,
		`a\xff.txt`:       `a\x5cxff.txt`,
		`a\xFf\x`:         `a\x5cxFf\x`,
		"\\\xff":          `\\xff`,
		`\xf` + "\xff":    `\xf\xff`,
		"é\xe9#id":        `é\xe9#id`,
		`dir\sub\x1.txt`:  `dir\sub\x1.txt`,
		"f.jsonl#\\x41~2": `f.jsonl#\x5cx41~2`,
	} {
		got := EscapeName(raw)
		if got != want || !utf8.ValidString(got) || UnescapeName(got) != raw {
			t.Errorf("EscapeName(%q) = %q, want %q, which unescapes to %q", raw, got, want, UnescapeName(want))
		}
	}
}

func FuzzEscapeName(f *testing.F) {
	for _, s := range []string{"a\xff.txt", `a\xff`, "\\\xff", `\xf` + "\xff", "é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got := EscapeName(raw)
		if !utf8.ValidString(got) || UnescapeName(got) != raw {
			t.Errorf("EscapeName(%q) = %q: not valid UTF-8 or not reversible", raw, got)
		}
	})
}

// TestCleanName: a file named "-" (or "-#x") is named "./-" ("./-#x"), not as standard input
// (or a record on it) is; other names are cleaned.
func TestCleanName(t *testing.T) {
	for path, want := range map[string]string{
		"-":          "-",
		"./-":        "./-",
		"a/../-":     "./-",
		"./-#x":      "./-#x",
		"./a/-":      "a/-",
		"./a.txt":    "a.txt",
		"dir//b/":    "dir/b",
		"-x.txt":     "-x.txt",
		"./-x#1.txt": "-x#1.txt",
	} {
		if got := CleanName(path); got != want {
			t.Errorf("CleanName(%q) = %q; want %q", path, got, want)
		}
	}
}
