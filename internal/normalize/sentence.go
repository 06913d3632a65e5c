package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// What a word before a dot can be, for sentence splitting.
const (
	abbrevNone  = iota // an ordinary word or number: the dot may end a sentence
	abbrevTitle        // "Mr", "Dr", "Sen": a name follows, the dot never ends a sentence
	abbrevOther        // "Jan", "Inc", "etc", a dotted acronym or an initial ("J")
	abbrevDay          // a number of one or two digits: a German date's day ("am 3. Oktober")
)

// titles precede a name, so a dot after them never ends a sentence.
var titles = setOf(
	"mr", "mrs", "ms", "messrs", "dr", "prof", "rev", "hon", "pres", "gov",
	"sen", "rep", "gen", "col", "maj", "capt", "cmdr", "adm", "lt", "sgt", "cpl",
	"supt", "insp", "det", "sens", "reps", "govs", "gens", "drs", "profs",
	"sra", "srta", "dra", "mme", "mlle", "sig", "dott", "avv", "hr", // es, fr, it, de
)

// abbreviations may end a sentence ("... said Smith Jr. The ..."), but rarely
// do; see [Analyzer.breaksAfter].
var abbreviations = setOf(
	"jr", "sr", "st", "mt", "ft", "no", "nos", "vs", "etc", "approx", "est",
	"inc", "ltd", "co", "corp", "bros", "dept", "univ", "fig", "vol", "ed", "al",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"ee", "uu", "nr", "bzw", "usw", "ca", "vgl", "ggf", "z", // es "EE. UU.", de "z. B."
)

// germanMonths follow the dot of a day in a German date ("am 3. Oktober"), which ends no
// sentence.
var germanMonths = []string{
	"januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august",
	"september", "oktober", "november", "dezember",
}

// isGermanMonth reports whether word names a month in German, in any case; it allocates
// nothing, as the analysis of a text must not.
func isGermanMonth(word string) bool {
	for _, m := range germanMonths {
		if strings.EqualFold(word, m) {
			return true
		}
	}
	return false
}

