package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/dedupe-dev/dedupe/internal/index"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/ui"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// CheckOptions are the flags of dedupe check.
type CheckOptions struct {
	ArchiveInputOptions
	Format string
	Add    bool
	// MinShared is the fewest band keys an archived document must share with a new one to be
	// verified; 0 picks it from the index (see minShared).
	MinShared int
}

// Finalize checks the flags once they are parsed.
func (o *CheckOptions) Finalize(fs *pflag.FlagSet) error {
	if err := enumFlag("--format", o.Format, "json", "jsonl", "text", "github"); err != nil {
		return err
	}
	if o.MinShared < 0 {
		return &flagError{fmt.Errorf("invalid --min-shared %d: must not be negative", o.MinShared)}
	}
	return o.ArchiveInputOptions.Finalize(fs)
}

func newCheckCommand(g *GlobalOptions, s streams) *cobra.Command {
	var opts CheckOptions
	cmd := &cobra.Command{
		Use:   "check --db <file> <path>... [flags]",
		Short: "Check new articles against an index of an archive",
		Long: `Check reads the articles under the given files and folders as scan does and reports, for
each, the archived documents of the index that it copies or rewrites, with the figures and
relations scan gives a pair (the archived document is "a", the new one "b"). It exits with
status 1 when any article is a duplicate, which makes it a CI check for an archive repository.

An archived document with the same path as the new one is its earlier version and is not
reported. New documents are checked against the archive as it was, not against each other;
--add then adds them, in transactions as index add does. As in compare, boilerplate sentences are not
removed: that needs the frequencies of a whole corpus.

The index's parameters apply; parameter flags that contradict them are an error. Candidates
are the archived documents sharing at least --min-shared band keys with the new article. For
an index of up to 2,000 documents the default is 1, every pair scan would verify. Beyond, the
default is the most keys that still find 95% of the pairs at shingle Jaccard similarity 0.05
(with 256 one-row bands, 7: a one-row band key is one MinHash value, so the number of shared
keys estimates the similarity). Against 100,000 generated articles, about 5,400 unrelated ones
share a key with a new article, and fewer than one shares 7.` + exitStatusHelp,
		Example: `  $ dedupe check --db archive.db incoming/story.txt
  $ dedupe check --db archive.db --format text $(git diff --name-only origin/main -- articles/)
  $ dedupe check --db archive.db --add --format jsonl today/ | jq 'select(.duplicate)'`,
		Args:    cobra.MinimumNArgs(1),
		PreRunE: func(cmd *cobra.Command, _ []string) error { return opts.Finalize(cmd.Flags()) },
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Input = opts.InputOptions.Options
			opts.Input.Stdin = s.In
			return runCheck(cmd.Context(), opts, *g, s, args)
		},
	}
	opts.ArchiveInputOptions.AddFlags(cmd.Flags())
	cmd.Flags().StringVar(&opts.Format, "format", "json", "output `format`: json, jsonl (one checked document per line), text, or github (annotations for GitHub Actions)")
	cmd.Flags().BoolVar(&opts.Add, "add", false, "add the checked documents to the index afterwards")
	cmd.Flags().IntVar(&opts.MinShared, "min-shared", 0, "verify archived documents sharing at least `n` band keys (0: by index size)")
	return cmd
}

// checkReport is the result of dedupe check, written as JSON; its field names are a contract
// like scan's report.
type checkReport struct {
	Version   int              `json:"version"`
	Index     string           `json:"index"`
	Params    report.Params    `json:"params"`
	Stats     checkStats       `json:"stats"`
	Documents []checkedDoc     `json:"documents"`
	Skipped   []report.Skip    `json:"skipped"`
	Warnings  []report.Warning `json:"warnings"`
}

