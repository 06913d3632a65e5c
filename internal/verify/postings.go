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
	keys   []uint64 // word+1, 0 for an empty slot
	starts []int32  // the index in the list of the word's first posting
	mask   uint64
}

// build indexes the words of postings, sorted.
func (x *postingIndex) build(postings []uint64) {
	words := 0
	for i, p := range postings {
		if i == 0 || p>>32 != postings[i-1]>>32 {
			words++
		}
	}
	size := 8
	for size < 2*words {
		size <<= 1
	}
	if cap(x.keys) < size {
		x.keys, x.starts = make([]uint64, size), make([]int32, size)
	}
	x.keys, x.starts, x.mask = x.keys[:size], x.starts[:size], uint64(size-1)
	clear(x.keys)
	for i, p := range postings {
		if i == 0 || p>>32 != postings[i-1]>>32 {
			s := x.slot(uint32(p >> 32))
			x.keys[s], x.starts[s] = p>>32+1, int32(i)
		}
	}
}

// slot returns the slot of word w: its own, or the empty one where it would go.
func (x *postingIndex) slot(w uint32) uint64 {
	s := (uint64(w) * 0x9E3779B97F4A7C15 >> 32) & x.mask
	for x.keys[s] != 0 && x.keys[s] != uint64(w)+1 {
		s = (s + 1) & x.mask
	}
	return s
}

// start returns the index of the first posting of w, or -1 when the list has none.
func (x *postingIndex) start(w uint32) int {
	if s := x.slot(w); x.keys[s] != 0 {
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
