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
	register.Function5x1[uint64, func(*uint64) bool, func(*edge) bool, func(*uint64) bool, func(uint64, edge), error](labelAFn)
	register.Function4x1[uint64, func(*uint64) bool, func(*uint64) bool, func(uint64, uint64), error](labelFirstFn)
	register.DoFn4x1[uint64, func(*uint64) bool, func(*uint64) bool, func(uint64), error](&checkLabelsFn{})
	register.Emitter2[uint64, edge]()
	register.Iter1[edge]()
}

// components labels every verified pair with its connected component, the smallest document
// id in it, and returns the pairs keyed by that label.
func components(s beam.Scope, edges beam.PCollection, rounds int) beam.PCollection {
	labels, checked := componentLabels(s, beam.ParDo(s, edgeLinkFn, edges), rounds)
	byA := beam.ParDo(s, edgeByAFn, edges)
	return beam.ParDo(s, labelAFn, beam.CoGroupByKey(s, labels, byA), beam.SideInput{Input: checked})
}

// componentLabels labels every node of links, pairs of ids, with its connected component: the
// smallest id in it. Checked is an empty collection, complete once both ends of every link
// were found to have the same label, which holds exactly when the unrolled rounds sufficed:
// the steps that use the labels take it as a side input, so that the pipeline fails, naming
// the flag to raise, before it writes clusters cut apart.
func componentLabels(s beam.Scope, links beam.PCollection, rounds int) (labels, checked beam.PCollection) {
	star := links
	for i := range rounds {
		rs := s.Scope(fmt.Sprintf("round%d", i+1))
		star = beam.ParDo(rs, largeStarFn, beam.GroupByKey(rs, beam.ParDo(rs, bothWaysFn, star)))
		star = beam.ParDo(rs, smallStarFn, beam.GroupByKey(rs, beam.ParDo(rs, orientFn, star)))
	}
	labels = beam.ParDo(s, labelFn, beam.GroupByKey(s, beam.ParDo(s, bothWaysFn, star)))
	sent := beam.ParDo(s, labelFirstFn, beam.CoGroupByKey(s, labels, links))
	checked = beam.ParDo(s, &checkLabelsFn{Rounds: rounds}, beam.CoGroupByKey(s, labels, sent))
	return labels, checked
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

// labelAFn keys the pairs of document id by its component; checked is componentLabels'.
func labelAFn(id uint64, labels func(*uint64) bool, edges func(*edge) bool, _ func(*uint64) bool, emit func(uint64, edge)) error {
	return keyByLabel("document", id, labels, edges, emit)
}

// keyByLabel emits each of items keyed by the component label of node id, the one value of
// labels; what names the node in the error when it has none.
func keyByLabel[T any](what string, id uint64, labels func(*uint64) bool, items func(*T) bool, emit func(uint64, T)) error {
	var label uint64
	if !labels(&label) {
		return fmt.Errorf("%s %d has no component label", what, id)
	}
	var x T
	for items(&x) {
		emit(label, x)
	}
	return nil
}

// labelFirstFn sends the label of node u to the other end of each of its links.
func labelFirstFn(u uint64, labels func(*uint64) bool, others func(*uint64) bool, emit func(uint64, uint64)) error {
	return keyByLabel("node", u, labels, others, func(label, v uint64) { emit(v, label) })
}

// checkLabelsFn checks that node v has the label of every node it is linked from, which holds
// for all links exactly when the iteration converged. It emits nothing.
type checkLabelsFn struct {
	Rounds int
}

// ProcessElement checks the labels sent to v.
func (fn *checkLabelsFn) ProcessElement(v uint64, labels func(*uint64) bool, sent func(*uint64) bool, _ func(uint64)) error {
	var label, from uint64
	first := true
	for sent(&from) {
		if first && !labels(&label) {
			return fmt.Errorf("node %d has no component label", v)
		}
		first = false
		if from != label {
			return fmt.Errorf("connected components did not converge in %d rounds: raise --cc-rounds", fn.Rounds)
		}
	}
	return nil
}
