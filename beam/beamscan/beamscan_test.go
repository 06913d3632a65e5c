package beamscan_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/dedupe-dev/dedupe/beam/beamscan"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/testfs"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// TestMain initialises Beam, which prism's in-process workers need.
func TestMain(m *testing.M) { ptest.Main(m) }

// runBeam runs the pipeline on prism in this process and returns the JSON lines it wrote and
// its counters.
func runBeam(t *testing.T, inputs []string, opts scan.Options) (string, beamscan.Counts) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "clusters.jsonl")
	p, s := beam.NewPipelineWithRoot()
	if err := beamscan.Build(s, beamscan.Config{Inputs: inputs, Output: out, Options: opts}); err != nil {
		t.Fatalf("Build: %v", err)
	}
	res, err := prism.Execute(context.Background(), p)
	if err != nil {
		t.Fatalf("prism: %v", err)
	}
	got := testfs.ReadFile(t, out)
	return string(got), beamscan.ReadCounts(res)
}

// runScan runs dedupe scan on dir in this process, from inside it ("cd dir && dedupe scan
// ."), where it names documents as the pipeline does with one pattern, and returns its JSON
// lines of clusters, the lines the pipeline writes, and the counters it should report; its
// report's decision is scanDecision's.
func runScan(t *testing.T, dir string, opts scan.Options) (string, beamscan.Counts) {
	lines, c, _ := scanDecision(t, dir, opts)
	return lines, c
}

// scanDecision is runScan, returning the decision the scan applied too (report.Stats.Decision).
func scanDecision(t *testing.T, dir string, opts scan.Options) (string, beamscan.Counts, string) {
	t.Helper()
	t.Chdir(dir)
	res, err := scan.Run(context.Background(), []string{"."}, nil, opts, nil)
	if err != nil {
		t.Fatalf("Scan: %v", err)
	}
	rep := res.Report(&opts, false)
	var b bytes.Buffer
	for i := range rep.Clusters {
		if err := report.WriteClusterRecord(&b, &rep.Clusters[i]); err != nil {
			t.Fatal(err)
		}
	}
	// The documents read despite a problem, each warned of once or more.
	warned := map[[2]any]bool{}
	for _, w := range res.Warnings {
		warned[[2]any{w.Path, w.Line}] = true
	}
	st := rep.Stats
	return b.String(), beamscan.Counts{
		Documents:        int64(st.Documents),
		Skipped:          int64(st.Skipped),
		Warned:           int64(len(warned)),
		Candidates:       int64(st.CandidatePairs),
		SeriesPairs:      int64(st.SeriesPairs),
		BelowFloor:       int64(st.BelowFloorPairs),
		Verified:         int64(st.VerifiedPairs),
		OversizedBuckets: int64(st.OversizedBuckets),
		Boilerplate:      int64(st.BoilerplateSentences),
		Clusters:         int64(st.Clusters),
		Texts:            res.Texts,
	}, st.Decision
}

// compare runs both and requires the same JSON lines, byte for byte, the same counts and the
// same decision (beamscan.Counts.Decision); it returns the counts.
func compare(t *testing.T, dir, pattern string, opts scan.Options) beamscan.Counts {
	t.Helper()
	dir = testfs.Abs(t, dir) // runScan changes the working directory
	want, wantCounts, wantDecision := scanDecision(t, dir, opts)
	got, gotCounts := runBeam(t, []string{filepath.Join(dir, pattern)}, opts)
	if got != want {
		t.Errorf("beam clusters differ from dedupe scan:\n got: %s\nwant: %s", abbrev(got), abbrev(want))
	}
	if gotCounts != wantCounts {
		t.Errorf("counts = %+v; want %+v", gotCounts, wantCounts)
	}
	if d := gotCounts.Decision(opts.Verify); d != wantDecision {
		t.Errorf("decision %s; dedupe scan's %s", d, wantDecision)
	}
	return gotCounts
}

// abbrev shortens s for a failure message.
func abbrev(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "..."
	}
	return s
}

func TestSeeds(t *testing.T) {
	opts := scan.DefaultOptions()
	c := compare(t, "../../testdata/seeds", "*.txt", opts)
	// The seeds hold one story copied twice and two independent reports (testdata/seeds.md).
	if c.Documents != 5 || c.Clusters != 1 {
		t.Errorf("seeds: %d documents in %d clusters; want 5 in 1", c.Documents, c.Clusters)
	}
	// Clean text, but too few documents for the strict decision (--strict-min-docs).
	if d := c.Decision(opts.Verify); d != verify.DecisionStandard || c.Texts.Clean != 5 {
		t.Errorf("seeds: %s decision, %d of %d documents clean; want standard, 5 of 5", d, c.Texts.Clean, c.Texts.Measured)
	}
}

