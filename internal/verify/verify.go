// Package verify decides whether two documents are copies of one another, and explains why.
//
// Candidate pairs come from MinHash/LSH, which only estimates how many word shingles two
// documents share. That figure alone cannot tell a rewrite from independent coverage of the same
// event: a paraphrase or a spun copy ("talks" -> "addresses") keeps only 5-20% of the original's
// shingles, while two outlets covering one event share names, numbers and quotes and so 1-5%.
// What separates them is structure: most sentences of a copy map, in order, onto sentences of
// the original, even where their words were swapped.
//
// # Measures
//
// For a pair of sketches the verifier computes:
//
//   - Jaccard |A∩B|/|A∪B| and containment |A∩B|/|A|, |A∩B|/|B| of the content-word k-shingles
//     (stop words removed, stemmed), exact, not estimated;
//   - a sentence alignment: two sentences match when the Dice coefficient 2|a∩b|/(|a|+|b|) of
//     their content-word sets reaches Params.SentenceSimilarity and they share at least two words
//     that are not numbers (a figure and a word in common is chance in a table).
//     Among the matches, the heaviest chain increasing in both documents (weighted by sentence
//     length, found as a weighted longest increasing subsequence in O(m log m) for m matches) is
//     the alignment. Aligned sentences that both hold numbers and share none of them are the same
//     template with other figures, not copied sentences: they are left out of the coverage.
//     Aligned sentences that are mostly quotation on both sides are shared quotes, which
//     reporters who heard the same words write alike: they count half. The coverage is each
//     side's share of content words in the counted aligned sentences;
//   - the longest run of content words of narration the two share word for word, in order
//     (LongestRun; quoted words break runs): the evidence that separates copies from templates
//     best on real archives.
//
// Runs, shared shingles and copied words are counted in words (see
// [sketch.Sketch.WordEquivalents]): a unit of a script written without spaces, an overlapping
// character bigram, counts half a word. Counted one per unit, the evidence of Chinese, Japanese
// or Thai text was that of a text twice or more as long in words, and an independent Thai
// report of the same flood, sharing place names, was scored a copy.
//
// # Bounds on repeated text
//
// Both the alignment and the longest run look words up in the other document's posting list.
// A text that repeats itself (one article pasted two thousand times, a JSONL record of the same
// paragraph) makes every lookup return thousands of places and every sentence match thousands
// of sentences: without a bound, memory and time grow with the product of the two documents'
// sizes (two 5.3 MB files took 2.7 GB and a minute). So:
//
//   - a lookup visits at most Params.MaxOccurrences (128) places of a word, those nearest the
//     diagonal, the place in the other document proportional to the place in this one; a word
//     found more often than that in the other document is counted only there;
//   - each sentence of A keeps at most Params.MaxSentenceMatches (32) matches, those nearest
//     the diagonal:
//     a text repeated in both then still aligns copy with copy, where keeping the most similar
//     could keep only copies of one sentence from far-off copies of the text, which no
//     in-order chain can use.
//
// Memory is then linear in the documents' sizes (at most 32 matches of 24 bytes per sentence)
// and time linear times a constant. Ordinary articles stay below both bounds, which therefore
// change no result of theirs: on the seeds, the Clough-Stevenson corpus, a generated corpus of
// 10,000 articles and the chronam dev set, no sentence matched more than 12 of the other
// document's, and no word was looked up more than 128 times (the generated corpus has names
// that recur over 64 times in one article). A pair that reaches a bound reports it in
// Result.Capped: its coverage and longest run may then be below the unbounded figures.
//
// # Weighting by document frequency
//
// A word common in the corpus being scanned (a beat's stock phrases, the frame of a weather
// report or a market table, a paper's standing lines) says little about copying; a rare one
// (a name, an unusual phrase) says much. The scan counts in how many of its documents each
// content word occurs, after boilerplate removal ([DocFreq]); dedupe check reads the counts of
// the archive from the index; dedupe compare reads them from an index given with --index and
// otherwise weighs every word 1. A word in df of n documents weighs ln(1 + n/df) / ln(1 + n)
// ([Weights]): 1 for a word of one document, 0.5 or less for a word of a fifth of them. The
// verifier weighs with them:
//
//   - the sentence similarity (Alignment.WeightedSimilarity): Dice with each word's weight;
//   - the coverage (Result.WeightedCoverageA, WeightedCoverageB): the weight, not the number,
//     of the content words in counted aligned sentences, over the document's;
//   - the longest run (Result.RunWeight): the weight of the heaviest shared run.
//
// Which sentences align does not depend on the weights (Params.SentenceSimilarity is
// unweighted Dice): the weighted figures are evidence for the score, next to the unweighted.
//
// # Decision rule
//
// A pair is a duplicate when the normalised texts are equal (exact), or when it passes the
// gates of [Params.Scored] (some containment or a long run, MinCopied content words copied, no
// more template sentences than copied ones) and its score reaches Params.MinScore.
//
// The score is one number in (0, 1), the probability of a copy under a logistic model of the
// evidence ([Model], [DefaultModel]): coverage and DF-weighted coverage of the copy, shingle
// containment, the longest run and its weight, the shares of template and quoted sentences
// among the aligned, and the number of copied words ([Result.Evidence]). dedupe compare shows
// each feature and its contribution to the log-odds. The coefficients were fitted by
// tools/fitscore on the labelled chronam-1916 dev set (testdata/chronam) and the Clough &
// Stevenson pairs, and cross-validated by article on the dev set: docs/algorithm.md has the
// figures. The score means the same in scan, check and compare: the same model on the same
// figures, with the weights of the corpus at hand.
package verify

