// Package cluster groups verified duplicate pairs into clusters without chaining.
//
// Plain union-find over pairwise edges chains: if B holds half of A and half of C, the edges
// A~B and B~C put the unrelated A and C in one cluster. Running stories that reuse a background
// paragraph, shared wire headers and articles quoting two sources all do this in news archives.
//
// # Rule
//
// Clusters are stars, chosen greedily. The next representative is the unassigned document
// (never a compilation, see below) with the most verified weight, the sum of its edge scores, to
// unassigned documents. Dates do not choose it: taken earliest first, they made the first
// document of a day the centre of a star whatever it shared, and on the chronam-1916 articles
// dated by day the labelled copies in one cluster fell from 515 to 497 of 610 over the four
// labelled sets, the false pairs the same (58); the earliest member is what --keep earliest
// keeps. It takes every
// unassigned document verified against it or against one of its near-identical copies (each
// holding at least 80% of the other: the cluster's core). Every member is therefore verified
// against the representative's text, and a document joins exactly one cluster. The choice puts
// the original first: copies are verified against it and are close to it, while copies of one
// original are verified against each other less often and less strongly.
//
// When a star is formed it also adopts the unassigned documents verified against at least two
// of its members and a third of them, though not against the representative: one edge never
// suffices, so adoption cannot chain A~B~C.
//
// The first star that reaches a document is not always the one it belongs to: a spun copy that
// carries a paragraph of an unrelated story is verified against that story too, and if that
// story's star forms first it would take the copy away from its main source. So once every
// star is formed, each member that is verified against the core of more than one star moves to
// the star it shares most with (its strongest edge to a core: the highest score, then the
// earlier star). It is still verified against its new star's core, so the rule cannot chain.
// A star left with its representative alone dissolves, and that representative then joins the
// star of its strongest edge to a core, if any.
//
// A document verified only against members of a star, not against its core, is in no star,
// though it is often a copy of the star's story: a cut or spun copy of one paper's version that
// no candidate search paired with the representative. Once the stars are settled, it joins the
// star of a member when what it shares with that member lies within what the member shares with
// the core (at least containedShare of the length of its passages there, by the edges' spans):
// its shared text is then the representative's, through the member. A document verified against
// that member alone, with a score of at least aloneScore, joins too when it shares mostly the
// same part of the member as the core (samePartShare of the one in the other): a spun copy of
// the member, which the spinning and its cuts put out of the verifier's reach of the
// representative. A document that shares another part of the member only (the other story of a
// page that printed two) stays out. The strongest such edge decides, and documents joined so
// bring in no others: no chaining.
//
// A member's strongest relation is not always its star either: a story one paper printed whole and
// the representative only in part, with a spun reprint of the whole that shares too little with the
// representative to join through the member. So, last, a document still in no cluster whose
// strongest edge is with a member, scores aloneScore or more and is stronger than any edge of that
// member to its core, takes the member out of its star into a new cluster that the member
// represents (unless another member was adopted or joined through it). A star left with its
// representative alone gives it to the new cluster if the two are verified against each other.
// The members of the stars that are verified against that member more strongly than against
// their own core, which they hold by less than aloneScore, then follow it: their strongest
// relation now represents a cluster, and they are verified against it.
//
// A compilation is a document that is mostly made of two or more neighbours that are not
// verified against each other (it takes from several unrelated sources). Two that copy one part
// of it, and one of them nothing else, closely (a spun reprint of the document beside a reprint
// that the spinning put out of the verifier's reach, or two papers' rewrites of a wire story, one
// from its lead and one from its middle), are not two sources: by the edges' spans, the parts
// they share with the document are not apart (a fifth or more of one lies in the other; compound
// below takes parts that overlap less for two stories). A compilation is never a
// representative, so it cannot fuse its sources: it joins a cluster as a member of a star, or
// after all stars are formed the cluster of its strongest neighbour, or stays alone.
//
// A page that printed two stories under one headline is a compilation too, though no neighbour
// holds enough of it: its neighbours fall into groups, joined by the pairs among them, of which
// two of at least two documents each copy parts of it that barely overlap (see compound).
//
// Ties are broken by a static order: more neighbour share found in the document, more words,
// then the name (the path), then the input order, so the result depends only on the inputs.
package cluster

import (
	"cmp"
	"container/heap"
	"slices"
)

