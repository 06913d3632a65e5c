package anchor_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/anchor"
	"github.com/dedupe-dev/dedupe/internal/lsh"
	"github.com/dedupe-dev/dedupe/internal/param"
	"github.com/dedupe-dev/dedupe/internal/sketch"
)

func TestWinnow(t *testing.T) {
	for _, tc := range []struct {
		dst      []uint32
		shingles []uint64
		w        int
		want     []uint32
	}{
		// Windows [5 3 8] [3 8 1] [8 1 9] [1 9 2]: smallest 3, then 1 three times.
		{nil, []uint64{5, 3, 8, 1, 9, 2}, 3, []uint32{3, 1}},
		// Window 1 keeps every shingle, repeats too.
		{nil, []uint64{5, 3, 5, 1}, 1, []uint32{5, 3, 5, 1}},
		// A window's smallest hash again at a later place is picked again.
		{nil, []uint64{4, 9, 4, 9}, 2, []uint32{4, 4}},
		// Fewer shingles than a window: the smallest of all.
		{nil, []uint64{7, 4}, 3, []uint32{4}},
		// Winnow appends: dst keeps what it held.
		{[]uint32{99}, nil, 3, []uint32{99}},
		// The low half of the hash is the anchor.
		{[]uint32{99}, []uint64{1<<32 | 9, 2<<32 | 1}, 2, []uint32{99, 9}},
	} {
		if got := anchor.Winnow(slices.Clone(tc.dst), tc.shingles, tc.w); !slices.Equal(got, tc.want) {
			t.Errorf("Winnow(%v, %v, %d) = %v; want %v", tc.dst, tc.shingles, tc.w, got, tc.want)
		}
	}
}

// TestDocument checks that no shingle with a quoted word is an anchor, and that the others
// are Winnow's.
func TestDocument(t *testing.T) {
	sk := sketch.Sketch{Terms: []uint32{10, 11, 12, 13, 14, 15}, Quoted: []uint64{1<<2 | 1<<3}}
	seq := sk.ShingleSequence(nil, 2) // 10-11, 11-12, 12-13, 13-14, 14-15
	// Windows of one: every shingle but the three with term 2 or 3 (12, 13).
	want := []uint32{uint32(seq[0]), uint32(seq[4])}
	got, _ := anchor.Document(nil, nil, &sk, 2, 1)
	if !slices.Equal(got, want) {
		t.Errorf("anchors %v; want %v", got, want)
	}
	// Words 1 to 3 quoted: the windows [10-11 11-12 12-13] and [11-12 12-13 13-14] hold quoted
	// shingles only and have no anchor; [12-13 13-14 14-15] has 14-15.
	sk.Quoted = []uint64{1<<1 | 1<<2 | 1<<3}
	if got, _ := anchor.Document(nil, nil, &sk, 2, 3); !slices.Equal(got, []uint32{uint32(seq[4])}) {
		t.Errorf("anchors %v; want %v", got, []uint32{uint32(seq[4])})
	}
	// A sketch shorter than a shingle is one shingle, quoted if any of its words is.
	short := sketch.Sketch{Terms: []uint32{7}, Quoted: []uint64{1}}
	if got, _ := anchor.Document(nil, nil, &short, 2, 3); len(got) != 0 {
		t.Errorf("anchors of a quoted one-word sketch: %v; want none", got)
	}
}

// TestWinnowSharedRun plants a run of w shingles in two random documents: whatever surrounds
// it, both have the anchor of the run's one window, the guarantee the package relies on.
func TestWinnowSharedRun(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	random := func(n int) []uint64 {
		s := make([]uint64, n)
		for i := range s {
			s[i] = r.Uint64()
		}
		return s
	}
	for trial := range 2000 {
		w := 1 + trial%6
		run := random(w)
		a := slices.Concat(random(r.IntN(40)), run, random(r.IntN(40)))
		b := slices.Concat(random(r.IntN(40)), run, random(r.IntN(40)))
		wa, wb := anchor.Winnow(nil, a, w), anchor.Winnow(nil, b, w)
		want := uint32(slices.Min(run))
		inA, inB := slices.Contains(wa, want), slices.Contains(wb, want)
		if !inA || !inB {
			t.Fatalf("trial %d, w %d: the run's anchor %d in a: %v, in b: %v", trial, w, want, inA, inB)
		}
	}
}

