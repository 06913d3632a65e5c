package scan

import (
	"context"
	"sync"

	"github.com/dedupe-dev/dedupe/internal/verify"
)

// docFreq counts the document frequency of every content word of docs, after boilerplate
// removal, on w goroutines, each into its own counts, merged at the end: the corpus the
// verifier weighs evidence by (see verify.Weights). obs (not nil) is told of it as a stage.
func docFreq(ctx context.Context, w int, docs []Document, obs Observer) *verify.DocFreq {
	var parts []*verify.DocFreq
	var mu sync.Mutex
	obs.Stage("counting words", len(docs), "documents")
	parallel(ctx, w, len(docs), func() func(i int) {
		mine := &verify.DocFreq{}
		mu.Lock()
		parts = append(parts, mine)
		mu.Unlock()
		return func(i int) {
			mine.Add(&docs[i].Sketch)
			obs.Advance(1)
		}
	})
	all := &verify.DocFreq{}
	for _, p := range parts {
		all.Merge(p)
	}
	return all
}
