package lsh

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/zeebo/xxh3"

	"github.com/dedupe-dev/dedupe/internal/minhash"
	"github.com/dedupe-dev/dedupe/internal/radix"
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

// Index collects the band keys of a corpus and groups documents sharing a key
// into candidate pairs.
//
// It keeps the low 32 bits of each key, band by band: documents are only ever
// compared within a band, and there two different keys agree on 32 bits with
// probability 2^-32, so n documents gain about n²/2^33 chance candidates per
// band (1 at 100,000 documents, 116 at a million, against millions of real
// candidates), each rejected by the verifier in microseconds. In exchange
// the index takes 4 bytes per band and document, half of full keys, and the
// largest structure of a large scan after the sketches.
//
// [Index.Candidates] works one band at a time: it pairs each key of the band
// with its document id in one 64-bit word, key high, and radix-sorts the
// words, so that equal keys form runs (buckets). Sorting needs no per-bucket
// memory, touches memory sequentially and gives the same output whatever the
// insertion order; bands are independent, so workers take them in parallel.
//
// [Index.Keys] only reads the band layout and is safe for concurrent use, so
// workers can compute keys in parallel. All other methods must be serialised
// by the caller.
type Index struct {
	bands, rows int
	ids         []uint32   // the document of each added row
	keys        [][]uint32 // keys[b][i]: low half of band b's key of document ids[i]
}

// NewIndex returns an empty Index cutting signatures into bands of rows
// values each. Both must be at least 1.
func NewIndex(bands, rows int) (*Index, error) {
	if bands < 1 || rows < 1 {
		return nil, fmt.Errorf("lsh: bands and rows must be at least 1, got %d and %d", bands, rows)
	}
	return &Index{bands: bands, rows: rows, keys: make([][]uint32, bands)}, nil
}

// Bands returns the number of bands, the number of keys per signature.
func (ix *Index) Bands() int { return ix.bands }

// Rows returns the number of signature values per band.
func (ix *Index) Rows() int { return ix.rows }

// Keys computes the band keys of sig, stores them in dst[:0] and returns
// them, growing dst only if its capacity is below [Index.Bands]. Band i covers
// sig[i*rows : (i+1)*rows]; values past bands*rows are ignored. Key i is the
// xxh3 hash, seeded with i, of the little-endian bytes of the band's values:
// the seed keeps equal values in different bands apart.
//
// A band of several rows whose values all come from one bin of the signature
// gets a key of its own instead: the hash of the whole signature, seeded with
// i (see ownKey), which only documents with the same signature share. Such a
// band is what densification makes of a small set (package minhash): its
// empty positions copy occupied bins, and when every position of a band holds
// the same bin's minimum (equal low 31 bits; the borrowed ones have bit 31
// set), the band matches whenever that one bin does, with probability J
// instead of J^rows. Short documents have a few such bands each, and on the
// chronam-1916 articles they made 58% of the candidates (136,000 of 235,000),
// nearly all chance pairs sharing a name or a phrase: the verified pairs
// fell by 1.4%, all but a few of them weak.
//
// Keys are persisted, so this definition must not change without a new
// band_hash in package index.
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
	// The bytes of the whole signature, for the one-bin bands, encoded at the first: a
	// signature of up to 512 values on the stack.
	var whole [512 * 4]byte
	var sigBytes []byte
	if ix.rows <= 2 {
		return ix.shortKeys(dst, sig, whole[:])
	}
	for i := range ix.bands {
		band := sig[i*ix.rows : (i+1)*ix.rows]
		if oneBin(band) {
			if sigBytes == nil {
				sigBytes = littleEndian(whole[:], sig)
			}
			dst = append(dst, ownKey(sigBytes, i))
			continue
		}
		for j, v := range band {
			binary.LittleEndian.PutUint32(buf[4*j:], v)
		}
		dst = append(dst, xxh3.HashSeed(buf, uint64(i)))
	}
	return dst
}

