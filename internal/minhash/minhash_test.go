package minhash_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/minhash"
	"github.com/dedupe-dev/dedupe/internal/randtest"
)

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

// referenceSign computes a signature slowly, straight from the definitions
// in the package documentation, and reports how many empty bins the final
// circular sweep filled. It tracks occupied bins in a separate slice rather
// than by the borrowed bit, as Sign does.
func referenceSign(numPerm int, seed uint64, shingles []uint64) (sig minhash.Signature, swept int) {
	const gamma = 0x9e3779b97f4a7c15
	mix := func(z uint64) uint64 {
		z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
		z = (z ^ z>>27) * 0x94d049bb133111eb
		return z ^ z>>31
	}
	state := seed + gamma
	hashKey, probeKey := mix(state), mix(state+gamma)
	k := uint64(numPerm)
	own := make(minhash.Signature, numPerm)
	occupied := make([]bool, numPerm)
	for i := range own {
		own[i] = math.MaxUint32
	}
	for _, x := range shingles {
		h := mix(hashKey + x*gamma)
		b := (h >> 32) * k >> 32
		occupied[b] = true
		own[b] = min(own[b], uint32(h&0x7fffffff))
	}
	if len(shingles) == 0 {
		return own, 0
	}
	sig = slices.Clone(own)
	for i := range k {
		if occupied[i] {
			continue
		}
		for a := range 2*k - 1 {
			var p uint64
			if a < k {
				p = (mix(probeKey+(i<<32+a)*gamma) >> 32) * k >> 32
			} else {
				p = (i + 1 + a - k) % k
			}
			if occupied[p] {
				sig[i] = own[p] | 0x80000000
				if a >= k {
					swept++
				}
				break
			}
		}
	}
	return sig, swept
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
		{1 << 16, false},
		{1<<16 + 1, true},
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

// TestSignGolden pins the hash and the probe sequence: signatures are
// persisted, so any change here breaks every existing index. The values
// changed once, when one-permutation hashing replaced the multiply-shift
// family. The cases cover bins filled by their own shingles, by random probes
// and by the final sweep, and are checked against referenceSign so that the
// documentation stays the specification.
func TestSignGolden(t *testing.T) {
	many := make([]uint64, 40)
	for i := range many {
		many[i] = uint64(i) * 0x0123456789abcdef
	}
	tests := []struct {
		numPerm   int
		seed      uint64
		shingles  []uint64
		want      minhash.Signature
		wantSwept bool // some bin is filled by the final sweep
	}{
		{8, 1, []uint64{1, 2, 3, 0xdeadbeef, 1 << 63, math.MaxUint64},
			minhash.Signature{0x2aba640e, 0xbd6cf1ee, 0x7439611e, 0x48b584c6, 0xf439611e, 0xaaba640e, 0xc8b584c6, 0x3d6cf1ee}, false},
		{8, 1, []uint64{1, 2},
			minhash.Signature{0xbd6cf1ee, 0xbd6cf1ee, 0x7439611e, 0xbd6cf1ee, 0xf439611e, 0xbd6cf1ee, 0xbd6cf1ee, 0x3d6cf1ee}, true},
		{16, 7, many,
			minhash.Signature{0x15f3c548, 0x0a46b9b7, 0x51db087b, 0x100ce167, 0x1a6c83e0, 0x11dcb1f9, 0x02fc91df, 0x245fea85,
				0x075531c1, 0x52234984, 0x0885acad, 0x6d858037, 0x0b9c002c, 0x3377bb79, 0x95f3c548, 0x11cb02e5}, false},
	}
	for _, tt := range tests {
		name := fmt.Sprintf("%d bins, seed %d, %d shingles", tt.numPerm, tt.seed, len(tt.shingles))
		got := minhash.TestHasher(t, tt.numPerm, tt.seed).Sign(nil, tt.shingles)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: Sign = %#v; want %#v", name, got, tt.want)
		}
		ref, swept := referenceSign(tt.numPerm, tt.seed, tt.shingles)
		if !slices.Equal(ref, tt.want) {
			t.Errorf("%s: referenceSign = %#v; want %#v", name, ref, tt.want)
		}
		if (swept > 0) != tt.wantSwept {
			t.Errorf("%s: %d bins filled by the sweep; want some: %v", name, swept, tt.wantSwept)
		}
	}
}

