package scan

import (
	"fmt"
	"slices"
	"time"

	"github.com/dedupe-dev/dedupe/internal/cluster"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/param"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// Clusters groups the verified pairs without chaining (see package cluster).
func (r *Result) Clusters(minShare float64) []cluster.Cluster {
	nodes := make([]cluster.Node, len(r.Documents))
	for i, d := range r.Documents {
		nodes[i] = cluster.Node{Words: d.Words, Name: d.Path}
	}
	edges := make([]cluster.Edge, len(r.Pairs))
	for i, p := range r.Pairs {
		edges[i] = cluster.Edge{A: p.A, B: p.B, ShareA: p.Result.ShareA(), ShareB: p.Result.ShareB(), Score: p.Result.Score}
		for _, ps := range p.Passages {
			edges[i].SpansA = append(edges[i].SpansA, r.Documents[p.A].span(ps.A, ps.AEnd))
			edges[i].SpansB = append(edges[i].SpansB, r.Documents[p.B].span(ps.B, ps.BEnd))
		}
	}
	return cluster.Star(nodes, edges, minShare)
}

// span returns the sentences start to end-1 of d as a cluster span: the bytes they cover in
// its text, so that the clustering weighs a passage by its length, not by its sentences (a
// dateline or a one-line headline that two alignments cut differently is one sentence of four
// in a short item). It returns their indexes when d has no byte ranges (a Result built
// without analysis); a document's spans are then all in that one unit, as Star requires.
func (d *Document) span(start, end int) cluster.Span {
	if end > len(d.Sentences) || start >= end {
		return cluster.Span{Start: start, End: end}
	}
	return cluster.Span{Start: int(d.Sentences[start].Start), End: int(d.Sentences[end-1].End)}
}

// ReportParams returns the settings of the report, given the candidate threshold, the MinHash
// permutations and the LSH bands and rows that were used: every spec of Specs with a key that
// the command used (those of used, a part of Specs), in Specs' order, then the normaliser's
// version.
func (o *Options) ReportParams(threshold float64, numPerm, bands, rows int, used param.Table) report.Params {
	values := *o
	values.Threshold, values.NumPerm, values.Bands, values.Rows = threshold, numPerm, bands, rows
	return RecordParams(slices.DeleteFunc(slices.Clone(Specs), func(s param.Spec) bool { return used.Lookup(s.Key) == nil }), &values)
}

// reportParams returns the params of r's report: those of opts, with what the scan derived
// for its corpus (threshold, permutations, bands and rows, the candidate floor, the decision).
func (r *Result) reportParams(opts *Options) report.Params {
	o := *opts
	if r.Decision != "" {
		o.Verify.Decision = r.Decision
	}
	o.CandidateFloor = r.Floor
	return o.ReportParams(r.Threshold, r.NumPerm, r.Bands, r.Rows, Specs)
}

// RecordParams returns the settings of the struct that ptr points to as a report records them:
// every spec of specs with a key, in their order, then the normaliser's version, which decides
// the results as much as they do. Scan and passages reports alike record their params so.
func RecordParams(specs param.Table, ptr any) report.Params {
	var p report.Params
	for _, s := range specs {
		if s.Key != "" {
			p = append(p, report.Param{Key: s.Key, Value: s.Get(ptr)})
		}
	}
	return append(p, report.Param{Key: "normalizer_version", Value: normalize.Version})
}

// Report turns the result into dedupe's JSON contract. Singletons adds a one-member cluster for
// every document in no cluster. Every cluster larger than opts.MaxCluster adds a warning, on
// its representative, after the warnings about inputs.
func (r *Result) Report(opts *Options, singletons bool) *report.Report {
	rep := &report.Report{
		Version:  report.Version,
		Root:     r.Root,
		Inputs:   r.Inputs,
		Params:   r.reportParams(opts),
		Clusters: []report.Cluster{},
		Links:    []report.Pair{},
		Skipped:  []report.Skip{},
		Warnings: []report.Warning{},
	}
	clusters := r.Clusters(opts.ClusterShare)
	clusterOf := make([]int, len(r.Documents))
	for i, c := range clusters {
		for _, m := range c.Members {
			clusterOf[m] = i + 1
		}
	}
	if singletons {
		// A document alone gets its one-member cluster's id, in document order after the
		// clusters, so that the links name it too.
		next := len(clusters)
		for i := range clusterOf {
			if clusterOf[i] == 0 {
				next++
				clusterOf[i] = next
			}
		}
	}
	pairsOf := make([][]report.Pair, len(clusters))
	var bigClusters []report.Warning // after the input warnings, in cluster order
	for _, p := range r.Pairs {
		rp := NewPair(&r.Documents[p.A], &r.Documents[p.B], &p.Result)
		rp.Passages = ReportPassages(p.Passages, r.Documents[p.A].Sentences, r.Documents[p.B].Sentences)
		ca, cb := clusterOf[p.A], clusterOf[p.B]
		if ca != 0 && ca == cb {
			pairsOf[ca-1] = append(pairsOf[ca-1], rp)
			continue
		}
		rp.ClusterA, rp.ClusterB = ca, cb
		rep.Links = append(rep.Links, rp)
	}
	for i, c := range clusters {
		rc := report.Cluster{
			ID:                 i + 1,
			Size:               len(c.Members),
			Representative:     r.Documents[c.Representative].Path,
			RepresentativeRule: "most_aligned",
			Pairs:              pairsOf[i],
		}
		for _, m := range c.Members {
			rc.Members = append(rc.Members, r.Documents[m].Member())
		}
		rep.Clusters = append(rep.Clusters, rc)
		rep.Stats.ClusteredDocs += len(c.Members)
		if opts.MaxCluster > 0 && rc.Size > opts.MaxCluster {
			bigClusters = append(bigClusters, report.Warning{
				Path:    rc.Representative,
				Message: fmt.Sprintf("cluster %d has %d documents: usually boilerplate (--max-cluster is %d)", rc.ID, rc.Size, opts.MaxCluster),
			})
		}
	}
	rep.Stats.Clusters = len(rep.Clusters)
	if singletons {
		for i := range r.Documents {
			if clusterOf[i] > len(clusters) {
				rep.Clusters = append(rep.Clusters, report.Cluster{
					ID:                 clusterOf[i],
					Size:               1,
					Representative:     r.Documents[i].Path,
					RepresentativeRule: "only_member",
					Members:            []report.Member{r.Documents[i].Member()},
					Pairs:              []report.Pair{},
				})
			}
		}
	}
	rep.Skipped = report.AppendSkips(rep.Skipped, r.Skipped)
	rep.Warnings = report.AppendWarnings(rep.Warnings, r.Warnings)
	rep.Warnings = report.AppendWarnings(rep.Warnings, r.Bounded)
	rep.Warnings = append(rep.Warnings, bigClusters...)
	if msg := opts.Verify.MixedWarning(r.Texts); msg != "" {
		rep.Warnings = append(rep.Warnings, report.Warning{Message: msg})
	}
	rep.Stats.Documents = len(r.Documents)
	rep.Stats.Skipped = report.CountSkipped(rep.Skipped)
	rep.Stats.CandidatePairs = r.Candidates
	rep.Stats.VerifiedPairs = len(r.Pairs)
	rep.Stats.OversizedBuckets = r.LSH.OversizedBuckets
	rep.Stats.BoilerplateSentences = r.Boilerplate
	rep.Stats.SeriesPairs = r.SeriesPairs
	rep.Stats.BelowFloorPairs = r.BelowFloor
	rep.Stats.Decision = r.Decision
	if r.Decision != "" {
		g := report.Ratio(r.Garble)
		rep.Stats.GarbleMedian = &g
		rep.Stats.GarbleDocuments = r.Texts.Measured
	}
	switch {
	case opts.Series == "" || len(r.Documents) == 0:
	case r.SeriesNamed == 0:
		rep.Warnings = append(rep.Warnings, report.Warning{Message: fmt.Sprintf("--series %q names the series of no document: no pair is left out as of one series", opts.Series)})
	case r.Candidates == 0 && r.SeriesPairs > 0:
		rep.Warnings = append(rep.Warnings, report.Warning{Message: fmt.Sprintf("--series %q puts every candidate pair in one series: no pair is compared", opts.Series)})
	}
	return rep
}

// Member returns d as a member of a cluster in the report.
func (d *Document) Member() report.Member {
	return report.Member{Path: d.Path, Words: d.Words, Lang: d.Lang, Title: d.Title, Date: report.FormatDate(d.Date),
		Site: d.Site, Encoding: report.SourceEncoding(d.Encoding), Line: d.Line}
}

// NewPair returns the report entry of a pair of documents that v verified: its figures, its
// relation and its likely source, the earlier document when both are dated differently, else
// the side the verifier names.
func NewPair(a, b *Document, v *verify.Result) report.Pair {
	rp := report.Pair{
		A:            a.Path,
		B:            b.Path,
		Relation:     string(v.Relation),
		Score:        report.Ratio(v.Score),
		Jaccard:      report.Ratio(v.Jaccard),
		Containment:  report.Ratio(v.Containment),
		ContainmentA: report.Ratio(v.ContainmentA),
		ContainmentB: report.Ratio(v.ContainmentB),
		CoverageA:    report.Ratio(v.CoverageA),
		CoverageB:    report.Ratio(v.CoverageB),
		Aligned:      v.AlignedSentences,
		LongestRun:   v.LongestRun,
		EncodingA:    a.Member().Encoding,
		EncodingB:    b.Member().Encoding,
	}
	rp.Source = LikelySource(a.Path, a.Date, b.Path, b.Date, v.Source)
	return rp
}

// LikelySource returns the path of the likely source of a duplicate pair, a dated aDate and b
// dated bDate (zero when undated): the earlier when both are dated differently, else the side
// the verifier names, else "". Scan and compare name it so; check too, but where the dates do
// not say, the archived document (see archive.Checker).
func LikelySource(a string, aDate time.Time, b string, bDate time.Time, s verify.Source) string {
	switch {
	case !aDate.IsZero() && !bDate.IsZero() && !aDate.Equal(bDate):
		if bDate.Before(aDate) {
			return b
		}
		return a
	case s == verify.SourceA:
		return a
	case s == verify.SourceB:
		return b
	}
	return ""
}
