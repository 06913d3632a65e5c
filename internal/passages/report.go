package passages

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/scan"
)

// Version is the version of the passages JSON contract.
const Version = 1

// Report is what dedupe passages writes: scan's conventions (version, params, stats, clusters,
// skipped, warnings) with reprint clusters of passages.
type Report struct {
	Version  int              `json:"version"`
	Root     string           `json:"root"`   // the working directory relative paths are relative to, as scan's
	Inputs   []string         `json:"inputs"` // the paths searched, as given, escaped
	Params   report.Params    `json:"params"`
	Stats    Stats            `json:"stats"`
	Clusters []Cluster        `json:"clusters"`
	Skipped  []report.Skip    `json:"skipped"`
	Warnings []report.Warning `json:"warnings"`
}

// Stats counts what the search saw and found.
type Stats struct {
	Documents      int `json:"documents"`       // documents searched
	Skipped        int `json:"skipped"`         // inputs that gave no document or too few words
	SharedNGrams   int `json:"shared_ngrams"`   // n-grams indexed: in 2 to max_df documents
	Passages       int `json:"passages"`        // passages two documents share, across series unless within_series
	SeriesPassages int `json:"series_passages"` // passages shared within one series, left out
	Clusters       int `json:"clusters"`
	Occurrences    int `json:"occurrences"` // occurrences in all clusters
}

// Cluster is one reprinted text with every occurrence found.
type Cluster struct {
	ID             int          `json:"id"`
	Size           int          `json:"size"` // occurrences
	Representative Occurrence   `json:"representative"`
	Rule           string       `json:"representative_rule"` // "earliest_date" or "longest"
	Occurrences    []Occurrence `json:"occurrences"`
}

