// Package scan runs dedupe's pipeline over a set of inputs:
// read -> normalise -> sketch -> boilerplate -> shingle -> sign -> band -> verify -> cluster.
//
// The stages that cost the most (analysis, signing, verification) run on Options.Workers
// goroutines; their results are put back in input order before anything depends on them, so the
// report is the same, byte for byte, whatever the worker count.
//
// Memory: per document the scan keeps its metadata, its sketch (four bytes per content word,
// see package sketch) and its band keys until the candidates are grouped; texts are dropped as
// soon as they are analysed.
package scan

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/lsh"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/param"
	"github.com/dedupe-dev/dedupe/internal/shingle"
	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// Options configures a scan. Start from DefaultOptions. Specs describes every field but Input.
type Options struct {
	Input     input.Options
	Language  string  // language of the documents (normalize.Languages), or normalize.Auto to detect each one's
	NumPerm   int     // MinHash permutations; 0: AutoNumPerm
	Seed      uint64  // MinHash seed
	Threshold float64 // shingle Jaccard the candidate stage aims at (recall-oriented); 0: AutoThreshold
	Bands     int     // LSH bands; 0 derives bands and rows from Threshold
	Rows      int     // LSH rows per band; 0 derives them from Threshold
	MaxBucket int     // LSH buckets with more documents are not expanded into pairs (0: no cap)
	MinWords  int     // documents with fewer words are skipped
	Workers   int     // goroutines for the parallel stages; 0 means runtime.NumCPU()
	Verify    verify.Params
	// BoilerplateDF is the share of documents from which a sentence counts as boilerplate and
	// is left out of signatures and verification; BoilerplateMinDocs is the fewest documents it
	// must appear in whatever the share, so that small corpora keep their copies.
	BoilerplateDF      float64
	BoilerplateMinDocs int
	// ShingleDF is the share of documents from which a shingle is left out of the signatures
	// (not out of verification), at least BoilerplateMinDocs documents; 0 keeps every shingle.
	// ShingleMaxDocs, when not 0, caps that count: see [Options.CommonLimit].
	ShingleDF      float64
	ShingleMaxDocs int
	// MaxCluster is the cluster size above which the report warns: copies of one story rarely
	// number in the thousands, shared boilerplate often does (0: no warning).
	MaxCluster int
	// ClusterShare is how much of a document must be found in a neighbour for the clustering
	// to count it as made of that neighbour (see package cluster).
	ClusterShare float64
}

// Observer receives progress events from [Run] and [Analyze]. Its methods are called from
// several goroutines.
type Observer interface {
	// Read is called once per document read, with its size in bytes.
	Read(bytes int64)
	// Stage is called when the scan enters a new stage, which does total units of work
	// (0: not counted), each one of unit, in the plural ("documents", "pairs").
	Stage(name string, total int, unit string)
	// Advance is called as n more units of the current stage are done.
	Advance(n int)
}

// noObserver is the Observer of a scan that nobody observes.
type noObserver struct{}

func (noObserver) Read(int64)                {}
func (noObserver) Stage(string, int, string) {}
func (noObserver) Advance(int)               {}

// Specs describes every setting of Options but Input: the verifier's, from
// verify.Specs, and the scan's own. Its order is that of the params in dedupe's JSON: the
// shingle size first, then the scan's settings, then the verifier's thresholds.
var Specs = slices.Concat(verify.Specs.Pick("ShingleSize").In("Verify"), ownSpecs, verify.Specs.Omit("ShingleSize").In("Verify"))

// IndexSpecs are the settings that decide a document's band keys: an index stores them when
// it is created, under their keys (package index, ParamSpecs), and they are fixed from then
// on. The threshold is not among them: it decides bands and rows only when they are not
// given, and an index records the bands and rows.
var IndexSpecs = Specs.Pick("Verify.ShingleSize", "NumPerm", "Bands", "Rows", "Seed", "Language", "ShingleDF")

