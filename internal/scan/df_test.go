package scan

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/lsh"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// scanDocuments returns the documents of a scan of dir with the default options, analysed and
// with boilerplate removed, and the options.
func scanDocuments(tb testing.TB, dir string) ([]Document, *Options) {
	tb.Helper()
	opts := DefaultOptions()
	res := &Result{}
	ctx := context.Background()
	if err := analyzeAll(ctx, input.ReadPaths([]string{dir}, nil, opts.Input), &opts, noObserver{}, res); err != nil {
		tb.Fatal(err)
	}
	stripBoilerplate(ctx, res.Documents, &opts, noObserver{})
	return res.Documents, &opts
}

// TestCountingWorkers counts the words and shingles of the 862 articles of
// testdata/chronam/articles on 1 to 4 goroutines: the document frequencies are those of a map
// of each document's distinct terms, and the common shingles the same, whatever the workers.
func TestCountingWorkers(t *testing.T) {
	docs, opts := scanDocuments(t, "../../testdata/chronam/articles")
	if len(docs) != 862 {
		t.Fatalf("%d documents; want 862", len(docs))
	}
	want := map[uint32]uint32{}
	for i := range docs {
		distinct := map[uint32]bool{}
		for _, term := range docs[i].Sketch.Terms {
			if !distinct[term] {
				distinct[term] = true
				want[term]++
			}
		}
	}
	signer, err := opts.Signer(Corpus{Docs: len(docs)})
	if err != nil {
		t.Fatal(err)
	}
	limit, _ := opts.CommonLimit(len(docs))
	// Every document's shingles, filtered: what the common shingles change.
	kept := func(filter func([]uint64) []uint64) (n int) {
		for i := range docs {
			n += len(filter(signer.Shingles(&docs[i].Sketch)))
		}
		return n
	}
	ctx := context.Background()
	var oneKept int
	for w := 1; w <= 4; w++ {
		df := docFreq(ctx, w, docs, noObserver{})
		if got := maps.Collect(df.All()); df.Docs != len(docs) || !maps.Equal(got, want) {
			t.Errorf("%d workers: %d documents, %d terms; want %d, %d, the counts of a map", w, df.Docs, len(got), len(docs), len(want))
		}
		filter := commonShingles(ctx, w, docs, signer, limit, noObserver{})
		if filter == nil {
			t.Fatalf("%d workers: no common shingle at limit %d", w, limit)
		}
		if n := kept(filter); w == 1 {
			oneKept = n
		} else if n != oneKept {
			t.Errorf("%d workers: the common shingles leave %d shingles; on one, %d", w, n, oneKept)
		}
	}
}

// TestInShares: every goroutine meets every item, in order, with its own share, and progress is
// told of each item once.
func TestInShares(t *testing.T) {
	const w, n = 3, 200
	var met [w][]int
	var advanced atomic.Int64
	inShares(context.Background(), w, n, func(d int) { advanced.Add(int64(d)) }, func(k int) func(i int) {
		return func(i int) { met[k] = append(met[k], i) }
	})
	for k := range met {
		if len(met[k]) != n || !slices.IsSorted(met[k]) || met[k][n-1] != n-1 {
			t.Errorf("share %d met %d items (sorted: %v); want 0 to %d in order", k, len(met[k]), slices.IsSorted(met[k]), n-1)
		}
	}
	if advanced.Load() != n {
		t.Errorf("advanced %d items; want %d", advanced.Load(), n)
	}
}

// benchCorpus returns the folder a benchmark of real text reads: the one in $env (none when
// env is ""), else the chronam-1916 pages in $CHRONAM_DIR/dates, else the 862 articles of
// testdata/chronam/articles, which every checkout has.
func benchCorpus(env string) string {
	if d := os.Getenv(env); env != "" && d != "" {
		return d
	}
	if d := os.Getenv("CHRONAM_DIR"); d != "" {
		return filepath.Join(d, "dates")
	}
	return "../../testdata/chronam/articles"
}

// BenchmarkCounting measures the two counting stages of a scan, counting words (docFreq, and
// the weights made from the counts) and counting shingles (commonShingles), on 1 and 2
// goroutines. It reads the chronam-1916 pages in $CHRONAM_DIR/dates (4,492 front pages of real
// newspaper text, whose vocabulary of 820,000 terms, most of OCR noise, makes tables that miss
// the processor's cache as a scan's do), or without it the 862 articles of
// testdata/chronam/articles.
func BenchmarkCounting(b *testing.B) {
	docs, opts := scanDocuments(b, benchCorpus(""))
	signer, err := opts.Signer(Corpus{Docs: len(docs)})
	if err != nil {
		b.Fatal(err)
	}
	limit, _ := opts.CommonLimit(len(docs))
	ctx := context.Background()
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("words/workers=%d", w), func(b *testing.B) {
			for b.Loop() {
				verify.NewWeights(docFreq(ctx, w, docs, noObserver{}), 0)
			}
		})
		b.Run(fmt.Sprintf("shingles/workers=%d", w), func(b *testing.B) {
			for b.Loop() {
				commonShingles(ctx, w, docs, signer, limit, noObserver{})
			}
		})
	}
}

// BenchmarkSigning measures the stages between counting words and verifying, one at a time and
// together: counting shingles (commonShingles), signing (signAll) and grouping candidates
// (lsh.Index.Candidates), on 1 and 2 goroutines. It reads the folder in $SIGNING_CORPUS (the
// 59,433 articles cut from the chronam-1916 pages, say, whose short documents make sparse
// signatures), else the pages in $CHRONAM_DIR/dates, else the 862 articles of
// testdata/chronam/articles.
func BenchmarkSigning(b *testing.B) {
	dir := benchCorpus("SIGNING_CORPUS")
	docs, opts := scanDocuments(b, dir)
	signer, err := opts.Signer(Corpus{Docs: len(docs)})
	if err != nil {
		b.Fatal(err)
	}
	bands, rows, err := opts.BandsRows(Corpus{Docs: len(docs)})
	if err != nil {
		b.Fatal(err)
	}
	limit, _ := opts.CommonLimit(len(docs))
	ctx := context.Background()
	advance := func(int) {}
	for _, w := range []int{1, 2} {
		filter := commonShingles(ctx, w, docs, signer, limit, noObserver{})
		index, _ := lsh.NewIndex(bands, rows)
		signAll(ctx, w, docs, signer, filter, index, nil, advance)
		b.Run(fmt.Sprintf("counting/workers=%d", w), func(b *testing.B) {
			defer reportCPU(b)()
			for b.Loop() {
				commonShingles(ctx, w, docs, signer, limit, noObserver{})
			}
		})
		b.Run(fmt.Sprintf("signing/workers=%d", w), func(b *testing.B) {
			defer reportCPU(b)()
			for b.Loop() {
				index, _ := lsh.NewIndex(bands, rows)
				signAll(ctx, w, docs, signer, filter, index, nil, advance)
			}
		})
		b.Run(fmt.Sprintf("grouping/workers=%d", w), func(b *testing.B) {
			defer reportCPU(b)()
			for b.Loop() {
				index.Candidates(opts.MaxBucket, w, advance)
			}
		})
		b.Run(fmt.Sprintf("all/workers=%d", w), func(b *testing.B) {
			defer reportCPU(b)()
			for b.Loop() {
				filter := commonShingles(ctx, w, docs, signer, limit, noObserver{})
				index, _ := lsh.NewIndex(bands, rows)
				signAll(ctx, w, docs, signer, filter, index, nil, advance)
				index.Candidates(opts.MaxBucket, w, advance)
			}
		})
	}
}