// genCorpus writes a corpus of n articles with the root module's generator and returns its
// docs directory (txt files, 1,000 per sub-directory).
func genCorpus(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command("go", "run", "./tools/gencorpus", "-n", strconv.Itoa(n), "-out", dir)
	cmd.Dir = "../.."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gencorpus: %v\n%s", err, out)
	}
	return filepath.Join(dir, "docs")
}

func TestGeneratedCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 articles: skipped with -short")
	}
	docs := genCorpus(t, 10000)
	c := compare(t, docs, "*/*.txt", scan.DefaultOptions())
	if c.Documents < 9000 || c.Clusters == 0 {
		t.Errorf("generated corpus: %d documents in %d clusters; want about 10,000 in some", c.Documents, c.Clusters)
	}
}

// TestAnchorShare checks that the pipeline bounds the anchor candidates by the share of the
// rare anchors of the document with fewer as dedupe scan does: on 300 generated articles a
// share of 0.2 proposes 56 candidates fewer than none.
func TestAnchorShare(t *testing.T) {
	docs := genCorpus(t, 300)
	opts := scan.DefaultOptions()
	opts.Anchor.MinShare = 0
	_, all := runScan(t, docs, opts)
	opts.Anchor.MinShare = 0.2
	if c := compare(t, docs, "*/*.txt", opts); c.Candidates != all.Candidates-56 {
		t.Errorf("share 0.2: %d candidates; want 56 fewer than the %d of share 0", c.Candidates, all.Candidates)
	}
}

// TestFrames checks that the pipeline finds templates' frames as dedupe scan does
// (scan.Options.FrameDocs): in 300 generated articles, from 3 documents, 19 sentences of the
// templated series are frames.
func TestFrames(t *testing.T) {
	docs := genCorpus(t, 300)
	opts := scan.DefaultOptions()
	opts.FrameDocs = 3
	if c := compare(t, docs, "*/*.txt", opts); c.Boilerplate != 19 {
		t.Errorf("frames from 3 documents: %d boilerplate sentences; want 19", c.Boilerplate)
	}
}

// TestBoilerplate appends one footer to every article, which dedupe scan leaves out of
// signatures and verification as boilerplate; the pipeline must find and drop it too.
func TestBoilerplate(t *testing.T) {
	docs := genCorpus(t, 300)
	const footer = "\n\nSubscribe to the Morning Briefing newsletter for the day's top stories, delivered to your inbox before breakfast.\n"
	files, err := filepath.Glob(filepath.Join(docs, "*", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("glob: %v, %d files", err, len(files))
	}
	for _, f := range files {
		fh, err := os.OpenFile(f, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fh.WriteString(footer); err != nil {
			t.Fatal(err)
		}
		fh.Close()
	}
	c := compare(t, docs, "*/*.txt", scan.DefaultOptions())
	if c.Boilerplate != 1 {
		t.Errorf("boilerplate sentences = %d; want 1", c.Boilerplate)
	}
}

// TestSiteBoilerplate gives twelve articles of one site a tagline of the site's, among
// articles of eight other sites as JSON Lines records named by their URLs: the pipeline must
// count each site's documents and find the site's boilerplate as dedupe scan does.
func TestSiteBoilerplate(t *testing.T) {
	const tagline = "This story was produced by the Valley Desk, a nonprofit newsroom covering the towns " +
		"of the upper valley and their schools. Sign up for our weekly newsletter to get stories " +
		"like this one in your inbox every Friday morning."
	var lines []string
	for i, text := range testfs.ReadFiles(t, testfs.Glob(t, "../../testdata/chronam/articles/1916010*/*.txt"))[:60] {
		host := fmt.Sprintf("www.site%d.com", i%8)
		if i < 12 {
			host, text = "www.valley.com", text+"\n\n"+tagline
		}
		line, err := json.Marshal(map[string]string{"url": fmt.Sprintf("https://%s/news/%02d", host, i), "text": text})
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, string(line))
	}
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{"records.jsonl": strings.Join(lines, "\n") + "\n"})
	opts := scan.DefaultOptions()
	opts.BoilerplateDF = 0.5 // boilerplate in 30 of the 60 documents, or in half of a site's
	opts.ShingleDF = 0       // the tagline's shingles make candidates, as in a large corpus
	if c := compare(t, dir, "*.jsonl", opts); c.Boilerplate != 2 {
		t.Errorf("boilerplate sentences = %d; want 2, the tagline's for its site", c.Boilerplate)
	}
}

