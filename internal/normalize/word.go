package normalize

import (
	"unicode"
	"unicode/utf8"
)

// decode returns the rune at s[i] and its size, fast for ASCII.
func decode(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// asciiWord marks the ASCII letters and digits among all byte values, so that a byte can look
// itself up without a test that it is ASCII.
var asciiWord = func() (t [256]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// isUpper reports whether r is an upper-case letter, fast for ASCII.
func isUpper(r rune) bool {
	if r < utf8.RuneSelf {
		return 'A' <= r && r <= 'Z'
	}
	return unicode.IsUpper(r)
}

// isWordRune reports whether r belongs to a word: a letter, a decimal digit or
// a combining mark.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return isWordRuneUnicode(r)
}

// isWordRuneUnicode is the non-ASCII half of isWordRune, apart so that the
// ASCII half inlines.
func isWordRuneUnicode(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// scanWord returns the end of the word that starts at text[i], a word rune,
// and whether the word is a dotted acronym; a character of a script without
// spaces is a word alone, so that callers stepping from word to word move on. A word is a run of word runes that
// may hold an apostrophe before a further word rune ("don't") and a comma or
// a dot between two digits ("1,200.50"). Single letters joined by dots, such
// as "U.S." or "e.g.", make one acronym, its final dot included.
func scanWord(text string, i int) (end int, acronym bool) {
	j, runes := i, 0
	var prev rune
	for j < len(text) {
		if c := text[j]; c < utf8.RuneSelf && asciiWord[c] {
			prev = rune(c)
			j++
			runes++
			continue
		}
		r, size := decode(text, j)
		if r >= unspacedMin && isUnspaced(r) {
			if j == i {
				j += size // the word is this one character (segment.go cuts such text)
			}
			break // a unit of a script without spaces: see segment.go
		}
		if !isWordRune(r) {
			if (r != '\'' && r != ',' && r != '.') || j+1 >= len(text) {
				break
			}
			next, _ := decode(text, j+1)
			if r == '\'' && !isWordRune(next) || r != '\'' && !(unicode.IsDigit(prev) && unicode.IsDigit(next)) {
				break
			}
		}
		prev = r
		j += size
		runes++
	}
	if runes == 1 && unicode.IsLetter(prev) {
		if k := acronymEnd(text, j); k > j {
			return k, true
		}
	}
	return j, false
}

// acronymEnd extends a single letter ending at text[j] over further ".X"
// pairs of one letter each, and a final dot. It returns j when there are none.
func acronymEnd(text string, j int) int {
	k := j
	for k+1 < len(text) && text[k] == '.' {
		r, size := decode(text, k+1)
		after := k + 1 + size
		if !unicode.IsLetter(r) {
			break
		}
		if after < len(text) {
			if r2, _ := decode(text, after); isWordRune(r2) || r2 == '\'' {
				break
			}
		}
		k = after
	}
	if k == j {
		return j
	}
	if k < len(text) && text[k] == '.' {
		k++
	}
	return k
}

// isAcronym reports whether word is one dotted acronym as scanWord cuts it.
func isAcronym(word string) bool {
	if word == "" {
		return false
	}
	r, _ := decode(word, 0)
	if !isWordRune(r) {
		return false
	}
	end, acronym := scanWord(word, 0)
	return acronym && end == len(word)
}