// Node describes one document for the priority order.
type Node struct {
	Words int
	// Name breaks the ties that the shares and the words leave, before the input order, so
	// that the representatives do not depend on the order of the inputs (a reversed export
	// chose another of two issues of equal length); "" leaves them to the input order.
	Name string
}

// Edge is a verified duplicate pair. ShareA is how much of A is found in B, ShareB how much of
// B is found in A, both in [0, 1]; Score ranks edges of one document. SpansA and SpansB are the
// parts of A and of B that the pair aligns (its passages); a document is joined through a
// member only by edges that have them.
type Edge struct {
	A, B           int
	ShareA, ShareB float64
	Score          float64
	SpansA, SpansB []Span
}

// Span is a part of a document, Start to End-1: its bytes, or its sentences. The spans of one
// document's edges must all be in one unit; in bytes, a passage weighs by its length, so that
// a dateline that two alignments cut differently counts for little.
type Span struct {
	Start, End int
}

// Cluster is a group of at least two documents.
type Cluster struct {
	Representative int
	Members        []int // document indexes in ascending order, the representative included
}

// coreShare is how much of each other two documents must hold to be near-identical.
const coreShare = 0.8

// containedShare is how much of what a document shares with a member, in length of the
// member's passages, must lie within what the member shares with its star's core for the
// document to join the star through the member. As coreShare, it leaves room for a sentence or
// two that the two alignments cut differently.
const containedShare = 0.8

// aloneScore decides when two neighbours copy one part of a document (onePart): one of them,
// verified against the document alone, scores at least aloneScore with it, and the parts they
// share with it are not apart. On the 59,433 chronam articles with 300 of them spun
// (scripts/spin-eval.py), a representative's spun copy and a reprint not verified against each
// other made 3 of 26 representatives compilations, and the spun copy left its source's cluster.
// Without aloneScore, a third independent Clough-Stevenson answer of task c (g0pC, 0.62 with
// g2pC alone) made g2pC a representative and joined g1pD through the cluster. The parts were
// first asked to be mostly one (samePartShare), which left the wire story 23_pa of
// testdata/court a compilation: the Guardian's story of the hearing holds its second half and the
// Telegraph's its first (scores 0.91 and 0.87), overlapping by 0.31 and 0.26 of their lengths.
//
// joinThroughMembers asks aloneScore and samePartShare of a spun copy of a member (at least
// samePartShare of the part it shares with the member lies in the part the member shares with
// the core, or the other way round): without aloneScore, holding 80% of what the member shares
// with the core, 105 more of the chronam articles joined stars through members, two of them
// labelled independent accounts that share a quotation.
const (
	samePartShare = 0.5
	aloneScore    = 0.8
)

