package verify

import "slices"

// idPostings is a posting list by term id (see sentences.vocab): the places (sentences,
// positions) of each distinct term of a document, each term's in increasing order, found by
// the term's id with two reads of an array. A pair's terms are matched to the other
// document's ids once (termMap), so that the alignment and the longest run, which look up
// every word of every sentence and every term, read arrays instead of probing a table of the
// document's words for each: on whole pages those probes were a fifth of the time spent
// verifying. It is built by counting, in time linear in the postings. The zero value is
// empty; build fills it, reusing its memory.
type idPostings struct {
	start  []uint32 // the places of id k are places[start[k]:start[k+1]]
	places []uint32
	most   uint32 // the most places of a term
}

// build indexes postings, id<<32 | place, given in increasing order of place, for ids below n.
func (x *idPostings) build(n int, postings []uint64) {
	start := slices.Grow(x.start[:0], n+1)[:n+1]
	clear(start)
	for _, p := range postings { // each id's count, one slot after its own
		start[p>>32+1]++
	}
	x.most = 0
	for k := 1; k <= n; k++ {
		x.most = max(x.most, start[k])
		start[k] += start[k-1]
	}
	// start[k] is where id k's places begin; filling moves it to where they end, which is
	// where id k+1's begin: shifted back by one after.
	places := slices.Grow(x.places[:0], len(postings))[:len(postings)]
	for _, p := range postings {
		id := p >> 32
		places[start[id]] = uint32(p)
		start[id]++
	}
	copy(start[1:], start[:n])
	start[0] = 0
	x.start, x.places = start, places
}

// of returns the places of term id, in increasing order.
func (x *idPostings) of(id uint32) []uint32 {
	return x.places[x.start[id]:x.start[id+1]]
}

// occurrences returns which of places, a word's places in increasing order, to look at,
// places[lo:hi]: all of them when they are at most limit; else (repeated text) the limit places
// nearest near, and cut reports it.
func occurrences(places []uint32, near, limit int) (lo, hi int, cut bool) {
	if len(places) <= limit {
		return 0, len(places), false
	}
	mid, _ := slices.BinarySearch(places, uint32(near))
	lo = min(max(mid-limit/2, 0), len(places)-limit)
	return lo, lo + limit, true
}

// termMap tells, for the pair a verifier measures, which of a's distinct terms b has and which
// of b's a has, by their ids in each document (see sentences.vocab). It is made once a pair,
// each of b's terms looked up in a's table of its terms; the alignment, the longest run and
// otherNames then read it by id.
type termMap struct {
	aOfB []uint32 // by id in b, the id in a of the same term plus one; 0 where a lacks it
	bOfA []uint32 // by id in a, the id in b plus one; 0 where b lacks it
}

// build makes m the map of the terms of the documents of sentence sets sa and sb. It looks b's
// terms up in a's table, not the other way round where a has fewer: a's table serves all of
// a's candidates and stays in the processor's cache, where b's, made when b was prepared,
// mostly is not: in two profiles of verifying the chronam pages, this took 0.26 and 0.39 s,
// the smaller vocabulary looked up in the other's table 0.44 s.
func (m *termMap) build(sa, sb *sentences) {
	m.aOfB = slices.Grow(m.aOfB[:0], len(sb.vocab))[:len(sb.vocab)]
	m.bOfA = slices.Grow(m.bOfA[:0], len(sa.vocab))[:len(sa.vocab)]
	clear(m.bOfA)
	for ib, t := range sb.vocab {
		ia, ok := sa.id(t)
		if !ok {
			m.aOfB[ib] = 0
			continue
		}
		m.bOfA[ia], m.aOfB[ib] = uint32(ib)+1, ia+1
	}
}
