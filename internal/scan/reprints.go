package scan

import (
	"context"
	"math"

	"github.com/dedupe-dev/dedupe/internal/lsh"
)

// Reprint groups. A story printed k times is k(k-1)/2 candidate pairs of copies, all of them
// duplicates. Verified, clustered and written out, the pairs of a story printed 1,000 times
// among 25,000 documents took 57 s and 2.4 GB (2.7 s and 225 MB without them), and those of
// one printed 2,000 times among 50,000 took 11 GB: the pairs grow with the square of the
// copies, the news they hold does not. Near-identical copies tell one another nothing that
// each does not tell the first of them, so they are verified against it alone.
//
// A document's group is named by the first, in input order, of itself and its candidates
// that are near-identical to it: that hold one text, their shingles' Jaccard similarity
// estimated at ReprintSimilarity or more. The estimate comes from the band keys of all their
// shingles, the common ones included (the signatures leave those out, and a story printed
// that often has nothing else): a band of r rows agrees with probability J^r. A candidate
// pair of two documents of one group of at least ReprintGroup documents, neither of them its
// first, is not verified: it is implied (Result.Implied), since both are near-identical to
// that first document, and so, Jaccard being a distance, each other's at 2·ReprintSimilarity−1
// or more. Every copy is still verified against the first and clusters with it. The rule
// depends only on the documents and their order, not on the workers.
//
// Only documents with at least ReprintGroup−1 candidates can name or join a large group, and
// only theirs are signed again: on the 59,433 chronam-1916 articles, whose OCR makes copies
// differ, no group reaches 10 documents, and the 104,000 generated articles none either.

// reprintGroups returns candidates, sorted by (A, B), without the pairs that reprint groups
// imply, and how many it left out. signer signs documents for the estimate, with rows rows a
// band. It returns candidates as they are when o.ReprintGroup is below 2.
func reprintGroups(ctx context.Context, o *Options, candidates []lsh.Pair, docs []Document, signer *lsh.Signer, rows int) ([]lsh.Pair, int) {
	minGroup := o.ReprintGroup
	if minGroup < 2 || len(candidates) == 0 {
		return candidates, 0
	}
	degree := make([]int32, len(docs))
	for _, c := range candidates {
		degree[c.A]++
		degree[c.B]++
	}
	// keys[at[d]*bands:] are the band keys of all of d's shingles, for the documents with
	// enough candidates to be in a large group; at[d] is -1 for the others.
	at := make([]int32, len(docs))
	var many []int
	for d, n := range degree {
		at[d] = -1
		if int(n) >= minGroup-1 {
			at[d] = int32(len(many))
			many = append(many, d)
		}
	}
	if len(many) < minGroup {
		return candidates, 0
	}
	bands := signer.Bands()
	keys := make([]uint64, len(many)*bands)
	parallel(ctx, o.workers(), len(many), func() func(k int) {
		s := signer.Clone()
		var buf []uint64
		return func(k int) {
			buf = s.Keys(buf[:0], &docs[many[k]].Sketch, nil)
			copy(keys[k*bands:(k+1)*bands], buf) // nil keys (no shingle): zeros, which agree with no document's
		}
	})
	need := int(math.Ceil(math.Pow(o.ReprintSimilarity, float64(rows)) * float64(bands)))
	near := func(a, b uint32) bool {
		ka, kb := keys[int(at[a])*bands:][:bands], keys[int(at[b])*bands:][:bands]
		agree := 0
		for i := range ka {
			if ka[i] == kb[i] && ka[i] != 0 {
				agree++
			}
		}
		return agree >= need
	}

	first := make([]uint32, len(docs)) // the document naming d's group
	for d := range first {
		first[d] = uint32(d)
	}
	for _, c := range candidates { // A < B, so A can only name B's group
		if at[c.A] >= 0 && at[c.B] >= 0 && c.A < first[c.B] && near(c.A, c.B) {
			first[c.B] = c.A
		}
	}
	size := make([]int32, len(docs)) // the documents of the group d names, d included
	for d, f := range first {
		if at[d] >= 0 {
			size[f]++
			if int(f) != d {
				size[d]++ // d names its own group too, though it belongs to f's
			}
		}
	}
	kept := candidates[:0]
	implied := 0
	for _, c := range candidates {
		if f := first[c.A]; f == first[c.B] && f != c.A && f != c.B && int(size[f]) >= minGroup {
			implied++
			continue
		}
		kept = append(kept, c)
	}
	return kept, implied
}
