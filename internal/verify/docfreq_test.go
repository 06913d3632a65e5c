package verify_test

import (
	"maps"
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// TestDocFreqSmall: a term counts once in each document that holds it, however often.
func TestDocFreqSmall(t *testing.T) {
	var df verify.DocFreq
	for _, terms := range [][]uint32{{1, 2, 2, 3}, {2, 3, 3, 3}, {0}, {}} {
		df.Add(&sketch.Sketch{Terms: terms})
	}
	want := map[uint32]uint32{0: 1, 1: 1, 2: 2, 3: 2}
	if got := maps.Collect(df.All()); df.Docs != 4 || df.Len() != 4 || !maps.Equal(got, want) {
		t.Errorf("%d documents, %d terms, counts %v; want 4, 4, %v", df.Docs, df.Len(), got, want)
	}
	for term, n := range map[uint32]uint32{2: 2, 3: 2, 4: 0, math.MaxUint32: 0} {
		if got := df.Count(term); got != n {
			t.Errorf("Count(%d) = %d; want %d", term, got, n)
		}
	}
	var empty verify.DocFreq
	if empty.Count(1) != 0 || empty.Len() != 0 || len(maps.Collect(empty.All())) != 0 {
		t.Errorf("the zero DocFreq counts %d of term 1, %d terms", empty.Count(1), empty.Len())
	}
}

// TestDocFreqShares counts 300 documents of up to 400 terms from a vocabulary of 20,000 (0 and
// the largest term included, a sixth of the terms repeated in their document) in one share
// with Add and in 2, 3 and 4 shares on as many goroutines with AddShare, as a scan does: every
// count is the one a map of each document's distinct terms gives, though every table grows
// several times on the way.
func TestDocFreqShares(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	docs := make([]*sketch.Sketch, 300)
	want := map[uint32]uint32{}
	for i := range docs {
		terms := make([]uint32, rng.IntN(401))
		for j := range terms {
			switch r := rng.IntN(100); {
			case r < 2:
				terms[j] = 0
			case r < 4:
				terms[j] = math.MaxUint32
			case r < 20 && j > 0:
				terms[j] = terms[rng.IntN(j)]
			default:
				terms[j] = rng.Uint32N(20000) * 2654435761 // spread over the 32 bits
			}
		}
		docs[i] = &sketch.Sketch{Terms: terms}
		distinct := map[uint32]bool{}
		for _, term := range terms {
			if !distinct[term] {
				distinct[term] = true
				want[term]++
			}
		}
	}
	check := func(name string, df *verify.DocFreq) {
		t.Helper()
		if got := maps.Collect(df.All()); !maps.Equal(got, want) || df.Len() != len(want) {
			t.Errorf("%s: %d terms (Len %d); want %d, the counts of a map", name, len(got), df.Len(), len(want))
		}
		for term, n := range want {
			if got := df.Count(term); got != n {
				t.Errorf("%s: Count(%d) = %d; want %d", name, term, got, n)
				break
			}
		}
	}
	var one verify.DocFreq
	for _, d := range docs {
		one.Add(d)
	}
	if one.Docs != len(docs) {
		t.Errorf("Add counted %d documents; want %d", one.Docs, len(docs))
	}
	check("Add", &one)
	for shares := 2; shares <= 4; shares++ {
		df := verify.NewDocFreq(shares)
		var wg sync.WaitGroup
		for k := range shares {
			wg.Go(func() {
				for _, d := range docs {
					df.AddShare(k, d)
				}
			})
		}
		wg.Wait()
		check("AddShare", df)
	}
}

// TestDocFreqAddCount: counts read from elsewhere add up, and 0 adds no term.
func TestDocFreqAddCount(t *testing.T) {
	df := verify.NewDocFreq(3)
	df.Add(&sketch.Sketch{Terms: []uint32{7, 8}})
	df.AddCount(7, 5)
	df.AddCount(9, 1<<31)
	df.AddCount(10, 0)
	want := map[uint32]uint32{7: 6, 8: 1, 9: 1 << 31}
	if got := maps.Collect(df.All()); !maps.Equal(got, want) || df.Docs != 1 {
		t.Errorf("counts %v of %d documents; want %v of 1", got, df.Docs, want)
	}
}
