package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/dedupe-dev/dedupe/internal/explain"
	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// CompareOptions are the flags of dedupe compare.
type CompareOptions struct {
	PipelineOptions
	OutputOptions
	Format string
	HTML   string   // also write the comparison as an HTML page to this file
	DB     string   // an index whose document frequencies weigh the words; "": every word weighs 1
	given  []string // the index parameters' flags given on the command line (givenParamFlags)
}

// Finalize checks the flags once they are parsed.
func (o *CompareOptions) Finalize() error {
	if err := enumFlag("--format", o.Format, "text", "json"); err != nil {
		return err
	}
	return o.PipelineOptions.Finalize()
}

func newCompareCommand(s streams) *cobra.Command {
	var opts CompareOptions
	cmd := &cobra.Command{
		Use:   "compare <a> <b> [flags]",
		Short: "Explain how two articles relate, sentence by sentence",
		Long: `Compare verifies two articles as scan would and shows why they are, or are not, grouped:
both documents' scores (shingle Jaccard and containment, sentence coverage), the decision and
relation, and every pair of aligned sentences side by side, marked verbatim or rewritten.

The score is the model of the evidence that scan and check use; compare lists each piece of
evidence and what it adds to the log-odds. Words are weighted by their document frequency in
a corpus: with --db, that of the index's archive, as check weighs them, with the index's
language and shingle size; without, every word weighs 1, so the DF-weighted figures equal the
others and the score may differ from scan's.

Each of a and b is a name scan prints: a file holding one article, "-" for standard input, or a
JSON lines record, "file.jsonl#<id>", or "file.jsonl.gz#L<line>" for a record without an id
("-#<id>" for records on standard input, after "--" and with --input-format jsonl). Boilerplate
removal needs a corpus and is not applied here.` + exitStatusHelp,
		Example: `  $ dedupe compare testdata/seeds/000_92edbd9511bc3411.txt testdata/seeds/002_c22d86bcb2118a91.txt
  $ dedupe compare 'archive.jsonl.gz#a0' 'archive.jsonl.gz#a2'
  $ dedupe compare --format json a.html b.html | jq .relation
  $ dedupe compare --html pair.html a.txt b.txt`,
		Args: exactArgs(2, "two documents, a and b"),
		PreRunE: func(cmd *cobra.Command, _ []string) error {
			opts.given = givenParamFlags(cmd.Flags())
			return opts.Finalize()
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCompare(cmd.Context(), opts, s, args[0], args[1])
		},
	}
	opts.PipelineOptions.AddFlags(cmd.Flags(), compareSpecs, false)
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output `format`: text or json")
	cmd.Flags().StringVar(&opts.HTML, "html", "", "also write the comparison as a self-contained HTML page to `file`")
	opts.OutputOptions.AddFlags(cmd.Flags())
	cmd.Flags().StringVar(&opts.DB, "db", "", "weigh words by their document frequency in the archive of the index `file`")
	return cmd
}

func runCompare(ctx context.Context, opts CompareOptions, s streams, pathA, pathB string) error {
	if err := checkOutputs("--output", opts.Output, "--html", opts.HTML); err != nil {
		return err
	}
	if err := distinctFiles("--output", opts.Output, "--html", opts.HTML, "--db", opts.DB); err != nil {
		return err
	}
	var files []string // the files the two documents are read from
	for _, name := range []string{pathA, pathB} {
		if f := input.FileOf(name); f != "" {
			files = append(files, f)
		}
	}
	if err := notInputs(files, opts.Input, "--output", opts.Output, "--html", opts.HTML); err != nil {
		return err
	}
	in, err := stdinFor(s.In, pathA, pathB)
	if err != nil {
		return err
	}
	a, err := input.Lookup(ctx, pathA, in(), opts.Input)
	if err != nil {
		return fmt.Errorf("cannot compare: %w", err)
	}
	b, err := input.Lookup(ctx, pathB, in(), opts.Input)
	if err != nil {
		return fmt.Errorf("cannot compare: %w", err)
	}
	// As scan warns: a text decoded from Windows-1252 or cut at --max-bytes is compared as read.
	for _, d := range []input.Document{a, b} {
		for _, w := range d.AllWarnings(opts.Input.MaxBytes) {
			fmt.Fprintf(s.Err, "warning: %s: %s\n", location(w.Path, w.Line), report.Text(w.Reason))
		}
	}
	var df *verify.DocFreq
	if opts.DB != "" {
		// The index decides the language and the shingle size, as it does for check; a flag
		// that contradicts it is an error.
		db := DBOptions{DB: opts.DB}
		db.noteWaits(s, false)
		ix, err := db.open(true)
		if err != nil {
			return err
		}
		err = useIndexParams(ix, &opts.PipelineOptions.Options, opts.given)
		if err == nil {
			df, err = ix.DocFreq()
		}
		if err == nil { // --decision auto: by the archive's text, as check decides it
			g, gerr := ix.Garble()
			opts.Verify.Decision, err = opts.Verify.ResolveDecision(g.Measured, g.Clean), gerr
		}
		ix.Close()
		if err != nil {
			return err
		}
	}
	// Without --db two documents are no corpus: --decision auto decides as for a small one
	// (standard).
	opts.Verify.Decision = opts.Verify.ResolveDecision(0, 0)
	an, v, err := explain.Tools(opts.Language, opts.Verify)
	if err != nil {
		return err
	}
	if df != nil {
		v.SetWeights(verify.NewWeights(df, 1))
	}
	c, err := explain.Compare(ctx, an, v, docOf(a), docOf(b), a.Text, b.Text)
	if err != nil {
		return err
	}
	if opts.HTML != "" {
		if err := writeCompareHTML(opts.HTML, c); err != nil {
			return err
		}
	}
	return opts.write(s.Out, func(w io.Writer) error {
		if opts.Format == "json" {
			return writeComparisonJSON(w, c)
		}
		return writeComparisonText(w, c, df != nil, opts.Verify)
	})
}

