package shingle_test

import (
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/shingle"
)

func TestCommonLimit(t *testing.T) {
	tests := []struct {
		n                int
		df               float64
		minDocs, maxDocs int
		limit            int
		drop             bool
	}{
		{n: 5, df: 0.01, minDocs: 10, maxDocs: 250, limit: 10, drop: false},
		{n: 300, df: 0.01, minDocs: 10, maxDocs: 250, limit: 10, drop: true},
		{n: 10000, df: 0.01, minDocs: 10, maxDocs: 250, limit: 100, drop: true},
		{n: 100_000, df: 0.01, minDocs: 10, maxDocs: 250, limit: 250, drop: true},
		{n: 100_000, df: 0.01, minDocs: 10, maxDocs: 0, limit: 1000, drop: true}, // no cap
		{n: 1234, df: 0.01, minDocs: 10, maxDocs: 0, limit: 13, drop: true},      // ⌈12.34⌉
		{n: 100, df: 0.07, minDocs: 1, maxDocs: 0, limit: 7, drop: true},         // 0.07·100 rounds above 7
		{n: 100, df: 1, minDocs: 10, maxDocs: 0, limit: 100, drop: true},
		{n: 1000, df: 0, minDocs: 10, maxDocs: 250, limit: 0, drop: false},
	}
	for _, tt := range tests {
		limit, drop := shingle.CommonLimit(tt.n, tt.df, tt.minDocs, tt.maxDocs)
		if limit != tt.limit || drop != tt.drop {
			t.Errorf("CommonLimit(%d, %v, %d, %d) = %d, %v; want %d, %v",
				tt.n, tt.df, tt.minDocs, tt.maxDocs, limit, drop, tt.limit, tt.drop)
		}
	}
}

func TestCounterMask(t *testing.T) {
	tests := []struct {
		docs int
		mask uint64
	}{
		{0, 1<<10 - 1},
		{5, 1<<10 - 1},
		{300, 1<<15 - 1},
		{10000, 1<<20 - 1},
		{100_000, 1<<23 - 1},
		{100_000_000, 1<<26 - 1},
	}
	for _, tt := range tests {
		if got := shingle.CounterMask(tt.docs); got != tt.mask {
			t.Errorf("CounterMask(%d) = %#x; want %#x", tt.docs, got, tt.mask)
		}
	}
}

// TestCounter counts shingles over a few documents and checks that exactly those in at least
// limit documents are filtered out, also for hashes that differ above the counter bits (they
// share a counter, and its count, by design), with counters of one byte (a limit up to 255)
// and of four.
func TestCounter(t *testing.T) {
	for _, most := range []int{4, 256} {
		c := shingle.NewCounter(10, most) // 2^10 counters
		docs := [][]uint64{
			{1, 2, 3},
			{1, 2, 4},
			{1, 5, 1<<40 | 2},
		}
		b := c.Batch()
		for _, d := range docs {
			b.Add(d)
		}
		b.Flush()
		common := c.Common(3)
		if common.Len() != 2 {
			t.Errorf("limit up to %d: Common(3).Len() = %d; want 2 (the counters of 1 and 2)", most, common.Len())
		}
		got := common.Filter()([]uint64{1, 2, 3, 4, 5, 1<<40 | 1, 1<<40 | 6})
		// 1: 3 documents. 2: 2 plus the 1<<40|2 sharing its counter. 1<<40|1 shares 1's counter.
		if want := []uint64{3, 4, 5, 1<<40 | 6}; !slices.Equal(got, want) {
			t.Errorf("limit up to %d: filter = %v; want %v", most, got, want)
		}
		if f := c.Common(4).Filter(); f != nil {
			t.Errorf("limit up to %d: with limit 4, Filter() = %v; want nil: no counter reached 4", most, f([]uint64{1, 2}))
		}
	}
}

// TestCounterLimits: a counter of one byte stops at 255, which still tells every limit up to
// 255; one made for a larger limit counts on.
func TestCounterLimits(t *testing.T) {
	for _, tt := range []struct{ most, limit, want int }{
		{255, 255, 1}, // 300 documents of shingle 1, 254 of shingle 2
		{255, 254, 2},
		{300, 300, 1},
		{300, 301, 0},
	} {
		c := shingle.NewCounter(1000, tt.most)
		b := c.Batch()
		for d := range 300 {
			if d < 254 {
				b.Add([]uint64{1, 2})
			} else {
				b.Add([]uint64{1})
			}
		}
		b.Flush()
		if got := c.Common(tt.limit).Len(); got != tt.want {
			t.Errorf("counter for limits up to %d: Common(%d).Len() = %d; want %d", tt.most, tt.limit, got, tt.want)
		}
	}
}

// TestCounterBatches counts six documents of 20,000 shared shingles and one of their own each
// on two goroutines, three documents a batch, each document more than a batch holds: every
// shared shingle is counted exactly six times and no other more than once.
func TestCounterBatches(t *testing.T) {
	c := shingle.NewCounter(1000, 7) // 2^16 counters: the shingles below have counters of their own
	var wg sync.WaitGroup
	for g := range 2 {
		wg.Go(func() {
			b := c.Batch()
			for d := range 3 {
				shingles := []uint64{50000 + uint64(3*g+d)}
				for h := range uint64(20000) {
					shingles = append(shingles, h)
				}
				b.Add(shingles)
			}
			b.Flush()
		})
	}
	wg.Wait()
	if n := c.Common(6).Len(); n != 20000 {
		t.Errorf("Common(6).Len() = %d; want 20000", n)
	}
	if n := c.Common(7).Len(); n != 0 {
		t.Errorf("Common(7).Len() = %d; want 0", n)
	}
	got := c.Common(2).Filter()([]uint64{0, 19999, 20000, 50000, 50005})
	if want := []uint64{20000, 50000, 50005}; !slices.Equal(got, want) {
		t.Errorf("Common(2) keeps %v; want %v", got, want)
	}
}

// TestCommonExact: with every bit in the mask the set holds shingle hashes, and a hash is
// common only when it is one of them, 0 included.
func TestCommonExact(t *testing.T) {
	common := shingle.NewCommon(shingle.Exact, []uint64{0, 7, 1 << 40, 7})
	if common.Len() != 3 {
		t.Errorf("Len() = %d; want 3", common.Len())
	}
	got := common.Filter()([]uint64{0, 1, 7, 1<<40 | 7, 1 << 40, 8})
	if want := []uint64{1, 1<<40 | 7, 8}; !slices.Equal(got, want) {
		t.Errorf("filter = %v; want %v", got, want)
	}
	if f := shingle.NewCommon(shingle.Exact, nil).Filter(); f != nil {
		t.Error("Filter() of an empty set is not nil")
	}
	var none *shingle.Common
	if none.Len() != 0 || none.Filter() != nil {
		t.Error("a nil *Common is not the empty set")
	}
}

// BenchmarkFilter filters the 300 shingles of an article, a few of them common, through the
// 5,000 common slots of a Counter for 59,433 documents (the chronam articles').
func BenchmarkFilter(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	mask := shingle.CounterMask(59433)
	slots := make([]uint64, 5000)
	for i := range slots {
		slots[i] = rng.Uint64() & mask
	}
	filter := shingle.NewCommon(mask, slots).Filter()
	shingles := make([]uint64, 300)
	for i := range shingles {
		shingles[i] = rng.Uint64()
		if i%50 == 0 {
			shingles[i] = slots[i]
		}
	}
	buf := make([]uint64, len(shingles))
	b.ReportAllocs()
	for b.Loop() {
		filter(append(buf[:0], shingles...))
	}
}
