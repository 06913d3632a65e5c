package passages

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"time"

	"github.com/dedupe-dev/dedupe/internal/normalize"

	"github.com/dedupe-dev/dedupe/internal/parallel"
)

// Span is a stretch of content words [Start, End) of document Doc, an index among the
// documents searched.
type Span struct {
	Doc, Start, End int32
}

// Link is a passage two documents share: its span in each.
type Link struct {
	A, B Span
}

// match is one shared n-gram of a pair of documents: the other document and the n-gram's
// places in both.
type match struct {
	b      int32 // the other document
	pa, pb int32
}

// alignAll finds the passages every pair of documents shares (stage 3 of the package doc),
// given the shared n-grams' postings and group starts, calling advance(1) as each document is
// done. A pair of documents of one series is
// aligned all the same, when series are left out, so that its passages are counted: the count
// says how much reuse within series there was. It returns the links, sorted, and that count.
func alignAll(ctx context.Context, docs []Document, postings []posting, starts []int, o *Options, workers int, advance func(int)) ([]Link, int) {
	// Each document's shared n-grams, as (place, group) pairs.
	type gram struct{ pos, group int32 }
	grams := make([][]gram, len(docs))
	for g := 0; g+1 < len(starts); g++ {
		for _, p := range postings[starts[g]:starts[g+1]] {
			grams[p.doc] = append(grams[p.doc], gram{p.pos, int32(g)})
		}
	}
	var mu sync.Mutex
	var links []Link
	within := 0
	maxDays := time.Duration(o.MaxDays) * 24 * time.Hour
	parallel.For(ctx, workers, len(docs), func() func(int) {
		var ms []match
		var chains []chain
		return func(a int) {
			da := &docs[a]
			ms = ms[:0]
			for _, g := range grams[a] {
				for _, p := range postings[starts[g.group]:starts[g.group+1]] {
					if int(p.doc) <= a || o.MaxDays > 0 && farApart(da.date, docs[p.doc].date, maxDays) {
						continue
					}
					ms = append(ms, match{p.doc, g.pos, p.pos})
				}
			}
			slices.SortFunc(ms, func(x, y match) int { // by hand: see sharedPostings
				if x.b != y.b {
					return cmp.Compare(x.b, y.b)
				}
				return cmp.Compare(uint64(x.pa)<<32|uint64(x.pb), uint64(y.pa)<<32|uint64(y.pb))
			})
			var mine []Link
			inSeries := 0
			for i := 0; i < len(ms); {
				j := i + 1
				for j < len(ms) && ms[j].b == ms[i].b {
					j++
				}
				b := ms[i].b
				var within int
				mine, chains, within = alignPair(mine, chains, da, &docs[b], int32(a), b, ms[i:j], o)
				inSeries += within
				i = j
			}
			mu.Lock()
			links = append(links, mine...)
			within += inSeries
			mu.Unlock()
			advance(1)
		}
	})
	slices.SortFunc(links, func(x, y Link) int {
		return cmp.Or(cmp.Compare(x.A.Doc, y.A.Doc), cmp.Compare(x.B.Doc, y.B.Doc), cmp.Compare(x.A.Start, y.A.Start), cmp.Compare(x.B.Start, y.B.Start))
	})
	return links, within
}

// alignPair appends to dst the passages that documents da and db (numbered a and b in the
// links) share, given ms, their matches sorted by place in da then in db, and returns dst,
// chains (scratch) and the number of passages left out as shared within one series.
func alignPair(dst []Link, chains []chain, da, db *Document, a, b int32, ms []match, o *Options) ([]Link, []chain, int) {
	if len(ms) < o.MinMatches {
		return dst, chains, 0
	}
	inSeries := 0
	chains = chainMatches(chains[:0], ms, o)
	for _, c := range chains {
		l := Link{Span{a, c.startA, c.endA}, Span{b, c.startB, c.endB}}
		if !longEnough(da, l.A, o.MinWords) || !longEnough(db, l.B, o.MinWords) {
			continue
		}
		if o.WithinSeries == 0 && da.series != "" && da.series == db.series {
			inSeries++
			continue
		}
		dst = append(dst, l)
	}
	return dst, chains, inSeries
}

// Match is one n-gram that two documents share, by its places (the index of its first content
// word) in each.
type Match struct {
	A, B int32
}

