package scan

import (
	"time"

	"github.com/dedupe-dev/dedupe/internal/cluster"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// Clusters groups the verified pairs without chaining (see package cluster).
func (r *Result) Clusters(minShare float64) []cluster.Cluster {
	nodes := make([]cluster.Node, len(r.Documents))
	for i, d := range r.Documents {
		nodes[i] = cluster.Node{Date: d.Date, Words: d.Words}
	}
	edges := make([]cluster.Edge, len(r.Pairs))
	for i, p := range r.Pairs {
		edges[i] = cluster.Edge{A: p.A, B: p.B, ShareA: p.Result.ShareA(), ShareB: p.Result.ShareB(), Score: p.Result.Score}
	}
	return cluster.Star(nodes, edges, minShare)
}

// Report turns the result into dedupe's JSON contract. Singletons adds a one-member cluster for
// every document in no cluster.
func (r *Result) Report(opts *Options, singletons bool) *report.Report {
	rep := &report.Report{
		Version: report.Version,
		Params: report.Params{
			ShingleSize:        opts.Verify.ShingleSize,
			NumPerm:            opts.NumPerm,
			Bands:              r.Bands,
			Rows:               r.Rows,
			Threshold:          report.Ratio(r.Threshold),
			Seed:               opts.Seed,
			Language:           opts.Language,
			MinWords:           opts.MinWords,
			MaxBucket:          opts.MaxBucket,
			BoilerplateDF:      report.Ratio(opts.BoilerplateDF),
			BoilerplateMinDocs: opts.BoilerplateMinDocs,
			SentenceSimilarity: report.Ratio(opts.Verify.SentenceSimilarity),
			MinCoverage:        report.Ratio(opts.Verify.MinCoverage),
			MinEvidence:        report.Ratio(opts.Verify.MinEvidence),
			MinAligned:         opts.Verify.MinAligned,
			MinContainment:     report.Ratio(opts.Verify.MinContainment),
			NearExactThreshold: report.Ratio(opts.Verify.NearExact),
			NormalizerVersion:  normalize.Version,
		},
		Clusters: []report.Cluster{},
		Links:    []report.Pair{},
		Skipped:  []report.Skip{},
		Warnings: []report.Warning{},
	}
	clusters := r.Clusters(opts.Verify.MinCoverage)
	clusterOf := make([]int, len(r.Documents))
	for i, c := range clusters {
		for _, m := range c.Members {
			clusterOf[m] = i + 1
		}
	}
	pairsOf := make([][]report.Pair, len(clusters))
	for _, p := range r.Pairs {
		rp := r.pair(p)
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
		if c.ByDate {
			rc.RepresentativeRule = "earliest_date"
		}
		for _, m := range c.Members {
			rc.Members = append(rc.Members, r.member(m))
		}
		rep.Clusters = append(rep.Clusters, rc)
		rep.Stats.ClusteredDocs += len(c.Members)
	}
	rep.Stats.Clusters = len(rep.Clusters)
	if singletons {
		for i := range r.Documents {
			if clusterOf[i] == 0 {
				rep.Clusters = append(rep.Clusters, report.Cluster{
					ID:                 len(rep.Clusters) + 1,
					Size:               1,
					Representative:     r.Documents[i].Path,
					RepresentativeRule: "only_member",
					Members:            []report.Member{r.member(i)},
					Pairs:              []report.Pair{},
				})
			}
		}
	}
	for _, s := range r.Skipped {
		rep.Skipped = append(rep.Skipped, report.Skip{Path: s.Path, Line: s.Line, Reason: s.Reason})
	}
	for _, w := range r.Warnings {
		rep.Warnings = append(rep.Warnings, report.Warning{Path: w.Path, Line: w.Line, Message: w.Reason})
	}
	rep.Stats.Documents = len(r.Documents)
	rep.Stats.Skipped = len(r.Skipped)
	rep.Stats.CandidatePairs = r.Candidates
	rep.Stats.VerifiedPairs = len(r.Pairs)
	rep.Stats.OversizedBuckets = r.LSH.OversizedBuckets
	rep.Stats.BoilerplateSentences = r.Boilerplate
	return rep
}

func (r *Result) member(i int) report.Member {
	d := &r.Documents[i]
	m := report.Member{Path: d.Path, Words: d.Words, Title: d.Title}
	if !d.Date.IsZero() {
		m.Date = d.Date.UTC().Format(time.RFC3339)
	}
	if d.Encoding != "" && d.Encoding != "utf-8" {
		m.Encoding = d.Encoding
	}
	return m
}

func (r *Result) pair(p Pair) report.Pair {
	v := &p.Result
	a, b := &r.Documents[p.A], &r.Documents[p.B]
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
		Aligned:      len(v.Aligned),
	}
	switch {
	case !a.Date.IsZero() && !b.Date.IsZero() && !a.Date.Equal(b.Date):
		rp.Source = a.Path
		if b.Date.Before(a.Date) {
			rp.Source = b.Path
		}
	case v.Source == verify.SourceA:
		rp.Source = a.Path
	case v.Source == verify.SourceB:
		rp.Source = b.Path
	}
	return rp
}
