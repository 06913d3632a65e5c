package scan

import (
	"maps"
	"slices"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/randtest"
)

// TestFrequent compares frequent with counting every hash in a map: hashes repeated around the
// limit, among them some that share their top 16 bits with many others (counted exactly, not
// by their bucket), and limits low enough that most buckets pass the first count.
func TestFrequent(t *testing.T) {
	r := randtest.New(t)
	for _, limit := range []int{1, 2, 10, 300} {
		var hashes []uint64
		for range 2000 {
			h, n := r.Uint64(), r.IntN(2*limit+1)
			if r.IntN(4) == 0 { // in the bucket of the first hash
				h = 42<<48 | h>>16
			}
			for range n {
				hashes = append(hashes, h)
			}
		}
		r.Shuffle(len(hashes), func(i, j int) { hashes[i], hashes[j] = hashes[j], hashes[i] })
		counts := map[uint64]int{}
		for _, h := range hashes {
			counts[h]++
		}
		var want []uint64
		for _, h := range slices.Sorted(maps.Keys(counts)) {
			if counts[h] >= limit {
				want = append(want, h)
			}
		}
		if got := frequent(slices.Values(hashes), limit); !slices.Equal(got, want) {
			t.Errorf("limit %d: frequent gives %d hashes; want %d", limit, len(got), len(want))
		}
	}
	if got := frequent(slices.Values([]uint64(nil)), 1); got != nil {
		t.Errorf("frequent(slices.Values([]uint64(nil)), 1) = %v; want nil", got)
	}
}