// TestPairs compares Pairs with counting every pair's shared anchors directly, on random
// documents whose anchors come from a small alphabet, so that they share many, some anchors in
// more documents than MaxDocs.
func TestPairs(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const n = 300
	docs := make([][]uint32, n)
	for i := range docs {
		var as []uint32
		for range r.IntN(30) {
			as = append(as, uint32(r.IntN(400)))
		}
		slices.Sort(as)
		docs[i] = slices.Compact(as)
	}
	inDocs := map[uint32]int{}
	for _, as := range docs {
		for _, a := range as {
			inDocs[a]++
		}
	}
	for _, p := range []anchor.Params{
		{Window: 3, MaxDocs: 20, MinShared: 1}, {Window: 3, MaxDocs: 25, MinShared: 2}, {Window: 3, MaxDocs: 10, MinShared: 1}, {Window: 3, MaxDocs: 300, MinShared: 3},
		{Window: 3, MaxDocs: 20, MinShared: 1, MinShare: 0.1}, {Window: 3, MaxDocs: 25, MinShared: 2, MinShare: 0.3},
	} {
		rare := make([]int, n)
		for i, as := range docs {
			for _, x := range as {
				if inDocs[x] >= 2 && inDocs[x] <= p.MaxDocs {
					rare[i]++
				}
			}
		}
		var want []lsh.Pair
		for a := range n {
			for b := a + 1; b < n; b++ {
				shared := 0
				for _, x := range docs[a] {
					if _, ok := slices.BinarySearch(docs[b], x); ok && inDocs[x] <= p.MaxDocs {
						shared++
					}
				}
				if shared >= p.MinShared && float64(shared) >= p.MinShare*float64(min(rare[a], rare[b])) {
					want = append(want, lsh.Pair{A: uint32(a), B: uint32(b)})
				}
			}
		}
		if len(want) == 0 {
			t.Fatalf("%+v: no pairs to find; the test would mean nothing", p)
		}
		// As Winnow gives them: in any order, an anchor twice in a row or apart.
		given := make([][]uint32, n)
		for i, as := range docs {
			g := slices.Clone(as)
			if len(g) > 0 {
				g = append(g, g[0], g[len(g)-1], g[len(g)-1])
			}
			r.Shuffle(len(g), func(x, y int) { g[x], g[y] = g[y], g[x] })
			given[i] = g
		}
		for workers := 1; workers <= 4; workers++ {
			if got := anchor.Pairs(given, p, workers); !slices.Equal(got, want) {
				t.Errorf("%+v, %d workers: %d pairs, want %d", p, workers, len(got), len(want))
			}
		}
	}
	if got := anchor.Pairs(docs, anchor.Params{Window: 3, MaxDocs: 20}, 2); got != nil {
		t.Errorf("MinShared 0: %d pairs, want none", len(got))
	}
}

// TestPairsShards checks Pairs past the radix sort's small-input cutoff, with anchors in
// every shard: 5,000 documents, two of which share six anchors of a copied passage.
func TestPairsShards(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	docs := randomDocs(5000, 20, r.Uint32)
	passage := []uint32{11, 22, 33, 44, 55, 66}
	docs[17] = append(docs[17], passage...)
	docs[4321] = append(docs[4321], passage...)
	for _, as := range docs {
		slices.Sort(as)
	}
	got := anchor.Pairs(docs, anchor.Params{Window: 3, MaxDocs: 20, MinShared: 5}, 2)
	if want := []lsh.Pair{{A: 17, B: 4321}}; !slices.Equal(got, want) {
		t.Errorf("pairs %v; want %v", got, want)
	}
}