// checkStats counts what a check did.
type checkStats struct {
	Archived         int `json:"archived"`   // documents in the index when the check began
	Checked          int `json:"checked"`    // new documents read and checked
	Duplicates       int `json:"duplicates"` // checked documents with at least one match
	Skipped          int `json:"skipped"`
	MinShared        int `json:"min_shared"`      // band keys a candidate shared at least
	CandidatePairs   int `json:"candidate_pairs"` // archived documents verified
	VerifiedPairs    int `json:"verified_pairs"`  // matches reported
	OversizedBuckets int `json:"oversized_buckets"`
	Added            int `json:"added"` // with --add: documents added or replaced
}

// checkedDoc is one checked document and the archived documents it duplicates.
type checkedDoc struct {
	report.Member
	Duplicate bool          `json:"duplicate"`
	Matches   []report.Pair `json:"matches"`
}

// Candidates of a check against a large index: see minShared.
const (
	checkJaccard = 0.05 // shingle Jaccard similarity of the faintest rewrites to find
	checkRecall  = 0.95 // least share of them to find
)

// minShared returns the --min-shared to use: given, or 1 while the index is small enough for
// scan to verify every pair that shares a band key, or the most shared keys that still find a
// pair at checkJaccard with probability checkRecall (7 of 256 one-row bands). The unrelated
// documents sharing a few keys with a new one grow in number with the archive: of 100,000
// generated articles about 5,400 share at least one of 256 keys and 200 share three, while
// every planted copy shares more than twenty.
func minShared(given int, p index.Params, archived int) int {
	switch {
	case given > 0:
		return given
	case archived <= scan.SmallCorpus:
		return 1
	}
	return index.MinShared(p.Bands, p.Rows, checkJaccard, checkRecall)
}

// runCheck checks the documents under paths against the index and writes the report to s.Out.
func runCheck(ctx context.Context, opts CheckOptions, g GlobalOptions, s streams, paths []string) error {
	pipe := opts.PipelineOptions.Options
	ix, err := opts.open(!opts.Add)
	if err != nil {
		return err
	}
	defer ix.Close()
	if err := useIndexParams(ix, &pipe, opts.given); err != nil {
		return err
	}
	archived, err := ix.Len()
	if err != nil {
		return err
	}
	p := ix.Params()
	rep := &checkReport{
		Version:   report.Version,
		Index:     ix.Path(),
		Params:    pipe.ReportParams(0, p.NumPerm, p.Bands, p.Rows),
		Documents: []checkedDoc{},
		Skipped:   []report.Skip{},
		Warnings:  []report.Warning{},
	}
	rep.Stats.Archived = archived
	rep.Stats.MinShared = minShared(opts.MinShared, p, archived)
	c, err := newChecker(ix, pipe, index.QueryOptions{MinShared: rep.Stats.MinShared, MaxBucket: pipe.MaxBucket}, rep)
	if err != nil {
		return err
	}

	progress := ui.NewProgress(s.Err, s.ErrTTY && !g.Quiet)
	pipe.Observer = progress
	var added []index.Document
	err = analyzeArchive(ctx, paths, pipe, func(it scan.Item) error {
		for _, w := range it.Warnings {
			rep.Warnings = append(rep.Warnings, report.Warning{Path: w.Path, Line: w.Line, Message: w.Reason})
		}
		if it.Skip != nil {
			rep.Skipped = append(rep.Skipped, report.Skip{Path: it.Skip.Path, Line: it.Skip.Line, Reason: it.Skip.Reason})
			return nil
		}
		if opts.Add {
			added = append(added, indexDocument(it.Doc))
		}
		return c.add(it.Doc)
	})
	if err == nil {
		err = c.flush()
	}
	progress.Done()
	if err != nil {
		return err
	}
	if opts.Add {
		a, err := newAdder(ix, g, s.Err)
		if err != nil {
			return err
		}
		for _, d := range added {
			if err := a.add(d); err != nil {
				return err
			}
		}
		if err := a.flush(); err != nil {
			return err
		}
		rep.Stats.Added = a.total.Added + a.total.Replaced
	}
	rep.Stats.Skipped = len(rep.Skipped)
	if err := writeCheckReport(s.Out, opts.Format, rep); err != nil {
		return err
	}
	if !g.Quiet {
		printCheckSummary(s.Err, rep, progress)
	}
	if rep.Stats.Duplicates > 0 {
		return errDuplicatesFound
	}
	return nil
}