// TestSignMatchesReference compares Sign with referenceSign on random sets of
// random sizes, from empty to ten times the number of bins.
func TestSignMatchesReference(t *testing.T) {
	r := randtest.New(t)
	var sig minhash.Signature
	for range 300 {
		numPerm, seed := 1+r.IntN(300), r.Uint64()
		set := make([]uint64, r.IntN(10*numPerm+1))
		for i := range set {
			set[i] = r.Uint64()
		}
		sig = minhash.TestHasher(t, numPerm, seed).Sign(sig, set)
		if want, _ := referenceSign(numPerm, seed, set); !slices.Equal(sig, want) {
			t.Fatalf("New(%d, %d).Sign of %d shingles = %v; want %v", numPerm, seed, len(set), sig, want)
		}
	}
	// Sets small and large in the signature sizes of a scan, with the probes New tables (up to
	// 1,024 bins) and without: densified from the occupied bins, by probing, and by probing
	// after the first probes found nothing.
	for n := range 40 {
		numPerm := []int{256, 512, 1024, 1025, 4096}[n%5]
		seed := r.Uint64()
		set := make([]uint64, 1+r.IntN(60))
		if r.IntN(2) == 0 {
			set = make([]uint64, numPerm/4+r.IntN(numPerm))
		}
		for i := range set {
			set[i] = r.Uint64()
		}
		sig = minhash.TestHasher(t, numPerm, seed).Sign(sig, set)
		if want, _ := referenceSign(numPerm, seed, set); !slices.Equal(sig, want) {
			t.Fatalf("New(%d, %d).Sign of %d shingles differs from referenceSign", numPerm, seed, len(set))
		}
	}
}

func TestSign(t *testing.T) {
	h := minhash.TestHasher(t, 16, 42)
	set := []uint64{10, 20, 30, 40}
	want := h.Sign(nil, set)
	tests := []struct {
		name     string
		shingles []uint64
	}{
		{"reordered", []uint64{40, 30, 20, 10}},
		{"duplicates", []uint64{10, 10, 20, 30, 40, 40}},
		{"duplicates reordered", []uint64{40, 10, 30, 10, 20, 40, 40}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := h.Sign(nil, tt.shingles); !slices.Equal(got, want) {
				t.Errorf("Sign(%v) = %v; want %v", tt.shingles, got, want)
			}
		})
	}
	t.Run("random order and duplicates", func(t *testing.T) {
		r := randtest.New(t)
		h := minhash.TestHasher(t, 256, r.Uint64())
		for _, n := range []int{1, 30, 350, 5000} {
			set, _ := pairWithJaccard(r, n, n)
			want := h.Sign(nil, set)
			shuffled := append(slices.Clone(set), set[:n/2+1]...)
			r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			if got := h.Sign(nil, shuffled); !slices.Equal(got, want) {
				t.Errorf("%d shingles shuffled with duplicates: signature differs", n)
			}
		}
	})
	t.Run("empty", func(t *testing.T) {
		for _, shingles := range [][]uint64{nil, {}} {
			got := h.Sign(nil, shingles)
			if len(got) != 16 || slices.ContainsFunc(got, func(v uint32) bool { return v != math.MaxUint32 }) {
				t.Errorf("Sign(%#v) = %v; want 16 × 0xFFFFFFFF", shingles, got)
			}
		}
	})
	t.Run("reuses dst", func(t *testing.T) {
		dst := make(minhash.Signature, 3, 32)
		got := h.Sign(dst, set)
		if &got[0] != &dst[:1][0] || !slices.Equal(got, want) {
			t.Errorf("Sign(dst, %v) = %v, reused %v; want %v in dst", set, got, &got[0] == &dst[:1][0], want)
		}
	})
	t.Run("overwrites dst", func(t *testing.T) {
		dst := h.Sign(nil, []uint64{1, 2, 3, 4, 5, 6, 7, 8, 9})
		if got := h.Sign(dst, set); !slices.Equal(got, want) {
			t.Errorf("Sign(dst, %v) after another set = %v; want %v", set, got, want)
		}
	})
	t.Run("other seed differs", func(t *testing.T) {
		if got := minhash.TestHasher(t, 16, 43).Sign(nil, set); slices.Equal(got, want) {
			t.Errorf("seeds 42 and 43 give the same signature %v", got)
		}
	})
}

