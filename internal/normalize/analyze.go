package normalize

import (
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/zeebo/xxh3"
)

// Version identifies the normalisation rules; bump it when tokens or sentences change
// (stored in on-disk indexes). 2: hard-wrapped lines are joined into paragraphs. 3: scripts
// without spaces are cut into character bigrams; 。؟।۔ end sentences; terms fold script
// variants (fold.go).
const Version = 3

// Analyzer turns raw text into a [Document]. It is not safe for concurrent use
// (it owns a stem cache): create one per worker goroutine. The zero value is
// not usable; call [New].
type Analyzer struct {
	lang  *language  // the language of the document being analysed
	cache *stemCache // surface form of a word -> what Analyze stores for it, in lang
	// auto is set for [Auto]: each document's language is detected, and caches keeps a stem
	// cache per language met, since a surface form stems differently in each.
	auto   bool
	caches map[*language]*stemCache
	lines  widthHistogram // scratch for measureLines
	// pending lists the tokens of the document being analysed whose Hash holds the cache key
	// of their word, to be looked up by resolve.
	pending []int32
	lower   [64]byte // scratch for the lower-cased form of a word (analyzeWord)
}

// entry is the cached analysis of one surface form.
type entry struct {
	hash   uint64
	stop   bool
	number bool // the word holds an ASCII digit: see Token.Number
}

// New returns an Analyzer for lang, one of [Languages] ("english" when empty) or [Auto], which
// detects each document's language. Any other name is an error that lists the valid ones.
func New(lang string) (*Analyzer, error) {
	if lang == "" {
		lang = "english"
	}
	if lang == Auto {
		a := &Analyzer{auto: true, caches: map[*language]*stemCache{}}
		a.use(languages["english"])
		return a, nil
	}
	l, ok := languages[lang]
	if !ok {
		return nil, fmt.Errorf("unknown language %q (valid: %s, %s)", lang, Auto, strings.Join(Languages(), ", "))
	}
	return &Analyzer{lang: l, cache: newStemCache(4096)}, nil
}

// use makes l the language of the documents that follow, with its own cache.
func (a *Analyzer) use(l *language) {
	if a.lang == l {
		return
	}
	c, ok := a.caches[l]
	if !ok {
		c = newStemCache(4096)
		a.caches[l] = c
	}
	a.lang, a.cache = l, c
}

// Language returns the language of the last document analysed: the fixed language of the
// Analyzer, or what [Auto] detected ("english" before any document).
func (a *Analyzer) Language() string { return a.lang.name }

// Token is one word of a Document.
type Token struct {
	Hash  uint64 // xxh3 hash of the stemmed, lower-cased term (the only thing later stages need)
	Start int32  // byte offset of the word in Document.Text
	End   int32  // byte offset just past the word
	Stop  bool   // the word is a stop word of the language
	// Number reports that the word holds an ASCII digit ("600,000", "1916", "g7"), as
	// Text[Start:End] shows it: the sketch marks such terms (sketch.Term) without reading the
	// text again.
	Number bool
	// Quoted reports that the word stands inside double quotation marks: someone's words, which
	// reporters who heard them quote alike, so weaker evidence of copying than narration.
	Quoted bool
	// Unit reports that the token is a unit of a script written without spaces (segment.go): an
	// overlapping character bigram, or a lone character, not a word.
	Unit bool
}

// Sentence is a run of tokens ending at sentence punctuation or a line break.
type Sentence struct {
	Start, End  int32 // byte range in Document.Text (trimmed of surrounding space)
	First, Last int32 // token index range [First, Last) in Document.Tokens
}

// Document is the analysed form of one text.
type Document struct {
	Lang      string // the language the words were analysed in, one of [Languages]
	Text      string // the normalised text (NOT lower-cased; readable, shown to users)
	Tokens    []Token
	Sentences []Sentence
}

// Analyze normalises raw with [Text] and cuts it into tokens and sentences.
// It never fails: empty input gives an empty Document. The Document shares no
// memory with the Analyzer. Text longer than 2 GiB, which int32 offsets cannot
// address, is cut to the last whole rune before that limit.
func (a *Analyzer) Analyze(raw string) Document {
	var doc Document
	a.AnalyzeInto(&doc, raw)
	return doc
}

