package normalize

import (
	"strings"
	"unicode/utf8"
)

// foldLetters folds, in a lower-cased word, the letter variants that writers of a script use
// interchangeably, so that both spellings give one term. It returns word itself when nothing
// folds, always for ASCII. The document text keeps what was written: only terms fold.
//
// Full-width and half-width forms need nothing here: NFKC (see [Text]) has already made
// full-width Latin letters and digits ASCII and half-width katakana full-width, as
// golang.org/x/text/width would, and Arabic presentation forms plain letters.
//
// Arabic script, as Lucene's ArabicNormalizer and PersianNormalizer fold it: the tatweel
// (kashida, a stretching stroke) and the short-vowel marks (harakat, superscript alef, Quranic
// marks) are dropped, since most text leaves the vowels out; alef with hamza or madda and alef
// wasla become alef; alef maksura and the Persian/Urdu yeh become the Arabic yeh; keheh (the
// Persian/Urdu kaf) becomes the Arabic kaf; teh marbuta, heh goal and heh with yeh become heh.
//
// Devanagari, as Lucene's HindiNormalizer: the nukta, which Hindi writers often omit (ज़/ज),
// is dropped and chandrabindu becomes anusvara. Hebrew: the vowel points (niqqud) and
// cantillation marks are dropped, as in most printed Hebrew.
//
// Greek, as Lucene's GreekLowerCaseFilter: the tonos and dialytika are dropped (ά, ΐ: α, ι),
// since Greek in capitals is written without them and some archives store none, and the final
// sigma ς is σ, which a word in capitals lower-cases to. A verbatim copy without accents
// scored jaccard 0.003 against its original. Turkish: the dotless ı is i and the dot above
// that lower-casing İ leaves after i is dropped, so that a word in capitals, which Go
// lower-cases without Turkish rules, and the same word as written give one term.
func foldLetters(word string) string {
	i := 0
	for i < len(word) && word[i] < utf8.RuneSelf {
		i++
	}
	if i == len(word) || !strings.ContainsFunc(word[i:], func(r rune) bool { return foldLetter(r) != r }) {
		return word
	}
	var b strings.Builder
	b.Grow(len(word))
	for _, r := range word {
		if m := foldLetter(r); m >= 0 {
			b.WriteRune(m)
		}
	}
	return b.String()
}

// foldLetter returns the folded form of r, r itself, or -1 when r is dropped.
func foldLetter(r rune) rune {
	switch {
	case r < 0x0131:
		return r
	case r == 0x0131: // ı (dotless i)
		return 'i'
	case r == 0x0307: // combining dot above, of İ lower-cased
		return -1
	case 0x0390 <= r && r <= 0x03CE:
		return foldGreek(r)
	case r < 0x0591:
		return r
	case r <= 0x05C7: // Hebrew points and cantillation marks
		if r == 0x05BE || r == 0x05C0 || r == 0x05C3 || r == 0x05C6 { // punctuation among them
			return r
		}
		return -1
	case r < 0x0622:
		return r
	case r <= 0x06D3:
		return foldArabic(r)
	case 0x06D6 <= r && r <= 0x06ED: // Quranic annotation marks
		return -1
	case r == 0x093C: // Devanagari nukta
		return -1
	case r == 0x0901: // chandrabindu
		return 0x0902 // anusvara
	}
	return r
}

// foldGreek is foldLetter for U+0390..U+03CE: lower-case letters with tonos or dialytika lose
// them, and the final sigma is σ.
func foldGreek(r rune) rune {
	switch r {
	case 0x03AC: // ά
		return 0x03B1
	case 0x03AD: // έ
		return 0x03B5
	case 0x03AE: // ή
		return 0x03B7
	case 0x03AF, 0x0390, 0x03CA: // ί ΐ ϊ
		return 0x03B9
	case 0x03CC: // ό
		return 0x03BF
	case 0x03CD, 0x03B0, 0x03CB: // ύ ΰ ϋ
		return 0x03C5
	case 0x03CE: // ώ
		return 0x03C9
	case 0x03C2: // ς
		return 0x03C3
	}
	return r
}

// foldArabic is foldLetter for U+0622..U+06D3.
func foldArabic(r rune) rune {
	switch r {
	case 0x0622, 0x0623, 0x0625, 0x0671: // آ أ إ ٱ
		return 0x0627 // ا
	case 0x0649, 0x06CC: // ى (alef maksura), ی (Farsi yeh)
		return 0x064A // ي
	case 0x06A9: // ک (keheh)
		return 0x0643 // ك
	case 0x0629, 0x06C1, 0x06C0: // ة (teh marbuta), ہ (heh goal), ۀ (heh with yeh)
		return 0x0647 // ه
	case 0x0640: // tatweel
		return -1
	}
	if 0x064B <= r && r <= 0x065F || r == 0x0670 { // harakat, superscript alef
		return -1
	}
	return r
}
