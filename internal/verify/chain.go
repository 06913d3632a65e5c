package verify

import "slices"

// The heaviest in-order chain of matching sentences: the alignment of two documents.

// chainCell is a node of heaviest's Fenwick tree: the heaviest chain among some matches.
type chainCell struct {
	total int64
	match int32 // index into matches of the chain's last match, -1 for none
}

// chainScratch holds the buffers of heaviest, reused from pair to pair: made anew for each,
// they were most of what verifying a pair allocated.
type chainScratch struct {
	tree   []chainCell
	prev   []int32
	total  []int64
	chain  []match
	sorted []match // scratch of sortByPlaces
	count  []int32 // scratch of sortByPlaces
}

// heaviest returns the matches, of sentences of a below na and of b below nb, strictly
// increasing in both a and b, of greatest total
// weight, in the scratch's buffer: valid until the next call. It is a weighted longest
// increasing subsequence: matches are taken in order of a, and a Fenwick tree over b answers
// "best chain ending before b" in O(log nb). Matches of one a are scored before any of them is
// inserted, so a chain never uses one sentence of a twice.
func (s *chainScratch) heaviest(matches []match, na, nb int) []match {
	if len(matches) == 0 {
		return nil
	}
	s.sortByPlaces(matches, na, nb)
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

// countingSortBelow is the fewest matches that sortByPlaces sorts by counting; fewer are
// sorted by comparison, which costs less than clearing the counts of long documents.
const countingSortBelow = 64

// sortByPlaces sorts matches, of sentences of a below na and of b below nb, by their sentence
// of a, then of b (byPlaces), with two stable counting sorts: by b, then by a. Linear in the
// matches and the sentences: two issues of a long template, whose every frame sentence
// matches each of the other's, have thousands of matches, and sorting them by comparison took
// a tenth of the time spent verifying a newswire-style corpus of such series.
func (s *chainScratch) sortByPlaces(matches []match, na, nb int) {
	if len(matches) < countingSortBelow {
		slices.SortFunc(matches, byPlaces)
		return
	}
	tmp := slices.Grow(s.sorted[:0], len(matches))[:len(matches)]
	count := slices.Grow(s.count[:0], max(na, nb)+1)[:max(na, nb)+1]
	s.sorted, s.count = tmp, count
	countingSort(tmp, matches, count[:nb+1], func(m *match) int32 { return m.b })
	countingSort(matches, tmp, count[:na+1], func(m *match) int32 { return m.a })
}

// countingSort puts the matches of src into dst in order of key, stably; keys are below
// len(count)-1, and count is scratch.
func countingSort(dst, src []match, count []int32, key func(m *match) int32) {
	clear(count)
	for i := range src {
		count[key(&src[i])+1]++
	}
	for k := 1; k < len(count); k++ {
		count[k] += count[k-1]
	}
	for i := range src {
		k := key(&src[i])
		dst[count[k]] = src[i]
		count[k]++
	}
}
