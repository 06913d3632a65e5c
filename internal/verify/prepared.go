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
	hasSets  bool         // sets are built, with the verifier's weights
	index    postingIndex // the sentences of each word of the sets
	hasPosts bool         // index is built

	prev, next *prepared // the cache's list, most recently used first
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

// sentenceSets returns the word sets of p's sentences, weighted by w, building them on first
// use.
func (p *prepared) sentenceSets(w *Weights) *sentences {
	if !p.hasSets {
		p.sets.build(p.sk, w)
		p.hasSets = true
	}
	return &p.sets
}

// sentencePostings returns the index of the sentences of each word of p's sentence sets,
// building it on first use with scratch, a buffer for its postings.
func (p *prepared) sentencePostings(w *Weights, scratch *[]uint64) *postingIndex {
	if !p.hasPosts {
		sets := p.sentenceSets(w)
		postings := (*scratch)[:0]
		for j := range p.sk.Sentences() {
			for _, t := range sets.set(j) {
				postings = append(postings, uint64(t)<<32|uint64(j))
			}
		}
		*scratch = postings
		p.index.build(postings)
		p.hasPosts = true
	}
	return &p.index
}

// docCache keeps the preparations of the documents a Verifier measured last, up to a number
// of content words in all, evicting the least recently used. Sketches are its keys: a sketch
// must not change while it is cached.
type docCache struct {
	limit, terms int // the most content words to keep, and those kept
	byDoc        map[*sketch.Sketch]*prepared
	head, tail   *prepared   // most and least recently used
	free         []*prepared // evicted, their buffers to reuse
}

// get returns the cached preparation of sk, or nil, and makes it the most recently used.
func (c *docCache) get(sk *sketch.Sketch) *prepared {
	p := c.byDoc[sk]
	if p != nil && p != c.head {
		c.unlink(p)
		c.pushFront(p)
	}
	return p
}

// maxFree is how many evicted entries a docCache keeps for their buffers.
const maxFree = 64

// add makes room for sk, evicting the least recently used preparations other than keep, and
// returns an entry to prepare sk in, cached as the most recently used. An evicted entry is
// reused when its buffers hold sk without being more than twice its size: buffers kept at the
// size of the largest document an entry ever held would make the cache's memory many times
// what its content words say.
func (c *docCache) add(sk *sketch.Sketch, keep *prepared) *prepared {
	n := len(sk.Terms)
	for e := c.tail; e != nil && c.terms+n > c.limit; {
		prev := e.prev
		if e != keep {
			c.unlink(e)
			delete(c.byDoc, e.sk)
			c.terms -= len(e.sk.Terms)
			e.sk = nil
			if len(c.free) == maxFree { // the oldest makes room
				c.free = append(c.free[:0], c.free[1:]...)
			}
			c.free = append(c.free, e)
		}
		e = prev
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
	c.pushFront(p)
	return p
}

// clear empties the cache.
func (c *docCache) clear() {
	clear(c.byDoc)
	c.head, c.tail, c.terms = nil, nil, 0
}

func (c *docCache) unlink(p *prepared) {
	if p.prev != nil {
		p.prev.next = p.next
	} else {
		c.head = p.next
	}
	if p.next != nil {
		p.next.prev = p.prev
	} else {
		c.tail = p.prev
	}
	p.prev, p.next = nil, nil
}

func (c *docCache) pushFront(p *prepared) {
	p.next = c.head
	if c.head != nil {
		c.head.prev = p
	}
	c.head = p
	if c.tail == nil {
		c.tail = p
	}
}