// AnalyzeInto is Analyze storing its result in *doc, reusing the memory of doc's Tokens and
// Sentences: a caller that turns each document into something smaller and drops it (as a scan
// turns it into a sketch) analyses a stream of documents with one pair of buffers instead of
// allocating and collecting new ones each time, which are most of what a scan allocates.
func (a *Analyzer) AnalyzeInto(doc *Document, raw string) {
	text := Text(raw)
	if len(text) > math.MaxInt32 {
		n := math.MaxInt32
		for n > 0 && !utf8.RuneStart(text[n]) {
			n--
		}
		text = text[:n]
	}
	if a.auto {
		a.use(detect(text))
	}
	*doc = Document{Lang: a.lang.name, Text: text, Tokens: doc.Tokens[:0], Sentences: doc.Sentences[:0]}
	if text == "" {
		return
	}
	// English news averages about 6 bytes a word and 130 a sentence; the
	// estimates make regrowth rare without holding much unused memory.
	toks := slices.Grow(doc.Tokens, len(text)/5+8)
	sents := slices.Grow(doc.Sentences, len(text)/100+2)

	ln := line{breaks: measureLines(text, &a.lines), first: true}
	segStart, segEnd := -1, 0 // bytes of the current sentence seen so far; -1 before its first
	first := 0                // index of its first token
	quoted := false           // inside double quotation marks; a paragraph's end closes them
	pairs := guillemetPairs{closer: [2]int{-1, -1}, blank: -1}
	flush := func() {
		if len(toks) > first {
			sents = append(sents, Sentence{int32(segStart), int32(segEnd), int32(first), int32(len(toks))})
			first = len(toks)
		}
		segStart = -1
	}

	for i := 0; i < len(text); {
		c := text[i]
		if asciiWord[c] {
			var end int
			if toks, end = a.plainWords(toks, text, i, quoted); end > i {
				if segStart < 0 {
					segStart = i
				}
				segEnd, i = end, end
				continue
			}
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case isWordRune(r):
			if r >= unspacedMin && isUnspaced(r) {
				end := unspacedEnd(text, i)
				toks = a.appendUnits(toks, text, i, end, quoted)
				if segStart < 0 {
					segStart = i
				}
				segEnd, i = end, end
				continue
			}
			end, acronym := scanWord(text, i)
			var e entry
			pending := false
			if nl := end + 1; !acronym && nl < len(text) && text[nl] == '\n' && joinsWord(text, nl) && ln.soft(text, nl) {
				// "Ma-\njor": one word across a soft line break.
				ln.next(text, nl)
				rest, _ := scanWord(text, ln.start)
				e = a.lookup(text[i:end]+text[ln.start:rest], false)
				end = rest
			} else if acronym {
				e = a.lookup(text[i:end], true)
			} else {
				e.hash, pending = cacheKey(text[i:end]), true
			}
			if pending {
				a.pending = append(a.pending, int32(len(toks)))
			}
			toks = append(toks, Token{Hash: e.hash, Start: int32(i), End: int32(end), Stop: e.stop, Number: e.number, Quoted: quoted})
			if segStart < 0 {
				segStart = i
			}
			segEnd, i = end, end
			if acronym && text[end-1] == '.' {
				segEnd = skipClosers(text, end)
				quoted = quotedAfter(text[end:segEnd], quoted)
				i = segEnd
				if a.breaksAfter(text, i, abbrevOther, &ln) {
					flush()
				}
			}
		case r == '\n':
			if !ln.next(text, i) {
				flush()
				quoted = false
			}
			i++
		case r == ' ' || r == '\t' || r == '\v' || r == '\f':
			if i > 0 && text[i-1] >= utf8.RuneSelf && r == ' ' && isThaiSpace(text, i) {
				flush()
			}
			i++
		case r == '.' || r == '!' || r == '?' || r >= utf8.RuneSelf && isFullStop(r):
			if segStart < 0 {
				segStart = i
			}
			kind := abbrevNone
			hard := r >= utf8.RuneSelf // 。؟।۔ end a sentence wherever they stand
			if len(toks) > 0 && int(toks[len(toks)-1].End) == i {
				last := text[toks[len(toks)-1].Start:toks[len(toks)-1].End]
				if r == '.' {
					kind = abbrevKind(last)
				}
				// Text without spaces puts none after its sentences either.
				hard = hard || last[0] >= utf8.RuneSelf && isUnspacedWord(last)
			}
			segEnd = skipClosers(text, i+size)
			quoted = quotedAfter(text[i:segEnd], quoted)
			if segEnd < len(text) && text[segEnd] >= utf8.RuneSelf {
				hard = unspacedBreak(text, i+size, segEnd, hard)
			}
			i = segEnd
			if hard || a.breaksAfter(text, i, kind, &ln) {
				flush()
			}
		default:
			if segStart < 0 {
				segStart = i
			}
			switch r {
			case '"':
				quoted = !quoted
			case '«', '»':
				// Inside a quotation either closes it (French «…», German »…«); outside, it
				// opens one only if its pair follows (see guillemetPairs).
				quoted = !quoted && pairs.follows(text, i+size, r)
			case '「', '『':
				quoted = true
			case '」', '』':
				quoted = false
			}
			i += size
			segEnd = i
		}
	}
	flush()
	a.resolve(text, toks)
	doc.Tokens, doc.Sentences = toks, sents
}

