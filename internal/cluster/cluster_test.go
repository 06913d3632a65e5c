package cluster_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/cluster"
	"github.com/dedupe-dev/dedupe/internal/randtest"
)

func nodes(n int) []cluster.Node {
	out := make([]cluster.Node, n)
	for i := range out {
		out[i].Words = 500
	}
	return out
}

func TestStar(t *testing.T) {
	tests := []struct {
		name  string
		nodes []cluster.Node
		edges []cluster.Edge
		want  []cluster.Cluster
	}{
		{
			name:  "no edges, no clusters",
			nodes: nodes(3),
		},
		{
			name:  "three copies of one story",
			nodes: nodes(4),
			edges: []cluster.Edge{
				{A: 0, B: 1, ShareA: 0.9, ShareB: 0.9, Score: 0.9},
				{A: 0, B: 2, ShareA: 0.7, ShareB: 0.6, Score: 0.7},
				{A: 1, B: 2, ShareA: 0.5, ShareB: 0.5, Score: 0.5},
			},
			// 0 has the most verified weight (0.9 + 0.7).
			want: []cluster.Cluster{{Representative: 0, Members: []int{0, 1, 2}}},
		},
		{
			// B (1) holds half of A (0) and half of C (2); A and C are unrelated. Both A and C
			// could be reached from B, but B is a compilation: it joins one cluster only.
			name:  "compilation does not fuse its sources",
			nodes: nodes(3),
			edges: []cluster.Edge{
				{A: 0, B: 1, ShareA: 0.5, ShareB: 0.5, Score: 0.5},
				{A: 1, B: 2, ShareA: 0.5, ShareB: 0.5, Score: 0.55},
			},
			want: []cluster.Cluster{{Representative: 2, Members: []int{1, 2}}},
		},
		{
			// S (4), a spun copy of Src (5) that carries a paragraph of U (0), is reached first
			// by U's star, which forms first (U has more copies); it belongs with Src, its
			// strongest relation.
			name:  "a copy joins the star it shares most with",
			nodes: nodes(8),
			edges: copyThatMoves(0),
			want: []cluster.Cluster{
				{Representative: 0, Members: []int{0, 1, 2, 3}},
				{Representative: 5, Members: []int{4, 5, 6, 7}},
			},
		},
		{
			// 3 shares a little with each of 4, 5 and 6 and has the most verified weight (3 x 0.6,
			// against 1.4 for each other document), so it forms the first star. 0 then forms one
			// with its near-identical copies 1 and 2; each of 4, 5 and 6, a cut copy of a member
			// of that core, shares more with it (0.8) than with 3 (0.6) and moves there, and 3,
			// left alone and verified against no core, is in no cluster.
			name:  "a star left alone dissolves",
			nodes: nodes(7),
			edges: []cluster.Edge{
				{A: 0, B: 1, ShareA: 0.9, ShareB: 0.9, Score: 0.3},
				{A: 0, B: 2, ShareA: 0.9, ShareB: 0.9, Score: 0.3},
				{A: 1, B: 2, ShareA: 0.9, ShareB: 0.9, Score: 0.3},
				{A: 3, B: 4, ShareA: 0.3, ShareB: 0.3, Score: 0.6},
				{A: 3, B: 5, ShareA: 0.3, ShareB: 0.3, Score: 0.6},
				{A: 3, B: 6, ShareA: 0.3, ShareB: 0.3, Score: 0.6},
				{A: 4, B: 0, ShareA: 0.9, ShareB: 0.3, Score: 0.8},
				{A: 5, B: 1, ShareA: 0.9, ShareB: 0.3, Score: 0.8},
				{A: 6, B: 2, ShareA: 0.9, ShareB: 0.3, Score: 0.8},
			},
			want: []cluster.Cluster{{Representative: 0, Members: []int{0, 1, 2, 4, 5, 6}}},
		},
		{
			// The source is the document the others are found in, whatever the input order.
			name:  "partial copies gather round their source",
			nodes: nodes(3),
			edges: []cluster.Edge{
				{A: 0, B: 2, ShareA: 0.9, ShareB: 0.3, Score: 0.9},
				{A: 1, B: 2, ShareA: 0.8, ShareB: 0.25, Score: 0.8},
			},
			want: []cluster.Cluster{{Representative: 2, Members: []int{0, 1, 2}}},
		},
		{
			// 0's star takes its copies 3 and 4 and 1, which holds part of 0's story in its
			// sentences 0 to 9 and another story after them. 2, a spun copy of 1's sentences 2
			// to 6, is verified against 1 alone: it copies the representative's text through 1.
			name:  "a copy of what a member shares with the core joins through the member",
			nodes: nodes(5),
			edges: copyOfMember(cluster.Span{Start: 2, End: 7}),
			want:  []cluster.Cluster{{Representative: 0, Members: []int{0, 1, 2, 3, 4}}},
		},
		{
			// The same, but 2 copies all of 1, sentences 0 to 19: it holds what 1 shares with 0.
			name:  "a copy of a whole member joins through the member",
			nodes: nodes(5),
			edges: copyOfMember(cluster.Span{Start: 0, End: 20}),
			want:  []cluster.Cluster{{Representative: 0, Members: []int{0, 1, 2, 3, 4}}},
		},
		{
			// The same, but 2 copies 1's sentences 4 to 15: 6 of the 10 that 1 shares with 0. 2 is
			// verified against 1 alone, closely: a spun and cut copy of 1.
			name:  "a copy of a member with part of its story joins through the member",
			nodes: nodes(5),
			edges: copyOfMember(cluster.Span{Start: 4, End: 16}),
			want:  []cluster.Cluster{{Representative: 0, Members: []int{0, 1, 2, 3, 4}}},
		},
		{
			// The same, but 2 is also verified against 5: it is not a copy of 1 alone, and it stays
			// out of 0's star (with 5 in a cluster of its own).
			name:  "a copy of a member and of another document with part of its story does not join",
			nodes: nodes(6),
			edges: append(copyOfMember(cluster.Span{Start: 4, End: 16}), cluster.Edge{A: 2, B: 5, ShareA: 0.3, ShareB: 0.3, Score: 0.6}),
			want:  []cluster.Cluster{{Representative: 0, Members: []int{0, 1, 3, 4}}, {Representative: 2, Members: []int{2, 5}}},
		},
		{
			// The same, but 2 copies 1's sentences 8 to 12, mostly of its other story: it stays out.
			name:  "a copy of a member's other story does not join",
			nodes: nodes(5),
			edges: copyOfMember(cluster.Span{Start: 8, End: 13}),
			want:  []cluster.Cluster{{Representative: 0, Members: []int{0, 1, 3, 4}}},
		},
		{
			// 1 reprints 0's sentences 0 to 5 and 2, a spun copy of 0 verified against 0 alone,
			// its sentences 0 to 9: 0 is mostly made of two documents not verified against each
			// other, but they copy one part of it, so 0 is no compilation and represents both.
			name:  "a reprint and a spun copy of one document are not two sources",
			nodes: nodes(3),
			edges: reprintAndSpun(cluster.Span{Start: 0, End: 6}, cluster.Span{Start: 0, End: 10}),
			want:  []cluster.Cluster{{Representative: 0, Members: []int{0, 1, 2}}},
		},
		{
			// The same, but 1 holds 0's sentences 0 to 5 and 2 its sentences 4 to 9: two rewrites
			// of one story, one from its lead and one from its middle, overlapping by a third of
			// either. 0 is still no compilation.
			name:  "copies of overlapping parts of one document are not two sources",
			nodes: nodes(3),
			edges: reprintAndSpun(cluster.Span{Start: 0, End: 6}, cluster.Span{Start: 4, End: 10}),
			want:  []cluster.Cluster{{Representative: 0, Members: []int{0, 1, 2}}},
		},
		{
			// The same, but 1 holds 0's sentences 5 to 9 and 2 its sentences 0 to 4: 0 is a
			// compilation of two sources, 1 and 2 stay apart, and 0 joins the stronger.
			name:  "a reprint and a spun copy of two parts are two sources",
			nodes: nodes(3),
			edges: reprintAndSpun(cluster.Span{Start: 5, End: 10}, cluster.Span{Start: 0, End: 5}),
			want:  []cluster.Cluster{{Representative: 2, Members: []int{0, 2}}},
		},
		{
			// 0's star takes its copies 3 and 4 and 1, which holds part of 0's story. 2, a copy
			// of all of 1 (a spun reprint), is verified against 1 alone and shares more with it
			// (0.9) than 1 shares with 0 (0.7): 1 leaves 0's star for a cluster of its own copy.
			name:  "a member leaves its star for its own closer copy",
			nodes: nodes(5),
			edges: memberWithCopy(0.9),
			want:  []cluster.Cluster{{Representative: 0, Members: []int{0, 3, 4}}, {Representative: 1, Members: []int{1, 2}}},
		},
		{
			// The same, but 2 scores 0.75 with 1: more than 1 with 0, but 2 is no close copy of 1.
			name:  "a member stays in its star for a weaker copy",
			nodes: nodes(5),
			edges: memberWithCopy(0.75),
			want:  []cluster.Cluster{{Representative: 0, Members: []int{0, 1, 3, 4}}},
		},
		{
			// The same, and 5, a member of 0's star too, scores 0.85 with 1 and 0.7 with 0: once
			// 1 leaves for a cluster of its own, 5 follows its strongest relation.
			name:  "a member follows a closer member that its copy claimed",
			nodes: nodes(6),
			edges: memberWithCopy(0.9,
				cluster.Edge{A: 0, B: 5, ShareA: 0.4, ShareB: 0.4, Score: 0.7},
				cluster.Edge{A: 1, B: 5, ShareA: 0.4, ShareB: 0.4, Score: 0.85}),
			want: []cluster.Cluster{{Representative: 0, Members: []int{0, 3, 4}}, {Representative: 1, Members: []int{1, 2, 5}}},
		},
		{
			// The same, but 5 scores 0.8 with 0: a close copy of the star's representative stays.
			name:  "a member close to its core does not follow",
			nodes: nodes(6),
			edges: memberWithCopy(0.9,
				cluster.Edge{A: 0, B: 5, ShareA: 0.4, ShareB: 0.4, Score: 0.8},
				cluster.Edge{A: 1, B: 5, ShareA: 0.4, ShareB: 0.4, Score: 0.85}),
			want: []cluster.Cluster{{Representative: 0, Members: []int{0, 3, 4, 5}}, {Representative: 1, Members: []int{1, 2}}},
		},
		{
			// The same, but 5 joined 0's star through 1 (it copies what 1 shares with 0): 1 stays,
			// and its copy 2 stays out.
			name:  "a member that another joined through stays",
			nodes: nodes(6),
			edges: memberWithCopy(0.9,
				cluster.Edge{A: 5, B: 1, ShareA: 0.9, ShareB: 0.3, Score: 0.8, SpansA: []cluster.Span{{Start: 0, End: 5}}, SpansB: []cluster.Span{{Start: 2, End: 7}}}),
			want: []cluster.Cluster{{Representative: 0, Members: []int{0, 1, 3, 4, 5}}},
		},
		{
			// 0's star takes 1, 3 and 4; 3 and 4 move to the stars of 5 and 7, which they share
			// more with. 1's copy 2 then takes 1, and 0, left alone, joins 1.
			name:  "a representative left alone follows its member",
			nodes: nodes(9),
			edges: []cluster.Edge{
				{A: 0, B: 1, ShareA: 0.4, ShareB: 0.4, Score: 0.7},
				{A: 0, B: 3, ShareA: 0.4, ShareB: 0.4, Score: 0.8},
				{A: 0, B: 4, ShareA: 0.4, ShareB: 0.4, Score: 0.8},
				{A: 1, B: 2, ShareA: 0.9, ShareB: 0.9, Score: 0.9},
				{A: 5, B: 3, ShareA: 0.4, ShareB: 0.4, Score: 0.85},
				{A: 5, B: 6, ShareA: 0.4, ShareB: 0.4, Score: 0.9},
				{A: 7, B: 4, ShareA: 0.4, ShareB: 0.4, Score: 0.85},
				{A: 7, B: 8, ShareA: 0.4, ShareB: 0.4, Score: 0.9},
			},
			want: []cluster.Cluster{
				{Representative: 1, Members: []int{0, 1, 2}},
				{Representative: 5, Members: []int{3, 5, 6}},
				{Representative: 7, Members: []int{4, 7, 8}},
			},
		},
		{
			// 2 comes first (most of 3 is found in it) and takes 0 and 3; 1 is verified against 0
			// only, so it is not pulled into 2's cluster through 0.
			name:  "no chaining through a member",
			nodes: nodes(4),
			edges: []cluster.Edge{
				{A: 0, B: 1, ShareA: 0.9, ShareB: 0.9, Score: 0.9},
				{A: 0, B: 2, ShareA: 0.6, ShareB: 0.6, Score: 0.6},
				{A: 2, B: 3, ShareA: 0.3, ShareB: 0.8, Score: 0.8},
			},
			want: []cluster.Cluster{{Representative: 2, Members: []int{0, 2, 3}}},
		},
		{
			// 0, a page that printed two stories, holds story one in its sentences 0 to 9 and
			// story two in 10 to 19; 1 and 2 reprint story one, 3 and 4 story two. 0 has the
			// most verified weight, but made a representative it would fuse the two stories.
			name:  "a page of two stories does not fuse their reprints",
			nodes: nodes(5),
			edges: twoStories(cluster.Span{Start: 0, End: 10}, cluster.Span{Start: 10, End: 20}),
			want: []cluster.Cluster{
				{Representative: 1, Members: []int{0, 1, 2}},
				{Representative: 3, Members: []int{3, 4}},
			},
		},
		{
			// The same, but 3 and 4 reprint sentences 7 to 19: a third of what they copy is
			// what 1 and 2 copy too, so they are cuts of one story, not two stories.
			name:  "reprints cut at two places are one story",
			nodes: nodes(5),
			edges: twoStories(cluster.Span{Start: 0, End: 10}, cluster.Span{Start: 6, End: 20}),
			want:  []cluster.Cluster{{Representative: 0, Members: []int{0, 1, 2, 3, 4}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cluster.Star(tt.nodes, tt.edges, 0.45)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Star() = %+v; want %+v", got, tt.want)
			}
		})
	}
}

