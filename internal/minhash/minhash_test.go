package minhash_test

import (
	"flag"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/dedupe-dev/dedupe/internal/minhash"
)

var seedFlag = flag.Uint64("seed", 0, "seed for randomised tests (0: derive from the clock)")

// testRand returns a generator for a randomised test, logging its seed so a
// failure can be replayed with -seed.
func testRand(t testing.TB) *rand.Rand {
	t.Helper()
	seed := *seedFlag
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (replay with -seed=%d)", seed, seed)
	return rand.New(rand.NewPCG(seed, seed))
}

// pairWithJaccard returns two sets whose union has n elements, inter of them
// shared, so their Jaccard similarity is exactly inter/n. The elements not
// shared are split between the two sets at random.
func pairWithJaccard(r *rand.Rand, n, inter int) (a, b []uint64) {
	for i := range n {
		x := r.Uint64()
		switch {
		case i < inter:
			a, b = append(a, x), append(b, x)
		case r.IntN(2) == 0:
			a = append(a, x)
		default:
			b = append(b, x)
		}
	}
	return a, b
}

func mustNew(t testing.TB, numPerm int, seed uint64) *minhash.Hasher {
	t.Helper()
	h, err := minhash.New(numPerm, seed)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestNew(t *testing.T) {
	tests := []struct {
		numPerm int
		wantErr bool
	}{
		{-1, true},
		{0, true},
		{1, false},
		{128, false},
	}
	for _, tt := range tests {
		h, err := minhash.New(tt.numPerm, 7)
		if (err != nil) != tt.wantErr {
			t.Errorf("New(%d, 7) error = %v; want error %v", tt.numPerm, err, tt.wantErr)
			continue
		}
		if err == nil && (h.NumPerm() != tt.numPerm || h.Seed() != 7) {
			t.Errorf("New(%d, 7): NumPerm() = %d, Seed() = %d", tt.numPerm, h.NumPerm(), h.Seed())
		}
	}
}

// TestSignGolden pins the hash functions: signatures are persisted, so any
// change here breaks every existing index.
func TestSignGolden(t *testing.T) {
	h := mustNew(t, 8, 1)
	got := h.Sign(nil, []uint64{1, 2, 3, 0xdeadbeef, 1 << 63, math.MaxUint64})
	want := minhash.Signature{0x2de15fb4, 0x5b7c6f5d, 0x187f0a8a, 0x05e7bb0f, 0x145a756c, 0x0272b0c4, 0x07b341d6, 0x09f9a974}
	if !slices.Equal(got, want) {
		t.Errorf("Sign = %#v; want %#v", got, want)
	}
}

func TestSign(t *testing.T) {
	h := mustNew(t, 16, 42)
	set := []uint64{10, 20, 30, 40}
	want := h.Sign(nil, set)
	tests := []struct {
		name     string
		shingles []uint64
	}{
		{"reordered", []uint64{40, 30, 20, 10}},
		{"duplicates", []uint64{10, 10, 20, 30, 40, 40}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := h.Sign(nil, tt.shingles); !slices.Equal(got, want) {
				t.Errorf("Sign(%v) = %v; want %v", tt.shingles, got, want)
			}
		})
	}
	t.Run("empty", func(t *testing.T) {
		got := h.Sign(nil, nil)
		if len(got) != 16 || slices.ContainsFunc(got, func(v uint32) bool { return v != math.MaxUint32 }) {
			t.Errorf("Sign(nil) = %v; want 16 × 0xFFFFFFFF", got)
		}
	})
	t.Run("reuses dst", func(t *testing.T) {
		dst := make(minhash.Signature, 3, 32)
		got := h.Sign(dst, set)
		if &got[0] != &dst[:1][0] || !slices.Equal(got, want) {
			t.Errorf("Sign(dst, %v) = %v, reused %v; want %v in dst", set, got, &got[0] == &dst[:1][0], want)
		}
	})
	t.Run("other seed differs", func(t *testing.T) {
		if got := mustNew(t, 16, 43).Sign(nil, set); slices.Equal(got, want) {
			t.Errorf("seeds 42 and 43 give the same signature %v", got)
		}
	})
}

