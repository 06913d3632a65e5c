package corpusgen

import (
	"bufio"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
)

// Report scores a dedupe result against the truth of a corpus.
type Report struct {
	Documents      int   `json:"documents"`       // articles in the truth
	Scanned        int64 `json:"scanned"`         // stats.documents of the result
	Clusters       int   `json:"clusters"`        // clusters in the result
	CandidatePairs int64 `json:"candidate_pairs"` // stats.candidate_pairs of the result
	VerifiedPairs  int64 `json:"verified_pairs"`  // stats.verified_pairs of the result

	// Recall has one entry per kind of copy, in the order exact,
	// near_exact, rewrite, partial, and a last one for all of them, "all".
	Recall []Recall `json:"recall"`

	Pairs      int64   `json:"pairs"`       // document pairs that share a cluster
	GroupPairs int64   `json:"group_pairs"` // of those, pairs of one planted group
	Precision  float64 `json:"precision"`   // GroupPairs/Pairs; 1 when Pairs is 0

	// SameEventFalseJoins counts the clusters that hold two articles of one
	// event that are not of one planted group: independent reports that a
	// detector must keep apart.
	SameEventFalseJoins int `json:"same_event_false_joins"`

	// SeriesPairs counts the pairs of issues of one templated series in the
	// truth, and TemplateJoins those of them that the result puts in one
	// cluster or links: issues share a layout, never a copied passage.
	SeriesPairs   int64 `json:"series_pairs"`
	TemplateJoins int64 `json:"template_joins"`
	// CrossSeriesJoins counts the pairs of issues of two different series
	// in one cluster or linked: series of one kind share their layout too.
	CrossSeriesJoins int64 `json:"cross_series_joins"`
}

// Recall is the recall of one kind of copy: the fraction of those copies
// that share a cluster with their group's original.
type Recall struct {
	Kind   string  `json:"kind"`
	Copies int     `json:"copies"`
	Found  int     `json:"found"`
	Recall float64 `json:"recall"` // Found/Copies; 0 when Copies is 0
}

// Evaluate reads a corpus's truth.jsonl from truth and dedupe's JSON result
// from result, and scores the result. The result is decoded one cluster at
// a time, so its size does not matter; the truth is held in memory.
//
// Every path in the result must be a path of the truth: a result of a scan
// of the corpus directory instead of its docs directory is an error.
func Evaluate(truth, result io.Reader) (*Report, error) {
	t, err := readTruth(truth)
	if err != nil {
		return nil, err
	}
	s := &scorer{t: t, clusterOf: make([]int32, len(t.kind))}
	for i := range s.clusterOf {
		s.clusterOf[i] = -1
	}
	if err := s.read(result); err != nil {
		return nil, fmt.Errorf("result: %w", err)
	}
	return s.report(), nil
}

// truthIndex is truth.jsonl with groups and events numbered.
type truthIndex struct {
	doc      map[string]int32 // path -> document number
	kind     []Kind           // by document
	group    []int32          // by document; -1 for unique articles and issues
	event    []int32          // by document
	series   []int32          // by document; -1 for news articles
	issues   []int64          // by series: its issues
	original []int32          // by group: its original's document
}

func readTruth(r io.Reader) (*truthIndex, error) {
	t := &truthIndex{doc: map[string]int32{}}
	groups, events, series := map[string]int32{}, map[string]int32{}, map[string]int32{}
	number := func(m map[string]int32, key string) int32 {
		n, ok := m[key]
		if !ok {
			n = int32(len(m))
			m[key] = n
		}
		return n
	}
	dec := json.NewDecoder(bufio.NewReaderSize(r, 1<<20))
	for line := 1; ; line++ {
		var rec TruthRecord
		if err := dec.Decode(&rec); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("truth: %w", err)
		}
		if _, dup := t.doc[rec.Path]; dup {
			return nil, fmt.Errorf("truth record %d: duplicate path %q", line, rec.Path)
		}
		alone := rec.Kind == KindUnique || rec.Kind == KindTemplate
		if alone != (rec.Group == "") || !(alone || rec.Kind == KindOriginal || rec.Kind.IsCopy()) {
			return nil, fmt.Errorf("truth record %d: kind %q with group %q", line, rec.Kind, rec.Group)
		}
		if (rec.Kind == KindTemplate) != (rec.Series != "") {
			return nil, fmt.Errorf("truth record %d: kind %q with series %q", line, rec.Kind, rec.Series)
		}
		d := int32(len(t.kind))
		t.doc[rec.Path] = d
		t.kind = append(t.kind, rec.Kind)
		t.event = append(t.event, number(events, rec.Event))
		g := int32(-1)
		if rec.Group != "" {
			g = number(groups, rec.Group)
			for int(g) >= len(t.original) {
				t.original = append(t.original, -1)
			}
			if rec.Kind == KindOriginal {
				if t.original[g] >= 0 {
					return nil, fmt.Errorf("truth record %d: second original of group %q", line, rec.Group)
				}
				t.original[g] = d
			}
		}
		t.group = append(t.group, g)
		se := int32(-1)
		if rec.Series != "" {
			se = number(series, rec.Series)
			if int(se) == len(t.issues) {
				t.issues = append(t.issues, 0)
			}
			t.issues[se]++
		}
		t.series = append(t.series, se)
	}
	for name, g := range groups {
		if t.original[g] < 0 {
			return nil, fmt.Errorf("truth: group %q has no original", name)
		}
	}
	return t, nil
}

