package normalize

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Version identifies the normalisation rules; bump it when tokens or sentences change
// (stored in on-disk indexes). 2: hard-wrapped lines are joined into paragraphs. 3: scripts
// without spaces are cut into character bigrams; 。؟।۔ end sentences; terms fold script
// variants (fold.go). 4: single quotation marks quote words as double ones do (singleQuote).
// 5: doubled grave accents and apostrophes quote words as TeX and TREC's archives write
// them (see texQuotes); single marks quote in a text whose first quotation opens with one,
// though double marks stand inside (see singleOuter). 6: C1 controls are read as the
// Windows-1252 characters of their bytes (see c1); bidirectional marks are removed as
// zero-width characters are; a soft hyphen before a line break is a hyphen there;
// in a text written in capitals, capitals mark no acronym, name or headline (capitalsText).
// 7: in a hard-wrapped text a break inside a hyphenated word is soft whatever the lines around
// it (it was hard after a short line or one in title case, and cut the word in two); --lang
// auto reads a Latin text with accented letters in a language other than English on fewer of
// its stop words (detect.go, byStopWords); Greek terms lose their accents and final sigma,
// Turkish ı is i (fold.go); a Japanese bigram in hiragana only is a stop word (segment.go);
// German dates ("3. Oktober"), a few abbreviations of other languages and a letter of another
// script before a dot (Greek κ., Arabic د.) end no sentence (sentence.go). 8: --lang auto reads
// a Cyrillic text with the letters only Ukrainian writes as Ukrainian, not Russian (detect.go,
// minUkrainian).
const Version = 8

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
	// cold is resolve's scratch: the tokens whose words it did not find in the front cache.
	cold  []int32
	lower [64]byte // scratch for the lower-cased form of a word (analyzeWord)
	// short is the shortSet of shortLang, the language ShortWord last answered in.
	short     *shortSet
	shortLang *language
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
	// Quoted reports that the word stands inside quotation marks (double ones, doubled grave
	// accents and apostrophes in a text that quotes so, or single ones in a text without
	// double ones; see texQuotes and singleQuote): someone's words, which reporters who
	// heard them quote alike, so weaker evidence of copying than narration.
	Quoted bool
	// Unit reports that the token is a unit of a script written without spaces (segment.go): an
	// overlapping character bigram, or a lone character, not a word.
	Unit bool
	// Capital reports that the word begins with an upper-case letter (false for a unit): the
	// sketch marks such words (sketch.Sketch.Capitals) without reading the text again, which
	// cost a cache miss a word where the text had left the cache.
	Capital bool
	// key marks a token whose Hash still holds the cache key of its word (cacheKey) while
	// AnalyzeInto cuts the text, for resolve to look up; it is false in every token
	// AnalyzeInto returns.
	key bool
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
	// Garbled and Counted are the words of Text that look like OCR debris and those judged,
	// by [Garble], in its first GarbleSample bytes; both 0 for a text not in English (see
	// [Document.Garble]).
	Garbled, Counted int
}

