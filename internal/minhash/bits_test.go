package minhash_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/minhash"
)

// TestAppendBits: value i's lowest four bits stand at bits 4(i mod 16) of word i/16, and the
// last word's padding is zero.
func TestAppendBits(t *testing.T) {
	sig := make(minhash.Signature, 20)
	for i := range sig {
		sig[i] = uint32(i)<<4 | uint32(i%16) | 0x8000_0000
	}
	got := sig.AppendBits(minhash.Bits{7})
	if len(got) != 1+minhash.BitsWords(len(sig)) || got[0] != 7 {
		t.Fatalf("AppendBits gave %d words after the first %d; want %d after 7", len(got)-1, got[0], minhash.BitsWords(len(sig)))
	}
	if want := uint64(0xfedc_ba98_7654_3210); got[1] != want {
		t.Errorf("first word %#x, want %#x", got[1], want)
	}
	if want := uint64(0x3210); got[2] != want {
		t.Errorf("last word %#x, want %#x (the values 16-19, then zero)", got[2], want)
	}
}

// TestBitsSimilarity: the estimate from four bits of each value stays within four standard
// errors of the true Jaccard (the error of 512 values and the chance agreement of four bits
// both counted), identical sets give 1, and disjoint ones about 0.
func TestBitsSimilarity(t *testing.T) {
	const numPerm = 512
	h := minhash.TestHasher(t, numPerm, 1)
	r := rand.New(rand.NewPCG(3, 4))
	for _, tt := range []struct{ n, inter int }{{400, 0}, {400, 20}, {400, 80}, {400, 200}, {400, 400}, {60, 12}} {
		a, b := pairWithJaccard(r, tt.n, tt.inter)
		if tt.inter == tt.n {
			b = a
		}
		bitsA := h.Sign(nil, a).AppendBits(nil)
		bitsB := h.Sign(nil, b).AppendBits(nil)
		j := float64(tt.inter) / float64(tt.n)
		got := bitsA.Similarity(bitsB, numPerm)
		const chance = 1.0 / 16
		p := j + (1-j)*chance
		se := math.Sqrt(p*(1-p)/numPerm) / (1 - chance)
		if math.Abs(got-j) > 4*se+1e-12 {
			t.Errorf("J = %g: estimated %.4f, more than 4 standard errors (%.4f) away", j, got, se)
		}
		if tt.inter == tt.n && got != 1 {
			t.Errorf("identical sets: %g, want 1", got)
		}
	}
	if got := minhash.Bits(nil).Similarity(nil, 0); got != 0 {
		t.Errorf("no values: %g, want 0", got)
	}
}
