package minhash

import (
	"fmt"
	"math"
)

// Hasher computes MinHash signatures with a fixed set of hash functions.
// It is immutable after [New] and safe for concurrent use. The zero value is
// not usable.
type Hasher struct {
	seed uint64
	a, b []uint64 // coefficients of h_i(x) = (a[i]*x + b[i]) >> 32; a[i] odd
}

// New returns a Hasher with numPerm hash functions derived from seed as
// described in the package documentation. Equal arguments give identical
// signatures in every process and version. numPerm must be at least 1.
func New(numPerm int, seed uint64) (*Hasher, error) {
	if numPerm < 1 {
		return nil, fmt.Errorf("minhash: number of permutations must be at least 1, got %d", numPerm)
	}
	h := &Hasher{seed: seed, a: make([]uint64, numPerm), b: make([]uint64, numPerm)}
	state := seed
	for i := range h.a {
		h.a[i] = splitmix64(&state) | 1
		h.b[i] = splitmix64(&state)
	}
	return h, nil
}

// splitmix64 advances *state and returns the next output of the splitmix64
// generator. Its constants are part of the signature format.
func splitmix64(state *uint64) uint64 {
	*state += 0x9e3779b97f4a7c15
	z := *state
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// NumPerm returns the number of hash functions, the length of signatures.
func (h *Hasher) NumPerm() int { return len(h.a) }

// Seed returns the seed the hash functions were derived from.
func (h *Hasher) Seed() uint64 { return h.seed }

// Signature is a MinHash signature: element i is the minimum of hash
// function i over the set.
type Signature []uint32

// Sign computes the signature of the set of shingle hashes, stores it in
// dst[:0] and returns it, growing dst only if its capacity is below
// [Hasher.NumPerm]; the Hasher keeps no reference to it. Duplicate shingles
// do not change the result, nor does their order. The shingles must be hash
// values, not raw numbers (see the package documentation).
//
// The signature of an empty set is all 0xFFFFFFFF, identical for every empty
// set: callers must not treat empty sets as similar (see the package
// documentation).
func (h *Hasher) Sign(dst Signature, shingles []uint64) Signature {
	n := len(h.a)
	if cap(dst) < n {
		dst = make(Signature, n)
	}
	sig := dst[:n]
	for i := range sig {
		sig[i] = math.MaxUint32
	}
	// Equal lengths let the compiler drop bounds checks in the loop below.
	a, b := h.a[:n], h.b[:n]
	// Shingles outside, functions inside: the independent iterations of the
	// inner loop overlap in the CPU, and the branch is rarely taken once the
	// minima are small, so it predicts well. Keeping the running minimum of
	// one function in a register instead (functions outside) measured 1.5×
	// slower, limited by the latency of the dependent min chain.
	for _, x := range shingles {
		for i, ai := range a {
			if v := uint32((ai*x + b[i]) >> 32); v < sig[i] {
				sig[i] = v
			}
		}
	}
	return sig
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