// Garble returns the share of the words of d that look like OCR debris (see [Garble]), or
// -1 when it was not measured: a text not in English, or with no word to judge.
//
// Only English is judged, the language of the texts the bound of a clean corpus was measured
// on (verify.Params.StrictGarble): clean French news shows one word in 15 as debris ("a",
// "où", "ni" are no stop words of its list), more than OCR'd English pages of 1916, and in a
// script written without spaces the pieces between spaces are no words.
func (d *Document) Garble() float64 { return GarbleShare(d.Garbled, d.Counted) }

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
	ln.breaks.capitals = capitalsText(text)
	segStart, segEnd := -1, 0 // bytes of the current sentence seen so far; -1 before its first
	first := 0                // index of its first token
	quoted := false           // inside double quotation marks; a paragraph's end closes them
	single := false           // inside single quotation marks (see singleQuote); so does it
	// A text that quotes in double marks uses single ones for apostrophes and quotations
	// within quotations: only a text whose quotations open with single marks quotes in them,
	// as British papers do (see singleOuter). Single marks read as quotations in every text
	// cost the chronam dev set one of its 307 copies (OCR puts stray marks before words, and
	// one opened a quotation in an American paper of 1916); read so only in texts without
	// double marks, none, and in those whose first quotation opens with a single mark too.
	tex := texQuotes(text)
	britishQuotes := !tex && singleOuter(text)
	pairs := guillemetPairs{closer: [2]int{-1, -1}, blank: -1}
	units := 0 // tokens that are units of a script written without spaces
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
			if toks, end = a.plainWords(toks, text, i, quoted || single); end > i {
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
				end, n := unspacedEnd(text, i), len(toks)
				toks = a.appendUnits(toks, text, i, end, quoted || single)
				units += len(toks) - n
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
			toks = append(toks, Token{Hash: e.hash, Start: int32(i), End: int32(end), Stop: e.stop, Number: e.number, Quoted: quoted || single, Capital: isUpper(r), key: pending})
			if segStart < 0 {
				segStart = i
			}
			segEnd, i = end, end
			if acronym && text[end-1] == '.' {
				segEnd = skipClosers(text, end)
				quoted = quotedAfter(text[end:segEnd], quoted, tex)
				single = single && !strings.Contains(text[end:segEnd], "'")
				i = segEnd
				if a.breaksAfter(text, i, abbrevOther, &ln) {
					flush()
				}
			}
		case r == '\n':
			if !ln.next(text, i) {
				flush()
				quoted, single = false, false
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
			quoted = quotedAfter(text[i:segEnd], quoted, tex)
			single = single && !strings.Contains(text[i:segEnd], "'")
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
			case '`':
				if tex && strings.HasPrefix(text[i+1:], "`") {
					quoted, size = true, 2
				}
			case '\'':
				if tex && strings.HasPrefix(text[i+1:], "'") {
					quoted, size = false, 2
					break
				}
				single = britishQuotes && singleQuote(text, i, single)
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
	if ln.breaks.capitals {
		a.uncapitalise(text, toks)
	}
	doc.Tokens, doc.Sentences = toks, sents
	if a.lang.name == "english" && 2*units < len(toks) {
		doc.Garbled, doc.Counted = garbleTokens(text, garbleSample(text), toks, a)
	}
}

// GarbleSample is how many bytes of a text, at most, the analyser judges for its garble share
// (see [Garble]), cut at a space: about 300 words. Only the median over a corpus decides
// anything, and OCR garbles a page's words alike from its top to its bottom; judged whole,
// the texts of the generated 100,000-article corpus cost 16% more CPU to scan, judged so 4%.
const GarbleSample = 2048

// garbleSample returns the start of text that the analyser judges for its garble share.
func garbleSample(text string) string {
	if len(text) <= GarbleSample {
		return text
	}
	if k := strings.LastIndexAny(text[:GarbleSample], " \n\t"); k > 0 {
		return text[:k]
	}
	return text[:GarbleSample]
}

// uncapitalise makes the tokens of text, a text written in capitals (see capitalsText), what
// they would be in lower case: a word in capitals is a stop word when its lower case is one,
// and no word is capitalised. In such a text capitals say nothing: taken as acronyms and
// names, "THE" and "OF" were content words, and an upper-cased copy of an article shared a
// third of its shingles with it.
func (a *Analyzer) uncapitalise(text string, toks []Token) {
	for k := range toks {
		tk := &toks[k]
		tk.Capital = false
		word := text[tk.Start:tk.End]
		if tk.Stop || tk.Number || strings.IndexByte(word, '.') >= 0 || !isCapitals(word) {
			continue
		}
		tk.Stop = a.lang.stop(a.trimPossessive(strings.ToLower(word)))
	}
}

// capitalsText reports whether text is written in capitals, as telegraph and early wire copy
// and some forms are: at least 100 letters with case, fewer than one in twenty of them lower
// case. It stops at the first lower-case letters that rule it out, within the first words of
// most texts.
func capitalsText(text string) bool {
	upper, lower := 0, 0
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case 'A' <= c && c <= 'Z':
			upper++
			i++
		case 'a' <= c && c <= 'z':
			lower++
			i++
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRuneInString(text[i:])
			if unicode.IsUpper(r) || unicode.IsTitle(r) {
				upper++
			} else if unicode.IsLower(r) {
				lower++
			}
			i += size
		}
		if lower > 5 && 19*lower >= upper {
			return false
		}
	}
	return upper+lower >= 100 && 19*lower < upper
}
