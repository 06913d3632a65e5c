// Package porter2 is the Snowball English (Porter2) stemmer of github.com/kljensen/snowball,
// rewritten to work on the bytes of a word instead of a slice of runes.
//
// [Stem] returns what english.Stem of that module (v0.10.0) returns, for every input: words
// of lower-case ASCII letters and apostrophes, which are nearly all the words of English text,
// take the byte path; any other word is passed to english.Stem. The module's version converts
// the word and each candidate suffix to runes and allocates the result; on OCR'd newspaper text,
// with about a million distinct surface forms, that made stemming the largest part of a scan's
// analysis. Here a word is stemmed in a fixed buffer and the stem, when it is a prefix of the
// word, as it nearly always is, is returned without allocating.
//
// The rules follow that module step by step, its departures from the published algorithm
// included (for instance, each step tries its suffixes in its own order and stops at the first
// that ends the word, even when that suffix then fails its region test): the point is the same
// stems, not a second reading of the algorithm. The tests compare the two on every word of the
// repository's texts, on generated words and by fuzzing.
package porter2

import "github.com/kljensen/snowball/english"

// maxWord is the longest word the byte path stems; longer ones go to english.Stem.
const maxWord = 64

// Stem returns the Porter2 stem of word exactly as english.Stem(word, stemStopWords) does.
// The result may share memory with word.
func Stem(word string, stemStopWords bool) string {
	if !isPlain(word) {
		return english.Stem(word, stemStopWords)
	}
	if len(word) <= 2 || (!stemStopWords && english.IsStopWord(word)) {
		return word
	}
	if s, ok := special[word]; ok {
		return s
	}
	var w stemmer
	w.n = copy(w.buf[:], word)
	w.stem()
	if b := w.word(); len(b) <= len(word) && string(b) == word[:len(b)] {
		return word[:len(b)]
	}
	return string(w.word())
}

// isPlain reports whether word takes the byte path: at most maxWord bytes, all of them
// lower-case ASCII letters or apostrophes. (english.Stem trims spaces and lower-cases first;
// such words have nothing to trim or lower.)
func isPlain(word string) bool {
	if len(word) > maxWord {
		return false
	}
	for i := 0; i < len(word); i++ {
		if c := word[i]; (c < 'a' || c > 'z') && c != '\'' {
			return false
		}
	}
	return true
}

// special holds the words english.Stem stems by a table instead of by the rules.
var special = map[string]string{
	"skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie",
	"idly": "idl", "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli",
	"singly": "singl", "sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas",
	"cosmos": "cosmos", "bias": "bias", "andes": "andes",
	"inning": "inning", "innings": "inning", "outing": "outing", "outings": "outing",
	"canning": "canning", "cannings": "canning", "herring": "herring", "herrings": "herring",
	"earring": "earring", "earrings": "earring",
	"proceed": "proceed", "proceeds": "proceed", "proceeded": "proceed", "proceeding": "proceed",
	"exceed": "exceed", "exceeds": "exceed", "exceeded": "exceed", "exceeding": "exceed",
	"succeed": "succeed", "succeeds": "succeed", "succeeded": "succeed", "succeeding": "succeed",
}

// stemmer is one word being stemmed: its bytes ('Y' marks a y that acts as a consonant) and
// the starts of its regions R1 and R2, which never exceed its length. The word lives in a
// fixed array, not a slice the methods append to, so that it stays on the caller's stack.
type stemmer struct {
	buf    [maxWord + 1]byte // the word is buf[off:n]; step 1b may add a byte
	off, n int
	r1, r2 int // offsets in the word, not in buf
}

// word returns the word being stemmed, in w's array.
func (w *stemmer) word() []byte { return w.buf[w.off:w.n] }

// len returns the length of the word.
func (w *stemmer) len() int { return w.n - w.off }

// replace swaps the last k bytes of the word for repl, then keeps R1 and R2 within the
// new word (a region that reached into the swapped bytes keeps its start if it still can).
func (w *stemmer) replace(k int, repl string) {
	w.n -= k
	w.n += copy(w.buf[w.n:], repl)
	w.r1 = min(w.r1, w.len())
	w.r2 = min(w.r2, w.len())
}

// stem runs the steps of english.Stem after its table of special words.
func (w *stemmer) stem() {
	w.preprocess()
	w.step0()
	w.step1a()
	w.step1b()
	w.step1c()
	w.step2()
	w.step3()
	w.step4()
	w.step5()
	b := w.word()
	for i, c := range b {
		if c == 'Y' {
			b[i] = 'y'
		}
	}
}

// isVowel reports whether c is a lower-case vowel; y counts, 'Y' does not. It looks c up in a
// table: a switch compiled to a chain of comparisons, and the steps test a letter at a time.
func isVowel(c byte) bool { return vowels[c] }

