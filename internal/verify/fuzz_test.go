package verify_test

import (
	"context"
	"math"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/testfs"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// FuzzVerify checks the verifier on any two texts: it never panics, every measure lies in
// [0, 1], the shingle measures do not depend on the order of the pair, and a duplicate always
// names its relation.
func FuzzVerify(f *testing.F) {
	texts := testfs.ReadFiles(f, testfs.Glob(f, "../../testdata/seeds/*.txt"))
	if len(texts) < 4 {
		f.Fatalf("%d seed articles; want 4 or more", len(texts))
	}
	f.Add(texts[0], texts[1])
	f.Add(texts[0], texts[0])
	f.Add(texts[0], texts[3])
	f.Add("", "one")
	f.Add("one", "one")
	f.Add("Alpha beta. Gamma delta.", "Gamma delta. Alpha beta.")
	f.Add("the of and. a to in.", "the of and.")
	an := normalize.TestAnalyzer(f)
	v := verify.TestVerifier(f)
	f.Fuzz(func(t *testing.T, ta, tb string) {
		if len(ta)+len(tb) > 1<<16 {
			t.Skip("long inputs add nothing but time")
		}
		a, b := sketch.New(an.Analyze(ta)), sketch.New(an.Analyze(tb))
		ab, ba := v.Verify(&a, &b), v.Verify(&b, &a)
		for _, r := range []verify.Result{ab, ba} {
			for _, m := range []struct {
				name string
				v    float64
			}{
				{"Jaccard", r.Jaccard}, {"Containment", r.Containment},
				{"ContainmentA", r.ContainmentA}, {"ContainmentB", r.ContainmentB},
				{"CoverageA", r.CoverageA}, {"CoverageB", r.CoverageB}, {"Score", r.Score},
			} {
				if !(m.v >= 0 && m.v <= 1) || math.IsNaN(m.v) {
					t.Fatalf("Verify(%q, %q).%s = %v; want it in [0, 1]", ta, tb, m.name, m.v)
				}
			}
			if r.Duplicate != (r.Relation != "") {
				t.Fatalf("Verify(%q, %q): Duplicate %v with relation %q", ta, tb, r.Duplicate, r.Relation)
			}
			if r.Aligned != nil {
				t.Fatalf("Verify(%q, %q) listed the aligned sentences; only Explain does", ta, tb)
			}
		}
		ex, _ := v.Explain(context.Background(), &a, &b)
		listed := ex.AlignedSentences + ex.TemplateSentences + ex.QuotedSentences
		if len(ex.Aligned) != listed || (ab.AlignedSentences != 0 && ab.AlignedSentences != ex.AlignedSentences) {
			t.Fatalf("Explain(%q, %q) lists %d aligned sentences, counts %d copied, %d template and %d quoted; Verify counted %d",
				ta, tb, len(ex.Aligned), ex.AlignedSentences, ex.TemplateSentences, ex.QuotedSentences, ab.AlignedSentences)
		}
		for _, al := range ex.Aligned {
			if !(al.Similarity > 0 && al.Similarity <= 1) {
				t.Fatalf("Explain(%q, %q): aligned sentences %+v", ta, tb, al)
			}
		}
		if ab.Jaccard != ba.Jaccard || ab.ContainmentA != ba.ContainmentB || ab.ContainmentB != ba.ContainmentA {
			t.Fatalf("Verify(%q, %q) not symmetric: %+v vs %+v", ta, tb, ab, ba)
		}
		if ta == tb && len(a.Terms) > 0 && ab.Relation != verify.Exact {
			t.Fatalf("Verify(%q, itself).Relation = %q; want %q", ta, ab.Relation, verify.Exact)
		}
	})
}