// copyThatMoves returns the edges of TestStar's "a copy joins the star it shares most with"
// among the documents offset to offset+7: the copy offset+4 is taken by the star of offset
// and moves to the star of offset+5.
func copyThatMoves(offset int) []cluster.Edge {
	edges := []cluster.Edge{
		{A: 0, B: 1, ShareA: 0.9, ShareB: 0.9, Score: 0.9},
		{A: 0, B: 2, ShareA: 0.9, ShareB: 0.9, Score: 0.9},
		{A: 0, B: 3, ShareA: 0.9, ShareB: 0.9, Score: 0.9},
		{A: 1, B: 2, ShareA: 0.9, ShareB: 0.9, Score: 0.9},
		{A: 1, B: 3, ShareA: 0.9, ShareB: 0.9, Score: 0.9},
		{A: 2, B: 3, ShareA: 0.9, ShareB: 0.9, Score: 0.9},
		{A: 4, B: 0, ShareA: 0.3, ShareB: 0.1, Score: 0.5},
		{A: 4, B: 5, ShareA: 0.8, ShareB: 0.7, Score: 0.8},
		{A: 4, B: 6, ShareA: 0.7, ShareB: 0.6, Score: 0.7},
		{A: 4, B: 7, ShareA: 0.7, ShareB: 0.6, Score: 0.7},
		{A: 5, B: 6, ShareA: 0.9, ShareB: 0.9, Score: 0.9},
		{A: 5, B: 7, ShareA: 0.9, ShareB: 0.9, Score: 0.9},
		{A: 6, B: 7, ShareA: 0.9, ShareB: 0.9, Score: 0.9},
	}
	for i := range edges {
		edges[i].A += offset
		edges[i].B += offset
	}
	return edges
}

