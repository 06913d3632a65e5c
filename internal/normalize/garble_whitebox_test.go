package normalize

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

// TestGarbledASCII checks the ASCII path of Garble against the general one on random pieces
// of ASCII text.
func TestGarbledASCII(t *testing.T) {
	a, err := New("english")
	if err != nil {
		t.Fatal(err)
	}
	const alphabet = "aaeiotnnsSTAl0159-/'.&_%,;:!?\"()*|`$+#^"
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		b := make([]byte, 1+r.IntN(6))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		tok := string(b)
		if got, want := garbledASCII(tok, a), garbledWord(tok, a); got != want {
			t.Fatalf("garbledASCII(%q) = %d; garbledWord gives %d", tok, got, want)
		}
	}
}

// TestGarbleSplit checks Garble, which judges most words by the kinds of bytes gathered
// while cutting the text, against cutting at white space and judging each piece by the
// general path, on random texts with white space and characters outside ASCII.
func TestGarbleSplit(t *testing.T) {
	a, err := New("english")
	if err != nil {
		t.Fatal(err)
	}
	pieces := []string{"a", "a", "e", "o", "t", "n", "s", "S", "T", "A", "I", "l", "0", "1", "-", "/",
		"'", ".", ",", ";", ":", "!", "?", "\"", "(", ")", "*", "|", "&", "_", "%", "$", "#",
		" ", " ", " ", "\n", "\t", "\u00a0", "\u2003", "é", "É", "—", "’", "“", "\xff"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		var b strings.Builder
		for range 1 + r.IntN(14) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		text := b.String()
		var want [2]int
		for _, tok := range strings.FieldsFunc(text, unicode.IsSpace) {
			switch garbledWord(tok, a) {
			case wordGarbled:
				want[0]++
				want[1]++
			case wordClean:
				want[1]++
			}
		}
		if g, n := Garble(text, a); g != want[0] || n != want[1] {
			t.Fatalf("Garble(%q) = %d of %d; cut at white space and judged alone, %d of %d", text, g, n, want[0], want[1])
		}
	}
}

// TestShortWordSet checks that ShortWord answers from a language's shortSet as from its stop
// words and shortAbbreviations, for every word of one or two letters a to z and a few others,
// in every language, the analyser going from one language to the next between them.
func TestShortWordSet(t *testing.T) {
	a, err := New("english")
	if err != nil {
		t.Fatal(err)
	}
	if !a.ShortWord("of") || !a.ShortWord("mr") || a.ShortWord("xq") {
		t.Fatal(`english: want "of" and "mr" words, "xq" not`)
	}
	var words []string
	for _, x := range "abcdefghijklmnopqrstuvwxyz" {
		words = append(words, string(x))
		for _, y := range "abcdefghijklmnopqrstuvwxyz" {
			words = append(words, string(x)+string(y))
		}
	}
	words = append(words, "", "a1", "ab-", "abc", "é", "A", "Of")
	for i := range languageTable {
		a.lang = &languageTable[i]
		for _, w := range words {
			if got, want := a.ShortWord(w), a.lang.isShortWord(w); got != want {
				t.Fatalf("%s: ShortWord(%q) = %v, want %v", a.lang.name, w, got, want)
			}
		}
	}
}

// TestGarbleTokens checks the analyser's garble counts, which judge most words from their
// tokens (garbleTokens), against Garble on the same start of the text, on random texts of
// words, short words, tripled letters, marks and white space, some longer than GarbleSample.
func TestGarbleTokens(t *testing.T) {
	a, err := New("english")
	if err != nil {
		t.Fatal(err)
	}
	pieces := []string{"the", "of", "a", "ii", "ot", "j", "I", "Mr", "mr", "word", "Word", "WORD", "hhh",
		"aaa", "Baaad", "abcdefgh", "abcdefghi", "coffee", "bookkeeper", "abcdefghijkLll", "zzzzzzzz", "l0ve", "10th", "1916", "don't",
		"U.S.", "ma-", "é", "—", "’", "“", ",", ".", ";", ":", "!", "?", "\"", "(", ")", "-", "'", "&",
		"*", "|", "...", " ", " ", " ", " ", "\n", "\n\n", "\t"}
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 100000 {
		n := 1 + r.IntN(30)
		if i%100 == 0 {
			n = 1000 // past GarbleSample
		}
		var b strings.Builder
		for range n {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		doc := a.Analyze(b.String())
		if len(doc.Tokens) == 0 {
			continue // not judged
		}
		if g, n := Garble(garbleSample(doc.Text), a); g != doc.Garbled || n != doc.Counted {
			t.Fatalf("Analyze(%q): %d garbled of %d; Garble of its sample %d of %d", doc.Text, doc.Garbled, doc.Counted, g, n)
		}
	}
}
