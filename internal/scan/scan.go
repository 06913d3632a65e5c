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
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dedupe-dev/dedupe/internal/anchor"
	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/lsh"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

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

// Observed returns obs, or an Observer that ignores everything when obs is nil: for the
// callers that, as Run, take a nil Observer to mean nobody observes.
func Observed(obs Observer) Observer {
	if obs == nil {
		return noObserver{}
	}
	return obs
}

// ObservedReads returns read telling obs of each document as the reader hands it over
// (Observer.Read), before it waits for a place in input.Parallel's window: the bytes have
// been read by then.
func ObservedReads(read ReadFunc, obs Observer) ReadFunc {
	return func(ctx context.Context, emit func(input.Document) error, skip func(input.Skip) error) error {
		return read(ctx, func(d input.Document) error {
			obs.Read(d.Size)
			return emit(d)
		}, skip)
	}
}

// Document is a scanned document's metadata and sketch.
type Document struct {
	Path     string
	Title    string
	Date     time.Time
	Site     string // input.Document.Site: the site of its address; "" when unknown
	Encoding string
	Format   string // input.Document.Format: "text", "html", "jsonl" or "sgml"
	Line     int    // the line of a JSONL record or where an SGML record starts; 0 for a file
	Lang     string // the language the document was analysed in
	Words    int
	Sketch   sketch.Sketch // its Garble: the corpus's counts of clean text resolve the decision (verify.Params.ResolveDecision)
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
	// duplicates, sorted by (A, B). SeriesPairs counts the candidates of one series
	// (Options.Series), not verified, and SeriesNamed the documents the rule gave a series.
	// Floor is the candidate floor used (Options.CandidateFloor, resolved), and BelowFloor
	// counts the pairs of the bands left out under it, not verified.
	Candidates  int
	Pairs       []Pair
	SeriesPairs int
	SeriesNamed int
	Floor       float64
	BelowFloor  int
	// Bounded names the candidate pairs, duplicates or not, whose alignment was bounded on
	// repeated text, in one warning for each page of repeated text, naming the documents of its
	// pairs (see boundedWarnings): a note on the results, not a problem of an input, which
	// --strict does not count.
	Bounded []input.Skip
	LSH     lsh.Stats
	// Decision is the decision the verifier applied (verify.Params.Decision, resolved for
	// the corpus), and Garble the corpus's median garble share (-1 when no document's was
	// measured). Texts counts the documents by their garble share (see garbleCounts), from
	// which the decision was resolved.
	Decision    string
	Garble      float64
	Texts       verify.Texts
	Boilerplate int  // distinct sentences treated as boilerplate
	SmallCorpus bool // too few documents for boilerplate frequencies; only BoilerplateMinDocs applied
	// Weights are the weights of words by their document frequency in the corpus that the
	// verifier used (nil when it weighed every word alike), so that a pair explained again
	// (the HTML report) gets the scan's verdict.
	Weights *verify.Weights
}

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
	obs = Observed(obs)

	obs.Stage("reading", 0, "")
	if err := analyzeAll(ctx, input.ReadPaths(paths, stdin, opts.Input), &opts, obs, res); err != nil {
		return nil, err
	}
	res.Garble, res.Texts = garbleCounts(res.Documents, opts.Verify.StrictGarble)
	res.Decision = opts.Verify.ResolveDecision(res.Texts.Measured, res.Texts.Clean)
	opts.Verify.Decision = res.Decision
	candidates, weights, err := findCandidates(ctx, &opts, res, obs)
	if err != nil {
		return nil, err
	}

	res.Weights = weights
	obs.Stage("verifying", len(candidates), "pairs")
	capped := verifyCandidates(ctx, &opts, res, candidates, weights, obs)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	byDocs := func(p, q Pair) int { return cmp.Or(cmp.Compare(p.A, q.A), cmp.Compare(p.B, q.B)) }
	slices.SortFunc(res.Pairs, byDocs)
	slices.SortFunc(capped, byDocs)
	res.Bounded = boundedWarnings(res.Documents, capped)
	return res, nil
}

// boundedNamed is how many other documents a warning about bounded alignments names; it
// counts the rest. A page of OCR noise made of a few letters repeated ("ll", "ii") is a
// candidate of other such pages, and a warning for each of its pairs made 97 lines of a scan
// of the chronam-1916 articles, 50 of them about one page.
const boundedNamed = 3

