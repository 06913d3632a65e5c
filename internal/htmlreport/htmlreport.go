// Package htmlreport renders dedupe's results as one self-contained HTML page for people: a scan
// report (summary, then every cluster with its members, its verified pairs and, for each member,
// its text beside the representative's) or a single comparison.
//
// # Self-contained
//
// The page is one file: the style sheet and the one small script (the cluster filter) are
// inlined, and there are no images, fonts or links other than fragments of the page itself. A
// Content-Security-Policy meta element forbids every fetch, so even a crafted input cannot make
// the page load anything. Texts, paths and titles come from the inputs and are escaped by
// html/template. Everything but the filter works without JavaScript.
//
// # Side by side
//
// The verifier aligns sentences as a chain increasing in both texts (see package verify), so the
// two texts can be laid out as rows: aligned partners share a row, and the sentences neither side
// aligned sit in a row between them. Each aligned sentence has an id and its number links to its
// partner. Within an aligned pair, runs of three or more words both sentences hold in the same
// order (compared by their letters and digits, ignoring case) are marked verbatim, the rest of the
// sentence rewritten; a sentence with the same words as its partner is verbatim throughout. The
// colours are backed by different underlines and by the words "verbatim" and "rewritten" in the
// middle column, so the marking survives printing in black and white and does not rely on colour.
//
// # Size
//
// Clusters come largest first. Comparisons are in <details> elements, closed by default, and
// clusters off screen are not laid out (CSS content-visibility), so a page of 10,000 clusters
// opens in seconds. What stays heavy is the texts: each pair holds two whole articles, about
// 25 kB of HTML for articles of 600 words, which is why [Comparisons] takes a limit.
package htmlreport

import (
	"bufio"
	"cmp"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dedupe-dev/dedupe/internal/explain"
	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

var (
	//go:embed report.tmpl
	pageSource string
	//go:embed passages.tmpl
	passagesSource string
	//go:embed style.css
	styleSheet string
	//go:embed filter.js
	filterScript string
)

// pages holds the "report" and "comparison" templates. The sources are part of the binary, so a
// parse error is a bug that every test run would catch.
var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"style":    func() template.CSS { return template.CSS(styleSheet) },
	"script":   func() template.JS { return template.JS(filterScript) },
	"ratio":    func(r report.Ratio) string { return strconv.FormatFloat(float64(r), 'f', 2, 64) },
	"date":     displayDate,
	"relation": relationLabel,
	"rule":     ruleLabel,
}).Parse(pageSource + passagesSource))

// Write renders rep as a complete HTML page to w. comparisons holds the side-by-side texts, keyed
// by {representative, member} path as [Comparisons] returns them; a member without one is shown
// without its text, and a nil map shows none. Write buffers its output.
func Write(w io.Writer, rep *report.Report, comparisons map[[2]string]*explain.Comparison) error {
	if rep == nil {
		return errors.New("no report to render")
	}
	p := reportPage{
		Report:    rep,
		Clusters:  clusterViews(rep, comparisons),
		Realigned: rep.Stats.BoilerplateSentences > 0,
		Params:    paramRows(rep.Params),
	}
	for _, c := range p.Clusters {
		for _, s := range c.Sides {
			p.Sides++
			if s.C == nil {
				p.Missing++
			}
		}
	}
	p.Title = fmt.Sprintf("dedupe report: %s in %s", report.Count(rep.Stats.Clusters, "cluster", "clusters"),
		report.Count(rep.Stats.Documents, "document", "documents"))
	return execute(w, "report", &p)
}