// twoStories returns the edges of a page 0 whose part one is reprinted by 1 and 2 and part
// two by 3 and 4, each pair of reprints verified against each other only. Each reprint holds
// too little of 0 (0.4) for 0 to count as made of it.
func twoStories(one, two cluster.Span) []cluster.Edge {
	reprint := func(b int, part cluster.Span) cluster.Edge {
		return cluster.Edge{A: 0, B: b, ShareA: 0.4, ShareB: 0.9, Score: 0.8, SpansA: []cluster.Span{part}, SpansB: []cluster.Span{{Start: 0, End: 10}}}
	}
	return []cluster.Edge{
		reprint(1, one), reprint(2, one), reprint(3, two), reprint(4, two),
		{A: 1, B: 2, ShareA: 0.9, ShareB: 0.9, Score: 0.9},
		{A: 3, B: 4, ShareA: 0.9, ShareB: 0.9, Score: 0.9},
	}
}

// copyOfMember returns the edges of a star of 0 with its copies 3 and 4 and a member 1 that
// aligns its sentences 0 to 9 with 0, and of a document 2 that aligns with 1's sentences
// copied, and with 1 only.
func copyOfMember(copied cluster.Span) []cluster.Edge {
	return starOf0(
		cluster.Edge{A: 1, B: 0, ShareA: 0.5, ShareB: 0.4, Score: 0.8, SpansA: []cluster.Span{{Start: 0, End: 4}, {Start: 4, End: 10}}, SpansB: []cluster.Span{{Start: 0, End: 10}}},
		cluster.Edge{A: 2, B: 1, ShareA: 0.9, ShareB: 0.25, Score: 0.8, SpansA: []cluster.Span{{Start: 0, End: 5}}, SpansB: []cluster.Span{copied}},
	)
}

