package verify

import (
	"cmp"
	"context"
	"slices"

	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// sentences stores sorted, de-duplicated word sets of sentences in one buffer, and the
// document's distinct terms, each with an id that the sets and the postings know it by.
type sentences struct {
	words  []uint32
	ids    []uint32  // the id of each of words (see vocab)
	wts    []float32 // the weight of each of words
	ends   []int32   // end offset in words of each sentence's set
	size   []int32   // content words of each sentence, duplicates included
	weight []float32 // their weight, duplicates included
	setWt  []float32 // the weight of each sentence's set: each word once
	total  float32   // the weight of the document's content words
	nums   []int32   // numbers among the content words of each sentence, duplicates included
	all    []int32   // words of each sentence, stop words included (see build)
	// termWts holds the weight of each term of the document, in text order: the longest run
	// and otherNames read it for every pair the document is in, where a lookup in the
	// corpus's weights, a table of its every term, missed the processor's cache for most
	// words.
	termWts []float32
	// vocab holds the document's distinct terms in order of first occurrence: a term's id is
	// its index. A pair's terms are matched once, by id (termMap), so that the alignment and
	// the longest run read arrays by id where they looked every word up in a table.
	vocab   []uint32
	byTerm  termSlots // each term of vocab with its id plus one
	termIDs []uint32  // the id of each term of the document, in text order
	rare    float32   // the least weight of a rare term (Weights.rareWeight)
	name    float32   // the least weight of a name (Weights.leastNameWeight)
	most    int       // the most occurrences of a term of the document
	// prose is the highest share of stop words in a sentence of at least proseWords words:
	// how much of its prose the document's language writes in stop words, about 0.5 or more
	// in English, German or Spanish, 0.3-0.4 in Russian or Arabic, 0.1-0.15 in Korean, 0
	// where the language has no stop list (Chinese, Japanese, Thai).
	prose float64
}

// proseWords is the fewest words of a sentence whose stop share counts towards
// sentences.prose: a headline or a table row of a few words says nothing of the language.
const proseWords = 8

// span returns where the words of set i are in words, ids and wts: [start, end).
func (s *sentences) span(i int) (start, end int32) {
	if i > 0 {
		start = s.ends[i-1]
	}
	return start, s.ends[i]
}

// set returns the sorted, distinct words of sentence i.
func (s *sentences) set(i int) []uint32 {
	start, end := s.span(i)
	return s.words[start:end]
}

// setIDs returns the ids of the words of set(i), in the same order.
func (s *sentences) setIDs(i int) []uint32 {
	start, end := s.span(i)
	return s.ids[start:end]
}

// weights returns the weights of the words of set(i), in the same order.
func (s *sentences) weights(i int) []float32 {
	start, end := s.span(i)
	return s.wts[start:end]
}

// id returns the id of term t and whether the document has t.
func (s *sentences) id(t uint32) (uint32, bool) {
	_, id1, ok := s.byTerm.find(t)
	return id1 - 1, ok
}

// setScratch is the scratch of sentences.build, kept by the verifier for the next document.
type setScratch struct {
	counts []int32   // occurrences of each distinct term, by id
	home   []uint64  // the entry of the corpus's weights in the home slot of each distinct term
	wts    []float32 // the weight of each distinct term, by id
	keyed  []uint64  // a sentence's terms, term<<32 | their id
}

// build makes s the sentence sets of sk, with the weights in w of their words and of sk's
// terms.
func (s *sentences) build(sk *sketch.Sketch, w *Weights, sc *setScratch) {
	// Sized at once: a cached document's sets are built once into buffers of another size.
	terms, n := len(sk.Terms), sk.Sentences()
	s.words, s.wts = slices.Grow(s.words[:0], terms), slices.Grow(s.wts[:0], terms)
	s.ids = slices.Grow(s.ids[:0], terms)
	s.ends, s.size = slices.Grow(s.ends[:0], n), slices.Grow(s.size[:0], n)
	s.weight, s.setWt, s.total = slices.Grow(s.weight[:0], n), slices.Grow(s.setWt[:0], n), 0
	s.nums, s.all, s.prose = slices.Grow(s.nums[:0], n), slices.Grow(s.all[:0], n), 0
	s.vocabulary(sk, sc)
	// Each distinct term's weight looked up once in w, a table of the corpus's every term
	// where most lookups miss the processor's cache, and kept by id for the sets; a word
	// recurs in the sentences of a document. The home slots in w of all the distinct terms
	// are read first, loads that do not wait on one another, so that the processor has many
	// misses in flight at once; then each weight is taken from its home slot, now cached, or
	// looked up when another term holds the slot.
	sc.home = sc.home[:0]
	for _, t := range s.vocab {
		sc.home = append(sc.home, w.home(t))
	}
	wts := slices.Grow(sc.wts[:0], len(s.vocab))[:len(s.vocab)]
	sc.wts = wts
	for id, t := range s.vocab {
		wts[id] = w.ofHome(t, sc.home[id])
	}
	s.termWts = slices.Grow(s.termWts[:0], terms)[:terms]
	s.rare, s.name = w.rareWeight(), w.leastNameWeight()
	for k, id := range s.termIDs {
		s.termWts[k] = wts[id]
	}
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
		// Each term with its id, sorted: each distinct word once, with its weight, counted
		// as often as it occurs.
		at := sentenceStart(sk, i)
		keyed := sc.keyed[:0]
		for k, t := range sent {
			keyed = append(keyed, uint64(t)<<32|uint64(s.termIDs[at+k]))
		}
		slices.Sort(keyed)
		sc.keyed = keyed
		var all, distinct float32
		for k := 0; k < len(keyed); {
			t, run := uint32(keyed[k]>>32), 1
			for k+run < len(keyed) && uint32(keyed[k+run]>>32) == t {
				run++
			}
			id := uint32(keyed[k])
			wt := wts[id]
			s.words = append(s.words, t)
			s.ids = append(s.ids, id)
			s.wts = append(s.wts, wt)
			all += wt * float32(run)
			distinct += wt
			k += run
		}
		n := len(s.words)
		s.ends = append(s.ends, int32(n))
		s.size = append(s.size, int32(len(sent)))
		s.weight = append(s.weight, all)
		s.setWt = append(s.setWt, distinct)
		s.total += all
	}
}