// Star groups the documents 0..len(nodes)-1 using the verified edges; minShare is how much of a
// document must come from a neighbour to count as made of it (scan's --cluster-share, by
// default equal to the verifier's coverage threshold). Documents without edges are in no
// cluster. Clusters are returned in ascending order of their smallest member; the result
// depends only on the inputs, not on edge order.
func Star(nodes []Node, edges []Edge, minShare float64) []Cluster {
	n := len(nodes)
	adj := make([][]Edge, n)
	for _, e := range edges {
		adj[e.A] = append(adj[e.A], e)
		adj[e.B] = append(adj[e.B], Edge{A: e.B, B: e.A, ShareA: e.ShareB, ShareB: e.ShareA, Score: e.Score, SpansA: e.SpansB, SpansB: e.SpansA})
	}
	for i := range adj {
		slices.SortFunc(adj[i], func(x, y Edge) int { return cmp.Compare(x.B, y.B) })
	}

	sourceScore := make([]float64, n)
	compilation := make([]bool, n)
	order := make([]int, 0, n)
	// linked[d] == mark: d is a neighbour of the neighbour whose list was last marked. Marked
	// once per neighbour, the test of every other neighbour is a look-up: searched in the list
	// once per pair, the thousand copies of one story took 13 s to test each other.
	linked := make([]int, n)
	mark := 0
	for i, es := range adj {
		if len(es) == 0 {
			continue
		}
		order = append(order, i)
		var made []Edge // edges to the neighbours i is mostly made of
		for _, e := range es {
			sourceScore[i] += e.ShareB
			if e.ShareA >= minShare {
				made = append(made, e)
			}
		}
		if compound(i, adj) {
			compilation[i] = true
			continue
		}
	outer:
		for x := range made {
			mark++
			for _, f := range adj[made[x].B] {
				linked[f.B] = mark
			}
			for y := x + 1; y < len(made); y++ {
				if linked[made[y].B] != mark && !onePart(made[x], made[y], adj) {
					compilation[i] = true
					break outer
				}
			}
		}
	}
	slices.SortFunc(order, func(x, y int) int {
		return cmp.Or(
			cmp.Compare(sourceScore[y], sourceScore[x]),
			cmp.Compare(nodes[y].Words, nodes[x].Words),
			cmp.Compare(nodes[x].Name, nodes[y].Name),
			cmp.Compare(x, y),
		)
	})

	assigned := make([]int, n) // cluster index + 1, 0 when unassigned
	rank := make([]int, n)     // position in the static order
	for i, d := range order {
		rank[d] = i
	}
	freeDegree := func(d int) float64 {
		f := 0.0
		for _, e := range adj[d] {
			if assigned[e.B] == 0 {
				f += e.Score
			}
		}
		return f
	}
	// Greedy star cover: the next representative is the unassigned document with the most
	// unassigned neighbours. Degrees only fall, so a lazy max-heap suffices: a
	// popped entry whose degree went down is pushed back with the new degree.
	h := &candidates{rank: rank}
	for _, d := range order {
		if !compilation[d] {
			h.items = append(h.items, candidate{doc: d, free: freeDegree(d)})
		}
	}
	heap.Init(h)
	var clusters []Cluster
	var cores [][]int // per cluster, its representative and near-identical copies
	for h.Len() > 0 {
		top := heap.Pop(h).(candidate)
		r := top.doc
		if assigned[r] != 0 {
			continue
		}
		if f := freeDegree(r); f != top.free {
			heap.Push(h, candidate{doc: r, free: f})
			continue
		}
		c := Cluster{Representative: r, Members: []int{r}}
		id := len(clusters) + 1
		assigned[r] = id
		// The core is the representative and its near-identical copies: a document verified
		// against any of them is verified against the representative's text.
		core := []int{r}
		for _, e := range adj[r] {
			if assigned[e.B] == 0 && min(e.ShareA, e.ShareB) >= coreShare && !compilation[e.B] {
				core = append(core, e.B)
			}
		}
		for _, k := range core {
			for _, e := range adj[k] {
				if assigned[e.B] == 0 {
					assigned[e.B] = id
					c.Members = append(c.Members, e.B)
				}
			}
		}
		if len(c.Members) == 1 {
			assigned[r] = 0
			continue
		}
		adopt(&c, id, adj, assigned, compilation)
		clusters = append(clusters, c)
		cores = append(cores, core)
	}
	clusters, cores = joinStrongest(clusters, cores, adj, assigned)
	joinThroughMembers(clusters, cores, adj, assigned, compilation)
	clusters = claimMembers(clusters, cores, adj, assigned, compilation)
	// Compilations join their strongest neighbour's cluster.
	for _, d := range order {
		if assigned[d] != 0 || !compilation[d] {
			continue
		}
		best := -1
		for k, e := range adj[d] {
			if assigned[e.B] != 0 && (best < 0 || e.Score > adj[d][best].Score) {
				best = k
			}
		}
		if best >= 0 {
			ci := assigned[adj[d][best].B] - 1
			clusters[ci].Members = append(clusters[ci].Members, d)
			assigned[d] = ci + 1
		}
	}
	for i := range clusters {
		slices.Sort(clusters[i].Members)
	}
	slices.SortFunc(clusters, func(x, y Cluster) int { return cmp.Compare(x.Members[0], y.Members[0]) })
	return clusters
}