// memberWithCopy returns the edges of a star of 0 with its copies 3 and 4 and a member 1 that
// holds part of 0's story (sentences 0 to 9 of its 20), too little of 1 for it to be made of 0,
// and of 2, a copy of all of 1 verified against 1 alone with score copyScore, followed by more.
func memberWithCopy(copyScore float64, more ...cluster.Edge) []cluster.Edge {
	return starOf0(append([]cluster.Edge{
		{A: 1, B: 0, ShareA: 0.4, ShareB: 0.4, Score: 0.7, SpansA: []cluster.Span{{Start: 0, End: 10}}, SpansB: []cluster.Span{{Start: 0, End: 10}}},
		{A: 2, B: 1, ShareA: 0.9, ShareB: 0.9, Score: copyScore},
	}, more...)...)
}

// starOf0 returns the edges of a star of 0 with its near-identical copies 3 and 4, the core
// that copyOfMember and memberWithCopy add a member to, followed by more.
func starOf0(more ...cluster.Edge) []cluster.Edge {
	return append([]cluster.Edge{
		{A: 0, B: 3, ShareA: 0.9, ShareB: 0.9, Score: 0.9},
		{A: 0, B: 4, ShareA: 0.9, ShareB: 0.9, Score: 0.9},
		{A: 3, B: 4, ShareA: 0.9, ShareB: 0.9, Score: 0.9},
	}, more...)
}

