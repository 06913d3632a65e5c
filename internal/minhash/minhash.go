package minhash

import (
	"fmt"
	"math"
	"slices"

	"github.com/dedupe-dev/dedupe/internal/splitmix"
)

const (
	// borrowed flags a value copied into an empty bin. Values of occupied
	// bins have 31 bits and never carry it; while Sign runs, empty bins hold
	// math.MaxUint32, so every bin not yet filled from its own shingles
	// carries it too.
	borrowed = 1 << 31

	// maxNumPerm bounds the signature length, far above any useful value:
	// densifying the signature of a one-shingle set costs up to 2·numPerm²
	// probes.
	maxNumPerm = 1 << 16
)

// Hasher computes MinHash signatures by one-permutation hashing with optimal
// densification. It is immutable after [New] and safe for concurrent use. The
// zero value is not usable.
type Hasher struct {
	seed     uint64
	numPerm  int
	hashKey  uint64 // start of the splitmix64 stream that hashes shingles
	probeKey uint64 // start of the splitmix64 stream that draws probes
	// probes holds the first tabledProbes probes of every bin, p(i, 0..tabledProbes-1) at
	// probes[i*tabledProbes:], when numPerm is at most maxTabledPerm; nil otherwise.
	probes []uint16
	// landing inverts the first landedProbes probes of every bin: landing[landFrom[b]:
	// landFrom[b+1]] are those that land on bin b, probe a of bin i each as the mark
	// densifySparse keeps, i<<16 | ^(a<<binBits | b) (see there).
	landing  []uint32
	landFrom []uint32
	// near holds the first firstProbes probes of every bin, p(i, 0..firstProbes-1) at
	// near[i*firstProbes:], when probes does: what densifyProbing reads for every bin, 4 KiB
	// read in order at 512 bins where the same in probes spans 64 KiB.
	near []uint16
}

// Densification draws the same probes for every signature: the first few of each bin are
// drawn once, in New, instead of once per empty bin of every signature. An empty bin needs
// numPerm/m probes on average for m occupied bins, 9 for a short article of 60 shingles in 512
// bins; 64 leave about one search in 2,000 to draw more, and cost 64 KiB at 512 permutations
// (BenchmarkSign at 512 bins and 60 shingles: 20% faster than with 16). Larger signatures,
// whose sets are larger too, draw every probe.
const (
	tabledProbes  = 64
	maxTabledPerm = 1024
)

// A signature with fewer than numPerm/sparseBins occupied bins is densified from its occupied
// bins (densifySparse): each marks, among the first landedProbes probes of every bin, those
// that land on it, and an empty bin takes the bin of its first mark, probing on from there
// only when it has none. Probing from each empty bin costs about numPerm/m probes
// for each of the numPerm-m empty bins, m occupied, and a mispredicted branch where each
// search ends; marking costs landedProbes writes for each occupied bin, without a branch.
// Chosen with cachegrind (--branch-sim=yes) signing the shingle sets of the 59,433 chronam
// articles in 512 bins, the loading of the sets subtracted: probing only, 3,302 M
// instructions, 19.1 M first-level data misses, 35.2 M mispredicted branches; 16 probes
// marked below a quarter of the bins occupied, 2,620-2,740 M, 25.6-25.8 M and 27.6 M; 64
// probes marked below a fifth, 3,356 M, 28.4 M and 25.9 M (the marks of 64 probes cost more
// than the mispredictions they saved); 32 probes, below a fifth or a quarter, in between.
const (
	sparseBins   = 4
	landedProbes = 16
)

// New returns a Hasher for signatures of numPerm values derived from seed as
// described in the package documentation. Equal arguments give identical
// signatures in every process and version. numPerm must be between 1 and
// 65,536.
func New(numPerm int, seed uint64) (*Hasher, error) {
	if numPerm < 1 || numPerm > maxNumPerm {
		return nil, fmt.Errorf("minhash: number of permutations must be between 1 and %d, got %d", maxNumPerm, numPerm)
	}
	state := seed
	hashKey := splitmix.Next(&state)
	probeKey := splitmix.Next(&state)
	h := &Hasher{seed: seed, numPerm: numPerm, hashKey: hashKey, probeKey: probeKey}
	if numPerm <= maxTabledPerm {
		bins := uint64(numPerm)
		h.probes = make([]uint16, numPerm*tabledProbes)
		for i := range numPerm {
			z := h.probeStart(i)
			for a := range min(tabledProbes, numPerm) {
				h.probes[i*tabledProbes+a] = uint16(splitmix.Mix(z) >> 32 * bins >> 32)
				z += splitmix.Gamma
			}
		}
		h.invertProbes()
		if numPerm >= firstProbes {
			h.near = make([]uint16, 0, numPerm*firstProbes)
			for i := range numPerm {
				h.near = append(h.near, h.probes[i*tabledProbes:][:firstProbes]...)
			}
		}
	}
	return h, nil
}

