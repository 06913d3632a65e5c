package index_test

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/index"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/verify"
	"github.com/dedupe-dev/dedupe/tools/gencorpus/corpusgen"
)

// defaultParams returns the parameters dedupe index add gives a new index by default.
func defaultParams(tb testing.TB) index.Params {
	o := scan.DefaultOptions()
	bands, rows, err := o.BandsRows(scan.Corpus{})
	if err != nil {
		tb.Fatal(err)
	}
	return index.Params{Language: o.Language, ShingleSize: o.Verify.ShingleSize, NumPerm: o.Permutations(0),
		Bands: bands, Rows: rows, Seed: o.Seed, ShingleDF: o.ShingleDF, Anchor: o.Anchor}
}

// generate returns the texts of articles [from, to) of a generated corpus, built in parallel.
func generate(c *corpusgen.Corpus, from, to int) []string {
	texts := make([]string, to-from)
	var wg sync.WaitGroup
	const workers = 8
	for w := range workers {
		wg.Go(func() {
			for i := from + w; i < to; i += workers {
				a := c.Article(i)
				texts[i-from] = string(a.Document())
			}
		})
	}
	wg.Wait()
	return texts
}

// BenchmarkCheck measures checks per second, on one goroutine, against indexes of generated
// articles: analysing a new article, querying the index for candidates and verifying them,
// with the shared keys dedupe check asks for by default (every shared key up to 2,000
// documents, beyond enough to find 95% of the pairs at Jaccard 0.05). The index is built with
// dedupe's default parameters, in batches of 1,000.
func BenchmarkCheck(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("archive=%d", n), func(b *testing.B) {
			c, err := corpusgen.New(corpusgen.Config{N: n + 1000, Seed: 1})
			if err != nil {
				b.Fatal(err)
			}
			ix, err := index.Create(filepath.Join(b.TempDir(), "bench.db"), defaultParams(b), index.Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer ix.Close()
			an, _ := normalize.New("english")
			for start := 0; start < n; start += 1000 {
				texts := generate(c, start, min(start+1000, n))
				docs := make([]index.Document, len(texts))
				for i, t := range texts {
					docs[i] = index.Document{Path: fmt.Sprint(start + i), Sketch: sketch.New(an.Analyze(t))}
				}
				if _, err := ix.Add(docs); err != nil {
					b.Fatal(err)
				}
			}
			queries := generate(c, n, n+1000)
			size := 0
			for _, q := range queries {
				size += len(q)
			}
			v, _ := verify.New(verify.DefaultParams())
			opts := index.QueryOptions{MinShared: 1, MaxBucket: 2000}
			if p := ix.Params(); n > scan.SmallCorpus {
				opts.MinShared = index.MinShared(p.Bands, p.Rows, 0.05, 0.95)
			}
			b.SetBytes(int64(size / len(queries)))
			b.ReportAllocs()
			i, candidates := 0, 0
			for b.Loop() {
				sk := sketch.New(an.Analyze(queries[i%len(queries)]))
				i++
				cands, _, err := ix.Query(&sk, opts)
				if err != nil {
					b.Fatal(err)
				}
				candidates += len(cands)
				for k := range cands {
					v.Verify(&cands[k].Sketch, &sk)
				}
			}
			b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "checks/s")
			b.ReportMetric(float64(candidates)/float64(i), "candidates/check")
		})
	}
}
