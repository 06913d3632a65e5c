package verify

import "slices"

// postingIndex is a posting list: the places (sentences, positions) of each word of a
// document, word by word, each word's in increasing order, with an open-addressing table that
// finds a word's places with one probe instead of a binary search (the lookups of alignment
// and runs were a quarter of the verifier's time). Each word's places follow their count in
// one array, and the table keeps with each word where its places start: a lookup reads the
// table and then the places it returns, where the bounds of each word's places, in two arrays
// by slot beside the table, were two more reads from memory the processor's cache may not
// hold. It is built by counting, in time linear in the postings: sorting them was a sixth of
// the verifier's time.
// The zero value is empty; build fills it, reusing its memory.
type postingIndex struct {
	words termSlots // each word with the index in places of its first place, after its count
	// places holds, word by word, the count of a word's places and then its places.
	places []uint32
	most   uint32 // the most places of a word
}

// build indexes postings, word<<32 | place, given in increasing order of place.
func (x *postingIndex) build(postings []uint64) {
	x.words.reset(len(postings)) // room for as many words as postings
	distinct := 0
	for _, p := range postings { // each word's count of places, for now, in its slot
		w := uint32(p >> 32)
		s, n, ok := x.words.find(w)
		if !ok {
			distinct++
		}
		x.words.set(s, w, n+1)
	}
	x.places = slices.Grow(x.places[:0], len(postings)+distinct)[:len(postings)+distinct]
	at := uint32(0) // where the next word's count goes
	x.most = 0
	for s, k := range x.words.keys {
		if k != 0 {
			x.most = max(x.most, uint32(k))
			x.words.set(uint64(s), uint32(k>>32), at+1)
			x.places[at] = 0 // the places stored so far, until all are
			at += uint32(k) + 1
		}
	}
	for _, p := range postings {
		_, first, _ := x.words.find(uint32(p >> 32))
		x.places[first-1]++
		x.places[first-1+x.places[first-1]] = uint32(p)
	}
}

// lookup returns the places of word w, in increasing order: none when the list has no w.
func (x *postingIndex) lookup(w uint32) []uint32 {
	if _, first, ok := x.words.find(w); ok {
		return x.places[first : first+x.places[first-1]]
	}
	return nil
}

// lookupSlot is lookup that also returns the slot of w in the index's table, for a user that
// keeps something of its own by word.
func (x *postingIndex) lookupSlot(w uint32) (slot uint64, places []uint32) {
	slot, first, ok := x.words.find(w)
	if ok {
		return slot, x.places[first : first+x.places[first-1]]
	}
	return slot, nil
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