// reprintAndSpun returns the edges of a document 0 of ten sentences with a reprint 1 of its
// sentences reprinted and a spun copy 2 of its sentences spun, verified against 0 alone; 0 is
// mostly made of each.
func reprintAndSpun(reprinted, spun cluster.Span) []cluster.Edge {
	return []cluster.Edge{
		{A: 0, B: 1, ShareA: 0.5, ShareB: 0.7, Score: 0.8, SpansA: []cluster.Span{reprinted}, SpansB: []cluster.Span{{Start: 0, End: 5}}},
		{A: 0, B: 2, ShareA: 0.5, ShareB: 0.9, Score: 0.9, SpansA: []cluster.Span{spun}, SpansB: []cluster.Span{{Start: 0, End: 5}}},
	}
}

// randomEdges returns up to tries random edges among the documents offset to offset+n-1, A
// before B, each pair once; half of them have one span a side.
func randomEdges(rng *rand.Rand, n, offset, tries int) []cluster.Edge {
	var edges []cluster.Edge
	linked := map[[2]int]bool{}
	for range rng.IntN(tries + 1) {
		a, b := rng.IntN(n), rng.IntN(n)
		if a >= b || linked[[2]int{a, b}] {
			continue
		}
		linked[[2]int{a, b}] = true
		e := cluster.Edge{A: a + offset, B: b + offset, ShareA: rng.Float64(), ShareB: rng.Float64(), Score: rng.Float64()}
		if rng.IntN(2) == 0 {
			span := func() []cluster.Span {
				start := rng.IntN(20)
				return []cluster.Span{{Start: start, End: start + 1 + rng.IntN(10)}}
			}
			e.SpansA, e.SpansB = span(), span()
		}
		edges = append(edges, e)
	}
	return edges
}