// ownSpecs describes the settings of Options outside Verify. NumPerm, Bands, Rows and
// Threshold are recorded as used, once derived for the corpus.
var ownSpecs = param.Table{
	{Field: "NumPerm", Flag: "num-perm", Key: "num_perm", Name: "MinHash permutations",
		Default: 0, Range: "[0, ∞)", Help: "MinHash permutations `n` (0: 256 up to 2,000 documents, 512 above)"},
	{Field: "Bands", Flag: "bands", Key: "bands", Name: "LSH bands",
		Default: 0, Range: "[0, ∞)", Help: "LSH bands (`b`); with --rows, overrides the choice from --threshold"},
	{Field: "Rows", Flag: "rows", Key: "rows", Name: "LSH rows per band",
		Default: 0, Range: "[0, ∞)", Help: "LSH rows per band (`r`)"},
	{Field: "Threshold", Flag: "threshold", Key: "threshold", Name: "Candidate Jaccard threshold",
		Default: 0.0, Range: "[0, 1)", Help: "shingle Jaccard the candidate stage aims at (`s`); 0: 0.03 up to 2,000 documents, 0.1 above"},
	{Field: "Seed", Flag: "seed", Key: "seed", Name: "MinHash seed",
		Default: uint64(1), Help: "MinHash `seed`"},
	{Field: "Language", Flag: "lang", Key: "language", Name: "Language",
		Default: normalize.Auto, Help: "language of the articles, for stemming and stop words: `name` (auto: detected per document; " + strings.Join(normalize.Languages(), ", ") + ")"},
	{Field: "MinWords", Flag: "min-words", Key: "min_words", Name: "Fewest words per document",
		Default: 30, Range: "[0, ∞)", Help: "skip documents with fewer than `n` words"},
	{Field: "MaxBucket", Flag: "max-bucket", Key: "max_bucket", Name: "Largest LSH bucket expanded",
		Default: 2000, Range: "[0, ∞)", Help: "do not expand LSH buckets with more than `n` documents (0: no cap)"},
	{Field: "MaxCluster", Flag: "max-cluster", Key: "max_cluster", Name: "Largest cluster without a warning",
		Default: 1000, Range: "[0, ∞)", Help: "warn about clusters of more than `n` documents, usually boilerplate (0: never)"},
	{Field: "ClusterShare", Flag: "cluster-share", Key: "cluster_share", Name: "Share made of a neighbour, in clusters",
		Default: 0.45, Range: "[0, 1]", Help: "share of a document found in a neighbour for the clustering to count it as made of it (`s`)"},
	{Field: "BoilerplateDF", Flag: "boilerplate-df", Key: "boilerplate_df", Name: "Boilerplate document share",
		Default: 0.05, Range: "(0, 1]", Help: "share of documents from which a sentence is boilerplate (`s`)"},
	{Field: "BoilerplateMinDocs", Flag: "boilerplate-min-docs", Key: "boilerplate_min_docs", Name: "Boilerplate fewest documents",
		Default: 10, Range: "[0, ∞)", Help: "fewest documents a boilerplate sentence appears in (`n`)"},
	{Field: "ShingleDF", Flag: "shingle-df", Key: "shingle_df", Name: "Common shingle document share",
		Default: 0.01, Range: "[0, 1]", Help: "share of documents from which a shingle is left out of the signatures (`s`; 0: keep all)"},
	{Field: "ShingleMaxDocs", Flag: "shingle-max-docs", Key: "shingle_max_docs", Name: "Common shingle document cap",
		Default: 250, Range: "[0, ∞)", Help: "cap on --shingle-df in documents, for large corpora (`n`; 0: no cap)"},
	{Field: "Workers", Flag: "workers", Name: "Worker goroutines",
		Default: 0, Range: "[0, ∞)", Help: "worker goroutines (`n`; 0: one per CPU)"},
}

// DefaultOptions returns the defaults of dedupe scan, those of Specs.
func DefaultOptions() Options { return param.Defaults[Options](Specs) }

// Document is a scanned document's metadata and sketch.
type Document struct {
	Path     string
	Title    string
	Date     time.Time
	Encoding string
	Lang     string // the language the document was analysed in
	Words    int
	Sketch   sketch.Sketch
	// Sentences holds the byte range of each sentence of the sketch in the decoded text
	// (input.Document.Text): where a verified pair's passages are. Eight bytes a sentence.
	Sentences []normalize.Range
}

