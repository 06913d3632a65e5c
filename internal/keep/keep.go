// Package keep acts on a scan's report: it picks the member of each cluster to keep by a
// rule, lists the other members, the copies that can go, and writes a JSONL corpus without
// them, as text-dedup writes its output. It decides nothing about what is a copy: that is the
// report's, and a link between clusters (see report.Report.Links) removes nothing.
package keep

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/report"
)

// Rule names how the member of a cluster to keep is chosen.
type Rule string

// The rules. Each breaks ties for the representative, then for the member listed first.
const (
	// Representative keeps the cluster's representative: the earliest member when every
	// member is dated, else the member the others align to (report.Cluster.RepresentativeRule).
	Representative Rule = "representative"
	// Earliest keeps the member with the earliest date; members without one come after every
	// dated member, so a cluster without dates keeps its representative.
	Earliest Rule = "earliest"
	// Longest keeps the member with the most words.
	Longest Rule = "longest"
)

// Rules lists the rules' names, for flags and help.
var Rules = []string{string(Representative), string(Earliest), string(Longest)}

// Kept returns the path of the member of c that rule keeps, or "" for a cluster without
// members. An unknown rule is Representative. keepable, when not nil, names the members that
// may be kept: rule chooses among them when the cluster has one (--write-unique keeps a JSONL
// record, which it can write, rather than a text file beside it, which it cannot, and would
// otherwise leave the story out of the corpus), else among all.
func Kept(c *report.Cluster, rule Rule, keepable func(path string) bool) string {
	members := c.Members
	if keepable != nil && slices.ContainsFunc(members, func(m report.Member) bool { return keepable(m.Path) }) {
		members = slices.DeleteFunc(slices.Clone(members), func(m report.Member) bool { return !keepable(m.Path) })
	}
	if len(members) == 0 {
		return ""
	}
	// Start from the representative so that it wins ties; a report read from elsewhere might
	// name one that is not a member, and keepable may leave it out: then the first member
	// starts.
	best := members[max(0, slices.IndexFunc(members, func(m report.Member) bool { return m.Path == c.Representative }))]
	var better func(m, best report.Member) bool
	switch rule {
	case Earliest:
		better = func(m, best report.Member) bool {
			mt, mok := date(m)
			bt, bok := date(best)
			return mok && (!bok || mt.Before(bt))
		}
	case Longest:
		better = func(m, best report.Member) bool { return m.Words > best.Words }
	default:
		return best.Path
	}
	for _, m := range members {
		if better(m, best) {
			best = m
		}
	}
	return best.Path
}

// date returns the date of m and whether it has one that parses.
func date(m report.Member) (time.Time, bool) {
	t, err := time.Parse(time.RFC3339, m.Date)
	return t, err == nil
}

// Copies returns the paths of the members that can go, keeping one per cluster by rule and
// keepable (see [Kept]), and every member of which less than minShare is found in the member
// kept (see [Share]): cluster by cluster, in the order of the members, as the report names
// them. Clusters of one (--singletons) give none. A cluster groups partial copies too: a page
// that printed a story beside others shares a part of itself with the story's other
// reprints, and minShare keeps it for the rest.
func Copies(rep *report.Report, rule Rule, minShare float64, keepable func(path string) bool) []string {
	var out []string
	for i := range rep.Clusters {
		c := &rep.Clusters[i]
		kept := Kept(c, rule, keepable)
		for _, m := range c.Members {
			if m.Path != kept && (minShare <= 0 || Share(c, m.Path, kept) >= minShare) {
				out = append(out, m.Path)
			}
		}
	}
	return out
}

// Share returns how much of member is found in kept, by their verified pair in c: the larger
// of the member's coverage and containment. A member not verified against kept (it joined
// the cluster through another member) counts what it shares with the member it shares most
// with, since what the cluster holds of it is there.
func Share(c *report.Cluster, member, kept string) float64 {
	best := 0.0
	for _, p := range c.Pairs {
		share, ok := p.ShareOf(member)
		if !ok {
			continue
		}
		if p.A == kept || p.B == kept {
			return float64(share)
		}
		best = max(best, float64(share))
	}
	return best
}

// WriteCopies writes paths one a line, each escaped by report.Text so that every name stays
// on its line; with null, each ends with a NUL byte instead, raw (input.UnescapeName) as on
// disk, for xargs -0. Standard input ("-", and "-#id" for its records) is left out: it is no
// file, and a list for rm must not name "-".
func WriteCopies(w io.Writer, paths []string, null bool) error {
	for _, p := range paths {
		if p == "-" || strings.HasPrefix(p, "-#") {
			continue
		}
		var err error
		if null {
			_, err = fmt.Fprintf(w, "%s\x00", input.UnescapeName(p))
		} else {
			_, err = fmt.Fprintf(w, "%s\n", report.Text(p))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Unique counts what [WriteUnique] did.
type Unique struct {
	Written int // records written
	Dropped int // records left out as copies
	// NotJSONL counts documents read that are not JSONL records (text and HTML files,
	// standard input unless read as JSONL): they have no line to write.
	NotJSONL int
}

// WriteUnique reads paths again as a scan read them (stdin for "-", opts as the scan's) and
// writes to w every JSONL record the scan read whose name drop does not hold, byte for byte
// as in the input (see input.Document.Raw), each ended by a line feed, in the order read.
// Lines that gave no document (invalid JSON, no text: the report's skipped inputs) are left
// out, as are documents that are not JSONL records. The inputs must not have changed since
// the scan: a record is known by its name. read, when not nil, is called for each document
// read, as a progress line counts them.
func WriteUnique(ctx context.Context, w io.Writer, paths []string, stdin io.Reader, opts input.Options, drop map[string]bool, read func()) (Unique, error) {
	var u Unique
	opts.Raw = true
	err := input.Read(ctx, paths, stdin, opts, func(d input.Document) error {
		if read != nil {
			read()
		}
		switch {
		case d.Raw == nil:
			u.NotJSONL++
			return nil
		case drop[d.Path]:
			u.Dropped++
			return nil
		}
		u.Written++
		if _, err := w.Write(d.Raw); err != nil {
			return err
		}
		_, err := w.Write([]byte{'\n'})
		return err
	}, func(input.Skip) error { return nil })
	return u, err
}
