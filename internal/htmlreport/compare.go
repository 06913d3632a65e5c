package htmlreport

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/dedupe-dev/dedupe/internal/explain"
	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/parallel"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// AllPairsMax is the largest cluster of which [Comparisons] compares every two members; in a
// larger one it compares each member with the representative. A cluster of n members has
// n(n-1)/2 pairs: at 25,000 generated articles, the clusters of up to 8 had 9,000 and one
// of 189 (a templated series) alone 17,766.
const AllPairsMax = 8

// Comparisons explains pairs of members of the clusters of rep, for [Write]: in every cluster
// each member with the representative, then, in clusters of up to [AllPairsMax] members, every
// other pair. A scan keeps no texts, so Comparisons reads paths again with opts.Input (the
// paths and options the scan was given; stdin, read for "-" as [input.Read] does, must hold the
// same bytes again), keeps the texts of the documents it needs, matched by path, and compares
// each pair as dedupe compare does, on opts.Workers goroutines, each taking a cluster at a
// time and analysing each of its members once.
// weights, the scan's (scan.Result.Weights), weigh words by their frequency in the corpus as
// the scan did, so that a pair's verdict is the scan's; nil weighs every word alike, as
// dedupe compare does. Boilerplate removal needs the whole corpus and is not applied, so on a
// large corpus the alignment shown can differ a little from the one behind the scan's figures.
//
// Keys are {member, member} paths in the order of the cluster's members. limit, when positive,
// caps the pairs: the pairs with the representative come first, in cluster order. A document
// that is no longer there, or no longer readable, is left out with its pairs.
func Comparisons(ctx context.Context, rep *report.Report, paths []string, stdin io.Reader, opts scan.Options, weights *verify.Weights, limit int) (map[[2]string]*explain.Comparison, error) {
	// An analyser and a verifier keep scratch buffers: one of each per goroutine.
	if _, _, err := explain.Tools(opts.Language, opts.Verify); err != nil {
		return nil, err
	}
	pairs := pairsToCompare(rep, limit)
	out := make(map[[2]string]*explain.Comparison, len(pairs))
	if len(pairs) == 0 {
		return out, nil
	}
	wanted := make(map[string]bool)
	for _, p := range pairs {
		wanted[p[0]], wanted[p[1]] = true, true
	}
	texts, err := readTexts(ctx, paths, stdin, opts.Input, wanted)
	if err != nil {
		return nil, err
	}
	members := make(map[string]report.Member, len(wanted))
	clusterOf := make(map[string]int, len(wanted))
	for k, c := range rep.Clusters {
		for _, m := range c.Members {
			members[m.Path], clusterOf[m.Path] = m, k
		}
	}
	// The pairs of each cluster, by their index in pairs: a member is analysed once for all
	// the pairs of its cluster (in the articles cut from the chronam-1916 pages, 20,000 pairs of
	// 17,044 documents analysed 40,000 texts), and its analysis dropped with the cluster.
	byCluster := make([][]int, len(rep.Clusters))
	for i, p := range pairs {
		k := clusterOf[p[0]]
		byCluster[k] = append(byCluster[k], i)
	}
	results := make([]*explain.Comparison, len(pairs))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu       sync.Mutex
		firstErr error // the first comparison that failed, guarded by mu
	)
	parallel.For(ctx, scan.Goroutines(opts.Workers), len(byCluster), func() func(int) {
		an, v, _ := explain.Tools(opts.Language, opts.Verify) // as above: no error
		if weights != nil {
			v.SetWeights(weights) // read only: one for all goroutines
		}
		return func(k int) {
			analysed := make(map[string]*explain.Analysed)
			analyse := func(path string) (*explain.Analysed, bool) {
				x, ok := analysed[path]
				if !ok {
					text, read := texts[path]
					if !read {
						return nil, false
					}
					x = explain.Analyse(an, text)
					analysed[path] = x
				}
				return x, true
			}
			for _, i := range byCluster[k] {
				p := pairs[i]
				xa, okA := analyse(p[0])
				xb, okB := analyse(p[1])
				if !okA || !okB {
					continue
				}
				c, err := explain.CompareAnalysed(ctx, v, docOf(members[p[0]]), docOf(members[p[1]]), xa, xb)
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					cancel()
					return
				}
				results[i] = c
			}
		}
	})
	if firstErr != nil {
		return nil, firstErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, c := range results {
		if c != nil {
			out[pairs[i]] = c
		}
	}
	return out, nil
}

// pairsToCompare returns the pairs Comparisons compares, at most limit when it is positive:
// first each member with the representative, and in a cluster of more than AllPairsMax members
// with the partner of its closest pair (report.Cluster.Closest), cluster by cluster, then the
// other pairs of the clusters of up to AllPairsMax members. Each pair is in the order of the cluster's members.
func pairsToCompare(rep *report.Report, limit int) [][2]string {
	var out [][2]string
	add := func(a, b string) bool {
		if limit > 0 && len(out) >= limit {
			return false
		}
		out = append(out, [2]string{a, b})
		return true
	}
	for _, c := range rep.Clusters {
		seenRep := false
		index := make(map[string]int, len(c.Members))
		for i, m := range c.Members {
			index[m.Path] = i
		}
		added := make(map[[2]string]bool)
		for _, m := range c.Members {
			if m.Path == c.Representative {
				seenRep = true
				continue
			}
			a, b := m.Path, c.Representative
			if seenRep {
				a, b = b, a
			}
			if !add(a, b) {
				return out
			}
			// In a cluster too large for all its pairs, also the pair that names the member's
			// relation, when its partner is another member: the pair with the representative,
			// which the scan may not have verified, does not say why the member was grouped.
			if len(c.Members) <= AllPairsMax {
				continue
			}
			if _, other, ok := c.Closest(m.Path); ok && other != c.Representative {
				a, b := m.Path, other
				if index[b] < index[a] {
					a, b = b, a
				}
				if !added[[2]string{a, b}] {
					added[[2]string{a, b}] = true
					if !add(a, b) {
						return out
					}
				}
			}
		}
	}
	for _, c := range rep.Clusters {
		if len(c.Members) > AllPairsMax {
			continue
		}
		for i, a := range c.Members {
			for _, b := range c.Members[i+1:] {
				if a.Path != c.Representative && b.Path != c.Representative && !add(a.Path, b.Path) {
					return out
				}
			}
		}
	}
	return out
}

// readTexts reads paths (stdin for "-") with opts and returns the text of each wanted path,
// the first document of that name.
func readTexts(ctx context.Context, paths []string, stdin io.Reader, opts input.Options, wanted map[string]bool) (map[string]string, error) {
	texts := make(map[string]string, len(wanted))
	err := input.Read(ctx, paths, stdin, opts,
		func(d input.Document) error {
			if _, seen := texts[d.Path]; wanted[d.Path] && !seen {
				texts[d.Path] = d.Text
			}
			return nil
		},
		func(input.Skip) error { return nil })
	if err != nil {
		return nil, fmt.Errorf("read the inputs again: %w", err)
	}
	return texts, nil
}

func docOf(m report.Member) explain.Document {
	return explain.Document{Path: m.Path, Title: m.Title, Date: m.Date}
}
