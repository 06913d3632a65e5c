package corpusgen

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// aliasProbs returns the distribution an alias table samples: column i is
// picked with probability 1/n and keeps itself with prob[i]/2^32, else
// gives way to its alias.
func aliasProbs(a alias) []float64 {
	n := float64(len(a.prob))
	p := make([]float64, len(a.prob))
	for i, t := range a.prob {
		keep := float64(t) / (1 << 32)
		p[i] += keep / n
		p[a.alias[i]] += (1 - keep) / n
	}
	return p
}

func TestAliasIsExact(t *testing.T) {
	tests := []struct {
		name string
		w    []float64
	}{
		{"one", []float64{5}},
		{"uniform", []float64{1, 1, 1, 1}},
		{"skewed", []float64{1, 2, 3, 4, 100}},
		{"zipf", zipfWeights(vocabSize, zipfS)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var sum float64
			for _, x := range tt.w {
				sum += x
			}
			for i, p := range aliasProbs(newAlias(tt.w)) {
				if want := tt.w[i] / sum; math.Abs(p-want) > 1e-6*want {
					t.Fatalf("P(%d) = %g; want %g", i, p, want)
				}
			}
		})
	}
}

func TestAliasSample(t *testing.T) {
	a := newAlias([]float64{1, 2, 3, 4})
	r := rand.New(rand.NewPCG(1, 2))
	const n = 400000
	var count [4]int
	for range n {
		count[a.sample(r)]++
	}
	for i, c := range count {
		// 5 standard deviations of a binomial count.
		want := float64(i+1) / 10
		if got := float64(c) / n; math.Abs(got-want) > 5*math.Sqrt(want*(1-want)/n) {
			t.Errorf("sampled %d with frequency %.4f; want %.2f", i, got, want)
		}
	}
}

func TestThousands(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{
		{0, "0"},
		{999, "999"},
		{1000, "1,000"},
		{600000, "600,000"},
		{1234567, "1,234,567"},
	}
	for _, tt := range tests {
		if got := thousands(tt.in); got != tt.want {
			t.Errorf("thousands(%d) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestLanguage(t *testing.T) {
	l := defaultLanguage()
	seen := map[string]bool{}
	check := func(kind string, words []string, n int, capital bool) {
		t.Helper()
		if len(words) != n {
			t.Errorf("%d %s; want %d", len(words), kind, n)
		}
		for _, w := range words {
			lower := strings.ToLower(w)
			if seen[lower] || l.isStop[lower] || strings.Trim(lower, "abcdefghijklmnopqrstuvwxyz") != "" || (w != lower) != capital {
				t.Fatalf("%s %q is taken, a stop word or misspelt", kind, w)
			}
			seen[lower] = true
		}
	}
	check("words", l.words, vocabSize, false)
	check("first names", l.firsts, numFirsts, true)
	check("last names", l.lasts, numLasts, true)
	check("places", l.places, numPlaces, true)
	for w := range vocabSize {
		syn := l.synList[l.synStart[w]:l.synStart[w+1]]
		if len(syn) < 1 || len(syn) > maxSynonym {
			t.Fatalf("word %d has %d synonyms; want 1-%d", w, len(syn), maxSynonym)
		}
		for i, s := range syn {
			if int(s) == w || containsInt32(syn[:i], s) || math.Abs(float64(int(s)-w)) > float64(max(20, w/10)) {
				t.Fatalf("word %d has synonyms %v: want distinct others of similar rank", w, syn)
			}
		}
	}
}

// TestTokens checks the packing of kind, index and comma into a token.
func TestTokens(t *testing.T) {
	for _, k := range []tokKind{tokStop, tokWord, tokFirst, tokLast, tokPlace, tokLit} {
		for _, id := range []int{0, 1, vocabSize - 1, tokIDMask} {
			tk := mkTok(k, id) | tokComma
			if tk.kind() != k || tk.id() != id || tk&tokComma == 0 {
				t.Fatalf("mkTok(%d, %d)|comma unpacks to %d, %d", k, id, tk.kind(), tk.id())
			}
			if u := tk.withID(7); u.kind() != k || u.id() != 7 || u&tokComma == 0 {
				t.Fatalf("withID(7) of mkTok(%d, %d) unpacks to %d, %d", k, id, u.kind(), u.id())
			}
		}
	}
}