// checkBatch is the number of new documents a checker checks at once. The index looks up the
// band keys of a batch in key order (see index.QueryBatch), which is faster the more keys
// there are to sort.
const checkBatch = 1024

// checker checks new documents against an index a batch at a time: it queries the index for
// the whole batch on all its goroutines (index.QueryBatch), then they verify the candidates
// document by document. The results go to the report in input order, so the report is the
// same whatever the number of goroutines.
type checker struct {
	ix        *index.Index
	q         index.QueryOptions
	verifiers []*verify.Verifier // one per goroutine: a Verifier keeps scratch buffers
	batch     []*scan.Document
	rep       *checkReport
}

func newChecker(ix *index.Index, pipe scan.Options, q index.QueryOptions, rep *checkReport) (*checker, error) {
	c := &checker{ix: ix, q: q, rep: rep}
	workers := pipe.Workers
	if workers == 0 {
		workers = runtime.NumCPU()
	}
	for range workers {
		v, err := verify.New(pipe.Verify)
		if err != nil {
			return nil, err
		}
		c.verifiers = append(c.verifiers, v)
	}
	return c, nil
}

// add queues d, checking the batch once it is full.
func (c *checker) add(d *scan.Document) error {
	c.batch = append(c.batch, d)
	if len(c.batch) < checkBatch {
		return nil
	}
	return c.flush()
}

// flush checks the queued documents.
func (c *checker) flush() error {
	docs := c.batch
	sks := make([]*sketch.Sketch, len(docs))
	for i, d := range docs {
		sks[i] = &d.Sketch
	}
	q := c.q
	q.Workers = len(c.verifiers)
	found, err := c.ix.QueryBatch(sks, q)
	if err != nil {
		return err
	}
	out := make([]checkedDoc, len(docs))
	stats := make([]checkStats, len(docs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for _, v := range c.verifiers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(docs); i = int(next.Add(1) - 1) {
				out[i] = checkOne(v, docs[i], &found[i], &stats[i])
			}
		})
	}
	wg.Wait()
	for i := range docs {
		st := &c.rep.Stats
		st.Checked += stats[i].Checked
		st.Duplicates += stats[i].Duplicates
		st.CandidatePairs += stats[i].CandidatePairs
		st.VerifiedPairs += stats[i].VerifiedPairs
		st.OversizedBuckets += stats[i].OversizedBuckets
	}
	c.rep.Documents = append(c.rep.Documents, out...)
	clear(c.batch) // let the documents go
	c.batch = c.batch[:0]
	return nil
}

// checkOne verifies the new document d against the candidates the index found for it.
func checkOne(v *verify.Verifier, d *scan.Document, found *index.QueryResult, st *checkStats) checkedDoc {
	out := checkedDoc{Member: d.Member(), Matches: []report.Pair{}}
	st.Checked++
	st.OversizedBuckets += found.Stats.Oversized
	for i := range found.Candidates {
		c := &found.Candidates[i]
		if c.Path == d.Path {
			continue // the new document's own earlier version
		}
		st.CandidatePairs++
		r := v.Verify(&c.Sketch, &d.Sketch)
		if !r.Duplicate {
			continue
		}
		archived := scan.Document{Path: c.Path, Title: c.Title, Date: c.Date, Words: c.Sketch.Words, Sketch: c.Sketch}
		out.Matches = append(out.Matches, scan.NewPair(&archived, d, &r))
	}
	st.VerifiedPairs += len(out.Matches)
	if out.Duplicate = len(out.Matches) > 0; out.Duplicate {
		st.Duplicates++
	}
	return out
}