// stdinFor returns the function giving compare's standard input to each lookup of names: when
// both read it ("-" and "-#id" name it), it is read once and each gets the whole of it.
func stdinFor(in io.Reader, names ...string) (func() io.Reader, error) {
	readers := 0
	for _, n := range names {
		if n == "-" || strings.HasPrefix(n, "-#") {
			readers++
		}
	}
	if readers < 2 {
		return func() io.Reader { return in }, nil
	}
	b, err := io.ReadAll(in)
	if err != nil {
		return nil, fmt.Errorf("standard input: %w", err)
	}
	return func() io.Reader { return bytes.NewReader(b) }, nil
}

func docOf(d input.Document) explain.Document {
	doc := explain.Document{Path: d.Path, Title: d.Title, Date: report.FormatDate(d.Date)}
	if d.Encoding != "utf-8" {
		doc.Encoding = d.Encoding
	}
	return doc
}

// comparisonJSON is the JSON form of a comparison: the scores with the names scan uses.
type comparisonJSON struct {
	A            explain.Document `json:"a"`
	B            explain.Document `json:"b"`
	Duplicate    bool             `json:"duplicate"`
	Relation     string           `json:"relation,omitempty"`
	Source       string           `json:"source,omitempty"`
	Score        report.Ratio     `json:"score"`
	Jaccard      report.Ratio     `json:"jaccard"`
	Containment  report.Ratio     `json:"containment"`
	ContainmentA report.Ratio     `json:"containment_a"`
	ContainmentB report.Ratio     `json:"containment_b"`
	CoverageA    report.Ratio     `json:"coverage_a"`
	CoverageB    report.Ratio     `json:"coverage_b"`
	LongestRun   int              `json:"longest_run"`
	SkippingRun  int              `json:"skipping_run"`     // single garbled words skipped (verify.Result.SkippingRun)
	Capped       bool             `json:"capped,omitempty"` // repeated text bounded the verifier's work (docs/json.md)
	// Scored is false when a gate before the score decided the pair (verify.Params.Scored).
	Scored bool `json:"scored"`
	// Decision is the decision that applied (standard, strict); StrictFails says why the
	// strict decision refuses a pair the score alone calls a duplicate, whichever applied.
	Decision    string                 `json:"decision"`
	StrictFails string                 `json:"strict_fails,omitempty"`
	Intercept   float64                `json:"intercept"`
	Evidence    []evidenceJSON         `json:"evidence"`
	Aligned     []explain.SentencePair `json:"aligned"`
	Passages    []report.Passage       `json:"passages,omitempty"` // the aligned sentences merged, by byte offsets (docs/json.md); absent when none, as in scan's pairs
}

// evidenceJSON is one feature of the score: its value as the model takes it and its term of
// the log-odds.
type evidenceJSON struct {
	Name         string  `json:"name"`
	Value        float64 `json:"value"`
	Contribution float64 `json:"contribution"`
}

// evidence lists the features of r with their contributions to the score.
func evidence(r *verify.Result) []evidenceJSON {
	e := r.Evidence()
	c := verify.DefaultModel.Contributions(e)
	out := make([]evidenceJSON, len(e))
	for f := range e {
		out[f] = evidenceJSON{Name: verify.FeatureNames[f], Value: round4(e[f]), Contribution: round4(c[f])}
	}
	return out
}

// round4 rounds x to 4 decimals, as report.Ratio writes ratios; a negative x that rounds to
// zero is 0, not -0, which JSON would show.
func round4(x float64) float64 {
	if r := math.Round(x*1e4) / 1e4; r != 0 {
		return r
	}
	return 0
}