import (
	"cmp"
	"context"
	"slices"

	"github.com/dedupe-dev/dedupe/internal/param"
	"github.com/dedupe-dev/dedupe/internal/shingle"
	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// Params holds the verifier's thresholds. DefaultParams gives the tuned defaults; Specs
// describes each one.
type Params struct {
	ShingleSize        int     // words per content-word shingle
	SentenceSimilarity float64 // Dice similarity at which two sentences match
	MinScore           float64 // score from which a pair is a duplicate
	MinEvidence        float64 // shingle containment for a pair to be scored, unless its run reaches MinRun
	NearExact          float64 // shingle Jaccard from which a pair is near_exact
	PartialBelow       float64 // a pair is partial when the less-covered side is below this share
	MinRun             int     // longest shared run of content words for a pair to be scored, unless its containment reaches MinEvidence
	MinCopied          int     // content words a non-exact duplicate must have copied, at least
	MaxOccurrences     int     // places of a word one lookup visits: a bound on repeated text
	MaxSentenceMatches int     // matches kept for one sentence of A: a bound on repeated text
}

// Specs describes every field of Params: its flag, its key in the recorded params, its default
// and its range. A new threshold is a field of Params and a row here; the flags, the JSON
// params, the HTML report, dedupe-beam's flags and docs/parameters.md follow from the row.
var Specs = param.Table{
	{Field: "ShingleSize", Flag: "shingle-size", Key: "shingle_size", Name: "Content words per shingle",
		Default: 2, Range: "[1, ∞)", Help: "content words per shingle (`k`)"},
	{Field: "SentenceSimilarity", Flag: "sentence-similarity", Key: "sentence_similarity", Name: "Sentence similarity",
		Default: 0.33, Range: "(0, 1]", Help: "Dice similarity at which two sentences align (`s`)"},
	{Field: "MinScore", Flag: "min-score", Key: "min_score", Name: "Score for a duplicate",
		Default: 0.6, Range: "[0, 1]", Help: "score (the model's probability of a copy) from which a pair is a duplicate (`s`)"},
	{Field: "MinEvidence", Flag: "min-evidence", Key: "min_evidence", Name: "Containment to be scored",
		Default: 0.1, Range: "[0, 1]", Help: "shingle containment for a pair to be scored, unless its longest run reaches --min-run (`s`)"},
	{Field: "NearExact", Flag: "near-exact", Key: "near_exact", Name: "Jaccard for near exact",
		Default: 0.8, Range: "[0, 1]", Help: "shingle Jaccard from which a pair is near_exact (`s`)"},
	{Field: "PartialBelow", Flag: "partial-below", Key: "partial_below", Name: "Share below which a copy is partial",
		Default: 0.5, Range: "[0, 1]", Help: "a duplicate is partial when the less-found side has less than this share in the other (`s`)"},
	{Field: "MinRun", Flag: "min-run", Key: "min_run", Name: "Shared run to be scored",
		Default: 9, Range: "[1, ∞)", Help: "longest run of content words shared word for word for a pair to be scored, unless its containment reaches --min-evidence (`n`)"},
	{Field: "MinCopied", Flag: "min-copied", Key: "min_copied", Name: "Copied content words",
		Default: 20, Range: "[0, ∞)", Help: "content words a duplicate that is not exact must have copied, about twice as many words (`n`)"},
	// The bounds on repeated text are not recorded: ordinary articles never reach them, and a
	// pair that does is reported as bounded where it is reported.
	{Field: "MaxOccurrences", Flag: "max-occurrences", Key: "max_occurrences", Name: "Places of a word looked up",
		Default: 128, Range: "[1, ∞)", Help: "places of one word a lookup visits, those nearest the same relative place: a bound on repeated text (`n`)"},
	{Field: "MaxSentenceMatches", Flag: "max-sentence-matches", Key: "max_sentence_matches", Name: "Matches kept per sentence",
		Default: 32, Range: "[1, ∞)", Help: "matching sentences kept for one sentence, those nearest the same relative place: a bound on repeated text (`n`)"},
}

// DefaultParams returns the defaults used by dedupe scan, check and compare, those of Specs.
func DefaultParams() Params {
	var p Params
	Specs.SetDefaults(&p)
	return p
}

// Validate reports the first parameter that is outside its range in Specs, by its flag.
func (p Params) Validate() error { return Specs.Validate(&p) }

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
	// with other figures, as two days' market or weather reports have, not a copied sentence.
	Template bool
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
	// TemplateSentences those left out because their figures differ (see Alignment.Template);
	// Aligned lists both, but only in a result of Explain: a scan keeps a result per duplicate
	// pair and needs only the counts.
	AlignedSentences  int
	TemplateSentences int
	QuotedSentences   int // aligned, but quotations on both sides: not counted as copied
	Aligned           []Alignment
	// LongestRun is the longest run of content words the two texts share word for word, in
	// order (see longestRun), in words: units of scripts without spaces count half, rounded
	// down; zero where the alignment was skipped.
	LongestRun int
	// RunWeight is the greatest weight of a run of content words the two share word for word,
	// each word weighted by its document frequency (see Weights), units at half weight: as many
	// as LongestRun (before rounding) where every word weighs 1.
	RunWeight float64
	// Capped reports that the alignment or the longest run reached a bound on repeated text
	// (see the package doc): CoverageA, CoverageB and LongestRun may be below the unbounded
	// figures.
	Capped bool
	// Copied is the number of content words the pair has copied, at most: the most of either
	// side's words in counted aligned sentences, the shared shingles and the longest run, in
	// words (units of scripts without spaces count half; see [sketch.Sketch.WordEquivalents]).
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

	seq          []uint64       // one document's shingles in text order
	shA, shB     shingle.Set    // the two documents' shingle sets
	setsA, setsB sentences      // per-sentence sorted word sets
	setsAOf      *sketch.Sketch // the sketch setsA was built for, nil before the first alignment
	postings     []uint64       // B's words with their sentence, word<<32 | sentence, sorted
	counts       []int32        // per-B-sentence shared-word counts for one A sentence
	weights      []float32      // the same, weighted
	wordCounts   []int32        // the same, numbers left out
	touched      []int32        // B sentences with non-zero counts
	matches      []match
	runsA        []uint64       // runPostings of the sketch runsAOf
	runsIndex    postingIndex   // of runsA
	postIndex    postingIndex   // of postings
	runsAOf      *sketch.Sketch // nil before the first run is measured
	runDiag      []runCell      // scratch of longestRun
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
	v.setsAOf, v.runsAOf = nil, nil
}

