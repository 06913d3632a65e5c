package verify

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortByPlaces checks the counting sort of sortByPlaces against a comparison sort by
// byPlaces, below and above countingSortBelow, on matches in the order matchFromA and
// matchFromB give them (by b, then a in no order; by a, then b in no order) and shuffled.
func TestSortByPlaces(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var s chainScratch
	for _, n := range []int{0, 1, countingSortBelow - 1, countingSortBelow, 1000} {
		for _, order := range []string{"by b", "by a", "shuffled"} {
			na, nb := 40+r.IntN(60), 40+r.IntN(60)
			seen := map[[2]int32]bool{}
			var matches []match
			for len(matches) < n {
				a, b := int32(r.IntN(na)), int32(r.IntN(nb))
				if seen[[2]int32{a, b}] {
					continue // a pair of sentences matches once
				}
				seen[[2]int32{a, b}] = true
				matches = append(matches, match{a: a, b: b, weight: r.Int32N(100), sim: r.Float64()})
			}
			switch order {
			case "by b":
				slices.SortFunc(matches, func(x, y match) int { return int(x.b - y.b) })
			case "by a":
				slices.SortFunc(matches, func(x, y match) int { return int(x.a - y.a) })
			default:
				r.Shuffle(len(matches), func(i, j int) { matches[i], matches[j] = matches[j], matches[i] })
			}
			want := slices.Clone(matches)
			slices.SortFunc(want, byPlaces)
			s.sortByPlaces(matches, na, nb)
			if !slices.Equal(matches, want) {
				t.Errorf("%d matches %s: sorted otherwise than byPlaces", n, order)
			}
		}
	}
}