// AlignPair returns the passages that documents a and b share, a the earlier in input order,
// as links whose spans name a as document 0 and b as 1, and the number of passages left out as
// shared within one series. ms are the n-grams they share (each in 2 to MaxDF documents, see
// Options.Indexed), sorted by place in a, then in b. It finds what Find finds for the pair: a
// pipeline that brings the two documents and their matches together calls it per pair.
func AlignPair(a, b *Document, ms []Match, o *Options) ([]Link, int) {
	if o.MaxDays > 0 && farApart(a.date, b.date, time.Duration(o.MaxDays)*24*time.Hour) {
		return nil, 0
	}
	own := make([]match, len(ms))
	for i, m := range ms {
		own[i] = match{b: 1, pa: m.A, pb: m.B}
	}
	links, _, inSeries := alignPair(nil, nil, a, b, 0, 1, own, o)
	return links, inSeries
}

// ForAlignment returns d with only what AlignPair reads of it: its date, its series and the
// word index of each content word; their terms and byte ranges are zero. A pipeline sends a
// document to the other document of each of its pairs, and the copy it sends so encodes in
// about half the bytes (MarshalBinary): dedupe-beam passages on the 379 pages of
// TestPassagesWeek peaked at 0.70 GB instead of 1.33 GB.
func (d *Document) ForAlignment() Document {
	return Document{date: d.date, series: d.series, words: d.words, word: d.word,
		terms: make([]uint32, len(d.word)), ranges: make([]normalize.Range, len(d.word))}
}

// farApart reports whether two dates, both known, are more than d apart.
func farApart(a, b time.Time, d time.Duration) bool {
	if a.IsZero() || b.IsZero() {
		return false
	}
	diff := a.Sub(b)
	return diff > d || -diff > d
}

// longEnough reports whether s spans at least minWords words of its document.
func longEnough(d *Document, s Span, minWords int) bool {
	return int(d.word[s.End-1]-d.word[s.Start])+1 >= minWords
}

// chain is a run of matches of one pair that follow one another in both documents: content
// words [startA, endA) of a and [startB, endB) of b.
type chain struct {
	startA, endA, startB, endB int32
	lastA, lastB               int32 // places of the last match
	matches                    int
}

// chainMatches stores in dst the chains of ms, the matches of one pair sorted by place in a,
// that hold at least o.MinMatches matches. A match continues the open chain whose last match
// it follows in both documents by at most o.MaxGap content words, the one whose diagonal
// (place in b less place in a) is nearest its own; otherwise it starts a chain. Chains left
// more than MaxGap behind are closed. Matches of the n-gram repeated in a document can start
// chains of their own; those seldom reach MinMatches.
func chainMatches(dst []chain, ms []match, o *Options) []chain {
	n, gap := int32(o.NGram), int32(o.MaxGap)
	var open []chain
	closeChain := func(c chain) {
		if c.matches >= o.MinMatches {
			dst = append(dst, c)
		}
	}
	for _, m := range ms {
		best, bestDrift := -1, int32(0)
		kept := open[:0]
		for _, c := range open {
			if m.pa-c.lastA > gap {
				closeChain(c)
				continue
			}
			kept = append(kept, c)
		}
		open = kept
		for k, c := range open {
			da, db := m.pa-c.lastA, m.pb-c.lastB
			if da <= 0 || db <= 0 || db > gap {
				continue
			}
			drift := da - db
			if drift < 0 {
				drift = -drift
			}
			if best < 0 || drift < bestDrift {
				best, bestDrift = k, drift
			}
		}
		if best < 0 {
			open = append(open, chain{startA: m.pa, endA: m.pa + n, startB: m.pb, endB: m.pb + n, lastA: m.pa, lastB: m.pb, matches: 1})
			continue
		}
		c := &open[best]
		c.lastA, c.lastB = m.pa, m.pb
		c.endA, c.endB = max(c.endA, m.pa+n), max(c.endB, m.pb+n)
		c.matches++
	}
	for _, c := range open {
		closeChain(c)
	}
	slices.SortFunc(dst, func(x, y chain) int { return cmp.Or(cmp.Compare(x.startA, y.startA), cmp.Compare(x.startB, y.startB)) })
	return dst
}
