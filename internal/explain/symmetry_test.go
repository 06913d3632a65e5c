package explain_test

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/devset"
	"github.com/dedupe-dev/dedupe/internal/explain"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// TestVerdictSymmetric: the verdict on a pair does not depend on which document comes first.
// A scan meets its pairs in the order of its inputs, so an export sorted otherwise found
// other duplicates: two issues of one paper's column of business cards were a rewrite one way
// and a table of another issue the other (two sentences of equal weight took turns in the
// alignment), 45 of 32,067 verified pairs of the chronam articles in JSON lines changed when
// the file was reversed.
func TestVerdictSymmetric(t *testing.T) {
	an := normalize.TestAnalyzer(t)
	v := verify.TestVerifier(t)
	for _, dir := range []string{devDir, holdoutDir} {
		pairs, err := devset.Read(dir)
		if err != nil {
			t.Fatal(err)
		}
		w, err := devset.Weights(filepath.Join(dir, "articles"), an)
		if err != nil {
			t.Fatal(err)
		}
		v.SetWeights(w)
		for _, p := range pairs {
			a, b := readText(t, p.A), readText(t, p.B)
			ab := compare(t, an, v, explain.Document{Path: p.A}, explain.Document{Path: p.B}, a, b)
			ba := compare(t, an, v, explain.Document{Path: p.B}, explain.Document{Path: p.A}, b, a)
			if ab.Duplicate != ba.Duplicate || ab.Relation != ba.Relation || math.Abs(ab.Score-ba.Score) > 1e-9 ||
				ab.AlignedSentences != ba.AlignedSentences || ab.TemplateSentences != ba.TemplateSentences ||
				math.Abs(ab.CoverageA-ba.CoverageB) > 1e-9 || math.Abs(ab.CoverageB-ba.CoverageA) > 1e-9 {
				t.Errorf("%s %s: A then B %v %s %.4f (%d aligned, %d templates, coverage %.4f %.4f); B then A %v %s %.4f (%d, %d, %.4f %.4f)",
					p.ID, p.A, ab.Duplicate, ab.Relation, ab.Score, ab.AlignedSentences, ab.TemplateSentences, ab.CoverageA, ab.CoverageB,
					ba.Duplicate, ba.Relation, ba.Score, ba.AlignedSentences, ba.TemplateSentences, ba.CoverageB, ba.CoverageA)
			}
		}
	}
}
