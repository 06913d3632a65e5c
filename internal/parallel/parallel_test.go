package parallel_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/parallel"
)

// TestFor checks that every i is done once, on at most w goroutines, whatever w is beside n,
// and that nothing is done for n = 0.
func TestFor(t *testing.T) {
	for _, tc := range []struct{ w, n int }{{1, 10}, {3, 1000}, {8, 3}, {4, 0}} {
		done := make([]atomic.Int32, tc.n)
		var workers atomic.Int32
		parallel.For(context.Background(), tc.w, tc.n, func() func(int) {
			workers.Add(1)
			return func(i int) { done[i].Add(1) }
		})
		for i := range done {
			if got := done[i].Load(); got != 1 {
				t.Errorf("w %d, n %d: i %d done %d times; want once", tc.w, tc.n, i, got)
			}
		}
		if got, most := int(workers.Load()), min(tc.w, tc.n); got != most {
			t.Errorf("w %d, n %d: %d workers; want %d", tc.w, tc.n, got, most)
		}
	}
}

// TestForCancelled checks that For stops taking work once ctx is cancelled.
func TestForCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var done atomic.Int32
	parallel.For(ctx, 2, 1_000_000, func() func(int) {
		return func(int) {
			if done.Add(1) == 10 {
				cancel()
			}
		}
	})
	if got := done.Load(); got > 12 {
		t.Errorf("%d done after cancelling at the 10th; want at most one more a goroutine", got)
	}
}
