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

// filter removes from shingles, in place, those counted in at least limit documents, and
// returns the rest.
func (c *shingleCounts) filter(shingles []uint64, limit uint32) []uint64 {
	out := shingles[:0]
	for _, s := range shingles {
		if c.counts[s&c.mask].Load() < limit {
			out = append(out, s)
		}
	}
	return out
}
