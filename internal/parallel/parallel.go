// Package parallel runs the iterations of a loop on several goroutines, each goroutine with
// state of its own: the analysers, scratch buffers and hash sets that per-document work
// reuses from one document to the next.
package parallel

import (
	"context"
	"sync"
	"sync/atomic"
)

// For calls the function newWorker makes for every i in [0, n), on min(w, n) goroutines, each
// with its own function, so that it may own scratch state, and each taking the next i when it
// is done with one: documents of very different sizes keep every goroutine busy to the end.
// It returns early, leaving work undone, when ctx is cancelled; the caller checks ctx.Err().
func For(ctx context.Context, w, n int, newWorker func() func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(w, n) {
		wg.Go(func() {
			work := newWorker()
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				work(i)
			}
		})
	}
	wg.Wait()
}
