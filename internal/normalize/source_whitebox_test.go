package normalize

import (
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/randtest"
)

// TestSourceMapRandom builds texts from the characters Text changes and checks that the map is
// exact (never the whole-text fallback) and that every sentence cut from the raw text
// normalises to the sentence of the document.
func TestSourceMapRandom(t *testing.T) {
	pieces := []string{"a", "B", "e", " ", ".", "\n", "\r", "\r\n", "-", "'", `"`, "\u201C", "\u2019", "\u2014",
		"\u0301", "\u200B", "\u00AD", "\uFEFF", "\uFB01", "\uFF21", "\u00A0", "\u2028", "\u00e9", "\u2026", "x\u0338", "Ω",
		"地", "震", "，", "。", "！", "？", "ｶ", "ﾞ", "\u3000", // full-width punctuation, half-width kana and its voiced mark
		"\xff"} // an invalid byte, which a piece of its own (no ASCII byte follows) once made the whole text one edit
	rnd := randtest.New(t)
	an := TestAnalyzer(t)
	for range 2000 {
		var b strings.Builder
		for range rnd.IntN(40) {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		raw := b.String()
		doc := an.Analyze(raw)
		m := NewSourceMap(raw, doc.Text)
		if len(m.edits) == 1 && m.edits[0] == (edit{0, len(raw), 0, len(doc.Text)}) && raw != "" && pieceEnd(raw, 0) < len(raw) {
			t.Fatalf("NewSourceMap(%q) fell back to the whole text", raw)
		}
		for i, r := range doc.SourceRanges(raw) {
			s := doc.Sentences[i]
			if r.Start > r.End || int(r.End) > len(raw) {
				t.Fatalf("SourceRanges(%q)[%d] = %v, out of range", raw, i, r)
			}
			if got, want := Text(raw[r.Start:r.End]), doc.Text[s.Start:s.End]; !strings.Contains(got, want) {
				t.Fatalf("SourceRanges(%q)[%d] = %q, normalised %q; want it to hold %q", raw, i, raw[r.Start:r.End], got, want)
			}
		}
	}
}
