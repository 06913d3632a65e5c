package verify

import (
	"context"

	"github.com/dedupe-dev/dedupe/internal/shingle"
	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// Relation says how two duplicate documents relate.
type Relation string

// The relations of a duplicate pair, from the strongest.
const (
	Exact     Relation = "exact"      // the same normalised text
	NearExact Relation = "near_exact" // shingle Jaccard >= Params.NearExact
	Rewrite   Relation = "rewrite"    // paraphrased or spun: aligned sentences, few shared phrases
	Partial   Relation = "partial"    // one document holds only part of the other
)

// Source tells which side of a pair is likely the original.
type Source int

// The possible sources.
const (
	SourceUnknown Source = iota
	SourceA
	SourceB
)

// Alignment is one pair of aligned sentences, by sentence index in each document.
type Alignment struct {
	A, B       int
	Similarity float64 // Dice coefficient of the two sentences' content words
	// WeightedSimilarity is the Dice coefficient with each word weighted by its document
	// frequency (see Weights): low where the two share only the corpus's common words.
	WeightedSimilarity float64
	// Template reports that both sentences hold numbers and share none of them: the same frame
	// with other figures, as two days' market or weather reports have, not a copied sentence;
	// or that they are rows of one table in two issues (Row).
	Template bool
	// Names reports that the two sentences, copied as far as the other flags tell, fill one
	// frame with other names: the same two names, each in one document only, stand in one
	// slot of two or more aligned sentence pairs (see otherNames). They count as copied, but a
	// pair whose sentences naming other parties outweigh its other copied ones is one formula
	// filled in for other parties, and is not scored (Params.Scored).
	Names bool
	// Row reports that the two sentences, with no figures that differ, are rows of one table in
	// two issues, a roll call of two votes: short lines, enough of which have one label and
	// other values, or other labels (see otherIssue). Every aligned row of such a pair, those
	// printed alike included, is a template instance.
	Row bool
	// Quoted reports that both sentences are mostly quotation: reporters who heard the same
	// words quote them alike, so the pair is not counted as copied narration.
	Quoted bool
}

// Result holds the measures of one pair and the decision.
type Result struct {
	Jaccard      float64 // shingle Jaccard
	Containment  float64 // |A∩B| / min(|A|, |B|) over shingles
	ContainmentA float64 // share of A's shingles found in B
	ContainmentB float64 // share of B's shingles found in A
	CoverageA    float64 // share of A's content words in sentences aligned with B
	CoverageB    float64 // share of B's content words in sentences aligned with A
	// WeightedCoverageA and WeightedCoverageB are CoverageA and CoverageB with each word
	// weighted by its document frequency (see Weights): the share of what A says that is not
	// said in every other document of the corpus.
	WeightedCoverageA float64
	WeightedCoverageB float64
	// AlignedSentences counts the sentence pairs of the alignment that count as copied, and
	// TemplateSentences those left out because their figures differ or they are rows of a table
	// in two issues (see Alignment.Template);
	// Aligned lists both, but only in a result of Explain: a scan keeps a result per duplicate
	// pair and needs only the counts.
	AlignedSentences  int
	TemplateSentences int
	QuotedSentences   int // aligned, but quotations on both sides: not counted as copied
	// UpdateSentences counts the TemplateSentences whose figures differ, one of whose two
	// sentences holds at most Params.StrictUpdateFigures numbers, alike at a similarity of
	// Params.StrictUpdateSimilarity or more: a writethru's new death toll or vote count
	// ("killing at least 12 people" ~ "killing at least 38 people"). Only the strict decision
	// reads it (Params.Unstrict).
	UpdateSentences int
	// OwnNameSentences counts the AlignedSentences whose two sentences each hold at least
	// Params.StrictNames names and none that the other document has (see ownNames): one frame
	// filled with other names, as two issues of the Supreme Court's orders or a court calendar
	// fill it with other cases. Only the strict decision reads it (Params.Unstrict): OCR
	// misreads names, and a copy of OCR'd text has such sentences too.
	OwnNameSentences int
	// HeadlineSentences counts the AlignedSentences that align a headline (sketch.Sketch.Headline)
	// of either document, and BodyCoverage is the better-covered side's coverage without them
	// (each side's share of its content words outside its headline in the other
	// AlignedSentences). Only the strict decision reads them (Params.Unstrict).
	HeadlineSentences int
	BodyCoverage      float64
	// AlignedWords counts the content words of the AlignedSentences, both sides together, and
	// NamedWords those of them that fill one frame with other names (Alignment.Names).
	AlignedWords int
	NamedWords   int
	Aligned      []Alignment
	// NumberShare is the share of numbers among the content words of the aligned sentences
	// that are not templates (the counted ones and the shared quotations), both sides
	// together: a few in 100 in copied narration, a fifth or more where two price lists or
	// tables align.
	NumberShare float64
	// StopShare is the share of stop words among all the words of the same sentences, both
	// sides together: in English 40-50% in prose, 5-25% in tables, mastheads and lists of
	// names, which share their words without being copies of one another. It is 1, as for
	// prose, where every aligned sentence is a template, or none aligns.
	StopShare float64
	// OtherFiguresA and OtherFiguresB are the shares of A's and of B's content words that are
	// figures the other document lacks, counted as often as they stand: a few in 100 in copied
	// narration, a tenth or more in each of two issues of a table of prices or temperatures
	// (see Params.TableFigures).
	OtherFiguresA, OtherFiguresB float64
	// ProseStopShare is the stop share below which aligned sentences are not prose, for the
	// pair's language: half the highest stop share of a sentence of eight words or more in
	// either document, at most StopShareOfProse (0.30 for English, German or Spanish prose;
	// about 0.07 for Korean, 0 for Chinese, which has no stop words).
	ProseStopShare float64
	// LongestRun is the longest run of content words the two texts share word for word, in
	// order (see longestRun), in words: units of scripts without spaces count half, rounded
	// down, and numbers not at all; zero where the alignment was skipped.
	LongestRun int
	// SkippingRun is the longest run of content words the two share in order, word for word
	// but for single garbled words skipped (see longestRun): an OCR'd copy's evidence, at least
	// LongestRun.
	SkippingRun int
	// RunWeight is the greatest weight of a run of content words the two share word for word,
	// each word weighted by its document frequency (see Weights), units at half weight: as many
	// as LongestRun (before rounding) where every word weighs 1.
	RunWeight float64
	// Capped reports that the alignment or the longest run reached a bound on repeated text
	// (see the package doc): CoverageA, CoverageB and LongestRun may be below the unbounded
	// figures.
	Capped bool
	// Copied is the number of content words the pair has copied, at most: the most of either
	// side's words in counted aligned sentences (those of a sentence aligned at a low
	// similarity in part, see copiedSimilarity), the shared shingles (half for those inside
	// quotation marks on either side, see sharedShingles) and the longest run, in words (units
	// of scripts without spaces count half; see [sketch.Sketch.WordEquivalents]).
	Copied float64
	// Score is the model's probability that the pair is a copy (see DefaultModel), 1 for an
	// exact pair, 0 where the alignment was skipped.
	Score     float64
	Duplicate bool
	Relation  Relation // empty unless Duplicate
	Source    Source   // which side is likely the original, when the texts tell
}

// ShareA returns how much of A is found in B: the larger of A's coverage and containment.
func (r *Result) ShareA() float64 { return max(r.CoverageA, r.ContainmentA) }

// ShareB returns how much of B is found in A.
func (r *Result) ShareB() float64 { return max(r.CoverageB, r.ContainmentB) }

// Verifier measures pairs of sketches. It keeps scratch buffers between calls, so it is not safe
// for concurrent use: give each goroutine its own. The zero value is not usable; call New.
type Verifier struct {
	p Params
	w *Weights // document frequencies' weights; nil weighs every term 1

	shA        shingle.Set // the shingle set of the first document
	shAQuoted  shingle.Set // the shingles of the first document inside quotation marks
	scratch    shingle.Set // for counting a document's distinct shingles
	docA, docB *prepared   // the preparations of the pair measured
	ownA, ownB prepared    // where they are made without a cache
	cache      docCache
	postings   []uint64   // scratch of the sentences' postings (see sentencePostings)
	setScratch setScratch // scratch of the sentence sets (see sentences.build)
	counts     []uint64   // per-B-sentence shared words for one A sentence, all<<32 | numbers left out (see tally)
	weights    []float32  // the same, weighted
	touched    []int32    // B sentences with non-zero counts: touched[:nTouched] (see tally)
	nTouched   int        // the sentences noted in touched
	perA       []int32    // scratch of matchFromA: the matches of each sentence of A
	terms      termMap    // the terms the pair aligned last shares, by id (see align)
	slots      []uint64   // scratch of otherNames: a word of B<<32 | the place of a name after it
	matches    []match
	runs       runTable       // of the sketch runsAOf
	runsAOf    *sketch.Sketch // nil before the first run is measured
	runDiag    []runCell      // scratch of longestRun
	chain      chainScratch   // scratch of the heaviest chain of matches
	colA, colB map[uint32]int // scratch of otherIssue's columnValues
	figA, figB []uint32       // scratch of otherFigures: the figures of each document, sorted
	// aligned is the alignment of the pair measured last, alignedA and alignedB (nil when the
	// last measurement aligned nothing), for Passages to reuse.
	aligned            []Alignment
	alignedA, alignedB *sketch.Sketch
}

// New returns a Verifier with the given parameters.
func New(p Params) (*Verifier, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return &Verifier{p: p}, nil
}

// Params returns the verifier's parameters.
func (v *Verifier) Params() Params { return v.p }

// SetWeights makes w the weights of the DF-weighted measures of the following verifications
// (nil: every term weighs 1). A scan sets the weights of its corpus, dedupe check those of the
// index's archive.
func (v *Verifier) SetWeights(w *Weights) {
	v.w = w
	v.runsAOf = nil
	// Sentence sets hold their words' weights.
	v.ownA.hasSets, v.ownA.hasPosts, v.ownB.hasSets, v.ownB.hasPosts = false, false, false, false
	v.cache.clear()
}

// CacheDocuments makes the Verifier keep what it works out from each document alone (its
// shingles, its sentences' word sets and their posting list) for up to terms content words in
// all, so that a document compared with several others is prepared once: a scan meets most
// documents in several pairs, and preparing them was most of the time it spent verifying. When
// full, the cache evicts the document needed furthest ahead where the caller says when it needs
// each (VerifyEachPlanned), else the least recently used one. Documents are known by their sketches' addresses: a sketch must
// not change while the Verifier may hold it, until CacheDocuments(0) empties the cache. Zero,
// the default, prepares every document again for each pair, as a caller whose sketches change
// between calls needs.
func (v *Verifier) CacheDocuments(terms int) {
	v.cache.clear()
	v.cache.limit = terms
	if terms > 0 && v.cache.byDoc == nil {
		v.cache.byDoc = make(map[*sketch.Sketch]*prepared)
	}
}

// prepare returns the preparation of sk, from the cache if it holds it, else made now in own
// (without a cache) or in the cache, evicting any preparation but keep; a cached preparation is
// due next at due (see docCache). made reports that it was made now: v.scratch then holds sk's
// shingles.
func (v *Verifier) prepare(sk *sketch.Sketch, own, keep *prepared, due int) (p *prepared, made bool) {
	if v.cache.limit == 0 {
		own.reset(sk, v.p.ShingleSize, &v.scratch)
		return own, true
	}
	if p := v.cache.get(sk, due); p != nil {
		return p, false
	}
	p = v.cache.add(sk, keep, due)
	p.reset(sk, v.p.ShingleSize, &v.scratch)
	return p, true
}

// Verify measures a and b and decides. When the pair cannot pass the first gate of
// [Params.Scored] (its shingle containment is below MinEvidence, no streak of shared shingles
// leaves room for a run of MinRun words, and the texts differ) it returns before aligning
// sentences, with the coverages, the run, AlignedSentences and Score left zero; and when
// the aligned sentences leave the pair no duplicate whatever its runs, it does not measure
// them (the run and Score left zero). Use Explain for every figure and the aligned sentences
// themselves. Empty sketches are never duplicates. Verify cannot be cancelled:
// the bounds on repeated text keep one pair to well under a second for documents of a few
// megabytes; VerifyEach and Explain take a context for larger work.
func (v *Verifier) Verify(a, b *sketch.Sketch) Result {
	if !First(a, b) {
		r := v.Verify(b, a)
		r.Swap()
		return r
	}
	v.load(a, v.cache.recent())
	r, _ := v.measure(context.Background(), a, b, v.cache.recent(), false)
	return r
}

// Explain is Verify that always aligns the sentences and lists them in Aligned, freshly
// allocated and owned by the caller, for showing people why a pair is or is not a duplicate.
// It returns ctx.Err() if ctx is cancelled before it is done.
func (v *Verifier) Explain(ctx context.Context, a, b *sketch.Sketch) (Result, error) {
	if !First(a, b) {
		r, err := v.Explain(ctx, b, a)
		r.Swap()
		return r, err
	}
	v.load(a, v.cache.recent())
	return v.measure(ctx, a, b, v.cache.recent(), true)
}

// VerifyEach verifies a against each sketch of bs in turn, as Verify(a, bs[i]) would, and calls
// fn with i and the result. It works out what depends on a alone once: a scan verifies each
// document against all its candidates so, and gives it pairs in First's order; a pair in the
// other order is measured as Verify measures it, a's preparation then made again. When ctx is cancelled it returns ctx.Err() within
// milliseconds, even inside the alignment of two large documents, without calling fn for the
// pair it was measuring. A Verifier that caches documents (see CacheDocuments) evicts the
// least recently used first.
func (v *Verifier) VerifyEach(ctx context.Context, a *sketch.Sketch, bs []*sketch.Sketch, fn func(i int, r Result)) error {
	return v.verifyEach(ctx, a, v.cache.recent(), bs, nil, fn)
}

// VerifyEachPlanned is VerifyEach for a caller that knows when it will need each document
// again: after this call, a at nextA and bs[i] at nextB[i], in a count of the caller's that
// only grows from call to call (a scan counts the runs of candidates it verifies), math.MaxInt
// for never. A Verifier that caches documents (see CacheDocuments) then evicts the document
// needed furthest ahead: in the scan of the 59,433 articles cut from the chronam-1916 pages,
// evicting the least recently used, two workers shingled 18.4 million content words for
// 98,158 pairs of documents holding 7.4 million, and built sentence sets for 10.2 million;
// evicting those needed furthest ahead, 13.4 and 7.2 million (counted in a patched build).
func (v *Verifier) VerifyEachPlanned(ctx context.Context, a *sketch.Sketch, nextA int, bs []*sketch.Sketch, nextB []int, fn func(i int, r Result)) error {
	return v.verifyEach(ctx, a, nextA, bs, nextB, fn)
}

// verifyEach is VerifyEach with a due next at dueA and each of bs at dueB[i], or, with dueB
// nil, as the least recently used.
func (v *Verifier) verifyEach(ctx context.Context, a *sketch.Sketch, dueA int, bs []*sketch.Sketch, dueB []int, fn func(i int, r Result)) error {
	v.load(a, dueA)
	for i, b := range bs {
		var due int
		if dueB != nil {
			due = dueB[i]
		} else {
			due = v.cache.recent()
		}
		if !First(a, b) {
			v.load(b, due)
			r, err := v.measure(ctx, b, a, dueA, false)
			if err != nil {
				return err
			}
			r.Swap()
			fn(i, r)
			v.load(a, dueA)
			continue
		}
		r, err := v.measure(ctx, a, b, due, false)
		if err != nil {
			return err
		}
		fn(i, r)
	}
	return nil
}

// load makes a the first sketch of the following measurements, due next at due: its shingle
// set is built now, its sentence sets when an alignment first needs them.
func (v *Verifier) load(a *sketch.Sketch, due int) {
	var made bool
	v.docA, made = v.prepare(a, &v.ownA, nil, due)
	if made { // the set that found a's distinct shingles is a's shingle set
		v.shA, v.scratch = v.scratch, v.shA
	} else {
		v.shA.Reset(v.docA.distinct)
		for _, h := range v.docA.seq {
			v.shA.Add(h)
		}
	}
	v.quotedShingles(a)
	v.runsAOf = nil
}

// quotedShingles makes v.shAQuoted the set of the shingles of a, the first document, that lie
// inside quotation marks (see sharedShingles).
func (v *Verifier) quotedShingles(a *sketch.Sketch) {
	k, n := v.p.ShingleSize, 0
	for j := range v.docA.seq {
		if quotedShingle(a, j, k) {
			n++
		}
	}
	v.shAQuoted.Reset(n)
	if n == 0 {
		return // most articles quote nothing
	}
	for j, h := range v.docA.seq {
		if quotedShingle(a, j, k) {
			v.shAQuoted.Add(h)
		}
	}
}

// quotedShingle reports whether the shingle of s at place j, of k terms, lies inside
// quotation marks: its first and last terms do.
func quotedShingle(s *sketch.Sketch, j, k int) bool { return s.IsQuoted(j) && s.IsQuoted(j+k-1) }

// measure verifies a, loaded, against b, due next at due. It fails only when ctx is cancelled;
// the alignment and the longest run check ctx as they go, as either may take seconds on
// documents of many megabytes.
func (v *Verifier) measure(ctx context.Context, a, b *sketch.Sketch, due int, full bool) (Result, error) {
	var r Result
	v.alignedA, v.alignedB = nil, nil
	if err := ctx.Err(); err != nil {
		return r, err
	}
	if len(a.Terms) == 0 || len(b.Terms) == 0 {
		return r, nil
	}
	v.docB, _ = v.prepare(b, &v.ownB, v.docA, due)
	shared, sharedWords, reach := v.sharedShingles(v.docB)
	inter := float64(shared)
	// runPossible: the shingles leave room for a run of MinRun words (see sharedShingles).
	runPossible := reach >= v.p.MinRun
	na, nb := float64(v.shA.Len()), float64(v.docB.distinct)
	r.Jaccard = inter / (na + nb - inter)
	r.ContainmentA = inter / na
	r.ContainmentB = inter / nb
	r.Containment = max(r.ContainmentA, r.ContainmentB)
	if r.Containment < v.p.MinEvidence && !runPossible && a.Digest != b.Digest && !full {
		// The pair cannot pass the first gate of Params.Scored: too few shared shingles, and no
		// streak of them long enough for a run of MinRun words. Skip the alignment, the costly
		// part: most LSH candidates of a large corpus end here.
		return r, nil
	}

	if err := v.align(ctx, a, b, &r, full); err != nil {
		return Result{}, err
	}
	if !full && v.noDuplicateWithRun(a, b, &r, sharedWords, reach) {
		return r, nil
	}
	if err := v.measureRun(ctx, a, b, &r); err != nil {
		return Result{}, err
	}
	r.Copied = max(r.Copied, sharedWords, float64(r.SkippingRun)) // align set the aligned sentences' share
	r.OtherFiguresA, r.OtherFiguresB = v.otherFigures(a, b)
	exact := a.Digest == b.Digest
	r.Score = DefaultModel.Score(r.Evidence())
	r.Duplicate = exact || v.p.Scored(&r) && r.Score >= v.p.MinScore && (!v.p.strict() || v.p.Unstrict(&r) == "")
	if !r.Duplicate {
		return r, nil
	}
	shareA, shareB := r.ShareA(), r.ShareB()
	switch {
	case exact:
		r.Relation, r.Score = Exact, 1
	case r.Jaccard >= v.p.NearExact:
		r.Relation = NearExact
	case min(shareA, shareB) < v.p.PartialBelow:
		r.Relation = Partial
		// The side less covered holds more than the other took from it: it is the source.
		if shareA < shareB {
			r.Source = SourceA
		} else {
			r.Source = SourceB
		}
	default:
		r.Relation = Rewrite
	}
	return r, nil
}

// figuresOnly reports whether the k terms of s from place j are all numbers.
func figuresOnly(s *sketch.Sketch, j, k int) bool {
	for _, t := range s.Terms[j:min(j+k, len(s.Terms))] {
		if !sketch.IsNumber(t) {
			return false
		}
	}
	return true
}

// noDuplicateWithRun reports whether a and b, aligned in r, are no duplicate whatever the
// runs measureRun would find, so that it need not look: runs of up to reach words (see
// sharedShingles), the most they can be, and each word of weight 1, the most a word weighs,
// leave the pair unscored (Params.Scored) or its score below MinScore. Every gate and every
// feature of the score takes a longer run as more evidence of copying, the run's features and
// Copied with positive coefficients, so a pair that fails with the longest runs fails with its
// own; the score must fall short by a margin far above rounding. It also makes sure that
// measureRun would not have reached the bound on repeated text, which Result.Capped reports
// for every pair: no term of a has more places than a lookup visits. Of the 98,158 candidates
// of the articles cut from the chronam-1916 pages, 58,203 are aligned and 32,853 of those are
// no duplicates; 26,527 of them end here, and the longest run was a fifth of the time
// spent verifying.
func (v *Verifier) noDuplicateWithRun(a, b *sketch.Sketch, r *Result, sharedWords float64, reach int) bool {
	if a.Digest == b.Digest {
		return false
	}
	// reach bounds the runs that hold a shingle; a run of fewer words than a shingle holds
	// none.
	run := max(reach, v.p.ShingleSize-1)
	most := *r
	most.LongestRun, most.SkippingRun, most.RunWeight = run, run, float64(run)
	most.Copied = max(r.Copied, sharedWords, float64(run))
	if v.p.Scored(&most) && DefaultModel.Score(most.Evidence()) >= v.p.MinScore-scoreMargin {
		return false
	}
	// A term of a has no more places outside quotations than occurrences.
	setsA := v.sentenceSets(v.docA)
	return setsA.most <= v.p.MaxOccurrences || v.runIndex(a, setsA).places.most <= uint32(v.p.MaxOccurrences)
}

// scoreMargin is how far below MinScore the score of a pair's greatest evidence must fall
// for noDuplicateWithRun: rounding moves a score by 1e-16 or so.
const scoreMargin = 1e-9

// sharedShingles returns the size of the intersection of b's shingles with the loaded set of
// a, v.shA, and the same count in words (see [Sketch.WordEquivalents]): a
// shingle that starts with a unit of a script written without spaces counts half. A shingle
// of numbers alone is left out of both: the small figures of a table ("1 0", "0 2") are in
// every table, as they count for nothing in runs (see longestRun).
//
// It also returns reach, a bound on the longest run (see longestRun) from the streaks of
// consecutive shingles of b found in a, outside quotations, so that a pair without room for a
// run of MinRun words is not measured. A run of n content words shared word for word holds
// n-k+1 consecutive shingles of size k. A run that skips words (see skippable) is segments of
// at least k terms (minSegmentWords), each a streak of shingles, with at most k shingles
// missing between two, but for its last segment, which may be shorter than k terms and hold no
// shingle. So reach is the most terms of such a chain of streaks, plus k-1 for the last
// segment. Terms are counted in full, units of scripts without spaces too: an upper bound on
// the run in words.
func (v *Verifier) sharedShingles(pb *prepared) (shared int, words float64, reach int) {
	b := pb.sk
	k := v.p.ShingleSize
	chain, streak, missing := 0, 0, 0
	for j, h := range pb.seq {
		in := v.shA.Has(h)
		if pb.first[j] && in && !figuresOnly(b, j, k) {
			shared++
			// A shingle inside quotation marks on either side counts half in the words
			// copied, as shared quotations do in the aligned sentences (see align): reporters
			// who heard the same words quote them alike. Counted whole, a court's words quoted
			// by two reports made them copies by the shingles' count where the alignment
			// counted them half: on the chronam dev set two false positives fewer, no copy lost.
			w := wordShare(b, j)
			if quotedShingle(b, j, k) || v.shAQuoted.Has(h) {
				w /= 2
			}
			words += w
		}
		// Shingle j starts at term j; a quoted term in it breaks a run of narration.
		if !in || b.IsQuoted(j) || b.IsQuoted(j+k-1) {
			streak, missing = 0, missing+1
			if missing > k {
				chain = 0
			}
			continue
		}
		switch {
		case streak > 0:
			chain++
		case chain > 0: // a new segment after a skipped word
			chain += k
		default:
			chain = k
		}
		streak, missing = streak+1, 0
		reach = max(reach, chain+k-1)
	}
	return shared, words, reach
}

// wordShare returns what term i of s counts for in words: 1/2 for a unit of a script written
// without spaces, 1 for a word (see [Sketch.WordEquivalents]).
func wordShare(s *sketch.Sketch, i int) float64 {
	if s.IsUnit(i) {
		return 0.5
	}
	return 1
}
