package corpusgen

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// Word and sentence limits of the generated text.
const (
	minWords    = 300 // words per article, title included
	maxWords    = 1500
	minSentence = 8 // words per sentence
	maxSentence = 35
)

// Rates of the sentence model. The token chain moves to a stop word with
// probability pStopAfterStop after a stop word and pStopAfterContent after a
// content word, so stop words make up pStopAfterContent /
// (1 - pStopAfterStop + pStopAfterContent) ≈ 45% of the tokens.
const (
	pStopAfterStop    = 0.25
	pStopAfterContent = 0.62
	pEntity           = 0.07 // a content token names a person, place or number
	pBoost            = 0.10 // a content token comes from the event vocabulary
	pComma            = 0.06 // a comma follows a content token
	pQuote            = 0.06 // a sentence is a quotation
	numBoost          = 30   // words in an event vocabulary
)

// tok is one token of a generated text: a kind, an index into the table of
// that kind, and whether a comma follows it.
type tok uint32

type tokKind uint32

const (
	tokStop  tokKind = iota // language.stop
	tokWord                 // language.words, a content word
	tokFirst                // language.firsts
	tokLast                 // language.lasts
	tokPlace                // language.places
	tokLit                  // doc.lits: numbers, which may hold spaces
)

const (
	tokKindShift = 29
	tokComma     = 1 << 28
	tokIDMask    = tokComma - 1
)

func mkTok(k tokKind, id int) tok { return tok(k)<<tokKindShift | tok(id) }
func (t tok) kind() tokKind       { return tokKind(t >> tokKindShift) }
func (t tok) id() int             { return int(t & tokIDMask) }

// withID returns t with its index replaced, keeping kind and comma.
func (t tok) withID(id int) tok { return t&^tokIDMask | tok(id) }

// sentence is a sequence of tokens. A quotation renders as
// `"<toks[:n-2]>," said <toks[n-2]> <toks[n-1]>.`.
type sentence struct {
	toks  []tok
	quote bool
	fixed bool // the event's memorable quote: copies keep it verbatim
}

// doc is an article before rendering. Derived copies are made by editing
// the doc of their original.
type doc struct {
	title    []tok
	paras    [][]sentence
	lits     []string // starts with the event's numbers
	dateline string   // "PLACE (Wire) -", before the first sentence
	byline   string   // "By First Last", a paragraph of its own
}

// event is what all reports of one news event share.
type event struct {
	names   [][2]int32 // first and last name of each person
	place   int32
	numbers []string
	quote   sentence // fixed
	boost   []int32  // event vocabulary
}

// gen writes text about one event with one random source.
type gen struct {
	l  *language
	r  *rand.Rand
	ev *event
	d  *doc // receives the numbers that new sentences mention
}

// newEvent draws event e of a corpus with the given seed.
func (l *language) newEvent(seed uint64, e int) *event {
	r := rand.New(rand.NewPCG(seed^mix64(uint64(e)|1<<62), streamEvent))
	ev := &event{place: int32(r.IntN(numPlaces))}
	for range 2 + r.IntN(3) {
		ev.names = append(ev.names, [2]int32{int32(r.IntN(numFirsts)), int32(r.IntN(numLasts))})
	}
	for range 2 + r.IntN(2) {
		ev.numbers = append(ev.numbers, number(r))
	}
	ev.boost = make([]int32, numBoost)
	for i := range ev.boost {
		ev.boost[i] = int32(100 + r.IntN(20000))
	}
	// Numbers the quote mentions become the event's too.
	g := gen{l: l, r: r, ev: ev, d: &doc{lits: ev.numbers}}
	ev.quote = g.quote(sentenceLen(r))
	ev.quote.fixed = true
	ev.numbers = g.d.lits
	return ev
}

// number draws a number as news prints it.
func number(r *rand.Rand) string {
	switch r.IntN(6) {
	case 0:
		return thousands(int64(1+r.IntN(999)) * 1000)
	case 1:
		return thousands(int64(100 + r.IntN(9900)))
	case 2:
		return strconv.Itoa(r.IntN(100)) + "." + strconv.Itoa(1+r.IntN(9)) + "%"
	case 3:
		unit := " million"
		if r.IntN(4) == 0 {
			unit = " billion"
		}
		return "$" + strconv.Itoa(1+r.IntN(500)) + unit
	case 4:
		return strconv.Itoa(1990 + r.IntN(36))
	}
	return strconv.Itoa(2 + r.IntN(98))
}

// thousands formats n with comma separators: 600000 -> "600,000".
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// sentenceLen draws a sentence length in words, triangular on 8..35.
func sentenceLen(r *rand.Rand) int {
	return minSentence + r.IntN(14) + r.IntN(maxSentence-minSentence-12)
}

// sentence draws a new sentence, sometimes a quotation.
func (g *gen) sentence() sentence {
	n := sentenceLen(g.r)
	if g.r.Float64() < pQuote {
		return g.quote(n)
	}
	return sentence{toks: g.plain(n)}
}

