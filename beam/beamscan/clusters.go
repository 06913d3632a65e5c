package beamscan

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/dedupe-dev/dedupe/internal/passages"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/scan"
)

func init() {
	register.DoFn3x1[uint64, func(*edge) bool, func(clusterLine), error](&clusterFn{})
	register.DoFn4x1[context.Context, []byte, func(*clusterLine) bool, func(string, int64), error](&writeFn{})
	register.Emitter1[clusterLine]()
	register.Iter1[clusterLine]()
}

// clusterLine is one cluster in the JSON lines format, before clusters are numbered.
type clusterLine struct {
	// Order is the key in which clusters are numbered: for a scan, the order key of the
	// cluster's first member; for passages, the cluster's size, then its first occurrence.
	Order string
	JSON  []byte // the report.Cluster or passages.Cluster, with ID 0
}

// clusterFn clusters one connected component of verified pairs with dedupe scan's own report
// code, which applies the star rule and formats the JSON contract.
type clusterFn struct {
	optionsFn
}

// ProcessElement clusters the component labelled label.
func (fn *clusterFn) ProcessElement(label uint64, edges func(*edge) bool, emit func(clusterLine)) error {
	var es []edge
	metas := map[uint64]meta{}
	var e edge
	for edges(&e) {
		es = append(es, e)
		metas[e.A], metas[e.B] = e.MetaA, e.MetaB
	}
	// The documents in input order, so that ties break as in a whole-corpus scan.
	ids := make([]uint64, 0, len(metas))
	for id := range metas {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(x, y uint64) int { return cmp.Compare(metas[x].Order, metas[y].Order) })
	index := make(map[uint64]int, len(ids))
	res := &scan.Result{Documents: make([]scan.Document, len(ids))}
	for i, id := range ids {
		index[id] = i
		m := metas[id]
		d, err := m.document()
		if err != nil {
			return err
		}
		res.Documents[i] = d
	}
	for _, e := range es {
		p := scan.Pair{A: index[e.A], B: index[e.B]}
		if err := json.Unmarshal(e.Result, &p.Result); err != nil {
			return fmt.Errorf("verified pair %q ~ %q: %w", e.MetaA.Path, e.MetaB.Path, err)
		}
		if err := json.Unmarshal(e.Passages, &p.Passages); err != nil {
			return fmt.Errorf("passages of %q ~ %q: %w", e.MetaA.Path, e.MetaB.Path, err)
		}
		res.Pairs = append(res.Pairs, p)
	}
	slices.SortFunc(res.Pairs, func(x, y scan.Pair) int { return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B)) })

	// Report numbers the clusters of Clusters in order; their members are sorted, so the first
	// is the earliest in input order.
	clusters := res.Clusters(fn.opts.ClusterShare)
	for i, c := range res.Report(fn.opts, false).Clusters {
		c.ID = 0
		line, err := encodeCluster(&c)
		if err != nil {
			return err
		}
		emit(clusterLine{Order: metas[ids[clusters[i].Members[0]]].Order, JSON: line})
	}
	return nil
}

// encodeCluster returns c as one cluster line of dedupe scan --format jsonl, newline included.
func encodeCluster(c *report.Cluster) ([]byte, error) {
	var buf bytes.Buffer
	err := report.WriteClusterRecord(&buf, c)
	return buf.Bytes(), err
}

// renumber returns the cluster line given with id as its ID.
func (fn *writeFn) renumber(line []byte, id int) ([]byte, error) {
	if fn.Passages {
		var c passages.Cluster
		if err := json.Unmarshal(line, &c); err != nil {
			return nil, err
		}
		c.ID = id
		var b bytes.Buffer
		err := report.WriteLines(&b, []passages.Cluster{c})
		return b.Bytes(), err
	}
	var c report.Cluster
	if err := json.Unmarshal(line, &c); err != nil {
		return nil, err
	}
	c.ID = id
	return encodeCluster(&c)
}

// writeFn numbers the clusters as dedupe scan does, in the input order of their first member,
// writes them to Output and emits their count as clusters. It sees every cluster at once, as a
// side input to the single impulse element, so that the file is written even when there is no
// cluster: a cluster line is a few hundred bytes, and one output file needs one writer anyway
// (as in Beam's textio.Write).
type writeFn struct {
	Output   string
	Passages bool // the lines are passages.Cluster, not report.Cluster
}

// ProcessElement writes all clusters once, for the impulse.
func (fn *writeFn) ProcessElement(ctx context.Context, _ []byte, lines func(*clusterLine) bool, counts func(string, int64)) (err error) {
	var all []clusterLine
	var l clusterLine
	for lines(&l) {
		all = append(all, l)
	}
	slices.SortFunc(all, func(x, y clusterLine) int { return cmp.Compare(x.Order, y.Order) })

	fs, err := filesystem.New(ctx, fn.Output)
	if err != nil {
		return err
	}
	defer fs.Close()
	f, err := fs.OpenWrite(ctx, fn.Output)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	w := bufio.NewWriterSize(f, 1<<20)
	for i, l := range all {
		line, err := fn.renumber(l.JSON, i+1)
		if err != nil {
			return err
		}
		if _, err := w.Write(line); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	count(counts, CounterClusters, len(all))
	return nil
}