// TestChronamArticles runs both on the 862 real articles of the chronam dev set (OCR noise,
// hard wraps, mastheads, templates, pages of repeated text: what generated articles lack) and
// requires the same clusters and counts. The counts are checked against the folder too, so
// that a pipeline that read nothing cannot pass.
//
// With --strict-min-docs 100 the collection is large enough for the strict decision, so that
// its text, OCR'd, is what keeps it on the standard one, as in dedupe scan.
func TestChronamArticles(t *testing.T) {
	opts := scan.DefaultOptions()
	opts.Verify.StrictMinDocs = 100
	c := compare(t, "../../testdata/chronam/articles", "*/*.txt", opts)
	if c.Documents != 862 || c.Verified == 0 || c.Clusters == 0 {
		t.Errorf("chronam articles: %d documents, %d verified pairs, %d clusters; want 862 and some", c.Documents, c.Verified, c.Clusters)
	}
	if d := c.Decision(opts.Verify); d != verify.DecisionStandard || c.Texts.Measured < 800 {
		t.Errorf("chronam articles, --strict-min-docs 100: %s decision, %d of %d measured documents clean; want standard for OCR'd text", d, c.Texts.Clean, c.Texts.Measured)
	}
}

// TestDecision runs both on the Clough-Stevenson corpus, 100 files of clean text (11 of them
// with a garble share that looks OCR'd), with --strict-min-docs 100: --decision auto resolves to
// the strict decision in the pipeline as in dedupe scan, from the counts of the documents'
// garble shares, with the same clusters, which the strict decision changes (fewer pairs
// verified than under the standard one). A small collection of clean text keeps the standard
// decision (TestSeeds), and so does OCR'd text (TestChronamArticles).
func TestDecision(t *testing.T) {
	dir := testfs.Abs(t, "../../testdata/clough-stevenson/corpus-20090418")
	opts := scan.DefaultOptions()
	opts.Verify.StrictMinDocs = 100
	c := compare(t, dir, "*.txt", opts)
	if d := c.Decision(opts.Verify); d != verify.DecisionStrict || c.Texts.Measured != 100 {
		t.Errorf("clough-stevenson, --strict-min-docs 100: %s decision, %d of %d measured documents clean; want strict, of 100", d, c.Texts.Clean, c.Texts.Measured)
	}
	if msg := opts.Verify.MixedWarning(c.Texts); msg == "" {
		t.Errorf("clough-stevenson: no warning of OCR'd pages among clean text with %d of %d looking OCR'd", c.Texts.OCR, c.Texts.Measured)
	}
	standard := opts
	standard.Verify.Decision = verify.DecisionStandard
	if _, s := runScan(t, dir, standard); s.Verified <= c.Verified {
		t.Errorf("clough-stevenson: %d pairs verified under the strict decision, %d under the standard one; want fewer", c.Verified, s.Verified)
	}
}

// TestChronamSeries runs both on the chronam articles with a paper's LCCN as series: the
// pipeline must leave out the pairs of one paper's issues, as scan does, and count them.
func TestChronamSeries(t *testing.T) {
	opts := scan.DefaultOptions()
	opts.Series = `/(sn[0-9]+|[0-9]{10})-ed`
	c := compare(t, "../../testdata/chronam/articles", "*/*.txt", opts)
	if c.SeriesPairs == 0 || c.Verified == 0 {
		t.Errorf("chronam articles by paper: %d pairs of one series, %d verified; want some of each", c.SeriesPairs, c.Verified)
	}
}