// quote draws a quotation of n words, attributed to a person of the event.
func (g *gen) quote(n int) sentence {
	toks := g.plain(n - 3)
	p := g.ev.names[g.r.IntN(len(g.ev.names))]
	toks = append(toks, mkTok(tokFirst, int(p[0])), mkTok(tokLast, int(p[1])))
	return sentence{toks: toks, quote: true}
}

// plain draws n words of stop and content tokens; it never ends on a stop
// word.
func (g *gen) plain(n int) []tok {
	toks := make([]tok, 0, n+1)
	stop := g.r.IntN(2) == 0
	for words := 0; words < n; {
		if stop && words < n-1 {
			t := mkTok(tokStop, g.l.stopDist.sample(g.r))
			if len(toks) > 0 && toks[len(toks)-1] == t {
				t = mkTok(tokStop, g.l.stopDist.sample(g.r)) // "the the" is rare
			}
			toks = append(toks, t)
			words++
			stop = g.r.Float64() < pStopAfterStop
			continue
		}
		var w int
		toks, w = g.content(toks, n-words)
		words += w
		if words < n && g.r.Float64() < pComma {
			toks[len(toks)-1] |= tokComma
		}
		stop = g.r.Float64() < pStopAfterContent
	}
	return toks
}

// content appends one content item of at most budget words and returns the
// number of words it took.
func (g *gen) content(toks []tok, budget int) ([]tok, int) {
	u := g.r.Float64()
	switch {
	case u < pEntity:
		if t, w := g.entity(toks, budget); w > 0 {
			return t, w
		}
	case u < pEntity+pBoost:
		return append(toks, mkTok(tokWord, int(g.ev.boost[g.r.IntN(len(g.ev.boost))]))), 1
	}
	return append(toks, mkTok(tokWord, g.l.wordDist.sample(g.r))), 1
}

// entity appends a person, place or number, or nothing (0 words) when the
// one drawn does not fit in budget words.
func (g *gen) entity(toks []tok, budget int) ([]tok, int) {
	switch g.r.IntN(6) {
	case 0, 1:
		p := g.ev.names[g.r.IntN(len(g.ev.names))]
		if budget >= 2 && g.r.IntN(2) == 0 {
			return append(toks, mkTok(tokFirst, int(p[0])), mkTok(tokLast, int(p[1]))), 2
		}
		return append(toks, mkTok(tokLast, int(p[1]))), 1
	case 2:
		return append(toks, mkTok(tokPlace, int(g.ev.place))), 1
	case 3:
		return g.lit(toks, g.r.IntN(len(g.ev.numbers)), budget)
	case 4:
		g.d.lits = append(g.d.lits, number(g.r))
		return g.lit(toks, len(g.d.lits)-1, budget)
	}
	return append(toks, mkTok(tokLast, g.r.IntN(numLasts))), 1
}

func (g *gen) lit(toks []tok, id, budget int) ([]tok, int) {
	w := strings.Count(g.d.lits[id], " ") + 1
	if w > budget {
		return toks, 0
	}
	return append(toks, mkTok(tokLit, id)), w
}

// paragraph draws n sentences.
func (g *gen) paragraph(n int) []sentence {
	p := make([]sentence, n)
	for i := range p {
		p[i] = g.sentence()
	}
	return p
}

// paragraphLen draws the sentences of a paragraph: 1-4, mostly 2-3.
func paragraphLen(r *rand.Rand) int {
	return [...]int{1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4}[r.IntN(20)]
}

// title draws a headline of 5-10 words: often a place or a name, then
// content words, event words more often than in the text, and a few stop
// words, never two in a row nor at the end.
func (g *gen) title() []tok {
	n := 5 + g.r.IntN(6)
	t := make([]tok, 0, n)
	switch g.r.IntN(3) {
	case 0:
		t = append(t, mkTok(tokPlace, int(g.ev.place)))
	case 1:
		t = append(t, mkTok(tokLast, int(g.ev.names[0][1])))
	}
	for len(t) < n {
		switch u := g.r.Float64(); {
		case len(t) > 0 && len(t) < n-1 && t[len(t)-1].kind() != tokStop && u < 0.3:
			t = append(t, mkTok(tokStop, g.l.stopDist.sample(g.r)))
		case u < 0.55:
			t = append(t, mkTok(tokWord, int(g.ev.boost[g.r.IntN(len(g.ev.boost))])))
		default:
			t = append(t, mkTok(tokWord, g.l.wordDist.sample(g.r)))
		}
	}
	return t
}

// shape is the outline of a new article.
type shape uint8

const (
	shapeNews shape = iota // 300-1,500 words, most of them short
	shapeLong              // 450-1,400 words: room for copies to cut and add
	shapeWire              // 9-13 paragraphs of 3-4 sentences: room for partial copies
)

// bounds returns the accepted word counts of a shape.
func (sh shape) bounds() (lo, hi int) {
	switch sh {
	case shapeLong:
		return 450, 1400
	case shapeWire:
		return 450, 1350
	}
	return minWords, maxWords
}

// article draws a new article of shape sh. It redraws until the word count
// is within the shape's bounds, which the first draft nearly always is.
func (g *gen) article(sh shape) *doc {
	lo, hi := sh.bounds()
	for {
		d := g.draft(sh)
		if w := g.l.docWords(d); w >= lo && w <= hi {
			return d
		}
	}
}