func writeComparisonJSON(w io.Writer, c *explain.Comparison) error {
	r := &c.Result
	out := comparisonJSON{
		A: c.A, B: c.B, Duplicate: r.Duplicate, Relation: string(r.Relation), Source: sourcePath(c),
		Score: report.Ratio(r.Score), Jaccard: report.Ratio(r.Jaccard), Containment: report.Ratio(r.Containment),
		ContainmentA: report.Ratio(r.ContainmentA), ContainmentB: report.Ratio(r.ContainmentB),
		CoverageA: report.Ratio(r.CoverageA), CoverageB: report.Ratio(r.CoverageB),
		LongestRun: r.LongestRun, SkippingRun: r.SkippingRun, Capped: r.Capped,
		Scored: c.Unscored == "", Decision: c.Decision, StrictFails: c.Unstrict, Intercept: round4(verify.DefaultModel.Intercept), Evidence: evidence(r),
		Aligned:  make([]explain.SentencePair, len(c.Aligned)),
		Passages: scan.ReportPassages(c.Passages, c.A.Ranges, c.B.Ranges),
	}
	for i, p := range c.Aligned {
		p.Similarity = round4(p.Similarity) // a ratio, rounded as every ratio of the JSON is
		out.Aligned[i] = p
	}
	return report.WriteIndented(w, out)
}

// sourcePath returns the likely source of the pair c compares when it is a duplicate, as scan
// names it (scan.LikelySource): the earlier document, when both are dated differently.
func sourcePath(c *explain.Comparison) string {
	if !c.Result.Duplicate {
		return ""
	}
	// The dates are report.FormatDate's, RFC 3339; "" parses to no date.
	aDate, _ := time.Parse(time.RFC3339, c.A.Date)
	bDate, _ := time.Parse(time.RFC3339, c.B.Date)
	return scan.LikelySource(c.A.Path, aDate, c.B.Path, bDate, c.Result.Source)
}

// scoreText writes a score to two decimals, or to four where two would put it on the other side
// of minScore than it is: 0.5981 is no duplicate at 0.6, and "0.60" beside "not duplicates"
// read as a contradiction.
func scoreText(score, minScore float64) string {
	s := strconv.FormatFloat(score, 'f', 2, 64)
	if rounded, _ := strconv.ParseFloat(s, 64); (rounded >= minScore) != (score >= minScore) {
		return strconv.FormatFloat(score, 'f', 4, 64)
	}
	return s
}

