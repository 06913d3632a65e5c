package verify

import (
	"cmp"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// labelledPairs returns the sketches of the 480 labelled pairs of the chronam-1916 dev set
// (testdata/chronam/pairs.tsv), with the weights of their articles' document frequencies.
func labelledPairs(t *testing.T) (pairs [][2]*sketch.Sketch, w *Weights) {
	t.Helper()
	b := testfs.ReadFile(t, "../../testdata/chronam/pairs.tsv")
	an := normalize.TestAnalyzer(t)
	byPath := map[string]*sketch.Sketch{}
	var df DocFreq
	sketchOf := func(path string) *sketch.Sketch {
		if s := byPath[path]; s != nil {
			return s
		}
		text := testfs.ReadFile(t, filepath.Join("../../testdata/chronam/articles", path))
		s := sketch.New(an.Analyze(string(text)))
		byPath[path] = &s
		df.Add(&s)
		return &s
	}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n")[1:] {
		f := strings.Split(line, "\t")
		pairs = append(pairs, [2]*sketch.Sketch{sketchOf(f[2]), sketchOf(f[3])})
	}
	return pairs, NewWeights(&df, 0)
}

// TestShortcutsExact checks that what Verify leaves out of the measures of a pair that cannot
// be a duplicate changes no verdict: on the dev set's labelled pairs, Verify and Explain (which
// measures everything) find the same duplicates, with the same figures, and the same pairs
// reaching a bound on repeated text; and that the test meets pairs whose run Verify did not
// measure.
func TestShortcutsExact(t *testing.T) {
	pairs, w := labelledPairs(t)
	v := TestVerifier(t)
	v.SetWeights(w)
	skipped, dups := 0, 0
	for _, p := range pairs {
		r := v.Verify(p[0], p[1])
		e, err := v.Explain(t.Context(), p[0], p[1])
		if err != nil {
			t.Fatal(err)
		}
		if r.Duplicate != e.Duplicate || r.Capped != e.Capped {
			t.Errorf("Verify: duplicate %v, capped %v; Explain: %v, %v", r.Duplicate, r.Capped, e.Duplicate, e.Capped)
		}
		if r.Duplicate {
			dups++
			e.Aligned = nil
			if !reflect.DeepEqual(r, e) {
				t.Errorf("Verify found %+v; Explain %+v", r, e)
			}
		}
		if r.CoverageA+r.CoverageB > 0 && r.SkippingRun == 0 && e.SkippingRun > 0 {
			skipped++
		}
	}
	if skipped == 0 || dups == 0 {
		t.Errorf("%d duplicates, %d pairs whose run was not measured: the test shows nothing", dups, skipped)
	}
}

// TestMatchFromA checks that matchFromA finds the matches matchFromB finds, in the same
// figures, on the dev set's labelled pairs (those whose second article has at most
// MaxOccurrences sentences), with the default bound on matches a sentence and with a bound
// of 2, which cuts.
func TestMatchFromA(t *testing.T) {
	pairs, w := labelledPairs(t)
	for _, keep := range []int{DefaultParams().MaxSentenceMatches, 2} {
		p := DefaultParams()
		p.MaxSentenceMatches = keep
		v, err := New(p)
		if err != nil {
			t.Fatal(err)
		}
		v.SetWeights(w)
		sorted := func() []match {
			m := slices.Clone(v.matches)
			slices.SortFunc(m, func(x, y match) int { return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b)) })
			return m
		}
		compared, capped := 0, 0
		for _, pair := range pairs {
			a, b := pair[0], pair[1]
			na, nb := a.Sentences(), b.Sentences()
			if nb > p.MaxOccurrences {
				continue
			}
			v.load(a, v.cache.recent())
			v.docB, _ = v.prepare(b, &v.ownB, v.docA, v.cache.recent())
			setsA, setsB := v.sentenceSets(v.docA), v.sentenceSets(v.docB)
			v.terms.build(setsA, setsB)
			var fromB, fromA Result
			if err := v.matchFromB(t.Context(), setsA, setsB, na, nb, &fromB); err != nil {
				t.Fatal(err)
			}
			want := sorted()
			if err := v.matchFromA(t.Context(), setsA, setsB, na, nb, &fromA); err != nil {
				t.Fatal(err)
			}
			if got := sorted(); !slices.Equal(got, want) || fromA.Capped != fromB.Capped {
				t.Errorf("keep %d: matchFromA found %v (capped %v); matchFromB %v (capped %v)", keep, got, fromA.Capped, want, fromB.Capped)
			}
			compared++
			if fromA.Capped {
				capped++
			}
		}
		if compared < 400 || keep == 2 && capped == 0 {
			t.Errorf("keep %d: %d pairs compared, %d capped: the test shows little", keep, compared, capped)
		}
	}
}

// TestOfHome checks that the weight ofHome takes from a term's home slot is the weight Of
// looks up, for terms held in their home slot or after it and for terms not held, and
// without weights.
func TestOfHome(t *testing.T) {
	var df DocFreq
	df.Docs = 1000
	for term := uint32(1); term <= 5000; term++ {
		df.AddCount(term*7919, term%50+2) // none in one document: each is in the table
	}
	w := NewWeights(&df, 0)
	moved := 0
	for term := uint32(1); term <= 10000; term++ {
		h := term * 7919
		e := w.home(h)
		if got, want := w.ofHome(h, e), w.Of(h); got != want {
			t.Errorf("term %d: ofHome %v; Of %v", h, got, want)
		}
		if term <= 5000 && uint32(e>>32) != h {
			moved++
		}
		var none *Weights
		if got := none.ofHome(h, none.home(h)); got != 1 {
			t.Errorf("term %d without weights: ofHome %v; want 1", h, got)
		}
	}
	if moved == 0 {
		t.Error("every term is in its home slot: the test shows nothing")
	}
}