// scorer accumulates a [Report] over the clusters of a result.
type scorer struct {
	t         *truthIndex
	clusterOf []int32 // by document; -1 when in no cluster
	rep       Report
	prefix    string  // the folder scanned, with a slash: result paths start with it (version 2)
	owners    []owner // scratch of cluster
	series    []int32 // scratch of cluster
}

// owner is the event of a clustered document and who wrote it: its planted
// group, or the document itself (as -1-doc) when it is unique.
type owner struct{ event, who int32 }

// Shape of dedupe's JSON result; only the fields scored are decoded.
type (
	resultStats struct {
		Documents      int64 `json:"documents"`
		CandidatePairs int64 `json:"candidate_pairs"`
		VerifiedPairs  int64 `json:"verified_pairs"`
	}
	resultCluster struct {
		Members []struct {
			Path string `json:"path"`
		} `json:"members"`
	}
	resultLink struct {
		A string `json:"a"`
		B string `json:"b"`
	}
)

// read streams the top-level object of a result, decoding clusters one by
// one and skipping fields it does not score.
func (s *scorer) read(r io.Reader) error {
	dec := json.NewDecoder(bufio.NewReaderSize(r, 1<<20))
	if err := expectDelim(dec, '{'); err != nil {
		return err
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return err
		}
		switch key {
		case "version":
			var v int
			if err := dec.Decode(&v); err != nil {
				return err
			}
			if v != 1 && v != 2 {
				return fmt.Errorf("unsupported version %d", v)
			}
		case "inputs":
			// Version 2 names documents by the folder scanned joined with their path below
			// it; the truth names them by the path below the docs folder.
			var inputs []string
			if err := dec.Decode(&inputs); err != nil {
				return err
			}
			if len(inputs) == 1 && path.Clean(inputs[0]) != "." {
				s.prefix = path.Clean(inputs[0]) + "/"
			}
		case "stats":
			var st resultStats
			if err := dec.Decode(&st); err != nil {
				return err
			}
			s.rep.Scanned, s.rep.CandidatePairs, s.rep.VerifiedPairs = st.Documents, st.CandidatePairs, st.VerifiedPairs
		case "clusters":
			if err := s.readClusters(dec); err != nil {
				return err
			}
		case "links":
			var links []resultLink
			if err := dec.Decode(&links); err != nil {
				return err
			}
			if err := s.links(links); err != nil {
				return err
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return err
			}
		}
	}
	return expectDelim(dec, '}')
}

func (s *scorer) readClusters(dec *json.Decoder) error {
	t, err := dec.Token()
	if err != nil || t == nil { // null: no clusters
		return err
	}
	if t != json.Delim('[') {
		return fmt.Errorf("clusters: got %v, want an array", t)
	}
	var c resultCluster
	for dec.More() {
		c.Members = c.Members[:0]
		if err := dec.Decode(&c); err != nil {
			return err
		}
		if err := s.cluster(&c); err != nil {
			return err
		}
	}
	return expectDelim(dec, ']')
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	t, err := dec.Token()
	if err != nil {
		return err
	}
	if t != want {
		return fmt.Errorf("got %v, want %v", t, want)
	}
	return nil
}

// errNotInTruth hints at the usual cause of unknown paths.
var errNotInTruth = errors.New("not in the truth (was the corpus's docs directory scanned?)")

