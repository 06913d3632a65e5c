package scan

import (
	"slices"
	"testing"
)

// TestCommonShingles counts shingles over a few documents and checks that exactly those in at
// least limit documents are filtered out, also for hashes that differ above the counter bits
// (they share a counter, and its count, by design).
func TestCommonShingles(t *testing.T) {
	c := newShingleCounts(10) // 2^10 counters
	docs := [][]uint64{
		{1, 2, 3},
		{1, 2, 4},
		{1, 5, 1<<40 | 2},
	}
	for _, d := range docs {
		c.add(d)
	}
	common := c.common(3)
	got := common.filter([]uint64{1, 2, 3, 4, 5, 1<<40 | 1, 1<<40 | 6})
	// 1: 3 documents. 2: 2 plus the 1<<40|2 sharing its counter. 1<<40|1 shares 1's counter.
	if want := []uint64{3, 4, 5, 1<<40 | 6}; !slices.Equal(got, want) {
		t.Errorf("filter = %v; want %v", got, want)
	}
	if got := c.common(4).filter([]uint64{1, 2}); !slices.Equal(got, []uint64{1, 2}) {
		t.Errorf("with limit 4, filter = %v; want [1 2]", got)
	}
}