func TestSignAllocs(t *testing.T) {
	h := minhash.TestHasher(t, 128, 1)
	dst := make(minhash.Signature, 0, 128)
	for _, set := range [][]uint64{nil, {1}, {1, 2, 3}, make([]uint64, 1000)} {
		if n := testing.AllocsPerRun(100, func() { dst = h.Sign(dst, set) }); n != 0 {
			t.Errorf("Sign of %d shingles with capacity allocates %v times; want 0", len(set), n)
		}
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
	r := randtest.New(t)
	h := minhash.TestHasher(t, 64, 3)
	for _, n := range []int{1, 20, 300} {
		a, _ := pairWithJaccard(r, n, n)
		if got := h.Sign(nil, a).Similarity(h.Sign(nil, slices.Clone(a))); got != 1 {
			t.Errorf("Similarity of identical %d-element sets = %v; want 1", n, got)
		}
	}
}

func TestSimilarityDisjoint(t *testing.T) {
	r := randtest.New(t)
	h := minhash.TestHasher(t, 256, r.Uint64())
	for _, n := range []int{2, 20, 400, 5000} {
		a, b := pairWithJaccard(r, n, 0)
		if got := h.Sign(nil, a).Similarity(h.Sign(nil, b)); got != 0 {
			t.Errorf("Similarity of disjoint sets with %d elements in all = %v; want 0", n, got)
		}
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
	r := randtest.New(t)
	h := minhash.TestHasher(t, numPerm, r.Uint64())
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

// TestSimilarityAccuracy measures bias and spread of the estimate, with 256
// bins, for unions of 20 to 5,000 elements: from mostly empty bins filled by
// densification to bins of 20 elements each. Each pair gets a new seed, so
// the statistics are over the hash functions. The mean error must be near 0
// for every size (no bias), and the root-mean-square error close to the
// binomial standard error sqrt(J(1-J)/k) of k independent functions: about
// equal or below it for large sets, up to 1.25 times it for small ones,
// which have fewer distinct minima than bins. Run with -v for the table.
func TestSimilarityAccuracy(t *testing.T) {
	const (
		numPerm = 256
		pairs   = 1000
	)
	r := randtest.New(t)
	t.Logf("%6s %5s %9s %7s %7s %6s", "union", "J", "mean err", "rmse", "binom", "ratio")
	for _, n := range []int{20, 100, 400, 5000} {
		maxRatio := 1.1
		if n < numPerm {
			maxRatio = 1.4
		}
		for _, j := range []float64{0.1, 0.3, 0.5, 0.8} {
			inter := int(j * float64(n))
			j = float64(inter) / float64(n)
			var sumErr, sumSq float64
			signPairs(t, r, numPerm, n, inter, pairs, func(sa, sb minhash.Signature) {
				e := sa.Similarity(sb) - j
				sumErr += e
				sumSq += e * e
			})
			mean, rmse := sumErr/pairs, math.Sqrt(sumSq/pairs)
			binom := math.Sqrt(j * (1 - j) / numPerm)
			t.Logf("%6d %5.2f %+9.4f %7.4f %7.4f %6.2f", n, j, mean, rmse, binom, rmse/binom)
			if math.Abs(mean) >= 0.01 {
				t.Errorf("union %d, J = %.2f: mean error %.4f; want |mean| < 0.01", n, j, mean)
			}
			if rmse > maxRatio*binom {
				t.Errorf("union %d, J = %.2f: rms error %.4f; want at most %.2f × binomial %.4f", n, j, rmse, maxRatio, binom)
			}
		}
	}
}

// signPairs signs pairs random pairs of sets whose union has n elements, inter of them shared
// (pairWithJaccard), each pair with a hasher of numPerm bins and a new seed, so that statistics
// over the pairs are over the hash functions, and passes each pair's signatures to f. The
// signatures are reused by the next pair.
func signPairs(t *testing.T, r *rand.Rand, numPerm, n, inter, pairs int, f func(sa, sb minhash.Signature)) {
	t.Helper()
	var sa, sb minhash.Signature
	for range pairs {
		h := minhash.TestHasher(t, numPerm, r.Uint64())
		a, b := pairWithJaccard(r, n, inter)
		sa, sb = h.Sign(sa, a), h.Sign(sb, b)
		f(sa, sb)
	}
}

// TestSimilarityStructuredInput checks that raw counters need no hashing:
// {0..299} and {100..399} (J = 0.5) are estimated without bias on average
// over seeds, where the multiply-shift family of earlier versions gave 0.43.
func TestSimilarityStructuredInput(t *testing.T) {
	const seeds = 200
	r := randtest.New(t)
	var a, b []uint64
	for i := range uint64(300) {
		a, b = append(a, i), append(b, i+100)
	}
	var sum float64
	for range seeds {
		h := minhash.TestHasher(t, 256, r.Uint64())
		sum += h.Sign(nil, a).Similarity(h.Sign(nil, b))
	}
	if mean := sum / seeds; math.Abs(mean-0.5) >= 0.01 {
		t.Errorf("mean estimate for counters 0..299 and 100..399 = %.4f; want 0.5 ± 0.01", mean)
	}
}

// TestBanding checks that LSH bands of consecutive positions behave as if
// positions were independent: with b bands of 2 rows, two sets of Jaccard
// similarity J share some band with probability 1-(1-J²)^b. Densified bins
// may copy the same occupied bin, which raises the chance that a band of two
// empty bins matches, and the bins of a large set sample without replacement,
// which lowers it; both effects must stay small. Run with -v for the table.
func TestBanding(t *testing.T) {
	const (
		numPerm = 256
		rows    = 2
		bands   = numPerm / rows
		pairs   = 1000
	)
	r := randtest.New(t)
	t.Logf("%6s %5s %9s %9s", "union", "J", "P(band)", "theory")
	for _, n := range []int{20, 100, 400, 5000} {
		for _, j := range []float64{0.1, 0.2, 0.3} {
			inter := int(j * float64(n))
			j = float64(inter) / float64(n)
			hits := 0
			signPairs(t, r, numPerm, n, inter, pairs, func(sa, sb minhash.Signature) {
				for i := 0; i < numPerm; i += rows {
					if slices.Equal(sa[i:i+rows], sb[i:i+rows]) {
						hits++
						break
					}
				}
			})
			got := float64(hits) / pairs
			want := 1 - math.Pow(1-j*j, bands)
			t.Logf("%6d %5.2f %9.3f %9.3f", n, j, got, want)
			// Five standard errors of a proportion of that many pairs, plus
			// 0.02 for the two effects above.
			tol := 0.02 + 5*math.Sqrt(want*(1-want)/pairs)
			if math.Abs(got-want) > tol {
				t.Errorf("union %d, J = %.2f: P(some band equal) = %.3f; want %.3f ± %.3f", n, j, got, want, tol)
			}
		}
	}
}

// BenchmarkSign signs sets of random shingles, cycling through 64 of them: one set signed over
// and over lets the processor learn where each bin's search for an occupied bin ends, which
// flatters densification by probing.
func BenchmarkSign(b *testing.B) {
	for _, bc := range []struct{ numPerm, size int }{
		{256, 350}, // a typical article
		{256, 30},  // mostly empty bins
		{256, 5000},
		{512, 40}, // short articles of a large scan
		{512, 60},
		{512, 100},
		{512, 120},
		{512, 150},
		{512, 300},
	} {
		b.Run(fmt.Sprintf("bins=%d/shingles=%d", bc.numPerm, bc.size), func(b *testing.B) {
			h := minhash.TestHasher(b, bc.numPerm, 1)
			r := rand.New(rand.NewPCG(1, 2))
			sets := make([][]uint64, 64)
			for i := range sets {
				sets[i] = make([]uint64, bc.size)
				for j := range sets[i] {
					sets[i][j] = r.Uint64()
				}
			}
			dst := make(minhash.Signature, 0, bc.numPerm)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				dst = h.Sign(dst, sets[i%len(sets)])
				i++
			}
			b.ReportMetric(float64(b.N)*float64(bc.size)/b.Elapsed().Seconds(), "shingles/s")
		})
	}
}
