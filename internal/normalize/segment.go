package normalize

import (
	"unicode"
	"unicode/utf8"

	"github.com/zeebo/xxh3"
)

// Scripts written without spaces between words (Han, Hiragana, Katakana, Thai, Lao, Khmer,
// Myanmar) cannot be cut at spaces: a run of their letters is a whole clause. Such a run is cut
// into overlapping character bigrams instead, as search engines index these scripts (Lucene's
// CJKBigramFilter, Elasticsearch's cjk analyzer): "中国经济" gives "中国", "国经" and "经济".
// A copy shares the bigrams of the text it copies whatever the words are, which is all a
// detector of copies needs; a run of a single character is one unit.
//
// A character here is a base rune and the combining marks after it (Thai vowel and tone marks,
// the Japanese sound marks NFKC leaves apart), so that a bigram never splits a syllable.
// Hangul is written with spaces and stays with the spaced scripts.
//
// Units are never stop words and have no stem: their term is the text itself.

// unspacedMin is the first rune of any script written without spaces: everything below it
// (Latin, Greek, Cyrillic, Arabic, Devanagari ...) is skipped with one comparison.
const unspacedMin = 0x0E00

// isUnspaced reports whether r, a word rune, belongs to a script written without spaces.
func isUnspaced(r rune) bool {
	switch {
	case r < unspacedMin:
		return false
	case r <= 0x0EFF: // Thai, Lao
		return true
	case r < 0x1000:
		return false
	case r <= 0x109F: // Myanmar
		return true
	case r < 0x1780:
		return false
	case r <= 0x17FF, 0x19E0 <= r && r <= 0x19FF: // Khmer, Khmer symbols
		return true
	case r < 0x3005:
		return false
	case r <= 0x3007, // 々 (iteration mark), 〆, 〇
		0x3040 <= r && r <= 0x30FF,   // Hiragana, Katakana, the prolonged sound mark ー
		0x31F0 <= r && r <= 0x31FF,   // Katakana phonetic extensions
		0x3400 <= r && r <= 0x4DBF,   // CJK extension A
		0x4E00 <= r && r <= 0x9FFF,   // CJK unified ideographs
		0xA9E0 <= r && r <= 0xA9FF,   // Myanmar extended B
		0xAA60 <= r && r <= 0xAA7F,   // Myanmar extended A
		0xF900 <= r && r <= 0xFAFF,   // CJK compatibility ideographs
		0x20000 <= r && r <= 0x3FFFF: // CJK extensions B and beyond
		return true
	}
	return false
}

// unspacedEnd returns the end of the run of unspaced characters that starts at text[i]: word
// runes of the unspaced scripts and the combining marks that follow them.
func unspacedEnd(text string, i int) int {
	for i < len(text) {
		r, size := decode(text, i)
		if !(isUnspaced(r) && isWordRune(r)) && !(r >= utf8.RuneSelf && unicode.IsMark(r)) {
			break
		}
		i += size
	}
	return i
}

// nextChar returns the end of the character (a rune and its combining marks) at text[i],
// where i < end.
func nextChar(text string, i, end int) int {
	_, size := decode(text, i)
	i += size
	for i < end {
		r, size := decode(text, i)
		if r < utf8.RuneSelf || !unicode.IsMark(r) {
			break
		}
		i += size
	}
	return i
}

// appendUnits appends to toks the bigram tokens of the unspaced run text[start:end].
func (a *Analyzer) appendUnits(toks []Token, text string, start, end int, quoted bool) []Token {
	first := nextChar(text, start, end)
	if first == end {
		unit := text[start:end]
		return append(toks, Token{Hash: a.lookupUnit(unit), Start: int32(start), End: int32(end), Quoted: quoted, Unit: true, Stop: isHiragana(unit)})
	}
	for prev, mid := start, first; mid < end; {
		next := nextChar(text, mid, end)
		unit := text[prev:next]
		toks = append(toks, Token{Hash: a.lookupUnit(unit), Start: int32(prev), End: int32(next), Quoted: quoted, Unit: true, Stop: isHiragana(unit)})
		prev, mid = mid, next
	}
	return toks
}

// isHiragana reports whether unit is written in hiragana only: in Japanese, the particles and
// inflections that every sentence holds (の, は, ている, との), which a stop word list would
// hold in a spaced language. Counted as content, they made two independent reports of one
// event align sentence by sentence (0.61-0.72, duplicates); names and nouns are in kanji and
// katakana.
func isHiragana(unit string) bool {
	for _, r := range unit {
		if r < 0x3041 || r > 0x309F {
			return false
		}
	}
	return unit != ""
}

// lookupUnit returns the term hash of one unit, the hash of its text, through the cache that
// words use: a unit's surface form never equals a word's, which holds no unspaced rune.
func (a *Analyzer) lookupUnit(unit string) uint64 {
	key := cacheKey(unit)
	if e, ok := a.cache.get(key); ok {
		return e.hash
	}
	e := entry{hash: xxh3.HashString(unit)}
	a.cache.put(key, e)
	return e.hash
}

// isUnspacedWord reports whether word starts with an unspaced rune: it is a unit, not a word.
func isUnspacedWord(word string) bool {
	if word == "" {
		return false
	}
	r, _ := decode(word, 0)
	return isUnspaced(r) && isWordRune(r)
}
