package normalize_test

import (
	"testing"

	"github.com/dedupe-dev/dedupe/internal/normalize"
)

func TestGarble(t *testing.T) {
	tests := []struct {
		name, lang, text string
		garbled, counted int
	}{
		// OCR'd text as chronam's articles of 1916 have it: stray marks, a digit for a letter,
		// letters cut off, a letter tripled. "tbe" for "the" and a word cut in two are not
		// caught.
		{"ocr", "english", "tbe l0ve of ' the County Commis sioners , ii j and nnnd wor;d was read .", 8, 17},
		{"clean", "english", "The county commissioners met on Tuesday and read the report of the treasurer.", 0, 13},
		// Numbers, units and abbreviations are no debris: "10th" and "5mln" are not counted,
		// "vs" and "mr" are words, "rn" is not.
		{"newswire", "english", "Shr 22 cts vs 19 cts on the 10th, 5mln dlrs, Mr Smith said; rn", 1, 11},
		// The AP's dash, an underscore between spaces, is punctuation text is made of.
		{"ap dash", "english", "WASHINGTON (AP) _ The Senate voted 52-48 today _ the closest vote of the year.", 0, 12},
		// Only English is judged: French's stop list lacks "a" and "va", which would count as
		// debris in clean news.
		{"french", "french", "Le président a dit à la presse qu'il va signer un accord de paix.", 0, 0},
		{"arabic", "arabic", "قال المتحدث، إن أوبك قررت خفض الإنتاج، وأضاف أن القرار نهائي.", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := normalize.New(tt.lang)
			if err != nil {
				t.Fatal(err)
			}
			doc := a.Analyze(tt.text)
			if doc.Garbled != tt.garbled || doc.Counted != tt.counted {
				t.Errorf("Analyze(%q): %d garbled of %d; want %d of %d", tt.text, doc.Garbled, doc.Counted, tt.garbled, tt.counted)
			}
		})
	}
}

// TestGarbleUnspaced checks that a text in a script written without spaces has no garble
// share: its pieces between spaces are no words.
func TestGarbleUnspaced(t *testing.T) {
	a, err := normalize.New(normalize.Auto)
	if err != nil {
		t.Fatal(err)
	}
	doc := a.Analyze("中国经济增长很快。国家统计局周一公布的数据显示，第三季度国内生产总值同比增长百分之五。")
	if g := doc.Garble(); g != -1 {
		t.Errorf("Garble() = %v (%d of %d); want -1, not measured", g, doc.Garbled, doc.Counted)
	}
}

// TestGarbleShortWords checks that without the short-word test, the words of one or two
// letters that are no stop words are not debris.
func TestGarbleShortWords(t *testing.T) {
	a, err := normalize.New("english")
	if err != nil {
		t.Fatal(err)
	}
	text := "the ii j ot of Commis sioners"
	if g, n := normalize.Garble(text, a); g != 3 || n != 7 {
		t.Errorf("Garble(%q, english) = %d of %d; want 3 of 7", text, g, n)
	}
	if g, n := normalize.Garble(text, nil); g != 0 || n != 7 {
		t.Errorf("Garble(%q, nil) = %d of %d; want 0 of 7", text, g, n)
	}
}

// BenchmarkGarble measures the garble share alone on the seeds, the pass over the text that
// Analyze adds: compare its ns/op with BenchmarkAnalyze's.
func BenchmarkGarble(b *testing.B) {
	seeds := readSeeds(b)
	a, err := normalize.New("english")
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for _, s := range seeds {
		n += len(s)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range seeds {
			normalize.Garble(s, a)
		}
	}
}