// boundedWarnings returns the warnings about the bounded pairs capped: one for each document
// with bounded pairs that no other warning names, naming the other documents of its pairs.
// The documents in most bounded pairs (the pages of repeated text) take their pairs first,
// so that each such page gets one warning. Warnings are in input order, and so are the
// documents each names.
func boundedWarnings(docs []Document, capped []Pair) []input.Skip {
	pairsOf := map[int][]int{} // a document's bounded pairs, as indexes in capped
	for i, p := range capped {
		pairsOf[p.A] = append(pairsOf[p.A], i)
		pairsOf[p.B] = append(pairsOf[p.B], i)
	}
	bounded := slices.Sorted(maps.Keys(pairsOf))
	slices.SortStableFunc(bounded, func(x, y int) int { return cmp.Compare(len(pairsOf[y]), len(pairsOf[x])) })
	named := make([]bool, len(capped))
	others := map[int][]int{}
	for _, d := range bounded {
		for _, i := range pairsOf[d] {
			if named[i] {
				continue
			}
			named[i] = true
			other := capped[i].A
			if other == d {
				other = capped[i].B
			}
			others[d] = append(others[d], other)
		}
	}
	var warnings []input.Skip
	for _, d := range slices.Sorted(maps.Keys(others)) {
		o := others[d]
		slices.Sort(o)
		reason := fmt.Sprintf("repeated text: the alignment with %s was bounded; coverage and longest run may be understated", docs[o[0]].Path)
		if len(o) > 1 {
			var names []string
			for _, k := range o[:min(len(o), boundedNamed)] {
				names = append(names, docs[k].Path)
			}
			if len(o) > boundedNamed {
				names = append(names, fmt.Sprintf("%d more", len(o)-boundedNamed))
			}
			last := len(names) - 1
			reason = fmt.Sprintf("repeated text: the alignments with %d documents (%s and %s) were bounded; coverage and longest runs may be understated", len(o), strings.Join(names[:last], ", "), names[last])
		}
		warnings = append(warnings, input.Skip{Path: docs[d].Path, Reason: reason})
	}
	return warnings
}

// findCandidates runs the stages between reading and verifying on the documents of res: it
// strips boilerplate, counts words and shingles, signs and groups the candidate pairs (with
// those of shared anchors, when Options.Anchor asks for them), sorted by (A, B), and returns
// them with the corpus's weights. It fails only on cancellation or parameters the bands and
// rows cannot be made of.
func findCandidates(ctx context.Context, opts *Options, res *Result, obs Observer) ([]lsh.Pair, *verify.Weights, error) {
	corpus := CorpusOf(len(res.Documents), res.Decision, res.Texts)
	res.Threshold = opts.threshold(corpus)
	res.NumPerm = opts.Permutations(len(res.Documents))
	bands, rows, err := opts.BandsRows(corpus)
	if err != nil {
		return nil, nil, err
	}
	res.Bands, res.Rows = bands, rows

	res.Boilerplate, res.SmallCorpus = stripBoilerplate(ctx, res.Documents, opts, obs)

	weights := verify.NewWeights(docFreq(ctx, opts.workers(), res.Documents, obs), 0)

	limit, dropCommon := opts.CommonLimit(len(res.Documents))
	index, err := lsh.NewIndex(bands, rows)
	if err != nil {
		return nil, nil, err
	}
	signer, err := opts.Signer(corpus)
	if err != nil {
		return nil, nil, err
	}
	var filter func([]uint64) []uint64
	if dropCommon {
		filter = commonShingles(ctx, opts.workers(), res.Documents, signer, limit, obs)
	}
	res.Floor = opts.Floor(corpus)
	var sigs *docBits
	if res.Floor > 0 {
		sigs = newDocBits(len(res.Documents), signer.NumPerm())
	}
	obs.Stage("signing", len(res.Documents), "documents")
	signAll(ctx, opts.workers(), res.Documents, signer, filter, index, sigs, obs.Advance)

	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	obs.Stage("grouping candidates", bands, "bands")
	candidates, stats := index.Candidates(opts.MaxBucket, opts.workers(), obs.Advance)
	res.LSH = stats
	others := exactPairs(res.Documents)
	if opts.Anchor.MinShared > 0 {
		others = anchor.Merge(others, anchorPairs(ctx, opts, res.Documents, obs))
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
	}
	if sigs != nil {
		obs.Stage("checking the floor", len(candidates), "pairs")
		candidates, res.BelowFloor = sigs.above(candidates, res.Floor, others, opts.workers())
	}
	candidates = anchor.Merge(candidates, others)
	candidates = res.withoutSeries(opts.Series, candidates)
	res.Candidates = len(candidates)
	return candidates, weights, nil
}

// withoutSeries leaves out of candidates the pairs of documents of one series by the rule
// expr (see SeriesOf), counting them and the documents named a series in r.
func (r *Result) withoutSeries(expr string, candidates []lsh.Pair) []lsh.Pair {
	if expr == "" {
		return candidates
	}
	seriesOf, _ := SeriesOf(expr) // checked by Validate
	series := make([]string, len(r.Documents))
	for i := range r.Documents {
		if series[i] = seriesOf(r.Documents[i].Path); series[i] != "" {
			r.SeriesNamed++
		}
	}
	kept := candidates[:0]
	for _, c := range candidates {
		if s := series[c.A]; s != "" && s == series[c.B] {
			r.SeriesPairs++
			continue
		}
		kept = append(kept, c)
	}
	return kept
}

