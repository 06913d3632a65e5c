package verify

import "slices"

// postingIndex is a posting list: the places (sentences, positions) of each word of a
// document, word by word, each word's in increasing order, with an open-addressing table that
// finds a word's places with one probe instead of a binary search (the lookups of alignment
// and runs were a quarter of the verifier's time). It is built by counting, in time linear in
// the postings: sorting them was a sixth of the verifier's time. The zero value is empty; build
// fills it, reusing its memory.
type postingIndex struct {
	words  termSlots
	starts []int32  // by slot: the index in places of the word's first place
	ends   []int32  // by slot: the index in places after the word's last place
	places []uint32 // every word's places, word by word
}

// build indexes postings, word<<32 | place, given in increasing order of place.
func (x *postingIndex) build(postings []uint64) {
	size := x.words.reset(len(postings)) // room for as many words as postings
	x.starts = slices.Grow(x.starts[:0], size)[:size]
	x.ends = slices.Grow(x.ends[:0], size)[:size]
	clear(x.ends)
	for _, p := range postings {
		x.ends[x.words.put(uint32(p>>32), 1)]++ // the count of each word, for now
	}
	n := int32(0)
	for s, c := range x.ends {
		x.starts[s], x.ends[s] = n, n // ends: where the word's next place goes, for now
		n += c
	}
	x.places = slices.Grow(x.places[:0], len(postings))[:len(postings)]
	for _, p := range postings {
		s, _, _ := x.words.find(uint32(p >> 32))
		x.places[x.ends[s]] = uint32(p)
		x.ends[s]++
	}
}

// lookup returns the places of word w, in increasing order: none when the list has no w.
func (x *postingIndex) lookup(w uint32) []uint32 {
	if s, _, ok := x.words.find(w); ok {
		return x.places[x.starts[s]:x.ends[s]]
	}
	return nil
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
