package verify

import (
	"slices"

	"github.com/dedupe-dev/dedupe/internal/shingle"
	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// prepared is what the verifier works out from one document alone to compare it with others:
// its shingles in text order, and, once an alignment needs them, its sentences' word sets and
// their posting list. A scan compares a document with each of its candidates, and with the
// documents of which it is a candidate: without a cache (see [Verifier.CacheDocuments]) these
// were worked out again for every pair, a document met by ten candidates ten times.
type prepared struct {
	sk       *sketch.Sketch
	seq      []uint64 // the shingles in text order, repeats included
	first    []bool   // first[j]: seq[j] is the first occurrence of its shingle
	distinct int      // distinct shingles
	sets     sentences
	hasSets  bool       // sets are built, with the verifier's weights
	index    idPostings // the sentences of each word of the sets, by its id
	hasPosts bool       // index is built

	due, at int // when it is needed next, and its place in the cache's heap (see docCache)
}

// reset makes p the preparation of sk, its shingles worked out now and its sentences when
// an alignment first needs them; scratch is a set to count distinct shingles with.
func (p *prepared) reset(sk *sketch.Sketch, k int, scratch *shingle.Set) {
	p.sk = sk
	p.seq = sk.ShingleSequence(p.seq, k)
	p.first = slices.Grow(p.first[:0], len(p.seq))[:len(p.seq)]
	scratch.Reset(len(p.seq))
	for j, h := range p.seq {
		p.first[j] = scratch.Add(h)
	}
	p.distinct = scratch.Len()
	p.hasSets, p.hasPosts = false, false
}

// sentenceSets returns the word sets of p's sentences, weighted by the verifier's weights,
// building them on first use.
func (v *Verifier) sentenceSets(p *prepared) *sentences {
	if !p.hasSets {
		p.sets.build(p.sk, v.w, &v.setScratch)
		p.hasSets = true
	}
	return &p.sets
}

// sentencePostings returns the index of the sentences of each word of p's sentence sets, by
// the word's id, building it on first use.
func (v *Verifier) sentencePostings(p *prepared) *idPostings {
	if !p.hasPosts {
		sets := v.sentenceSets(p)
		postings := v.postings[:0]
		for j := range p.sk.Sentences() {
			for _, id := range sets.setIDs(j) {
				postings = append(postings, uint64(id)<<32|uint64(j))
			}
		}
		v.postings = postings
		p.index.build(len(sets.vocab), postings)
		p.hasPosts = true
	}
	return &p.index
}

// docCache keeps the preparations of the documents a Verifier measured, up to a number of
// content words in all. Each has a due: when its caller will need it next, in a count of the
// caller's that only grows (see [Verifier.VerifyEachPlanned]), or, for a caller that does not
// say, minus the number of the preparations used before it was last used, so that the least
// recently used is due last. A full cache evicts the preparation due last: with a caller's
// schedule, the one needed furthest ahead (Belady's rule). Sketches are its keys: a sketch
// must not change while it is cached.
type docCache struct {
	limit, terms int // the most content words to keep, and those kept
	byDoc        map[*sketch.Sketch]*prepared
	byDue        []*prepared // a heap, the preparation due last first
	uses         int         // preparations used, for the due of a caller that has no schedule
	free         []*prepared // evicted, their buffers to reuse
}

// recent returns the due of a preparation used now by a caller without a schedule: below
// that of every preparation used before.
func (c *docCache) recent() int {
	c.uses++
	return -c.uses
}

// get returns the cached preparation of sk, or nil; a preparation found is due next at due.
func (c *docCache) get(sk *sketch.Sketch, due int) *prepared {
	p := c.byDoc[sk]
	if p != nil {
		p.due = due
		c.fix(p.at)
	}
	return p
}

// maxFree is how many evicted entries a docCache keeps for their buffers.
const maxFree = 64

// add makes room for sk, evicting the preparations due last other than keep, and returns an
// entry to prepare sk in, cached and due next at due. An evicted entry is reused when its
// buffers hold sk without being more than twice its size: buffers kept at the size of the
// largest document an entry ever held would make the cache's memory many times what its
// content words say.
func (c *docCache) add(sk *sketch.Sketch, keep *prepared, due int) *prepared {
	n := len(sk.Terms)
	kept := false
	for len(c.byDue) > 0 && c.terms+n > c.limit {
		e := c.pop()
		if e == keep {
			kept = true
			continue
		}
		delete(c.byDoc, e.sk)
		c.terms -= len(e.sk.Terms)
		e.sk = nil
		if len(c.free) == maxFree { // the oldest makes room
			c.free = append(c.free[:0], c.free[1:]...)
		}
		c.free = append(c.free, e)
	}
	if kept {
		c.push(keep)
	}
	var p *prepared
	for i, e := range c.free {
		if size := cap(e.seq); size >= n && size <= 2*n+64 {
			p = e
			last := len(c.free) - 1
			c.free[i], c.free[last] = c.free[last], nil
			c.free = c.free[:last]
			break
		}
	}
	if p == nil {
		p = new(prepared)
	}
	c.byDoc[sk] = p
	c.terms += n
	p.sk, p.due = sk, due
	c.push(p)
	return p
}

// clear empties the cache.
func (c *docCache) clear() {
	clear(c.byDoc)
	clear(c.byDue)
	c.byDue, c.terms, c.uses = c.byDue[:0], 0, 0
}

// push adds p to the heap.
func (c *docCache) push(p *prepared) {
	p.at = len(c.byDue)
	c.byDue = append(c.byDue, p)
	c.up(p.at)
}

// pop removes the preparation due last from the heap and returns it.
func (c *docCache) pop() *prepared {
	top, last := c.byDue[0], len(c.byDue)-1
	c.swap(0, last)
	c.byDue[last] = nil
	c.byDue = c.byDue[:last]
	if last > 0 {
		c.down(0)
	}
	return top
}

// fix restores the heap after the due of the preparation at i changed.
func (c *docCache) fix(i int) {
	if !c.down(i) {
		c.up(i)
	}
}

func (c *docCache) up(i int) {
	for i > 0 {
		parent := (i - 1) / 2
		if c.byDue[parent].due >= c.byDue[i].due {
			return
		}
		c.swap(i, parent)
		i = parent
	}
}

// down moves the preparation at i down the heap as far as it goes, and reports whether it
// moved.
func (c *docCache) down(i int) bool {
	start := i
	for {
		child := 2*i + 1
		if child >= len(c.byDue) {
			break
		}
		if right := child + 1; right < len(c.byDue) && c.byDue[right].due > c.byDue[child].due {
			child = right
		}
		if c.byDue[i].due >= c.byDue[child].due {
			break
		}
		c.swap(i, child)
		i = child
	}
	return i > start
}

func (c *docCache) swap(i, j int) {
	c.byDue[i], c.byDue[j] = c.byDue[j], c.byDue[i]
	c.byDue[i].at, c.byDue[j].at = i, j
}
