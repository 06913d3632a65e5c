package beamscan

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/zeebo/xxh3"

	"github.com/dedupe-dev/dedupe/internal/passages"
	"github.com/dedupe-dev/dedupe/internal/report"
)

func init() {
	register.Function2x0[linkRec, func(uint64, spanRec)](linkEndsFn)
	register.Function2x0[linkRec, func(uint64, uint64)](linkNodesFn)
	register.Function2x0[linkRec, func(uint64, linkRec)](linkBySpanFn)
	register.DoFn3x0[uint64, func(*spanRec) bool, func(uint64, uint64)](&overlapFn{})
	register.Function5x1[uint64, func(*uint64) bool, func(*linkRec) bool, func(*uint64) bool, func(uint64, linkRec), error](labelLinksFn)
	register.DoFn4x1[uint64, func(*linkRec) bool, func(uint64, occurrenceAt), func(string, int64), error](&groupFn{})
	register.Function4x1[uint64, func(*pdoc) bool, func(*occurrenceAt) bool, func(uint64, locatedOccurrence), error](locateFn)
	register.Function3x1[uint64, func(*locatedOccurrence) bool, func(clusterLine), error](passageClusterFn)
	register.Emitter2[uint64, spanRec]()
	register.Emitter2[uint64, linkRec]()
	register.Emitter2[uint64, occurrenceAt]()
	register.Emitter2[uint64, locatedOccurrence]()
	register.Iter1[spanRec]()
	register.Iter1[linkRec]()
	register.Iter1[occurrenceAt]()
	register.Iter1[locatedOccurrence]()
}

// passageClusters groups the passages into reprint clusters (stage 4 of package passages) and
// returns them as cluster lines. A cluster is a connected component of spans: the two spans of
// a passage are joined, and so are two spans of one document that passages.Overlapping joins
// (found per document, after grouping the spans by document). The components are found as for
// dedupe-beam's scan, over span ids; each passage is keyed by its component, and
// passages.ClusterLinks clusters the passages of one component as dedupe passages clusters all
// of them, merging each cluster's spans per document into occurrences. The occurrences are
// then joined with their documents to be shown, and grouped again by cluster. It also returns
// the count of occurrences.
func passageClusters(s beam.Scope, links, byID beam.PCollection, opts options, rounds int) (lines, counts beam.PCollection) {
	overlaps := beam.ParDo(s, &overlapFn{passagesFn: passagesFn{Opts: opts}}, beam.GroupByKey(s, beam.ParDo(s, linkEndsFn, links)))
	labels, checked := componentLabels(s, beam.Flatten(s, beam.ParDo(s, linkNodesFn, links), overlaps), rounds)
	byLabel := beam.ParDo(s, labelLinksFn, beam.CoGroupByKey(s, labels, beam.ParDo(s, linkBySpanFn, links)), beam.SideInput{Input: checked})
	occurrences, counts := beam.ParDo2(s, &groupFn{passagesFn: passagesFn{Opts: opts}}, beam.GroupByKey(s, byLabel))
	located := beam.ParDo(s, locateFn, beam.CoGroupByKey(s, byID, occurrences))
	return beam.ParDo(s, passageClusterFn, beam.GroupByKey(s, located)), counts
}

// spanID returns the node of span sp in the graph of components.
func spanID(sp spanRec) uint64 {
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:], sp.Doc)
	binary.LittleEndian.PutUint32(b[8:], uint32(sp.Start))
	binary.LittleEndian.PutUint32(b[12:], uint32(sp.End))
	return xxh3.Hash(b[:])
}

// linkEndsFn keys both spans of a passage by their document.
func linkEndsFn(l linkRec, emit func(uint64, spanRec)) {
	emit(l.A.Doc, l.A)
	emit(l.B.Doc, l.B)
}

// linkNodesFn emits a passage as an edge between its two spans.
func linkNodesFn(l linkRec, emit func(uint64, uint64)) { emit(spanID(l.A), spanID(l.B)) }

// linkBySpanFn keys a passage by its first span, to be labelled with its component.
func linkBySpanFn(l linkRec, emit func(uint64, linkRec)) { emit(spanID(l.A), l) }

// overlapFn emits an edge between every two spans of one document that are one text.
type overlapFn struct {
	passagesFn
}

// ProcessElement joins the spans of document doc.
func (fn *overlapFn) ProcessElement(doc uint64, spans func(*spanRec) bool, emit func(uint64, uint64)) {
	var all []passages.Span
	var sp spanRec
	for spans(&sp) {
		all = append(all, passages.Span{Start: sp.Start, End: sp.End})
	}
	slices.SortFunc(all, func(x, y passages.Span) int { return cmp.Or(cmp.Compare(x.Start, y.Start), cmp.Compare(x.End, y.End)) })
	all = slices.Compact(all)
	passages.Overlapping(all, fn.opts.MinOverlap, func(i, j int32) {
		a, b := all[i], all[j]
		emit(spanID(spanRec{doc, a.Start, a.End}), spanID(spanRec{doc, b.Start, b.End}))
	})
}