// Verify measures a and b and decides. When the pair cannot pass the first gate of
// [Params.Scored] (its shingle containment is below MinEvidence, no streak of shared shingles
// leaves room for a run of MinRun words, and the texts differ) it returns before aligning
// sentences, with the coverages, the run, AlignedSentences and Score left zero; use Explain for every figure and the
// aligned sentences themselves. Empty sketches are never duplicates. Verify cannot be cancelled:
// the bounds on repeated text keep one pair to well under a second for documents of a few
// megabytes; VerifyEach and Explain take a context for larger work.
func (v *Verifier) Verify(a, b *sketch.Sketch) Result {
	v.load(a)
	r, _ := v.measure(context.Background(), a, b, false)
	return r
}

// Explain is Verify that always aligns the sentences and lists them in Aligned, freshly
// allocated and owned by the caller, for showing people why a pair is or is not a duplicate.
// It returns ctx.Err() if ctx is cancelled before it is done.
func (v *Verifier) Explain(ctx context.Context, a, b *sketch.Sketch) (Result, error) {
	v.load(a)
	return v.measure(ctx, a, b, true)
}

// VerifyEach verifies a against each sketch of bs in turn, as Verify(a, bs[i]) would, and calls
// fn with i and the result. It works out what depends on a alone once: a scan verifies each
// document against all its candidates so. When ctx is cancelled it returns ctx.Err() within
// milliseconds, even inside the alignment of two large documents, without calling fn for the
// pair it was measuring.
func (v *Verifier) VerifyEach(ctx context.Context, a *sketch.Sketch, bs []*sketch.Sketch, fn func(i int, r Result)) error {
	v.load(a)
	for i, b := range bs {
		r, err := v.measure(ctx, a, b, false)
		if err != nil {
			return err
		}
		fn(i, r)
	}
	return nil
}

