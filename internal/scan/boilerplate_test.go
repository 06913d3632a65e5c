package scan_test

import (
	"slices"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/sketch"
)

func TestBoilerplateLimit(t *testing.T) {
	opts := scan.DefaultOptions() // BoilerplateDF 0.05, BoilerplateMinDocs 10
	tests := []struct{ n, limit int }{
		{0, 10},
		{5, 10},
		{300, 15},
		{301, 16}, // ⌈15.05⌉
		{10000, 500},
		{100_000_000, 5_000_000},
	}
	for _, tt := range tests {
		if got := opts.BoilerplateLimit(tt.n); got != tt.limit {
			t.Errorf("BoilerplateLimit(%d) = %d; want %d", tt.n, got, tt.limit)
		}
	}
}

func TestStripBoilerplate(t *testing.T) {
	sk := sketch.Sketch{Terms: []uint32{1, 2, 3, 4, 5}, Ends: []uint32{2, 2, 5}}
	hashes := scan.SentenceHashes(nil, &sk)
	if len(hashes) != 3 || !slices.IsSorted(hashes) {
		t.Fatalf("SentenceHashes = %v; want 3 distinct, sorted", hashes)
	}
	// Strip the last sentence, {3, 4, 5}, found by elimination from the others.
	first := scan.SentenceHashes(nil, &sketch.Sketch{Terms: []uint32{1, 2}, Ends: []uint32{2}})[0]
	empty := scan.SentenceHashes(nil, &sketch.Sketch{Ends: []uint32{0}})[0]
	if !scan.StripBoilerplate(&sk, func(h uint64) bool { return h != first && h != empty }) {
		t.Fatal("StripBoilerplate removed nothing")
	}
	if !slices.Equal(sk.Terms, []uint32{1, 2}) || !slices.Equal(sk.Ends, []uint32{2, 2, 2}) {
		t.Errorf("stripped sketch = %v %v; want [1 2] [2 2 2]", sk.Terms, sk.Ends)
	}
	if scan.StripBoilerplate(&sk, func(uint64) bool { return false }) {
		t.Error("StripBoilerplate with no boilerplate reported a change")
	}
}
