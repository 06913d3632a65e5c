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
		got, _, cut, err := longestRun(context.Background(), &index, a, b, nil, DefaultParams().MaxOccurrences, &diag)
		if got != tt.want || cut || err != nil {
			t.Errorf("longestRun(%v, %v) = %d, %v, %v; want %d, false, nil", tt.a, tt.b, got, cut, err, tt.want)
		}
	}
}

// TestLongestRunUnits checks that a run of units of a script written without spaces is counted
// in words, half a word each, rounded down, and its weight likewise.
func TestLongestRunUnits(t *testing.T) {
	units := []uint64{1<<9 - 1} // the first nine terms are units
	a := &sketch.Sketch{Terms: []uint32{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, Units: units}
	b := &sketch.Sketch{Terms: []uint32{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, Units: units}
	var index postingIndex
	postings := runPostings(nil, a)
	index.build(postings)
	var diag []runCell
	// Nine units and two words: 4.5 + 2 words.
	got, weight, _, err := longestRun(context.Background(), &index, a, b, nil, DefaultParams().MaxOccurrences, &diag)
	if got != 6 || weight != 6.5 || err != nil {
		t.Errorf("longestRun = %d, %v, %v; want 6, 6.5, nil", got, weight, err)
	}
}
