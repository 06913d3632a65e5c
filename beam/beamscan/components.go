package beamscan

import (
	"fmt"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

func init() {
	register.Function2x0[edge, func(uint64, uint64)](edgeLinkFn)
	register.Function3x0[uint64, uint64, func(uint64, uint64)](bothWaysFn)
	register.Function3x0[uint64, uint64, func(uint64, uint64)](orientFn)
	register.Function3x0[uint64, func(*uint64) bool, func(uint64, uint64)](largeStarFn)
	register.Function3x0[uint64, func(*uint64) bool, func(uint64, uint64)](smallStarFn)
	register.Function3x0[uint64, func(*uint64) bool, func(uint64, uint64)](labelFn)
	register.Function2x0[edge, func(uint64, edge)](edgeByAFn)
	register.Function4x1[uint64, func(*uint64) bool, func(*edge) bool, func(uint64, labeled), error](labelAFn)
	register.DoFn4x1[uint64, func(*uint64) bool, func(*labeled) bool, func(uint64, edge), error](&labelBFn{})
	register.Emitter2[uint64, edge]()
	register.Emitter2[uint64, labeled]()
	register.Iter1[edge]()
	register.Iter1[labeled]()
}

// labeled is a verified pair with the component label of its document A.
type labeled struct {
	Label uint64
	Edge  edge
}

// components labels every verified pair with its connected component, the smallest document
// id in it, and returns the pairs keyed by that label.
func components(s beam.Scope, edges beam.PCollection, rounds int) beam.PCollection {
	links := beam.ParDo(s, edgeLinkFn, edges)
	for i := range rounds {
		rs := s.Scope(fmt.Sprintf("round%d", i+1))
		links = beam.ParDo(rs, largeStarFn, beam.GroupByKey(rs, beam.ParDo(rs, bothWaysFn, links)))
		links = beam.ParDo(rs, smallStarFn, beam.GroupByKey(rs, beam.ParDo(rs, orientFn, links)))
	}
	labels := beam.ParDo(s, labelFn, beam.GroupByKey(s, beam.ParDo(s, bothWaysFn, links)))
	byA := beam.ParDo(s, edgeByAFn, edges)
	labeledA := beam.ParDo(s, labelAFn, beam.CoGroupByKey(s, labels, byA))
	return beam.ParDo(s, &labelBFn{Rounds: rounds}, beam.CoGroupByKey(s, labels, labeledA))
}

// edgeLinkFn emits the two documents of a verified pair as a graph edge.
func edgeLinkFn(e edge, emit func(uint64, uint64)) { emit(e.A, e.B) }

// bothWaysFn emits an edge in both directions, so that each end sees its neighbours.
func bothWaysFn(u, v uint64, emit func(uint64, uint64)) {
	if u != v {
		emit(u, v)
		emit(v, u)
	}
}

// orientFn keys an edge by its larger end, the map step of small-star.
func orientFn(u, v uint64, emit func(uint64, uint64)) {
	switch {
	case v < u:
		emit(u, v)
	case u < v:
		emit(v, u)
	}
}

// neighbours collects the distinct values of vs, sorted, into a new slice.
func neighbours(vs func(*uint64) bool) []uint64 {
	var all []uint64
	var v uint64
	for vs(&v) {
		all = append(all, v)
	}
	slices.Sort(all)
	return slices.Compact(all)
}

// largeStarFn connects every neighbour of u larger than u to the smallest of u and its
// neighbours (Kiveris et al., Large-Star).
func largeStarFn(u uint64, vs func(*uint64) bool, emit func(uint64, uint64)) {
	ns := neighbours(vs)
	m := min(u, ns[0])
	for _, v := range ns {
		if v > u {
			emit(v, m)
		}
	}
}

// smallStarFn connects u and its smaller neighbours to the smallest of them (Kiveris et al.,
// Small-Star; orientFn sent u only its smaller neighbours).
func smallStarFn(u uint64, vs func(*uint64) bool, emit func(uint64, uint64)) {
	ns := neighbours(vs)
	m := min(u, ns[0])
	for _, v := range append(ns, u) {
		if v != m {
			emit(v, m)
		}
	}
}

// labelFn labels u with the smallest of u and its neighbours: once the iteration has
// converged every component is a star around its smallest id, and that is its label.
func labelFn(u uint64, vs func(*uint64) bool, emit func(uint64, uint64)) {
	emit(u, min(u, neighbours(vs)[0]))
}

// edgeByAFn keys a verified pair by its document A.
func edgeByAFn(e edge, emit func(uint64, edge)) { emit(e.A, e) }

// labelAFn labels the pairs of document id with its component and keys them by document B.
func labelAFn(id uint64, labels func(*uint64) bool, edges func(*edge) bool, emit func(uint64, labeled)) error {
	var label uint64
	if !labels(&label) {
		return fmt.Errorf("document %d has no component label", id)
	}
	var e edge
	for edges(&e) {
		emit(e.B, labeled{Label: label, Edge: e})
	}
	return nil
}

// labelBFn checks that document B of every pair has the label of document A, which holds for
// all pairs exactly when the iteration converged, and keys the pair by its component.
type labelBFn struct {
	Rounds int
}

// ProcessElement handles the pairs whose document B is id.
func (fn *labelBFn) ProcessElement(id uint64, labels func(*uint64) bool, pairs func(*labeled) bool, emit func(uint64, edge)) error {
	var label uint64
	if !labels(&label) {
		return fmt.Errorf("document %d has no component label", id)
	}
	var l labeled
	for pairs(&l) {
		if l.Label != label {
			return fmt.Errorf("connected components did not converge in %d rounds: raise --cc-rounds", fn.Rounds)
		}
		emit(label, l.Edge)
	}
	return nil
}