// abbrevKind classifies the word just before a dot.
func abbrevKind(word string) int {
	if r, size := decode(word, 0); size == len(word) && (unicode.IsUpper(r) || r >= utf8.RuneSelf && unicode.IsLetter(r)) {
		// An initial, or a letter of another script: Greek κ. or Arabic د. (Mr, Dr). Lower-case
		// Latin letters alone are OCR noise as often, in old newspapers, and end sentences.
		return abbrevOther
	}
	if n := len(word); n <= 2 && '0' <= word[0] && word[0] <= '9' && '0' <= word[n-1] && word[n-1] <= '9' {
		return abbrevDay
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
	// lower is buf as a string, without the copy that string(buf[:n]) would make: has keeps
	// nothing of it.
	lower := unsafe.String(&buf[0], len(word))
	if titles.has(lower) {
		return abbrevTitle
	}
	if abbreviations.has(lower) {
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
		case '.', '!', '?', '"', '\'', ')', ']', '}', '»', '›',
			'。', '؟', '।', '॥', '۔', '」', '』', '》', '〉', '】', '〕':
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
	case '"', '\'', '`', '(', '[', '«', '‹', '¿', '¡', '「', '『', '《', '〈', '【', '〔':
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
	if !opened && !unicode.IsUpper(r) && !unicode.IsTitle(r) && !unicode.IsDigit(r) && !isCaseless(r) {
		return false
	}
	if kind == abbrevDay {
		// A German date's day: the month's name follows. Other numbers end sentences.
		end, _ := scanWord(text, k)
		return !isGermanMonth(text[k:end])
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

// isFullStop reports whether r, a non-ASCII rune, ends a sentence wherever it stands: the
// ideographic full stop 。 (NFKC has already made the full-width ！？． ASCII), the Arabic
// question mark ؟, the Devanagari danda । and double danda ॥ and the Urdu full stop ۔. None
// of them serves inside abbreviations or numbers, as '.' does.
func isFullStop(r rune) bool {
	switch r {
	case '。', '؟', '।', '॥', '۔':
		return true
	}
	return false
}

// isCaseless reports whether r is a letter of a script without case (Arabic, Devanagari,
// Hebrew, Thai ...): after '.', '!' or '?' and a space such a letter starts a sentence as a
// capital does in Latin script.
func isCaseless(r rune) bool {
	return r >= utf8.RuneSelf && unicode.IsLetter(r) && !unicode.IsUpper(r) && !unicode.IsLower(r) && !unicode.IsTitle(r)
}

// isThaiSpace reports whether the space at text[i] stands between two Thai or Lao characters.
// Thai and Lao end sentences, and many clauses, with a space instead of punctuation, and write
// no space between words, so such a space ends a sentence; the sentences are then often
// clauses, which alignment matches as it matches any short sentence.
func isThaiSpace(text string, i int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:i])
	if !isThaiLao(before) {
		return false
	}
	for i < len(text) && text[i] == ' ' {
		i++
	}
	if i == len(text) {
		return false
	}
	after, _ := decode(text, i)
	return isThaiLao(after) && !unicode.IsMark(after)
}

// isThaiLao reports whether r is in the Thai or Lao block.
func isThaiLao(r rune) bool { return 0x0E00 <= r && r <= 0x0EFF }

// quotedAfter returns whether the text is inside quotation marks after span, a run of sentence
// punctuation and closers, when it was quoted before it: each '"' opens or closes a quote,
// a closing guillemet or corner bracket closes it, and so do two apostrophes in a text that
// quotes as TeX does (tex, see texQuotes).
func quotedAfter(span string, quoted, tex bool) bool {
	quoted = quoted != (strings.Count(span, `"`)%2 == 1)
	if len(span) > 1 && (strings.ContainsAny(span, "»」』") || tex && strings.Contains(span, "''")) {
		quoted = false
	}
	return quoted
}

// singleOuter reports whether text quotes in single marks, as British papers do: it has no
// double marks, or a single mark opens a quotation (singleQuote) before its first double one,
// which then stands inside single ones ('He said "no",' she told the court). Read only in
// texts without double marks, the quotations of a British court report that quotes a
// nickname or a note inside one were narration, and reports that share the court's words
// share copied narration. On the 59,433 chronam articles (American, with stray marks OCR left
// before words) the rule moves the scores of 30 of the 31,898 verified pairs, drops 5 and
// adds 2, the labelled pairs' verdicts unchanged.
func singleOuter(text string) bool {
	d := strings.IndexByte(text, '"')
	if d < 0 {
		return true
	}
	for i := strings.IndexByte(text[:d], '\''); i >= 0; {
		if singleQuote(text, i, false) {
			return true
		}
		j := strings.IndexByte(text[i+1:d], '\'')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// texQuotes reports whether text quotes as TeX and the newswire archives of TREC do, two
// grave accents opening a quotation and two apostrophes closing it:
//
//	``We will win,'' he said.
//
// It does when it has two grave accents in a row, each at the start of a word: after a space,
// a bracket or a dash, or first. Then two apostrophes close a quotation wherever they stand.
// Elsewhere two apostrophes are not read so: OCR makes them out of specks and of straight
// double marks (the chronam-1916 articles hold 10,392 of them and no pair of grave accents),
// and they would open and close quotations at random. Nor are grave accents that end a word:
// reStructuredText and Markdown put code between two pairs of them (and Markdown's code
// blocks between three), and each pair would open a quotation to the end of its paragraph.
// Read as narration, the quotations of a text that quotes as TeX does count as copied
// narration: the 59,433 chronam-1916 articles with their straight double marks turned into
// TeX's verified 12 more false pairs of the dev set than with straight marks (precision 0.881
// against 0.914).
func texQuotes(text string) bool {
	found := false
	for i := strings.Index(text, "``"); i >= 0; {
		if strings.HasPrefix(text[i+2:], "`") {
			return false // a Markdown code fence, ```
		}
		if i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(text[:i])
			if !unicode.IsSpace(prev) && !strings.ContainsRune("([{-\u2014", prev) {
				return false
			}
		}
		found = true
		j := strings.Index(text[i+2:], "``")
		if j < 0 {
			break
		}
		i += 2 + j
	}
	return found
}

// singleQuote returns whether the text is inside single quotation marks after the mark ' at
// text[i], when it was before it. British papers quote in single marks ('I was terrified,' she
// told the court), which folding shares with the apostrophe (don't, Jones', 'em, '16), so a
// mark opens a quotation only at the start of a word that is not an elision: after a space, a
// line break, an opening bracket or a dash, and before a letter; and it closes one only at the
// end of a word or after punctuation, before a space, punctuation or the end. A word's inner
// apostrophe (don't) is part of the word and never seen here; a plural's (the boys' bikes)
// ends a quotation early, which leaves part of it counted as narration, the error the verifier
// made with every single quotation before.
func singleQuote(text string, i int, single bool) bool {
	if single {
		return !closesSingle(text, i)
	}
	if i > 0 {
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		if !unicode.IsSpace(prev) && !strings.ContainsRune("([-", prev) {
			return false
		}
	}
	end, _ := scanWord(text, i+1)
	if end == i+1 {
		return false
	}
	next, _ := decode(text, i+1)
	if !unicode.IsLetter(next) || elisions[strings.ToLower(text[i+1:end])] {
		return false
	}
	// A mark OCR left before a word ('tiding for "ending", 'a for "a") opens nothing: a
	// quotation of a few words ('no', 'the Kaiser's men') closes within singleShort bytes; a
	// longer one starts a clause with a capital ("She said: 'I was terrified,'") and closes
	// after punctuation within singleLong bytes, before a blank line.
	rest := text[end:min(len(text), end+singleLong)]
	if k := strings.Index(rest, "\n\n"); k >= 0 {
		rest = rest[:k]
	}
	for n, k := 0, strings.IndexByte(rest, '\''); n < singleMarks && k >= 0; n, k = n+1, strings.IndexByte(rest, '\'') {
		if at := end + k; closesSingle(text, at) {
			if at-i <= singleShort {
				return true
			}
			prev, _ := utf8.DecodeLastRuneInString(text[:at])
			if unicode.IsUpper(next) && strings.ContainsRune(",.!?", prev) && opensClause(text, i) {
				return true
			}
		}
		end += k + 1
		rest = rest[k+1:]
	}
	return false
}

// singleShort and singleLong bound the bytes from a single quotation mark that opens a
// quotation to the mark that closes it: a few words in any case, a few sentences when it
// quotes whole ones (see singleQuote). singleMarks bounds the marks tried as its end, so
// that a text of marks ("'a 'a 'a ...") costs no more than a few for each: a quotation
// holds few apostrophes.
const (
	singleShort = 40
	singleLong  = 600
	singleMarks = 8
)

// opensClause reports whether text[i] starts a line or follows punctuation and spaces, as a
// quotation of whole sentences does ("He said: 'We will appeal.'"), where a mark OCR left
// inside a line of an advertisement follows a word ("Land Office 'Business of all Kinds").
func opensClause(text string, i int) bool {
	before := strings.TrimRight(text[:i], " \t")
	if before == "" || before[len(before)-1] == '\n' {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	return strings.ContainsRune(":;,.!?-\u2013\u2014(", r)
}

// closesSingle reports whether the mark ' at text[i] can close a quotation: it ends a word or
// follows punctuation, and a space, punctuation or the end follows it.
func closesSingle(text string, i int) bool {
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	if !isWordRune(prev) && !strings.ContainsRune(",.;:!?", prev) {
		return false
	}
	if i+1 >= len(text) {
		return true
	}
	next, _ := decode(text, i+1)
	return unicode.IsSpace(next) || strings.ContainsRune(",.;:!?)]-", next)
}

// elisions are the words that English writes with an apostrophe in front ('em, 'tis), which
// open no quotation.
var elisions = map[string]bool{"em": true, "tis": true, "twas": true, "twere": true, "cause": true, "til": true, "till": true, "round": true, "bout": true, "n": true, "s": true, "t": true, "ll": true, "re": true, "ve": true, "d": true, "m": true}

// unspacedBreak decides whether sentence punctuation ends a sentence where no space follows it,
// as in Chinese and Japanese; the punctuation ends at text[closers], the closing quotes and
// brackets after it at text[next], before a non-ASCII rune. hard tells whether the punctuation
// was found to end one so far. After closers, a word that follows directly continues the
// sentence the quote stands in (「…。」と述べた, “…。”他说); otherwise a sentence ends
// before an unspaced letter or an opening corner bracket, since such text puts no space there.
func unspacedBreak(text string, closers, next int, hard bool) bool {
	r, _ := decode(text, next)
	if next > closers && isWordRune(r) {
		return false
	}
	return hard || isUnspaced(r) && isWordRune(r) || r == '「' || r == '『'
}
