// Package htmlreport renders dedupe's results as HTML for people: a scan report (summary, a
// table of contents that sorts and filters the clusters, then every cluster with its members,
// and any two members' texts side by side) or a single comparison.
//
// # One page and a folder
//
// The scan report is a page and a folder beside it, named after the page ("report.html" and
// "report_files"): the page holds the summary, the contents and every cluster's members; the
// folder holds one script per cluster with the member texts and the alignment of each pair,
// which the page loads when a reader asks for a pair or the verified pairs. The texts are what
// made a single page heavy: each pair held two whole articles, about 25 kB of HTML for
// articles of 600 words, and the report of 25,000 generated articles was 30 MB, though it
// showed only a thousand pairs. Scripts, not fetch, because browsers let a page opened from a
// file load scripts beside it but not read files. The comparison page of dedupe compare is
// one file: it shows one pair.
//
// # Self-contained
//
// The style sheet and the page's script are inlined, and there are no images, fonts or links
// other than fragments of the page, the member files and the cluster scripts. A
// Content-Security-Policy meta element forbids every other fetch, so even a crafted input
// cannot make the page load anything. Texts, paths and titles come from the inputs and are
// escaped by html/template, or by encoding/json in the cluster scripts, whose texts the page
// sets with textContent. Without JavaScript the page shows everything but the texts.
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
package htmlreport

import (
	"bufio"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/dedupe-dev/dedupe/internal/explain"
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
	//go:embed report.js
	reportScript string
)

// pages holds the "report", "comparison" and "pairs" templates. The sources are part of the
// binary, so a parse error is a bug that every test run would catch.
var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"style":    func() template.CSS { return template.CSS(styleSheet) },
	"script":   func() template.JS { return template.JS(reportScript) },
	"ratio":    func(r report.Ratio) string { return strconv.FormatFloat(float64(r), 'f', 2, 64) },
	"date":     report.ShortDate,
	"relation": relationLabel,
	"rule":     ruleLabel,
	"path":     breakablePath,
	"num":      report.Int[int], // counts for people: "59,433"
	"inc":      func(i int) int { return i + 1 },
	"dec":      func(i int) int { return i - 1 },
}).Parse(pageSource + passagesSource))

// Folder returns the folder of the cluster scripts of the report page file: beside it, named
// after it without its extension and with "_files", as browsers name the folder of a saved
// page ("out/report.html": "out/report_files").
func Folder(file string) string {
	return strings.TrimSuffix(file, filepath.Ext(file)) + "_files"
}

// Write writes the report page of rep to file and a script per cluster with texts to the
// folder [Folder] names, created if missing; scripts of earlier reports there are removed.
// comparisons holds the texts and alignments, keyed by {member, member} paths in member order
// as [Comparisons] returns them; a pair without one is shown without its texts, and a nil map
// shows none. Links to the members are relative to file's folder, for members that are files
// (or records of a file) under the paths they have in rep, from the working directory. On
// failure, or when ctx is cancelled, Write leaves no half-written page or folder: an earlier
// report at file stays as it was.
func Write(ctx context.Context, file string, rep *report.Report, comparisons map[[2]string]*explain.Comparison) error {
	if rep == nil {
		return errors.New("no report to render")
	}
	dir, err := filepath.Abs(filepath.Dir(file))
	if err != nil {
		return fmt.Errorf("html report: %w", err)
	}
	folder := Folder(file)
	p := newReportPage(rep, comparisons, dir, filepath.Base(folder))
	scripts, err := writeClusterFiles(ctx, folder, p.Clusters, comparisons)
	defer scripts.discard()
	if err != nil {
		return fmt.Errorf("html report: %w", err)
	}
	// The scripts move in once the page is written, before it replaces an earlier one.
	err = report.WriteFile(file, func(w io.Writer) error {
		if err := execute(w, "report", p); err != nil {
			return err
		}
		return scripts.moveIn()
	})
	if err != nil {
		return fmt.Errorf("html report: %w", err)
	}
	return nil
}

// WriteComparison renders c, as dedupe compare computes it, as a complete HTML page to w.
func WriteComparison(w io.Writer, c *explain.Comparison) error {
	if c == nil {
		return errors.New("no comparison to render")
	}
	p := comparisonPage{
		Title:   fmt.Sprintf("dedupe compare: %s and %s", c.A.Path, c.B.Path),
		C:       c,
		Side:    sideBySide{ID: "cmp", A: c.A.Path, B: c.B.Path, LabelA: "A", LabelB: "B", C: c},
		Verdict: verdict(c, "A", "B"),
	}
	return execute(w, "comparison", &p)
}

// verdict words the result of a comparison, naming its sides a and b.
func verdict(c *explain.Comparison, a, b string) string {
	r := &c.Result
	switch {
	case !r.Duplicate && c.Unscored != "":
		// A gate decided before the score, which then says nothing of the pair.
		return fmt.Sprintf("Not duplicates: not scored, %s.", c.Unscored)
	case !r.Duplicate:
		return fmt.Sprintf("Not duplicates (score %.2f).", r.Score)
	}
	v := fmt.Sprintf("Duplicates: %s (score %.2f).", relationLabel(string(r.Relation)), r.Score)
	switch r.Source {
	case verify.SourceA:
		v += " " + a + " is likely the original."
	case verify.SourceB:
		v += " " + b + " is likely the original."
	}
	return v
}

func execute(w io.Writer, name string, data any) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := pages.ExecuteTemplate(bw, name, data); err != nil {
		return fmt.Errorf("render html %s: %w", name, err)
	}
	return bw.Flush()
}

// comparisonPage is what the "comparison" template renders.
type comparisonPage struct {
	Title   string
	Verdict string
	C       *explain.Comparison
	Side    sideBySide
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
