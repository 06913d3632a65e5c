package radix_test

import (
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