// labelLinksFn keys the passages whose first span is id by its component; checked is
// componentLabels'.
func labelLinksFn(id uint64, labels func(*uint64) bool, links func(*linkRec) bool, _ func(*uint64) bool, emit func(uint64, linkRec)) error {
	return keyByLabel("span", id, labels, links, emit)
}

// occurrenceAt is an occurrence of a cluster, keyed by its document: content words [Start,
// End) of it.
type occurrenceAt struct {
	Cluster    uint64 // the component's label, hashed with the cluster's index in it
	Start, End int32
}

// groupFn clusters the passages of one component with passages.ClusterLinks, the code of
// dedupe passages, and emits every occurrence of each cluster keyed by its document, and their
// count as occurrences.
type groupFn struct {
	passagesFn
}

// ProcessElement clusters the passages of the component labelled label.
func (fn *groupFn) ProcessElement(label uint64, links func(*linkRec) bool, emit func(uint64, occurrenceAt), counts func(string, int64)) error {
	var all []linkRec
	var ids []uint64
	var l linkRec
	for links(&l) {
		all = append(all, l)
		ids = append(ids, l.A.Doc, l.B.Doc)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	index := func(id uint64) int32 { i, _ := slices.BinarySearch(ids, id); return int32(i) }
	own := make([]passages.Link, len(all))
	for i, l := range all {
		own[i] = passages.Link{
			A: passages.Span{Doc: index(l.A.Doc), Start: l.A.Start, End: l.A.End},
			B: passages.Span{Doc: index(l.B.Doc), Start: l.B.Start, End: l.B.End},
		}
	}
	found := 0
	for k, g := range passages.ClusterLinks(own, fn.opts.MinOverlap, int32(fn.opts.MaxGap)) {
		var key [16]byte
		binary.LittleEndian.PutUint64(key[:], label)
		binary.LittleEndian.PutUint64(key[8:], uint64(k))
		cluster := xxh3.Hash(key[:])
		found += len(g)
		for _, sp := range g {
			emit(ids[sp.Doc], occurrenceAt{Cluster: cluster, Start: sp.Start, End: sp.End})
		}
	}
	count(counts, CounterOccurrences, found)
	return nil
}

// locatedOccurrence is an occurrence as the report shows it, keyed by its cluster, with the
// order key of its document and its first content word, which order the clusters.
type locatedOccurrence struct {
	Order      string
	Start      int32
	Occurrence passages.Occurrence
}

// locateFn turns the occurrences in document id into the report's, by its text.
func locateFn(id uint64, docs func(*pdoc) bool, occurrences func(*occurrenceAt) bool, emit func(uint64, locatedOccurrence)) error {
	d, doc, err := onlyPdoc(id, docs)
	if err != nil {
		return err
	}
	var oc occurrenceAt
	for occurrences(&oc) {
		emit(oc.Cluster, locatedOccurrence{Order: d.Order, Start: oc.Start, Occurrence: doc.Occurrence(passages.Span{Start: oc.Start, End: oc.End})})
	}
	return nil
}

// passageClusterFn makes the cluster line of one cluster, its occurrences sorted and its
// representative chosen by passages.Cluster.Sorted. The line's order key sorts the clusters as
// dedupe passages does: by size, largest first, then by their first occurrence in input order.
func passageClusterFn(_ uint64, occurrences func(*locatedOccurrence) bool, emit func(clusterLine)) error {
	var c passages.Cluster
	var first locatedOccurrence
	var oc locatedOccurrence
	for occurrences(&oc) {
		if len(c.Occurrences) == 0 || cmp.Or(cmp.Compare(oc.Order, first.Order), cmp.Compare(oc.Start, first.Start)) < 0 {
			first = oc
		}
		c.Occurrences = append(c.Occurrences, oc.Occurrence)
	}
	c.Size = len(c.Occurrences)
	c = c.Sorted()
	var b bytes.Buffer
	if err := report.WriteLines(&b, []passages.Cluster{c}); err != nil {
		return err
	}
	// Sizes below 10^12 sort as their complement's digits, largest first.
	emit(clusterLine{Order: fmt.Sprintf("%012d\x00%s\x00%010d", 999_999_999_999-c.Size, first.Order, first.Start), JSON: b.Bytes()})
	return nil
}
