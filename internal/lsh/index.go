package lsh

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/zeebo/xxh3"

	"github.com/dedupe-dev/dedupe/internal/minhash"
)

// Pair is a candidate pair of document ids, A < B.
type Pair struct{ A, B uint32 }

// Stats describes the buckets found by [Index.Candidates].
type Stats struct {
	Entries          int // band keys indexed
	Buckets          int // distinct keys shared by >= 2 ids
	OversizedBuckets int // buckets skipped because larger than maxBucket
	LargestBucket    int // ids in the largest bucket, skipped or not
	Pairs            int // distinct candidate pairs returned
}

// Index collects the band keys of signatures and groups documents sharing a
// key into candidate pairs. It sorts a flat list of (key, id) entries rather
// than keeping a map of buckets: 16 bytes per entry, no per-bucket
// allocations, sequential memory access, and an order that depends only on
// the entries, not on insertion order or map iteration.
//
// [Index.Keys] only reads the band layout and is safe for concurrent use, so
// workers can compute keys in parallel. All other methods must be serialised
// by the caller: [Index.AddKeys] appends, and [Index.Candidates] and
// [Index.Query] sort the entries in place on first use after an AddKeys.
type Index struct {
	bands, rows int
	entries     []entry
	sorted      bool // entries ordered by (key, id) since the last AddKeys
}

// entry is one band key of one document. A single slice of structs (16 bytes
// with padding) costs a third more than parallel key and id slices, but sorts
// with the generic slices functions instead of a sort.Interface whose
// indirect Less and Swap calls dominate the sort.
type entry struct {
	key uint64
	id  uint32
}

// NewIndex returns an empty Index cutting signatures into bands of rows
// values each. Both must be at least 1.
func NewIndex(bands, rows int) (*Index, error) {
	if bands < 1 || rows < 1 {
		return nil, fmt.Errorf("lsh: bands and rows must be at least 1, got %d and %d", bands, rows)
	}
	return &Index{bands: bands, rows: rows}, nil
}

// Bands returns the number of bands, the number of keys per signature.
func (ix *Index) Bands() int { return ix.bands }

// Rows returns the number of signature values per band.
func (ix *Index) Rows() int { return ix.rows }

// Keys computes the band keys of sig, stores them in dst[:0] and returns
// them, growing dst only if its capacity is below [Index.Bands]. Band i covers
// sig[i*rows : (i+1)*rows]; values past bands*rows are ignored. Key i is the
// xxh3 hash, seeded with i, of the little-endian bytes of the band's values:
// the seed keeps equal values in different bands apart. Keys are persisted,
// so this definition must not change.
//
// Keys panics if sig has fewer than bands*rows values: the signature comes
// from a hasher with too few permutations for the index.
func (ix *Index) Keys(dst []uint64, sig minhash.Signature) []uint64 {
	if len(sig) < ix.bands*ix.rows {
		panic(fmt.Sprintf("lsh: signature has %d values, index needs %d bands × %d rows", len(sig), ix.bands, ix.rows))
	}
	// Bands of up to 64 rows are encoded on the stack, longer ones once on
	// the heap.
	var stack [64 * 4]byte
	buf := stack[:]
	if n := ix.rows * 4; n > len(buf) {
		buf = make([]byte, n)
	}
	buf = buf[:ix.rows*4]
	dst = dst[:0]
	for i := range ix.bands {
		for j, v := range sig[i*ix.rows : (i+1)*ix.rows] {
			binary.LittleEndian.PutUint32(buf[4*j:], v)
		}
		dst = append(dst, xxh3.HashSeed(buf, uint64(i)))
	}
	return dst
}

// AddKeys records the band keys of document id, as computed by
// [Index.Keys]; it does not retain keys. Adding the same id twice is
// harmless: ids are de-duplicated within buckets.
func (ix *Index) AddKeys(id uint32, keys []uint64) {
	for _, k := range keys {
		ix.entries = append(ix.entries, entry{key: k, id: id})
	}
	ix.sorted = false
}

// Grow makes room for n more band keys, so that adding the keys of a corpus whose size is
// known allocates once instead of growing the entries step by step (which, at the end, holds
// the old and the new array at once).
func (ix *Index) Grow(n int) {
	ix.entries = slices.Grow(ix.entries, n)
}

// Add records the band keys of signature sig for document id; it is
// [Index.Keys] followed by [Index.AddKeys], and panics like Keys.
func (ix *Index) Add(id uint32, sig minhash.Signature) {
	var keys [64]uint64 // room for usual band counts without allocating
	ix.AddKeys(id, ix.Keys(keys[:0], sig))
}

// sort orders the entries by key, then id, unless already done.
func (ix *Index) sort() {
	if ix.sorted {
		return
	}
	slices.SortFunc(ix.entries, func(x, y entry) int {
		if c := cmp.Compare(x.key, y.key); c != 0 {
			return c
		}
		return cmp.Compare(x.id, y.id)
	})
	ix.sorted = true
}

// Candidates returns every pair of documents sharing at least one band key,
// de-duplicated and sorted by (A, B), with statistics about the buckets (the
// sets of ids sharing a key). A bucket of k ids yields k(k-1)/2 pairs, so
// buckets of more than maxBucket ids are skipped when maxBucket > 0: such
// keys usually come from boilerplate shared by many documents. They are
// counted in [Stats.OversizedBuckets] and [Stats.LargestBucket]. The result
// depends only on the keys added, not on the order of the AddKeys calls.
// It returns nil pairs if no bucket qualifies.
func (ix *Index) Candidates(maxBucket int) ([]Pair, Stats) {
	ix.sort()
	st := Stats{Entries: len(ix.entries)}
	var codes []uint64 // pairs as A<<32 | B, which sort in (A, B) order
	var ids []uint32
	for lo := 0; lo < len(ix.entries); {
		key := ix.entries[lo].key
		ids = ids[:0]
		hi := lo
		for ; hi < len(ix.entries) && ix.entries[hi].key == key; hi++ {
			// Ids arrive sorted, so repeats are adjacent.
			if id := ix.entries[hi].id; len(ids) == 0 || ids[len(ids)-1] != id {
				ids = append(ids, id)
			}
		}
		lo = hi
		if len(ids) < 2 {
			continue
		}
		st.Buckets++
		st.LargestBucket = max(st.LargestBucket, len(ids))
		if maxBucket > 0 && len(ids) > maxBucket {
			st.OversizedBuckets++
			continue
		}
		for i, a := range ids {
			for _, b := range ids[i+1:] {
				codes = append(codes, uint64(a)<<32|uint64(b))
			}
		}
	}
	slices.Sort(codes)
	codes = slices.Compact(codes)
	if len(codes) == 0 {
		return nil, st
	}
	pairs := make([]Pair, len(codes))
	for i, c := range codes {
		pairs[i] = Pair{A: uint32(c >> 32), B: uint32(c)}
	}
	st.Pairs = len(pairs)
	return pairs, st
}

// Query returns the ids of documents sharing at least one key with keys,
// sorted and de-duplicated, or nil if there are none. It serves to check a
// new document against an existing index; if the document itself was added,
// its own id is included. Unlike [Index.Candidates] it skips no bucket.
// Query sorts the index on first use after [Index.AddKeys].
func (ix *Index) Query(keys []uint64) []uint32 {
	ix.sort()
	var ids []uint32
	for _, k := range keys {
		i, _ := slices.BinarySearchFunc(ix.entries, k, func(e entry, key uint64) int { return cmp.Compare(e.key, key) })
		for ; i < len(ix.entries) && ix.entries[i].key == k; i++ {
			ids = append(ids, ix.entries[i].id)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}
