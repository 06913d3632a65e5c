package verify

import "github.com/dedupe-dev/dedupe/internal/sketch"

// The measures of a pair are not all symmetric: the heaviest chain of aligned sentences breaks
// ties between sentences of equal weight in the order of the first document, the shared
// words are counted along the second's shingles and the runs along its terms. So that the
// verdict on a pair does not depend on which document comes first (a scan meets its pairs in
// the order of its inputs, and an export sorted otherwise found other duplicates: 45 of 32,067
// verified pairs of the chronam articles changed when their JSON lines were reversed), every
// pair is measured in one order, First's, and the result turned round for the other.

// First reports whether the pair a, b is measured in that order: the sketch with the smaller
// digest first. Equal digests are equal texts, an exact pair either way.
func First(a, b *sketch.Sketch) bool { return a.Digest <= b.Digest }

// Swap turns r round: A's figures become B's and B's A's, as if the pair had been measured in
// the other order.
func (r *Result) Swap() {
	r.ContainmentA, r.ContainmentB = r.ContainmentB, r.ContainmentA
	r.CoverageA, r.CoverageB = r.CoverageB, r.CoverageA
	r.WeightedCoverageA, r.WeightedCoverageB = r.WeightedCoverageB, r.WeightedCoverageA
	r.OtherFiguresA, r.OtherFiguresB = r.OtherFiguresB, r.OtherFiguresA
	switch r.Source {
	case SourceA:
		r.Source = SourceB
	case SourceB:
		r.Source = SourceA
	}
	for i := range r.Aligned {
		r.Aligned[i].A, r.Aligned[i].B = r.Aligned[i].B, r.Aligned[i].A
	}
}

// swapped returns aligned with each pair's sentences turned round, in new memory.
func swapped(aligned []Alignment) []Alignment {
	out := make([]Alignment, len(aligned))
	for i, al := range aligned {
		al.A, al.B = al.B, al.A
		out[i] = al
	}
	return out
}
