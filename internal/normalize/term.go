package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/zeebo/xxh3"
)

// resolve replaces the cache key in the Hash of each token marked key with its term's hash,
// sets its Stop and Number flags and clears the mark. The tokens are marked, not listed, where
// the text is cut: appending each word's place to a list kept plainWords, the loop that cuts
// most words, short of registers. The words are looked up in loops of their own, after the
// text is cut: first in the front cache alone, then the rest in the table alone, and only
// then are the words found in neither analysed. The lookups of each of the first two loops
// are independent of each other, so the processor overlaps their memory accesses (the front
// cache spans 1 MiB, the table 4 MiB) instead of waiting for each in turn; stemming a word
// between two lookups of the table, as one loop did, kept them apart. On the chronam articles
// the first loop made analysis 10-15% faster.
func (a *Analyzer) resolve(text string, toks []Token) {
	cold := a.cold[:0]
	for i := range toks {
		t := &toks[i]
		if !t.key {
			continue
		}
		t.key = false
		if e, ok := a.cache.getHot(t.Hash); ok {
			t.Hash, t.Stop, t.Number = e.hash, e.stop, e.number
		} else {
			cold = append(cold, int32(i))
		}
	}
	a.cold = cold[:0]
	missed := cold[:0]
	for _, i := range cold {
		t := &toks[i]
		if e, ok := a.cache.getTable(t.Hash); ok {
			t.Hash, t.Stop, t.Number = e.hash, e.stop, e.number
		} else {
			missed = append(missed, i)
		}
	}
	for _, i := range missed {
		t := &toks[i]
		// A word missed twice in one document is in the front cache the second time, where
		// put stored it, unless a word missed in between took its slot there: it is then
		// analysed again and put finds it in the table. Only the front cache is asked, not the
		// table too, which the loop above has just asked about each of these words in vain
		// (3% of the analysis of the chronam pages in a CPU profile).
		e, ok := a.cache.getHot(t.Hash)
		if !ok {
			e = a.miss(t.Hash, text[t.Start:t.End], false)
		}
		t.Hash, t.Stop, t.Number = e.hash, e.stop, e.number
	}
}

// Term returns the stemmed lower-cased term for one word, the string whose
// xxh3 hash [Token.Hash] holds. word should be one token as Analyze cuts it
// (it is normalised with [Text] first); anything else is treated as a single
// word all the same. Dotted abbreviations lose their dots ("U.S." -> "us"),
// words with a digit are only lower-cased ("600,000" -> "600,000"), an
// English possessive 's is dropped ("Ukraine's" -> "ukrain") and a word
// hyphenated across a line break is whole again ("Ma-\njor" -> "major").
func (a *Analyzer) Term(word string) string {
	word = strings.ReplaceAll(Text(word), "-\n", "")
	if isUnspacedWord(word) {
		return word
	}
	term, _ := a.analyzeWord(word, isAcronym(word))
	return strings.Clone(term)
}

// lookup returns the cache entry for a word, computing it on a miss. The
// cache keeps a hash of the word, never the word, so it does not pin the text.
func (a *Analyzer) lookup(word string, acronym bool) entry {
	key := cacheKey(word)
	if e, ok := a.cache.get(key); ok {
		return e
	}
	return a.miss(key, word, acronym)
}

// miss analyses a word that is not in the cache, whose key is key, and caches the result.
func (a *Analyzer) miss(key uint64, word string, acronym bool) entry {
	term, stop := a.analyzeWord(word, acronym)
	e := entry{hash: xxh3.HashString(term), stop: stop, number: hasASCIIDigit(word)}
	a.cache.put(key, e)
	return e
}

// analyzeWord returns the term of a word and whether it is a stop word. The term may be held
// in a.lower, which the next call overwrites: callers hash it or copy it first.
func (a *Analyzer) analyzeWord(word string, acronym bool) (term string, stop bool) {
	if acronym {
		// Acronyms are content words even when the letters spell one ("U.S.").
		return strings.ToLower(strings.ReplaceAll(word, ".", "")), false
	}
	lower, digit, capitals := a.lowerASCII(word)
	if lower == "" {
		lower = foldLetters(strings.ToLower(word))
		digit = strings.IndexFunc(lower, unicode.IsDigit) >= 0
		capitals = isCapitals(word)
	}
	if digit {
		// numbers and codes such as "g7" have no stem ("'s" is cut here too)
		return a.trimPossessive(lower), false
	}
	lower = a.trimPossessive(lower)
	// A word in capitals is taken for an acronym ("US", "WHO"), never a stop
	// word, so that "US" agrees with "U.S." when only content words count.
	stop = !capitals && a.lang.stop(lower)
	if a.lang.stem == nil {
		return lower, stop
	}
	return a.lang.stem(lower, true), stop
}

// trimPossessive drops an English possessive 's from a lower-cased word.
func (a *Analyzer) trimPossessive(lower string) string {
	if a.lang.name == "english" {
		return strings.TrimSuffix(lower, "'s")
	}
	return lower
}

// lowerASCII lower-cases a word of ASCII bytes into a.lower, without allocating, and reports
// whether it holds a digit and whether it is in capitals (see [isCapitals]). For any other word,
// or one longer than a.lower, it returns "": ASCII letters have no variants for foldLetters to
// fold, and they are lower-cased, told apart as digits and counted as capitals alike by
// strings.ToLower, unicode.IsDigit and isCapitals. Most of the words a cache misses are ASCII.
func (a *Analyzer) lowerASCII(word string) (lower string, digit, capitals bool) {
	if len(word) == 0 || len(word) > len(a.lower) {
		return "", false, false
	}
	upper, lowers := 0, false
	for i := 0; i < len(word); i++ {
		c := word[i]
		switch {
		case c >= utf8.RuneSelf:
			return "", false, false
		case 'A' <= c && c <= 'Z':
			upper++
			c += 'a' - 'A'
		case 'a' <= c && c <= 'z':
			lowers = true
		case '0' <= c && c <= '9':
			digit = true
		}
		a.lower[i] = c
	}
	return unsafe.String(&a.lower[0], len(word)), digit, upper >= 2 && !lowers
}

// hasASCIIDigit reports whether word holds one of the bytes '0' to '9'.
func hasASCIIDigit(word string) bool {
	for i := 0; i < len(word); i++ {
		if '0' <= word[i] && word[i] <= '9' {
			return true
		}
	}
	return false
}

// isCapitals reports whether word has at least two capitals and no lower-case letter. Letters
// of scripts without case (Arabic, Hangul ...) are neither.
func isCapitals(word string) bool {
	capitals := 0
	for _, r := range word {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) || unicode.IsTitle(r) {
			capitals++
		}
	}
	return capitals >= 2
}
