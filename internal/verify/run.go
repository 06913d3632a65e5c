package verify

import (
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
// the posting list of a's terms, [runPostings]; diag is a scratch buffer, returned grown.
func longestRun(postings []uint64, a, b *sketch.Sketch, diag []runCell) (int, []runCell) {
	na, nb := len(a.Terms), len(b.Terms)
	if na == 0 || nb == 0 {
		return 0, diag
	}
	diag = slices.Grow(diag[:0], na+nb)[:na+nb]
	clear(diag)
	best := 0
	for j, w := range b.Terms {
		if b.IsQuoted(j) {
			continue
		}
		k, _ := slices.BinarySearch(postings, uint64(w)<<32)
		for ; k < len(postings) && uint32(postings[k]>>32) == w; k++ {
			i := int(uint32(postings[k]))
			d := &diag[i-j+nb-1]
			if d.next == int32(j) && d.next > 0 {
				d.run++
			} else {
				d.run = 1
			}
			d.next = int32(j) + 1
			best = max(best, int(d.run))
		}
	}
	return best, diag
}

// runPostings stores in dst[:0] and returns the posting list of a's terms outside quotation
// marks for longestRun: each term with its position, term<<32 | position, sorted. A verifier
// builds it once for the document it compares with all its candidates.
func runPostings(dst []uint64, a *sketch.Sketch) []uint64 {
	dst = dst[:0]
	for i, w := range a.Terms {
		if !a.IsQuoted(i) {
			dst = append(dst, uint64(w)<<32|uint64(i))
		}
	}
	slices.Sort(dst)
	return dst
}

// runCell is the run of matches on one diagonal of the match matrix that ends just before
// position next of b.
type runCell struct {
	next int32 // the position of b that continues the run
	run  int32 // its length so far
}
