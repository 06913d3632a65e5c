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

// Group is one reprint cluster as stage 4 finds it: its occurrences, by span, in order of
// document and place.
type Group []Span

// ClusterLinks groups the spans of links into reprint clusters (stage 4 of the package doc):
// the two spans of a link are one text; two spans of one document that overlap by at least
// minOverlap of the shorter are one text; a cluster's spans in one document that overlap or lie within
// maxGap content words of each other are merged into one occurrence. Clusters are sorted by
// size, largest first, then by their first occurrence.
func ClusterLinks(links []Link, minOverlap float64, maxGap int32) []Group {
	spans := make([]Span, 0, 2*len(links))
	for _, l := range links {
		spans = append(spans, l.A, l.B)
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
		return cmp.Or(cmp.Compare(a.Doc, b.Doc), cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), cmp.Compare(x, y))
	}
	slices.SortFunc(order, byPlace)
	joinOverlaps(spans, order, minOverlap, u.union)
	// Occurrences: per cluster and document, spans merged where they overlap or nearly touch.
	slices.SortFunc(order, func(x, y int32) int {
		return cmp.Or(cmp.Compare(u.find(x), u.find(y)), byPlace(x, y))
	})
	var groups []Group
	for k := 0; k < len(order); {
		root := u.find(order[k])
		var g Group
		for ; k < len(order) && u.find(order[k]) == root; k++ {
			s := spans[order[k]]
			if n := len(g); n > 0 && g[n-1].Doc == s.Doc && s.Start <= g[n-1].End+maxGap {
				g[n-1].End = max(g[n-1].End, s.End)
				continue
			}
			g = append(g, s)
		}
		groups = append(groups, g)
	}
	slices.SortFunc(groups, func(x, y Group) int {
		return cmp.Or(cmp.Compare(len(y), len(x)), cmp.Compare(x[0].Doc, y[0].Doc), cmp.Compare(x[0].Start, y[0].Start))
	})
	return groups
}

// joinOverlaps calls join for every two spans of one document that overlap by at least
// minOverlap of the shorter, given order, the indexes of spans sorted by document, start and
// end.
func joinOverlaps(spans []Span, order []int32, minOverlap float64, join func(i, j int32)) {
	var active []int32 // spans of the current document that may still overlap the next
	for k, i := range order {
		s := spans[i]
		if k > 0 && spans[order[k-1]].Doc != s.Doc {
			active = active[:0]
		}
		kept := active[:0]
		for _, j := range active {
			t := spans[j]
			if t.End <= s.Start {
				continue
			}
			kept = append(kept, j)
			overlap := min(s.End, t.End) - s.Start
			if float64(overlap) >= minOverlap*float64(min(s.End-s.Start, t.End-t.Start)) {
				join(i, j)
			}
		}
		active = append(kept, i)
	}
}

// Overlapping calls join for every two of spans, sorted by document, start and end, that lie
// in one document and overlap by at least minOverlap of the shorter: two occurrences of one
// text, as ClusterLinks joins them. It lets a pipeline that holds one document's spans at a
// time find the joins that ClusterLinks makes over all links at once.
func Overlapping(spans []Span, minOverlap float64, join func(i, j int32)) {
	order := make([]int32, len(spans))
	for i := range order {
		order[i] = int32(i)
	}
	joinOverlaps(spans, order, minOverlap, join)
}