// Pair is a verified duplicate pair of documents, by index in Result.Documents.
type Pair struct {
	A, B     int
	Result   verify.Result
	Passages []verify.Passage // the aligned passages, by sentence
}

// Result is what a scan found, before it is turned into a report.
type Result struct {
	Root      string   // the directory relative paths are relative to (input.Root)
	Inputs    []string // the paths scanned, as given, escaped by input.EscapeName
	Documents []Document
	Skipped   []input.Skip
	Warnings  []input.Skip // documents used despite a problem (decoded as Windows-1252, truncated)
	Threshold float64      // the candidate threshold used
	NumPerm   int          // the MinHash permutations used
	Bands     int
	Rows      int
	// Candidates counts the pairs the LSH stage proposed; Pairs holds the ones verified as
	// duplicates, sorted by (A, B).
	Candidates  int
	Pairs       []Pair
	LSH         lsh.Stats
	Boilerplate int  // distinct sentences treated as boilerplate
	SmallCorpus bool // too few documents for boilerplate frequencies; only BoilerplateMinDocs applied
}

// Validate checks the options that do not depend on the input: each within its range in
// Specs, and bands and rows given together and within the permutations.
func (o *Options) Validate() error {
	if err := Specs.Validate(o); err != nil {
		return err
	}
	if (o.Bands == 0) != (o.Rows == 0) {
		return errors.New("--bands and --rows go together")
	}
	if o.NumPerm > 0 && o.Bands*o.Rows > o.NumPerm {
		return fmt.Errorf("--bands × --rows (%d × %d) must not exceed --num-perm (%d)", o.Bands, o.Rows, o.NumPerm)
	}
	return nil
}

// AutoThreshold returns the candidate threshold used for n documents when none is given.
//
// Rewrites keep few shingles: spun and heavily paraphrased copies share 3-20% of their
// content-word bigrams with the original, and short partial copies of a long story less. Up to
// SmallCorpus documents every pair is cheap to verify, so the candidate stage aims very low
// (0.03: with 256 permutations, 256 bands of one row, a pair at Jaccard 0.035 is a candidate
// with probability 0.9999). Beyond that one-row bands make every pair sharing a rare bigram a
// candidate and the count grows with the square of the corpus; 0.1 (bands of two rows) keeps it
// near linear: with the 512 permutations of AutoNumPerm, 256 bands find 98.7% of the pairs at
// Jaccard 0.13 and 99.997% at 0.2.
func AutoThreshold(n int) float64 {
	if n <= SmallCorpus {
		return 0.03
	}
	return 0.1
}

// SmallCorpus is the largest corpus for which AutoThreshold aims at every rewrite.
const SmallCorpus = 2000

// AutoNumPerm returns the MinHash permutations used for n documents when none are given.
//
// Up to SmallCorpus documents 256 permutations make the 256 one-row bands of AutoThreshold.
// Beyond, bands of two rows keep the candidates near linear in the corpus, and two rows need twice
// the permutations for the same recall: 512 make 256 bands of two rows, which miss 0.3% of the
// pairs at Jaccard 0.15 where 128 bands miss 5.4%. Nearly all the rewrites a large scan missed
// were lost at this stage, not in verification. On the generated 100,000-article corpus 512 raised
// the recall of rewrites from 0.962 to 0.994 and of partial copies from 0.988 to 0.996, for about
// 15% more time and 10% more memory; the signatures cost the same (one-permutation hashing hashes
// each shingle once), the band keys and the candidates double.
func AutoNumPerm(n int) int {
	if n <= SmallCorpus {
		return 256
	}
	return 512
}

// Permutations returns the MinHash permutations the options give for n documents: NumPerm when
// set, otherwise AutoNumPerm, or the bands times rows given if they need more.
func (o *Options) Permutations(n int) int {
	if o.NumPerm > 0 {
		return o.NumPerm
	}
	return max(AutoNumPerm(n), o.Bands*o.Rows)
}

