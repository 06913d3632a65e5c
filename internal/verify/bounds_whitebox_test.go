package verify

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// repeated returns the sketch of the seed article name repeated n times.
func repeated(t *testing.T, name string, n int) *sketch.Sketch {
	t.Helper()
	b := testfs.ReadFile(t, "../../testdata/seeds/"+name)
	s := sketch.New(normalize.TestAnalyzer(t).Analyze(strings.Repeat(string(b)+"\n\n", n)))
	return &s
}

// TestRepeatedTextBounded: an article repeated in both documents makes each sentence match one
// sentence per copy of the other, so the matches grow with the square of the repetitions. The
// verifier keeps at most MaxSentenceMatches per sentence, still aligns copy with copy (the coverage of
// one copy against one copy), and reports the bound in Capped.
func TestRepeatedTextBounded(t *testing.T) {
	const n = 300
	v := TestVerifier(t)
	one, _ := v.Explain(t.Context(), repeated(t, "000_92edbd9511bc3411.txt", 1), repeated(t, "001_d7e9e624c01eeb52.txt", 1))
	single := len(v.matches)
	if one.Capped || single == 0 {
		t.Fatalf("one copy against one copy: capped %v, %d matches; want not capped, some matches", one.Capped, single)
	}

	a, b := repeated(t, "000_92edbd9511bc3411.txt", n), repeated(t, "001_d7e9e624c01eeb52.txt", n)
	r, err := v.Explain(t.Context(), a, b)
	if err != nil {
		t.Fatal(err)
	}
	bound := v.p.MaxSentenceMatches * a.Sentences()
	if unbounded := single * n * n; unbounded <= 4*bound {
		t.Fatalf("the test shows nothing: %d matches unbounded, %d bounded", unbounded, bound)
	}
	if len(v.matches) > bound {
		t.Errorf("%d matches kept for %d sentences of A; want at most %d", len(v.matches), a.Sentences(), bound)
	}
	if !r.Capped {
		t.Error("Capped is not set")
	}
	if math.Abs(r.CoverageA-one.CoverageA) > 0.02 || math.Abs(r.CoverageB-one.CoverageB) > 0.02 || r.Relation != one.Relation {
		t.Errorf("%d copies: coverage %.3f/%.3f, %q; one copy: %.3f/%.3f, %q", n,
			r.CoverageA, r.CoverageB, r.Relation, one.CoverageA, one.CoverageB, one.Relation)
	}
	if r.LongestRun < one.LongestRun {
		t.Errorf("longest run %d over %d copies; one copy has %d", r.LongestRun, n, one.LongestRun)
	}
}

// TestLongestRunBounded: a word repeated n times in both texts makes n² matches; longestRun
// visits at most limit places of a's for each word of b and still finds the run along the
// diagonal.
func TestLongestRunBounded(t *testing.T) {
	const limit = 128
	const n = 20 * limit
	a := &sketch.Sketch{Terms: make([]uint32, n)}
	for i := range a.Terms {
		a.Terms[i] = 7
	}
	visits := 0
	sa := setsOf(a, nil)
	var table runTable
	table.build(a, sa)
	for j := range n {
		lo, hi, _ := occurrences(table.places.of(0), diagonal(j, n, n), limit) // 7 is id 0, a's only term
		visits += hi - lo
	}
	if visits > limit*n {
		t.Errorf("%d places visited; want at most %d", visits, limit*n)
	}
	var diag []runCell
	got, _, _, cut, err := longestRun(t.Context(), &table, a, a, sa, sa, mapTerms(sa, sa), limit, minSegmentWords, &diag)
	if got != n || !cut || err != nil {
		t.Errorf("longestRun(7×%d, itself) = %d, %v, %v; want %d, true, nil", n, got, cut, err, n)
	}
}

// countdown is a context cancelled at its calls-th call of Err: it cancels a verification at a
// known point inside it.
type countdown struct {
	context.Context
	calls int
}

func (c *countdown) Err() error {
	if c.calls--; c.calls < 0 {
		return context.Canceled
	}
	return nil
}

// TestVerifyEachCancelled: cancellation inside the alignment or the longest run of one pair
// stops VerifyEach with the error and without a result for that pair.
func TestVerifyEachCancelled(t *testing.T) {
	a := repeated(t, "000_92edbd9511bc3411.txt", 200) // over checkEvery sentences and words
	v := TestVerifier(t)
	// Err is called once before the pair, then every checkEvery sentences of the alignment, then
	// every checkEvery words of the longest run.
	for _, calls := range []int{0, 1, 2, 1 + (a.Sentences()+checkEvery-1)/checkEvery + 1} {
		called := false
		err := v.VerifyEach(&countdown{context.Background(), calls}, a, []*sketch.Sketch{a}, func(int, Result) { called = true })
		if !errors.Is(err, context.Canceled) || called {
			t.Errorf("cancelled at call %d: err %v, fn called %v; want context.Canceled, not called", calls, err, called)
		}
	}
}