// exactPairs returns, sorted by (A, B), a pair of each document with the first of docs whose
// normalised text is the same (their sketches' digests are equal), so that exact copies are
// verified whatever the bands find: ten thousand identical files make every bucket larger
// than MaxBucket, and a text whose shingles are all common has no band keys.
func exactPairs(docs []Document) []lsh.Pair {
	order := make([]uint32, len(docs))
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(a, b uint32) int {
		return cmp.Or(cmp.Compare(docs[a].Sketch.Digest, docs[b].Sketch.Digest), cmp.Compare(a, b))
	})
	var pairs []lsh.Pair
	for i := 0; i < len(order); {
		j := i + 1
		for j < len(order) && docs[order[j]].Sketch.Digest == docs[order[i]].Sketch.Digest {
			pairs = append(pairs, lsh.Pair{A: order[i], B: order[j]})
			j++
		}
		i = j
	}
	slices.SortFunc(pairs, comparePairs)
	return pairs
}

// anchorPairs returns the pairs of docs that share rare passages (package anchor), sorted by
// (A, B). obs (not nil) is told of it as a stage.
func anchorPairs(ctx context.Context, opts *Options, docs []Document, obs Observer) []lsh.Pair {
	obs.Stage("anchoring", len(docs), "documents")
	anchors := make([][]uint32, len(docs))
	parallel(ctx, opts.workers(), len(docs), func() func(i int) {
		var seq []uint64
		// The anchors of a worker's documents, one after the other, in blocks: one allocation
		// per block rather than per document.
		var block []uint32
		return func(i int) {
			sk := &docs[i].Sketch
			if cap(block)-len(block) < len(sk.Terms) {
				block = make([]uint32, 0, max(anchorBlock, len(sk.Terms)))
			}
			start := len(block)
			block, seq = anchor.Document(block, seq, sk, opts.Verify.ShingleSize, opts.Anchor.Window)
			anchors[i] = block[start:len(block):len(block)]
			obs.Advance(1)
		}
	})
	if ctx.Err() != nil {
		return nil
	}
	return anchor.Pairs(anchors, opts.Anchor, opts.workers())
}

// anchorBlock is how many anchors a block of anchorPairs holds: 256 KiB.
const anchorBlock = 1 << 16

// signAll signs docs on w goroutines (see lsh.Signer.Keys, with filter) and adds their band
// keys to index, and, when sigs is not nil, keeps their signatures' bits in it, telling
// advance of each document. Workers add keys as they sign, in no particular order: the
// candidates do not depend on it. When ctx is cancelled it stops early; the caller checks
// ctx.Err().
func signAll(ctx context.Context, w int, docs []Document, signer *lsh.Signer, filter func([]uint64) []uint64, index *lsh.Index, sigs *docBits, advance func(int)) {
	index.Grow(len(docs))
	var adding sync.Mutex
	var batches []*keyBatch
	parallel(ctx, w, len(docs), func() func(i int) {
		s := signer.Clone()
		batch := &keyBatch{index: index, adding: &adding}
		adding.Lock()
		batches = append(batches, batch)
		adding.Unlock()
		var keys []uint64
		return func(i int) {
			if keys = s.Keys(keys, &docs[i].Sketch, filter); keys != nil {
				batch.add(uint32(i), keys)
				if sigs != nil {
					sigs.keep(i, s)
				}
			}
			advance(1)
		}
	})
	for _, b := range batches {
		b.flush()
	}
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
	b.adding.Lock()
	b.index.AddBatch(b.ids, b.keys)
	b.adding.Unlock()
	b.ids, b.keys = b.ids[:0], b.keys[:0]
}

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
	inChunks(ctx, w, newWorker, func(int) (lo, hi int) {
		next.Lock()
		defer next.Unlock()
		lo, hi = min(i, n), min(i+chunk, n)
		i = hi
		return lo, hi
	})
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
	inChunks(ctx, w, newWorker, take)
}

// inChunks runs w goroutines, each calling the function newWorker made for it on every i of
// the chunks [lo, hi) that take(g) gives goroutine g, until take gives an empty chunk or ctx
// is cancelled.
func inChunks(ctx context.Context, w int, newWorker func() func(i int), take func(g int) (lo, hi int)) {
	var wg sync.WaitGroup
	for g := range w {
		wg.Go(func() {
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
		})
	}
	wg.Wait()
}

// garbleCounts returns the median garble share of docs (sketch.Sketch.Garble) over those
// measured (-1 when none was), and the counts of docs by their share (verify.Texts), clean
// at most strictGarble.
func garbleCounts(docs []Document, strictGarble float64) (median float64, t verify.Texts) {
	g := make([]float32, 0, len(docs))
	for i := range docs {
		x := docs[i].Sketch.Garble()
		t.Add(x, strictGarble)
		if x >= 0 {
			g = append(g, float32(x))
		}
	}
	if len(g) == 0 {
		return -1, t
	}
	slices.Sort(g)
	median = float64(g[len(g)/2])
	if n := len(g); n%2 == 0 {
		median = (float64(g[n/2-1]) + float64(g[n/2])) / 2
	}
	return median, t
}