// invertProbes files the first landedProbes probes of every bin by the bin they land on, for
// densifySparse.
func (h *Hasher) invertProbes() {
	n := h.numPerm
	landed := min(landedProbes, n)
	h.landFrom = make([]uint32, n+1)
	for i := range n {
		for _, b := range h.probes[i*tabledProbes:][:landed] {
			h.landFrom[b+1]++
		}
	}
	for b := range n {
		h.landFrom[b+1] += h.landFrom[b]
	}
	h.landing = make([]uint32, n*landed)
	next := slices.Clone(h.landFrom[:n])
	for i := range n {
		for a, b := range h.probes[i*tabledProbes:][:landed] {
			h.landing[next[b]] = uint32(i)<<16 | uint32(^(uint16(a)<<binBits | b))
			next[b]++
		}
	}
}

// binBits is the bits of a bin below maxTabledPerm, in densifySparse's marks.
const binBits = 10

// probeStart returns the splitmix64 state of probe p(i, 0); probe a is drawn from it plus
// a·γ.
func (h *Hasher) probeStart(i int) uint64 { return h.probeKey + uint64(i)<<32*splitmix.Gamma }

// NumPerm returns the number of values of a signature, the number of bins.
func (h *Hasher) NumPerm() int { return h.numPerm }

// Seed returns the seed the hash functions were derived from.
func (h *Hasher) Seed() uint64 { return h.seed }

// Signature is a MinHash signature: element i is the smallest hash value of
// the shingles in bin i, or a flagged copy of another bin's value when bin i
// is empty (see the package documentation).
type Signature []uint32

// Sign computes the signature of the set of shingle hashes, stores it in
// dst[:0] and returns it, growing dst only if its capacity is below
// [Hasher.NumPerm]; the Hasher keeps no reference to it. Duplicate shingles
// do not change the result, nor does their order.
//
// Sign costs one hash per shingle plus, for each empty bin, numPerm/m probes
// on average, where m is the number of occupied bins: about
// len(shingles) + 1.5·numPerm when there are at least numPerm/2 shingles,
// and numPerm² on average (2·numPerm² at most) for a single shingle. With at
// most 1,024 bins, a set occupying fewer than a quarter of them costs instead
// 16 marks per occupied bin, and the probes of the empty bins none of whose
// first 16 probes is occupied.
//
// The signature of an empty set is all 0xFFFFFFFF, identical for every empty
// set: callers must not treat empty sets as similar (see the package
// documentation).
func (h *Hasher) Sign(dst Signature, shingles []uint64) Signature {
	sig := h.hashBins(dst, shingles)
	if len(shingles) == 0 {
		return sig
	}
	occupied := 0
	for _, v := range sig {
		occupied += int(^v >> 31) // 1 unless the bin is empty and holds math.MaxUint32
	}
	if h.probes != nil && occupied*sparseBins < len(sig) {
		h.densifySparse(sig)
	} else {
		h.densifyProbing(sig)
	}
	return sig
}

// hashBins is Sign before densification: it stores in dst[:0], grown as Sign says, each bin's
// smallest value, or math.MaxUint32 for a bin no shingle fell into.
func (h *Hasher) hashBins(dst Signature, shingles []uint64) Signature {
	n := h.numPerm
	if cap(dst) < n {
		dst = make(Signature, n)
	}
	sig := dst[:n]
	for i := range sig {
		sig[i] = math.MaxUint32
	}
	// One-permutation hashing: the high 32 bits of the hash pick the bin,
	// the low 31 are the value. The iterations are independent but for
	// the rare store to a bin read by the next one, so they overlap in the
	// CPU.
	bins := uint64(n)
	for _, x := range shingles {
		z := splitmix.Mix(x*splitmix.Gamma + h.hashKey)
		v := uint32(z) &^ borrowed
		if b := (z >> 32) * bins >> 32; v < sig[b] {
			sig[b] = v
		}
	}
	return sig
}

// densifyProbing fills each empty bin of sig from the first occupied bin of its probe
// sequence (see borrow). Bins after i still hold their own minimum or math.MaxUint32, and bins
// before it carry the flag once filled, so a bin is found occupied exactly when it was before
// this loop.
//
// With tabled probes, every bin takes the first occupied bin among its first firstProbes probes
// without a branch, its own value if it is occupied, and only an empty bin whose first probes
// are all empty searches on. Searching from each empty bin in turn, where the search ends, and
// whether a bin was empty, mispredicted a branch or two for each empty bin: the most of what
// densification cost on signatures with a quarter of their bins occupied or more, most of the
// chronam articles'. Under cachegrind (BenchmarkSign, 512 bins), mispredicted branches fell
// from 591 to 293 a signature at 150 shingles and from 610 to 107 at 300, for 5-10% more
// instructions.
func (h *Hasher) densifyProbing(sig Signature) {
	if h.near == nil {
		for i, v := range sig {
			if v&borrowed != 0 {
				sig[i] = h.borrow(sig, i, 0) | borrowed
			}
		}
		return
	}
	for i, v := range sig {
		p := h.near[i*firstProbes:][:firstProbes]
		// The first occupied of the four, or a value carrying the flag if none is.
		w := sig[p[3]]
		if u := sig[p[2]]; u&borrowed == 0 {
			w = u
		}
		if u := sig[p[1]]; u&borrowed == 0 {
			w = u
		}
		if u := sig[p[0]]; u&borrowed == 0 {
			w = u
		}
		if w&borrowed != 0 && v&borrowed != 0 {
			w = h.borrow(sig, i, firstProbes)
		}
		w |= borrowed
		if v&borrowed == 0 {
			w = v
		}
		sig[i] = w
	}
}