// TestStarEveryMemberVerified checks the invariant on random graphs: every member of a cluster
// shares an edge with its representative, or with another member (a compilation joined to a
// neighbour, a document adopted or joined through a member), each document is in at most one
// cluster, and edge order does not matter. Half the edges have spans, so that documents join
// through members too.
func TestStarEveryMemberVerified(t *testing.T) {
	rng := randtest.New(t)
	for range 200 {
		n := 2 + rng.IntN(30)
		edges := randomEdges(rng, n, 0, 3*n)
		linked := map[[2]int]bool{}
		for _, e := range edges {
			linked[[2]int{e.A, e.B}] = true
		}
		got := cluster.Star(nodes(n), edges, 0.45)
		rng.Shuffle(len(edges), func(i, j int) { edges[i], edges[j] = edges[j], edges[i] })
		if again := cluster.Star(nodes(n), edges, 0.45); !reflect.DeepEqual(got, again) {
			t.Fatalf("edge order changed the clusters: %v vs %v", got, again)
		}
		seen := map[int]bool{}
		for _, c := range got {
			if len(c.Members) < 2 {
				t.Fatalf("cluster with %d members", len(c.Members))
			}
			for _, m := range c.Members {
				if seen[m] {
					t.Fatalf("document %d in two clusters", m)
				}
				seen[m] = true
				a, b := min(m, c.Representative), max(m, c.Representative)
				if m != c.Representative && !linked[[2]int{a, b}] {
					// allowed only for a document joined through another member
					joined := false
					for _, o := range c.Members {
						if linked[[2]int{min(m, o), max(m, o)}] {
							joined = true
						}
					}
					if !joined {
						t.Fatalf("member %d has no edge inside its cluster %v", m, c)
					}
				}
			}
		}
	}
}

// TestStarComponentsIndependent checks that the clusters of a connected component of the pairs
// do not depend on the rest of the corpus, as dedupe-beam, which clusters each component
// alone, needs: two random graphs clustered together give the clusters of each alone.
func TestStarComponentsIndependent(t *testing.T) {
	rng := randtest.New(t)
	// 6 is adopted by 0's star, verified against two of its six members; in the other graph a
	// copy moves to the star it shares most with (as in TestStar), which once made every star
	// of the corpus test its adopted members again, against the star grown by adoption.
	adopted := []cluster.Edge{
		{A: 1, B: 6, ShareA: 0.3, ShareB: 0.4, Score: 0.7},
		{A: 2, B: 6, ShareA: 0.3, ShareB: 0.4, Score: 0.7},
	}
	for m := 1; m <= 5; m++ {
		adopted = append(adopted, cluster.Edge{A: 0, B: m, ShareA: 0.3, ShareB: 0.9, Score: 0.9})
	}
	alone := cluster.Star(nodes(15), adopted, 0.45)
	if want := []cluster.Cluster{{Representative: 0, Members: []int{0, 1, 2, 3, 4, 5, 6}}}; !reflect.DeepEqual(alone, want) {
		t.Fatalf("Star() = %+v; want %+v", alone, want)
	}
	if together := cluster.Star(nodes(15), append(slices.Clone(adopted), copyThatMoves(7)...), 0.45); !reflect.DeepEqual(together[0], alone[0]) {
		t.Errorf("with another component whose copy moves: %+v; alone: %+v", together, alone)
	}
	for range 300 {
		n1, n2 := 2+rng.IntN(20), 2+rng.IntN(20)
		g1, g2 := randomEdges(rng, n1, 0, 4*n1), randomEdges(rng, n2, n1, 4*n2)
		want := cluster.Star(nodes(n1+n2), g1, 0.45)
		want = append(want, cluster.Star(nodes(n1+n2), g2, 0.45)...)
		got := cluster.Star(nodes(n1+n2), append(g1, g2...), 0.45)
		key := func(cs []cluster.Cluster) map[string]bool {
			m := map[string]bool{}
			for _, c := range cs {
				m[fmt.Sprint(c.Representative, c.Members)] = true
			}
			return m
		}
		if !reflect.DeepEqual(key(got), key(want)) {
			t.Fatalf("clustered together: %v; each alone: %v", got, want)
		}
	}
}
