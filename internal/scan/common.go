package scan

import (
	"math/bits"
	"sync/atomic"
)

// shingleCounts counts in how many documents each shingle occurs, approximately and in bounded
// memory, so that shingles common across the corpus can be left out of the signatures.
//
// A shingle common to many documents ("prime minister", "told reporters", an outlet's stock
// phrase) says nothing about copying, yet two unrelated articles that share a few of them
// share MinHash values and become LSH candidates; their number grows with the square of the
// corpus. Dropping them from the signatures (not from verification) keeps the candidates of a
// large corpus near linear.
//
// The counts live in one array of 2^k 32-bit counters indexed by the shingle hash (a count-min
// sketch of depth one), sized at about 64 counters per document and at most 2^26 (256 MiB).
// Collisions only add: a rare shingle sharing a counter with a common one is dropped too,
// which for the few thousand common shingles of a corpus touches a negligible share of the rest.
type shingleCounts struct {
	counts []atomic.Uint32
	mask   uint64
}

func newShingleCounts(docs int) *shingleCounts {
	k := bits.Len(uint(max(docs, 1)*64 - 1))
	k = min(max(k, 10), 26)
	return &shingleCounts{counts: make([]atomic.Uint32, 1<<k), mask: 1<<k - 1}
}

// add counts one document's de-duplicated shingles. It is safe for concurrent use.
func (c *shingleCounts) add(shingles []uint64) {
	for _, s := range shingles {
		c.counts[s&c.mask].Add(1)
	}
}

// common returns the counters that reached limit, one bit each, so that the counts (32 times
// larger: 256 MiB at a million documents) can be dropped before the band keys are stored.
func (c *shingleCounts) common(limit uint32) *commonSlots {
	bits := make([]uint64, (len(c.counts)+63)/64)
	for i := range c.counts {
		if c.counts[i].Load() >= limit {
			bits[i/64] |= 1 << (i % 64)
		}
	}
	return &commonSlots{bits: bits, mask: c.mask}
}

// commonSlots marks the counters of shingles too common to sign.
type commonSlots struct {
	bits []uint64
	mask uint64
}

// filter removes from shingles, in place, those whose counter reached the limit, and returns
// the rest. It is safe for concurrent use.
func (c *commonSlots) filter(shingles []uint64) []uint64 {
	out := shingles[:0]
	for _, s := range shingles {
		if slot := s & c.mask; c.bits[slot/64]&(1<<(slot%64)) == 0 {
			out = append(out, s)
		}
	}
	return out
}
