package minhash

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestDensifySparse checks that densifying from the occupied bins fills every empty bin with
// the value probing from it finds, for signature lengths below, at and above the tabled probes
// and sets from one shingle to half the bins: Sign chooses between the two by the share of
// occupied bins, and signatures must not depend on which it chose.
func TestDensifySparse(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 9))
	for _, numPerm := range []int{1, 7, 64, 100, 512, 1024} {
		h, err := New(numPerm, r.Uint64())
		if err != nil {
			t.Fatal(err)
		}
		for size := 1; size <= max(1, numPerm/2); size += 1 + size/4 {
			for range 20 {
				set := make([]uint64, size)
				for i := range set {
					set[i] = r.Uint64()
				}
				probing := h.hashBins(nil, set)
				sparse := slices.Clone(probing)
				h.densifyProbing(probing)
				h.densifySparse(sparse)
				if !slices.Equal(probing, sparse) {
					t.Fatalf("numPerm %d, %d shingles: densifySparse differs from densifyProbing", numPerm, size)
				}
			}
		}
	}
}