// joinStrongest moves every member of clusters that is not in a core to the cluster whose core
// it has its strongest edge with, dissolves the clusters left with one member, and places their
// representatives the same way. assigned (cluster index + 1 per document) is kept up to date.
// Clusters keep their order; the dissolved ones are dropped, and so are their cores (the
// cores of the clusters kept are returned beside them).
func joinStrongest(clusters []Cluster, cores [][]int, adj [][]Edge, assigned []int) ([]Cluster, [][]int) {
	coreOf := coreIndex(cores)
	// best returns the cluster index + 1 of d's strongest edge to a core, 0 for none.
	best := func(d int) int {
		id, score := 0, -1.0
		for _, e := range adj[d] {
			c := coreOf[e.B]
			if c == 0 || c == coreOf[d] {
				continue
			}
			if e.Score > score || e.Score == score && c < id {
				id, score = c, e.Score
			}
		}
		return id
	}
	moved := false
	for ci := range clusters {
		for _, m := range clusters[ci].Members {
			if coreOf[m] != 0 || assigned[m] != ci+1 {
				continue
			}
			// m stays unless another core holds a strictly stronger edge than its own star's.
			if to := best(m); to != 0 && strongest(adj[m], coreOf, to) > strongest(adj[m], coreOf, ci+1) {
				assigned[m] = to
				moved = true
			}
		}
	}
	if !moved {
		return clusters, cores
	}
	members := make([][]int, len(clusters))
	for d, id := range assigned {
		if id != 0 {
			members[id-1] = append(members[id-1], d)
		}
	}
	// A member adopted through links to other members may have lost them to the moves: it
	// stays only while it is still verified against the core, or against two members of the
	// star proper (the members verified against the core) and a third of them. That is the
	// test adopt made, so a star that no move touched keeps every member, whatever happens to
	// other stars: the clusters of a connected component of the pairs do not depend on the
	// rest of the corpus (dedupe-beam clusters each component alone). Otherwise it goes to its
	// strongest core, or leaves. Each pass only removes, so the loop ends.
	proper := func(d, id int) bool { return coreOf[d] == id || strongest(adj[d], coreOf, id) > 0 }
	for changed := true; changed; {
		changed = false
		for ci := range members {
			id, size := ci+1, 0
			for _, m := range members[ci] {
				if proper(m, id) {
					size++
				}
			}
			inStar := func(d int) bool { return assigned[d] == id && proper(d, id) }
			kept := members[ci][:0]
			for _, m := range members[ci] {
				if coreOf[m] != 0 || proper(m, id) || adoptable(adj[m], inStar, size) {
					kept = append(kept, m)
					continue
				}
				changed = true
				assigned[m] = 0
				if to := best(m); to != 0 {
					assigned[m] = to
					members[to-1] = append(members[to-1], m)
				}
			}
			members[ci] = kept
		}
	}
	for ci, ms := range members {
		if len(ms) == 1 { // the representative alone: it joins its strongest other core
			r := ms[0]
			members[ci] = nil
			assigned[r] = 0
			delete(coreOf, r)
			if to := best(r); to != 0 && len(members[to-1]) > 1 {
				assigned[r] = to
				members[to-1] = append(members[to-1], r)
			}
		}
	}
	out, outCores := clusters[:0], cores[:0]
	for ci, ms := range members {
		if len(ms) < 2 {
			continue
		}
		slices.Sort(ms)
		c := clusters[ci]
		c.Members = ms
		out, outCores = append(out, c), append(outCores, cores[ci])
	}
	for ci, c := range out {
		for _, m := range c.Members {
			assigned[m] = ci + 1
		}
	}
	return out, outCores
}

// joinThroughMembers adds each document in no cluster, compilations aside, to the cluster of
// the member it has its strongest edge with among the members whose spans with their core hold
// at least containedShare of the spans of that edge, or, for a document with that edge alone
// scoring at least aloneScore, are mostly the same part of the member (samePart). All decisions
// are taken before any is applied, so that a document joined brings in no other. assigned is
// kept up to date.
func joinThroughMembers(clusters []Cluster, cores [][]int, adj [][]Edge, assigned []int, compilation []bool) {
	inCore := make([]bool, len(adj))
	for _, core := range cores {
		for _, d := range core {
			inCore[d] = true
		}
	}
	// fromCore returns the spans of member m that its edges to its own cluster's core align.
	fromCore := func(m int) []Span {
		var spans []Span
		for _, e := range adj[m] {
			if inCore[e.B] && assigned[e.B] == assigned[m] {
				spans = append(spans, e.SpansA...)
			}
		}
		return spans
	}
	joins := make([]int, len(adj)) // cluster index + 1 per document, 0 for none
	for d, es := range adj {
		if assigned[d] != 0 || compilation[d] {
			continue
		}
		score := -1.0
		for _, e := range es {
			c := assigned[e.B]
			if c == 0 || e.Score < score || e.Score == score && c > joins[d] {
				continue
			}
			core := fromCore(e.B)
			alone := len(es) == 1 && e.Score >= aloneScore
			if within(e.SpansB, core) >= containedShare || alone && samePart(e.SpansB, core) {
				joins[d], score = c, e.Score
			}
		}
	}
	for d, id := range joins {
		if id != 0 {
			assigned[d] = id
			clusters[id-1].Members = append(clusters[id-1].Members, d)
		}
	}
}

