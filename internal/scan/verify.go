package scan

import (
	"context"
	"math"
	"slices"
	"sync"

	"github.com/dedupe-dev/dedupe/internal/lsh"
	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// verifyCandidates verifies the candidate pairs, adds the duplicates to res.Pairs, and returns
// the pairs whose alignment reached a bound on repeated text, in no particular order. When ctx
// is cancelled it stops early; the caller checks ctx.Err().
func verifyCandidates(ctx context.Context, opts *Options, res *Result, candidates []lsh.Pair, weights *verify.Weights, obs Observer) []Pair {
	// Each pair is measured in the order verify.First gives, whatever the order of the inputs,
	// then sorted by (A, B): each run of one A is verified with what depends on A worked out
	// once. Only duplicates are kept: most candidates of a large corpus are not, and a result
	// for each would be the largest allocation of the scan.
	candidates = orient(res.Documents, candidates)
	var runs []int // where each run starts, then len(candidates)
	for i, c := range candidates {
		if i == 0 || c.A != candidates[i-1].A {
			runs = append(runs, i)
		}
	}
	runs = append(runs, len(candidates))
	nextA, nextB := nextUses(candidates, runs, len(res.Documents))
	var found sync.Mutex
	// The duplicates, in blocks of pairsBlock: one slice grown by appending was copied whole
	// at each growth, and the collector waited on the copies (a story printed 1,000 times:
	// half a million pairs of 288 bytes, 3 s of the verifying stage's profile).
	var blocks [][]Pair
	var capped []Pair // pairs whose alignment reached a bound on repeated text, duplicate or not
	inSegments(ctx, opts.workers(), runs, func() func(k int) {
		v, _ := verify.New(opts.Verify) // parameters were validated above
		v.SetWeights(weights)
		// A document is compared with its candidates and with those it is a candidate of:
		// kept prepared, it is prepared less often. The documents stay put until the scan
		// returns.
		v.CacheDocuments(verifyCacheTerms)
		var bs []*sketch.Sketch
		var next []int
		return func(k int) {
			run := candidates[runs[k]:runs[k+1]]
			bs, next = bs[:0], next[:0]
			for i, c := range run {
				bs = append(bs, &res.Documents[c.B].Sketch)
				next = append(next, int(nextB[runs[k]+i]))
			}
			a := run[0].A
			// A cancelled run is left unfinished: the scan returns ctx.Err().
			_ = v.VerifyEachPlanned(ctx, &res.Documents[a].Sketch, int(nextA[k]), bs, next, func(i int, r verify.Result) {
				obs.Advance(1) // per pair: a front page may have hundreds of candidates
				if !r.Duplicate && !r.Capped {
					return
				}
				p := Pair{A: int(a), B: int(run[i].B), Result: r}
				if r.Duplicate {
					// From the alignment just measured: a duplicate is not aligned again. An
					// error is cancellation, which the scan reports below.
					p.Passages, _ = v.Passages(ctx, &res.Documents[a].Sketch, bs[i])
				}
				if p.A > p.B { // reported in the order of the inputs
					p.swap()
				}
				found.Lock()
				if r.Duplicate {
					if len(blocks) == 0 || len(blocks[len(blocks)-1]) == pairsBlock {
						blocks = append(blocks, make([]Pair, 0, pairsBlock))
					}
					blocks[len(blocks)-1] = append(blocks[len(blocks)-1], p)
				}
				if r.Capped {
					capped = append(capped, p)
				}
				found.Unlock()
			})
		}
	})
	res.Pairs = slices.Concat(append([][]Pair{res.Pairs}, blocks...)...)
	return capped
}

// pairsBlock is how many verified pairs verifyCandidates keeps in one block.
const pairsBlock = 4096

// orient returns the candidates, each pair in the order verify.First measures it, sorted by
// (A, B). It reuses the candidates' memory.
func orient(docs []Document, candidates []lsh.Pair) []lsh.Pair {
	for i, c := range candidates {
		if !verify.First(&docs[c.A].Sketch, &docs[c.B].Sketch) {
			candidates[i] = lsh.Pair{A: c.B, B: c.A}
		}
	}
	slices.SortFunc(candidates, comparePairs)
	return candidates
}

// swap turns p round: B becomes A, with its figures and the passages' places.
func (p *Pair) swap() {
	p.A, p.B = p.B, p.A
	p.Result.Swap()
	for i := range p.Passages {
		q := &p.Passages[i]
		q.A, q.AEnd, q.B, q.BEnd = q.B, q.BEnd, q.A, q.AEnd
	}
}

// nextUses returns, for the candidates in runs of one first document (run k is
// candidates[runs[k]:runs[k+1]]), the run after run k that needs its first document next,
// nextA[k], and the run after the run of candidate i that needs its second document next,
// nextB[i]; math.MaxInt32 for none. Documents are numbered below docs.
func nextUses(candidates []lsh.Pair, runs []int, docs int) (nextA, nextB []int32) {
	last := make([]int32, docs) // the earliest run after the one at hand that needs each document
	for d := range last {
		last[d] = math.MaxInt32
	}
	nextA, nextB = make([]int32, len(runs)-1), make([]int32, len(candidates))
	for k := len(runs) - 2; k >= 0; k-- {
		run := candidates[runs[k]:runs[k+1]]
		a := run[0].A
		nextA[k] = last[a]
		for i, c := range run {
			nextB[runs[k]+i] = last[c.B]
			last[c.B] = int32(k)
		}
		last[a] = int32(k)
	}
	return nextA, nextB
}

// verifyCacheTerms is how many content words of prepared documents each verifying worker
// keeps (see verify.Verifier.CacheDocuments). With 2 workers, 1<<17 keeps the peak RSS of a
// scan of the chronam-1916 pages at main's (165-170 MB against 173-174 MB; 1<<18: 186-189 MB)
// and verifies the articles cut from them about 5% slower than 1<<18 when the least recently
// used documents are evicted. With those needed furthest ahead evicted, 1<<18 was no faster
// (the articles' candidates verified on one goroutine, eight passes each: 2.08-2.31 s of CPU
// against 2.23-2.99 s at load 8-10) and the pages peaked at 180-181 MB against 160-175 MB.
const verifyCacheTerms = 1 << 17