// shortKeys stores in dst[:0] and returns the keys of sig's bands of one or two rows, as Keys
// computes them, with buf as room for the signature's bytes. Every band's short key is
// computed first, in a loop of its own that keeps its variables in registers, and the keys of
// the one-bin bands replace theirs after it: two in a hundred bands on the chronam articles.
// In the loop of every band size, which kept its variables on the stack, the articles' keys
// took 1,851 M instructions under cachegrind, 1,214 M in this one.
func (ix *Index) shortKeys(dst []uint64, sig minhash.Signature, buf []byte) []uint64 {
	rows, bands := ix.rows, ix.bands
	dst = slices.Grow(dst[:0], bands)[:bands]
	own := false
	for i := range dst {
		first, last := sig[i*rows], sig[i*rows+rows-1]
		own = own || rows == 2 && sameBin(first, last)
		dst[i] = shortKey(first, last, rows, uint64(i))
	}
	if own {
		sigBytes := littleEndian(buf, sig)
		for i := range dst {
			if sameBin(sig[2*i], sig[2*i+1]) {
				dst[i] = ownKey(sigBytes, i)
			}
		}
	}
	return dst
}

// shortKey returns xxh3.HashSeed of the little-endian bytes of a band of one or two values
// (rows), first and last, with seed: xxh3's own arithmetic for inputs of 4 to 8 bytes, which
// reads the first and the last four bytes, written out here. The scan's bands have two rows,
// and encoding each of a signature's 256 bands to call xxh3 through its general entry, which
// picks the path by the input's length, cost about 75 instructions a band: BenchmarkKeys at 256
// bands of 2 rows under cachegrind, 55,800 -> 36,800 instructions a signature of 300 shingles,
// 69,300 -> 50,200 at 60 (whose one-bin bands hash the whole signature). TestShortKey checks
// it against xxh3.HashSeed.
func shortKey(first, last uint32, rows int, seed uint64) uint64 {
	const (
		secret8  = 0x1cad21f72c81017c // bytes 8 to 15 of xxh3's default secret
		secret16 = 0xdb979083e96dd4de // bytes 16 to 23
	)
	seed ^= uint64(bits.ReverseBytes32(uint32(seed))) << 32
	h := (uint64(last) + uint64(first)<<32) ^ (secret8 ^ secret16 - seed)
	// xxh3's rrmxmx
	h ^= bits.RotateLeft64(h, 49) ^ bits.RotateLeft64(h, 24)
	h *= 0x9fb21c651e98df25
	h ^= h>>35 + uint64(4*rows)
	h *= 0x9fb21c651e98df25
	return h ^ h>>28
}

// oneBin reports whether a band of two or more values holds the minimum of one bin only: all
// its values agree in their low 31 bits, bit 31 marking a borrowed value (package minhash).
func oneBin(band minhash.Signature) bool {
	if len(band) < 2 {
		return false
	}
	for _, v := range band[1:] {
		if !sameBin(v, band[0]) {
			return false
		}
	}
	return true
}

// sameBin reports whether signature values x and y are one bin's minimum: their low 31 bits
// agree (see oneBin).
func sameBin(x, y uint32) bool { return (x^y)&0x7fffffff == 0 }

// ownKey returns the key of band i of a signature whose little-endian bytes are sig when the
// band holds one bin's minimum (see [Index.Keys]): the xxh3 hashes of ownChunk bytes of sig at
// a time, each seeded with the hash before, the first with i.
func ownKey(sig []byte, i int) uint64 {
	h := uint64(i)
	for len(sig) > 0 {
		n := min(len(sig), ownChunk)
		h = xxh3.HashSeed(sig[:n], h)
		sig = sig[n:]
	}
	return h
}

// ownChunk is how many bytes of a signature ownKey hashes at a time: 64 values, as many as
// the buffer of Keys held when it encoded the signature again for each one-bin band (the
// keys are persisted).
const ownChunk = 64 * 4