// plainWords appends to toks the tokens of the plain words that start at text[i], one after
// another with a space between them, and returns toks and the end of the last of them: i when
// the word at text[i] is not plain. A plain word is a run of ASCII letters and digits that
// scanWord would cut there and call no acronym, and that does not go on across a line break
// (see [plainAfter]). plainWords does for them what the general loop of AnalyzeInto does for
// any word, in a loop of its own that calls no function for most of them: most words of English
// text are plain, and the general loop keeps so many variables that every turn of it, and every
// call in it, stores and reloads them.
func (a *Analyzer) plainWords(toks []Token, text string, i int, quoted bool) ([]Token, int) {
	end, pending := i, a.pending
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
			key = max(mix64(v&(^uint64(0)>>(64-8*n)))&^3, 4)
		case n > 8 && n <= 16:
			key = max(mix2(v, load64(text[j-8:]), n)&^3, 4)
		default:
			key = cacheKey(text[i:j])
		}
		pending = append(pending, int32(len(toks)))
		toks = append(toks, Token{Hash: key, Start: int32(i), End: int32(j), Quoted: quoted})
		end = j
		if j+1 >= len(text) || text[j] != ' ' {
			break
		}
		i = j + 1
	}
	a.pending = pending
	return toks, end
}

// wordPrefix returns how many of the eight bytes of v, from the lowest, are ASCII letters or
// digits before the first that is not (8 when all are), as asciiWord tells them: the bytes are
// tested together, with arithmetic on their low seven bits, which carries into no other byte.
func wordPrefix(v uint64) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	low := v &^ highs
	folded := low | 0x20*ones // an ASCII letter in lower case; no other byte becomes one
	letter := (folded + (0x80-'a')*ones) &^ (folded + (0x7f-'z')*ones)
	digit := (low + (0x80-'0')*ones) &^ (low + (0x7f-'9')*ones)
	word := (letter | digit) &^ v & highs // a byte with its top bit set is not ASCII
	return bits.TrailingZeros64(^word&highs) / 8
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

// resolve replaces the cache key in the Hash of each pending token with its term's hash and
// sets its Stop and Number flags. The words are looked up in loops of their own, after the text is cut:
// first in the front cache alone, then the rest in the table alone, and only then are the
// words found in neither analysed. The lookups of each of the first two loops are independent
// of each other, so the processor overlaps their memory accesses (the front cache spans
// 1 MiB, the table 4 MiB) instead of waiting for each in turn; stemming a word between two
// lookups of the table, as one loop did, kept them apart. On the chronam articles the first
// loop made analysis 10-15% faster.
func (a *Analyzer) resolve(text string, toks []Token) {
	cold := a.pending[:0]
	for _, i := range a.pending {
		t := &toks[i]
		if e, ok := a.cache.getHot(t.Hash); ok {
			t.Hash, t.Stop, t.Number = e.hash, e.stop, e.number
		} else {
			cold = append(cold, i)
		}
	}
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
		// A word missed twice in one document is in the cache the second time.
		e, ok := a.cache.get(t.Hash)
		if !ok {
			e = a.miss(t.Hash, text[t.Start:t.End], false)
		}
		t.Hash, t.Stop, t.Number = e.hash, e.stop, e.number
	}
	a.pending = a.pending[:0]
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

// guillemetPairs tells whether a guillemet opens a quotation: only when the other guillemet
// follows before the paragraph ends, at a blank line or the end of the text. Guillemets come in
// pairs, «…» in French or Russian and »…« in German; one without its pair is no quotation mark,
// and OCR makes many of them out of specks on the page ("tb« massacre", "issue «)f the"), each
// of which would otherwise quote the rest of its paragraph. The next place of each guillemet
// and of a blank line are remembered, so that a text is searched once whatever its guillemets.
type guillemetPairs struct {
	closer [2]int // the next » and «, len(text)+1 for none; -1 before the first search
	blank  int    // the next blank line, len(text) for none; -1 before the first search
}

// follows reports whether the guillemet r, which ends at text[next], has its pair after it in
// its paragraph. Calls must come with non-decreasing next.
func (g *guillemetPairs) follows(text string, next int, r rune) bool {
	k, closer := 0, "»"
	if r == '»' {
		k, closer = 1, "«"
	}
	if g.closer[k] < next {
		g.closer[k] = len(text) + 1
		if i := strings.Index(text[next:], closer); i >= 0 {
			g.closer[k] = next + i
		}
	}
	if g.blank < next {
		g.blank = len(text)
		if i := strings.Index(text[next:], "\n\n"); i >= 0 {
			g.blank = next + i
		}
	}
	return g.closer[k] < g.blank
}
