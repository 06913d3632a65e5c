package normalize

import (
	"math/bits"
	"slices"
	"unicode/utf8"
)

// plainWords appends to toks the tokens of the plain words that start at text[i], one after
// another with a space between them, and returns toks and the end of the last of them: i when
// the word at text[i] is not plain. A plain word is a run of ASCII letters and digits that
// scanWord would cut there and call no acronym, and that does not go on across a line break
// (see [plainAfter]). plainWords does for them what the general loop of AnalyzeInto does for
// any word, in a loop of its own that calls no function for most of them: most words of English
// text are plain, and the general loop keeps so many variables that every turn of it, and every
// call in it, stores and reloads them.
func (a *Analyzer) plainWords(toks []Token, text string, i int, quoted bool) ([]Token, int) {
	end := i
	for {
		// The word's first eight bytes are read at once, tested at once (wordPrefix) and, for
		// a word of up to eight bytes, hashed as they are.
		j, block := i, i+8 <= len(text)
		var v uint64
		if block {
			v = load64(text[i:])
			j += wordPrefix(v)
		}
		if !block || j == i+8 {
			for j < len(text) && asciiWord[text[j]] {
				j++
			}
		}
		if j == i || j < len(text) && !plainAfter(text, i, j) {
			break
		}
		// cacheKey(text[i:j]), inline for most words.
		var key uint64
		switch n := j - i; {
		case n <= 8 && block:
			key = max(mix64(v&(^uint64(0)>>(64-8*n)))&^7, 8)
		case n > 8 && n <= 16:
			key = max(mix2(v, load64(text[j-8:]), n)&^7, 8)
		default:
			key = cacheKey(text[i:j])
		}
		// Grown before, not appended to: the token is then written in place, not built in a
		// temporary that outlives append's call to grow the slice and copied.
		if len(toks) == cap(toks) {
			toks = slices.Grow(toks, 1)
		}
		toks = toks[:len(toks)+1]
		toks[len(toks)-1] = Token{Hash: key, Start: int32(i), End: int32(j), Quoted: quoted, Capital: 'A' <= text[i] && text[i] <= 'Z', key: true}
		end = j
		if j+1 >= len(text) || text[j] != ' ' {
			break
		}
		i = j + 1
	}
	return toks, end
}

// wordPrefix returns how many of the eight bytes of v, from the lowest, are ASCII letters or
// digits before the first that is not (8 when all are), as asciiWord tells them: the bytes are
// tested together, with arithmetic on their low seven bits, which carries into no other byte.
func wordPrefix(v uint64) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	low := v &^ highs
	digit := (low + (0x80-'0')*ones) &^ (low + (0x7f-'9')*ones)
	word := (letterBits(v) | digit) &^ v & highs // a byte with its top bit set is not ASCII
	return bits.TrailingZeros64(^word&highs) / 8
}

// letterPrefix returns how many of the eight bytes of v, from the lowest, are ASCII letters
// before the first that is not (8 when all are).
func letterPrefix(v uint64) int {
	const highs = 0x8080808080808080
	return bits.TrailingZeros64(^(letterBits(v)&^v&highs)&highs) / 8
}

// letterBits returns a word whose top bit of each byte is set where the low seven bits of
// that byte of v are an ASCII letter (see wordPrefix): a byte of v with its top bit set is
// none, which the caller tests.
func letterBits(v uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	folded := v&^highs | 0x20*ones // an ASCII letter in lower case; no other byte becomes one
	return (folded + (0x80-'a')*ones) &^ (folded + (0x7f-'z')*ones)
}

// plainAfter reports whether text[j], the first byte after a run text[i:j] of ASCII letters and
// digits, ends a plain word: an ASCII byte other than an apostrophe (which may continue the
// word: "don't"), a comma or a dot after a digit (which may stand inside a number: "1,200.50"),
// a dot after a single character (an acronym or an initial: "U.S.") and a hyphen before a line
// break ("Ma-\njor").
func plainAfter(text string, i, j int) bool {
	switch c := text[j]; c {
	case ' ', '\n':
		return true
	case ',', '.':
		last := text[j-1]
		return !('0' <= last && last <= '9' || c == '.' && j-i == 1)
	case '\'':
		return false
	case '-':
		return j+1 == len(text) || text[j+1] != '\n'
	}
	return text[j] < utf8.RuneSelf
}
