package verify

import (
	"math"
	"slices"
)

// postingIndex finds where a word's places start in a sorted posting list (word<<32 | place)
// with one probe of an open-addressing table instead of a binary search: the lookups of
// alignment and runs were a quarter of the verifier's time. The zero value is empty; build
// fills it for one list, reusing its memory.
type postingIndex struct {
	words  termSlots
	starts []int32 // by slot: the index in the list of the word's first posting
}

// build indexes the words of postings, sorted.
func (x *postingIndex) build(postings []uint64) {
	words := 0
	for i, p := range postings {
		if i == 0 || p>>32 != postings[i-1]>>32 {
			words++
		}
	}
	size := x.words.reset(words)
	if cap(x.starts) < size {
		x.starts = make([]int32, size)
	}
	x.starts = x.starts[:size]
	for i, p := range postings {
		if i == 0 || p>>32 != postings[i-1]>>32 {
			x.starts[x.words.put(uint32(p>>32))] = int32(i)
		}
	}
}

// start returns the index of the first posting of w, or -1 when the list has none.
func (x *postingIndex) start(w uint32) int {
	if s, ok := x.words.find(w); ok {
		return int(x.starts[s])
	}
	return -1
}

// occurrences returns where to look for word w, whose postings start at lo, in postings, a
// posting list of word<<32 | place sorted: from lo, up to hi and while the postings hold w. A
// word with at most limit places is looked up in full; one with more (repeated text) only at
// the limit places nearest near, and cut reports it.
func occurrences(postings []uint64, lo int, w uint32, near, limit int) (start, hi int, cut bool) {
	if lo+limit >= len(postings) || uint32(postings[lo+limit]>>32) != w {
		return lo, len(postings), false
	}
	end, _ := slices.BinarySearch(postings, uint64(w)<<32|math.MaxUint32) // places are below 2^31
	mid, _ := slices.BinarySearch(postings[lo:end], uint64(w)<<32|uint64(near))
	start = min(max(lo+mid-limit/2, lo), end-limit)
	return start, start + limit, true
}