func TestSignAllocs(t *testing.T) {
	h := mustNew(t, 128, 1)
	set := []uint64{1, 2, 3}
	dst := make(minhash.Signature, 0, 128)
	if n := testing.AllocsPerRun(100, func() { dst = h.Sign(dst, set) }); n != 0 {
		t.Errorf("Sign with capacity allocates %v times; want 0", n)
	}
}

func TestSimilarity(t *testing.T) {
	tests := []struct {
		s, t minhash.Signature
		want float64
	}{
		{minhash.Signature{}, minhash.Signature{}, 0},
		{minhash.Signature{1, 2, 3, 4}, minhash.Signature{1, 2, 3, 4}, 1},
		{minhash.Signature{1, 2, 3, 4}, minhash.Signature{1, 0, 3, 0}, 0.5},
		{minhash.Signature{1, 2, 3, 4}, minhash.Signature{4, 3, 2, 1}, 0},
	}
	for _, tt := range tests {
		if got := tt.s.Similarity(tt.t); got != tt.want {
			t.Errorf("%v.Similarity(%v) = %v; want %v", tt.s, tt.t, got, tt.want)
		}
	}
}

func TestSimilarityIdentical(t *testing.T) {
	r := testRand(t)
	h := mustNew(t, 64, 3)
	a, _ := pairWithJaccard(r, 300, 300)
	if got := h.Sign(nil, a).Similarity(h.Sign(nil, slices.Clone(a))); got != 1 {
		t.Errorf("Similarity of identical sets = %v; want 1", got)
	}
}

func TestSimilarityPanicsOnLengthMismatch(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Similarity of lengths 2 and 3 did not panic")
		}
	}()
	minhash.Signature{1, 2}.Similarity(minhash.Signature{1, 2, 3})
}

// TestSimilarityEstimate checks the estimator's statistics over random pairs
// with exact Jaccard similarities spread over [0, 1]: nearly all estimates lie
// within 4 standard errors, and the errors average to zero (no bias).
func TestSimilarityEstimate(t *testing.T) {
	const (
		numPerm = 128
		pairs   = 2000
	)
	r := testRand(t)
	h := mustNew(t, numPerm, r.Uint64())
	var outside int
	var sumErr float64
	var sa, sb minhash.Signature
	for i := range pairs {
		n := 100 + r.IntN(900)
		inter := n * i / (pairs - 1) // 0 ... n: covers J = 0 and J = 1 exactly
		a, b := pairWithJaccard(r, n, inter)
		j := float64(inter) / float64(n)
		sa, sb = h.Sign(sa, a), h.Sign(sb, b)
		est := sa.Similarity(sb)
		se := math.Sqrt(j * (1 - j) / numPerm)
		if math.Abs(est-j) > 4*se {
			outside++
			t.Logf("pair %d: J = %.4f, estimate %.4f, %.1f standard errors off", i, j, est, math.Abs(est-j)/se)
		}
		sumErr += est - j
	}
	mean := sumErr / pairs
	t.Logf("%d of %d estimates outside 4 standard errors, mean error %.5f", outside, pairs, mean)
	if outside > pairs/100 {
		t.Errorf("%d of %d estimates outside 4 standard errors; want at most 1%%", outside, pairs)
	}
	if math.Abs(mean) >= 0.01 {
		t.Errorf("mean error %.4f; want |mean| < 0.01", mean)
	}
}

func BenchmarkSign(b *testing.B) {
	const numPerm, size = 128, 500
	h := mustNew(b, numPerm, 1)
	r := rand.New(rand.NewPCG(1, 2))
	set := make([]uint64, size)
	for i := range set {
		set[i] = r.Uint64()
	}
	dst := make(minhash.Signature, 0, numPerm)
	b.SetBytes(size * 8)
	b.ReportAllocs()
	for b.Loop() {
		dst = h.Sign(dst, set)
	}
	b.ReportMetric(float64(b.N)*size/b.Elapsed().Seconds(), "shingles/s")
}