// TestDecisionDefault runs both on 5,000 short documents of English words drawn from the
// Clough-Stevenson files and the 100 files themselves, at the default --strict-min-docs
// (5,000): clean text in a collection that large gets the strict decision in the pipeline as
// in dedupe scan, with the same clusters, and the same pairs left out under the candidate
// floor (scan.AutoFloor).
func TestDecisionDefault(t *testing.T) {
	if testing.Short() {
		t.Skip("5,100 documents: skipped with -short")
	}
	dir := cleanCorpus(t, 5000)
	opts := scan.DefaultOptions()
	c := compare(t, dir, "*/*.txt", opts)
	if d := c.Decision(opts.Verify); d != verify.DecisionStrict || c.Texts.Measured != 5100 || c.Clusters == 0 {
		t.Errorf("5,100 documents of clean text: %s decision, %d of %d measured documents clean, %d clusters; want strict, of 5100, some clusters", d, c.Texts.Clean, c.Texts.Measured, c.Clusters)
	}
	// The bands' chance pairs of random texts, left out under the candidate floor of the
	// strict decision on clean text in both.
	if c.BelowFloor == 0 {
		t.Errorf("5,100 documents of clean text: no pair below the candidate floor; want the bands' chance pairs")
	}
}

// cleanCorpus writes n documents of 80 words each, drawn at random (with a fixed seed) from
// the lower-case words of the Clough-Stevenson files that are clean text (letters only, three
// or more, or a stop word of two), 100 to a folder, and the Clough-Stevenson files in a folder
// of their own, and returns the corpus's folder.
func cleanCorpus(t *testing.T, n int) string {
	t.Helper()
	files := testfs.Glob(t, "../../testdata/clough-stevenson/corpus-20090418/*.txt")
	texts := testfs.ReadFiles(t, files)
	short := map[string]bool{"a": true, "of": true, "to": true, "in": true, "is": true, "it": true, "on": true, "as": true, "by": true, "at": true, "an": true, "be": true, "or": true}
	var words []string
	for _, text := range texts {
		for _, w := range strings.Fields(text) {
			if short[w] || len(w) >= 3 && strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") == "" {
				words = append(words, w)
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	docs := map[string]string{}
	for i := range n {
		var b strings.Builder
		for j := range 80 {
			switch {
			case j == 0:
			case j%16 == 0:
				b.WriteString(". ")
			default:
				b.WriteByte(' ')
			}
			b.WriteString(words[r.IntN(len(words))])
		}
		b.WriteString(".\n")
		docs[fmt.Sprintf("gen%02d/%04d.txt", i/100, i)] = b.String()
	}
	for i, f := range files {
		docs["clough/"+filepath.Base(f)] = texts[i]
	}
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, docs)
	return dir
}

// TestSGML runs both on an SGML collection, the seeds as <DOC> records of one file without an
// extension, as the AP newswire stores its stories: the pipeline must read the records as
// scan does, one document each. Records too short to compare, past the first 1,000 of a file
// counted in one skip, count one each in both.
func TestSGML(t *testing.T) {
	dir := t.TempDir()
	seeds, err := filepath.Glob("../../testdata/seeds/*.txt")
	if err != nil || len(seeds) == 0 {
		t.Fatalf("glob: %v, %d files", err, len(seeds))
	}
	var b strings.Builder
	for _, s := range seeds {
		text := testfs.ReadFile(t, s)
		fmt.Fprintf(&b, "<DOC>\n<DOCNO>%s</DOCNO>\n<TEXT>\n%s\n</TEXT>\n</DOC>\n", filepath.Base(s), strings.NewReplacer("&", "&amp;", "<", "&lt;").Replace(string(text)))
	}
	for i := range 1003 {
		fmt.Fprintf(&b, "<DOC>\n<DOCNO>short%d</DOCNO>\n<TEXT>\nfour words too few\n</TEXT>\n</DOC>\n", i)
	}
	if err := os.WriteFile(filepath.Join(dir, "ap890101"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if c := compare(t, dir, "*", scan.DefaultOptions()); c.Documents != 5 || c.Clusters != 1 || c.Skipped != 1003 {
		t.Errorf("seeds as SGML records: %d documents in %d clusters, %d skipped; want 5 in 1, 1003 skipped", c.Documents, c.Clusters, c.Skipped)
	}
}

// TestBuildNoMatch: a pattern that matches no file fails Build, once, before the pipeline
// runs (found by the running pipeline, the error came back from every stage it stopped).
func TestBuildNoMatch(t *testing.T) {
	glob := filepath.Join(t.TempDir(), "*.txt")
	_, s := beam.NewPipelineWithRoot()
	err := beamscan.Build(s, beamscan.Config{Inputs: []string{glob}, Output: filepath.Join(t.TempDir(), "out.jsonl"), Options: scan.DefaultOptions()})
	if want := fmt.Sprintf("no files match %q", glob); err == nil || err.Error() != want {
		t.Errorf("Build = %v; want %s", err, want)
	}
}
