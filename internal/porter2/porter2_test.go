package porter2_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/kljensen/snowball/english"

	"github.com/dedupe-dev/dedupe/internal/porter2"
	"github.com/dedupe-dev/dedupe/internal/randtest"
)

// check fails t when Stem and english.Stem disagree on word.
func check(t *testing.T, word string) {
	t.Helper()
	for _, stop := range []bool{true, false} {
		if got, want := porter2.Stem(word, stop), english.Stem(word, stop); got != want {
			t.Errorf("Stem(%q, %v) = %q; want %q", word, stop, got, want)
		}
	}
}

func TestStemCases(t *testing.T) {
	for _, w := range []string{
		"", "a", "ab", "abc", "'", "''", "'''", "''a", "'s'", "caresses", "ponies", "ties", "cries",
		"gas", "gaps", "kiwis", "agreed", "feed", "hoping", "hopping", "luxuriated", "fizzed",
		"generously", "communism", "arsenal", "gener", "sky", "skies", "dying", "news",
		"happy", "say", "by", "cry", "yell", "boyish", "relational", "conditional", "rational",
		"valency", "hesitancy", "digitizer", "conformabli", "radicalli", "differentli", "vileli",
		"analogousli", "vietnamization", "predication", "operator", "feudalism", "decisiveness",
		"hopefulness", "callousness", "formaliti", "sensitiviti", "sensibiliti", "archaeologi",
		"geologi", "fluentli", "lessli", "formative", "triplicate", "electriciti", "electrical",
		"hopeful", "goodness", "revival", "allowance", "inference", "airliner", "gyroscopic",
		"adjustable", "defensible", "irritant", "replacement", "adjustment", "dependent",
		"adoption", "homologou", "communism", "activate", "angulariti", "homologous",
		"effective", "bowdlerize", "probate", "rate", "cease", "controll", "roll", "don't",
		"o'clock", "ukraine's", "rock'n'roll", "yyyy", "ayy", "eying", "syzygy", "ied", "ies",
		"sses", "eed", "eedly", "ing", "ingly", "ed", "edly", "bled", "sized", "rated",
		"ll", "all", "null", "bee", "fee", "the", "and", "Überlingen", "café", "naïve", "CAPS",
		" spaced ", strings.Repeat("abc", 30),
	} {
		check(t, w)
	}
}

// TestStemRepositoryWords compares the two stemmers on every word of the repository's texts
// (seeds, Clough-Stevenson, the chronam dev set: news prose and OCR noise).
func TestStemRepositoryWords(t *testing.T) {
	seen := make(map[string]bool)
	err := filepath.WalkDir("../../testdata", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, f := range strings.FieldsFunc(strings.ToLower(string(data)), func(r rune) bool {
			return !unicode.IsLetter(r) && r != '\''
		}) {
			seen[f] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) < 20000 {
		t.Fatalf("only %d distinct words under testdata; the comparison needs the texts", len(seen))
	}
	for w := range seen {
		check(t, w)
	}
}

// TestStemGenerated compares the two stemmers on random words built from letters, apostrophes
// and the suffixes the rules look for.
func TestStemGenerated(t *testing.T) {
	r := randtest.New(t)
	parts := []string{
		"a", "e", "i", "o", "u", "y", "b", "c", "d", "g", "l", "m", "n", "r", "s", "t", "w", "x", "'",
		"ational", "tional", "ization", "ation", "ator", "alism", "aliti", "alli", "fulness", "ful",
		"ousli", "ousness", "iveness", "iviti", "biliti", "bli", "ogi", "li", "lessli", "entli",
		"enci", "anci", "abli", "izer", "alize", "icate", "ative", "iciti", "ical", "ness", "ement",
		"ance", "ence", "able", "ible", "ment", "ent", "ant", "ism", "ate", "iti", "ous", "ive",
		"ize", "ion", "al", "er", "ic", "eed", "eedly", "ing", "ingly", "ed", "edly", "sses", "ies",
		"ied", "us", "ss", "'s", "'s'", "gener", "commun", "arsen", "ll", "e", "yy",
	}
	for range 300000 {
		var b strings.Builder
		for n := 1 + r.IntN(5); n > 0; n-- {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		check(t, b.String())
	}
}

func FuzzStem(f *testing.F) {
	for _, w := range []string{"generously", "hopping", "'s'", "skies", "relational", "café"} {
		f.Add(w)
	}
	f.Fuzz(func(t *testing.T, word string) {
		check(t, word)
	})
}

func ExampleStem() {
	for _, w := range []string{"reprinted", "newspapers", "hopping", "generously"} {
		fmt.Println(porter2.Stem(w, true))
	}
	// Output:
	// reprint
	// newspap
	// hop
	// generous
}

// words are the inputs of the benchmarks: the words of a short news text, each once.
var words = strings.Fields("the steamship persia of the peninsular and oriental line was sunk " +
	"without warning in the mediterranean yesterday reports received here said americans aboard " +
	"were believed to have been lost officials declined to comment on the sinking pending " +
	"investigations consular dispatches reached washington late tonight")

func BenchmarkStem(b *testing.B) {
	b.Run("porter2", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, w := range words {
				porter2.Stem(w, true)
			}
		}
	})
	b.Run("snowball", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, w := range words {
				english.Stem(w, true)
			}
		}
	})
}