// WriteComparison renders c, as dedupe compare computes it, as a complete HTML page to w.
func WriteComparison(w io.Writer, c *explain.Comparison) error {
	if c == nil {
		return errors.New("no comparison to render")
	}
	r := &c.Result
	p := comparisonPage{
		Title: fmt.Sprintf("dedupe compare: %s and %s", c.A.Path, c.B.Path),
		C:     c,
		Side:  sideBySide{ID: "cmp", A: c.A.Path, B: c.B.Path, LabelA: "A", LabelB: "B", C: c},
	}
	p.Verdict = fmt.Sprintf("Not duplicates (score %.2f).", r.Score)
	if r.Duplicate {
		p.Verdict = fmt.Sprintf("Duplicates: %s (score %.2f).", relationLabel(string(r.Relation)), r.Score)
		switch r.Source {
		case verify.SourceA:
			p.Verdict += " A is likely the original."
		case verify.SourceB:
			p.Verdict += " B is likely the original."
		}
	}
	return execute(w, "comparison", &p)
}

func execute(w io.Writer, name string, data any) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := pages.ExecuteTemplate(bw, name, data); err != nil {
		return fmt.Errorf("render html %s: %w", name, err)
	}
	return bw.Flush()
}

// Comparisons explains, for the clusters of rep, each member against the representative, for
// [Write]. A scan keeps no texts, so Comparisons reads paths again with opts.Input (the paths and
// options the scan was given; stdin, read for "-" as [input.Read] does, must hold the same bytes
// again), keeps the texts of the documents it needs, matched by path, and compares each pair as
// dedupe compare does.
// Boilerplate removal needs the whole corpus and is not applied, so on a large corpus the
// alignment shown can differ a little from the one behind the scan's figures.
//
// Keys are {representative, member} paths. limit, when positive, caps the pairs: they are taken
// in the order of the page, largest cluster first, since every pair holds two whole texts and
// a page of tens of thousands of them is too heavy for a browser. A document that is no longer
// there, or no longer readable, is left out with its pairs.
func Comparisons(ctx context.Context, rep *report.Report, paths []string, stdin io.Reader, opts scan.Options, limit int) (map[[2]string]*explain.Comparison, error) {
	an, err := normalize.New(opts.Language)
	if err != nil {
		return nil, err
	}
	v, err := verify.New(opts.Verify)
	if err != nil {
		return nil, err
	}
	out := make(map[[2]string]*explain.Comparison)
	var pairs [][2]string
	wanted := make(map[string]bool)
	for _, c := range bySize(rep) {
		for _, m := range c.Members {
			if m.Path != c.Representative && (limit <= 0 || len(pairs) < limit) {
				pairs = append(pairs, [2]string{c.Representative, m.Path})
				wanted[c.Representative], wanted[m.Path] = true, true
			}
		}
	}
	if len(pairs) == 0 {
		return out, nil
	}
	texts, err := readTexts(ctx, paths, stdin, opts.Input, wanted)
	if err != nil {
		return nil, err
	}
	members := make(map[string]report.Member, len(wanted))
	for _, c := range rep.Clusters {
		for _, m := range c.Members {
			members[m.Path] = m
		}
	}
	for _, p := range pairs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		textA, okA := texts[p[0]]
		textB, okB := texts[p[1]]
		if okA && okB {
			c, err := explain.Compare(ctx, an, v, docOf(members[p[0]]), docOf(members[p[1]]), textA, textB)
			if err != nil {
				return nil, err
			}
			out[p] = c
		}
	}
	return out, nil
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

// bySize returns the clusters of rep largest first, in report order among equals: the order of
// the page.
func bySize(rep *report.Report) []*report.Cluster {
	out := make([]*report.Cluster, len(rep.Clusters))
	for i := range rep.Clusters {
		out[i] = &rep.Clusters[i]
	}
	slices.SortStableFunc(out, func(x, y *report.Cluster) int { return cmp.Compare(y.Size, x.Size) })
	return out
}

// reportPage is what the "report" template renders.
type reportPage struct {
	Title     string
	Report    *report.Report
	Clusters  []clusterView // largest first
	Params    []param
	Realigned bool // boilerplate was removed in the scan but not in the side-by-side texts
	Sides     int  // pairs of a representative and a member
	Missing   int  // of which the texts are not shown
}

