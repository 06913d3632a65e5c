package verify

import (
	"context"
	"slices"

	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// longestRun returns the length of the longest run of content words of narration that a and b
// share in the same order, word for word: the longest common substring of their term sequences
// outside quotation marks. It also returns skipping, the longest such run that may skip a
// garbled word here and there (see gapped).
//
// A copy keeps runs of its source's wording however much it was cut, reordered or re-headlined;
// a template (a weather report, a market table, an earnings statement) repeats its layout words
// but breaks every run at the figures and names that change; independent coverage shares names
// and a quote. A run of a dozen content words is rare by chance, which is why the longest run,
// alone, tells copies from templates better than any share of shared shingles. Quoted words
// break runs: reporters who heard the same speech quote the same words, so a shared quote is
// no evidence that one wrote from the other.
//
// OCR garbles words of old newspapers ("Router's" for "Reuter's", "wrlats" for "wrists", a
// stop word read as a content word), which cuts a copy's runs into pieces of a few words: on
// the chronam dev set, 58 of its 307 copies share no run of 6 words. So the skipping run may
// pass over one word that differs on both sides, or that only one side has, if it is a word of
// narration (skippable) that is not common in the corpus (Weights.rareWeight; OCR's
// misreadings are rare words, a paraphrase's substitutes common ones), after at least minSeg
// words matched since its last skip. It never skips a number or a quoted word: a template's
// figures still break its runs. Only the matched words count.
//
// Runs are found along the diagonals i-j of the match matrix, O(len(a)+len(b)+matches) given
// table, a's terms' places and pairs of consecutive terms (see runTable), where a match is a
// term of b at a place of a that lies within three terms after a pair of terms b and a share:
// every other match is a run of one word (see runTable). diag is a scratch buffer, grown as
// needed. A
// term found more than limit times in a (repeated text) is matched only at the limit places
// nearest the diagonal, which bounds the matches to limit·len(b); cut reports it, as a run
// elsewhere through that term is then missed. It fails only when ctx is cancelled.
//
// sa and sb are the sentence sets of a and b, for the weights and the ids of their terms,
// looked up once for each document rather than for each match; aOfB maps b's ids to a's
// (termMap), so that b's terms are found in table by id.
//
// heaviest is the greatest weight of a shared run, word for word ([Weights]; without weights
// every word weighs 1): a run of the corpus's common words ("the market closed", a weather
// report's frame) weighs less than one of as many rare words.
//
// All are measured in words: a unit of a script written without spaces counts half a word, and
// half its weight (see [sketch.Sketch.WordEquivalents]), so a run of 7 Thai or Chinese character
// bigrams, 8 characters, is a run of 3 words, not 7; best and skipping are rounded down. A
// number counts for nothing and weighs nothing, though it carries a run on: the small figures
// of a table recur in every table ("1 0 1 0 2 1 3" in the standings of any league), so two
// tables share runs of figures by chance, and a run that spans a header and the figures below
// it says no more than the header. Counted as words, they put 68 false pairs in clusters of
// the 104,000 generated articles of make bench (pair precision 0.9980), 26 of them two
// leagues' results and 31 two independent reports of one event; counted for nothing, 35 (2 and
// 22; 0.9990, no copy lost), and the labelled chronam-1916 pairs keep their verdicts but one
// (a false positive of the uniform sample, testdata/chronam-sample).
func longestRun(ctx context.Context, table *runTable, a, b *sketch.Sketch, sa, sb *sentences, aOfB []uint32, limit, minSeg int, diag *[]runCell) (best int, heaviest float64, skipping int, cut bool, err error) {
	na, nb := len(a.Terms), len(b.Terms)
	if na == 0 || nb == 0 {
		return 0, 0, 0, false, nil
	}
	// The heaviest run's weight is kept in 32 bits, as the cells keep it, and widened once:
	// the same maximum, without a conversion and the float64 max's tests a match.
	var heaviest32 float32
	ms := int32(minSeg)
	d := slices.Grow((*diag)[:0], na+nb)[:na+nb]
	*diag = d
	clear(d)
	lastPair := -runReach - 1 // the last place of b that starts a pair of terms a has too
	for j, t := range b.Terms {
		if j%checkEvery == 0 && ctx.Err() != nil {
			return 0, 0, 0, false, ctx.Err()
		}
		if b.IsQuoted(j) {
			continue
		}
		places := table.placesOf(aOfB[sb.termIDs[j]])
		if len(places) == 0 {
			continue
		}
		// A pair a has outside quotation marks is two terms a has there: the table is
		// probed only for those.
		if j+1 < nb && !b.IsQuoted(j+1) && len(table.placesOf(aOfB[sb.termIDs[j+1]])) > 0 && table.hasPair(t, b.Terms[j+1]) {
			lastPair = j
		}
		lo, hi, c := occurrences(places, diagonal(j, nb, na), limit)
		cut = cut || c
		wt, halves := sb.termWts[j], int32(2)
		switch {
		case sketch.IsNumber(t):
			wt, halves = 0, 0
		case b.IsUnit(j):
			wt, halves = wt/2, 1
		}
		if lastPair < j-runReach {
			// Every match of term j is a run of one word, whose cells no later match reads
			// (see runTable).
			best, skipping = max(best, int(halves)), max(skipping, int(halves))
			heaviest = max(heaviest, float64(wt))
			continue
		}
		if lo == hi {
			continue
		}
		// Each match of term j is a run of one word at least: the bounds take those runs here,
		// and in the loop only the runs that go on or skip a word.
		best, skipping = max(best, int(halves)), max(skipping, int(halves))
		heaviest32 = max(heaviest32, wt)
		skipB := skippable(b, sb, j-1)
		for _, i := range places[lo:hi] {
			x := int(i) - j + nb - 1
			cell := &d[x]
			run := runCell{next: int32(j) + 1, halves: halves, weight: wt, skipping: halves, segment: 1}
			if cell.next == int32(j) && cell.next > 0 { // the runs on this diagonal go on
				run.halves, run.weight = cell.halves+halves, cell.weight+wt
				run.skipping, run.segment = cell.skipping+halves, cell.segment+1
				best = max(best, int(run.halves))
				skipping = max(skipping, int(run.skipping))
				if run.weight > heaviest32 {
					heaviest32 = run.weight
				}
			} else {
				// The runs that end next to the match, which it may continue across a
				// skipped word: next to most matches none does, and gapped, which then looks
				// at a's term i-1, is not called (for every match that continued no run, it
				// was a quarter of longestRun's instructions on the chronam pages).
				both := ends(&d[x], j-1, ms)
				onlyB := x+1 < len(d) && ends(&d[x+1], j-1, ms) // the last match at (i-1, j-2)
				onlyA := x > 0 && i > 1 && ends(&d[x-1], j, ms) // the last match at (i-2, j-1)
				if both || onlyB || onlyA {
					run.skipping = max(run.skipping, gapped(d, x, int(i), both, onlyB, onlyA, skipB, a, sa)+halves)
					skipping = max(skipping, int(run.skipping))
				}
			}
			*cell = run
		}
	}
	return best / 2, max(heaviest, float64(heaviest32)), skipping / 2, cut, nil
}

// gapped returns the length in half words of the skipping run that a match of a's term i with
// b's term j, on diagonal x of d, continues across one skipped word, or 0 if none does: a run
// that skips b's term j-1 and a's term i-1 (a word garbled on one side: the same diagonal),
// b's term j-1 alone (a word only b has) or a's term i-1 alone, as skipB and a's term i-1's
// skip class (skippable, by a's sentence sets sa) allow, of the runs that both, onlyB and onlyA
// say end next to the match after at least minSeg terms matched since their last skip.
func gapped(d []runCell, x, i int, both, onlyB, onlyA bool, skipB skip, a *sketch.Sketch, sa *sentences) int32 {
	skipA := skippable(a, sa, i-1)
	var best int32
	if both && skipB != skipNone && skipA != skipNone && (skipB == skipRare || skipA == skipRare) {
		best = d[x].skipping
	}
	if onlyB && skipB == skipRare {
		best = max(best, d[x+1].skipping)
	}
	if onlyA && skipA == skipRare {
		best = max(best, d[x-1].skipping)
	}
	return best
}

// ends reports whether the run of cell c ends just before term next of b after at least
// minSeg terms matched since its last skip.
func ends(c *runCell, next int, minSeg int32) bool {
	return next > 0 && c.next == int32(next) && c.segment >= minSeg
}

// skip says whether a term may be skipped inside a run (see longestRun).
type skip uint8

const (
	skipNone   skip = iota // a number, a quoted word or no term: never skipped
	skipCommon             // a word common in the corpus: skipped only where the other side's word is rare
	skipRare               // a word that is not common: a garbled word, or one OCR added
)

// skippable says whether term i of s, whose sentence sets are ss, may be skipped inside a run:
// a word of narration, which OCR may have garbled, not a number (templates differ in their
// figures) nor a quoted word; and whether it is rare in the corpus (Weights.rareWeight).
func skippable(s *sketch.Sketch, ss *sentences, i int) skip {
	switch {
	case i < 0 || sketch.IsNumber(s.Terms[i]) || s.IsQuoted(i):
		return skipNone
	case ss.termWts[i] >= ss.rare:
		return skipRare
	}
	return skipCommon
}

// minSegmentWords is the fewest words a run must have matched since it last skipped a word
// before it may skip another (see longestRun): two, so that every other word matching is no
// run. The verifier takes at least a shingle's terms, for its bound on runs from shingles (see
// sharedShingles).
const minSegmentWords = 2

// runPostings stores in dst[:0] and returns the postings of a's terms outside quotation marks
// for longestRun's index: each term's id (ids, by place) with its position, id<<32 | position,
// in order of position. A verifier indexes them once for the document it compares with all
// its candidates.
func runPostings(dst []uint64, a *sketch.Sketch, ids []uint32) []uint64 {
	dst = dst[:0]
	for i, id := range ids {
		if !a.IsQuoted(i) {
			dst = append(dst, uint64(id)<<32|uint64(i))
		}
	}
	return dst
}

// runCell is the run of matches on one diagonal of the match matrix that ends just before
// position next of b.
type runCell struct {
	next   int32   // the position of b that continues the run
	halves int32   // its length so far, in half words (a word 2, a unit 1)
	weight float32 // its weight so far
	// skipping is the length in half words of the run that may skip words (see longestRun)
	// ending at the same match, and segment the terms it matched since its last skip.
	skipping, segment int32
}

// runReach is how many terms of b after the start of a pair of consecutive terms that a has
// too a match may read the cell of a run through that pair (see runTable): the pair's second
// term continues the run, and the two terms after it may continue it past one skipped word.
const runReach = 3

// runTable is what longestRun looks a's terms up in: the places of a's terms outside quotation
// marks, by id, and the pairs of consecutive terms of a outside quotation marks, hashed.
//
// Most of a long document's matches with another are its common words found at places of no
// run: a page of 3,500 words matches each "state" or "county" of the other page at dozens of
// places, and walking them was most of the time the longest run took on whole newspaper
// pages. A match (i, j) reads the cells of runs that end at term j-1 or j-2 of b, and only to
// continue a run through both, or one of at least minSeg (2 or more) matched terms since its
// last skip, whose last two terms b and a share one after the other. So a match that follows
// no such pair of b's, starting within runReach terms before it, is a run of one word whatever
// the cells hold: longestRun counts it so without reading or writing them. Such a run's cell
// is read by no later match either, as a match reading it would follow the pair that it and
// the run make. The pairs are hashed to 32 bits: a pair of b's whose hash a has by chance only
// makes the matches after it walked, as every match once was.
type runTable struct {
	places   idPostings // by a's term ids (sentences.vocab)
	pairs    termSlots
	postings []uint64 // scratch of runPostings
}

// build makes t the table of a, whose sentence sets are sa.
func (t *runTable) build(a *sketch.Sketch, sa *sentences) {
	t.postings = runPostings(t.postings, a, sa.termIDs)
	t.places.build(len(sa.vocab), t.postings)
	t.pairs.reset(len(t.postings))
	for i := 1; i < len(a.Terms); i++ {
		if !a.IsQuoted(i-1) && !a.IsQuoted(i) {
			t.pairs.put(pairHash(a.Terms[i-1], a.Terms[i]), 1)
		}
	}
}

// placesOf returns the places outside quotation marks of the term of a whose id plus one is
// inA (see termMap): none for inA 0, a term a lacks.
func (t *runTable) placesOf(inA uint32) []uint32 {
	if inA == 0 {
		return nil
	}
	return t.places.of(inA - 1)
}

// hasPair reports whether a, the table's document, may have term x followed by term y outside
// quotation marks: it has when it does, and may by chance when it does not.
func (t *runTable) hasPair(x, y uint32) bool {
	_, _, ok := t.pairs.find(pairHash(x, y))
	return ok
}

// pairHash returns a 32-bit hash of term x followed by term y.
func pairHash(x, y uint32) uint32 {
	return uint32((uint64(x)<<32 | uint64(y)) * fibonacci >> 32)
}

// runIndex returns the table of a's terms for longestRun, a's sentence sets sa, building it
// when a is not the sketch it was last built for: once for all the sketches a is compared
// with. The ids of a's terms are the same whenever its sets are built.
func (v *Verifier) runIndex(a *sketch.Sketch, sa *sentences) *runTable {
	if v.runsAOf != a {
		v.runs.build(a, sa)
		v.runsAOf = a
	}
	return &v.runs
}

// measureRun sets r.LongestRun, r.RunWeight and r.SkippingRun, and r.Capped when the runs
// reached a bound on repeated text, after align mapped the pair's terms. It fails only when
// ctx is cancelled.
func (v *Verifier) measureRun(ctx context.Context, a, b *sketch.Sketch, r *Result) error {
	sa, sb := v.sentenceSets(v.docA), v.sentenceSets(v.docB)
	run, heaviest, skipping, cut, err := longestRun(ctx, v.runIndex(a, sa), a, b, sa, sb, v.terms.aOfB, v.p.MaxOccurrences, max(minSegmentWords, v.p.ShingleSize), &v.runDiag)
	if err != nil {
		return err
	}
	r.LongestRun, r.RunWeight, r.SkippingRun, r.Capped = run, heaviest, skipping, r.Capped || cut
	return nil
}
