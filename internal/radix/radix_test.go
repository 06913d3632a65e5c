package radix_test

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/radix"
)

// TestSort sorts words of all magnitudes and words of few high halves at several lengths,
// and words whose digits are the same in every word in some places, whose passes Sort skips:
// small ids, a constant top byte, a constant middle byte, all words equal. Each set is sorted
// from bit 0 and, with its low half replaced by an index, from bit 32, where the sort must be
// stable in the low half.
func TestSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	type test struct {
		name string
		n    int
		word func(i int) uint64
	}
	var tests []test
	for _, n := range []int{0, 1, 100, 4095, 4096, 70_000} {
		tests = append(tests,
			test{fmt.Sprintf("%d words of all magnitudes", n), n, func(int) uint64 { return rng.Uint64() >> (rng.Uint() % 64) }},
			test{fmt.Sprintf("%d words, 50 high halves", n), n, func(int) uint64 { return uint64(rng.IntN(50)) << 32 }})
	}
	tests = append(tests,
		test{"ids below 2^17", 10_000, func(int) uint64 { return rng.Uint64N(1 << 17) }},
		test{"constant top byte", 10_000, func(int) uint64 { return 0xab<<56 | rng.Uint64N(1<<56) }},
		test{"constant middle byte", 10_000, func(int) uint64 { return rng.Uint64() &^ (0xff << 24) }},
		test{"all equal", 10_000, func(int) uint64 { return 42 }},
		test{"one differs", 10_000, func(i int) uint64 { return uint64(max(i-9000, 0)) << 40 }},
	)
	var s radix.Sorter
	for _, tt := range tests {
		words := make([]uint64, tt.n)
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

// BenchmarkSort sorts a million random words, and the ids of the postings a query gathers:
// 7,000 of them, below 2^17, as against an index of 100,000 documents.
func BenchmarkSort(b *testing.B) {
	for _, bb := range []struct {
		name string
		n    int
		max  uint64 // words are below max; 0 for any word
	}{
		{"words", 1_000_000, 0},
		{"ids", 7_000, 100_000},
	} {
		b.Run(bb.name, func(b *testing.B) {
			rng := rand.New(rand.NewPCG(1, 2))
			words := make([]uint64, bb.n)
			for i := range words {
				if bb.max == 0 {
					words[i] = rng.Uint64()
				} else {
					words[i] = rng.Uint64N(bb.max)
				}
			}
			buf := make([]uint64, len(words))
			var s radix.Sorter
			b.SetBytes(int64(8 * len(words)))
			b.ReportAllocs()
			for b.Loop() {
				copy(buf, words)
				buf = s.Sort(buf, 0)
			}
		})
	}
}
