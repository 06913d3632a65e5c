package normalize

import (
	"strings"
	"testing"
	"unicode"

	"github.com/dedupe-dev/dedupe/internal/testfs"
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
		for _, raw := range testfs.ReadFiles(t, testfs.Glob(t, glob)) {
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

// TestWordPrefix checks the eight-byte test of plainWords against asciiWord: every byte value at
// every place among seven letters, and the bytes next to the ranges it tests in every pair.
func TestWordPrefix(t *testing.T) {
	for p := range 8 {
		for b := range 256 {
			block := []byte("abcdefgh")
			block[p] = byte(b)
			want := 8
			if !asciiWord[b] {
				want = p
			}
			if got := wordPrefix(load64(string(block))); got != want {
				t.Errorf("wordPrefix(%q) = %d; want %d", block, got, want)
			}
		}
	}
	edges := []byte{0, '/', '0', '9', ':', '@', 'A', 'Z', '[', '`', 'a', 'z', '{', 0x7f, 0x80, 0xc1, 0xdf, 0xe1, 0xff}
	for _, x := range edges {
		for _, y := range edges {
			block := string([]byte{x, y, 'a', 'a', 'a', 'a', 'a', 'a'})
			want := 0
			for want < 8 && asciiWord[block[want]] {
				want++
			}
			if got := wordPrefix(load64(block)); got != want {
				t.Errorf("wordPrefix(%q) = %d; want %d", block, got, want)
			}
		}
	}
}

// TestPlainWords checks the fast path of AnalyzeInto against the general one it stands in for,
// from every word start of the test articles and of texts made to test its edges (see
// checkPlainWords).
func TestPlainWords(t *testing.T) {
	texts := []string{
		"U.S. officials", "a. b", "ab. cd", "5.2 and 5, 6", "x,y z", "1,200.50", "don't stop",
		"Ma-\njor", "long-term", "end-", "abcdefgh", "abcdefghi jklmnopqrstuvwxyzab c", "ab€cd",
		"café au lait", "a", "Zz9", "seven77 eight888 sixteen-letters0 seventeen-letters",
		"abcdefghijklmnop abcdefghijklmnopq", "x\"quoted\" (bracketed) y;z", "tab\tsep",
	}
	texts = append(texts, testArticles(t)...)
	a := TestAnalyzer(t)
	words := 0
	for _, text := range texts {
		words += checkPlainWords(t, a, text)
	}
	if words < 100000 {
		t.Errorf("only %d plain words tested", words)
	}
}

// FuzzPlainWords runs the checks of TestPlainWords on any text.
func FuzzPlainWords(f *testing.F) {
	for _, s := range []string{"U.S. officials", "Ma-\njor", "1,200.50 don't", "abcdefghi jk, l. 5. x"} {
		f.Add(s)
	}
	a := TestAnalyzer(f)
	f.Fuzz(func(t *testing.T, text string) { checkPlainWords(t, a, text) })
}

// checkPlainWords calls plainWords from every word start of text and checks that each word it
// takes is the word scanWord cuts there, no acronym and not joined across a line break, that
// its Hash is cacheKey of it, marked as a key, and that it follows the word before it after one
// space. It returns the number of words taken.
func checkPlainWords(t *testing.T, a *Analyzer, text string) int {
	t.Helper()
	words := 0
	for i := 0; i < len(text); i++ {
		if !asciiWord[text[i]] || i > 0 && asciiWord[text[i-1]] {
			continue
		}
		toks, end := a.plainWords(nil, text, i, false)
		if len(toks) == 0 {
			if end != i {
				t.Fatalf("%q at %d: no words, end %d", text, i, end)
			}
			continue
		}
		for k, tok := range toks {
			start, stop := int(tok.Start), int(tok.End)
			if k == 0 && start != i || k > 0 && (start != int(toks[k-1].End)+1 || text[start-1] != ' ') {
				t.Fatalf("%q at %d: word %d at %d, after %v", text, i, k, start, toks[:k])
			}
			if e, acronym := scanWord(text, start); e != stop || acronym {
				t.Errorf("%q: plain word %q; scanWord cuts %q (acronym %v)", text, text[start:stop], text[start:e], acronym)
			}
			if stop+1 < len(text) && text[stop+1] == '\n' && joinsWord(text, stop+1) {
				t.Errorf("%q: plain word %q goes on across a line break", text, text[start:stop])
			}
			if !tok.key || tok.Hash != cacheKey(text[start:stop]) {
				t.Errorf("%q: key of %q is %#x (marked %v); cacheKey gives %#x", text, text[start:stop], tok.Hash, tok.key, cacheKey(text[start:stop]))
			}
		}
		if end != int(toks[len(toks)-1].End) {
			t.Errorf("%q at %d: end %d; last word ends at %d", text, i, end, toks[len(toks)-1].End)
		}
		words += len(toks)
	}
	return words
}