// onePart reports whether x and y, edges from a document to two neighbours it is mostly made
// of, show two copies of one story rather than two sources: one of the neighbours has no other
// edge and scores at least aloneScore with the document (a copy of this document alone, such as
// its spun reprint), and the parts of the document that the two edges align are not apart.
// Edges without spans show two sources.
func onePart(x, y Edge, adj [][]Edge) bool {
	alone := func(e Edge) bool { return len(adj[e.B]) == 1 && e.Score >= aloneScore }
	if !alone(x) && !alone(y) || len(x.SpansA) == 0 || len(y.SpansA) == 0 {
		return false
	}
	return !apart(x.SpansA, y.SpansA)
}

// samePart reports whether the parts x and y of one document are mostly one part: at least
// samePartShare of the length of one lies in the other.
func samePart(x, y []Span) bool {
	return max(within(x, y), within(y, x)) >= samePartShare
}

// within returns the share of the length of spans that lies in outer, 0 when spans hold none.
// Either may hold overlapping spans (a member's spans with its core come from several edges);
// overlaps count once.
func within(spans, outer []Span) float64 {
	total, in := 0, 0
	outer = union(outer)
	for _, x := range union(spans) {
		total += x.End - x.Start
		for _, y := range outer {
			if lo, hi := max(x.Start, y.Start), min(x.End, y.End); lo < hi {
				in += hi - lo
			}
		}
	}
	if total == 0 {
		return 0
	}
	return float64(in) / float64(total)
}

// union returns the spans of the parts that spans cover, in order, none overlapping or
// touching another.
func union(spans []Span) []Span {
	out := slices.Clone(spans)
	slices.SortFunc(out, func(x, y Span) int { return cmp.Compare(x.Start, y.Start) })
	n := 0
	for _, s := range out {
		if n > 0 && s.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, s.End)
			continue
		}
		out[n] = s
		n++
	}
	return out[:n]
}

// adoptable reports whether a document with edges es is verified against at least two members
// of a star (inStar) and a third of its size, as adoption requires.
func adoptable(es []Edge, inStar func(int) bool, size int) bool {
	n := 0
	for _, e := range es {
		if inStar(e.B) {
			n++
		}
	}
	return n >= 2 && 3*n >= size
}

// strongest returns the highest score of the edges es to documents in the core of cluster id
// (index + 1).
func strongest(es []Edge, coreOf map[int]int, id int) float64 {
	s := 0.0
	for _, e := range es {
		if coreOf[e.B] == id {
			s = max(s, e.Score)
		}
	}
	return s
}

// adopt adds to the new star c the documents that are verified against many of its members
// though not against its representative: at least two members and a third of the star. One
// edge never suffices, so adoption cannot chain; compilations are left for their own rule.
func adopt(c *Cluster, id int, adj [][]Edge, assigned []int, compilation []bool) {
	star := len(c.Members)
	links := map[int]int{}
	for _, m := range c.Members {
		for _, e := range adj[m] {
			if assigned[e.B] == 0 && !compilation[e.B] {
				links[e.B]++
			}
		}
	}
	var adopted []int
	for d, n := range links {
		if n >= 2 && 3*n >= star {
			adopted = append(adopted, d)
		}
	}
	slices.Sort(adopted)
	for _, d := range adopted {
		assigned[d] = id
		c.Members = append(c.Members, d)
	}
}

// candidate is a possible representative and its number of unassigned neighbours when pushed.
type candidate struct {
	doc  int
	free float64
}

// candidates is a max-heap of representatives: most unassigned neighbours first, then the
// static order.
type candidates struct {
	items []candidate
	rank  []int
}

func (h *candidates) Len() int { return len(h.items) }
func (h *candidates) Less(i, j int) bool {
	x, y := h.items[i], h.items[j]
	if x.free != y.free {
		return x.free > y.free
	}
	return h.rank[x.doc] < h.rank[y.doc]
}
func (h *candidates) Swap(i, j int) { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *candidates) Push(x any)    { h.items = append(h.items, x.(candidate)) }
func (h *candidates) Pop() any {
	last := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return last
}