// Occurrence is one place a reprinted text was found: bytes [Start, End) of the document's
// text as dedupe decoded it (the offsets of the pairs' passages, docs/json.md).
type Occurrence struct {
	Path  string `json:"path"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Words int    `json:"words"`
	Date  string `json:"date,omitempty"` // YYYY-MM-DD, from the input or the path
	// Encoding is set when the input was not plain UTF-8, as a scan's member's: Start and End
	// are then offsets into the text it decodes to (docs/json.md).
	Encoding string `json:"encoding,omitempty"`
}

// Find searches the documents under paths (stdin for "-", nil meaning os.Stdin) for reprinted
// passages, telling obs, when not nil, of its stages and progress as a scan does (reading,
// counting n-grams, indexing n-grams, aligning, grouping passages). It fails on invalid
// options, a path that does not exist or cancellation; inputs that cannot be used are listed
// in Report.Skipped.
func Find(ctx context.Context, paths []string, stdin io.Reader, o Options, obs scan.Observer) (*Report, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	obs = scan.Observed(obs)
	seriesOf, _ := o.SeriesRule(paths) // checked by Validate
	workers := scan.Goroutines(o.Workers)
	obs.Stage("reading", 0, "")
	docs, skipped, warnings, err := readAll(ctx, scan.ObservedReads(input.ReadPaths(paths, stdin, o.Input), obs), &o, workers)
	if err != nil {
		return nil, err
	}
	named, dated := 0, 0 // documents the series rule names a series, and documents with a date
	for i := range docs {
		docs[i].Place(seriesOf)
		if docs[i].series != "" {
			named++
		}
		if !docs[i].date.IsZero() {
			dated++
		}
	}
	var seriesWarning []report.Warning
	if o.Series != "" && named == 0 && len(docs) > 0 {
		// A typo in the rule would keep every paper's mastheads and ads as reprints, silently.
		seriesWarning = []report.Warning{{Message: fmt.Sprintf("--series %q names the series of no document: no passage is left out as within one series", o.Series)}}
	}
	if o.MaxDays > 0 && dated == 0 && len(docs) > 0 {
		// Pages filed in folders by day are dated only with --path-dates 1: without it the
		// bound compared every page with every other, silently.
		seriesWarning = append(seriesWarning, report.Warning{Message: fmt.Sprintf("--max-days %d: no document has a date, so every pair is compared (dates come from the input, or from the path with --path-dates 1)", o.MaxDays)})
	}
	postings, starts := sharedPostings(ctx, docs, &o, workers, obs)
	obs.Stage("aligning", len(docs), "documents")
	links, within := alignAll(ctx, docs, postings, starts, &o, workers, obs.Advance)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	obs.Stage("grouping passages", 0, "")
	groups := ClusterLinks(links, o.MinOverlap, int32(o.MaxGap))

	rep := &Report{Version: Version, Root: input.Root(), Inputs: input.EscapeNames(paths), Params: o.Params(),
		Clusters: []Cluster{}, Skipped: []report.Skip{}, Warnings: []report.Warning{}}
	for _, g := range groups {
		c := Cluster{ID: len(rep.Clusters) + 1, Size: len(g)}
		for _, s := range g {
			c.Occurrences = append(c.Occurrences, docs[s.Doc].Occurrence(s))
		}
		rep.Clusters = append(rep.Clusters, c.Sorted())
		rep.Stats.Occurrences += len(g)
	}
	rep.Skipped = report.AppendSkips(rep.Skipped, skipped)
	rep.Warnings = report.AppendWarnings(rep.Warnings, warnings)
	rep.Warnings = append(rep.Warnings, seriesWarning...)
	rep.Stats.Documents, rep.Stats.Skipped = len(docs), report.CountSkipped(rep.Skipped)
	rep.Stats.SharedNGrams = len(starts) - 1
	rep.Stats.Passages, rep.Stats.SeriesPassages = len(links), within
	rep.Stats.Clusters = len(rep.Clusters)
	return rep, nil
}

// Occurrence returns span s of d (s.Doc is not read) as the report shows it.
func (d *Document) Occurrence(s Span) Occurrence {
	oc := Occurrence{
		Path:     d.path,
		Start:    int(d.ranges[s.Start].Start),
		End:      int(d.ranges[s.End-1].End),
		Words:    int(d.word[s.End-1]-d.word[s.Start]) + 1,
		Encoding: d.encoding,
	}
	if !d.date.IsZero() {
		oc.Date = d.date.UTC().Format(time.DateOnly)
	}
	return oc
}

// Sorted orders c's occurrences by date (undated last), path and place, and picks its
// representative: the earliest dated occurrence, the longest of that day; the longest when
// none is dated.
func (c Cluster) Sorted() Cluster {
	slices.SortFunc(c.Occurrences, func(x, y Occurrence) int {
		undated := func(o Occurrence) int {
			if o.Date == "" {
				return 1
			}
			return 0
		}
		return cmp.Or(cmp.Compare(undated(x), undated(y)), cmp.Compare(x.Date, y.Date), cmp.Compare(x.Path, y.Path), cmp.Compare(x.Start, y.Start))
	})
	best := 0
	for i, oc := range c.Occurrences {
		r := c.Occurrences[best]
		if oc.Date == r.Date && oc.Words > r.Words {
			best = i
		}
	}
	c.Rule = "earliest_date"
	if c.Occurrences[best].Date == "" {
		c.Rule = "longest"
	}
	c.Representative = c.Occurrences[best]
	return c
}

// WriteReport writes rep to w in format: "json" (indented, the default for any other value),
// "jsonl" (one cluster per line) or "text" (for people).
func WriteReport(w io.Writer, format string, rep *Report) error {
	return report.Buffered(w, func(w io.Writer) error {
		switch format {
		case "jsonl":
			return WriteJSONL(w, rep)
		case "text":
			return WriteText(w, rep)
		default:
			return WriteJSON(w, rep)
		}
	})
}

// WriteJSON writes rep as one indented JSON document.
func WriteJSON(w io.Writer, rep *Report) error { return report.WriteIndented(w, rep) }

// WriteJSONL writes one cluster object per line.
func WriteJSONL(w io.Writer, rep *Report) error { return report.WriteLines(w, rep.Clusters) }

// WriteText writes a summary for people: a line per cluster, then its occurrences, names
// escaped by report.Text.
func WriteText(w io.Writer, rep *Report) error {
	var b strings.Builder
	s := rep.Stats
	fmt.Fprintf(&b, "%s searched, %s skipped: %s with %s occurrences (%s matches between two documents, %s within one series left out)\n",
		report.Count(s.Documents, "document", "documents"), report.Int(s.Skipped), report.Count(s.Clusters, "reprinted passage", "reprinted passages"),
		report.Int(s.Occurrences), report.Int(s.Passages), report.Int(s.SeriesPassages))
	for _, c := range rep.Clusters {
		r := c.Representative
		fmt.Fprintf(&b, "\npassage %d: %s occurrences, representative %s bytes %d-%d%s (%s)\n", c.ID, report.Int(c.Size), report.Text(r.Path), r.Start, r.End, decoded(r), report.Count(r.Words, "word", "words"))
		for _, oc := range c.Occurrences {
			date := oc.Date
			if date == "" {
				date = "-"
			}
			fmt.Fprintf(&b, "  %s  %s bytes %d-%d%s (%s)\n", date, report.Text(oc.Path), oc.Start, oc.End, decoded(oc), report.Count(oc.Words, "word", "words"))
		}
		if b.Len() > 1<<16 {
			if _, err := io.WriteString(w, b.String()); err != nil {
				return err
			}
			b.Reset()
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// decoded returns, for the text output, what the offsets of oc index when the input was not
// plain UTF-8, " of the text decoded from utf-16le", or "".
func decoded(oc Occurrence) string {
	if oc.Encoding == "" {
		return ""
	}
	return " of the text decoded from " + oc.Encoding
}