// load makes a the first sketch of the following measurements: its shingle set is built now,
// its sentence sets when an alignment first needs them.
func (v *Verifier) load(a *sketch.Sketch) {
	v.seq = a.ShingleSequence(v.seq, v.p.ShingleSize)
	v.shA.Unique(v.seq)
	v.setsAOf, v.runsAOf = nil, nil
}

// measure verifies a, loaded, against b. It fails only when ctx is cancelled; the alignment and
// the longest run check ctx as they go, as either may take seconds on documents of many
// megabytes.
func (v *Verifier) measure(ctx context.Context, a, b *sketch.Sketch, full bool) (Result, error) {
	var r Result
	if err := ctx.Err(); err != nil {
		return r, err
	}
	if len(a.Terms) == 0 || len(b.Terms) == 0 {
		return r, nil
	}
	shared, sharedWords, streak := v.sharedShingles(b)
	inter := float64(shared)
	// runPossible: the shingles leave room for a run of MinRun words (see sharedShingles).
	runPossible := streak >= v.p.MinRun-v.p.ShingleSize+1
	na, nb := float64(v.shA.Len()), float64(v.shB.Len())
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
	if err := v.measureRun(ctx, a, b, &r); err != nil {
		return Result{}, err
	}
	r.Copied = max(r.CoverageA*a.WordEquivalents(), r.CoverageB*b.WordEquivalents(), sharedWords, float64(r.LongestRun))
	exact := a.Digest == b.Digest
	r.Score = DefaultModel.Score(r.Evidence())
	r.Duplicate = exact || v.p.Scored(&r) && r.Score >= v.p.MinScore
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

// sharedShingles builds the shingle set of b in v.shB and returns the size of its intersection
// with the loaded set of a, v.shA, and the same count in words (see [Sketch.WordEquivalents]): a
// shingle that starts with a unit of a script written without spaces counts half.
//
// It also returns the longest streak of consecutive shingles of b found in a, outside
// quotations: a run of n content words of narration shared word for word holds n-k+1
// consecutive shingles of size k, so a short streak rules a long run out before it is measured.
// A streak of units counts each in full: it is an upper bound on the run in words too.
func (v *Verifier) sharedShingles(b *sketch.Sketch) (shared int, words float64, streak int) {
	v.seq = b.ShingleSequence(v.seq, v.p.ShingleSize)
	v.shB.Reset(len(v.seq))
	current := 0
	for j, h := range v.seq {
		in := v.shA.Has(h)
		if v.shB.Add(h) && in {
			shared++
			words += wordShare(b, j)
		}
		// Shingle j starts at term j; a quoted term in it breaks a run of narration.
		if in && !b.IsQuoted(j) && !b.IsQuoted(j+v.p.ShingleSize-1) {
			current++
			streak = max(streak, current)
		} else {
			current = 0
		}
	}
	return shared, words, streak
}

// wordShare returns what term i of s counts for in words: 1/2 for a unit of a script written
// without spaces, 1 for a word (see [Sketch.WordEquivalents]).
func wordShare(s *sketch.Sketch, i int) float64 {
	if s.IsUnit(i) {
		return 0.5
	}
	return 1
}

// measureRun sets r.LongestRun, and r.Capped when the run reached a bound on repeated text,
// building the posting list of a's terms once for all the sketches a is compared with. It
// fails only when ctx is cancelled.
func (v *Verifier) measureRun(ctx context.Context, a, b *sketch.Sketch, r *Result) error {
	if v.runsAOf != a {
		v.runsA, v.runsAOf = runPostings(v.runsA, a), a
		v.runsIndex.build(v.runsA)
	}
	run, heaviest, cut, err := longestRun(ctx, v.runsA, &v.runsIndex, a, b, v.w, v.p.MaxOccurrences, &v.runDiag)
	if err != nil {
		return err
	}
	r.LongestRun, r.RunWeight, r.Capped = run, heaviest, r.Capped || cut
	return nil
}

// sentences stores sorted, de-duplicated word sets of sentences in one buffer.
type sentences struct {
	words  []uint32
	wts    []float32 // the weight of each of words
	ends   []int32   // end offset in words of each sentence's set
	size   []int32   // content words of each sentence, duplicates included
	weight []float32 // their weight, duplicates included
	setWt  []float32 // the weight of each sentence's set: each word once
	total  float32   // the weight of the document's content words
}

func (s *sentences) set(i int) []uint32 {
	start := int32(0)
	if i > 0 {
		start = s.ends[i-1]
	}
	return s.words[start:s.ends[i]]
}

// weights returns the weights of the words of set(i), in the same order.
func (s *sentences) weights(i int) []float32 {
	start := int32(0)
	if i > 0 {
		start = s.ends[i-1]
	}
	return s.wts[start:s.ends[i]]
}

func (s *sentences) build(sk *sketch.Sketch, w *Weights) {
	s.words, s.wts, s.ends, s.size = s.words[:0], s.wts[:0], s.ends[:0], s.size[:0]
	s.weight, s.setWt, s.total = s.weight[:0], s.setWt[:0], 0
	for i := range sk.Sentences() {
		sent := sk.Sentence(i)
		start := len(s.words)
		s.words = append(s.words, sent...)
		sorted := s.words[start:]
		slices.Sort(sorted)
		// Each distinct word once, its weight looked up once and counted as often as it occurs.
		var all, distinct float32
		n := start
		for k := 0; k < len(sorted); {
			t, run := sorted[k], 1
			for k+run < len(sorted) && sorted[k+run] == t {
				run++
			}
			wt := w.Of(t)
			s.words[n] = t
			s.wts = append(s.wts, wt)
			all += wt * float32(run)
			distinct += wt
			n++
			k += run
		}
		s.words = s.words[:n]
		s.ends = append(s.ends, int32(n))
		s.size = append(s.size, int32(len(sent)))
		s.weight = append(s.weight, all)
		s.setWt = append(s.setWt, distinct)
		s.total += all
	}
}

type match struct {
	a, b   int32
	weight int32
	sim    float64 // Dice similarity
	wsim   float64 // DF-weighted Dice similarity
}

// checkEvery is how many sentences (align) or words (longestRun) pass between two checks of the
// context: a few milliseconds of work.
const checkEvery = 1 << 10

// align finds the matching sentences of a and b and the heaviest in-order chain of them, and
// lists the chain in r.Aligned when list is set. It fails only when ctx is cancelled.
func (v *Verifier) align(ctx context.Context, a, b *sketch.Sketch, r *Result, list bool) error {
	if v.setsAOf != a {
		v.setsA.build(a, v.w)
		v.setsAOf = a
	}
	v.setsB.build(b, v.w)
	na, nb := a.Sentences(), b.Sentences()
	v.postings = v.postings[:0]
	for j := range nb {
		for _, w := range v.setsB.set(j) {
			v.postings = append(v.postings, uint64(w)<<32|uint64(j))
		}
	}
	slices.Sort(v.postings)
	v.postIndex.build(v.postings)
	if cap(v.counts) < nb {
		v.counts = make([]int32, nb)
		v.wordCounts = make([]int32, nb)
		v.weights = make([]float32, nb)
	}
	counts, wordCounts, weights := v.counts[:nb], v.wordCounts[:nb], v.weights[:nb]

	v.matches = v.matches[:0]
	for i := range na {
		if i%checkEvery == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		setA, wtsA := v.setsA.set(i), v.setsA.weights(i)
		if len(setA) < 2 {
			continue
		}
		near := diagonal(i, na, nb)
		v.touched = v.touched[:0]
		for x, w := range setA {
			lo := v.postIndex.start(w)
			if lo < 0 {
				continue
			}
			lo, hi, cut := occurrences(v.postings, lo, w, near, v.p.MaxOccurrences)
			r.Capped = r.Capped || cut
			for k := lo; k < hi && uint32(v.postings[k]>>32) == w; k++ {
				j := int32(v.postings[k])
				if counts[j] == 0 {
					v.touched = append(v.touched, j)
				}
				counts[j]++
				weights[j] += wtsA[x]
				if !sketch.IsNumber(w) {
					wordCounts[j]++
				}
			}
		}
		first := len(v.matches)
		for _, j := range v.touched {
			shared, words, wshared := counts[j], wordCounts[j], weights[j]
			counts[j], wordCounts[j], weights[j] = 0, 0, 0
			if words < 2 {
				continue // a figure and a word in common ("City 1") is chance, not a copied sentence
			}
			sim := 2 * float64(shared) / float64(len(setA)+len(v.setsB.set(int(j))))
			if sim >= v.p.SentenceSimilarity {
				wsim := 2 * float64(wshared) / float64(v.setsA.setWt[i]+v.setsB.setWt[j])
				v.matches = append(v.matches, match{a: int32(i), b: j, weight: v.setsA.size[i] + v.setsB.size[j], sim: sim, wsim: wsim})
			}
		}
		if keep := v.p.MaxSentenceMatches; len(v.matches)-first > keep {
			slices.SortFunc(v.matches[first:], func(x, y match) int {
				return cmp.Or(cmp.Compare(distance(x.b, near), distance(y.b, near)),
					cmp.Compare(y.sim, x.sim), cmp.Compare(x.b, y.b))
			})
			v.matches = v.matches[:first+keep]
			r.Capped = true
		}
	}
	chain := heaviestChain(v.matches, nb)
	if len(chain) == 0 {
		return nil
	}
	if list {
		r.Aligned = make([]Alignment, len(chain))
	}
	var wordsA, wordsB int32
	var weightA, weightB float32
	for k, m := range chain {
		template := templateInstance(v.setsA.set(int(m.a)), v.setsB.set(int(m.b)))
		if list {
			r.Aligned[k] = Alignment{A: int(m.a), B: int(m.b), Similarity: m.sim, WeightedSimilarity: m.wsim, Template: template}
		}
		if template {
			r.TemplateSentences++
			continue
		}
		if quoted(a, int(m.a)) && quoted(b, int(m.b)) {
			// Half weight: a shared quotation says less than shared narration, though a copy
			// keeps its quotations too.
			r.QuotedSentences++
			if list {
				r.Aligned[k].Quoted = true
			}
			wordsA += v.setsA.size[m.a] / 2
			wordsB += v.setsB.size[m.b] / 2
			weightA += v.setsA.weight[m.a] / 2
			weightB += v.setsB.weight[m.b] / 2
			continue
		}
		r.AlignedSentences++
		wordsA += v.setsA.size[m.a]
		wordsB += v.setsB.size[m.b]
		weightA += v.setsA.weight[m.a]
		weightB += v.setsB.weight[m.b]
	}
	r.CoverageA = float64(wordsA) / float64(len(a.Terms))
	r.CoverageB = float64(wordsB) / float64(len(b.Terms))
	r.WeightedCoverageA = min(float64(weightA/v.setsA.total), 1)
	r.WeightedCoverageB = min(float64(weightB/v.setsB.total), 1)
	return nil
}

// diagonal returns the place of the other document, of m places, proportional to place i of
// one of n places: where a copy of place i would be if both documents were copies throughout.
func diagonal(i, n, m int) int {
	return int(int64(i) * int64(m) / int64(n))
}

// distance returns |j - d|.
func distance(j int32, d int) int {
	if int(j) < d {
		return d - int(j)
	}
	return int(j) - d
}

// templateInstance reports whether two aligned sentences, given as sorted sets of terms, are
// one template with other figures: both hold numbers and they share few of them. Numbers sort last
// (sketch.NumberBit), so each set's numbers are its tail. A writethru that updates one figure,
// or a copy that rounds one, keeps the other figures of the sentence or loses only that
// sentence; a template loses every sentence that carries figures. Sharing fewer than half of
// the smaller side's numbers counts as sharing none: tables share small numbers by chance.
func templateInstance(a, b []uint32) bool {
	na, _ := slices.BinarySearch(a, sketch.NumberBit)
	nb, _ := slices.BinarySearch(b, sketch.NumberBit)
	a, b = a[na:], b[nb:]
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	shared := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			shared++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return 2*shared < min(len(a), len(b))
}

// quoted reports whether most content words of sentence i of s stand inside quotation marks.
func quoted(s *sketch.Sketch, i int) bool {
	if s.Quoted == nil {
		return false
	}
	start := 0
	if i > 0 {
		start = int(s.Ends[i-1])
	}
	end, n := int(s.Ends[i]), 0
	for k := start; k < end; k++ {
		if s.IsQuoted(k) {
			n++
		}
	}
	return 2*n > end-start
}

// heaviestChain returns the matches, strictly increasing in both a and b, of greatest total
// weight. It is a weighted longest increasing subsequence: matches are taken in order of a, and
// a Fenwick tree over b answers "best chain ending before b" in O(log nb). Matches of one a are
// scored before any of them is inserted, so a chain never uses one sentence of a twice.
func heaviestChain(matches []match, nb int) []match {
	if len(matches) == 0 {
		return nil
	}
	slices.SortFunc(matches, func(x, y match) int {
		return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b))
	})
	type cell struct {
		total int64
		match int32 // index into matches of the chain's last match, -1 for none
	}
	tree := make([]cell, nb+1)
	for i := range tree {
		tree[i].match = -1
	}
	best := func(j int32) cell { // best chain among matches with b < j
		c := cell{match: -1}
		for k := int(j); k > 0; k -= k & -k {
			if tree[k].total > c.total {
				c = tree[k]
			}
		}
		return c
	}
	prev := make([]int32, len(matches))
	total := make([]int64, len(matches))
	end := cell{match: -1}
	for start := 0; start < len(matches); {
		stop := start
		for stop < len(matches) && matches[stop].a == matches[start].a {
			stop++
		}
		for k := start; k < stop; k++ {
			c := best(matches[k].b)
			prev[k] = c.match
			total[k] = c.total + int64(matches[k].weight)
		}
		for k := start; k < stop; k++ {
			for j := int(matches[k].b) + 1; j <= nb; j += j & -j {
				if total[k] > tree[j].total {
					tree[j] = cell{total[k], int32(k)}
				}
			}
			if total[k] > end.total {
				end = cell{total[k], int32(k)}
			}
		}
		start = stop
	}
	var chain []match
	for k := end.match; k >= 0; k = prev[k] {
		chain = append(chain, matches[k])
	}
	slices.Reverse(chain)
	return chain
}
