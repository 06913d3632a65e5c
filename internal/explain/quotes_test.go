package explain_test

import (
	"math"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/dedupe-dev/dedupe/internal/devset"
	"github.com/dedupe-dev/dedupe/internal/explain"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// texQuoted writes the double quotation marks of text as TeX and the AP and WSJ archives of
// TREC do: a mark at the start of the text or after a space, a dash or an opening bracket opens
// a quotation, two grave accents; any other closes one, two apostrophes.
func texQuoted(text string) string {
	var b strings.Builder
	for i, r := range text {
		if r != '"' && r != '\u201C' && r != '\u201D' {
			b.WriteRune(r)
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		if i == 0 || unicode.IsSpace(prev) || strings.ContainsRune("([-\u2014", prev) {
			b.WriteString("``")
		} else {
			b.WriteString("''")
		}
	}
	return b.String()
}

// TestTeXQuotes: every pair of testdata articles with its double quotation marks written as
// TeX and the TREC newswire archives write them (texQuoted) gets the verdict and the score of
// its text with straight marks, and so does every pair of the chronam-1916 dev set but a few
// whose OCR'd marks the two readings pair differently. Read as narration, as before
// normalize.Version 5, the quotations of the 59,433 chronam-1916 articles so written verified
// 12 more of the dev set's false pairs in a scan.
func TestTeXQuotes(t *testing.T) {
	an := normalize.TestAnalyzer(t)
	v := verify.TestVerifier(t)
	quoted := 0
	for _, p := range pairs(t) {
		ta, tb := readText(t, p[0]), readText(t, p[1])
		a, b := explain.Document{Path: p[0]}, explain.Document{Path: p[1]}
		want := compare(t, an, v, a, b, ta, tb)
		qa, qb := texQuoted(ta), texQuoted(tb)
		if qa != ta && qb != tb {
			quoted++
		}
		got := compare(t, an, v, a, b, qa, qb)
		if got.Duplicate != want.Duplicate || math.Abs(got.Score-want.Score) > 1e-9 || got.QuotedSentences != want.QuotedSentences {
			t.Errorf("%s ~ %s in TeX's marks: duplicate %v, score %.4f, %d quoted sentences; with straight marks %v, %.4f, %d",
				filepath.Base(p[0]), filepath.Base(p[1]), got.Duplicate, got.Score, got.QuotedSentences, want.Duplicate, want.Score, want.QuotedSentences)
		}
	}
	if quoted < 5 {
		t.Errorf("only %d pairs quote on both sides; the test needs them", quoted)
	}
	// With straight marks 281, 26, 26, 139 (TestChronamDevSet).
	set := measure(t, devDir, false, texQuoted)
	if want := (devset.Confusion{TP: 280, FP: 26, FN: 27, TN: 139}); set.all != want {
		t.Errorf("dev set in TeX's marks: %v; want %v", set.all, want)
	}
}
