package verify

import (
	"cmp"
	"context"
	"slices"

	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// sentences stores sorted, de-duplicated word sets of sentences in one buffer.
type sentences struct {
	words  []uint32
	wts    []float32 // the weight of each of words
	ends   []int32   // end offset in words of each sentence's set
	size   []int32   // content words of each sentence, duplicates included
	weight []float32 // their weight, duplicates included
	setWt  []float32 // the weight of each sentence's set: each word once
	total  float32   // the weight of the document's content words
	nums   []int32   // numbers among the content words of each sentence, duplicates included
	all    []int32   // words of each sentence, stop words included (see build)
	// prose is the highest share of stop words in a sentence of at least proseWords words:
	// how much of its prose the document's language writes in stop words, about 0.5 or more
	// in English, German or Spanish, 0.3-0.4 in Russian or Arabic, 0.1-0.15 in Korean, 0
	// where the language has no stop list (Chinese, Japanese, Thai).
	prose float64
}

// proseWords is the fewest words of a sentence whose stop share counts towards
// sentences.prose: a headline or a table row of a few words says nothing of the language.
const proseWords = 8

func (s *sentences) set(i int) []uint32 {
	start := int32(0)
	if i > 0 {
		start = s.ends[i-1]
	}
	return s.words[start:s.ends[i]]
}

// weights returns the weights of the words of set(i), in the same order.
func (s *sentences) weights(i int) []float32 {
	start := int32(0)
	if i > 0 {
		start = s.ends[i-1]
	}
	return s.wts[start:s.ends[i]]
}

func (s *sentences) build(sk *sketch.Sketch, w *Weights) {
	// Sized at once: a cached document's sets are built once into buffers of another size.
	terms, n := len(sk.Terms), sk.Sentences()
	s.words, s.wts = slices.Grow(s.words[:0], terms), slices.Grow(s.wts[:0], terms)
	s.ends, s.size = slices.Grow(s.ends[:0], n), slices.Grow(s.size[:0], n)
	s.weight, s.setWt, s.total = slices.Grow(s.weight[:0], n), slices.Grow(s.setWt[:0], n), 0
	s.nums, s.all, s.prose = slices.Grow(s.nums[:0], n), slices.Grow(s.all[:0], n), 0
	for i := range sk.Sentences() {
		sent := sk.Sentence(i)
		nums := int32(0)
		for _, t := range sent {
			if sketch.IsNumber(t) {
				nums++
			}
		}
		s.nums = append(s.nums, nums)
		// A sketch without word ends (an encoding before version 4) gives the document's
		// share of stop words to every sentence.
		words, ok := sk.SentenceWords(i)
		if !ok && len(sk.Terms) > 0 {
			words = len(sent) * sk.Words / len(sk.Terms)
		}
		s.all = append(s.all, int32(words))
		if words >= proseWords {
			s.prose = max(s.prose, float64(words-len(sent))/float64(words))
		}
		start := len(s.words)
		s.words = append(s.words, sent...)
		sorted := s.words[start:]
		slices.Sort(sorted)
		// Each distinct word once, its weight looked up once and counted as often as it occurs.
		var all, distinct float32
		n := start
		for k := 0; k < len(sorted); {
			t, run := sorted[k], 1
			for k+run < len(sorted) && sorted[k+run] == t {
				run++
			}
			wt := w.Of(t)
			s.words[n] = t
			s.wts = append(s.wts, wt)
			all += wt * float32(run)
			distinct += wt
			n++
			k += run
		}
		s.words = s.words[:n]
		s.ends = append(s.ends, int32(n))
		s.size = append(s.size, int32(len(sent)))
		s.weight = append(s.weight, all)
		s.setWt = append(s.setWt, distinct)
		s.total += all
	}
}

type match struct {
	a, b   int32
	weight int32
	sim    float64 // Dice similarity
	wsim   float64 // DF-weighted Dice similarity
}

// checkEvery is how many sentences (align) or words (longestRun) pass between two checks of the
// context: a few milliseconds of work.
const checkEvery = 1 << 10

// align finds the matching sentences of a and b and the heaviest in-order chain of them, keeps
// the chain in v.aligned for Passages, and lists it in r.Aligned when list is set. It fails
// only when ctx is cancelled.
func (v *Verifier) align(ctx context.Context, a, b *sketch.Sketch, r *Result, list bool) error {
	r.StopShare = 1 // until counted aligned sentences give another
	setsA, setsB := v.docA.sentenceSets(v.w), v.docB.sentenceSets(v.w)
	// From the sentence sets alone, whatever the alignment finds.
	r.ProseStopShare = min(StopShareOfProse, max(setsA.prose, setsB.prose)/2)
	index := v.docB.sentencePostings(v.w, &v.postings)
	na, nb := a.Sentences(), b.Sentences()
	if cap(v.counts) < nb {
		v.counts = make([]int32, nb)
		v.wordCounts = make([]int32, nb)
		v.weights = make([]float32, nb)
	}
	counts, wordCounts, weights := v.counts[:nb], v.wordCounts[:nb], v.weights[:nb]

	v.matches = v.matches[:0]
	for i := range na {
		if i%checkEvery == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		setA, wtsA := setsA.set(i), setsA.weights(i)
		if len(setA) < 2 {
			continue
		}
		near := diagonal(i, na, nb)
		v.touched = v.touched[:0]
		for x, w := range setA {
			places := index.lookup(w)
			if len(places) == 0 {
				continue
			}
			lo, hi, cut := occurrences(places, near, v.p.MaxOccurrences)
			r.Capped = r.Capped || cut
			for _, p := range places[lo:hi] {
				j := int32(p)
				if counts[j] == 0 {
					v.touched = append(v.touched, j)
				}
				counts[j]++
				weights[j] += wtsA[x]
				if !sketch.IsNumber(w) {
					wordCounts[j]++
				}
			}
		}
		first := len(v.matches)
		for _, j := range v.touched {
			shared, words, wshared := counts[j], wordCounts[j], weights[j]
			counts[j], wordCounts[j], weights[j] = 0, 0, 0
			if words < 2 {
				continue // a figure and a word in common ("City 1") is chance, not a copied sentence
			}
			sim := 2 * float64(shared) / float64(len(setA)+len(setsB.set(int(j))))
			if sim >= v.p.SentenceSimilarity {
				wsim := 2 * float64(wshared) / float64(setsA.setWt[i]+setsB.setWt[j])
				v.matches = append(v.matches, match{a: int32(i), b: j, weight: setsA.size[i] + setsB.size[j], sim: sim, wsim: wsim})
			}
		}
		if keep := v.p.MaxSentenceMatches; len(v.matches)-first > keep {
			slices.SortFunc(v.matches[first:], func(x, y match) int {
				return cmp.Or(cmp.Compare(distance(x.b, near), distance(y.b, near)),
					cmp.Compare(y.sim, x.sim), cmp.Compare(x.b, y.b))
			})
			v.matches = v.matches[:first+keep]
			r.Capped = true
		}
	}
	chain := v.chain.heaviest(v.matches, nb)
	// The alignment is kept, whether listed or not, so that Passages need not align the pair
	// again.
	v.aligned, v.alignedA, v.alignedB = v.aligned[:0], a, b
	if len(chain) == 0 {
		return nil
	}
	var wordsA, wordsB int32
	var weightA, weightB float32
	// Numbers, content words and all words of the counted aligned sentences, both sides: the
	// number share and the stop share.
	var nums, content, all int32
	table := v.otherIssue(a, b, setsA, setsB, chain)
	names := v.otherNames(a, b, index, chain, r)
	for k, m := range chain {
		figures := templateInstance(setsA.set(int(m.a)), setsB.set(int(m.b)))
		tableRow := !figures && table && row(setsA, setsB, m)
		template := figures || tableRow
		v.aligned = append(v.aligned, Alignment{A: int(m.a), B: int(m.b), Similarity: m.sim, WeightedSimilarity: m.wsim, Template: template, Row: tableRow})
		if template {
			r.TemplateSentences++
			continue
		}
		if quoted(a, int(m.a)) && quoted(b, int(m.b)) {
			// Half weight: a shared quotation says less than shared narration, though a copy
			// keeps its quotations too.
			r.QuotedSentences++
			v.aligned[len(v.aligned)-1].Quoted = true
			wordsA += setsA.size[m.a] / 2
			wordsB += setsB.size[m.b] / 2
			weightA += setsA.weight[m.a] / 2
			weightB += setsB.weight[m.b] / 2
			continue
		}
		r.AlignedSentences++
		if k < len(names) && names[k] {
			v.aligned[len(v.aligned)-1].Names = true
			r.NamedWords += int(setsA.size[m.a] + setsB.size[m.b])
		}
		nums += setsA.nums[m.a] + setsB.nums[m.b]
		content += setsA.size[m.a] + setsB.size[m.b]
		all += setsA.all[m.a] + setsB.all[m.b]
		wordsA += setsA.size[m.a]
		wordsB += setsB.size[m.b]
		weightA += setsA.weight[m.a]
		weightB += setsB.weight[m.b]
	}
	if list {
		r.Aligned = slices.Clone(v.aligned)
	}
	r.CoverageA = float64(wordsA) / float64(len(a.Terms))
	r.CoverageB = float64(wordsB) / float64(len(b.Terms))
	r.WeightedCoverageA = min(float64(weightA/setsA.total), 1)
	r.WeightedCoverageB = min(float64(weightB/setsB.total), 1)
	r.AlignedWords = int(content)
	if content > 0 {
		r.NumberShare = float64(nums) / float64(content)
	}
	if all > 0 {
		r.StopShare = float64(max(all-content, 0)) / float64(all)
	}
	return nil
}

// diagonal returns the place of the other document, of m places, proportional to place i of
// one of n places: where a copy of place i would be if both documents were copies throughout.
func diagonal(i, n, m int) int {
	return int(int64(i) * int64(m) / int64(n))
}

// distance returns |j - d|.
func distance(j int32, d int) int {
	if int(j) < d {
		return d - int(j)
	}
	return int(j) - d
}

// templateInstance reports whether two aligned sentences, given as sorted sets of terms, are
// one template with other figures: both hold numbers and they share few of them. Numbers sort last
// (sketch.NumberBit), so each set's numbers are its tail. A writethru that updates one figure,
// or a copy that rounds one, keeps the other figures of the sentence or loses only that
// sentence; a template loses every sentence that carries figures. Sharing fewer than half of
// the smaller side's numbers counts as sharing none: tables share small numbers by chance.
func templateInstance(a, b []uint32) bool {
	na, _ := slices.BinarySearch(a, sketch.NumberBit)
	nb, _ := slices.BinarySearch(b, sketch.NumberBit)
	a, b = a[na:], b[nb:]
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	shared := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			shared++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return 2*shared < min(len(a), len(b))
}

// nameWeight is the least weight (see Weights) of a word that otherNames takes for a name: a
// word of at most about one document in 30 of the dev set's 862, one in 240 of the 59,433
// articles of the chronam pages. Commoner words that OCR misreads alike twice ("Daily" /
// "Dally", 0.43 and 0.68 on the dev set) are left out.
const nameWeight = 0.5

// nameSlot is the most words (content words, the slot's own included) between a slot and the
// words that two aligned sentences share on either side of it: one garbled word may stand
// next to the name ("the town tif Arlington").
const nameSlot = 2

// otherNames reports, for each match of chain, whether its two sentences fill one frame with
// other names: a name of one document stands where the other has another name of its own, and
// the same two names swap so in two or more aligned sentence pairs that differ (not one pair,
// repeated in a text pasted many times). A name is a word that is no number, weighs at least
// nameWeight and is not in the other document at all; its slot is bounded on both sides by
// words the two sentences share, at most nameSlot words away. Two towns' caucus warnings ("the
// Democratic voters of the town of Bennington are hereby warned" ~ "... of the town of
// Arlington ...") fill one formula with other names, each throughout. A copy keeps its names,
// and OCR misreads a name once here and once there, or into a word the other document has. But
// the sketch keeps no capitals, so a rare word is not known to be a name: a rewrite that swaps
// a rare word for the same synonym twice (23 of 400 copies sampled from the pairs verified in
// the generated 10,000 articles of scripts/bench.sh), or a serial whose hero's name OCR
// misreads the same way twice ("Gastell" / "Gasteil"), has such slots too. So the sentences
// still count as copied, and only a pair whose sentences with other names outweigh its other
// copied ones is not scored (Params.Scored). bIndex is b's sentence postings; a's are built
// when a slot is first met. The result is nil when no match is one. A lookup visits at most
// Params.MaxOccurrences slots, and sets r.Capped when it reaches the bound.
func (v *Verifier) otherNames(a, b *sketch.Sketch, bIndex *postingIndex, chain []match, r *Result) []bool {
	type swap struct{ x, y uint32 }
	// Where the names of a swap stand: the chain's matches, and whether two of them are other
	// sentences, not one sentence pair repeated (a text pasted many times).
	type places struct {
		at    []int
		first uint64 // the fingerprint of the first match's sentences
		other bool   // a match of other sentences holds the swap too
	}
	var found map[swap]*places
	var aIndex *postingIndex
	name := func(t uint32) bool { return !sketch.IsNumber(t) && v.w.Of(t) >= nameWeight }
	for k, m := range chain {
		x, y := a.Sentence(int(m.a)), b.Sentence(int(m.b))
		// The names of y that a lacks, each under the words before it, those that may bound
		// its slot on the left: built when x has a name that b lacks.
		slots := v.slots[:0]
		built := false
		fp := uint64(0) // the fingerprint of x and y, once a swap needs it
		for i, t := range x {
			// b's postings first: they are a small table, the weights a corpus's, and
			// most words of aligned sentences are in both documents.
			if len(bIndex.lookup(t)) > 0 || !name(t) {
				continue
			}
			if !built {
				if aIndex == nil {
					aIndex = v.docA.sentencePostings(v.w, &v.postings)
				}
				for j, u := range y {
					if len(aIndex.lookup(u)) == 0 && name(u) {
						for q := 1; q <= min(nameSlot, j); q++ {
							slots = append(slots, uint64(y[j-q])<<32|uint64(j))
						}
					}
				}
				slices.Sort(slots)
				built = true
			}
			for p := 1; p <= min(nameSlot, i); p++ {
				at, _ := slices.BinarySearch(slots, uint64(x[i-p])<<32)
				for n := 0; at+n < len(slots) && uint32(slots[at+n]>>32) == x[i-p]; n++ {
					if n == v.p.MaxOccurrences {
						r.Capped = true
						break
					}
					j := int(uint32(slots[at+n]))
					if !sharedAfter(x, y, i, j) {
						continue
					}
					if found == nil {
						found = map[swap]*places{}
					}
					if fp == 0 {
						fp = fingerprint(x, y)
					}
					key := swap{t, y[j]}
					switch pl := found[key]; {
					case pl == nil:
						found[key] = &places{at: []int{k}, first: fp}
					case pl.at[len(pl.at)-1] != k:
						pl.at = append(pl.at, k)
						pl.other = pl.other || fp != pl.first
					}
				}
			}
		}
		v.slots = slots
	}
	var named []bool
	for _, pl := range found {
		if !pl.other {
			continue
		}
		if named == nil {
			named = make([]bool, len(chain))
		}
		for _, k := range pl.at {
			named[k] = true
		}
	}
	return named
}

// fingerprint returns a hash of the terms of two sentences, x then y, never 0: equal sentence
// pairs have equal fingerprints, and others, but for a chance of about 2^-64, other ones.
func fingerprint(x, y []uint32) uint64 {
	h := uint64(0xcbf29ce484222325)
	for _, s := range [2][]uint32{x, y} {
		for _, t := range s {
			h = (h ^ uint64(t)) * 0x100000001b3
		}
		h = (h ^ 0xff) * 0x100000001b3 // where x ends
	}
	return h | 1
}

// sharedAfter reports whether x and y share a word within nameSlot words after x[i] and
// y[j]: the right bound of a slot.
func sharedAfter(x, y []uint32, i, j int) bool {
	for p := i + 1; p <= i+nameSlot && p < len(x); p++ {
		for q := j + 1; q <= j+nameSlot && q < len(y); q++ {
			if x[p] == y[q] {
				return true
			}
		}
	}
	return false
}

// minTableRows is the fewest rows with another last cell that make two documents' aligned
// short lines one table in two issues (see otherIssue): one or two such lines are a misprint,
// an OCR error or an update.
const minTableRows = 3

// row reports whether the aligned sentences of m are both lines too short for prose: fewer than
// proseWords words, stop words included, as the rows of a table are.
func row(a, b *sentences, m match) bool {
	return a.all[m.a] < proseWords && b.all[m.b] < proseWords
}

// otherCell reports whether two rows, given as their content words in order, are one
// table's rows with another value or another label. A table puts its labels first and its
// values last, and its values come from a short list that recurs down the column ("Yes", "No",
// "Not voting"). colX and colY count the rows of each document that a word ends. Rows that
// agree on a first part and end in other values (or one in none: "no" is a stop word), each
// ending two or more rows of the two documents, have one label and other values: "Jane Roe (R)
// Yes" ~ "Jane Roe (R) Not voting". Rows that agree on a last part, no longer than the rest of
// either, whose last word ends two or more rows of each document, and differ before it are
// other labels with one value: "John Doe (D) Yes" in another delegation's roll call. A line cut
// short, a misprint or an OCR error changes a word that ends no other row, or leaves more of
// the line alike.
func otherCell(x, y []uint32, colX, colY map[uint32]int) bool {
	p := 0
	for p < len(x) && p < len(y) && x[p] == y[p] {
		p++
	}
	if p == len(x) && p == len(y) {
		return false // the same row
	}
	if p > 0 {
		value := func(t uint32) bool { return colX[t]+colY[t] >= 2 }
		switch {
		case len(x) == p:
			return value(y[len(y)-1])
		case len(y) == p:
			return value(x[len(x)-1])
		}
		lx, ly := x[len(x)-1], y[len(y)-1]
		return lx != ly && value(lx) && value(ly)
	}
	s := 0
	for s < len(x) && s < len(y) && x[len(x)-1-s] == y[len(y)-1-s] {
		s++
	}
	return s > 0 && len(x)-s >= s && len(y)-s >= s && colX[x[len(x)-1]] >= 2 && colY[y[len(y)-1]] >= 2
}

// otherIssue reports whether the aligned rows of chain (see row) are one table in two issues:
// at least minTableRows of them, and at least a quarter, are rows with another value or
// another label (see otherCell). A roll call lists the same members in every issue, each with
// another vote; a league table the same teams, a price list the same goods: two issues share
// the rows' labels, not what the rows say of them, as templateInstance's sentences share their
// frame but not their figures. The rows two issues print alike (a member who voted the same
// way twice) agree by chance, as small numbers of two tables do, so every row of such a table
// is a template instance. A reprinted table keeps its values, but for a few misprints or
// updates.
func (v *Verifier) otherIssue(a, b *sketch.Sketch, sa, sb *sentences, chain []match) bool {
	rows := 0
	for _, m := range chain {
		if row(sa, sb, m) {
			rows++
		}
	}
	if rows < minTableRows {
		return false
	}
	if v.colA == nil {
		v.colA, v.colB = map[uint32]int{}, map[uint32]int{}
	}
	colA, colB := columnValues(v.colA, a, sa), columnValues(v.colB, b, sb)
	other := 0
	for _, m := range chain {
		if row(sa, sb, m) && otherCell(a.Sentence(int(m.a)), b.Sentence(int(m.b)), colA, colB) {
			other++
		}
	}
	return other >= minTableRows && 4*other >= rows
}

// columnValues counts in col, emptied first, for each content word, the rows of sk (sentences
// shorter than proseWords words) that it ends, and returns col.
func columnValues(col map[uint32]int, sk *sketch.Sketch, s *sentences) map[uint32]int {
	clear(col)
	for i := range sk.Sentences() {
		if sent := sk.Sentence(i); s.all[i] < proseWords && len(sent) > 0 {
			col[sent[len(sent)-1]]++
		}
	}
	return col
}

// quoted reports whether most content words of sentence i of s stand inside quotation marks.
func quoted(s *sketch.Sketch, i int) bool {
	if s.Quoted == nil {
		return false
	}
	start := 0
	if i > 0 {
		start = int(s.Ends[i-1])
	}
	end, n := int(s.Ends[i]), 0
	for k := start; k < end; k++ {
		if s.IsQuoted(k) {
			n++
		}
	}
	return 2*n > end-start
}

// chainCell is a node of heaviest's Fenwick tree: the heaviest chain among some matches.
type chainCell struct {
	total int64
	match int32 // index into matches of the chain's last match, -1 for none
}

// chainScratch holds the buffers of heaviest, reused from pair to pair: made anew for each,
// they were most of what verifying a pair allocated.
type chainScratch struct {
	tree  []chainCell
	prev  []int32
	total []int64
	chain []match
}

// heaviest returns the matches, strictly increasing in both a and b, of greatest total
// weight, in the scratch's buffer: valid until the next call. It is a weighted longest
// increasing subsequence: matches are taken in order of a, and a Fenwick tree over b answers
// "best chain ending before b" in O(log nb). Matches of one a are scored before any of them is
// inserted, so a chain never uses one sentence of a twice.
func (s *chainScratch) heaviest(matches []match, nb int) []match {
	if len(matches) == 0 {
		return nil
	}
	slices.SortFunc(matches, func(x, y match) int {
		return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b))
	})
	tree := slices.Grow(s.tree[:0], nb+1)[:nb+1]
	s.tree = tree
	for i := range tree {
		tree[i] = chainCell{match: -1}
	}
	best := func(j int32) chainCell { // best chain among matches with b < j
		c := chainCell{match: -1}
		for k := int(j); k > 0; k -= k & -k {
			if tree[k].total > c.total {
				c = tree[k]
			}
		}
		return c
	}
	prev := slices.Grow(s.prev[:0], len(matches))[:len(matches)]
	total := slices.Grow(s.total[:0], len(matches))[:len(matches)]
	s.prev, s.total = prev, total
	end := chainCell{match: -1}
	for start := 0; start < len(matches); {
		stop := start
		for stop < len(matches) && matches[stop].a == matches[start].a {
			stop++
		}
		for k := start; k < stop; k++ {
			c := best(matches[k].b)
			prev[k] = c.match
			total[k] = c.total + int64(matches[k].weight)
		}
		for k := start; k < stop; k++ {
			for j := int(matches[k].b) + 1; j <= nb; j += j & -j {
				if total[k] > tree[j].total {
					tree[j] = chainCell{total[k], int32(k)}
				}
			}
			if total[k] > end.total {
				end = chainCell{total[k], int32(k)}
			}
		}
		start = stop
	}
	chain := s.chain[:0]
	for k := end.match; k >= 0; k = prev[k] {
		chain = append(chain, matches[k])
	}
	slices.Reverse(chain)
	s.chain = chain
	return chain
}