// vowels marks the bytes isVowel accepts.
var vowels = [256]bool{'a': true, 'e': true, 'i': true, 'o': true, 'u': true, 'y': true}

// preprocess drops leading apostrophes, marks consonant y's as 'Y' and finds R1 and R2.
func (w *stemmer) preprocess() {
	b := w.word()
	i := 0
	for i < len(b)-1 && b[i] == '\'' {
		i++
	}
	// english.Stem counts the apostrophes with a range loop that stops at the last rune even
	// when it is one too: a word of apostrophes only keeps its last.
	w.off = i
	b = w.word()
	for i, c := range b {
		if c == 'y' && (i == 0 || isVowel(b[i-1])) {
			b[i] = 'Y'
		}
	}
	switch {
	case hasPrefix(b, "gener"), hasPrefix(b, "arsen"):
		w.r1 = 5
	case hasPrefix(b, "commun"):
		w.r1 = 6
	default:
		w.r1 = w.vnv(0)
	}
	w.r2 = w.vnv(w.r1)
}

// vnv returns the offset just past the first non-vowel that follows a vowel at or after
// start, or len(b).
func (w *stemmer) vnv(start int) int {
	b := w.word()
	for j := start + 1; j < len(b); j++ {
		if isVowel(b[j-1]) && !isVowel(b[j]) {
			return j + 1
		}
	}
	return len(b)
}

func hasPrefix(b []byte, p string) bool { return len(b) >= len(p) && string(b[:len(p)]) == p }

// hasSuffix reports whether b ends with s, which is not empty. The bytes are compared from
// the last: most of the suffixes a step tries fail there or at the one before, and a suffix
// is too short for a call to the runtime's comparison to pay.
func hasSuffix(b []byte, s string) bool {
	if len(b) < len(s) {
		return false
	}
	b = b[len(b)-len(s):]
	for i := len(s) - 1; i >= 0; i-- {
		if b[i] != s[i] {
			return false
		}
	}
	return true
}

// suffixList is the suffixes one step tries, in its order, filed by their last byte: a word
// ending in c can only end in the suffixes of entry c, which keep their order there.
type suffixList [128][]string

// newSuffixList files suffixes, none of them empty, all ASCII, by their last byte.
func newSuffixList(suffixes ...string) *suffixList {
	var l suffixList
	for _, s := range suffixes {
		c := s[len(s)-1]
		l[c] = append(l[c], s)
	}
	return &l
}

// firstSuffix returns the first suffix of l that ends the word, or "".
func (w *stemmer) firstSuffix(l *suffixList) string {
	b := w.word()
	if len(b) == 0 || b[len(b)-1] >= 128 {
		return ""
	}
	for _, s := range l[b[len(b)-1]] {
		if hasSuffix(b, s) {
			return s
		}
	}
	return ""
}

// The suffixes of each step, in the order english.Stem tries them.
var (
	step0Suffixes  = newSuffixList("'s'", "'s", "'")
	step1aSuffixes = newSuffixList("sses", "ied", "ies", "us", "ss", "s")
	step1bSuffixes = newSuffixList("eedly", "ingly", "edly", "ing", "eed", "ed")
	step1bEndings  = newSuffixList("at", "bl", "iz", "bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt")
	step2Suffixes  = newSuffixList(
		"ational", "fulness", "iveness", "ization", "ousness",
		"biliti", "lessli", "tional", "alism", "aliti", "ation",
		"entli", "fulli", "iviti", "ousli", "anci", "abli",
		"alli", "ator", "enci", "izer", "bli", "ogi", "li",
	)
	step3Suffixes = newSuffixList("ational", "tional", "alize", "icate", "ative", "iciti", "ical", "ful", "ness")
	step4Suffixes = newSuffixList(
		"ement", "ance", "ence", "able", "ible", "ment",
		"ent", "ant", "ism", "ate", "iti", "ous", "ive",
		"ize", "ion", "al", "er", "ic",
	)
)

// inR1 reports whether the last n bytes lie in R1.
func (w *stemmer) inR1(n int) bool { return n <= w.len()-w.r1 }

// step0 removes a final "'s'", "'s" or "'".
func (w *stemmer) step0() {
	w.replace(len(w.firstSuffix(step0Suffixes)), "")
}

// step1a deals with plurals ending in s.
func (w *stemmer) step1a() {
	switch s := w.firstSuffix(step1aSuffixes); s {
	case "sses":
		w.replace(4, "ss")
	case "ies", "ied":
		if w.len() > 4 {
			w.replace(3, "i")
		} else {
			w.replace(3, "ie")
		}
	case "s":
		// Deleted when a vowel comes before the letter before the s (gaps, not gas).
		b := w.word()
		for i := 0; i < len(b)-2; i++ {
			if isVowel(b[i]) {
				w.replace(1, "")
				return
			}
		}
	}
}