// TestPairsLong checks the bound relative to the documents' rare anchors at the defaults: two
// long documents that share 5 of their 1,000 rare anchors by chance are no candidate pair,
// which they are with MinShare 0, while a short passage of one in a third document is.
func TestPairsLong(t *testing.T) {
	span := func(from, to uint32) []uint32 {
		var as []uint32
		for a := from; a < to; a++ {
			as = append(as, a)
		}
		return as
	}
	docs := [][]uint32{
		span(1000, 2000), // a long document
		slices.Concat(span(2000, 2995), span(1000, 1005)), // another, with 5 of the first's anchors
		span(1500, 1540), // a passage of 40 anchors of the first, copied
		span(1000, 3000), // a compilation of both long ones, in which their anchors are rare
	}
	p := param.Defaults[anchor.Params](anchor.Specs)
	want := []lsh.Pair{{A: 0, B: 2}, {A: 0, B: 3}, {A: 1, B: 3}, {A: 2, B: 3}}
	if got := anchor.Pairs(docs, p, 2); !slices.Equal(got, want) {
		t.Errorf("pairs %v; want %v", got, want)
	}
	p.MinShare = 0
	want = []lsh.Pair{{A: 0, B: 1}, {A: 0, B: 2}, {A: 0, B: 3}, {A: 1, B: 3}, {A: 2, B: 3}}
	if got := anchor.Pairs(docs, p, 2); !slices.Equal(got, want) {
		t.Errorf("MinShare 0: pairs %v; want %v", got, want)
	}
}

func TestEnough(t *testing.T) {
	p := anchor.Params{MinShared: 5, MinShare: 0.04}
	for _, tc := range []struct {
		shared, rare int
		want         bool
	}{
		{5, 10, true},    // MinShared decides a short document
		{4, 10, false},   // below MinShared, whatever the share
		{5, 125, true},   // 5 is 0.04 of 125
		{5, 126, false},  // and less than 0.04 of 126
		{40, 1000, true}, // a long document needs more
		{39, 1000, false},
	} {
		if got := p.Enough(tc.shared, tc.rare); got != tc.want {
			t.Errorf("Enough(%d, %d) = %v; want %v", tc.shared, tc.rare, got, tc.want)
		}
	}
	if (anchor.Params{MinShare: 0.04}).Enough(100, 100) {
		t.Error("MinShared 0: Enough; want no anchor candidates")
	}
}

func TestMerge(t *testing.T) {
	x := []lsh.Pair{{A: 1, B: 2}, {A: 1, B: 5}, {A: 3, B: 4}}
	y := []lsh.Pair{{A: 0, B: 9}, {A: 1, B: 5}, {A: 3, B: 7}}
	want := []lsh.Pair{{A: 0, B: 9}, {A: 1, B: 2}, {A: 1, B: 5}, {A: 3, B: 4}, {A: 3, B: 7}}
	if got := anchor.Merge(x, y); !slices.Equal(got, want) {
		t.Errorf("Merge = %v; want %v", got, want)
	}
	if got := anchor.Merge(nil, y); !slices.Equal(got, y) {
		t.Errorf("Merge(nil, y) = %v; want %v", got, y)
	}
}

// BenchmarkPairs finds the pairs of 50,000 documents of 100 anchors each, drawn from 2.5
// million values, so that an anchor is in two documents on average, and a passage of 8 anchors
// is copied into 2,000 pairs of documents.
func BenchmarkPairs(b *testing.B) {
	r := rand.New(rand.NewPCG(7, 8))
	docs := randomDocs(50_000, 100, func() uint32 { return uint32(r.IntN(2_500_000)) })
	for range 2000 {
		a, c := r.IntN(len(docs)), r.IntN(len(docs))
		for range 8 {
			x := r.Uint32()
			docs[a] = append(docs[a], x)
			docs[c] = append(docs[c], x)
		}
	}
	for i, as := range docs {
		slices.Sort(as)
		docs[i] = slices.Compact(as)
	}
	p := anchor.Params{Window: 3, MaxDocs: 20, MinShared: 5}
	b.ResetTimer()
	for range b.N {
		anchor.Pairs(docs, p, 2)
	}
}

// randomDocs returns n documents of per anchors each, drawn by draw, unsorted.
func randomDocs(n, per int, draw func() uint32) [][]uint32 {
	docs := make([][]uint32, n)
	for i := range docs {
		docs[i] = make([]uint32, per)
		for k := range docs[i] {
			docs[i][k] = draw()
		}
	}
	return docs
}
