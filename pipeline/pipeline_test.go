package pipeline_test

import (
	"slices"
	"testing"

	"github.com/dedupe-dev/dedupe/pipeline"
)

func TestLimits(t *testing.T) {
	opts := pipeline.DefaultOptions() // BoilerplateDF 0.05, ShingleDF 0.01, BoilerplateMinDocs 10
	tests := []struct {
		n              int
		boiler, common int
		drop           bool
		mask           uint64
	}{
		{n: 5, boiler: 10, common: 10, drop: false, mask: 1<<10 - 1},
		{n: 300, boiler: 15, common: 10, drop: true, mask: 1<<15 - 1},
		{n: 10000, boiler: 500, common: 100, drop: true, mask: 1<<20 - 1},
		{n: 100_000, boiler: 5000, common: 250, drop: true, mask: 1<<23 - 1},
		{n: 100_000_000, boiler: 5_000_000, common: 250, drop: true, mask: 1<<26 - 1}, // ShingleMaxDocs
	}
	for _, tt := range tests {
		if got := pipeline.BoilerplateLimit(tt.n, &opts); got != tt.boiler {
			t.Errorf("BoilerplateLimit(%d) = %d; want %d", tt.n, got, tt.boiler)
		}
		limit, drop := pipeline.CommonShingleLimit(tt.n, &opts)
		if limit != tt.common || drop != tt.drop {
			t.Errorf("CommonShingleLimit(%d) = %d, %v; want %d, %v", tt.n, limit, drop, tt.common, tt.drop)
		}
		if got := pipeline.ShingleSlots(tt.n); got != tt.mask {
			t.Errorf("ShingleSlots(%d) = %#x; want %#x", tt.n, got, tt.mask)
		}
	}
}

func TestStripBoilerplate(t *testing.T) {
	sk := pipeline.Sketch{Terms: []uint32{1, 2, 3, 4, 5}, Ends: []uint32{2, 2, 5}}
	hashes := pipeline.SentenceHashes(nil, &sk)
	if len(hashes) != 3 {
		t.Fatalf("SentenceHashes: %d distinct; want 3", len(hashes))
	}
	// Strip the last sentence, {3, 4, 5}, found by elimination from the others.
	first := pipeline.SentenceHashes(nil, &pipeline.Sketch{Terms: []uint32{1, 2}, Ends: []uint32{2}})[0]
	empty := pipeline.SentenceHashes(nil, &pipeline.Sketch{Ends: []uint32{0}})[0]
	if !pipeline.StripBoilerplate(&sk, func(h uint64) bool { return h != first && h != empty }) {
		t.Fatal("StripBoilerplate removed nothing")
	}
	if !slices.Equal(sk.Terms, []uint32{1, 2}) || !slices.Equal(sk.Ends, []uint32{2, 2, 2}) {
		t.Errorf("stripped sketch = %v %v; want [1 2] [2 2 2]", sk.Terms, sk.Ends)
	}
	if pipeline.StripBoilerplate(&sk, func(uint64) bool { return false }) {
		t.Error("StripBoilerplate with no boilerplate reported a change")
	}
}

// TestBucketKey: scan's index compares the low 32 bits of band keys within a band, so keys that
// differ only in their high bits share a bucket, and equal keys of different bands do not.
func TestBucketKey(t *testing.T) {
	a, b := uint64(0xAABBCCDD_11223344), uint64(0x01020304_11223344)
	if pipeline.BucketKey(3, a) != pipeline.BucketKey(3, b) {
		t.Errorf("BucketKey(3, %#x) != BucketKey(3, %#x); want equal (same low 32 bits)", a, b)
	}
	if pipeline.BucketKey(3, a) == pipeline.BucketKey(4, a) {
		t.Errorf("BucketKey(3, %#x) == BucketKey(4, %#x); want bands apart", a, a)
	}
}
