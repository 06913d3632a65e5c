package normalize_test

import (
	"slices"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/normalize"
)

// TestFoldVariants checks that the spellings a script treats as one give one term.
func TestFoldVariants(t *testing.T) {
	tests := []struct{ a, b string }{
		{"ＡＢＣ１２３", "abc123"},   // full-width Latin and digits
		{"ｶﾞｿﾘﾝ", "ガソリン"},      // half-width katakana, voiced mark composed
		{"أحمد", "احمد"},       // alef with hamza
		{"إسلام", "اسلام"},     // alef with hamza below
		{"مستشفى", "مستشفي"},   // alef maksura
		{"مدرسة", "مدرسه"},     // teh marbuta
		{"كتـــاب", "كتاب"},    // tatweel
		{"كِتَابٌ", "كتاب"},    // harakat
		{"پاکستان", "پاكستان"}, // keheh
		{"کراچی", "كراچي"},     // keheh and Farsi yeh
		{"حکومت", "حكومت"},     // Urdu kaf
		{"ہے", "هے"},           // heh goal
		{"ज़मीन", "जमीन"},      // nukta
		{"हँसी", "हंसी"},       // chandrabindu
		{"שָׁלוֹם", "שלום"},    // niqqud
		{"ﻛﺘﺎﺏ", "كتاب"},       // Arabic presentation forms
	}
	a := newAnalyzer(t, "english")
	for _, tt := range tests {
		ta, tb := a.Term(tt.a), a.Term(tt.b)
		if ta != tb {
			t.Errorf("Term(%q) = %q, Term(%q) = %q; want equal", tt.a, ta, tt.b, tb)
		}
		if ha, hb := hashes(a.Analyze(tt.a)), hashes(a.Analyze(tt.b)); len(ha) == 0 || !slices.Equal(ha, hb) {
			t.Errorf("Analyze(%q) hashes %x, Analyze(%q) %x; want equal", tt.a, ha, tt.b, hb)
		}
	}
	if got := newAnalyzer(t, "english").Analyze("كِتَابٌ").Text; got != "كِتَابٌ" {
		t.Errorf("Text = %q; want the vowels kept in the text", got)
	}
}

func hashes(doc normalize.Document) []uint64 {
	var h []uint64
	for _, tk := range doc.Tokens {
		h = append(h, tk.Hash)
	}
	return h
}

// TestFoldGreekTurkish: Greek written without accents or in capitals, and Turkish in capitals,
// give the terms of the text as written.
func TestFoldGreekTurkish(t *testing.T) {
	for _, tt := range []struct{ lang, written, other string }{
		{"greek", "Η κυβέρνηση ενέκρινε την Τρίτη το νέο πακέτο μέτρων της χώρας", "Η κυβερνηση ενεκρινε την Τριτη το νεο πακετο μετρων της χωρας"},
		{"greek", "Η κυβέρνηση ενέκρινε την Τρίτη το νέο πακέτο μέτρων της χώρας", "Η ΚΥΒΕΡΝΗΣΗ ΕΝΕΚΡΙΝΕ ΤΗΝ ΤΡΙΤΗ ΤΟ ΝΕΟ ΠΑΚΕΤΟ ΜΕΤΡΩΝ ΤΗΣ ΧΩΡΑΣ"},
		{"turkish", "İzmir'de orman yangını sıcak rüzgarla yayıldı", "İZMİR'DE ORMAN YANGINI SICAK RÜZGARLA YAYILDI"},
	} {
		a := newAnalyzer(t, tt.lang)
		terms := func(text string) []string {
			doc := a.Analyze(text)
			var out []string
			for _, tk := range doc.Tokens {
				out = append(out, a.Term(doc.Text[tk.Start:tk.End]))
			}
			return out
		}
		if got, want := terms(tt.other), terms(tt.written); !slices.Equal(got, want) {
			t.Errorf("%s: terms of %q = %q; want those of %q, %q", tt.lang, tt.other, got, tt.written, want)
		}
	}
}
