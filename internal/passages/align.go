package passages

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"time"
)

// span is a stretch of content words [start, end) of one document.
type span struct {
	doc, start, end int32
}

// link is a passage two documents share: its span in each.
type link struct {
	a, b span
}

// match is one shared n-gram of a pair of documents: the other document and the n-gram's
// places in both.
type match struct {
	b      int32
	pa, pb int32
}

// alignAll finds the passages every pair of documents shares (stage 3 of the package doc),
// given the shared n-grams' postings and group starts. A pair of documents of one series is
// aligned all the same, when series are left out, so that its passages are counted: the count
// says how much reuse within series there was. It returns the links, sorted, and that count.
func alignAll(ctx context.Context, docs []document, postings []posting, starts []int, o *Options, workers int) ([]link, int) {
	// Each document's shared n-grams, as (place, group) pairs.
	type gram struct{ pos, group int32 }
	grams := make([][]gram, len(docs))
	for g := 0; g+1 < len(starts); g++ {
		for _, p := range postings[starts[g]:starts[g+1]] {
			grams[p.doc] = append(grams[p.doc], gram{p.pos, int32(g)})
		}
	}
	var mu sync.Mutex
	var links []link
	within := 0
	maxDays := time.Duration(o.MaxDays) * 24 * time.Hour
	parallel(ctx, workers, len(docs), func() func(int) {
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
			slices.SortFunc(ms, func(x, y match) int {
				return cmp.Or(cmp.Compare(x.b, y.b), cmp.Compare(x.pa, y.pa), cmp.Compare(x.pb, y.pb))
			})
			var mine []link
			inSeries := 0
			for i := 0; i < len(ms); {
				j := i + 1
				for j < len(ms) && ms[j].b == ms[i].b {
					j++
				}
				b := int(ms[i].b)
				if j-i >= o.MinMatches {
					chains = chainMatches(chains[:0], ms[i:j], o)
					for _, c := range chains {
						l := link{span{int32(a), c.startA, c.endA}, span{int32(b), c.startB, c.endB}}
						if !longEnough(docs, l.a, o.MinWords) || !longEnough(docs, l.b, o.MinWords) {
							continue
						}
						if o.WithinSeries == 0 && da.series != "" && da.series == docs[b].series {
							inSeries++
							continue
						}
						mine = append(mine, l)
					}
				}
				i = j
			}
			mu.Lock()
			links = append(links, mine...)
			within += inSeries
			mu.Unlock()
		}
	})
	slices.SortFunc(links, func(x, y link) int {
		return cmp.Or(cmp.Compare(x.a.doc, y.a.doc), cmp.Compare(x.b.doc, y.b.doc), cmp.Compare(x.a.start, y.a.start), cmp.Compare(x.b.start, y.b.start))
	})
	return links, within
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
func longEnough(docs []document, s span, minWords int) bool {
	d := &docs[s.doc]
	return int(d.word[s.end-1]-d.word[s.start])+1 >= minWords
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