// vocabulary makes s.vocab, s.byTerm and s.termIDs those of sk, and s.most its most
// occurrences of a term.
func (s *sentences) vocabulary(sk *sketch.Sketch, sc *setScratch) {
	s.byTerm.reset(len(sk.Terms))
	s.vocab = s.vocab[:0]
	s.termIDs = slices.Grow(s.termIDs[:0], len(sk.Terms))[:len(sk.Terms)]
	counts := sc.counts[:0]
	for k, t := range sk.Terms {
		slot, id1, ok := s.byTerm.find(t)
		if !ok {
			s.vocab = append(s.vocab, t)
			counts = append(counts, 0)
			id1 = uint32(len(s.vocab))
			s.byTerm.set(slot, t, id1)
		}
		counts[id1-1]++
		s.termIDs[k] = id1 - 1
	}
	sc.counts = counts
	s.most = 0
	for _, c := range counts {
		s.most = max(s.most, int(c))
	}
}

type match struct {
	a, b   int32
	weight int32
	sim    float64 // Dice similarity
	wsim   float64 // DF-weighted Dice similarity
}

// byPlaces orders matches by their sentence of a, then of b: sentence indexes are not
// negative, so the two in one number order as the pair does, in one comparison where
// cmp.Or makes two of every pair it is given.
func byPlaces(x, y match) int {
	return cmp.Compare(uint64(x.a)<<32|uint64(x.b), uint64(y.a)<<32|uint64(y.b))
}

// checkEvery is how many sentences (align) or words (longestRun) pass between two checks of the
// context: a few milliseconds of work.
const checkEvery = 1 << 10

