package minhash_test

import (
	"fmt"

	"github.com/dedupe-dev/dedupe/internal/minhash"
)

func ExampleSignature_Similarity() {
	h, err := minhash.New(128, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Stand-ins for the xxh3 hashes of shingles 0..299 and 100..399:
	// 200 shared of 400, Jaccard 0.5.
	var a, b []uint64
	for i := range uint64(300) {
		a = append(a, i*0x9e3779b97f4a7c15)
		b = append(b, (i+100)*0x9e3779b97f4a7c15)
	}
	est := h.Sign(nil, a).Similarity(h.Sign(nil, b))
	fmt.Printf("estimated Jaccard %.2f (exact 0.50, standard error 0.04)\n", est)
	// Output: estimated Jaccard 0.46 (exact 0.50, standard error 0.04)
}
