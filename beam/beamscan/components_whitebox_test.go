package beamscan

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
)

func init() {
	register.Function2x1[uint64, edge, uint64](componentOfA)
}

// componentOfA keeps the document A of a labelled pair, with its label.
func componentOfA(label uint64, e edge) uint64 { return e.A<<32 | label }

// unionFind returns the smallest id in the component of every node, the reference.
func unionFind(edges [][2]uint64) map[uint64]uint64 {
	parent := map[uint64]uint64{}
	var find func(x uint64) uint64
	find = func(x uint64) uint64 {
		if _, ok := parent[x]; !ok {
			parent[x] = x
		}
		if parent[x] != x {
			parent[x] = find(parent[x])
		}
		return parent[x]
	}
	for _, e := range edges {
		a, b := find(e[0]), find(e[1])
		parent[max(a, b)] = min(a, b)
	}
	out := map[uint64]uint64{}
	for x := range parent {
		out[x] = find(x)
	}
	return out
}

func TestComponents(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var random [][2]uint64
	for range 300 {
		random = append(random, [2]uint64{rng.Uint64N(400) + 1, rng.Uint64N(400) + 1})
	}
	var path [][2]uint64 // a long chain with ids out of order along it
	perm := rng.Perm(200)
	for i := 1; i < len(perm); i++ {
		path = append(path, [2]uint64{uint64(perm[i-1]) + 1000, uint64(perm[i]) + 1000})
	}
	tests := []struct {
		name  string
		edges [][2]uint64
	}{
		{"random graph", random},
		{"path of 200", path},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := unionFind(tt.edges)
			var edges []edge
			var expect []uint64
			for _, e := range tt.edges {
				if e[0] == e[1] {
					continue
				}
				edges = append(edges, edge{A: e[0], B: e[1]})
				expect = append(expect, e[0]<<32|want[e[0]])
			}
			p, s := beam.NewPipelineWithRoot()
			got := beam.ParDo(s, componentOfA, components(s, beam.CreateList(s, edges), DefaultRounds))
			passert.Equals(s, got, beam.CreateList(s, expect))
			if _, err := prism.Execute(context.Background(), p); err != nil {
				t.Fatalf("components: %v", err)
			}
		})
	}
}