func (s *scorer) cluster(c *resultCluster) error {
	id := int32(s.rep.Clusters)
	s.rep.Clusters++
	s.owners, s.series = s.owners[:0], s.series[:0]
	for _, m := range c.Members {
		d, err := s.doc(m.Path)
		if err != nil {
			return err
		}
		if s.clusterOf[d] >= 0 {
			return fmt.Errorf("path %q is in clusters %d and %d", m.Path, s.clusterOf[d]+1, id+1)
		}
		s.clusterOf[d] = id
		who := s.t.group[d]
		if who < 0 {
			who = -1 - d
		}
		s.owners = append(s.owners, owner{s.t.event[d], who})
		if se := s.t.series[d]; se >= 0 {
			s.series = append(s.series, se)
		}
	}
	slices.Sort(s.series)
	issues := int64(len(s.series))
	s.rep.CrossSeriesJoins += issues * (issues - 1) / 2
	for i := 0; i < len(s.series); {
		j := i + 1
		for j < len(s.series) && s.series[j] == s.series[i] {
			j++
		}
		k := int64(j - i)
		s.rep.TemplateJoins += k * (k - 1) / 2
		s.rep.CrossSeriesJoins -= k * (k - 1) / 2
		i = j
	}
	n := int64(len(s.owners))
	s.rep.Pairs += n * (n - 1) / 2

	// Sorted, the members of a group form a run, and the owners of an
	// event form consecutive runs.
	slices.SortFunc(s.owners, func(a, b owner) int {
		return cmp.Or(cmp.Compare(a.event, b.event), cmp.Compare(a.who, b.who))
	})
	falseJoin := false
	for i := 0; i < len(s.owners); {
		j := i + 1
		for j < len(s.owners) && s.owners[j] == s.owners[i] {
			j++
		}
		if k := int64(j - i); s.owners[i].who >= 0 {
			s.rep.GroupPairs += k * (k - 1) / 2
		}
		if j < len(s.owners) && s.owners[j].event == s.owners[i].event {
			falseJoin = true
		}
		i = j
	}
	if falseJoin {
		s.rep.SameEventFalseJoins++
	}
	return nil
}

// doc returns the document of a path of the result.
func (s *scorer) doc(p string) (int32, error) {
	d, ok := s.t.doc[path.Clean(strings.TrimPrefix(p, s.prefix))]
	if !ok {
		return 0, fmt.Errorf("path %q: %w", p, errNotInTruth)
	}
	return d, nil
}

// links counts the links between two issues. A link joins documents of
// different clusters, so no pair is counted twice.
func (s *scorer) links(links []resultLink) error {
	for _, l := range links {
		a, err := s.doc(l.A)
		if err != nil {
			return err
		}
		b, err := s.doc(l.B)
		if err != nil {
			return err
		}
		switch sa, sb := s.t.series[a], s.t.series[b]; {
		case sa < 0 || sb < 0:
		case sa == sb:
			s.rep.TemplateJoins++
		default:
			s.rep.CrossSeriesJoins++
		}
	}
	return nil
}

func (s *scorer) report() *Report {
	s.rep.Documents = len(s.t.kind)
	for _, n := range s.t.issues {
		s.rep.SeriesPairs += n * (n - 1) / 2
	}
	s.rep.Precision = 1
	if s.rep.Pairs > 0 {
		s.rep.Precision = float64(s.rep.GroupPairs) / float64(s.rep.Pairs)
	}
	s.rep.Recall = make([]Recall, len(copyKinds)+1)
	all := &s.rep.Recall[len(copyKinds)]
	all.Kind = "all"
	for i, k := range copyKinds {
		s.rep.Recall[i].Kind = string(k)
	}
	for d, k := range s.t.kind {
		i := slices.Index(copyKinds[:], k)
		if i < 0 {
			continue
		}
		found := 0
		if c := s.clusterOf[d]; c >= 0 && c == s.clusterOf[s.t.original[s.t.group[d]]] {
			found = 1
		}
		for _, r := range []*Recall{&s.rep.Recall[i], all} {
			r.Copies++
			r.Found += found
		}
	}
	for i := range s.rep.Recall {
		if r := &s.rep.Recall[i]; r.Copies > 0 {
			r.Recall = float64(r.Found) / float64(r.Copies)
		}
	}
	return &s.rep
}

// WriteText writes r as aligned text.
func (r *Report) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	for _, f := range []struct {
		name string
		v    int64
	}{
		{"documents", int64(r.Documents)},
		{"scanned", r.Scanned},
		{"clusters", int64(r.Clusters)},
		{"candidate pairs", r.CandidatePairs},
		{"verified pairs", r.VerifiedPairs},
	} {
		fmt.Fprintf(bw, "%-24s %10d\n", f.name, f.v)
	}
	fmt.Fprintf(bw, "\n%-12s %8s %8s %8s\n", "kind", "copies", "found", "recall")
	for _, k := range r.Recall {
		recall := "-"
		if k.Copies > 0 {
			recall = fmt.Sprintf("%.4f", k.Recall)
		}
		fmt.Fprintf(bw, "%-12s %8d %8d %8s\n", k.Kind, k.Copies, k.Found, recall)
	}
	fmt.Fprintf(bw, "\n%-24s %10d\n", "co-clustered pairs", r.Pairs)
	fmt.Fprintf(bw, "%-24s %10d\n", "same-group pairs", r.GroupPairs)
	fmt.Fprintf(bw, "%-24s %10.4f\n", "pair precision", r.Precision)
	fmt.Fprintf(bw, "%-24s %10d\n", "same-event false joins", r.SameEventFalseJoins)
	fmt.Fprintf(bw, "%-24s %10d\n", "series pairs", r.SeriesPairs)
	fmt.Fprintf(bw, "%-24s %10d\n", "template joins", r.TemplateJoins)
	fmt.Fprintf(bw, "%-24s %10d\n", "cross-series joins", r.CrossSeriesJoins)
	return bw.Flush()
}
