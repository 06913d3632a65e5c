package verify

import (
	"context"
	"slices"

	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// Passage is a run of aligned sentences that follow one another in both documents: sentences
// [A, AEnd) of a and [B, BEnd) of b, the sentences without content words between them included.
type Passage struct {
	A, AEnd, B, BEnd int
	Sentences        int  // aligned sentence pairs in the passage
	Verbatim         bool // every pair has the same content words in the same order
}

// Passages merges an alignment of a and b (Result.Aligned, as Explain lists it) into passages:
// aligned sentences that are next to each other in both documents, or separated only by
// sentences without content words (a dateline, a rule of dashes), make one passage. Template
// sentences (Alignment.Template) are not copies and are left out, so they end a passage; shared
// quotations are kept. A pair is verbatim when its sentences have the same content words in
// the same order; a passage is verbatim when all its pairs are, rewritten otherwise. It returns
// nil for an empty alignment.
func Passages(a, b *sketch.Sketch, aligned []Alignment) []Passage {
	var out []Passage
	for _, al := range aligned {
		if al.Template {
			continue
		}
		verbatim := slices.Equal(a.Sentence(al.A), b.Sentence(al.B))
		if n := len(out); n > 0 && follows(a, out[n-1].AEnd, al.A) && follows(b, out[n-1].BEnd, al.B) {
			p := &out[n-1]
			p.AEnd, p.BEnd = al.A+1, al.B+1
			p.Sentences++
			p.Verbatim = p.Verbatim && verbatim
			continue
		}
		out = append(out, Passage{A: al.A, AEnd: al.A + 1, B: al.B, BEnd: al.B + 1, Sentences: 1, Verbatim: verbatim})
	}
	return out
}

// Passages merges the alignment of a and b, as Explain finds it, into passages ([Passages]).
// When a and b are the pair the Verifier measured last (with Verify, VerifyEach or Explain),
// and that measurement aligned their sentences, as it does for every duplicate, the alignment
// it found is used: verifying then listing the passages of a pair aligns it once. Otherwise
// the pair is aligned again. The sketches must not have changed since they were measured. It
// fails only when ctx is cancelled.
func (v *Verifier) Passages(ctx context.Context, a, b *sketch.Sketch) ([]Passage, error) {
	switch {
	case a == v.alignedA && b == v.alignedB:
		return Passages(a, b, v.aligned), nil
	case b == v.alignedA && a == v.alignedB: // measured in the other order (see First)
		return Passages(a, b, swapped(v.aligned)), nil
	}
	r, err := v.Explain(ctx, a, b)
	if err != nil {
		return nil, err
	}
	return Passages(a, b, r.Aligned), nil
}

// follows reports whether sentence next of s comes right after sentence end-1, with only
// sentences without content words between them.
func follows(s *sketch.Sketch, end, next int) bool {
	if next < end {
		return false
	}
	for i := end; i < next; i++ {
		if len(s.Sentence(i)) > 0 {
			return false
		}
	}
	return true
}
