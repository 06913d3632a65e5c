package verify

import (
	"iter"
	"slices"

	"github.com/dedupe-dev/dedupe/internal/shingle"
	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// DocFreq counts in how many documents of a corpus each term occurs: the document frequencies
// from which [Weights] are made. The zero value is an empty corpus, ready to use.
//
// The counts are split into shares of the terms, a term's share named by its hash, each share
// an open-addressing table ([termSlots], term<<32 | documents) that doubles when half full. A
// corpus is counted on w goroutines with a DocFreq of w shares ([NewDocFreq]), goroutine k
// reading every document and counting the terms of share k ([DocFreq.AddShare]): the shares
// hold distinct terms, so nothing is merged at the end. One Go map per goroutine of documents,
// merged into another, was the most of the time dedupe scan spent counting words.
//
// A DocFreq is not safe for concurrent use, but for calls of AddShare with distinct shares.
type DocFreq struct {
	Docs   int       // documents counted
	shares []dfShare // the terms of each share with their counts; nil or one for the zero value
}

// dfShare is one share of a DocFreq's terms.
type dfShare struct {
	terms termSlots   // term<<32 | documents holding it; the count is never 0
	n     int         // terms held
	seen  shingle.Set // scratch of AddShare: the document's terms of the share met so far
	mine  []uint32    // scratch of AddShare: the document's distinct terms of the share
	peek  []uint64    // scratch of AddShare: the home slot of each, as found
}

// NewDocFreq returns an empty DocFreq whose terms are split into shares shares (at least one),
// for counting a corpus on as many goroutines with [DocFreq.AddShare].
func NewDocFreq(shares int) *DocFreq {
	return &DocFreq{shares: make([]dfShare, max(shares, 1))}
}

// shareOf returns the share of term t out of n: the top bits of its Fibonacci hash, scaled to
// n. termSlots places a term by the hash's bits from 20 up, far below the top for any table
// that fits in memory, so one share's terms still spread over all of its table.
func shareOf(t uint32, n int) int {
	return int((uint64(t) * fibonacci >> 32) * uint64(n) >> 32)
}

// Add counts the distinct terms of one document.
func (d *DocFreq) Add(sk *sketch.Sketch) {
	if d.shares == nil {
		d.shares = make([]dfShare, 1)
	}
	for k := range d.shares {
		d.AddShare(k, sk)
	}
	d.Docs++
}

// AddShare counts the distinct terms of one document that are in share k (of the shares given
// to [NewDocFreq]), and not the document itself in Docs, which the caller sets once every
// share is counted. Calls with distinct k may run at once.
//
// A corpus's table is larger than the processor's cache (a million terms of real text, 16
// MiB), so most terms miss it. AddShare first reads the home slot of every distinct term of
// the document, loads that do not wait on one another, so that the processor has many misses
// in flight at once, then counts each term in a slot now cached, mostly its home one. Counted
// one at a time, each term waited on its slot, 70 ns, most of the time counting words took.
func (d *DocFreq) AddShare(k int, sk *sketch.Sketch) {
	n := len(d.shares)
	s := &d.shares[k]
	// A set in linear time, not a sort: a front page holds thousands of terms, and sorting
	// them was most of the time a scan of the chronam pages spent counting. Its share of them
	// is about a n-th.
	terms := sk.Terms
	if n > 1 {
		// The share's terms first, in a loop without a branch the processor could mispredict:
		// half the terms, at random, are another share's.
		s.mine = slices.Grow(s.mine[:0], len(terms))[:len(terms)]
		m := 0
		for _, t := range terms {
			s.mine[m] = t
			if shareOf(t, n) == k {
				m++
			}
		}
		terms = s.mine[:m]
	}
	s.seen.Reset(len(terms))
	distinct := s.mine[:0]
	for _, t := range terms {
		if s.seen.Add(uint64(t)) {
			distinct = append(distinct, t)
		}
	}
	s.mine = distinct
	s.reserve(len(s.mine))
	s.peek = s.peek[:0]
	for _, t := range s.mine {
		s.peek = append(s.peek, s.terms.keys[s.terms.home(t)])
	}
	for j, t := range s.mine {
		i := s.terms.home(t)
		if e := s.peek[j]; e == 0 || uint32(e>>32) != t {
			i = s.terms.slot(t)
		}
		s.add(i, t, 1)
	}
}

// AddCount adds docs documents to the count of term t: counts read from elsewhere (an index,
// the shards of a distributed run). docs 0 changes nothing; a count must stay below 2^32.
func (d *DocFreq) AddCount(t, docs uint32) {
	if docs == 0 {
		return
	}
	if d.shares == nil {
		d.shares = make([]dfShare, 1)
	}
	s := &d.shares[shareOf(t, len(d.shares))]
	s.reserve(1)
	s.add(s.terms.slot(t), t, docs)
}

// reserve grows the table, if need be, so that n more terms keep it at most half full.
func (s *dfShare) reserve(n int) {
	for 2*(s.n+n) > len(s.terms.keys) {
		s.terms.grow()
	}
}

// add adds docs, not 0, to the count of term t in slot i, t's or the free one it goes to.
func (s *dfShare) add(i uint64, t, docs uint32) {
	if s.terms.keys[i] == 0 {
		s.terms.keys[i] = uint64(t) << 32
		s.n++
	}
	s.terms.keys[i] += uint64(docs)
}

// Count returns the number of documents counted that hold term t.
func (d *DocFreq) Count(t uint32) uint32 {
	if d.shares == nil {
		return 0
	}
	s := &d.shares[shareOf(t, len(d.shares))]
	if s.terms.keys == nil {
		return 0
	}
	_, c, _ := s.terms.find(t)
	return c
}

// Len returns the number of terms counted: those of at least one document.
func (d *DocFreq) Len() int {
	n := 0
	for k := range d.shares {
		n += d.shares[k].n
	}
	return n
}

// All yields every term counted with the number of documents holding it, in no particular
// order.
func (d *DocFreq) All() iter.Seq2[uint32, uint32] {
	return func(yield func(uint32, uint32) bool) {
		for k := range d.shares {
			for _, e := range d.shares[k].terms.keys {
				if e != 0 && !yield(uint32(e>>32), uint32(e)) {
					return
				}
			}
		}
	}
}