// littleEndian returns the little-endian bytes of sig, in buf when it has room.
func littleEndian(buf []byte, sig minhash.Signature) []byte {
	if n := 4 * len(sig); n <= len(buf) {
		buf = buf[:n]
	} else {
		buf = make([]byte, n)
	}
	for j, v := range sig {
		// Four bytes sliced, not the rest: PutUint32 then checks no length of its own.
		binary.LittleEndian.PutUint32(buf[4*j:4*j+4], v)
	}
	return buf
}

// AddKeys records the band keys of document id, as computed by
// [Index.Keys]; it does not retain keys. Adding the same id twice is
// harmless: ids are de-duplicated within buckets. AddKeys panics if keys does
// not hold one key per band.
func (ix *Index) AddKeys(id uint32, keys []uint64) {
	ix.AddBatch([]uint32{id}, keys)
}

// AddBatch records the band keys of several documents, keys[k*Bands():(k+1)*Bands()] being
// those of ids[k], as AddKeys would one document at a time; it does not retain ids or keys. It
// panics if keys does not hold one key per band for each id.
//
// It takes eight bands at a time, a cache line of each document's keys, and appends every
// document's keys of those bands before the next eight. One document at a time, each of its
// keys went to another band's array, and so to another page of memory: a miss of the address
// translation cache for every band of every document, a sixth of the signing stage of the
// 59,433 chronam articles in CPU profiles (BenchmarkSigning of package scan). One band at a
// time over a batch, the reads of a document's keys, a signature's length apart, fell into the
// same few sets of the processor's cache and missed it.
func (ix *Index) AddBatch(ids []uint32, keys []uint64) {
	if len(keys) != len(ids)*ix.bands {
		panic(fmt.Sprintf("lsh: %d keys for %d documents in an index of %d bands", len(keys), len(ids), ix.bands))
	}
	ix.ids = append(ix.ids, ids...)
	const group = 8 // 64-bit keys in a cache line
	for lo := 0; lo < ix.bands; lo += group {
		bands := ix.keys[lo:min(lo+group, ix.bands)]
		for k := range ids {
			row := keys[k*ix.bands+lo:]
			for b := range bands {
				bands[b] = append(bands[b], uint32(row[b]))
			}
		}
	}
}

// BucketKey returns the bucket of key, the band key of band, as one value: band<<32 | the low
// 32 bits of key. [Index.Candidates] pairs the documents whose keys of one band agree in their
// low 32 bits (see [Index]), so a run elsewhere (a distributed engine) that groups band keys by
// BucketKey finds exactly the same candidate pairs, chance collisions of the 32 bits included.
func BucketKey(band int, key uint64) uint64 { return uint64(band)<<32 | key&(1<<32-1) }

// Grow makes room for n more documents, so that adding the keys of a corpus
// whose size is known allocates once instead of growing step by step (which,
// at the end, holds the old and the new arrays at once).
func (ix *Index) Grow(n int) {
	ix.ids = slices.Grow(ix.ids, n)
	for b := range ix.keys {
		ix.keys[b] = slices.Grow(ix.keys[b], n)
	}
}

// Add records the band keys of signature sig for document id; it is
// [Index.Keys] followed by [Index.AddKeys], and panics like Keys.
func (ix *Index) Add(id uint32, sig minhash.Signature) {
	var keys [64]uint64 // room for usual band counts without allocating
	ix.AddKeys(id, ix.Keys(keys[:0], sig))
}

