package archive

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dedupe-dev/dedupe/internal/index"
	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// Candidates of a check against a large index: see minShared.
const (
	checkJaccard = 0.05 // shingle Jaccard similarity of the faintest rewrites to find
	checkRecall  = 0.95 // least share of them to find
)

// minShared returns the least number of band keys to share with a new document for an
// archived one to be verified: given when positive, or 1 while the index is small enough for
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

// checkBatch is the number of new documents a Checker checks at once. The index looks up the
// band keys of a batch in key order (see index.QueryBatch), which is faster the more keys
// there are to sort.
const checkBatch = 1024

// Checker checks new documents against an index a batch at a time: it queries the index for
// the whole batch on all its goroutines (index.QueryBatch), then they verify the candidates
// document by document. The results go to the report in input order, so the report is the
// same whatever the number of goroutines. A Checker is not safe for concurrent use.
type Checker struct {
	ix        *index.Index
	q         index.QueryOptions
	verifiers []*verify.Verifier // one per goroutine: a Verifier keeps scratch buffers
	batch     []*scan.Document
	rep       *Report
}

// NewChecker returns a Checker of new documents against ix, verifying with opts, which must
// hold the index's parameters, on opts.Workers goroutines. Archived documents are verified
// when they share at least minShared band keys with a new one; 0 picks the number from the
// size of the index (see Stats.MinShared).
func NewChecker(ix *index.Index, opts scan.Options, minShared int) (*Checker, error) {
	archived, err := ix.Len()
	if err != nil {
		return nil, err
	}
	// --decision auto: by the archive's text, from the counts of its clean documents the index
	// keeps (index.GarbleClean); an index without them gets the standard decision.
	g, err := ix.Garble()
	if err != nil {
		return nil, err
	}
	auto := opts.Verify.Decision == verify.DecisionAuto
	// The index counted clean text at GarbleClean, whatever --strict-garble says (warned of
	// below).
	counted := opts.Verify
	counted.StrictGarble = index.GarbleClean
	mixed := counted.MixedWarning(g.Texts)
	opts.Verify.Decision = opts.Verify.ResolveDecision(g.Measured, g.Clean)
	rep := newReport(ix, &opts, archived, minShared)
	switch {
	case mixed != "":
		rep.Warnings = append(rep.Warnings, report.Warning{Path: ix.Path(), Message: mixed})
	case auto && !g.Known && archived >= opts.Verify.StrictMinDocs:
		// A smaller archive gets the standard decision whatever its text.
		rep.Warnings = append(rep.Warnings, report.Warning{Path: ix.Path(), Message: fmt.Sprintf(
			"index written before format %d counted its documents of clean text: check applies the standard decision (--decision standard says so); for an archive of clean text, give --decision strict or %s", index.FormatVersion, index.Rebuild)})
	case auto && opts.Verify.StrictGarble != index.GarbleClean:
		rep.Warnings = append(rep.Warnings, report.Warning{Path: ix.Path(), Message: fmt.Sprintf(
			"--strict-garble %g is not used: the index counts its documents of clean text at %g", opts.Verify.StrictGarble, index.GarbleClean)})
	}
	q := index.QueryOptions{MinShared: rep.Stats.MinShared, MaxBucket: opts.MaxBucket, AnchorMinShare: opts.Anchor.MinShare}
	c := &Checker{ix: ix, q: q, rep: rep}
	// A new document is weighed as one more document of the archive, as a scan of both would.
	df, err := ix.DocFreq()
	if err != nil {
		return nil, err
	}
	weights := verify.NewWeights(df, 1)
	for range scan.Goroutines(opts.Workers) {
		v, err := verify.New(opts.Verify)
		if err != nil {
			return nil, err
		}
		v.SetWeights(weights)
		c.verifiers = append(c.verifiers, v)
	}
	return c, nil
}

// Specs are the settings of scan.Specs a check uses, the flags of dedupe check and what its
// report records: those an index stores, which the index gives (scan.IndexSpecs), then how
// documents are read and candidates picked and verified. The threshold is not among them: the
// index's bands and rows were decided by it once. Boilerplate, frames and clusters need a
// corpus and have no part in a check.
var Specs = slices.Concat(scan.IndexSpecs, scan.Specs.Pick("MinWords", "Workers", "MaxBucket", "Anchor.MinShare"), verify.Specs.Omit("ShingleSize").In("Verify"))

// newReport returns the report of a check against ix of archived documents, with no
// documents yet.
func newReport(ix *index.Index, opts *scan.Options, archived, given int) *Report {
	p := ix.Params()
	rep := &Report{
		Version:   report.Version,
		Index:     ix.Path(),
		Params:    opts.ReportParams(0, p.NumPerm, p.Bands, p.Rows, Specs),
		Documents: []CheckedDoc{},
		Skipped:   []report.Skip{},
		Warnings:  []report.Warning{},
	}
	rep.Stats.Archived = archived
	rep.Stats.MinShared = minShared(given, p, archived)
	if ix.Format() < index.FormatAnchors {
		rep.Warnings = append(rep.Warnings, report.Warning{Path: ix.Path(), Message: fmt.Sprintf(
			"index of format %d, without the anchors of format %d: candidates share band keys only, and copies of a passage that is a small part of either document are missed; %s",
			ix.Format(), index.FormatAnchors, index.Rebuild)})
	}
	return rep
}

