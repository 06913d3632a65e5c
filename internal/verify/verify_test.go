package verify_test

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/testfs"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

func seedSketch(t testing.TB, name string) *sketch.Sketch {
	t.Helper()
	b := testfs.ReadFile(t, filepath.Join("../../testdata/seeds", name))
	an := normalize.TestAnalyzer(t)
	s := sketch.New(an.Analyze(string(b)))
	return &s
}

// textSketcher returns a function that sketches a text with the test analyser.
func textSketcher(t testing.TB) func(text string) *sketch.Sketch {
	an := normalize.TestAnalyzer(t)
	return func(text string) *sketch.Sketch {
		s := sketch.New(an.Analyze(text))
		return &s
	}
}

func TestVerifySeeds(t *testing.T) {
	v := verify.TestVerifier(t)
	tests := []struct {
		a, b      string
		duplicate bool
		relation  verify.Relation
	}{
		{"000_92edbd9511bc3411.txt", "000_92edbd9511bc3411.txt", true, verify.Exact},
		{"000_92edbd9511bc3411.txt", "001_d7e9e624c01eeb52.txt", true, verify.Rewrite},
		{"000_92edbd9511bc3411.txt", "002_c22d86bcb2118a91.txt", true, verify.Rewrite},
		{"001_d7e9e624c01eeb52.txt", "002_c22d86bcb2118a91.txt", true, verify.Rewrite},
		{"000_92edbd9511bc3411.txt", "003_38899e923ba17ffe.txt", false, ""},
		{"000_92edbd9511bc3411.txt", "004_e5f86a3492c09562.txt", false, ""},
		{"002_c22d86bcb2118a91.txt", "003_38899e923ba17ffe.txt", false, ""},
		{"003_38899e923ba17ffe.txt", "004_e5f86a3492c09562.txt", false, ""},
	}
	for _, tt := range tests {
		r := v.Verify(seedSketch(t, tt.a), seedSketch(t, tt.b))
		if r.Duplicate != tt.duplicate || r.Relation != tt.relation {
			t.Errorf("Verify(%s, %s) = duplicate %v, relation %q (score %.2f, coverage %.2f/%.2f, containment %.2f); want %v, %q",
				tt.a[:3], tt.b[:3], r.Duplicate, r.Relation, r.Score, r.CoverageA, r.CoverageB, r.Containment, tt.duplicate, tt.relation)
		}
		// Symmetry: swapping the sides swaps the figures and keeps the decision.
		s := v.Verify(seedSketch(t, tt.b), seedSketch(t, tt.a))
		if s.Duplicate != r.Duplicate || s.Jaccard != r.Jaccard || s.ContainmentA != r.ContainmentB {
			t.Errorf("Verify(%s, %s) is not symmetric: %+v vs %+v", tt.a[:3], tt.b[:3], r, s)
		}
	}
}

// TestVerifyEach checks that verifying one document against many, with what depends on it
// worked out once, gives what pair-by-pair verification gives, also after the Verifier was
// used for another first document.
func TestVerifyEach(t *testing.T) {
	names := []string{"000_92edbd9511bc3411.txt", "001_d7e9e624c01eeb52.txt", "002_c22d86bcb2118a91.txt", "003_38899e923ba17ffe.txt", "004_e5f86a3492c09562.txt"}
	var all []*sketch.Sketch
	for _, n := range names {
		all = append(all, seedSketch(t, n))
	}
	all = append(all, &sketch.Sketch{})
	each, _ := verify.New(verify.DefaultParams())
	single, _ := verify.New(verify.DefaultParams())
	for ia, a := range all {
		calls := 0
		err := each.VerifyEach(t.Context(), a, all, func(i int, got verify.Result) {
			calls++
			if want := single.Verify(a, all[i]); !reflect.DeepEqual(got, want) {
				t.Errorf("VerifyEach(%d)[%d] = %+v; Verify gives %+v", ia, i, got, want)
			}
		})
		if err != nil {
			t.Errorf("VerifyEach(%d): %v", ia, err)
		}
		if calls != len(all) {
			t.Errorf("VerifyEach(%d) called fn %d times; want %d", ia, calls, len(all))
		}
	}
}