// step1b deals with -eed, -ed, -ing and their -ly forms.
func (w *stemmer) step1b() {
	s := w.firstSuffix(step1bSuffixes)
	switch s {
	case "":
		return
	case "eed", "eedly":
		if w.inR1(len(s)) {
			w.replace(len(s), "ee")
		}
		return
	}
	vowel := false
	for _, c := range w.word()[:w.len()-len(s)] {
		if isVowel(c) {
			vowel = true
			break
		}
	}
	if !vowel {
		return
	}
	r1, r2 := w.r1, w.r2
	w.replace(len(s), "")
	switch t := w.firstSuffix(step1bEndings); t {
	case "":
		if w.isShort() {
			w.replace(0, "e")
			w.r1, w.r2 = w.len(), w.len()
			return
		}
	case "at", "bl", "iz":
		w.replace(0, "e")
	default:
		w.replace(1, "")
	}
	w.r1, w.r2 = min(r1, w.len()), min(r2, w.len())
}

// step1c turns a final y or Y after a consonant into i, except as the second letter.
func (w *stemmer) step1c() {
	b := w.word()
	if n := len(b); n > 2 && (b[n-1] == 'y' || b[n-1] == 'Y') && !isVowel(b[n-2]) {
		b[n-1] = 'i'
	}
}

// step2 replaces derivational suffixes in R1.
func (w *stemmer) step2() {
	s := w.firstSuffix(step2Suffixes)
	if s == "" || !w.inR1(len(s)) {
		return
	}
	b := w.word()
	n := len(b)
	switch s {
	case "li":
		if n >= 3 {
			switch b[n-3] {
			case 'c', 'd', 'e', 'g', 'h', 'k', 'm', 'n', 'r', 't':
				w.replace(2, "")
			}
		}
		return
	case "ogi":
		if n >= 4 && b[n-4] == 'l' {
			w.replace(3, "og")
		}
		return
	}
	w.replace(len(s), step2Repl[s])
}

// step2Repl maps the suffixes of step 2 to their replacements, "li" and "ogi" apart.
var step2Repl = map[string]string{
	"tional": "tion", "enci": "ence", "anci": "ance", "abli": "able", "entli": "ent",
	"izer": "ize", "ization": "ize", "ational": "ate", "ation": "ate", "ator": "ate",
	"alism": "al", "aliti": "al", "alli": "al", "fulness": "ful", "ousli": "ous", "ousness": "ous",
	"iveness": "ive", "iviti": "ive", "biliti": "ble", "bli": "ble", "fulli": "ful", "lessli": "less",
}

// step3 replaces further derivational suffixes in R1.
func (w *stemmer) step3() {
	s := w.firstSuffix(step3Suffixes)
	if s == "" || !w.inR1(len(s)) {
		return
	}
	switch s {
	case "ative":
		if w.len()-w.r2 >= 5 {
			w.replace(5, "")
		}
	case "ational":
		w.replace(7, "ate")
	case "tional":
		w.replace(6, "tion")
	case "alize":
		w.replace(5, "al")
	case "icate", "iciti", "ical":
		w.replace(len(s), "ic")
	default: // "ful", "ness"
		w.replace(len(s), "")
	}
}

// step4 removes suffixes in R2.
func (w *stemmer) step4() {
	s := w.firstSuffix(step4Suffixes)
	if s == "" || len(s) > w.len()-w.r2 {
		return
	}
	if s == "ion" {
		if b, n := w.word(), w.len(); n < 4 || (b[n-4] != 's' && b[n-4] != 't') {
			return
		}
	}
	w.replace(len(s), "")
}

// step5 removes a final e, and the second l of a final ll, under the rule's conditions.
func (w *stemmer) step5() {
	b := w.word()
	last := len(b) - 1
	if w.r1 > last {
		return
	}
	switch {
	case b[last] == 'e':
		if w.r2 <= last || !w.endsShort(last) {
			w.replace(1, "")
		}
	case w.r2 <= last && b[last] == 'l' && last >= 1 && b[last-1] == 'l':
		w.replace(1, "")
	}
}

// isShort reports whether the word is short: R1 is empty and it ends in a short syllable.
func (w *stemmer) isShort() bool {
	return w.r1 >= w.len() && w.endsShort(w.len())
}

// endsShort reports whether b[:i] ends in a short syllable: a vowel followed by a non-vowel
// other than w, x or Y and preceded by a non-vowel, or, for i == 2, a vowel then a non-vowel.
func (w *stemmer) endsShort(i int) bool {
	b := w.word()
	switch {
	case i == 2:
		return isVowel(b[0]) && !isVowel(b[1])
	case i >= 3:
		c := b[i-1]
		return !isVowel(c) && c != 'w' && c != 'x' && c != 'Y' && isVowel(b[i-2]) && !isVowel(b[i-3])
	}
	return false
}
