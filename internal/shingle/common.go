package shingle

import (
	"math/bits"
	"sync/atomic"
)

// CommonLimit returns the number of documents, out of n, from which a shingle is too common to
// sign, and whether any shingle can reach it (drop is n >= limit): max(minDocs, min(⌈df·n⌉,
// maxDocs)), or max(minDocs, ⌈df·n⌉) when maxDocs is 0. df 0 keeps every shingle (0, false).
// ⌈df·n⌉ is computed as ⌊df·n + 0.999999⌋, so that the rounding error of df·n (0.07·100 is
// 7.000000000000001 in floating point) does not raise the limit by one.
//
// Why common shingles go: a shingle common to many documents ("prime minister", "told
// reporters", an outlet's stock phrase) says nothing about copying, yet two unrelated articles
// that share a few of them share MinHash values and become LSH candidates; their number grows
// with the square of the corpus. Leaving them out of the signatures (not out of verification)
// keeps the candidates near linear. minDocs keeps every shingle of a small corpus, where a
// share of a few documents means nothing.
//
// Why a cap: two unrelated articles share a few shingles that are common but below the share,
// and with them a band key now and then. That chance does not shrink as the corpus grows, so
// the chance candidates grow with the square of the corpus: 0.3 million at 100,000 generated
// articles, 27 million at a million with df alone. A cap in documents lowers the share as the
// corpus grows and keeps them near linear; it only matters above maxDocs/df documents.
func CommonLimit(n int, df float64, minDocs, maxDocs int) (limit int, drop bool) {
	if df == 0 {
		return 0, false
	}
	limit = int(df*float64(n) + 0.999999)
	if maxDocs > 0 {
		limit = min(limit, maxDocs)
	}
	limit = max(minDocs, limit)
	return limit, n >= limit
}

// Counter counts in how many documents each shingle occurs, approximately and in bounded
// memory, to find the common shingles of a corpus (see [CommonLimit]).
//
// The counts live in one array of 2^k 32-bit counters indexed by the shingle's slot, its hash
// & [CounterMask] (a count-min sketch of depth one), sized at about 64 counters per document
// and at most 2^26 (256 MiB). Collisions only add: a rare shingle sharing a counter with a
// common one counts as common too, which for the few thousand common shingles of a corpus
// touches a negligible share of the rest. A count per slot computed elsewhere (one per distinct
// shingle of each document, as a distributed run does) therefore gives exactly a Counter's
// counts.
//
// Add is safe for concurrent use; call Common once every document is added. The zero value is
// not usable; call NewCounter.
type Counter struct {
	counts []atomic.Uint32
	mask   uint64
}

// CounterMask returns the mask that maps a shingle hash to its counter (its slot) when the
// shingles of docs documents are counted: 2^k-1 for the smallest 2^k of at least 64 counters
// per document, with k between 10 and 26. docs below 1 counts as 1.
func CounterMask(docs int) uint64 {
	k := bits.Len(uint(max(docs, 1)*64 - 1))
	k = min(max(k, 10), 26)
	return 1<<k - 1
}

// NewCounter returns a Counter sized for docs documents (see [CounterMask]).
func NewCounter(docs int) *Counter {
	mask := CounterMask(docs)
	return &Counter{counts: make([]atomic.Uint32, mask+1), mask: mask}
}

// Add counts one document's distinct shingles: a shingle given twice is counted twice.
func (c *Counter) Add(shingles []uint64) {
	for _, s := range shingles {
		c.counts[s&c.mask].Add(1)
	}
}

// Common returns the shingles whose counter reached limit, as a set of slots, so that the
// counts can be dropped before the band keys are stored.
func (c *Counter) Common(limit int) *Common {
	var slots []uint64
	for i := range c.counts {
		if int(c.counts[i].Load()) >= limit {
			slots = append(slots, uint64(i))
		}
	}
	return NewCommon(c.mask, slots)
}

// Exact is the mask of a [Common] of shingle hashes rather than counter slots: every bit.
const Exact = ^uint64(0)

// Common is a set of shingles too common to sign, given by slots: a shingle h is common when
// h & mask is one of them. With the mask of a [Counter] the slots are its counters, and the
// set is as approximate as its counts (scan, which counts a whole corpus in bounded memory);
// with mask [Exact] the slots are the shingle hashes themselves and the set is exact (the
// index, which counts a sample of documents exactly and stores the hashes).
//
// The set is held in a [Set], 16 bytes or less per slot whatever the mask, so that a few
// thousand common slots out of 2^26 counters make a table that stays in cache. A Common is
// immutable and safe for concurrent use; a nil *Common is the empty set.
type Common struct {
	mask  uint64
	slots Set
}

// NewCommon returns the set of the shingles whose hash & mask is in slots. Repeated slots
// count once; slots above mask match nothing.
func NewCommon(mask uint64, slots []uint64) *Common {
	c := &Common{mask: mask}
	c.slots.Reset(len(slots))
	for _, s := range slots {
		c.slots.Add(s)
	}
	return c
}

// Len returns the number of common slots.
func (c *Common) Len() int {
	if c == nil {
		return 0
	}
	return c.slots.Len()
}

// Filter returns a function that removes the common shingles from its argument, in place, and
// returns the rest, in order: the filter a signer takes. It returns nil when the set is empty,
// which filters nothing, so that the signer can skip the filtering.
func (c *Common) Filter() func(shingles []uint64) []uint64 {
	if c.Len() == 0 {
		return nil
	}
	return func(shingles []uint64) []uint64 {
		kept := shingles[:0]
		for _, h := range shingles {
			if !c.slots.Has(h & c.mask) {
				kept = append(kept, h)
			}
		}
		return kept
	}
}
