package shingle_test

import (
	"fmt"
	"strings"

	"github.com/zeebo/xxh3"

	"github.com/dedupe-dev/dedupe/internal/shingle"
)

// A wire sentence and a lightly edited copy share most of their 3-shingles.
func ExampleHashes() {
	terms := func(s string) []uint64 {
		var h []uint64
		for _, w := range strings.Fields(s) {
			h = append(h, xxh3.HashString(w))
		}
		return h
	}
	a := shingle.Hashes(nil, terms("both sides said the talks were productive but offered no specifics"), 3)
	b := shingle.Hashes(nil, terms("both sides said the talks were useful but offered no specifics"), 3)
	var set shingle.Set
	set.Unique(a) // a has no repeats: the set is a, and a stays as it is
	inter := 0
	for _, h := range b {
		if set.Has(h) {
			inter++
		}
	}
	fmt.Printf("%d and %d shingles, %d shared, Jaccard %.2f\n", len(a), len(b), inter, float64(inter)/float64(len(a)+len(b)-inter))
	// Output:
	// 9 and 9 shingles, 6 shared, Jaccard 0.50
}