// Add records it in the report: its warnings, its skip, or its document, which is checked
// with the batch it completes or by [Checker.Report].
func (c *Checker) Add(it scan.Item) error {
	c.rep.Warnings = report.AppendWarnings(c.rep.Warnings, it.Warnings)
	if it.Skip != nil {
		c.rep.Skipped = report.AppendSkips(c.rep.Skipped, []input.Skip{*it.Skip})
		return nil
	}
	c.batch = append(c.batch, it.Doc)
	if len(c.batch) < checkBatch {
		return nil
	}
	return c.flush()
}

// Report checks the documents still queued and returns the report of every item added. The
// report is the Checker's: adding more changes it.
func (c *Checker) Report() (*Report, error) {
	if err := c.flush(); err != nil {
		return nil, err
	}
	c.rep.Stats.Skipped = report.CountSkipped(c.rep.Skipped)
	return c.rep, nil
}

// flush checks the queued documents.
func (c *Checker) flush() error {
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
	out := make([]CheckedDoc, len(docs))
	stats := make([]Stats, len(docs))
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
		st.ArchivedMatches += stats[i].ArchivedMatches
		st.OversizedBuckets += stats[i].OversizedBuckets
	}
	c.rep.Documents = append(c.rep.Documents, out...)
	clear(c.batch) // let the documents go
	c.batch = c.batch[:0]
	return nil
}

// A document is a version of the one archived under its name when one of the two holds
// versionShare of the other, as near-identical copies do (cluster's core), and the other at
// least versionLeast of it: an update that adds paragraphs, or a cut, keeps most of the text
// it grew from or was cut to. Each holding versionShare of the other, an article that gained
// a third (an updated story, a sidebar added) was no version of its archived text, and its
// check reported every reprint that text had too (QA, session 33: 18 articles with 212 to
// 397 words added).
const (
	versionShare = 0.8
	versionLeast = 0.5
)

// moreShared is how much more of a checked document an archived one must hold than it held of
// the document's archived version for checkOne to report a match that version had too: a
// partial copy (a quarter) rewritten into a whole one is a copy the change made.
const moreShared = 0.2

// checkOne verifies the new document d against the candidates the index found for it.
//
// A document archived under d's own path is d's earlier version, not a document d copies; so
// is one archived under another name of its file, its absolute path or a tail of it that names
// it from here (an index added with absolute paths, see [Respelling]). When d's archived
// version is among the candidates
// and d is a version of it (see versionShare: a name reused for another article, as a daily
// export's "daily.jsonl#1" holding another paper's reprint of yesterday's story, is no
// version), a match it had too, with as much of it, is no copy d's change made,
// and is left out and counted (Stats.ArchivedMatches): in an archive that holds several
// reprints of one wire story, correcting a word of one of them made it a copy of all the
// others in the pull request's check (on the chronam articles of January, 600 of 2,000
// archived articles checked again were reported). A change that makes d share moreShared more
// of a match than before is reported.
func checkOne(v *verify.Verifier, d *scan.Document, found *index.QueryResult, st *Stats) CheckedDoc {
	out := CheckedDoc{Member: d.Member(), Matches: []report.Pair{}}
	st.Checked++
	st.OversizedBuckets += found.Stats.Oversized
	var own *sketch.Sketch // d's archived version, when the index found it and d is a version of it
	spellings := otherSpellings(d.Path)
	mine := make([]bool, len(found.Candidates)) // archived under d's name, or another name of its file
	for i := range found.Candidates {
		c := &found.Candidates[i]
		// Another name is d's only when it names d's file from here: a tail of d's name
		// ("articles/a.txt" of "partner/articles/a.txt") may be another folder's file, and
		// a copy of it is what check must report.
		if c.Path != d.Path && (!slices.Contains(spellings, c.Path) || fileOf(c.Path, d.Path) != sameFile) {
			continue
		}
		mine[i] = true
		r := v.Verify(&c.Sketch, &d.Sketch)
		if r.Duplicate && max(r.ShareA(), r.ShareB()) >= versionShare && min(r.ShareA(), r.ShareB()) >= versionLeast && (own == nil || c.Path == d.Path) {
			own = &c.Sketch
		}
	}
	for i := range found.Candidates {
		c := &found.Candidates[i]
		if mine[i] {
			continue
		}
		st.CandidatePairs++
		r := v.Verify(&c.Sketch, &d.Sketch)
		if !r.Duplicate {
			continue
		}
		if own != nil {
			if was := v.Verify(&c.Sketch, own); was.Duplicate && r.ShareB() < was.ShareB()+moreShared {
				st.ArchivedMatches++
				continue
			}
		}
		archived := scan.Document{Path: c.Path, Title: c.Title, Date: c.Date, Words: c.Sketch.Words, Sketch: c.Sketch}
		m := scan.NewPair(&archived, d, &r)
		if m.Source != "" && (archived.Date.IsZero() || d.Date.IsZero() || archived.Date.Equal(d.Date)) {
			// Where dates do not say, the archived document came first: a new article that
			// holds an archived one and more was named the source of what it copied.
			m.Source = archived.Path
		}
		out.Matches = append(out.Matches, m)
	}
	// The strongest first, then by path: the order the index found them in is that of its
	// document ids, which a removal and a new add change.
	slices.SortStableFunc(out.Matches, func(x, y report.Pair) int {
		return cmp.Or(cmp.Compare(y.Score, x.Score), strings.Compare(x.A, y.A))
	})
	st.VerifiedPairs += len(out.Matches)
	if out.Duplicate = len(out.Matches) > 0; out.Duplicate {
		st.Duplicates++
	}
	return out
}
