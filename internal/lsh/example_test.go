package lsh_test

import (
	"fmt"

	"github.com/zeebo/xxh3"

	"github.com/dedupe-dev/dedupe/internal/lsh"
	"github.com/dedupe-dev/dedupe/internal/minhash"
)

func ExampleOptimalParams() {
	bands, rows, err := lsh.OptimalParams(0.5, 128, 0.5, 0.5)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d bands × %d rows\n", bands, rows)
	for _, s := range []float64{0.2, 0.4, 0.5, 0.6, 0.8} {
		fmt.Printf("P(%.1f) = %.3f\n", s, lsh.Probability(s, bands, rows))
	}
	// Output:
	// 25 bands × 5 rows
	// P(0.2) = 0.008
	// P(0.4) = 0.227
	// P(0.5) = 0.548
	// P(0.6) = 0.868
	// P(0.8) = 1.000
}

func ExampleIndex_Candidates() {
	h, err := minhash.New(128, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	ix, err := lsh.NewIndex(25, 5)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Shingle hashes: document 1 is document 0 with 10 of 200 shingles
	// replaced (Jaccard 190/210 = 0.90), document 2 is unrelated.
	shingle := func(i int) uint64 { return xxh3.HashString(fmt.Sprint("shingle ", i)) }
	docs := make([][]uint64, 3)
	for i := range 200 {
		docs[0] = append(docs[0], shingle(i))
		docs[1] = append(docs[1], shingle(i+10))
		docs[2] = append(docs[2], shingle(i+1000))
	}
	var sig minhash.Signature
	var keys []uint64
	for id, d := range docs {
		sig = h.Sign(sig, d)
		keys = ix.Keys(keys, sig) // workers may run Sign and Keys in parallel
		ix.AddKeys(uint32(id), keys)
	}
	pairs, st := ix.Candidates(100, 2, nil)
	fmt.Println(pairs)
	fmt.Printf("%d entries, %d shared keys\n", st.Entries, st.Buckets)
	// Output:
	// [{0 1}]
	// 75 entries, 18 shared keys
}