// clusterView is one cluster with what the page shows of it.
type clusterView struct {
	*report.Cluster
	Search  string // lower-case paths, titles and relations, for the filter
	Members []memberView
	Sides   []sideBySide // one per member other than the representative
}

// memberView is a member with its pair with the representative, nil for the representative
// itself or when the scan verified no such pair.
type memberView struct {
	report.Member
	Representative bool
	Pair           *report.Pair
}

// param is one row of the parameters table.
type param struct {
	Name, Flag, Value string
}

// comparisonPage is what the "comparison" template renders.
type comparisonPage struct {
	Title   string
	Verdict string
	C       *explain.Comparison
	Side    sideBySide
}

// clusterViews returns the clusters of rep largest first (in report order among equals).
func clusterViews(rep *report.Report, comparisons map[[2]string]*explain.Comparison) []clusterView {
	out := make([]clusterView, 0, len(rep.Clusters))
	for _, c := range bySize(rep) {
		cv := clusterView{Cluster: c}
		search := make([]string, 0, 3*len(c.Members))
		for j, m := range c.Members {
			mv := memberView{Member: m, Representative: m.Path == c.Representative}
			search = append(search, m.Path)
			if m.Title != "" {
				search = append(search, m.Title)
			}
			if !mv.Representative {
				mv.Pair = pairOf(c, c.Representative, m.Path)
				if mv.Pair != nil {
					search = append(search, mv.Pair.Relation)
				}
				cv.Sides = append(cv.Sides, sideBySide{
					ID:     fmt.Sprintf("c%d-m%d", c.ID, j+1),
					A:      c.Representative,
					B:      m.Path,
					LabelA: "Representative",
					LabelB: "Member",
					Pair:   mv.Pair,
					C:      comparisons[[2]string{c.Representative, m.Path}],
				})
			}
			cv.Members = append(cv.Members, mv)
		}
		cv.Search = strings.ToLower(strings.Join(search, " "))
		out = append(out, cv)
	}
	return out
}

// pairOf returns the pair of a and b in c, in either order, or nil.
func pairOf(c *report.Cluster, a, b string) *report.Pair {
	for i := range c.Pairs {
		p := &c.Pairs[i]
		if (p.A == a && p.B == b) || (p.A == b && p.B == a) {
			return p
		}
	}
	return nil
}

// paramRows returns a row per recorded setting, in the report's order, named and flagged as in
// scan.Specs; a key that no spec records (the normaliser's version) is shown as it is.
func paramRows(p report.Params) []param {
	rows := make([]param, len(p))
	for i, kv := range p {
		rows[i] = param{Name: kv.Key, Value: fmt.Sprint(kv.Value)}
		if f, ok := kv.Value.(float64); ok {
			b, _ := report.Ratio(f).MarshalJSON() // as in the JSON; a scan's settings are finite
			rows[i].Value = string(b)
		}
		if s := scan.Specs.Lookup(kv.Key); s != nil {
			rows[i].Name, rows[i].Flag = s.Name, "--"+s.Flag
		}
	}
	return rows
}

// displayDate shortens an RFC 3339 date to the day, or to the minute in UTC when it has a time
// of day; other strings are returned as they are.
func displayDate(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	t = t.UTC()
	switch {
	case err != nil:
		return s
	case t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0:
		return t.Format(time.DateOnly)
	}
	return t.Format("2006-01-02 15:04 UTC")
}

// relationLabel words a relation for people; unknown ones are shown as they are.
func relationLabel(r string) string {
	switch r {
	case string(verify.Exact):
		return "exact copy"
	case string(verify.NearExact):
		return "near-exact copy"
	case string(verify.Partial):
		return "partial copy"
	}
	return r
}

// ruleLabel words how the representative was chosen.
func ruleLabel(rule string) string {
	switch rule {
	case "earliest_date":
		return "the earliest published"
	case "most_aligned":
		return "the member the others align to"
	case "only_member":
		return "the only member"
	case "longest":
		return "the longest"
	}
	return rule
}
