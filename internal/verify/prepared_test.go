package verify_test

import (
	"context"
	"math"
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
// against its candidates, each pair both ways round; planned, with VerifyEachPlanned and a
// schedule that says when each document is needed again (each sketch i is verified as the
// first at step i, and is needed as a second at every step).
func verifyAll(t *testing.T, v *verify.Verifier, sk []*sketch.Sketch, planned bool) []verified {
	t.Helper()
	var out []verified
	for i, a := range sk {
		var bs []*sketch.Sketch
		var next []int
		for j, b := range sk {
			if j != i {
				bs = append(bs, b)
				next = append(next, i+1)
			}
		}
		fn := func(k int, r verify.Result) {
			got := verified{r: r}
			if r.Duplicate {
				ps, err := v.Passages(context.Background(), a, bs[k])
				if err != nil {
					t.Fatal(err)
				}
				got.passages = ps
			}
			out = append(out, got)
		}
		var err error
		if planned {
			nextA := i + 1 // a is a second document at the next step
			if i == len(sk)-1 {
				nextA = math.MaxInt
			}
			err = v.VerifyEachPlanned(context.Background(), a, nextA, bs, next, fn)
		} else {
			err = v.VerifyEach(context.Background(), a, bs, fn)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestCacheDocuments: a verifier that keeps documents prepared, however few, gives the results
// and passages of one that prepares them for every pair, also when the weights change after
// documents were cached with other weights, and whether it evicts them by a schedule or not.
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
	want := verifyAll(t, ref, sk, false)
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
		for _, planned := range []bool{false, true} {
			v := verify.TestVerifier(t)
			v.CacheDocuments(terms)
			verifyAll(t, v, sk, planned) // cached with every word weighing 1
			v.SetWeights(w)
			for round := range 2 { // the second round from the cache
				if got := verifyAll(t, v, sk, planned); !reflect.DeepEqual(got, want) {
					t.Errorf("CacheDocuments(%d), planned %t, round %d: results differ from a verifier without a cache", terms, planned, round)
				}
			}
		}
	}
}
