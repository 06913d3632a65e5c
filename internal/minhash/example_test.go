package minhash_test

import (
	"fmt"

	"github.com/zeebo/xxh3"

	"github.com/dedupe-dev/dedupe/internal/minhash"
)

func ExampleSignature_Similarity() {
	h, err := minhash.New(128, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Shingles 0..299 and 100..399: 200 shared of 400, Jaccard 0.5.
	shingle := func(i int) uint64 { return xxh3.HashString(fmt.Sprint("shingle ", i)) }
	var a, b []uint64
	for i := range 300 {
		a = append(a, shingle(i))
		b = append(b, shingle(i+100))
	}
	est := h.Sign(nil, a).Similarity(h.Sign(nil, b))
	fmt.Printf("estimated Jaccard %.2f (exact 0.50, standard error 0.04)\n", est)
	// Output: estimated Jaccard 0.51 (exact 0.50, standard error 0.04)
}
