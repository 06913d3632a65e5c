package verify

import (
	"context"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/randtest"
	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// TestLongestRun checks the run word for word and the run that skips single garbled words (no
// weights: every word is rare).
func TestLongestRun(t *testing.T) {
	tests := []struct {
		a, b           []uint32
		want, skipping int
	}{
		{nil, []uint32{1}, 0, 0},
		{[]uint32{1, 2, 3}, []uint32{4, 5}, 0, 0},
		{[]uint32{1, 2, 3, 4, 5}, []uint32{9, 2, 3, 4, 8, 1, 2}, 3, 3},
		{[]uint32{7, 7, 7, 7}, []uint32{7, 7}, 2, 2},                                   // repeated words
		{[]uint32{5, 6, 7, 8}, []uint32{1, 2, 5, 6, 7, 8}, 4, 4},                       // at the ends of both
		{[]uint32{1, 2, 3, 9, 4, 5, 6, 7}, []uint32{1, 2, 3, 4, 5, 6, 7}, 4, 7},        // a word only a has
		{[]uint32{1, 2, 3, 4, 5, 6, 7}, []uint32{1, 2, 3, 9, 4, 5, 6, 7}, 4, 7},        // a word only b has
		{[]uint32{1, 2, 90, 4, 5, 91, 7, 8}, []uint32{1, 2, 80, 4, 5, 81, 7, 8}, 2, 6}, // two words garbled
		{[]uint32{1, 2, 90, 4, 5}, []uint32{1, 2, 80, 4, 5}, 2, 4},
		{[]uint32{1, 2, 90, 4}, []uint32{1, 2, 80, 4}, 2, 3},
		// Not skipped: two garbled words in a row, other figures, a figure only b has, a word
		// between two skips.
		{[]uint32{1, 2, 90, 91, 5, 6}, []uint32{1, 2, 80, 81, 5, 6}, 2, 2},
		{[]uint32{1, 2, 3, num(1), 5, 6}, []uint32{1, 2, 3, num(2), 5, 6}, 3, 3},
		{[]uint32{1, 2, 3, 4, 5, 6}, []uint32{1, 2, 3, num(2), 4, 5, 6}, 3, 3},
		{[]uint32{1, 90, 3, 91, 5, 6}, []uint32{1, 80, 3, 81, 5, 6}, 2, 2},
		// Shared figures carry a run on but add nothing to it: two tables' rows of small
		// numbers, under one header, share no run longer than the header.
		{[]uint32{1, 2, num(1), num(2), 3, 4}, []uint32{1, 2, num(1), num(2), 3, 4}, 4, 4},
		{[]uint32{num(1), num(0), num(1), num(0), num(2)}, []uint32{num(1), num(0), num(1), num(0), num(2)}, 0, 0},
		{[]uint32{1, 2, 3, 50, num(1), num(1), num(0), 51, num(1), num(0)}, []uint32{1, 2, 3, 60, num(1), num(1), num(0), 61, num(1), num(0)}, 3, 3},
	}
	var r runner
	for _, tt := range tests {
		got, _, skipping, cut, err := r.run(&sketch.Sketch{Terms: tt.a}, &sketch.Sketch{Terms: tt.b}, nil)
		if got != tt.want || skipping != tt.skipping || cut || err != nil {
			t.Errorf("longestRun(%v, %v) = %d, skipping %d, %v, %v; want %d, %d, false, nil", tt.a, tt.b, got, skipping, cut, err, tt.want, tt.skipping)
		}
	}
}

// TestSkippingRunRareWords checks that a run skips a word common in the corpus only where the
// other side's word is rare: a garbled word, not a paraphrase's substitute.
func TestSkippingRunRareWords(t *testing.T) {
	// Terms 1-8 are in 99 of 100 documents, 90 and 91 in half of them, 80 in one.
	df := DocFreq{Docs: 100}
	df.AddCount(90, 50)
	df.AddCount(91, 50)
	df.AddCount(80, 1)
	for term := uint32(1); term <= 8; term++ {
		df.AddCount(term, 99)
	}
	w := NewWeights(&df, 0)
	tests := []struct {
		a, b     []uint32
		skipping int
	}{
		{[]uint32{1, 2, 3, 90, 4, 5, 6}, []uint32{1, 2, 3, 80, 4, 5, 6}, 6}, // a common word garbled into a rare one
		{[]uint32{1, 2, 3, 90, 4, 5, 6}, []uint32{1, 2, 3, 91, 4, 5, 6}, 3}, // one common word for another
		{[]uint32{1, 2, 3, 90, 4, 5, 6}, []uint32{1, 2, 3, 4, 5, 6}, 3},     // a common word only a has
		{[]uint32{1, 2, 3, 4, 5, 6}, []uint32{1, 2, 3, 80, 4, 5, 6}, 6},     // a rare word only b has
	}
	var r runner
	for _, tt := range tests {
		got, _, skipping, _, err := r.run(&sketch.Sketch{Terms: tt.a}, &sketch.Sketch{Terms: tt.b}, w)
		if got != 3 || skipping != tt.skipping || err != nil {
			t.Errorf("longestRun(%v, %v) = %d, skipping %d, %v; want 3, %d, nil", tt.a, tt.b, got, skipping, err, tt.skipping)
		}
	}
}

// TestSkippingRunRareShare checks that in a large corpus a word is rare by its share of the
// documents: an OCR misreading found in 5% of 10,000 documents ("tho" for "the") is skipped,
// one in 10% is not; in a corpus of 100, where a word's weight decides, both are skipped.
func TestSkippingRunRareShare(t *testing.T) {
	tests := []struct {
		docs     uint32
		garbled  uint32 // 80 is in 5% of the documents, 81 in 10%
		skipping int
	}{
		{10_000, 80, 6}, {10_000, 81, 3}, {1_000_000, 80, 6}, {1_000_000, 81, 3},
		{100, 80, 6}, {100, 81, 6},
	}
	var r runner
	for _, tt := range tests {
		df := DocFreq{Docs: int(tt.docs)}
		df.AddCount(80, tt.docs/20)
		df.AddCount(81, tt.docs/10)
		for term := uint32(1); term <= 6; term++ {
			df.AddCount(term, tt.docs*9/10)
		}
		a, b := &sketch.Sketch{Terms: []uint32{1, 2, 3, 4, 5, 6}}, &sketch.Sketch{Terms: []uint32{1, 2, 3, tt.garbled, 4, 5, 6}}
		_, _, skipping, _, err := r.run(a, b, NewWeights(&df, 0))
		if skipping != tt.skipping || err != nil {
			t.Errorf("%d documents, term %d only in b: skipping run %d, %v; want %d", tt.docs, tt.garbled, skipping, err, tt.skipping)
		}
	}
}

// runner measures the longest run of pairs at the default limits, as the verifier does: one
// table, built anew for each pair's first document.
type runner struct {
	table runTable
	diag  []runCell
}

// run returns longestRun of a and b, their terms weighed by w (nil: every term rare).
func (r *runner) run(a, b *sketch.Sketch, w *Weights) (best int, heaviest float64, skipping int, cut bool, err error) {
	sa, sb := setsOf(a, w), setsOf(b, w)
	r.table.build(a, sa)
	return longestRun(context.Background(), &r.table, a, b, sa, sb, mapTerms(sa, sb), DefaultParams().MaxOccurrences, minSegmentWords, &r.diag)
}

// setsOf returns the sentence sets of sk, weighed by w, that longestRun reads its terms'
// weights and skip classes from; a sketch without sentences is given one of all its terms.
func setsOf(sk *sketch.Sketch, w *Weights) *sentences {
	if sk.Ends == nil {
		sk.Ends = []uint32{uint32(len(sk.Terms))}
	}
	var s sentences
	s.build(sk, w, new(setScratch))
	return &s
}

// mapTerms returns, by id of a term of b's sets sb, the id plus one of the same term in a's
// sets sa, 0 where a lacks it (termMap.aOfB), as longestRun takes it.
func mapTerms(sa, sb *sentences) []uint32 {
	var m termMap
	m.build(sa, sb)
	return m.aOfB
}

// num returns the term of a number.
func num(n uint32) uint32 { return n | sketch.NumberBit }

// TestLongestRunUnits checks that a run of units of a script written without spaces is counted
// in words, half a word each, rounded down, and its weight likewise.
func TestLongestRunUnits(t *testing.T) {
	units := []uint64{1<<9 - 1} // the first nine terms are units
	a := &sketch.Sketch{Terms: []uint32{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, Units: units}
	b := &sketch.Sketch{Terms: []uint32{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, Units: units}
	// Nine units and two words: 4.5 + 2 words.
	got, weight, skipping, _, err := new(runner).run(a, b, nil)
	if got != 6 || weight != 6.5 || skipping != 6 || err != nil {
		t.Errorf("longestRun = %d, %v, skipping %d, %v; want 6, 6.5, 6, nil", got, weight, skipping, err)
	}
}

// TestLongestRunPairsExact checks that the matches longestRun counts as runs of one word
// without walking them (see runTable) change none of its figures: on random texts of a few
// words, some quoted, some numbers, some rare, a copy of one with words garbled, dropped and
// added, it finds what walkingEvery finds, which walks every match, with and without a bound
// on repeated text.
func TestLongestRunPairsExact(t *testing.T) {
	rng := randtest.New(t)
	df := DocFreq{Docs: 100}
	for term := uint32(1); term <= 12; term++ {
		df.AddCount(term, term*8) // terms 1-4 rare, the others common
	}
	w := NewWeights(&df, 0)
	term := func() uint32 {
		if rng.IntN(8) == 0 {
			return num(uint32(rng.IntN(3)))
		}
		return uint32(1 + rng.IntN(12))
	}
	text := func(terms []uint32) *sketch.Sketch {
		sk := &sketch.Sketch{Terms: terms, Quoted: make([]uint64, (len(terms)+63)/64)}
		for i := range terms {
			if rng.IntN(10) == 0 {
				sk.Quoted[i/64] |= 1 << (i % 64)
			}
		}
		return sk
	}
	var table runTable
	var diag []runCell
	for range 2000 {
		ta := make([]uint32, rng.IntN(60))
		for i := range ta {
			ta[i] = term()
		}
		var tb []uint32
		for _, x := range ta {
			switch rng.IntN(10) {
			case 0: // garbled
				tb = append(tb, term())
			case 1: // dropped
			case 2: // a word added
				tb = append(tb, x, term())
			default:
				tb = append(tb, x)
			}
		}
		a, b := text(ta), text(tb)
		sa, sb := setsOf(a, w), setsOf(b, w)
		limit := []int{2, 4, DefaultParams().MaxOccurrences}[rng.IntN(3)]
		table.build(a, sa)
		aOfB := mapTerms(sa, sb)
		gotRun, gotWeight, gotSkipping, gotCut, _ := longestRun(t.Context(), &table, a, b, sa, sb, aOfB, limit, minSegmentWords, &diag)
		run, weight, skipping, cut := walkingEvery(&table, a, b, sa, sb, aOfB, limit, minSegmentWords)
		if gotRun != run || gotWeight != weight || gotSkipping != skipping || gotCut != cut {
			t.Fatalf("longestRun(%v, %v, limit %d) = %d, %v, %d, %v; every match walked: %d, %v, %d, %v",
				ta, tb, limit, gotRun, gotWeight, gotSkipping, gotCut, run, weight, skipping, cut)
		}
	}
}

// walkingEvery is longestRun as it was before it left matches unwalked: every match of every
// term of b, each term's places in increasing order, reads and writes its cells.
func walkingEvery(table *runTable, a, b *sketch.Sketch, sa, sb *sentences, aOfB []uint32, limit, minSeg int) (best int, heaviest float64, skipping int, cut bool) {
	na, nb := len(a.Terms), len(b.Terms)
	if na == 0 || nb == 0 {
		return 0, 0, 0, false
	}
	var heaviest32 float32
	ms := int32(minSeg)
	d := make([]runCell, na+nb)
	for j, t := range b.Terms {
		if b.IsQuoted(j) {
			continue
		}
		places := table.placesOf(aOfB[sb.termIDs[j]])
		lo, hi, c := occurrences(places, diagonal(j, nb, na), limit)
		cut = cut || c
		wt, halves := runWeight(b, sb, j, t)
		skipB := skippable(b, sb, j-1)
		for _, i := range places[lo:hi] {
			x := int(i) - j + nb - 1
			run := runCell{next: int32(j) + 1, halves: halves, weight: wt, skipping: halves, segment: 1}
			if d[x].next == int32(j) && d[x].next > 0 {
				run.halves, run.weight = d[x].halves+halves, d[x].weight+wt
				run.skipping, run.segment = d[x].skipping+halves, d[x].segment+1
			} else {
				both := ends(&d[x], j-1, ms)
				onlyB := x+1 < len(d) && ends(&d[x+1], j-1, ms)
				onlyA := x > 0 && i > 1 && ends(&d[x-1], j, ms)
				if both || onlyB || onlyA {
					run.skipping = max(run.skipping, gapped(d, x, int(i), both, onlyB, onlyA, skipB, a, sa)+halves)
				}
			}
			best, skipping = max(best, int(run.halves)), max(skipping, int(run.skipping))
			heaviest32 = max(heaviest32, run.weight)
			d[x] = run
		}
	}
	return best / 2, float64(heaviest32), skipping / 2, cut
}
