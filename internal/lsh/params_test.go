package lsh_test

import (
	"math"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/lsh"
)

func TestProbability(t *testing.T) {
	tests := []struct {
		s           float64
		bands, rows int
		want        float64
	}{
		{0, 20, 5, 0},
		{1, 20, 5, 1},
		{0.5, 1, 1, 0.5},
		{0.5, 2, 1, 0.75},
		{0.5, 1, 2, 0.25},
		{0.5, 20, 5, 1 - math.Pow(31.0/32, 20)},
		{0.8, 9, 13, 1 - math.Pow(1-math.Pow(0.8, 13), 9)},
		// 1-(1-1e-20)^3 is 3e-20; the naive formula would round it to 0.
		{1e-5, 3, 4, 3e-20},
	}
	for _, tt := range tests {
		got := lsh.Probability(tt.s, tt.bands, tt.rows)
		if math.Abs(got-tt.want) > 1e-15*tt.want {
			t.Errorf("Probability(%v, %d, %d) = %v; want %v", tt.s, tt.bands, tt.rows, got, tt.want)
		}
	}
}

func TestOptimalParams(t *testing.T) {
	// Expected values computed with datasketch's _optimal_param; the
	// (0.75, 256) rows are quoted from the text-dedup documentation, which
	// uses it with scipy's quad.
	tests := []struct {
		threshold        float64
		numPerm          int
		fpWeight         float64
		fnWeight         float64
		wantBands, wantR int
	}{
		{0.5, 128, 0.5, 0.5, 25, 5},
		{0.8, 128, 0.5, 0.5, 9, 13},
		{0.9, 128, 0.5, 0.5, 5, 25},
		{0.3, 64, 0.5, 0.5, 21, 3},
		{0.75, 256, 0.5, 0.5, 21, 12},
		{0.75, 256, 0.1, 0.9, 28, 9},
		{0.5, 1, 0.5, 0.5, 1, 1},
		// One weight alone: all permutations in one band minimises false
		// positives, one row per band minimises false negatives.
		{0.5, 16, 1, 0, 1, 16},
		{0.5, 16, 0, 1, 16, 1},
	}
	for _, tt := range tests {
		b, r, err := lsh.OptimalParams(tt.threshold, tt.numPerm, tt.fpWeight, tt.fnWeight)
		if err != nil || b != tt.wantBands || r != tt.wantR {
			t.Errorf("OptimalParams(%v, %d, %v, %v) = %d, %d, %v; want %d, %d, nil",
				tt.threshold, tt.numPerm, tt.fpWeight, tt.fnWeight, b, r, err, tt.wantBands, tt.wantR)
		}
	}
}

// referenceCost is the weighted error of (b, r) by the midpoint rule on the
// plain formula, independent of OptimalParams' Simpson recurrences.
func referenceCost(threshold float64, b, r int, fpWeight, fnWeight float64) float64 {
	const steps = 2000
	area := func(lo, hi float64, f func(float64) float64) float64 {
		h := (hi - lo) / steps
		var a float64
		for i := range steps {
			a += f(lo + (float64(i)+0.5)*h)
		}
		return a * h
	}
	p := func(s float64) float64 { return 1 - math.Pow(1-math.Pow(s, float64(r)), float64(b)) }
	fp := area(0, threshold, p)
	fn := area(threshold, 1, func(s float64) float64 { return 1 - p(s) })
	return fpWeight*fp + fnWeight*fn
}

// TestOptimalParamsBruteForce checks OptimalParams against a brute-force
// search over all r with b = numPerm/r: its choice must be the reference optimum, or cost no
// more than the reference's integration error above it.
func TestOptimalParamsBruteForce(t *testing.T) {
	const tolerance = 1e-7
	weights := []struct{ fp, fn float64 }{{0.5, 0.5}, {0.1, 0.9}, {0.9, 0.1}, {0, 1}, {1, 0}}
	for _, threshold := range []float64{0.2, 0.5, 0.8, 0.95} {
		for _, numPerm := range []int{1, 5, 32, 64} {
			for _, w := range weights {
				best, bestB, bestR := math.Inf(1), 0, 0
				for r := 1; r <= numPerm; r++ {
					b := numPerm / r // every permutation that fits is used
					if c := referenceCost(threshold, b, r, w.fp, w.fn); c < best {
						best, bestB, bestR = c, b, r
					}
				}
				b, r, err := lsh.OptimalParams(threshold, numPerm, w.fp, w.fn)
				if err != nil {
					t.Fatalf("OptimalParams(%v, %d, %v, %v): %v", threshold, numPerm, w.fp, w.fn, err)
				}
				if b*r > numPerm {
					t.Errorf("OptimalParams(%v, %d, %v, %v) = %d, %d; uses more than %d permutations",
						threshold, numPerm, w.fp, w.fn, b, r, numPerm)
				}
				if c := referenceCost(threshold, b, r, w.fp, w.fn); (b != bestB || r != bestR) && c > best+tolerance {
					t.Errorf("OptimalParams(%v, %d, %v, %v) = %d, %d costing %.9f; brute force gives %d, %d costing %.9f",
						threshold, numPerm, w.fp, w.fn, b, r, c, bestB, bestR, best)
				}
			}
		}
	}
}

func TestOptimalParamsErrors(t *testing.T) {
	tests := []struct {
		name               string
		threshold          float64
		numPerm            int
		fpWeight, fnWeight float64
	}{
		{"threshold 0", 0, 128, 0.5, 0.5},
		{"threshold 1", 1, 128, 0.5, 0.5},
		{"threshold negative", -0.5, 128, 0.5, 0.5},
		{"threshold NaN", math.NaN(), 128, 0.5, 0.5},
		{"no permutations", 0.5, 0, 0.5, 0.5},
		{"negative fp weight", 0.5, 128, -0.1, 0.5},
		{"negative fn weight", 0.5, 128, 0.5, -0.1},
		{"NaN weight", 0.5, 128, math.NaN(), 0.5},
		{"infinite weight", 0.5, 128, 0.5, math.Inf(1)},
		{"zero weights", 0.5, 128, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, r, err := lsh.OptimalParams(tt.threshold, tt.numPerm, tt.fpWeight, tt.fnWeight)
			if err == nil {
				t.Errorf("OptimalParams(%v, %d, %v, %v) = %d, %d, nil; want error",
					tt.threshold, tt.numPerm, tt.fpWeight, tt.fnWeight, b, r)
			}
		})
	}
}

func BenchmarkOptimalParams(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := lsh.OptimalParams(0.5, 128, 0.5, 0.5); err != nil {
			b.Fatal(err)
		}
	}
}