// firstProbes is how many probes densifyProbing reads for every bin before it searches on (see
// there): with a quarter of the bins occupied or more, the four find an occupied bin for at
// least two empty bins in three, with half of them for 15 in 16.
const firstProbes = 4

// densifySparse fills the empty bins of sig as Sign's densification does, for a signature with
// few occupied bins and a Hasher with tabled probes (see sparseBins). Instead of probing from
// each empty bin, it goes through the probes among the first landedProbes of each bin that
// land on an occupied bin (the inverted table) and keeps, for each bin, the first of them: an
// empty bin's first occupied probe. A bin without one searches on from there, as borrow does.
// Filled bins carry the flag, so the searches see the bins occupied before densification, as
// borrow's do.
//
// The first occupied probe of bin i is kept as the complement of a<<binBits | b, probe a
// landing on bin b, the greatest of those seen: the smallest a, and b, where the value is, at
// hand without reading the table of probes again; 0, the table's zero value, is none. A bit
// per probe, the first found by counting trailing zeros, needed 8 KiB of marks cleared for
// every signature and a read of the 64 KiB table of probes for every empty bin; these are 2
// KiB, and the empty bins are filled without a branch but for those with no occupied probe.
// Under cachegrind (BenchmarkSign, 512 bins), first-level data misses fell from 545-608 a
// signature to 24-131 at 40 to 120 shingles, mispredicted branches from 352-443 to 271-427.
// The inverted table holds each probe as its complement already, beside its bin i, so that
// marking is a load, a compare and a store a probe.
func (h *Hasher) densifySparse(sig Signature) {
	const binMask = 1<<binBits - 1
	var table [maxTabledPerm]uint16
	for b, v := range sig {
		if v&borrowed == 0 {
			for _, e := range h.landing[h.landFrom[b]:h.landFrom[b+1]] {
				i := e >> 16 & (maxTabledPerm - 1) // i < len(sig): the mask spares a bounds check
				table[i] = max(table[i], uint16(e))
			}
		}
	}
	first := table[:len(sig)]
	for i, v := range sig {
		f := first[i]
		if f == 0 {
			if v&borrowed != 0 {
				sig[i] = h.borrow(sig, i, min(landedProbes, len(sig))) | borrowed
			}
			continue
		}
		w := sig[^f&binMask] | borrowed
		if v&borrowed == 0 {
			w = v
		}
		sig[i] = w
	}
}

// borrow returns the value of the first occupied bin of the probe sequence
// of empty bin i from probe attempt from on, the attempts before it having
// found none: numPerm bins drawn from (seed, i, attempt) alone, then the bins
// after i in circular order, which ends the search since a non-empty set
// occupies some bin.
func (h *Hasher) borrow(sig Signature, i, from int) uint32 {
	bins := uint64(len(sig))
	if h.probes != nil {
		tabled := min(tabledProbes, len(sig))
		for _, b := range h.probes[i*tabledProbes:][from:tabled] {
			if v := sig[b]; v&borrowed == 0 {
				return v
			}
		}
		from = tabled
	}
	z := h.probeStart(i) + uint64(from)*splitmix.Gamma
	for range bins - uint64(from) {
		if v := sig[(splitmix.Mix(z)>>32)*bins>>32]; v&borrowed == 0 {
			return v
		}
		z += splitmix.Gamma
	}
	for j := i + 1; ; j++ {
		if j == len(sig) {
			j = 0
		}
		if v := sig[j]; v&borrowed == 0 {
			return v
		}
	}
}

// Similarity returns the fraction of positions where s and t are equal, the
// unbiased estimate of the Jaccard similarity of their sets. It returns 0 for
// two empty signatures and panics if the lengths differ, as comparing
// signatures of different hashers is meaningless.
func (s Signature) Similarity(t Signature) float64 {
	if len(s) != len(t) {
		panic(fmt.Sprintf("minhash: signature lengths differ: %d and %d", len(s), len(t)))
	}
	if len(s) == 0 {
		return 0
	}
	t = t[:len(s)]
	eq := 0
	for i, v := range s {
		if v == t[i] {
			eq++
		}
	}
	return float64(eq) / float64(len(s))
}
