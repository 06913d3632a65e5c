package verify

import (
	"context"
	"slices"

	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// longestRun returns the length of the longest run of content words of narration that a and b
// share in the same order, word for word: the longest common substring of their term sequences
// outside quotation marks. It also returns skipping, the longest such run that may skip a
// garbled word here and there (see gapped).
//
// A copy keeps runs of its source's wording however much it was cut, reordered or re-headlined;
// a template (a weather report, a market table, an earnings statement) repeats its layout words
// but breaks every run at the figures and names that change; independent coverage shares names
// and a quote. A run of a dozen content words is rare by chance, which is why the longest run,
// alone, tells copies from templates better than any share of shared shingles. Quoted words
// break runs: reporters who heard the same speech quote the same words, so a shared quote is
// no evidence that one wrote from the other.
//
// OCR garbles words of old newspapers ("Router's" for "Reuter's", "wrlats" for "wrists", a
// stop word read as a content word), which cuts a copy's runs into pieces of a few words: on
// the chronam dev set, 58 of its 307 copies share no run of 6 words. So the skipping run may
// pass over one word that differs on both sides, or that only one side has, if it is a word of
// narration (skippable) that is not common in the corpus (Weights.rareWeight; OCR's
// misreadings are rare words, a paraphrase's substitutes common ones), after at least minSeg
// words matched since its last skip. It never skips a number or a quoted word: a template's
// figures still break its runs. Only the matched words count.
//
// Runs are found along the diagonals i-j of the match matrix, O(len(a)+len(b)+matches) given
// table, a's terms' places and the places of its pairs of consecutive terms (see runTable),
// where a match is a term of b at a place of a that starts, continues or follows a pair of
// terms b and a share: every other match is a run of one word (see runTable). diag is a
// scratch buffer, grown as needed. A term found more than limit times in a (repeated text) is
// matched only at the limit places nearest the diagonal, which bounds the matches to
// limit·len(b); cut reports it, as a run elsewhere through that term is then missed. It fails
// only when ctx is cancelled.
//
// sa and sb are the sentence sets of a and b, for the weights and the ids of their terms,
// looked up once for each document rather than for each match; aOfB maps b's ids to a's
// (termMap), so that b's terms are found in table by id.
//
// heaviest is the greatest weight of a shared run, word for word ([Weights]; without weights
// every word weighs 1): a run of the corpus's common words ("the market closed", a weather
// report's frame) weighs less than one of as many rare words.
//
// All are measured in words: a unit of a script written without spaces counts half a word, and
// half its weight (see [sketch.Sketch.WordEquivalents]), so a run of 7 Thai or Chinese character
// bigrams, 8 characters, is a run of 3 words, not 7; best and skipping are rounded down. A
// number counts for nothing and weighs nothing, though it carries a run on: the small figures
// of a table recur in every table ("1 0 1 0 2 1 3" in the standings of any league), so two
// tables share runs of figures by chance, and a run that spans a header and the figures below
// it says no more than the header. Counted as words, they put 68 false pairs in clusters of
// the 104,000 generated articles of make bench (pair precision 0.9980), 26 of them two
// leagues' results and 31 two independent reports of one event; counted for nothing, 35 (2 and
// 22; 0.9990, no copy lost), and the labelled chronam-1916 pairs keep their verdicts but one
// (a false positive of the uniform sample, testdata/chronam-sample).
func longestRun(ctx context.Context, table *runTable, a, b *sketch.Sketch, sa, sb *sentences, aOfB []uint32, limit, minSeg int, diag *[]runCell) (best int, heaviest float64, skipping int, cut bool, err error) {
	na, nb := len(a.Terms), len(b.Terms)
	if na == 0 || nb == 0 {
		return 0, 0, 0, false, nil
	}
	// The heaviest run's weight is kept in 32 bits, as the cells keep it, and widened once:
	// the same maximum, without a conversion and the float64 max's tests a match.
	var heaviest32 float32
	ms := int32(minSeg)
	d := slices.Grow((*diag)[:0], na+nb)[:na+nb]
	*diag = d
	clear(d)
	// pairEnds[q&3] holds where in table.ends.places the places of a are where the pair of b's
	// terms q-1 and q ends (see runTable), for q from j-2 to j+1: the pairs a match of b's
	// term j may follow or start. Bit k of paired says whether the pair ending at j+1-k has
	// any.
	var pairEnds [4]uint64
	var paired uint8
	// a's id plus one of b's term j+1 at the end of step j, 0 where a lacks it or b quotes it
	next := aOfB[sb.termIDs[0]]
	if b.IsQuoted(0) {
		next = 0
	}
	for j, t := range b.Terms {
		if j%checkEvery == 0 && ctx.Err() != nil {
			return 0, 0, 0, false, ctx.Err()
		}
		inA := next
		next = 0
		if j+1 < nb && !b.IsQuoted(j+1) {
			next = aOfB[sb.termIDs[j+1]]
		}
		var e uint64
		if inA != 0 && next != 0 {
			e = table.pairEnds(t, b.Terms[j+1])
		}
		pairEnds[(j+1)&3] = e
		paired = paired<<1 | b2u(e != 0)
		if inA == 0 {
			continue
		}
		places := table.placesOf(inA)
		if len(places) == 0 {
			continue
		}
		lo, hi, c := occurrences(places, diagonal(j, nb, na), limit)
		cut = cut || c
		wt, halves := runWeight(b, sb, j, t)
		// Each match of term j is a run of one word at least: the bounds take those runs here,
		// and the loop below only the runs that go on or skip a word.
		best, skipping = max(best, int(halves)), max(skipping, int(halves))
		heaviest32 = max(heaviest32, wt)
		if paired&0b1111 == 0 {
			continue // every match of term j is a run of one word
		}
		matches := table.matches(&pairEnds, j, inA-1, places[lo], places[hi-1])
		skipB := skippable(b, sb, j-1)
		for _, i := range matches {
			x := int(i) - j + nb - 1
			cell := &d[x]
			run := runCell{next: int32(j) + 1, halves: halves, weight: wt, skipping: halves, segment: 1}
			if cell.next == int32(j) && cell.next > 0 { // the runs on this diagonal go on
				run.halves, run.weight = cell.halves+halves, cell.weight+wt
				run.skipping, run.segment = cell.skipping+halves, cell.segment+1
				best = max(best, int(run.halves))
				skipping = max(skipping, int(run.skipping))
				if run.weight > heaviest32 {
					heaviest32 = run.weight
				}
			} else {
				// The runs that end next to the match, which it may continue across a
				// skipped word: next to most matches none does, and gapped, which then looks
				// at a's term i-1, is not called (for every match that continued no run, it
				// was a quarter of longestRun's instructions on the chronam pages). A match of
				// term j at a's place i-1, walked or not, takes the cell of the run at (i-2,
				// j-1) before this match reads it, as it did when every match was walked in
				// order of place: the same runs as then.
				both := ends(&d[x], j-1, ms)
				onlyB := x+1 < len(d) && ends(&d[x+1], j-1, ms) // the last match at (i-1, j-2)
				onlyA := x > 0 && i > 1 && ends(&d[x-1], j, ms) && !table.at(i-1, inA-1, places[lo])
				if both || onlyB || onlyA {
					run.skipping = max(run.skipping, gapped(d, x, int(i), both, onlyB, onlyA, skipB, a, sa)+halves)
					skipping = max(skipping, int(run.skipping))
				}
			}
			*cell = run
		}
	}
	return best / 2, float64(heaviest32), skipping / 2, cut, nil
}

// gapped returns the length in half words of the skipping run that a match of a's term i with
// b's term j, on diagonal x of d, continues across one skipped word, or 0 if none does: a run
// that skips b's term j-1 and a's term i-1 (a word garbled on one side: the same diagonal),
// b's term j-1 alone (a word only b has) or a's term i-1 alone, as skipB and a's term i-1's
// skip class (skippable, by a's sentence sets sa) allow, of the runs that both, onlyB and onlyA
// say end next to the match after at least minSeg terms matched since their last skip.
func gapped(d []runCell, x, i int, both, onlyB, onlyA bool, skipB skip, a *sketch.Sketch, sa *sentences) int32 {
	skipA := skippable(a, sa, i-1)
	var best int32
	if both && skipB != skipNone && skipA != skipNone && (skipB == skipRare || skipA == skipRare) {
		best = d[x].skipping
	}
	if onlyB && skipB == skipRare {
		best = max(best, d[x+1].skipping)
	}
	if onlyA && skipA == skipRare {
		best = max(best, d[x-1].skipping)
	}
	return best
}

// ends reports whether the run of cell c ends just before term next of b after at least
// minSeg terms matched since its last skip.
func ends(c *runCell, next int, minSeg int32) bool {
	return next > 0 && c.next == int32(next) && c.segment >= minSeg
}

// skip says whether a term may be skipped inside a run (see longestRun).
type skip uint8

const (
	skipNone   skip = iota // a number, a quoted word or no term: never skipped
	skipCommon             // a word common in the corpus: skipped only where the other side's word is rare
	skipRare               // a word that is not common: a garbled word, or one OCR added
)

// skippable says whether term i of s, whose sentence sets are ss, may be skipped inside a run:
// a word of narration, which OCR may have garbled, not a number (templates differ in their
// figures) nor a quoted word; and whether it is rare in the corpus (Weights.rareWeight).
func skippable(s *sketch.Sketch, ss *sentences, i int) skip {
	switch {
	case i < 0 || sketch.IsNumber(s.Terms[i]) || s.IsQuoted(i):
		return skipNone
	case ss.termWts[i] >= ss.rare:
		return skipRare
	}
	return skipCommon
}

// minSegmentWords is the fewest words a run must have matched since it last skipped a word
// before it may skip another (see longestRun): two, so that every other word matching is no
// run. The verifier takes at least a shingle's terms, for its bound on runs from shingles (see
// sharedShingles).
const minSegmentWords = 2

// runPostings stores in dst[:0] and returns the postings of a's terms outside quotation marks
// for longestRun's index: each term's id (ids, by place) with its position, id<<32 | position,
// in order of position. A verifier indexes them once for the document it compares with all
// its candidates.
func runPostings(dst []uint64, a *sketch.Sketch, ids []uint32) []uint64 {
	dst = dst[:0]
	for i, id := range ids {
		if !a.IsQuoted(i) {
			dst = append(dst, uint64(id)<<32|uint64(i))
		}
	}
	return dst
}

// runCell is the run of matches on one diagonal of the match matrix that ends just before
// position next of b.
type runCell struct {
	next   int32   // the position of b that continues the run
	halves int32   // its length so far, in half words (a word 2, a unit 1)
	weight float32 // its weight so far
	// skipping is the length in half words of the run that may skip words (see longestRun)
	// ending at the same match, and segment the terms it matched since its last skip.
	skipping, segment int32
}

// runTable is what longestRun looks a's terms up in: the places of a's terms outside quotation
// marks, by id, and the places where each pair of consecutive terms of a outside quotation
// marks ends, by the pair's hash.
//
// Most of a long document's matches with another are its common words found at places of no
// run: a page of 3,500 words matches each "state" or "county" of the other page at dozens of
// places, and walking them was most of the time the longest run took on whole newspaper
// pages. A match (i, j) reads the cells of runs that end at term j-1 or j-2 of b, and only to
// continue a run through both, or one of at least minSeg (2 or more) matched terms since its
// last skip, whose last two terms b and a share one after the other. So a match does more than
// count as a run of one word only when it starts such a pair, (i, j) and (i+1, j+1), continues
// one, ending at (i, j), or follows one by a skip: a pair ending at (i-2, j-2), (i-1, j-2) or
// (i-2, j-1). longestRun walks those matches alone, found from the places where b's pairs
// ending at j-2 to j+1 end in a (matches), and counts the others as runs of one word without
// reading or writing their cells. Such a cell is read by no later match either, as a match
// reading it would follow the pair that it and the run make. On the 4,492 chronam pages,
// 18.4 M of the 106.4 M matches walked when every match of a term of b within three terms
// after a pair a has too was walked are of those kinds.
type runTable struct {
	places idPostings // by a's term ids (sentences.vocab)
	// ids holds the id of a's term at each place, ^0 at the places inside quotation marks.
	ids []uint32
	// pairs holds each pair's hash with its number plus one, and ends the places where the
	// pairs of each number end, in order: the pairs of a hash, as two pairs of a may share
	// one. A pair of b's whose hash a has by chance only makes more matches walked, as every
	// match once was.
	pairs    termSlots
	ends     idPostings
	postings []uint64 // scratch of runPostings and of the pairs' postings
	// found, direct, skips and merged are scratch of matches.
	found, direct, skips, merged []uint32
}

// build makes t the table of a, whose sentence sets are sa.
func (t *runTable) build(a *sketch.Sketch, sa *sentences) {
	t.postings = runPostings(t.postings, a, sa.termIDs)
	t.places.build(len(sa.vocab), t.postings)
	t.ids = append(t.ids[:0], sa.termIDs...)
	for i := range t.ids {
		if a.IsQuoted(i) {
			t.ids[i] = ^uint32(0)
		}
	}
	t.pairs.reset(len(t.postings))
	t.postings = t.postings[:0]
	n := uint32(0)
	for i := 1; i < len(a.Terms); i++ {
		if t.ids[i-1] == ^uint32(0) || t.ids[i] == ^uint32(0) {
			continue
		}
		h := pairHash(a.Terms[i-1], a.Terms[i])
		slot, k, ok := t.pairs.find(h)
		if !ok {
			n++
			k = n
			t.pairs.set(slot, h, k)
		}
		t.postings = append(t.postings, uint64(k-1)<<32|uint64(i))
	}
	t.ends.build(int(n), t.postings)
}

// placesOf returns the places outside quotation marks of the term of a whose id plus one is
// inA (see termMap): none for inA 0, a term a lacks.
func (t *runTable) placesOf(inA uint32) []uint32 {
	if inA == 0 {
		return nil
	}
	return t.places.of(inA - 1)
}

// pairEnds returns where the places of a where term x followed by term y ends outside
// quotation marks are in t.ends.places, start<<32 | end, 0 for none: those of every pair of a
// that shares its hash too, in increasing order.
func (t *runTable) pairEnds(x, y uint32) uint64 {
	_, k, ok := t.pairs.find(pairHash(x, y))
	if !ok {
		return 0
	}
	return uint64(t.ends.start[k-1])<<32 | uint64(t.ends.start[k])
}

// b2u returns 1 for true, 0 for false.
func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// at reports whether a's term at place i, at most the last place its caller looks at, is the
// term of id outside quotation marks, and i is at or after place first.
func (t *runTable) at(i, id, first uint32) bool {
	return i >= first && t.ids[i] == id
}

// matches returns, in increasing order, the places of a's term id between first and last
// that longestRun walks for a term j of b (see runTable), given where in t.ends.places the
// places are where b's pairs ending at j-2, j-1, j and j+1 end in a (pairEnds, by j&3):
// those that start a pair ending at j+1 or continue one ending at j, and those that follow
// one across a skipped word. Each kind's places are in
// order already: they are merged, not sorted (sorting them was a fifth of the cost of finding
// them on the chronam pages).
func (t *runTable) matches(pairEnds *[4]uint64, j int, id, first, last uint32) []uint32 {
	of := func(e uint64) []uint32 { return t.ends.places[e>>32 : uint32(e)] }
	end2, end1, end0, end3 := of(pairEnds[(j-2)&3]), of(pairEnds[(j-1)&3]), of(pairEnds[j&3]), of(pairEnds[(j+1)&3])
	f := t.found[:0]
	for _, p := range end3 {
		if i := p - 1; i <= last && t.at(i, id, first) {
			f = append(f, i)
		}
	}
	starts := len(f)
	for _, p := range end0 {
		if p <= last && t.at(p, id, first) {
			f = append(f, p)
		}
	}
	goOn := len(f)
	for _, p := range end2 {
		if i := p + 1; i <= last && t.at(i, id, first) {
			f = append(f, i)
		}
		if i := p + 2; i <= last && t.at(i, id, first) {
			f = append(f, i)
		}
	}
	across := len(f)
	for _, p := range end1 {
		if i := p + 2; i <= last && t.at(i, id, first) {
			f = append(f, i)
		}
	}
	t.found = f
	if goOn == len(f) && (starts == 0 || starts == goOn) {
		return f // one kind, each place once
	}
	if len(f) <= 4 {
		return sortSmall(f) // as along a copied passage: one place, of several kinds
	}
	t.direct = union(t.direct[:0], f[:starts], f[starts:goOn])
	if goOn == len(f) {
		return t.direct
	}
	t.skips = union(t.skips[:0], f[goOn:across], f[across:])
	if len(t.direct) == 0 {
		return t.skips
	}
	t.merged = union(t.merged[:0], t.direct, t.skips)
	return t.merged
}

// sortSmall sorts a few places in place, by insertion, and returns the distinct ones.
func sortSmall(places []uint32) []uint32 {
	n := 0
	for _, p := range places {
		k := n
		for k > 0 && places[k-1] > p {
			k--
		}
		if k > 0 && places[k-1] == p {
			continue
		}
		copy(places[k+1:n+1], places[k:n])
		places[k] = p
		n++
	}
	return places[:n]
}

// union appends to dst the distinct places of x and y, each in non-decreasing order, in
// increasing order.
func union(dst, x, y []uint32) []uint32 {
	for len(x) > 0 || len(y) > 0 {
		var p uint32
		switch {
		case len(y) == 0 || len(x) > 0 && x[0] < y[0]:
			p, x = x[0], x[1:]
		case len(x) == 0 || y[0] < x[0]:
			p, y = y[0], y[1:]
		default:
			p, x, y = x[0], x[1:], y[1:]
		}
		if len(dst) == 0 || dst[len(dst)-1] != p {
			dst = append(dst, p)
		}
	}
	return dst
}

// pairHash returns a 32-bit hash of term x followed by term y.
func pairHash(x, y uint32) uint32 {
	return uint32((uint64(x)<<32 | uint64(y)) * fibonacci >> 32)
}

// runIndex returns the table of a's terms for longestRun, a's sentence sets sa, building it
// when a is not the sketch it was last built for: once for all the sketches a is compared
// with. The ids of a's terms are the same whenever its sets are built.
func (v *Verifier) runIndex(a *sketch.Sketch, sa *sentences) *runTable {
	if v.runsAOf != a {
		v.runs.build(a, sa)
		v.runsAOf = a
	}
	return &v.runs
}

// measureRun sets r.LongestRun, r.RunWeight and r.SkippingRun, and r.Capped when the runs
// reached a bound on repeated text, after align mapped the pair's terms. It fails only when
// ctx is cancelled.
func (v *Verifier) measureRun(ctx context.Context, a, b *sketch.Sketch, r *Result) error {
	sa, sb := v.sentenceSets(v.docA), v.sentenceSets(v.docB)
	run, heaviest, skipping, cut, err := longestRun(ctx, v.runIndex(a, sa), a, b, sa, sb, v.terms.aOfB, v.p.MaxOccurrences, max(minSegmentWords, v.p.ShingleSize), &v.runDiag)
	if err != nil {
		return err
	}
	r.LongestRun, r.RunWeight, r.SkippingRun, r.Capped = run, heaviest, skipping, r.Capped || cut
	return nil
}

// runWeight returns what term j of b, t, adds to a run: its weight and its length in half
// words. A number adds neither (a run counts words of narration); a unit of a script written
// without spaces, an overlapping character bigram, counts half a word (see
// sketch.Sketch.WordEquivalents).
func runWeight(b *sketch.Sketch, sb *sentences, j int, t uint32) (float32, int32) {
	switch {
	case sketch.IsNumber(t):
		return 0, 0
	case b.IsUnit(j):
		return sb.termWts[j] / 2, 1
	}
	return sb.termWts[j], 2
}
