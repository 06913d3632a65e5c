package passages

import (
	"cmp"
	"slices"
)

// unionFind is a disjoint-set forest over 0..n-1 with path halving.
type unionFind []int32

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = int32(i)
	}
	return u
}

func (u unionFind) find(i int32) int32 {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

// union joins the sets of i and j, keeping the smaller root so that the result does not
// depend on the order of unions.
func (u unionFind) union(i, j int32) {
	ri, rj := u.find(i), u.find(j)
	if ri == rj {
		return
	}
	if ri > rj {
		ri, rj = rj, ri
	}
	u[rj] = ri
}

// group is one reprint cluster as stage 4 finds it: its occurrences, by span, in order of
// document and place.
type group []span

// clusterLinks groups the spans of links into reprint clusters (stage 4 of the package doc):
// the two spans of a link are one text; two spans of one document that overlap by at least
// minOverlap of the shorter are one text; a cluster's spans in one document that overlap or lie within
// maxGap content words of each other are merged into one occurrence. Clusters are sorted by
// size, largest first, then by their first occurrence.
func clusterLinks(links []link, minOverlap float64, maxGap int32) []group {
	spans := make([]span, 0, 2*len(links))
	for _, l := range links {
		spans = append(spans, l.a, l.b)
	}
	u := newUnionFind(len(spans))
	for i := 0; i < len(spans); i += 2 {
		u.union(int32(i), int32(i+1))
	}
	// Spans by document and start, to join the overlapping ones of each document.
	order := make([]int32, len(spans))
	for i := range order {
		order[i] = int32(i)
	}
	byPlace := func(x, y int32) int {
		a, b := spans[x], spans[y]
		return cmp.Or(cmp.Compare(a.doc, b.doc), cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end), cmp.Compare(x, y))
	}
	slices.SortFunc(order, byPlace)
	var active []int32 // spans of the current document that may still overlap the next
	for k, i := range order {
		s := spans[i]
		if k > 0 && spans[order[k-1]].doc != s.doc {
			active = active[:0]
		}
		kept := active[:0]
		for _, j := range active {
			t := spans[j]
			if t.end <= s.start {
				continue
			}
			kept = append(kept, j)
			overlap := min(s.end, t.end) - s.start
			if float64(overlap) >= minOverlap*float64(min(s.end-s.start, t.end-t.start)) {
				u.union(i, j)
			}
		}
		active = append(kept, i)
	}
	// Occurrences: per cluster and document, spans merged where they overlap or nearly touch.
	slices.SortFunc(order, func(x, y int32) int {
		return cmp.Or(cmp.Compare(u.find(x), u.find(y)), byPlace(x, y))
	})
	var groups []group
	for k := 0; k < len(order); {
		root := u.find(order[k])
		var g group
		for ; k < len(order) && u.find(order[k]) == root; k++ {
			s := spans[order[k]]
			if n := len(g); n > 0 && g[n-1].doc == s.doc && s.start <= g[n-1].end+maxGap {
				g[n-1].end = max(g[n-1].end, s.end)
				continue
			}
			g = append(g, s)
		}
		groups = append(groups, g)
	}
	slices.SortFunc(groups, func(x, y group) int {
		return cmp.Or(cmp.Compare(len(y), len(x)), cmp.Compare(x[0].doc, y[0].doc), cmp.Compare(x[0].start, y[0].start))
	})
	return groups
}
