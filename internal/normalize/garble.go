package normalize

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// GarbleShare returns the share of the counted words that are garbled, as [Garble] counts
// them, or -1 when none was counted: a text not judged (see [Document.Garble]) or with no word
// to judge. It is the rule of a document's share and of its sketch's (sketch.Sketch.Garble).
func GarbleShare(garbled, counted int) float64 {
	if counted == 0 {
		return -1
	}
	return float64(garbled) / float64(counted)
}

// Garble counts the words of text that look like OCR debris, for [Document.Garbled] and
// [Document.Counted]: text is cut at white space and each piece, stripped of the punctuation
// around it, is
//
//   - not counted when it is a number, a number with a unit ("10th", "5mln") or a piece of
//     punctuation longer than three characters or of the kinds text is made of (dashes,
//     "&", "*", "|", an ellipsis);
//   - garbled when it is a piece of punctuation of up to three characters otherwise
//     ("'", "!", "^", ",,"), Latin, Greek or Cyrillic letters and digits mixed without a
//     hyphen or slash ("l0ve", "tbe1"; Korean writes "3년"), a word with a character inside it other than a letter, digit, hyphen,
//     apostrophe, full stop, slash or ampersand ("wor;d"), a letter tripled ("hhh"), or a
//     word of one or two lower-case letters that is no word for short, when not nil ("j",
//     "ii", "ot"; an [Analyzer] knows the stop words "of", "in" and "a");
//   - counted, not garbled, otherwise.
//
// Letter-only misreadings ("tho", "Houso") would need a lexicon and are not caught. Clean
// text has few garbled words, most of them abbreviations and table rules; OCR'd newspapers of
// 1916 have a median of about one word in 25. See [Document.Garble].
func Garble(text string, short ShortWords) (garbled, counted int) {
	return garbleTokens(text, text, nil, short)
}

// garbleTokens is Garble(sample, short) for sample, a start of text whose tokens, as
// AnalyzeInto cut them, are toks: a piece of sample that is one of them, a word of up to 14
// ASCII letters, alone or with one mark of garbleTrim after it, is judged from the word's bytes
// eight at a time instead of one at a time, and the white space before it is passed by the
// token's start. Such pieces are most of a text's, and Garble's pass over an article's first
// 2,048 bytes, most articles whole, was a seventh of the analysis of the chronam articles.
// Other pieces are judged as Garble judges them.
func garbleTokens(text, sample string, toks []Token, short ShortWords) (garbled, counted int) {
	var tally [3]int // by verdict
	i := 0           // the pieces before sample[i] are judged
	for k := range toks {
		s, e := int(toks[k].Start), int(toks[k].End)
		if s < i {
			continue // inside a piece judged
		}
		if s >= len(sample) {
			break
		}
		if s != i+1 || garbleBits[sample[i]]&bitSpace == 0 { // not one space or line break
			if i = garbleRange(sample, i, s, short, &tally); i > s {
				continue
			}
		}
		// The token starts a piece: sample[s-1], if any, is white space.
		if n := e - s; n <= 14 && s+8 <= len(text) && e <= len(sample) {
			v := load64(text[s:])
			var letters bool
			var triples uint64
			if n <= 8 {
				letters = letterPrefix(v) >= n
				triples = tripled(v) & (^uint64(0) >> ((64 - 8*n) & 63))
			} else { // its first eight bytes and its last eight, which hold every triple
				w := load64(text[e-8:])
				letters = letterPrefix(v) == 8 && letterPrefix(w) == 8
				triples = tripled(v) | tripled(w)
			}
			if letters {
				j := e
				if j < len(sample) && garbleBits[sample[j]]&bitSpace == 0 {
					if garbleBits[sample[j]]&bitTrim == 0 || j+1 < len(sample) && garbleBits[sample[j+1]]&bitSpace == 0 {
						goto piece
					}
					j++
				}
				switch {
				case triples != 0:
					tally[wordGarbled]++
				case n <= 2 && short != nil && v&0x20 != 0 && (n == 1 || v&0x2000 != 0) && !short.ShortWord(text[s:e]):
					tally[wordGarbled]++
				default:
					tally[wordClean]++
				}
				i = j
				continue
			}
		}
	piece:
		j, verdict := garblePiece(sample, s, short)
		tally[verdict]++
		i = j
	}
	garbleRange(sample, i, len(sample), short, &tally)
	return tally[wordGarbled], tally[wordGarbled] + tally[wordClean]
}

