package passages

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/shingle"
	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// document is what the search keeps of one input: its content words, with where they are.
type document struct {
	path   string
	date   time.Time // zero when unknown
	series string    // "" when unknown
	words  int       // all words
	terms  []uint32  // content words' terms, as in package sketch
	word   []int32   // index among all words of each content word
	ranges []normalize.Range
}

// minTermBytes is the shortest word that is a term of a document. OCR turns specks and rules
// into runs of "1", "I", "i", "ii" and ",1", which would otherwise make n-grams shared by
// every badly scanned page; a real passage loses little with its one- and two-letter words.
const minTermBytes = 3

// analyse turns one input into a document: the terms of its content words, their word
// indexes and their byte ranges in d.Text.
func analyse(an *normalize.Analyzer, scratch *normalize.Document, d input.Document) document {
	an.AnalyzeInto(scratch, d.Text)
	doc := document{path: d.Path, date: d.Date, words: len(scratch.Tokens)}
	m := normalize.NewSourceMap(d.Text, scratch.Text)
	for i, t := range scratch.Tokens {
		if t.Stop || t.End-t.Start < minTermBytes {
			continue
		}
		doc.terms = append(doc.terms, sketch.Term(scratch.Text, t))
		doc.word = append(doc.word, int32(i))
		doc.ranges = append(doc.ranges, normalize.Range{Start: int32(m.Start(int(t.Start))), End: int32(m.End(int(t.End)))})
	}
	return doc
}

// readAll reads paths and analyses every document on workers goroutines. It returns the
// documents, the inputs skipped and the warnings, each in input order.
func readAll(ctx context.Context, paths []string, stdin io.Reader, o *Options, workers int) ([]document, []input.Skip, []input.Skip, error) {
	type job struct {
		seq int
		doc input.Document
	}
	type result struct {
		seq      int
		doc      document
		skip     *input.Skip // the input gave no document
		warnings []input.Skip
	}
	jobs := make(chan job, 4*workers)
	results := make(chan result, 4*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			an, _ := normalize.New(o.Language) // checked by Validate
			var scratch normalize.Document
			for j := range jobs {
				results <- result{seq: j.seq, doc: analyse(an, &scratch, j.doc), warnings: j.doc.AllWarnings(o.Input.MaxBytes)}
			}
		})
	}
	var readErr error
	go func() {
		seq := 0
		readErr = input.Read(ctx, paths, stdin, o.Input,
			func(d input.Document) error {
				jobs <- job{seq, d}
				seq++
				return nil
			},
			func(s input.Skip) error {
				results <- result{seq: seq, skip: &s}
				seq++
				return nil
			})
		close(jobs)
		wg.Wait()
		close(results)
	}()
	var all []result
	for r := range results {
		all = append(all, r)
	}
	if readErr != nil {
		return nil, nil, nil, readErr
	}
	slices.SortFunc(all, func(a, b result) int { return cmp.Compare(a.seq, b.seq) })
	var docs []document
	var skipped, warnings []input.Skip
	for _, r := range all {
		warnings = append(warnings, r.warnings...)
		switch {
		case r.skip != nil:
			skipped = append(skipped, *r.skip)
		case r.doc.words == 0:
			skipped = append(skipped, input.Skip{Path: r.doc.path, Reason: "empty document"})
		case r.doc.words < o.MinWords:
			skipped = append(skipped, input.Skip{Path: r.doc.path, Reason: fmt.Sprintf("too short: %d words, --min-words is %d", r.doc.words, o.MinWords)})
		default:
			docs = append(docs, r.doc)
		}
	}
	return docs, skipped, warnings, nil
}

// posting is one place of an n-gram: the n-gram's hash, the document and the place (the index
// of its first content word).
type posting struct {
	hash     uint64
	doc, pos int32
}

// bitmapBits is the size of the bitmaps that find the n-grams met more than once: 2^28 bits,
// 32 MiB each. With the 10 million n-grams of two months of front pages, one in 27 unique
// n-grams is kept by a collision: a little more to sort, nothing lost.
const bitmapBits = 28

// sharedPostings returns the places of the n-grams found in 2 to o.MaxDF documents, sorted by
// hash, document and place, and the index of each such n-gram's first posting (then
// len(postings)). See the package doc, stage 2.
func sharedPostings(ctx context.Context, docs []document, o *Options, workers int) ([]posting, []int) {
	seen := make([]atomic.Uint64, 1<<bitmapBits/64)
	again := make([]atomic.Uint64, 1<<bitmapBits/64)
	slot := func(h uint64) (int, uint64) { b := h >> (64 - bitmapBits); return int(b / 64), 1 << (b % 64) }
	parallel(ctx, workers, len(docs), func() func(int) {
		var grams []uint64
		return func(i int) {
			grams = ngrams(grams, docs[i].terms, o.NGram)
			for _, h := range grams {
				w, bit := slot(h)
				if seen[w].Or(bit)&bit != 0 {
					again[w].Or(bit)
				}
			}
		}
	})
	var mu sync.Mutex
	var all []posting
	parallel(ctx, workers, len(docs), func() func(int) {
		var grams []uint64
		return func(i int) {
			grams = ngrams(grams, docs[i].terms, o.NGram)
			var mine []posting
			for pos, h := range grams {
				if w, bit := slot(h); again[w].Load()&bit != 0 {
					mine = append(mine, posting{h, int32(i), int32(pos)})
				}
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		}
	})
	slices.SortFunc(all, func(a, b posting) int {
		return cmp.Or(cmp.Compare(a.hash, b.hash), cmp.Compare(a.doc, b.doc), cmp.Compare(a.pos, b.pos))
	})
	kept := all[:0]
	var starts []int
	for i := 0; i < len(all); {
		j, docsIn := i+1, 1
		for ; j < len(all) && all[j].hash == all[i].hash; j++ {
			if all[j].doc != all[j-1].doc {
				docsIn++
			}
		}
		if docsIn >= 2 && docsIn <= o.MaxDF {
			starts = append(starts, len(kept))
			kept = append(kept, all[i:j]...)
		}
		i = j
	}
	return kept, append(starts, len(kept))
}

// ngrams stores in dst[:0] and returns the hashes of the n-grams of terms in text order; a
// document with fewer than n content words has none.
func ngrams(dst []uint64, terms []uint32, n int) []uint64 {
	if len(terms) < n {
		return dst[:0]
	}
	return shingle.Sequence(dst, terms, n)
}

// parallel calls the function made by newWorker for every i in [0, n) on w goroutines, each
// with its own function so that it may own scratch state. It returns early, leaving work
// undone, when ctx is cancelled; the caller checks ctx.Err().
func parallel(ctx context.Context, w, n int, newWorker func() func(i int)) {
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

// workers returns the goroutines to use.
func (o *Options) workers() int {
	if o.Workers > 0 {
		return o.Workers
	}
	return runtime.NumCPU()
}
