package normalize

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// TestLowerASCII checks analyzeWord's fast path against the general one it stands in for: for
// every word of the seed and chronam articles and some made to test its edges, lowerASCII
// either declines (a word with a byte past ASCII, or longer than its buffer) or gives what
// foldLetters(strings.ToLower), unicode.IsDigit and isCapitals give.
func TestLowerASCII(t *testing.T) {
	words := []string{
		"a", "A", "US", "U", "USA", "UsA", "WHO's", "G7", "g7", "600,000", "1916", "Ukraine's",
		"don't", "O'BRIEN", "ÉTAT", "état", "naïve", "Zürich", "x1y", strings.Repeat("Ab", 32),
		strings.Repeat("Ab", 32) + "c", "",
	}
	for _, text := range testArticles(t) {
		for i := 0; i < len(text); {
			if r, size := decode(text, i); !isWordRune(r) {
				i += size
				continue
			}
			end, _ := scanWord(text, i)
			words = append(words, text[i:end])
			i = end
		}
	}
	a := TestAnalyzer(t)
	fast := 0
	for _, w := range words {
		lower, digit, capitals := a.lowerASCII(w)
		ascii := true
		for i := 0; i < len(w); i++ {
			ascii = ascii && w[i] < 0x80
		}
		if lower == "" {
			if ascii && w != "" && len(w) <= len(a.lower) {
				t.Errorf("lowerASCII(%q) declined an ASCII word", w)
			}
			continue
		}
		fast++
		want := foldLetters(strings.ToLower(w))
		wantDigit := strings.IndexFunc(want, unicode.IsDigit) >= 0
		if lower != want || digit != wantDigit || capitals != isCapitals(w) {
			t.Errorf("lowerASCII(%q) = %q, %v, %v; want %q, %v, %v", w, lower, digit, capitals, want, wantDigit, isCapitals(w))
		}
	}
	if fast < len(words)/2 {
		t.Errorf("the fast path took %d of %d words", fast, len(words))
	}
}

// testArticles returns the normalised texts of the seed and chronam test articles.
func testArticles(t *testing.T) []string {
	t.Helper()
	var texts []string
	for _, glob := range []string{"../../testdata/seeds/*.txt", "../../testdata/chronam/articles/*/*.txt"} {
		paths, err := filepath.Glob(glob)
		if err != nil || len(paths) == 0 {
			t.Fatalf("no articles at %s: %v", glob, err)
		}
		for _, raw := range ReadFiles(t, paths) {
			texts = append(texts, Text(raw))
		}
	}
	return texts
}

// TestTokenNumber checks that a token is flagged as a number exactly when its text holds an
// ASCII digit, whether its word was analysed or found in the cache (the second pass), words
// hyphenated across a line break included.
func TestTokenNumber(t *testing.T) {
	a := TestAnalyzer(t)
	texts := testArticles(t)
	numbers, joined := 0, 0
	for pass := range 2 {
		for _, text := range texts {
			doc := a.Analyze(text)
			for _, tk := range doc.Tokens {
				word := doc.Text[tk.Start:tk.End]
				if want := strings.ContainsAny(word, "0123456789"); tk.Number != want {
					t.Errorf("pass %d: token %q: Number = %v; want %v", pass, word, tk.Number, want)
				}
				if tk.Number {
					numbers++
				}
				if strings.Contains(word, "-\n") {
					joined++
				}
			}
		}
	}
	if numbers == 0 || joined == 0 {
		t.Errorf("the articles gave %d numbers and %d words joined across a line break; want some of each", numbers, joined)
	}
}