// tripled returns the top bit of each byte m of v, from the third, that is the same ASCII
// letter, in either case, as bytes m-1 and m-2, when all are letters (garbledLetters' triple).
func tripled(v uint64) uint64 {
	const ones, lows, highs = 0x0101010101010101, 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	f := v | 0x20*ones               // a letter in lower case
	same := (f ^ f<<8) | (f ^ f<<16) // byte m is 0 where bytes m, m-1 and m-2 are alike
	// 0x80 where a byte of same is 0: (b&0x7f)+0x7f, or b, sets the top bit of any other.
	return ^((same&lows + lows) | same | lows) & (highs &^ 0xffff)
}

// garbleRange judges, for garbleTokens, the pieces of text that start in text[i:end], and
// adds their verdicts to tally: it returns end when the last of them ends before it, or that
// piece's end.
func garbleRange(text string, i, end int, short ShortWords, tally *[3]int) int {
	for i < end {
		if b := garbleBits[text[i]]; b&bitSpace != 0 {
			i++
			continue
		} else if b&bitHigh != 0 {
			// A space outside ASCII is skipped too: cut at, it left an empty piece and the
			// loop did not move on. (Analysed text has none: Text folds them.)
			if r, size := utf8.DecodeRuneInString(text[i:]); unicode.IsSpace(r) {
				i += size
				continue
			}
		}
		j, verdict := garblePiece(text, i, short)
		tally[verdict]++
		i = j
	}
	return i
}