// align finds the matching sentences of a and b and the heaviest in-order chain of them, keeps
// the chain in v.aligned for Passages, and lists it in r.Aligned when list is set. It fails
// only when ctx is cancelled.
func (v *Verifier) align(ctx context.Context, a, b *sketch.Sketch, r *Result, list bool) error {
	r.StopShare = 1 // until aligned sentences that are not templates give another
	setsA, setsB := v.sentenceSets(v.docA), v.sentenceSets(v.docB)
	// From the sentence sets alone, whatever the alignment finds.
	r.ProseStopShare = min(StopShareOfProse, max(setsA.prose, setsB.prose)/2)
	na, nb := a.Sentences(), b.Sentences()
	// Which terms the two share, by id: the matching, the longest run and otherNames read it.
	v.terms.build(setsA, setsB)
	// Two ways to the same matches: looking each word of a's sentences up in b's postings, or
	// each word of b's up in a's, which a scan builds once for all the candidates of a. The
	// second does not build b's postings (a third of a document's preparation) and reads
	// postings the processor's cache holds, where b's, built when b was last prepared, it
	// mostly does not. It takes every place of a word, so it finds what the first finds only
	// where the first cuts none: where b has no more sentences than a lookup visits places
	// (Params.MaxOccurrences), as most articles have.
	var err error
	if nb <= v.p.MaxOccurrences {
		err = v.matchFromA(ctx, setsA, setsB, na, nb, r)
	} else {
		err = v.matchFromB(ctx, setsA, setsB, na, nb, r)
	}
	if err != nil {
		return err
	}
	chain := v.chain.heaviest(v.matches, na, nb)
	// The alignment is kept, whether listed or not, so that Passages need not align the pair
	// again.
	v.aligned, v.alignedA, v.alignedB = v.aligned[:0], a, b
	if len(chain) == 0 {
		return nil
	}
	var wordsA, wordsB int32
	var headA, headB int32       // the words of an aligned pair with a headline, a side
	var copiedA, copiedB float64 // the words of wordsA and wordsB copied (see copiedWords)
	var weightA, weightB float32
	// Numbers, content words and all words of the counted aligned sentences, both sides: the
	// number share and the stop share; and of the shared quotations, which count in both
	// shares too. A quotation is prose whoever said it, and a list or a table is not quoted:
	// a testimonial ad reprinted whole (a copy) aligns its quoted letter and, counted, only
	// its headline, which has no stop words, and it was taken for a list.
	var nums, content, all int32
	var qNums, qContent, qAll int32
	table := v.otherIssue(a, b, setsA, setsB, chain)
	names := v.otherNames(a, b, setsA, setsB, chain, r)
	for k, m := range chain {
		figures := templateInstance(setsA.set(int(m.a)), setsB.set(int(m.b)))
		tableRow := !figures && table && row(setsA, setsB, m)
		template := figures || tableRow
		v.aligned = append(v.aligned, Alignment{A: int(m.a), B: int(m.b), Similarity: m.sim, WeightedSimilarity: m.wsim, Template: template, Row: tableRow})
		if template {
			r.TemplateSentences++
			// One figure on a side, the words alike: a writethru's new toll, which may add
			// a second figure ("killing at least 38 people, injuring 150").
			if figures && min(setsA.nums[m.a], setsB.nums[m.b]) <= int32(v.p.StrictUpdateFigures) && m.sim >= v.p.StrictUpdateSimilarity {
				r.UpdateSentences++
			}
			continue
		}
		if quoted(a, int(m.a)) && quoted(b, int(m.b)) {
			// Half weight: a shared quotation says less than shared narration, though a copy
			// keeps its quotations too.
			r.QuotedSentences++
			v.aligned[len(v.aligned)-1].Quoted = true
			qNums += setsA.nums[m.a] + setsB.nums[m.b]
			qContent += setsA.size[m.a] + setsB.size[m.b]
			qAll += setsA.all[m.a] + setsB.all[m.b]
			wordsA += setsA.size[m.a] / 2
			wordsB += setsB.size[m.b] / 2
			copiedA += copiedWords(setsA.size[m.a], m.sim) / 2
			copiedB += copiedWords(setsB.size[m.b], m.sim) / 2
			weightA += setsA.weight[m.a] / 2
			weightB += setsB.weight[m.b] / 2
			continue
		}
		r.AlignedSentences++
		if m.a == 0 && a.Headline || m.b == 0 && b.Headline {
			// Counted on neither side in the body's coverage (see Params.Unstrict).
			r.HeadlineSentences++
			headA, headB = setsA.size[m.a], setsB.size[m.b]
		}
		if ownNames(a, setsA, int(m.a), v.p.StrictNames, v.terms.bOfA) && ownNames(b, setsB, int(m.b), v.p.StrictNames, v.terms.aOfB) {
			r.OwnNameSentences++
		}
		if k < len(names) && names[k] {
			v.aligned[len(v.aligned)-1].Names = true
			r.NamedWords += int(setsA.size[m.a] + setsB.size[m.b])
		}
		nums += setsA.nums[m.a] + setsB.nums[m.b]
		content += setsA.size[m.a] + setsB.size[m.b]
		all += setsA.all[m.a] + setsB.all[m.b]
		wordsA += setsA.size[m.a]
		wordsB += setsB.size[m.b]
		copiedA += copiedWords(setsA.size[m.a], m.sim)
		copiedB += copiedWords(setsB.size[m.b], m.sim)
		weightA += setsA.weight[m.a]
		weightB += setsB.weight[m.b]
	}
	if list {
		r.Aligned = slices.Clone(v.aligned)
	}
	r.CoverageA = float64(wordsA) / float64(len(a.Terms))
	r.CoverageB = float64(wordsB) / float64(len(b.Terms))
	r.BodyCoverage = max(bodyShare(wordsA-headA, a), bodyShare(wordsB-headB, b))
	// Measured in words like the coverage: units of scripts without spaces count half.
	r.Copied = max(copiedA/float64(len(a.Terms))*a.WordEquivalents(), copiedB/float64(len(b.Terms))*b.WordEquivalents())
	r.WeightedCoverageA = min(float64(weightA/setsA.total), 1)
	r.WeightedCoverageB = min(float64(weightB/setsB.total), 1)
	r.AlignedWords = int(content)
	nums, content, all = nums+qNums, content+qContent, all+qAll
	if content > 0 {
		r.NumberShare = float64(nums) / float64(content)
	}
	if all > 0 {
		r.StopShare = float64(max(all-content, 0)) / float64(all)
	}
	return nil
}

