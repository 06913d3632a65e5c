package corpusgen

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
)

// The derivations below edit the doc of an original in place and return
// the copy; g writes any new text and must be set to the original's event.

// wires name the news agencies of datelines.
var wires = []string{"Wire", "NewsWire", "WNS", "Global Press"}

// nearExact cuts one paragraph or adds one sentence, changes 1-3% of the
// content words, and adds a dateline and, half of the time, a byline.
func (g *gen) nearExact(d *doc) *doc {
	g.d = d
	if cut := g.r.IntN(2) == 0 && g.cutParagraph(d); !cut {
		g.insertSentence(d)
	}
	slots := d.wordSlots()
	k := max(1, round(uniform(g.r, 0.01, 0.03)*float64(len(slots))))
	for _, p := range choose(g.r, slots, k) {
		*p = p.withID(g.l.wordDist.sample(g.r))
	}
	d.dateline = strings.ToUpper(g.l.places[g.ev.place]) + " (" + wires[g.r.IntN(len(wires))] + ") -"
	if g.r.IntN(2) == 0 {
		d.byline = "By " + g.l.firsts[g.r.IntN(numFirsts)] + " " + g.l.lasts[g.r.IntN(numLasts)]
	}
	return d
}

// cutParagraph removes a paragraph other than the lede and the event
// quote, if d keeps at least 3 paragraphs and minWords words, and reports
// whether it did.
func (g *gen) cutParagraph(d *doc) bool {
	if len(d.paras) < 4 {
		return false
	}
	i := 1 + g.r.IntN(len(d.paras)-1)
	fixed := slices.ContainsFunc(d.paras[i], func(s sentence) bool { return s.fixed })
	if fixed || g.l.docWords(d)-g.l.paraWords(d.lits, d.paras[i]) < minWords {
		return false
	}
	d.paras = slices.Delete(d.paras, i, i+1)
	return true
}

// insertSentence adds a new sentence at a random place in a random
// paragraph.
func (g *gen) insertSentence(d *doc) {
	i := g.r.IntN(len(d.paras))
	d.paras[i] = slices.Insert(d.paras[i], g.r.IntN(len(d.paras[i])+1), g.sentence())
}

// rewrite spins d: it drops 10-25% of the sentences, swaps 1-3 pairs of
// neighbouring sentences, replaces 30-60% of the content words with
// synonyms and inserts 1-3 new sentences. The event quote is kept verbatim.
func (g *gen) rewrite(d *doc) *doc {
	g.d = d
	words := g.l.docWords(d)

	var sents []*sentence
	for _, p := range d.paras {
		for j := range p {
			if !p[j].fixed {
				sents = append(sents, &p[j])
			}
		}
	}
	drop := round(uniform(g.r, 0.10, 0.25) * float64(len(sents)+1)) // +1: the quote

	for _, s := range choose(g.r, sents, len(sents)) {
		if drop == 0 {
			break
		}
		if w := g.l.sentenceWords(d.lits, s); words-w >= minWords {
			words -= w
			s.toks = nil
			drop--
		}
	}
	kept := d.paras[:0]
	for _, p := range d.paras {
		p = slices.DeleteFunc(p, func(s sentence) bool { return s.toks == nil })
		if len(p) > 0 {
			kept = append(kept, p)
		}
	}
	d.paras = kept

	var flat []*sentence
	for _, p := range d.paras {
		for j := range p {
			flat = append(flat, &p[j])
		}
	}
	for range 1 + g.r.IntN(3) {
		if i := g.r.IntN(len(flat) - 1); !flat[i].fixed && !flat[i+1].fixed {
			*flat[i], *flat[i+1] = *flat[i+1], *flat[i]
		}
	}

	rate := uniform(g.r, 0.35, 0.55) // of 30-60%, leaving a margin for the quote
	slots := d.wordSlots()
	for _, p := range choose(g.r, slots, round(rate*float64(len(slots)))) {
		*p = p.withID(g.l.synonym(g.r, p.id()))
	}
	var title []*tok
	for i, t := range d.title {
		if t.kind() == tokWord {
			title = append(title, &d.title[i])
		}
	}
	for _, p := range choose(g.r, title, max(1, round(rate*float64(len(title))))) {
		*p = p.withID(g.l.synonym(g.r, p.id()))
	}

	for range 1 + g.r.IntN(3) {
		n := len(d.lits)
		s := g.sentence()
		w := g.l.sentenceWords(d.lits, &s)
		if words+w > maxWords {
			d.lits = d.lits[:n]
			continue
		}
		words += w
		i := g.r.IntN(len(d.paras))
		d.paras[i] = slices.Insert(d.paras[i], g.r.IntN(len(d.paras[i])+1), s)
	}
	return d
}

// partial keeps 3-6 consecutive paragraphs of d that hold at least 30% of
// its body words, under a new title and with 1-2 new paragraphs, one of
// which may become the lede.
func (g *gen) partial(d *doc) *doc {
	body := g.l.bodyWords(d)
	type window struct{ start, n, words int }
	var fits []window
	best := window{}
	for n := 3; n <= 6; n++ {
		for s := 0; s+n <= len(d.paras); s++ {
			w := window{s, n, 0}
			for _, p := range d.paras[s : s+n] {
				w.words += g.l.paraWords(d.lits, p)
			}
			if 10*w.words >= 3*body {
				fits = append(fits, w)
			}
			if w.words > best.words {
				best = w
			}
		}
	}
	// Wire-shaped originals (at most 13 paragraphs) always have a fit: two
	// or three windows of 6 cover them.
	if len(fits) > 0 {
		best = fits[g.r.IntN(len(fits))]
	}

	c := &doc{lits: d.lits}
	g.d = c
	c.title = g.title()
	c.paras = slices.Clone(d.paras[best.start : best.start+best.n])
	fresh := make([][]sentence, 1+g.r.IntN(2))
	for i := range fresh {
		fresh[i] = g.paragraph(2 + g.r.IntN(3))
	}
	// Short windows are topped up in a new paragraph, never in a kept one.
	grow := len(c.paras)
	if g.r.IntN(2) == 0 {
		c.paras = slices.Insert(c.paras, 0, fresh[0])
		fresh, grow = fresh[1:], 0
	}
	c.paras = append(c.paras, fresh...)
	for g.l.docWords(c) < minWords {
		c.paras[grow] = append(c.paras[grow], g.sentence())
	}
	return c
}

// wordSlots returns pointers to the content words of the sentences of d,
// leaving out the event quote.
func (d *doc) wordSlots() []*tok {
	var slots []*tok
	for _, p := range d.paras {
		for _, s := range p {
			if s.fixed {
				continue
			}
			for i, t := range s.toks {
				if t.kind() == tokWord {
					slots = append(slots, &s.toks[i])
				}
			}
		}
	}
	return slots
}

// choose moves k elements of s, drawn uniformly without replacement, to the
// front of s and returns them. k is clamped to [0, len(s)].
func choose[T any](r *rand.Rand, s []T, k int) []T {
	k = max(0, min(k, len(s)))
	for i := range k {
		j := i + r.IntN(len(s)-i)
		s[i], s[j] = s[j], s[i]
	}
	return s[:k]
}

func uniform(r *rand.Rand, lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }

func round(x float64) int { return int(math.Round(x)) }
