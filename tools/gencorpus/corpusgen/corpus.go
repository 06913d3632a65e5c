package corpusgen

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/dedupe-dev/dedupe/internal/splitmix"
)

// Kind says how an article relates to its planted group, or that it is an
// issue of a templated series.
type Kind string

// The kinds of article. Unique articles belong to no group; every group has
// one original and one or more copies of the other kinds.
const (
	KindUnique    Kind = "unique"
	KindOriginal  Kind = "original"
	KindExact     Kind = "exact"
	KindNearExact Kind = "near_exact"
	KindRewrite   Kind = "rewrite"
	KindPartial   Kind = "partial"
	// KindTemplate is an issue of a templated recurring series (see
	// [SeriesKind]): it belongs to no group, and no other article copies it.
	KindTemplate Kind = "template"
)

// copyKinds lists the kinds of copies in report order.
var copyKinds = [...]Kind{KindExact, KindNearExact, KindRewrite, KindPartial}

// IsCopy reports whether k is the kind of a copy derived from an original.
func (k Kind) IsCopy() bool {
	switch k {
	case KindExact, KindNearExact, KindRewrite, KindPartial:
		return true
	}
	return false
}

// The plan's rates, chosen so that about 70% of the articles are unique and
// about 20% report an event that another group or unique article reports
// too.
const (
	pGroup       = 0.154 // a new event starts a planted group
	pGroupEvent  = 0.35  // a group's event also gets 1-2 unique reports
	pSharedEvent = 0.12  // a unique report's event gets 1-2 more of them
	eventDays    = 3650  // events happen over ten years from epoch
)

var (
	// numCopies draws 1-4 copies per group, 2 on average.
	numCopies = [...]int{1, 1, 1, 1, 2, 2, 2, 3, 3, 4}
	// copyKind draws the kind of a copy: 20% exact, 30% near_exact,
	// 30% rewrite, 20% partial.
	copyKind = [...]Kind{
		KindExact, KindExact,
		KindNearExact, KindNearExact, KindNearExact,
		KindRewrite, KindRewrite, KindRewrite,
		KindPartial, KindPartial,
	}
	epoch = time.Date(2015, 1, 1, 12, 0, 0, 0, time.UTC)
)

// Streams of the PCG generators, so that plan, events and articles draw
// independent numbers from one seed.
const (
	streamPlan = iota + 1
	streamEvent
	streamArticle
	streamSeries
)

// Config describes a corpus.
type Config struct {
	N    int    // number of news articles, at least 1; issues of series come on top
	Seed uint64 // the same seed and N give the same corpus
}

// Article is one generated article.
type Article struct {
	ID    string    // the index, zero-padded to at least 7 digits
	Title string    // headline, one line
	Date  time.Time // publication day, at noon UTC
	Text  string    // paragraphs separated by blank lines, no final newline
	Words int       // whitespace-separated words in Title and Text
	Kind  Kind
	Group string // "g000123", or "" for a unique article or an issue
	// Event is the news event reported, "e00042", or for an issue of a
	// series its series and number, "s0003-weather/012".
	Event string
	// Series is the series of an issue, "s0003-weather": its number and
	// [SeriesKind]; "" for a news article.
	Series string
}

// Document returns the article as a text file: the title line, a blank
// line, the text and a final newline.
func (a *Article) Document() []byte {
	b := make([]byte, 0, len(a.Title)+len(a.Text)+3)
	b = append(b, a.Title...)
	b = append(b, "\n\n"...)
	b = append(b, a.Text...)
	return append(b, '\n')
}

// Corpus is the plan of a corpus: the kind, group, event and date of every
// news article in output order, then the issues of templated series.
// Articles are built on demand by [Corpus.Article]. A Corpus is immutable
// and safe for concurrent use.
type Corpus struct {
	seed    uint64
	lang    *language
	slots   []slot
	series  []series // their issues follow the slots
	idWidth int
}

// slot is the plan of one article.
type slot struct {
	kind  Kind
	shape shape // of a new article (unique or original)
	group int32 // -1 for a unique article
	event int32
	orig  int32 // index of the original, for copies
	day   int32 // days after epoch
}