// sentenceScratch returns the verifier's per-sentence counts, sized for n sentences and zero
// (see tally), and makes v.touched hold every sentence and one more.
func (v *Verifier) sentenceScratch(n int) (counts []uint64, weights []float32) {
	if cap(v.counts) < n {
		v.counts = make([]uint64, n)
		v.weights = make([]float32, n)
		v.touched = make([]int32, n+1)
	}
	return v.counts[:n], v.weights[:n]
}

// tally counts a shared word of weight wt in each sentence at places (one entry a sentence):
// one more shared word and, unless the word is a number, one more shared word that is not, in
// one count (see sharedCounts), and wt more shared weight. It notes in v.touched[:v.nTouched]
// each sentence it counts first, whose counts the caller reads and sets back to zero. The counts are those
// sentenceScratch sized.
//
// The two counts share a word, and the loop keeps its slices in locals, so that a place costs
// two updates of memory and no reload of the verifier's fields: on whole pages, where a
// common word is in dozens of the other page's sentences, this loop is the alignment's
// busiest, and with three counts and the fields reloaded after every store it ran out of
// registers. Each place is written after the sentences noted, and kept there when its
// sentence is counted first: v.touched holds every sentence and one more, so there is no
// append's test of capacity.
func (v *Verifier) tally(places []uint32, wt float32, number bool) {
	counts, weights, touched, n := v.counts, v.weights, v.touched, v.nTouched
	inc := uint64(1)<<32 | 1
	if number {
		inc = 1 << 32
	}
	for _, p := range places {
		c := counts[p]
		touched[n] = int32(p)
		if c == 0 {
			n++
		}
		counts[p] = c + inc
		weights[p] += wt
	}
	v.nTouched = n
}

// sharedCounts splits a count of tally: the shared words and those of them that are not
// numbers.
func sharedCounts(c uint64) (shared, words int32) { return int32(c >> 32), int32(uint32(c)) }

