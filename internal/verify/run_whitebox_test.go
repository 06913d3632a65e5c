package verify

import (
	"context"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/sketch"
)

func TestLongestRun(t *testing.T) {
	tests := []struct {
		a, b []uint32
		want int
	}{
		{nil, []uint32{1}, 0},
		{[]uint32{1, 2, 3}, []uint32{4, 5}, 0},
		{[]uint32{1, 2, 3, 4, 5}, []uint32{9, 2, 3, 4, 8, 1, 2}, 3},
		{[]uint32{7, 7, 7, 7}, []uint32{7, 7}, 2},                            // repeated words
		{[]uint32{1, 2, 3, 9, 4, 5, 6, 7}, []uint32{1, 2, 3, 4, 5, 6, 7}, 4}, // a word inserted
		{[]uint32{5, 6, 7, 8}, []uint32{1, 2, 5, 6, 7, 8}, 4},                // at the ends of both
	}
	var postings []uint64
	var index postingIndex
	var diag []runCell
	for _, tt := range tests {
		a, b := &sketch.Sketch{Terms: tt.a}, &sketch.Sketch{Terms: tt.b}
		postings = runPostings(postings, a)
		index.build(postings)
		got, _, cut, err := longestRun(context.Background(), postings, &index, a, b, nil, DefaultParams().MaxOccurrences, &diag)
		if got != tt.want || cut || err != nil {
			t.Errorf("longestRun(%v, %v) = %d, %v, %v; want %d, false, nil", tt.a, tt.b, got, cut, err, tt.want)
		}
	}
}