func (g *gen) draft(sh shape) *doc {
	d := &doc{lits: slices.Clone(g.ev.numbers)}
	g.d = d
	d.title = g.title()
	if sh == shapeWire {
		for range 8 + g.r.IntN(5) {
			d.paras = append(d.paras, g.paragraph(3+g.r.IntN(2)))
		}
	} else {
		lo, hi := sh.bounds()
		// Skewed to short articles: the target is lo + (hi-lo-100)·u^2.5
		// for uniform u, whose mean is lo + (hi-lo-100)/3.5, 614 words
		// for news.
		target := lo + int(float64(hi-lo-100)*math.Pow(g.r.Float64(), 2.5))
		words := g.l.tokWords(d.lits, d.title) + g.l.sentenceWords(d.lits, &g.ev.quote)
		for words < target {
			p := make([]sentence, 0, 4)
			for n := paragraphLen(g.r); len(p) < n && words < target; {
				s := g.sentence()
				words += g.l.sentenceWords(d.lits, &s)
				p = append(p, s)
			}
			d.paras = append(d.paras, p)
		}
	}
	// The quote is a paragraph of its own near the top, as in news.
	at := min(1+g.r.IntN(2), len(d.paras))
	d.paras = slices.Insert(d.paras, at, []sentence{g.ev.quote})
	return d
}

// docWords counts the words of d as [strings.Fields] would in its rendering.
func (l *language) docWords(d *doc) int {
	n := l.tokWords(d.lits, d.title) + l.bodyWords(d)
	if d.dateline != "" {
		n += len(strings.Fields(d.dateline))
	}
	if d.byline != "" {
		n += len(strings.Fields(d.byline))
	}
	return n
}

// bodyWords counts the words of the sentences of d.
func (l *language) bodyWords(d *doc) int {
	n := 0
	for _, p := range d.paras {
		n += l.paraWords(d.lits, p)
	}
	return n
}

func (l *language) paraWords(lits []string, p []sentence) int {
	n := 0
	for i := range p {
		n += l.sentenceWords(lits, &p[i])
	}
	return n
}

func (l *language) sentenceWords(lits []string, s *sentence) int {
	n := l.tokWords(lits, s.toks)
	if s.quote {
		n++ // "said"
	}
	return n
}

func (l *language) tokWords(lits []string, toks []tok) int {
	n := len(toks)
	for _, t := range toks {
		if t.kind() == tokLit {
			n += strings.Count(lits[t.id()], " ")
		}
	}
	return n
}

// appendTok appends the text of t, capitalised if asked.
func (l *language) appendTok(b []byte, lits []string, t tok, capital bool) []byte {
	var s string
	switch t.kind() {
	case tokStop:
		s = l.stop[t.id()]
	case tokWord:
		s = l.words[t.id()]
	case tokFirst:
		s = l.firsts[t.id()]
	case tokLast:
		s = l.lasts[t.id()]
	case tokPlace:
		s = l.places[t.id()]
	case tokLit:
		s = lits[t.id()]
	}
	n := len(b)
	b = append(b, s...)
	if capital && 'a' <= b[n] && b[n] <= 'z' {
		b[n] -= 'a' - 'A'
	}
	return b
}

// appendToks appends toks separated by spaces, with their commas except
// after the last one. Only the first token is capitalised, or every token
// but stop words when title is set.
func (l *language) appendToks(b []byte, lits []string, toks []tok, title bool) []byte {
	for i, t := range toks {
		if i > 0 {
			b = append(b, ' ')
		}
		b = l.appendTok(b, lits, t, i == 0 || title && t.kind() != tokStop)
		if t&tokComma != 0 && i < len(toks)-1 {
			b = append(b, ',')
		}
	}
	return b
}

func (l *language) appendSentence(b []byte, lits []string, s *sentence) []byte {
	if !s.quote {
		return append(l.appendToks(b, lits, s.toks, false), '.')
	}
	n := len(s.toks) - 2
	b = append(b, '"')
	b = l.appendToks(b, lits, s.toks[:n], false)
	b = append(b, `," said `...)
	b = l.appendToks(b, lits, s.toks[n:], true)
	return append(b, '.')
}

// render returns the title line and the body of d: paragraphs separated by
// blank lines, without a final newline.
func (l *language) render(d *doc) (title, body string) {
	b := make([]byte, 0, 8*l.docWords(d))
	b = l.appendToks(b, d.lits, d.title, true)
	title = string(b)
	b = b[:0]
	if d.byline != "" {
		b = append(b, d.byline...)
		b = append(b, "\n\n"...)
	}
	if d.dateline != "" {
		b = append(b, d.dateline...)
		b = append(b, ' ')
	}
	for i, p := range d.paras {
		if i > 0 {
			b = append(b, "\n\n"...)
		}
		for j := range p {
			if j > 0 {
				b = append(b, ' ')
			}
			b = l.appendSentence(b, d.lits, &p[j])
		}
	}
	return title, string(b)
}
