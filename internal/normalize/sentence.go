package normalize

import (
	"unicode"
)

// What a word before a dot can be, for sentence splitting.
const (
	abbrevNone  = iota // an ordinary word or number: the dot may end a sentence
	abbrevTitle        // "Mr", "Dr", "Sen": a name follows, the dot never ends a sentence
	abbrevOther        // "Jan", "Inc", "etc", a dotted acronym or an initial ("J")
)

// titles precede a name, so a dot after them never ends a sentence.
var titles = setOf(
	"mr", "mrs", "ms", "messrs", "dr", "prof", "rev", "hon", "pres", "gov",
	"sen", "rep", "gen", "col", "maj", "capt", "cmdr", "adm", "lt", "sgt", "cpl",
	"supt", "insp", "det",
)

// abbreviations may end a sentence ("... said Smith Jr. The ..."), but rarely
// do; see [Analyzer.breaksAfter].
var abbreviations = setOf(
	"jr", "sr", "st", "mt", "ft", "no", "nos", "vs", "etc", "approx", "est",
	"inc", "ltd", "co", "corp", "bros", "dept", "univ", "fig", "vol", "ed", "al",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
)

// abbrevKind classifies the word just before a dot.
func abbrevKind(word string) int {
	if r, size := decode(word, 0); size == len(word) && unicode.IsUpper(r) {
		return abbrevOther // an initial
	}
	if len(word) > 6 {
		return abbrevNone
	}
	var buf [6]byte
	for i := 0; i < len(word); i++ {
		c := word[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	lower := buf[:len(word)]
	if _, ok := titles[string(lower)]; ok {
		return abbrevTitle
	}
	if _, ok := abbreviations[string(lower)]; ok {
		return abbrevOther
	}
	return abbrevNone
}

// skipClosers returns the offset past the run of sentence punctuation and
// closing quotes and brackets that starts at text[i].
func skipClosers(text string, i int) int {
	for i < len(text) {
		r, size := decode(text, i)
		switch r {
		case '.', '!', '?', '"', '\'', ')', ']', '}', '»', '›':
			i += size
		default:
			return i
		}
	}
	return i
}

// isOpener reports whether r opens a quote, a bracket or a Spanish question
// or exclamation.
func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '(', '[', '«', '‹', '¿', '¡':
		return true
	}
	return false
}

// breaksAfter reports whether sentence punctuation ending at text[j] (closing
// quotes included) ends a sentence; kind is what the word before the dot is,
// ln tells whether a line break after it is soft.
//
// A sentence ends at the end of the text or of a paragraph (a hard line break,
// see [lineBreaks]), or where space (a soft line break included) follows
// and then an upper-case letter, a digit or an opening quote. After an
// abbreviation, an acronym or an initial it ends only where the next word is
// a capitalised stop word ("in the U.S. The talks"), not before a name or
// another initial ("U.S. officials", "J. R. R. Tolkien", "Jan. 6").
func (a *Analyzer) breaksAfter(text string, j int, kind int, ln *line) bool {
	k := j
	for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
		k++
	}
	if k < len(text) && text[k] == '\n' && ln.soft(text, k) {
		k++
		for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
			k++
		}
	}
	switch {
	case k == len(text) || text[k] == '\n':
		return true
	case k == j || kind == abbrevTitle:
		return false
	}
	r, size := decode(text, k)
	opened := false
	for isOpener(r) && k+size < len(text) {
		opened = true
		k += size
		r, size = decode(text, k)
	}
	if !opened && !unicode.IsUpper(r) && !unicode.IsTitle(r) && !unicode.IsDigit(r) {
		return false
	}
	if kind == abbrevNone {
		return true
	}
	if !unicode.IsUpper(r) && !unicode.IsTitle(r) {
		return false
	}
	end, acronym := scanWord(text, k)
	if acronym || end < len(text) && text[end] == '.' && end-k == size {
		return false // an acronym or an initial
	}
	return a.lookup(text[k:end], false).stop
}
