package shingle

import (
	"math"
	"math/bits"
	"sync"

	"github.com/dedupe-dev/dedupe/internal/prefault"
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
// The counts live in one array of 2^k counters indexed by the shingle's slot, its hash &
// [CounterMask] (a count-min sketch of depth one), sized at about 64 counters per document and
// at most 2^26. Collisions only add: a rare shingle sharing a counter with a common one counts
// as common too, which for the few thousand common shingles of a corpus touches a negligible
// share of the rest. A count per slot computed elsewhere (one per distinct shingle of each
// document, as a distributed run does) therefore gives exactly a Counter's counts, up to the
// limit it was made for.
//
// A counter only has to tell whether its count reached the limit, so for a limit of at most
// 255 (dedupe's defaults cap it at 250) it is one byte that stops at 255, not four: a quarter
// of the memory (4 MiB instead of 16 for the 59,000 articles cut from the chronam pages), which
// the processor's cache holds far better.
//
// Documents are counted through batches ([Counter.Batch]), one per goroutine. Call Common once
// every batch is flushed. The zero value is not usable; call NewCounter.
type Counter struct {
	mu     sync.Mutex // guards the counts while a batch is added to them
	narrow []uint8    // the counts, stopping at 255, for a limit of at most 255; else nil
	wide   []uint32   // the counts for a larger limit; else nil
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

// NewCounter returns a Counter sized for docs documents (see [CounterMask]) whose Common is
// exact for limits up to limit.
func NewCounter(docs, limit int) *Counter {
	mask := CounterMask(docs)
	// prefault: Flush reads each counter before it writes it.
	if limit <= math.MaxUint8 {
		return &Counter{narrow: prefault.Make[uint8](int(mask + 1)), mask: mask}
	}
	return &Counter{wide: prefault.Make[uint32](int(mask + 1)), mask: mask}
}

// counterBatch is how many slots a [CounterBatch] holds before it adds them to the counts: 64
// KiB, which stays in the processor's cache, and few enough that a goroutine seldom waits for
// another's batch.
const counterBatch = 1 << 14

// CounterBatch collects the slots of the shingles of one goroutine's documents and adds them to
// its Counter's counts a batch at a time, under the Counter's lock: plain adds in one loop that
// waits for nothing, whose misses the processor fetches many at once. Atomic adds of each
// document's shingles as they came waited for every miss, most of the time a scan spent
// counting shingles. A CounterBatch is not safe for concurrent use.
type CounterBatch struct {
	c     *Counter
	slots []uint32 // slots to add, at most counterBatch
}

// Batch returns a new, empty batch of c.
func (c *Counter) Batch() *CounterBatch { return &CounterBatch{c: c} }

// Add counts one document's distinct shingles: a shingle given twice is counted twice.
func (b *CounterBatch) Add(shingles []uint64) {
	for _, h := range shingles {
		if len(b.slots) == counterBatch {
			b.Flush()
		}
		b.slots = append(b.slots, uint32(h&b.c.mask))
	}
}

// Flush adds the batch's slots to the counts. Call it once the goroutine's documents are
// added, before Common.
func (b *CounterBatch) Flush() {
	c := b.c
	c.mu.Lock()
	if c.narrow != nil {
		for _, s := range b.slots {
			if n := c.narrow[s]; n < math.MaxUint8 {
				c.narrow[s] = n + 1
			}
		}
	} else {
		for _, s := range b.slots {
			c.wide[s]++
		}
	}
	c.mu.Unlock()
	b.slots = b.slots[:0]
}

// Common returns the shingles whose counter reached limit, at most the limit c was made for,
// as a set of slots, so that the counts can be dropped before the band keys are stored.
func (c *Counter) Common(limit int) *Common {
	c.mu.Lock()
	defer c.mu.Unlock()
	var slots []uint64
	for i, n := range c.narrow {
		if int(n) >= limit {
			slots = append(slots, uint64(i))
		}
	}
	for i, n := range c.wide {
		if int(n) >= limit {
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
//
// A bitmap of 2^16 bits, one for each value of a slot's low 16 bits, set for those of the
// common slots, answers for most shingles before the table is read: with a few thousand common
// slots, about one shingle in twelve needs the table. The table (tens of KiB for a few thousand
// slots) and its probes cost a tenth of the signing stage in CPU profiles of the scan of the
// 59,433 chronam articles; the bitmap, 8 KiB, stays in the processor's first-level cache.
// BenchmarkFilter under cachegrind: 18,200 -> 9,000 instructions and 213 -> 65 mispredicted
// branches for 300 shingles.
type Common struct {
	mask  uint64
	slots Set
	seen  [commonSeen / 64]uint64 // bit s%commonSeen set for every common slot s
}

// commonSeen is the number of bits of a Common's bitmap of slots.
const commonSeen = 1 << 16

// NewCommon returns the set of the shingles whose hash & mask is in slots. Repeated slots
// count once; slots above mask match nothing.
func NewCommon(mask uint64, slots []uint64) *Common {
	c := &Common{mask: mask}
	c.slots.Reset(len(slots))
	for _, s := range slots {
		c.slots.Add(s)
		c.seen[s%commonSeen/64] |= 1 << (s % 64)
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
			if s := h & c.mask; c.seen[s%commonSeen/64]&(1<<(s%64)) == 0 || !c.slots.Has(s) {
				kept = append(kept, h)
			}
		}
		return kept
	}
}