// matchFromB finds the matching sentences of a and b, a's na sentences with sets setsA and
// b's nb with setsB, in v.matches: for each sentence of a, the sentences of b that hold its
// words, by b's postings, at most Params.MaxOccurrences places of a word and
// Params.MaxSentenceMatches matches a sentence, those nearest the diagonal, setting r.Capped
// when it cuts any. The pair's terms must be mapped (v.terms). It fails only when ctx is
// cancelled.
func (v *Verifier) matchFromB(ctx context.Context, setsA, setsB *sentences, na, nb int, r *Result) error {
	index := v.sentencePostings(v.docB)
	bOfA := v.terms.bOfA
	counts, weights := v.sentenceScratch(nb)
	v.matches = v.matches[:0]
	for i := range na {
		if i%checkEvery == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		setA, idsA, wtsA := setsA.set(i), setsA.setIDs(i), setsA.weights(i)
		if len(setA) < 2 {
			continue
		}
		near := diagonal(i, na, nb)
		v.nTouched = 0
		for x, id := range idsA {
			inB := bOfA[id]
			if inB == 0 {
				continue
			}
			places := index.of(inB - 1)
			lo, hi, cut := occurrences(places, near, v.p.MaxOccurrences)
			r.Capped = r.Capped || cut
			v.tally(places[lo:hi], wtsA[x], sketch.IsNumber(setA[x]))
		}
		first := len(v.matches)
		for _, j := range v.touched[:v.nTouched] {
			shared, words := sharedCounts(counts[j])
			wshared := weights[j]
			counts[j], weights[j] = 0, 0
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
			nearest(v.matches[first:], near)
			v.matches = v.matches[:first+keep]
			r.Capped = true
		}
	}
	return nil
}

// nearest sorts matches, those of one sentence of a, nearest first: by their distance from
// near, where a copy of the sentence would be in b, then by similarity, most similar first.
func nearest(matches []match, near int) {
	slices.SortFunc(matches, func(x, y match) int {
		return cmp.Or(cmp.Compare(distance(x.b, near), distance(y.b, near)),
			cmp.Compare(y.sim, x.sim), cmp.Compare(x.b, y.b))
	})
}

// matchFromA is matchFromB for a b of at most Params.MaxOccurrences sentences, where no word
// has more places in b than a lookup visits: it finds the same matches, in another order,
// looking each word of b's sentences up in a's postings. A word's weight is the same in both
// documents and both sentences' sets are sorted by term, so a match's shared weight adds the
// same weights in the same order as matchFromB's, to the same float32. The matches of a
// sentence of a beyond Params.MaxSentenceMatches are cut as matchFromB cuts them, once all
// are found.
func (v *Verifier) matchFromA(ctx context.Context, setsA, setsB *sentences, na, nb int, r *Result) error {
	index := v.sentencePostings(v.docA)
	aOfB := v.terms.aOfB
	counts, weights := v.sentenceScratch(na)
	perA := slices.Grow(v.perA[:0], na)[:na] // matches of each sentence of a
	v.perA = perA
	clear(perA)
	v.matches = v.matches[:0]
	keep, over := v.p.MaxSentenceMatches, false
	for j := range nb {
		if j%checkEvery == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		setB, idsB, wtsB := setsB.set(j), setsB.setIDs(j), setsB.weights(j)
		v.nTouched = 0
		for y, id := range idsB {
			if inA := aOfB[id]; inA != 0 {
				v.tally(index.of(inA-1), wtsB[y], sketch.IsNumber(setB[y]))
			}
		}
		for _, i := range v.touched[:v.nTouched] {
			shared, words := sharedCounts(counts[i])
			wshared := weights[i]
			counts[i], weights[i] = 0, 0
			if words < 2 {
				continue // as in matchFromB; a sentence of a of fewer than 2 words ends here too
			}
			sim := 2 * float64(shared) / float64(len(setsA.set(int(i)))+len(setB))
			if sim >= v.p.SentenceSimilarity {
				wsim := 2 * float64(wshared) / float64(setsA.setWt[i]+setsB.setWt[j])
				v.matches = append(v.matches, match{a: i, b: int32(j), weight: setsA.size[i] + setsB.size[j], sim: sim, wsim: wsim})
				perA[i]++
				over = over || int(perA[i]) > keep
			}
		}
	}
	if over {
		slices.SortFunc(v.matches, byPlaces)
		kept := v.matches[:0]
		for start := 0; start < len(v.matches); {
			i := v.matches[start].a
			group := v.matches[start : start+int(perA[i])]
			if len(group) > keep {
				nearest(group, diagonal(int(i), na, nb))
				group = group[:keep]
				r.Capped = true
			}
			kept = append(kept, group...)
			start += int(perA[i])
		}
		v.matches = kept
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

// bodyShare returns the share of the content words of s outside its headline (see
// sketch.Sketch.Headline) that words, a number of them, are.
func bodyShare(words int32, s *sketch.Sketch) float64 {
	body := len(s.Terms)
	if s.Headline {
		body -= int(s.Ends[0])
	}
	if body <= 0 {
		return 0
	}
	return float64(words) / float64(body)
}
