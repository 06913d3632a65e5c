package verify_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/verify"
)

// garble returns words with about one word in rate changed as OCR changes words: replaced by
// another word, dropped, or followed by a word the other text lacks.
func garble(rng *rand.Rand, words []string, rate int, word func() string) []string {
	var out []string
	for _, w := range words {
		switch rng.IntN(3 * rate) {
		case 0:
			out = append(out, word())
		case 1:
		case 2:
			out = append(out, w, word())
		default:
			out = append(out, w)
		}
	}
	return out
}

// sentences writes words as sentences of n words.
func sentences(words []string, n int) string {
	var b strings.Builder
	for i, w := range words {
		b.WriteString(w)
		if (i+1)%n == 0 {
			b.WriteString(".\n")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// TestGarbledRuns: a passage of 50 words copied into a long text with about one word in four
// garbled still shares a long run that skips the garbled words (141 of 200 such passages share
// a run of --min-run words word for word, all 200 with skips), which Verify, skipping the alignment of pairs with little
// containment, measures as Explain does: the bound that lets it skip them (its streaks of
// shared shingles, with room for skipped words) is never below the run.
func TestGarbledRuns(t *testing.T) {
	rng := rand.New(rand.NewPCG(1916, 13))
	word := func() string {
		b := make([]byte, 5+rng.IntN(5))
		for i := range b {
			b[i] = byte('a' + rng.IntN(26))
		}
		return string(b)
	}
	words := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = word()
		}
		return out
	}
	sk := textSketcher(t)
	v := verify.TestVerifier(t)
	minRun := v.Params().MinRun
	long, exact := 0, 0
	for trial := range 200 {
		a := words(600)
		passage := a[250:300]
		b := append(words(300), garble(rng, passage, 4, word)...)
		b = append(b, words(300)...)
		sa, sb := sk(sentences(a, 15)), sk(sentences(b, 12))
		ex, err := v.Explain(t.Context(), sa, sb)
		if err != nil {
			t.Fatal(err)
		}
		r := v.Verify(sa, sb)
		if ex.Containment >= v.Params().MinEvidence {
			t.Fatalf("trial %d: containment %.3f; the test wants pairs below --min-evidence", trial, ex.Containment)
		}
		if ex.LongestRun >= minRun {
			exact++
		}
		if ex.SkippingRun >= minRun {
			long++
			if r.SkippingRun != ex.SkippingRun || r.Score != ex.Score {
				t.Errorf("trial %d: Verify measured a run of %d and score %.3f, Explain %d and %.3f", trial, r.SkippingRun, r.Score, ex.SkippingRun, ex.Score)
			}
		}
	}
	if long != 200 || exact != 141 {
		t.Errorf("%d of 200 garbled passages share a run of %d words, %d word for word; want 200 and 141", long, minRun, exact)
	}
}