// writeComparisonText writes the comparison for people; names and sentences are escaped by
// report.Text, since an article's text may hold terminal escape sequences. weighted says
// whether words were weighed by an index's document frequencies (--db); minScore is the score
// of a duplicate (--min-score).
func writeComparisonText(w io.Writer, c *explain.Comparison, weighted bool, p verify.Params) error {
	minScore := p.MinScore
	r := &c.Result
	var b strings.Builder
	for _, d := range []struct {
		side string
		doc  *explain.Document
	}{{"A", &c.A}, {"B", &c.B}} {
		decoded := ""
		if d.doc.Encoding != "" {
			decoded = ", decoded from " + d.doc.Encoding
		}
		fmt.Fprintf(&b, "%s: %s (%s, %s%s)\n", d.side, report.Text(d.doc.Path),
			report.Count(d.doc.Words, "word", "words"), report.Count(len(d.doc.Sentences), "sentence", "sentences"), decoded)
	}
	b.WriteString("\n")
	verdict := "not duplicates"
	if r.Duplicate {
		verdict = "duplicates: " + string(r.Relation)
		if src := sourcePath(c); src != "" {
			verdict += ", likely source " + report.Text(src)
		}
	}
	if !r.Duplicate && c.Unscored != "" {
		// A gate decided before the score: a score above --min-score beside "not duplicates"
		// read as a contradiction until the reason, lines below.
		fmt.Fprintf(&b, "verdict      %s (not scored: %s; the score would be %s)\n", verdict, c.Unscored, scoreText(r.Score, minScore))
	} else if !r.Duplicate && c.Decision == verify.DecisionStrict && c.Unstrict != "" {
		fmt.Fprintf(&b, "verdict      %s (score %s, but clean text needs more evidence: see decision)\n", verdict, scoreText(r.Score, minScore))
	} else {
		fmt.Fprintf(&b, "verdict      %s (score %s)\n", verdict, scoreText(r.Score, minScore))
	}
	b.WriteString(decisionText(c, p))
	// A scan weighs words by the corpus it reads: without --db the score may differ from the
	// scan's, which someone asking why a pair is not grouped needs to know.
	if weighted {
		b.WriteString("weights      by their document frequency in the index's archive (--db), as check weighs them\n")
	} else {
		b.WriteString("weights      none: every word weighs 1, where scan weighs words by their document frequency in its corpus (--db: in an index's archive), so scan's score may differ\n")
	}
	fmt.Fprintf(&b, "shingles     jaccard %.3f, containment %.3f (A in B %.3f, B in A %.3f)\n", r.Jaccard, r.Containment, r.ContainmentA, r.ContainmentB)
	fmt.Fprintf(&b, "sentences    %s aligned in order; they hold %.0f%% of A's words and %.0f%% of B's\n",
		report.Int(r.AlignedSentences), 100*r.CoverageA, 100*r.CoverageB)
	if r.TemplateSentences > 0 {
		fmt.Fprintf(&b, "templates    %s aligned but not counted: the same frame with other figures or rows of another issue\n",
			report.Count(r.TemplateSentences, "sentence", "sentences"))
	}
	if r.HeadlineSentences > 0 && c.Decision == verify.DecisionStrict {
		fmt.Fprintf(&b, "headline     aligned, but the strict decision counts the body alone: %.0f%% of the better-covered body\n",
			100*r.BodyCoverage)
	}
	if r.QuotedSentences > 0 {
		fmt.Fprintf(&b, "quotations   %s aligned but not counted: quoted on both sides\n",
			report.Count(r.QuotedSentences, "sentence", "sentences"))
	}
	fmt.Fprintf(&b, "longest run  %s shared word for word, in order", report.Count(r.LongestRun, "content word", "content words"))
	if r.SkippingRun > r.LongestRun {
		fmt.Fprintf(&b, "; %s with single garbled words skipped", report.Int(r.SkippingRun))
	}
	b.WriteString("\n")
	if c.Unscored == "" {
		fmt.Fprintf(&b, "score        %s = 1/(1+exp(-z)), z = %.2f:\n", scoreText(r.Score, minScore), verify.DefaultModel.Logit(r.Evidence()))
		fmt.Fprintf(&b, "  %-18s %8s %+8.2f\n", "intercept", "", verify.DefaultModel.Intercept)
		for _, e := range evidence(r) {
			fmt.Fprintf(&b, "  %-18s %8.3f %+8.2f\n", e.Name, e.Value, e.Contribution)
		}
	} else if !r.Duplicate {
		fmt.Fprintf(&b, "score        not scored: %s\n", c.Unscored)
	}
	if r.Capped {
		b.WriteString("bounded      repeated text: words and matches were looked up only near the same relative place\n" +
			"             (--max-occurrences, --max-sentence-matches); coverage and run may be understated\n")
	}
	for _, p := range c.Aligned {
		kind := "rewritten"
		switch {
		case p.Row:
			kind = "template, a row of one table in two issues"
		case p.Template:
			kind = "template, figures differ"
		case p.Quoted:
			kind = "quotation on both sides"
		case p.Names:
			kind = "rewritten, other names in one frame"
		case p.Verbatim:
			kind = "verbatim"
		}
		fmt.Fprintf(&b, "\nA%-4d B%-4d similarity %.2f, %s\n", p.A+1, p.B+1, p.Similarity, kind)
		fmt.Fprintf(&b, "  A: %s\n  B: %s\n", compareText(p.TextA), compareText(p.TextB))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// compareText escapes a sentence of an article for the text output: first into the form
// input.EscapeName gives names, so that a literal "\x1b" in the article reads "\x5cx1b" and
// cannot pass for the escaped ESC report.Text writes.
func compareText(s string) string { return report.Text(input.EscapeName(s)) }

// decisionText returns the line of compare's text output that names the decision that
// applied, standard or strict, and why the strict decision refuses the pair when it does.
func decisionText(c *explain.Comparison, p verify.Params) string {
	rule := fmt.Sprintf("no aligned sentences with %d names of their own, nor %g of them templates, unless all are updates (%d figure a side, similarity %g); jaccard at least %g, score at least %g, or coverage %g over %d aligned sentences, or a run of %d content words, %d in a partial copy",
		p.StrictNames, p.StrictTemplates, p.StrictUpdateFigures, p.StrictUpdateSimilarity, p.NearExact, p.StrictScore, p.StrictCoverage, p.StrictAligned, p.StrictRun, p.StrictPartialRun)
	if c.Decision == verify.DecisionStrict {
		if c.Unstrict != "" {
			return fmt.Sprintf("decision     strict, for clean text (%s): fails, %s\n", rule, c.Unstrict)
		}
		return fmt.Sprintf("decision     strict, for clean text (%s)\n", rule)
	}
	if c.Unstrict != "" {
		return fmt.Sprintf("decision     standard: the score alone (--decision strict would refuse the pair: %s)\n", c.Unstrict)
	}
	return "decision     standard: the score alone (--decision strict adds a stricter test)\n"
}
