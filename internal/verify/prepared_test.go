package verify_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// verified is what a scan keeps of one pair: the result and, for a duplicate, its passages.
type verified struct {
	r        verify.Result
	passages []verify.Passage
}

// verifyAll verifies every sketch against every other with v, as a scan verifies a document
// against its candidates, each pair both ways round.
func verifyAll(t *testing.T, v *verify.Verifier, sk []*sketch.Sketch) []verified {
	t.Helper()
	var out []verified
	for i, a := range sk {
		var bs []*sketch.Sketch
		for j, b := range sk {
			if j != i {
				bs = append(bs, b)
			}
		}
		err := v.VerifyEach(context.Background(), a, bs, func(k int, r verify.Result) {
			got := verified{r: r}
			if r.Duplicate {
				ps, err := v.Passages(context.Background(), a, bs[k])
				if err != nil {
					t.Fatal(err)
				}
				got.passages = ps
			}
			out = append(out, got)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestCacheDocuments: a verifier that keeps documents prepared, however few, gives the results
// and passages of one that prepares them for every pair, also when the weights change after
// documents were cached with other weights.
func TestCacheDocuments(t *testing.T) {
	var sk []*sketch.Sketch
	var df verify.DocFreq
	for _, n := range []string{"000_92edbd9511bc3411.txt", "001_d7e9e624c01eeb52.txt", "002_c22d86bcb2118a91.txt", "003_38899e923ba17ffe.txt", "004_e5f86a3492c09562.txt"} {
		s := seedSketch(t, n)
		sk = append(sk, s)
		df.Add(s)
	}
	w := verify.NewWeights(&df, 0)
	ref := verify.TestVerifier(t)
	ref.SetWeights(w)
	want := verifyAll(t, ref, sk)
	duplicates := 0
	for _, p := range want {
		if p.r.Duplicate && len(p.passages) > 0 {
			duplicates++
		}
	}
	if duplicates == 0 {
		t.Fatal("no duplicate pair with passages among the seeds: the test would check little")
	}
	// 1 term keeps only the documents in use; 400 some of them; 1<<20 all.
	for _, terms := range []int{1, 400, 1 << 20} {
		v := verify.TestVerifier(t)
		v.CacheDocuments(terms)
		verifyAll(t, v, sk) // cached with every word weighing 1
		v.SetWeights(w)
		for round := range 2 { // the second round from the cache
			if got := verifyAll(t, v, sk); !reflect.DeepEqual(got, want) {
				t.Errorf("CacheDocuments(%d), round %d: results differ from a verifier without a cache", terms, round)
			}
		}
	}
}
