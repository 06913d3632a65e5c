package verify

import (
	"context"
	"slices"

	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// longestRun returns the length of the longest run of content words of narration that a and b
// share in the same order, word for word: the longest common substring of their term sequences
// outside quotation marks.
//
// A copy keeps runs of its source's wording however much it was cut, reordered or re-headlined;
// a template (a weather report, a market table, an earnings statement) repeats its layout words
// but breaks every run at the figures and names that change; independent coverage shares names
// and a quote. A run of a dozen content words is rare by chance, which is why the longest run,
// alone, tells copies from templates better than any share of shared shingles. Quoted words
// break runs: reporters who heard the same speech quote the same words, so a shared quote is
// no evidence that one wrote from the other.
//
// Runs are found along the diagonals i-j of the match matrix, O(len(a)+len(b)+matches) given
// the index of a's terms' places, built from [runPostings]; diag is a scratch buffer, grown as needed. A
// term found more than limit times in a (repeated text) is matched only at the limit places
// nearest the diagonal, which bounds the matches to limit·len(b); cut reports it, as a run
// elsewhere through that term is then missed. It fails only when ctx is cancelled.
//
// heaviest is the greatest weight of a shared run ([Weights]; w nil weighs every word 1): a
// run of the corpus's common words ("the market closed", a weather report's frame) weighs
// less than one of as many rare words.
//
// Both are measured in words: a unit of a script written without spaces counts half a word, and
// half its weight (see [sketch.Sketch.WordEquivalents]), so a run of 7 Thai or Chinese character
// bigrams, 8 characters, is a run of 3 words, not 7; best is rounded down.
func longestRun(ctx context.Context, index *postingIndex, a, b *sketch.Sketch, w *Weights, limit int, diag *[]runCell) (best int, heaviest float64, cut bool, err error) {
	na, nb := len(a.Terms), len(b.Terms)
	if na == 0 || nb == 0 {
		return 0, 0, false, nil
	}
	d := slices.Grow((*diag)[:0], na+nb)[:na+nb]
	*diag = d
	clear(d)
	for j, t := range b.Terms {
		if j%checkEvery == 0 && ctx.Err() != nil {
			return 0, 0, false, ctx.Err()
		}
		if b.IsQuoted(j) {
			continue
		}
		places := index.lookup(t)
		if len(places) == 0 {
			continue
		}
		lo, hi, c := occurrences(places, diagonal(j, nb, na), limit)
		cut = cut || c
		wt, halves := w.Of(t), int32(2)
		if b.IsUnit(j) {
			wt, halves = wt/2, 1
		}
		for _, i := range places[lo:hi] {
			cell := &d[int(i)-j+nb-1]
			if cell.next == int32(j) && cell.next > 0 {
				cell.halves += halves
				cell.weight += wt
			} else {
				cell.halves, cell.weight = halves, wt
			}
			cell.next = int32(j) + 1
			best = max(best, int(cell.halves))
			heaviest = max(heaviest, float64(cell.weight))
		}
	}
	return best / 2, heaviest, cut, nil
}

// runPostings stores in dst[:0] and returns the postings of a's terms outside quotation marks
// for longestRun's index: each term with its position, term<<32 | position, in order of
// position. A verifier indexes them once for the document it compares with all its candidates.
func runPostings(dst []uint64, a *sketch.Sketch) []uint64 {
	dst = dst[:0]
	for i, w := range a.Terms {
		if !a.IsQuoted(i) {
			dst = append(dst, uint64(w)<<32|uint64(i))
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
}

// measureRun sets r.LongestRun, and r.Capped when the run reached a bound on repeated text,
// building the posting list of a's terms once for all the sketches a is compared with. It
// fails only when ctx is cancelled.
func (v *Verifier) measureRun(ctx context.Context, a, b *sketch.Sketch, r *Result) error {
	if v.runsAOf != a {
		v.runsA, v.runsAOf = runPostings(v.runsA, a), a
		v.runsIndex.build(v.runsA)
	}
	run, heaviest, cut, err := longestRun(ctx, &v.runsIndex, a, b, v.w, v.p.MaxOccurrences, &v.runDiag)
	if err != nil {
		return err
	}
	r.LongestRun, r.RunWeight, r.Capped = run, heaviest, r.Capped || cut
	return nil
}
