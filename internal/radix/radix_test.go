package radix_test

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/radix"
)

func TestSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var s radix.Sorter
	for _, n := range []int{0, 1, 100, 4095, 4096, 70_000} {
		words := make([]uint64, n)
		for i := range words {
			words[i] = rng.Uint64() >> (rng.Uint() % 64) // all magnitudes, many small values
		}
		want := slices.Sorted(slices.Values(words))
		if got := s.Sort(slices.Clone(words), 0); !slices.Equal(got, want) {
			t.Errorf("Sort(%d words, 0) is not sorted", n)
		}

		// From bit 32: ordered by the high half, stable in the low half (an index here).
		for i := range words {
			words[i] = uint64(rng.IntN(50))<<32 | uint64(i)
		}
		want = slices.Clone(words)
		slices.SortStableFunc(want, func(a, b uint64) int { return int(a>>32) - int(b>>32) })
		if got := s.Sort(slices.Clone(words), 32); !slices.Equal(got, want) {
			t.Errorf("Sort(%d words, 32) is not a stable sort by the high half", n)
		}
	}
}

// TestSortConstantDigits checks the words whose digits are the same in every word in some
// places, whose passes Sort skips: small ids, a constant top byte, a constant middle byte, all
// words equal.
func TestSortConstantDigits(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var s radix.Sorter
	for _, tt := range []struct {
		name string
		word func(i int) uint64
	}{
		{"ids below 2^17", func(int) uint64 { return rng.Uint64N(1 << 17) }},
		{"constant top byte", func(int) uint64 { return 0xab<<56 | rng.Uint64N(1<<56) }},
		{"constant middle byte", func(int) uint64 { return rng.Uint64() &^ (0xff << 24) }},
		{"all equal", func(int) uint64 { return 42 }},
		{"one differs", func(i int) uint64 { return uint64(max(i-9000, 0)) << 40 }},
	} {
		words := make([]uint64, 10_000)
		for i := range words {
			words[i] = tt.word(i)
		}
		want := slices.Sorted(slices.Values(words))
		if got := s.Sort(slices.Clone(words), 0); !slices.Equal(got, want) {
			t.Errorf("Sort(%s, 0) is not sorted", tt.name)
		}
		for i := range words {
			words[i] = words[i]&^0xffffffff | uint64(i)
		}
		want = slices.Clone(words)
		slices.SortStableFunc(want, func(a, b uint64) int { return cmp.Compare(a>>32, b>>32) })
		if got := s.Sort(slices.Clone(words), 32); !slices.Equal(got, want) {
			t.Errorf("Sort(%s, 32) is not a stable sort by the high half", tt.name)
		}
	}
}

func BenchmarkSort(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := make([]uint64, 1_000_000)
	for i := range words {
		words[i] = rng.Uint64()
	}
	buf := make([]uint64, len(words))
	var s radix.Sorter
	b.SetBytes(int64(8 * len(words)))
	b.ReportAllocs()
	for b.Loop() {
		copy(buf, words)
		buf = s.Sort(buf, 0)
	}
}

// BenchmarkSortIDs sorts the ids of the postings a query gathers: 7,000 of them, below 2^17,
// as against an index of 100,000 documents.
func BenchmarkSortIDs(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	ids := make([]uint64, 7_000)
	for i := range ids {
		ids[i] = rng.Uint64N(100_000)
	}
	buf := make([]uint64, len(ids))
	var s radix.Sorter
	b.SetBytes(int64(8 * len(ids)))
	b.ReportAllocs()
	for b.Loop() {
		copy(buf, ids)
		buf = s.Sort(buf, 0)
	}
}
