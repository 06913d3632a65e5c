package verify_test

import (
	"math"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/verify"
)

// TestWeightsOf: a term weighs ln(1 + n/(df+extra)) / ln(1 + n); one the corpus does not hold
// counts as found in max(extra, 1) documents. In a scan (extra 0) a term of one document weighs
// what an absent one does, 1, though the table leaves such terms out.
func TestWeightsOf(t *testing.T) {
	df := verify.DocFreq{Docs: 10}
	for term, docs := range map[uint32]uint32{1: 1, 2: 2, 3: 10, math.MaxUint32: 1} {
		df.AddCount(term, docs)
	}
	weight := func(n, docs float64) float32 { return float32(math.Log1p(n/docs) / math.Log1p(n)) }
	tests := []struct {
		extra int
		term  uint32
		want  float32
	}{
		{0, 1, 1},
		{0, math.MaxUint32, 1},
		{0, 2, weight(10, 2)},
		{0, 3, weight(10, 10)},
		{0, 99, 1}, // absent
		{1, 1, weight(11, 2)},
		{1, 3, weight(11, 11)},
		{1, 99, 1}, // absent: ln(1 + 11/1) / ln(1 + 11)
	}
	for _, tt := range tests {
		if got := verify.NewWeights(&df, tt.extra).Of(tt.term); got != tt.want {
			t.Errorf("NewWeights(extra %d).Of(%d) = %v; want %v", tt.extra, tt.term, got, tt.want)
		}
	}
}
