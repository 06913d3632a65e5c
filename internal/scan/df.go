package scan

import (
	"context"
	"sync"

	"github.com/dedupe-dev/dedupe/internal/lsh"
	"github.com/dedupe-dev/dedupe/internal/shingle"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// docFreq counts the document frequency of every content word of docs, after boilerplate
// removal, on w goroutines, each counting its own share of the words in every document (see
// verify.DocFreq): the corpus the verifier weighs evidence by (see verify.Weights). obs (not
// nil) is told of it as a stage.
func docFreq(ctx context.Context, w int, docs []Document, obs Observer) *verify.DocFreq {
	obs.Stage("counting words", len(docs), "documents")
	df := verify.NewDocFreq(w)
	inShares(ctx, w, len(docs), obs.Advance, func(k int) func(i int) {
		return func(i int) { df.AddShare(k, &docs[i].Sketch) }
	})
	df.Docs = len(docs)
	return df
}

// commonShingles counts in how many of docs each shingle occurs (approximately, see
// shingle.Counter) on w goroutines, and returns the filter that leaves out those of at least
// limit documents (see shingle.Common.Filter). obs (not nil) is told of it as a stage.
func commonShingles(ctx context.Context, w int, docs []Document, signer *lsh.Signer, limit int, obs Observer) func([]uint64) []uint64 {
	obs.Stage("counting shingles", len(docs), "documents")
	counts := shingle.NewCounter(len(docs), limit)
	var mu sync.Mutex
	var batches []*shingle.CounterBatch
	parallel(ctx, w, len(docs), func() func(i int) {
		s := signer.Clone()
		batch := counts.Batch()
		mu.Lock()
		batches = append(batches, batch)
		mu.Unlock()
		return func(i int) {
			batch.Add(s.Shingles(&docs[i].Sketch))
			obs.Advance(1)
		}
	})
	for _, b := range batches {
		b.Flush()
	}
	return counts.Common(limit).Filter()
}

// inShares calls the function made by newWorker(k) for every i in [0, n), in increasing order,
// on w goroutines, goroutine k making its function with share k: for counting into w disjoint
// shares of one table, each goroutine reading every item and counting what falls in its
// share, which takes neither locks nor a merge. advance is told of each item once. When ctx is
// cancelled the workers stop within a chunk of items; the caller checks ctx.Err().
func inShares(ctx context.Context, w, n int, advance func(int), newWorker func(k int) func(i int)) {
	const chunk = 64
	var wg sync.WaitGroup
	for k := range max(w, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work := newWorker(k)
			for start := 0; start < n && ctx.Err() == nil; start += chunk {
				end := min(start+chunk, n)
				for i := start; i < end; i++ {
					work(i)
				}
				if k == 0 {
					advance(end - start)
				}
			}
		}()
	}
	wg.Wait()
}