// New plans a corpus of cfg.N news articles and about 4% as many issues of
// templated series after them.
func New(cfg Config) (*Corpus, error) {
	if cfg.N < 1 {
		return nil, errors.New("corpus needs at least one article")
	}
	c := &Corpus{
		seed:   cfg.Seed,
		lang:   defaultLanguage(),
		slots:  plan(cfg.N, cfg.Seed),
		series: planSeries(cfg.N, cfg.Seed),
	}
	c.idWidth = max(7, len(strconv.Itoa(c.Len()-1)))
	return c, nil
}

// plan draws the events and groups of n articles in story order, then
// shuffles them so that copies are not next to their originals.
func plan(n int, seed uint64) []slot {
	r := rand.New(rand.NewPCG(seed, streamPlan))
	slots := make([]slot, 0, n)
	var groups, events int32
	for len(slots) < n {
		ev := events
		events++
		day := int32(r.IntN(eventDays))
		reports := 1 // unique reports of the event
		if room := n - len(slots); room >= 2 && r.Float64() < pGroup {
			kinds := make([]Kind, min(room-1, numCopies[r.IntN(len(numCopies))]))
			sh := shapeLong
			for i := range kinds {
				kinds[i] = copyKind[r.IntN(len(copyKind))]
				if kinds[i] == KindPartial {
					sh = shapeWire
				}
			}
			at, origDay := int32(len(slots)), day+int32(r.IntN(2))
			slots = append(slots, slot{kind: KindOriginal, shape: sh, group: groups, event: ev, day: origDay})
			for _, k := range kinds {
				slots = append(slots, slot{kind: k, group: groups, event: ev, orig: at, day: origDay + 1 + int32(r.IntN(14))})
			}
			groups++
			reports = 0
			if r.Float64() < pGroupEvent {
				reports = 1 + r.IntN(2)
			}
		} else if r.Float64() < pSharedEvent {
			reports = 2 + r.IntN(2)
		}
		for range min(reports, n-len(slots)) {
			slots = append(slots, slot{kind: KindUnique, shape: shapeNews, group: -1, event: ev, day: day + int32(r.IntN(4))})
		}
	}
	perm := r.Perm(n) // story position -> output position
	out := make([]slot, n)
	for i, s := range slots {
		if s.kind.IsCopy() {
			s.orig = int32(perm[s.orig])
		}
		out[perm[i]] = s
	}
	return out
}

// Len returns the number of articles: news articles and issues of series.
func (c *Corpus) Len() int {
	n := len(c.slots)
	if len(c.series) > 0 {
		last := c.series[len(c.series)-1]
		n = int(last.first + last.issues)
	}
	return n
}

// Article builds article i, which must be in [0, c.Len()).
func (c *Corpus) Article(i int) Article {
	if i >= len(c.slots) {
		s, k := c.seriesOf(i)
		return c.issue(i, s, k)
	}
	s := &c.slots[i]
	d := c.doc(i)
	a := Article{
		ID:    c.id(i),
		Date:  epoch.AddDate(0, 0, int(s.day)),
		Words: c.lang.docWords(d),
		Kind:  s.kind,
		Event: fmt.Sprintf("e%05d", s.event),
	}
	a.Title, a.Text = c.lang.render(d)
	if s.group >= 0 {
		a.Group = fmt.Sprintf("g%06d", s.group)
	}
	return a
}

func (c *Corpus) id(i int) string { return fmt.Sprintf("%0*d", c.idWidth, i) }

// doc builds article i from its own random source; a copy first rebuilds
// its original, which draws exactly as it did when built for itself.
func (c *Corpus) doc(i int) *doc {
	s := &c.slots[i]
	if s.kind == KindExact {
		return c.doc(int(s.orig))
	}
	g := &gen{
		l:  c.lang,
		r:  rand.New(rand.NewPCG(c.seed^mix64(uint64(i)), streamArticle)),
		ev: c.lang.newEvent(c.seed, int(s.event)),
	}
	switch s.kind {
	case KindNearExact:
		return g.nearExact(c.doc(int(s.orig)))
	case KindRewrite:
		return g.rewrite(c.doc(int(s.orig)))
	case KindPartial:
		return g.partial(c.doc(int(s.orig)))
	}
	return g.article(s.shape)
}

// mix64 spreads consecutive integers over all 64 bits (it is the first output
// of SplitMix64 seeded with x), so that seed^mix64(i) seeds unrelated generators.
func mix64(x uint64) uint64 { return splitmix.Mix(x + splitmix.Gamma) }