// garblePiece judges the piece of text that starts at text[i], which is not white space, for
// Garble: it returns the piece's end and its verdict.
func garblePiece(text string, i int, short ShortWords) (int, int) {
	// One pass over the piece gathers the kinds of its bytes: before is those of all but its
	// last byte, seen those of all of them.
	j, ascii := i, true
	var seen, before uint8
	for j < len(text) {
		b := garbleBits[text[j]]
		if b&(bitSpace|bitHigh) != 0 {
			if b&bitSpace != 0 {
				break
			}
			ascii = false
			r, size := utf8.DecodeRuneInString(text[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += size
			continue
		}
		before = seen
		seen |= b
		j++
	}
	tok := text[i:j]
	switch {
	case !ascii:
		return j, garbledWord(tok, short)
	case seen&^bitLetter == 0:
		return j, garbledLetters(tok, seen, short)
	case before&^bitLetter == 0 && before != 0 && garbleBits[tok[len(tok)-1]]&bitTrim != 0:
		return j, garbledLetters(tok[:len(tok)-1], before, short)
	}
	return j, garbledASCII(tok, short)
}

// The kinds of bytes for Garble's pass over a piece of text (garbleBits).
const (
	bitLower = 1 << iota // a to z
	bitUpper             // A to Z
	bitTrim              // the ASCII punctuation of garbleTrim
	bitSpace             // ASCII white space
	bitHigh              // a byte of a character outside ASCII
	bitOther             // any other ASCII byte

	bitLetter = bitLower | bitUpper
)

// garbleBits gives the kinds of each byte.
var garbleBits = func() (bits [256]uint8) {
	for c := range 256 {
		switch {
		case c >= utf8.RuneSelf:
			bits[c] = bitHigh
		case asciiClass[c] == asciiLower:
			bits[c] = bitLower
		case asciiClass[c] == asciiUpper:
			bits[c] = bitUpper
		case strings.IndexByte(" \n\t\r\v\f", byte(c)) >= 0:
			bits[c] = bitSpace
		case asciiTrim[c]:
			bits[c] = bitTrim | bitOther
		default:
			bits[c] = bitOther
		}
	}
	return bits
}()

// garbledLetters is garbledASCII for t, a word of ASCII letters only, whose kinds of bytes
// are seen: most words of most texts, judged without trimming, the number test and the
// classes of garbledASCII. A piece that is such a word followed by one mark of garbleTrim
// ("word," or "end.") is judged as the word: garbledASCII strips the mark.
func garbledLetters(t string, seen uint8, short ShortWords) int {
	for k := 2; k < len(t); k++ {
		if l := t[k] | 0x20; l == t[k-1]|0x20 && l == t[k-2]|0x20 {
			return wordGarbled
		}
	}
	if short != nil && len(t) <= 2 && seen == bitLower && !short.ShortWord(t) {
		return wordGarbled
	}
	return wordClean
}

// ShortWords tells [Garble] which words of one or two letters are words: an [Analyzer] does.
// An interface, not a function: a method value of the analyser passed for each document
// allocated.
type ShortWords interface {
	ShortWord(lower string) bool
}

// ShortWord reports whether lower, a lower-cased word of one or two letters, is a word and not
// OCR debris for [Garble] in the language of the last document analysed: a stop word of the
// language ("of", "la", "и"), or an abbreviation common in news in Latin script ("mr", "vs",
// "st"; see shortAbbreviations).
func (a *Analyzer) ShortWord(lower string) bool {
	if k, ok := shortKey(lower); ok {
		if a.shortLang != a.lang {
			a.short, a.shortLang = shortSets[a.lang](), a.lang
		}
		return a.short.has(k)
	}
	return a.lang.isShortWord(lower)
}

// isShortWord is [Analyzer.ShortWord] in l, by the stop words and shortAbbreviations.
func (l *language) isShortWord(lower string) bool {
	return l.stop != nil && l.stop(lower) || shortAbbreviations[lower]
}

// shortSet holds a language's answers of [Analyzer.ShortWord] for the 702 words of one or two
// letters a to z, one bit a word at its shortKey: Garble asks about every such word of a text
// ("of", "in", "a"), and the stop words' set and shortAbbreviations, two maps, took a sixth of
// Garble's time in a CPU profile of the chronam articles' analysis.
type shortSet [(26 + 26*26 + 63) / 64]uint64

// newShortSet returns the answers of l.isShortWord for every word of one or two letters.
func newShortSet(l *language) *shortSet {
	var s shortSet
	for x := byte('a'); x <= 'z'; x++ {
		s.add(l, string(x))
		for y := byte('a'); y <= 'z'; y++ {
			s.add(l, string([]byte{x, y}))
		}
	}
	return &s
}

// add sets the bit of w, a word of one or two letters a to z, when l.isShortWord says it is a
// word.
func (s *shortSet) add(l *language, w string) {
	if k, _ := shortKey(w); l.isShortWord(w) {
		s[k/64] |= 1 << (k % 64)
	}
}

// shortSets makes each language's shortSet on first use: a list's stop words are read on
// first use too.
var shortSets = func() map[*language]func() *shortSet {
	m := make(map[*language]func() *shortSet, len(languageTable))
	for i := range languageTable {
		l := &languageTable[i]
		m[l] = sync.OnceValue(func() *shortSet { return newShortSet(l) })
	}
	return m
}()

// has reports whether the word of shortKey k is a word.
func (s *shortSet) has(k uint) bool { return s[k/64]&(1<<(k%64)) != 0 }

// shortKey returns the place of w in a shortSet, and false when w is not one or two letters a to z.
func shortKey(w string) (uint, bool) {
	switch {
	case len(w) == 1 && 'a' <= w[0] && w[0] <= 'z':
		return uint(w[0] - 'a'), true
	case len(w) == 2 && 'a' <= w[0] && w[0] <= 'z' && 'a' <= w[1] && w[1] <= 'z':
		return 26 + uint(w[0]-'a')*26 + uint(w[1]-'a'), true
	}
	return 0, false
}

// shortAbbreviations are the abbreviations of one or two lower-case letters that news in
// Latin script writes often: without them an earnings report ("Shr 22 cts vs 19 cts") was a
// tenth garbled.
var shortAbbreviations = map[string]bool{
	"mr": true, "ms": true, "dr": true, "st": true, "jr": true, "sr": true, "co": true, "vs": true,
	"pm": true, "am": true, "tv": true, "ad": true, "lb": true, "ok": true, "oh": true, "no": true,
}

// The verdicts of garbledWord.
const (
	wordSkipped = iota
	wordClean
	wordGarbled
)

// garbleTrim is the punctuation stripped from both ends of a piece of text before it is judged.
const garbleTrim = "\"'()[]{}<>.,;:!?`*_“”‘’«»-—–"

// trimmed reports whether r is stripped from the ends of a piece of text before it is judged:
// the punctuation of garbleTrim, and any other (the Arabic comma, the Devanagari danda).
func trimmed(r rune) bool {
	return r < utf8.RuneSelf && strings.ContainsRune(garbleTrim, r) || r >= utf8.RuneSelf && unicode.IsPunct(r)
}

// garbledWord judges one piece of text cut at white space, for Garble.
func garbledWord(tok string, short ShortWords) int {
	t := strings.TrimFunc(tok, trimmed)
	if t == "" {
		switch tok {
		case "-", "--", "—", "–", "_", "__", "___", "&", "*", "***", "|", "...", "…":
			return wordSkipped
		}
		if utf8.RuneCountInString(tok) <= 3 {
			return wordGarbled
		}
		return wordSkipped
	}
	if numberLike(t) {
		return wordSkipped
	}
	letters, digits, lower, upper, n, mixable := 0, 0, 0, 0, 0, 0
	dashSlash, inner := false, false
	var prev, prev2 rune
	tripled := false
	for _, r := range t {
		n++
		switch {
		case unicode.IsLetter(r):
			letters++
			if r < 0x530 { // Latin, Greek, Cyrillic: a digit inside such a word is a misread letter
				mixable++
			}
			if unicode.IsLower(r) {
				lower++
			} else if unicode.IsUpper(r) || unicode.IsTitle(r) {
				upper++
			}
			l := unicode.ToLower(r)
			if l >= 'a' && l <= 'z' && l == prev && l == prev2 {
				tripled = true
			}
			prev2, prev = prev, l
			continue
		case unicode.IsDigit(r):
			digits++
		case r == '-' || r == '/':
			dashSlash = true
		case r == '\'' || r == '’' || r == '.' || r == '&' || r == '_' || r == '%': // Korean writes "3.25%로"
		default:
			if !unicode.IsMark(r) && !unicode.IsNumber(r) {
				inner = true
			}
		}
		prev2, prev = prev, 0
	}
	switch {
	case letters == 0:
		return wordSkipped
	case digits > 0 && mixable > 0 && !dashSlash, inner, tripled:
		return wordGarbled
	case short != nil && n <= 2 && lower > 0 && upper == 0 && !short.ShortWord(strings.ToLower(t)):
		return wordGarbled
	}
	return wordClean
}

// numberLike reports whether t is a number ("1916", "3-3", "$1.50", "10%") or a number with a
// unit or ordinal suffix ("10th", "5mln", "3pm").
func numberLike(t string) bool {
	i := 0
	for i < len(t) && t[i] < utf8.RuneSelf && asciiNumber[t[i]] {
		i++
	}
	if i == len(t) {
		return true
	}
	d := 0
	for d < len(t) && t[d] >= '0' && t[d] <= '9' {
		d++
	}
	if d == 0 {
		return false
	}
	suffix := t[d:]
	if len(suffix) > 3 {
		return false
	}
	for _, u := range numberSuffixes {
		if strings.EqualFold(suffix, u) { // ToLower allocated for "30-DAY"
			return true
		}
	}
	return false
}

// numberSuffixes are the units and ordinal endings written after a number without a space.
var numberSuffixes = []string{"st", "nd", "rd", "th", "s", "d", "am", "pm", "m", "k", "b", "bn", "mln", "mn", "km", "kg", "mm", "cm", "ft", "in", "lb", "yr", "mo", "g", "p"}

// The classes of ASCII bytes for garbledASCII.
const (
	asciiOther = iota // a character that makes a word garbled inside it
	asciiLower
	asciiUpper
	asciiDigit
	asciiDashSlash
	asciiInner // allowed inside a word: ' . & _ %
)

// asciiClass classifies the ASCII bytes, asciiTrim marks those of garbleTrim and asciiNumber
// those a number is written with.
var asciiClass, asciiTrim, asciiNumber = func() (class [utf8.RuneSelf]uint8, trim, number [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case 'a' <= c && c <= 'z':
			class[c] = asciiLower
		case 'A' <= c && c <= 'Z':
			class[c] = asciiUpper
		case '0' <= c && c <= '9':
			class[c] = asciiDigit
		case c == '-' || c == '/':
			class[c] = asciiDashSlash
		case strings.IndexByte("'.&_%", byte(c)) >= 0:
			class[c] = asciiInner
		}
		trim[c] = strings.IndexByte(garbleTrim, byte(c)) >= 0
		number[c] = strings.IndexByte("0123456789.,:/%$-+", byte(c)) >= 0
	}
	return class, trim, number
}()

// garbledASCII is garbledWord for a piece of ASCII text: the same verdicts, byte by byte, for
// the words of most texts (the general path cost half the analysis of English text).
func garbledASCII(tok string, short ShortWords) int {
	i, j := 0, len(tok)
	for i < j && asciiTrim[tok[i]] {
		i++
	}
	for j > i && asciiTrim[tok[j-1]] {
		j--
	}
	t := tok[i:j]
	if t == "" {
		switch tok {
		case "-", "--", "_", "__", "___", "&", "*", "***", "|", "...":
			return wordSkipped
		}
		if len(tok) <= 3 {
			return wordGarbled
		}
		return wordSkipped
	}
	if numberLike(t) {
		return wordSkipped
	}
	var lower, upper, digits, letters int
	dashSlash, inner, tripled := false, false, false
	var prev, prev2 byte
	for k := 0; k < len(t); k++ {
		c := t[k]
		switch asciiClass[c] {
		case asciiLower, asciiUpper:
			letters++
			l := c
			if asciiClass[c] == asciiUpper {
				upper++
				l += 'a' - 'A'
			} else {
				lower++
			}
			if l == prev && l == prev2 {
				tripled = true
			}
			prev2, prev = prev, l
			continue
		case asciiDigit:
			digits++
		case asciiDashSlash:
			dashSlash = true
		case asciiOther:
			inner = true
		}
		prev2, prev = prev, 0
	}
	switch {
	case letters == 0:
		return wordSkipped
	case digits > 0 && !dashSlash, inner, tripled:
		return wordGarbled
	case short != nil && len(t) <= 2 && lower > 0 && upper == 0 && !short.ShortWord(t):
		return wordGarbled
	}
	return wordClean
}