func writeCheckReport(w io.Writer, format string, rep *checkReport) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	var err error
	switch format {
	case "jsonl":
		for i := range rep.Documents {
			if err = enc.Encode(&rep.Documents[i]); err != nil {
				break
			}
		}
	case "text":
		err = writeCheckText(bw, rep)
	case "github":
		err = writeCheckGitHub(bw, rep)
	default:
		enc.SetIndent("", "  ")
		err = enc.Encode(rep)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// writeCheckText lists the duplicates for people: one line per match under each new document.
func writeCheckText(w io.Writer, rep *checkReport) error {
	var b strings.Builder
	st := rep.Stats
	fmt.Fprintf(&b, "%s checked against %d archived, %d skipped: %s\n",
		report.Count(st.Checked, "document", "documents"), st.Archived, st.Skipped,
		report.Count(st.Duplicates, "duplicate", "duplicates"))
	for _, d := range rep.Documents {
		if !d.Duplicate {
			continue
		}
		fmt.Fprintf(&b, "\n%s (%d words) duplicates:\n", d.Path, d.Words)
		tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
		for _, m := range d.Matches {
			src := ""
			if m.Source != "" {
				src = "\tsource " + m.Source
			}
			fmt.Fprintf(tw, "  %s\t%s\tscore %.2f\tjaccard %.2f%s\n", m.A, m.Relation, m.Score, m.Jaccard, src)
		}
		tw.Flush()
	}
	report.WriteSkippedText(&b, rep.Skipped)
	_, err := io.WriteString(w, b.String())
	return err
}

// writeCheckGitHub writes a GitHub Actions workflow command per duplicate, an error annotation
// on the new article naming the archived articles it copies, and a warning per skipped input.
// GitHub shows them on the files of a pull request; the step still fails by the exit status.
func writeCheckGitHub(w io.Writer, rep *checkReport) error {
	var b strings.Builder
	for _, d := range rep.Documents {
		if !d.Duplicate {
			continue
		}
		matches := make([]string, len(d.Matches))
		for i, m := range d.Matches {
			matches[i] = fmt.Sprintf("%s (%s, score %.2f, jaccard %.2f)", m.A, m.Relation, m.Score, m.Jaccard)
		}
		fmt.Fprintf(&b, "::error file=%s,title=%s::%s\n", githubProperty(d.Path),
			githubProperty("Copy of an archived article (dedupe)"),
			githubMessage(report.Count(len(matches), "match", "matches")+" in the archive: "+strings.Join(matches, "; ")))
	}
	for _, sk := range rep.Skipped {
		line := ""
		if sk.Line > 0 {
			line = fmt.Sprintf(",line=%d", sk.Line)
		}
		fmt.Fprintf(&b, "::warning file=%s%s,title=%s::%s\n", githubProperty(sk.Path), line,
			githubProperty("Not checked by dedupe"), githubMessage(sk.Reason))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// githubMessage escapes the message of a workflow command: a percent sign or a line break would
// end or garble it.
var githubMessage = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace

// githubProperty escapes a property value of a workflow command, where colons and commas
// separate too.
var githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace

// printCheckSummary writes the skipped inputs, the warnings and a one-line summary to stderr.
func printCheckSummary(w io.Writer, rep *checkReport, p *ui.Progress) {
	printProblems(w, rep.Skipped, rep.Warnings)
	st := rep.Stats
	added := ""
	if st.Added > 0 {
		added = fmt.Sprintf("; %d added to the index", st.Added)
	}
	fmt.Fprintf(w, "dedupe: %s checked against %d in %s, %d skipped; %d candidate pairs, %d verified; %s%s\n",
		report.Count(st.Checked, "document", "documents"), st.Archived, p.Elapsed(), st.Skipped,
		st.CandidatePairs, st.VerifiedPairs, report.Count(st.Duplicates, "duplicate", "duplicates"), added)
}