// threshold returns the candidate threshold for n documents.
func (o *Options) threshold(n int) float64 {
	if o.Threshold > 0 {
		return o.Threshold
	}
	return AutoThreshold(n)
}

// BandsRows returns the LSH configuration the options give for n documents.
func (o *Options) BandsRows(n int) (bands, rows int, err error) {
	if o.Bands > 0 {
		return o.Bands, o.Rows, nil
	}
	return lsh.OptimalParams(o.threshold(n), o.Permutations(n), 0.5, 0.5)
}

// Signer returns the Signer a scan of n documents uses: the shingle size and seed of the
// options, their permutations for n ([Options.Permutations]) and their bands and rows for n
// ([Options.BandsRows]).
func (o *Options) Signer(n int) (*lsh.Signer, error) {
	bands, rows, err := o.BandsRows(n)
	if err != nil {
		return nil, err
	}
	return lsh.NewSigner(lsh.SignerParams{ShingleSize: o.Verify.ShingleSize, NumPerm: o.Permutations(n), Seed: o.Seed, Bands: bands, Rows: rows})
}

// Goroutines returns the goroutines that a Workers option of n asks for: n, or one per CPU when
// n is 0. It is the rule of every --workers flag, scan's and the passages search's alike.
func Goroutines(n int) int {
	if n > 0 {
		return n
	}
	return runtime.NumCPU()
}

func (o *Options) workers() int { return Goroutines(o.Workers) }

// Run scans paths, reading stdin for the path "-" (nil: os.Stdin) and telling obs, when not
// nil, about its progress. It fails only on usage errors, a path that does not exist, or
// cancellation; problems with single inputs are reported in Result.Skipped.
func Run(ctx context.Context, paths []string, stdin io.Reader, opts Options, obs Observer) (*Result, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if _, err := normalize.New(opts.Language); err != nil {
		return nil, err
	}
	res := &Result{Root: input.Root(), Inputs: input.EscapeNames(paths)}
	if obs == nil {
		obs = noObserver{}
	}

	obs.Stage("reading", 0, "")
	if err := analyzeAll(ctx, readPaths(paths, stdin, &opts), &opts, obs, res); err != nil {
		return nil, err
	}
	res.Threshold = opts.threshold(len(res.Documents))
	res.NumPerm = opts.Permutations(len(res.Documents))
	bands, rows, err := opts.BandsRows(len(res.Documents))
	if err != nil {
		return nil, err
	}
	res.Bands, res.Rows = bands, rows

	res.Boilerplate, res.SmallCorpus = stripBoilerplate(ctx, res.Documents, &opts, obs)

	weights := verify.NewWeights(docFreq(ctx, opts.workers(), res.Documents, obs), 0)

	limit, dropCommon := opts.CommonLimit(len(res.Documents))
	index, err := lsh.NewIndex(bands, rows)
	if err != nil {
		return nil, err
	}
	signer, err := opts.Signer(len(res.Documents))
	if err != nil {
		return nil, err
	}
	var filter func([]uint64) []uint64
	if dropCommon {
		obs.Stage("counting shingles", len(res.Documents), "documents")
		counts := shingle.NewCounter(len(res.Documents))
		parallel(ctx, opts.workers(), len(res.Documents), func() func(i int) {
			s := signer.Clone()
			return func(i int) {
				counts.Add(s.Shingles(&res.Documents[i].Sketch))
				obs.Advance(1)
			}
		})
		filter = counts.Common(limit).Filter()
	}
	obs.Stage("signing", len(res.Documents), "documents")
	// Workers add keys as they sign, in no particular order: the candidates do not depend on it.
	index.Grow(len(res.Documents))
	var adding sync.Mutex
	var batches []*keyBatch
	parallel(ctx, opts.workers(), len(res.Documents), func() func(i int) {
		s := signer.Clone()
		batch := &keyBatch{index: index, adding: &adding}
		adding.Lock()
		batches = append(batches, batch)
		adding.Unlock()
		var keys []uint64
		return func(i int) {
			if keys = s.Keys(keys, &res.Documents[i].Sketch, filter); keys != nil {
				batch.add(uint32(i), keys)
			}
			obs.Advance(1)
		}
	})
	for _, b := range batches {
		b.flush()
	}

	if err := ctx.Err(); err != nil {
		return nil, err
	}
	obs.Stage("grouping candidates", bands, "bands")
	candidates, stats := index.Candidates(opts.MaxBucket, opts.workers(), obs.Advance)
	res.LSH = stats
	res.Candidates = len(candidates)

	obs.Stage("verifying", len(candidates), "pairs")
	capped := verifyCandidates(ctx, &opts, res, candidates, weights, obs)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	byDocs := func(p, q Pair) int { return cmp.Or(cmp.Compare(p.A, q.A), cmp.Compare(p.B, q.B)) }
	slices.SortFunc(res.Pairs, byDocs)
	slices.SortFunc(capped, byDocs)
	for _, p := range capped {
		res.Warnings = append(res.Warnings, input.Skip{
			Path:   res.Documents[p.A].Path,
			Reason: fmt.Sprintf("repeated text: the alignment with %s was bounded; coverage and longest run may be understated", res.Documents[p.B].Path),
		})
	}
	return res, nil
}

