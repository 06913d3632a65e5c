package verify

import "math"

// Weights gives each term the weight of its document frequency in a corpus, for the
// DF-weighted measures of the verifier (see the package doc, "Weighting by document
// frequency"): a term found in df of the corpus's n documents weighs
//
//	ln(1 + n/df) / ln(1 + n),
//
// 1 for a term of one document, about 0.1 for a term of half of a large corpus. A term the
// corpus does not hold counts as found in one document. A nil *Weights, or one of a corpus of
// at most one document, weighs every term 1: with no corpus there is nothing to tell common
// words by, and the weighted measures equal the unweighted ones.
//
// A Weights is immutable and safe for concurrent use.
type Weights struct {
	docs  int       // n, the corpus's documents plus the extra ones of NewWeights
	terms termSlots // each term with its weight's bits, never 0 as weights are positive
	unset float32   // weight of a term not in the table
	rare  float32   // the least weight of a rare term (rareWeight)
	name  float32   // the least weight of a name (leastNameWeight)
}

// A word is rare in a corpus, for the runs that skip garbled words (see longestRun), when it
// weighs at least rareWeightBound or is found in at most rareShare of the corpus's documents.
// OCR's misreadings of a word ("wrlats" for "wrists") are rare words, a paraphrase's
// substitutes ("way" for "process") common ones.
//
// The weight bound alone is a share that shrinks as the corpus grows: 7% of the 862 articles of
// the chronam dev set, where it was chosen, 18% of Clough-Stevenson's 100 answers, but 1.3% of
// the 59,433 articles a scan of the chronam pages weighs its words by, where OCR's commonest
// misreadings ("tho", "tbe") are more common than that. A scan of those articles found 10 fewer
// of the dev set's copies than the verifier alone with the dev set's frequencies, 5 of them
// (p035, p194, p303, p321, p339) through such words breaking the runs that pass the gate before
// the score (Params.Scored). With the share the scan finds them, with no more false positives on
// the dev set (labelscan, 32) or the held-out set (7); shares of 3% and 12% found 3 and 5 of
// them. The share decides in corpora of more than about 900 documents; in smaller ones the
// weight bound still does, where a share of a few documents says little (in a scan of 20, 7%
// is one document) and Clough-Stevenson's answers were weighed by it.
const (
	rareWeightBound = 0.4
	rareShare       = 0.07
)

// rareWeight returns the least weight of a rare term (see rareShare). Every term of a nil
// Weights is rare.
func (w *Weights) rareWeight() float32 {
	if w == nil {
		return 1
	}
	return w.rare
}

// leastNameWeight returns the least weight of a word otherNames takes for a name (see nameShare).
// Every term of a nil Weights weighs enough.
func (w *Weights) leastNameWeight() float32 {
	if w == nil {
		return 1
	}
	return w.name
}

// NewWeights returns the weights of the document frequencies df, counting extra more
// documents that hold every term looked up. dedupe check weighs a pair of an archived and a
// new document with the archive's frequencies and extra 1: as if the new document were one
// more of the archive, holding every word, which is close to what a scan of the archive and
// the document gives (the seeds' scores differ by less than 0.01) without a table per new
// document.
func NewWeights(df *DocFreq, extra int) *Weights {
	n := df.Docs + extra
	w := &Weights{docs: n, unset: 1, rare: 1, name: 1}
	if n <= 1 {
		return w
	}
	// A term that weighs what a term the corpus does not hold weighs is left out of the table:
	// in a scan (extra 0) those are the terms of one document, most terms of OCR text, and a
	// table half the size misses the processor's cache less often. Weights are looked up for
	// every word of every sentence the verifier compares.
	unset := max(extra, 1)
	kept := 0
	for _, c := range df.All() {
		if int(c)+extra != unset {
			kept++
		}
	}
	w.terms.reset(kept)
	norm := math.Log1p(float64(n))
	w.rare = float32(min(rareWeightBound, math.Log1p(1/rareShare)/norm)) // the weight of a term of rareShare·n documents
	w.name = float32(min(nameWeight, math.Log1p(1/nameShare)/norm))
	w.unset = float32(math.Log1p(float64(n)/float64(unset)) / norm)
	for t, c := range df.All() {
		if int(c)+extra != unset {
			w.terms.put(t, math.Float32bits(float32(math.Log1p(float64(n)/float64(int(c)+extra))/norm)))
		}
	}
	return w
}

// Of returns the weight of term t, in (0, 1].
func (w *Weights) Of(t uint32) float32 {
	if w == nil || w.terms.keys == nil {
		return 1
	}
	if _, bits, ok := w.terms.find(t); ok {
		return math.Float32frombits(bits)
	}
	return w.unset
}

// home returns the entry of w's table in the home slot of term t (see termSlots), 0 for none,
// for ofHome: a caller that weighs many terms reads all their home slots first, loads that do
// not wait on one another, where lookups one by one each wait on a miss of the processor's
// cache in a table of the corpus's every term.
func (w *Weights) home(t uint32) uint64 {
	if w == nil || w.terms.keys == nil {
		return 0
	}
	return w.terms.keys[w.terms.home(t)]
}

// ofHome returns Of(t), given e, the entry home(t) returned: the weight it holds when it is
// t's, w's weight of a term it does not hold when the slot is empty (no term that goes there
// is held), else a lookup.
func (w *Weights) ofHome(t uint32, e uint64) float32 {
	switch {
	case e != 0 && uint32(e>>32) == t:
		return math.Float32frombits(uint32(e))
	case e == 0 && w != nil && w.terms.keys != nil:
		return w.unset
	}
	return w.Of(t)
}

// Docs returns the number of documents the weights count, extra ones included; 0 for nil.
func (w *Weights) Docs() int {
	if w == nil {
		return 0
	}
	return w.docs
}