// Candidates returns every pair of documents sharing at least one band key,
// de-duplicated and sorted by (A, B), with statistics about the buckets (the
// sets of ids sharing a key in a band). A bucket of k ids yields k(k-1)/2
// pairs, so buckets of more than maxBucket ids are skipped when maxBucket > 0:
// such keys usually come from boilerplate shared by many documents. They are
// counted in [Stats.OversizedBuckets] and [Stats.LargestBucket]. The result
// depends only on the keys added, not on the order of the AddKeys calls nor
// on the number of workers, the goroutines that share out the bands. It
// returns nil pairs if no bucket qualifies. bandDone, when not nil, is called
// with 1 from the workers as each band is grouped, for a progress display.
func (ix *Index) Candidates(maxBucket, workers int, bandDone func(int)) ([]Pair, Stats) {
	workers = max(1, min(workers, ix.bands))
	type share struct {
		codes []uint64 // pairs as A<<32 | B, which sort in (A, B) order
		st    Stats
	}
	shares := make([]share, workers)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range shares {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sh := &shares[w]
			var g grouper
			compacted := 0
			for b := int(next.Add(1) - 1); b < ix.bands; b = int(next.Add(1) - 1) {
				sh.codes = g.band(sh.codes, ix.ids, ix.keys[b], maxBucket, &sh.st)
				// Pairs sharing many bands recur once per band: compact now and then so that
				// the repeats do not pile up.
				if len(sh.codes) > max(1<<16, 2*compacted) {
					sh.codes = sortCompact(&g.codeSorter, sh.codes)
					compacted = len(sh.codes)
				}
				if bandDone != nil {
					bandDone(1)
				}
			}
		}()
	}
	wg.Wait()

	st := Stats{Entries: len(ix.ids) * ix.bands}
	var codes []uint64
	for _, sh := range shares {
		codes = append(codes, sh.codes...)
		st.Buckets += sh.st.Buckets
		st.OversizedBuckets += sh.st.OversizedBuckets
		st.LargestBucket = max(st.LargestBucket, sh.st.LargestBucket)
	}
	var sorter radix.Sorter
	codes = sortCompact(&sorter, codes)
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

// sortCompact sorts codes and drops the repeats. A radix sort: the buckets of a story printed a
// thousand times give half a million pairs a band, and sorting them by comparison took 2.7 s of
// the 14 s that scanning its copies took.
func sortCompact(sorter *radix.Sorter, codes []uint64) []uint64 {
	return slices.Compact(sorter.Sort(codes, 0))
}

// grouper finds the buckets of one band at a time; its buffers are reused from
// band to band.
type grouper struct {
	words  []uint64
	ids    []uint32
	sorter radix.Sorter
	// codeSorter sorts the pairs found so far (sortCompact), apart from sorter, whose buffer
	// words may be.
	codeSorter radix.Sorter
}

// band appends to codes the pairs of the buckets of one band, whose keys are
// keys[i] for document ids[i], and counts the buckets in st.
func (g *grouper) band(codes []uint64, ids, keys []uint32, maxBucket int, st *Stats) []uint64 {
	g.words = slices.Grow(g.words[:0], len(ids))
	for i, id := range ids {
		g.words = append(g.words, uint64(keys[i])<<32|uint64(id))
	}
	g.words = g.sorter.Sort(g.words, 32)
	words := g.words
	for lo := 0; lo < len(words); {
		key := words[lo] >> 32
		hi := lo + 1
		for hi < len(words) && words[hi]>>32 == key {
			hi++
		}
		if hi-lo < 2 {
			lo = hi
			continue
		}
		g.ids = g.ids[:0]
		for _, w := range words[lo:hi] {
			g.ids = append(g.ids, uint32(w))
		}
		lo = hi
		// Ids arrive in insertion order, usually increasing; the same id may be added twice.
		if !slices.IsSorted(g.ids) {
			slices.Sort(g.ids)
		}
		bucket := slices.Compact(g.ids)
		if len(bucket) < 2 {
			continue
		}
		st.Buckets++
		st.LargestBucket = max(st.LargestBucket, len(bucket))
		if maxBucket > 0 && len(bucket) > maxBucket {
			st.OversizedBuckets++
			continue
		}
		for i, a := range bucket {
			for _, b := range bucket[i+1:] {
				codes = append(codes, uint64(a)<<32|uint64(b))
			}
		}
	}
	return codes
}