// verifyCandidates verifies the candidate pairs, adds the duplicates to res.Pairs, and returns
// the pairs whose alignment reached a bound on repeated text, in no particular order. When ctx
// is cancelled it stops early; the caller checks ctx.Err().
func verifyCandidates(ctx context.Context, opts *Options, res *Result, candidates []lsh.Pair, weights *verify.Weights, obs Observer) []Pair {
	// Candidates come sorted by (A, B): each run of one A is verified with what depends on A
	// worked out once. Only duplicates are kept: most candidates of a large corpus are not, and
	// a result for each would be the largest allocation of the scan.
	var runs []int // where each run starts, then len(candidates)
	for i, c := range candidates {
		if i == 0 || c.A != candidates[i-1].A {
			runs = append(runs, i)
		}
	}
	runs = append(runs, len(candidates))
	nextA, nextB := nextUses(candidates, runs, len(res.Documents))
	var found sync.Mutex
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
				found.Lock()
				if r.Duplicate {
					res.Pairs = append(res.Pairs, p)
				}
				if r.Capped {
					capped = append(capped, p)
				}
				found.Unlock()
			})
		}
	})
	return capped
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

// keyBatch holds the band keys of the documents a signing worker signed last, to add them to
// the index together. Added one document at a time, each under the lock, the end of every
// band's list of keys passed from one core's cache to the other's with each document, a cache
// miss for each band of each document: in CPU profiles of the scan of the 59,433 chronam
// articles, adding keys took 0.20-0.31 s, a third of what signing took; in batches, 0.13-0.18 s.
type keyBatch struct {
	index  *lsh.Index
	adding *sync.Mutex // held while keys are added to index
	ids    []uint32
	keys   []uint64 // the keys of ids[0], then of ids[1] ...
}

// keyBatchDocs is how many documents' keys a keyBatch holds before adding them.
const keyBatchDocs = 64

// add keeps the keys of document id, and adds all that it keeps once it holds keyBatchDocs.
func (b *keyBatch) add(id uint32, keys []uint64) {
	b.ids = append(b.ids, id)
	b.keys = append(b.keys, keys...)
	if len(b.ids) == keyBatchDocs {
		b.flush()
	}
}

// flush adds the keys kept to the index.
func (b *keyBatch) flush() {
	bands := b.index.Bands()
	b.adding.Lock()
	for k, id := range b.ids {
		b.index.AddKeys(id, b.keys[k*bands:(k+1)*bands])
	}
	b.adding.Unlock()
	b.ids, b.keys = b.ids[:0], b.keys[:0]
}

// verifyCacheTerms is how many content words of prepared documents each verifying worker
// keeps (see verify.Verifier.CacheDocuments). With 2 workers, 1<<17 keeps the peak RSS of a
// scan of the chronam-1916 pages at main's (165-170 MB against 173-174 MB; 1<<18: 186-189 MB)
// and verifies the articles cut from them about 5% slower than 1<<18 when the least recently
// used documents are evicted. With those needed furthest ahead evicted, 1<<18 was no faster
// (the articles' candidates verified on one goroutine, eight passes each: 2.08-2.31 s of CPU
// against 2.23-2.99 s at load 8-10) and the pages peaked at 180-181 MB against 160-175 MB.
const verifyCacheTerms = 1 << 17