// TestVerifyPartial: a document made of a few paragraphs of a long one is a partial copy, and
// the long one is its source.
func TestVerifyPartial(t *testing.T) {
	an, _ := normalize.New("english")
	long := testfs.ReadFile(t, "../../testdata/seeds/003_38899e923ba17ffe.txt")
	full := an.Analyze(string(long))
	part := full.Text[:len(full.Text)/3]
	a, b := sketch.New(an.Analyze(part)), sketch.New(full)
	v, _ := verify.New(verify.DefaultParams())
	r := v.Verify(&a, &b)
	if !r.Duplicate || r.Relation != verify.Partial || r.Source != verify.SourceB {
		t.Errorf("Verify(part, whole) = duplicate %v relation %q source %v; want true, partial, B", r.Duplicate, r.Relation, r.Source)
	}
	if r.CoverageA < 0.95 {
		t.Errorf("coverage of the part = %.2f; want >= 0.95", r.CoverageA)
	}
}

func TestVerifyEmpty(t *testing.T) {
	v, _ := verify.New(verify.DefaultParams())
	var empty sketch.Sketch
	if r := v.Verify(&empty, &empty); r.Duplicate {
		t.Errorf("two empty sketches are duplicates: %+v", r)
	}
}

func TestParamsValidate(t *testing.T) {
	p := verify.DefaultParams()
	p.MinScore = 1.5
	if _, err := verify.New(p); err == nil || err.Error() != "--min-score must be in [0, 1], got 1.5" {
		t.Errorf("New with min score 1.5: err = %v", err)
	}
	p = verify.DefaultParams()
	p.SentenceSimilarity = 0
	if _, err := verify.New(p); err == nil || err.Error() != "--sentence-similarity must be in (0, 1], got 0" {
		t.Errorf("New with sentence similarity 0: err = %v", err)
	}
	p = verify.DefaultParams()
	p.ShingleSize = 0
	if _, err := verify.New(p); err == nil || err.Error() != "--shingle-size must be in [1, ∞), got 0" {
		t.Errorf("New with shingle size 0: err = %v", err)
	}
}

// TestSpecs checks that Specs describes every field of Params, once, with a default of the
// field's type inside its range. The outputs derived from the table have their own tests in
// package scan, cmd/dedupe, htmlreport and beam.
func TestSpecs(t *testing.T) {
	if err := verify.Specs.Check(reflect.TypeFor[verify.Params]()); err != nil {
		t.Error(err)
	}
}

// BenchmarkVerify measures verified pairs per second on the seed pairs (about 630 words each),
// with the seeds' document frequencies.
func BenchmarkVerify(b *testing.B) {
	names := []string{"000_92edbd9511bc3411.txt", "001_d7e9e624c01eeb52.txt", "002_c22d86bcb2118a91.txt", "003_38899e923ba17ffe.txt", "004_e5f86a3492c09562.txt"}
	var sk []*sketch.Sketch
	for _, n := range names {
		sk = append(sk, seedSketch(b, n))
	}
	v, _ := verify.New(verify.DefaultParams())
	var df verify.DocFreq // weighed as a scan of the seeds would
	for _, s := range sk {
		df.Add(s)
	}
	v.SetWeights(verify.NewWeights(&df, 0))
	b.ReportAllocs()
	pairs := 0
	for b.Loop() {
		for i := range sk {
			for j := i + 1; j < len(sk); j++ {
				v.Verify(sk[i], sk[j])
				pairs++
			}
		}
	}
	b.ReportMetric(float64(pairs)/b.Elapsed().Seconds(), "pairs/s")
}