// parallel calls the function made by newWorker for every i in [0, n) on w goroutines. Each
// goroutine gets its own function, so it may own scratch state. When ctx is cancelled the
// workers stop after their current chunk; the caller checks ctx.Err().
func parallel(ctx context.Context, w, n int, newWorker func() func(i int)) {
	if n == 0 {
		return
	}
	w = min(w, n)
	var next sync.Mutex
	i := 0
	const chunk = 64
	var wg sync.WaitGroup
	for range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work := newWorker()
			for {
				next.Lock()
				start := i
				i += chunk
				next.Unlock()
				if start >= n || ctx.Err() != nil {
					return
				}
				for j := start; j < min(start+chunk, n); j++ {
					work(j)
				}
			}
		}()
	}
	wg.Wait()
}

// inSegments calls the function made by newWorker for every i in [0, n) on w goroutines, n =
// len(cost)-1, where cost[i] is the cost of the items before item i. Each goroutine gets its
// own function, so it may own scratch state, and a segment of the items of its own, of about
// a w-th of the cost, whose items it takes in increasing order, a chunk at a time; its segment
// done, it takes chunks from the end of the segment with the most cost left. So a goroutine
// meets the items of its segment in their order, which a verifier that knows when it needs a
// document next can plan for (verify.Verifier.VerifyEachPlanned), where parallel's goroutines
// take every other chunk. When ctx is cancelled the workers stop after their current chunk;
// the caller checks ctx.Err().
func inSegments(ctx context.Context, w int, cost []int, newWorker func() func(i int)) {
	n := len(cost) - 1
	if n <= 0 {
		return
	}
	w = min(w, n)
	const chunk = 64
	type segment struct{ lo, hi int } // the items left
	segs := make([]segment, w)
	start := 0
	for g := range segs {
		end := n
		if g < w-1 {
			// The first item whose cost before it reaches (g+1)/w of the whole, and at least
			// one item a segment.
			share := int(int64(cost[n]-cost[0]) * int64(g+1) / int64(w))
			end, _ = slices.BinarySearch(cost[:n], cost[0]+share)
			end = min(max(end, start+1), n-(w-1-g))
		}
		segs[g] = segment{start, end}
		start = end
	}
	var taking sync.Mutex
	// take returns the next chunk for goroutine g, empty when there is none.
	take := func(g int) (lo, hi int) {
		taking.Lock()
		defer taking.Unlock()
		if s := &segs[g]; s.lo < s.hi {
			lo, hi = s.lo, min(s.lo+chunk, s.hi)
			s.lo = hi
			return lo, hi
		}
		most := -1
		for o := range segs {
			if s := segs[o]; s.lo < s.hi && (most < 0 || cost[s.hi]-cost[s.lo] > cost[segs[most].hi]-cost[segs[most].lo]) {
				most = o
			}
		}
		if most < 0 {
			return 0, 0
		}
		s := &segs[most]
		lo, hi = max(s.hi-chunk, s.lo), s.hi
		s.hi = lo
		return lo, hi
	}
	var wg sync.WaitGroup
	for g := range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work := newWorker()
			for {
				lo, hi := take(g)
				if lo == hi || ctx.Err() != nil {
					return
				}
				for i := lo; i < hi; i++ {
					work(i)
				}
			}
		}()
	}
	wg.Wait()
}

// CommonLimit returns the number of documents, out of n, from which a shingle is too common to
// sign, and whether any shingle can reach it: [shingle.CommonLimit] with ShingleDF, at least
// BoilerplateMinDocs and at most ShingleMaxDocs documents. A story copied more often than the
// limit has nothing but common shingles: the signer then signs it with all of them (see
// [lsh.Signer.Keys]).
func (o *Options) CommonLimit(n int) (limit int, drop bool) {
	return shingle.CommonLimit(n, o.ShingleDF, o.BoilerplateMinDocs, o.ShingleMaxDocs)
}
