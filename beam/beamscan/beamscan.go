package beamscan

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/stats"

	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// Config describes one run.
type Config struct {
	// Inputs are glob patterns in the syntax of Beam's file systems ("/data/docs/*/*.txt",
	// "gs://bucket/part-*.jsonl.gz"). With one pattern, documents are shown by their path
	// relative to the pattern's directory part, as "cd DIR && dedupe scan ." shows them.
	Inputs []string
	// Output is the file the clusters are written to, one JSON object per line.
	Output string
	// Options are dedupe scan's options; Workers is not used.
	Options scan.Options
	// Rounds is the number of large-star/small-star rounds unrolled to find connected
	// components; 0 means DefaultRounds.
	Rounds int
}

// DefaultRounds is enough for components of a diameter in the thousands: each round at least
// halves the distance to a component's smallest id on a path, and in practice components of
// verified duplicates converge in three or four.
const DefaultRounds = 10

// Counter names, in the "dedupe" namespace.
const (
	Namespace               = "dedupe"
	CounterDocuments        = "documents"
	CounterSkipped          = "skipped_inputs"
	CounterWarned           = "documents_with_warnings"
	CounterCandidates       = "candidate_pairs"
	CounterSeriesPairs      = "series_pairs"
	CounterBelowFloor       = "below_floor_pairs"
	CounterVerified         = "verified_pairs"
	CounterOversizedBuckets = "oversized_buckets"
	CounterBoilerplate      = "boilerplate_sentences"
	CounterClusters         = "clusters"
	// The documents by their garble share (verify.Texts), from which the verifying stage
	// resolves --decision auto as dedupe scan does (verify.Params.ResolveDecision): those
	// measured (in English), those of clean text and those that look OCR'd. The names are
	// those of the index's counts.
	CounterMeasured = "garble_documents"
	CounterClean    = "garble_clean"
	CounterOCR      = "garble_ocr"
)

// Validate checks cfg before a pipeline is built from it.
func (c *Config) Validate() error {
	return validate(c.Inputs, c.Output, c.Rounds, &c.Options)
}

// validate checks what the configs of Build and BuildPassages share, then their options.
func validate(inputs []string, output string, rounds int, o interface{ Validate() error }) error {
	switch {
	case len(inputs) == 0:
		return errors.New("no input patterns")
	case output == "":
		return errors.New("no output file")
	case rounds < 0:
		return fmt.Errorf("rounds must not be negative, got %d", rounds)
	}
	return o.Validate()
}

// prepare is the opening of Build and BuildPassages: it validates a config's parts and returns
// its options encoded for the DoFns and the rounds to unroll, DefaultRounds for 0.
func prepare(inputs []string, output string, rounds int, o interface{ Validate() error }) (options, int, error) {
	if err := validate(inputs, output, rounds, o); err != nil {
		return options{}, 0, err
	}
	// A pattern that matches nothing fails the run before it starts, once: found by the
	// pipeline, its error came back in every stage that the failure stopped, thirty lines.
	for _, glob := range inputs {
		if _, err := matchGlob(context.Background(), glob); err != nil {
			return options{}, 0, err
		}
	}
	opts, err := encodeOptions(o)
	if err != nil {
		return options{}, 0, err
	}
	if rounds == 0 {
		rounds = DefaultRounds
	}
	return opts, rounds, nil
}

// Build adds the whole scan to s: read, analyse, sign, group candidates, verify, cluster and
// write the clusters to cfg.Output.
func Build(s beam.Scope, cfg Config) error {
	opts, rounds, err := prepare(cfg.Inputs, cfg.Output, cfg.Rounds, &cfg.Options)
	if err != nil {
		return err
	}

	docs, read := readAll(s.Scope("read"), cfg.Inputs, opts)
	n := stats.CountElms(s, docs)
	// The counts of the files read, summed: the documents by their garble share among them.
	texts := stats.SumPerKey(s.Scope("texts"), read)
	boiler, boilerCounts := boilerplate(s.Scope("boilerplate"), docs, n, opts)
	docs = beam.ParDo(s, &stripFn{}, docs, beam.SideInput{Input: boiler})
	common := commonShingles(s.Scope("common shingles"), docs, n, opts)
	byID, bandKeys := beam.ParDo2(s, &signFn{Opts: opts}, docs, beam.SideInput{Input: n}, beam.SideInput{Input: common}, beam.SideInput{Input: texts})
	df := beam.CombinePerKey(s.Scope("document frequencies"), &tallyFn{}, beam.ParDo(s, termsFn, docs))
	anchored := anchorCandidates(s.Scope("anchors"), docs, n, opts, cfg.Options.Anchor)
	edges, pairCounts := verified(s.Scope("candidates"), byID, bandKeys, anchored, n, df, texts, opts, cfg.Options.MaxBucket)
	byComponent := components(s.Scope("components"), edges, rounds)
	clusters := beam.ParDo(s, &clusterFn{optionsFn: optionsFn{Opts: opts}}, beam.GroupByKey(s, byComponent))
	written := beam.ParDo(s, &writeFn{Output: cfg.Output}, beam.Impulse(s), beam.SideInput{Input: clusters})
	reportCounts(s, read, boilerCounts, pairCounts, written)
	return nil
}

// meta is what the report shows of a document, with its place in the input order.
type meta struct {
	Order    string // sorts like dedupe scan's input order, see orderKey
	Path     string
	Title    string
	Date     []byte // time.Time.MarshalBinary; empty when unknown
	Site     string // scan.Document.Site: the site of its address; "" when unknown
	Encoding string
	Lang     string // the language the document was analysed in
	Words    int
	Line     int // scan.Document.Line: a record's line in its file
	// Sentences holds the start and end of each sentence in the decoded text, two numbers a
	// sentence (scan.Document.Sentences): where a verified pair's passages are.
	Sentences []int32
}

// doc is an analysed document as it travels between stages.
type doc struct {
	ID     uint64 // hash of Meta.Order
	Meta   meta
	Sketch []byte // sketch.Sketch.MarshalBinary
	// Bits are the bits of its signature (minhash.Bits), kept by signFn when a candidate
	// floor applies, for verifyFn to check the pairs only the bands propose.
	Bits []uint64
}

// decodeSketch returns d's sketch, decoded from d.Sketch, with an error that names d's path:
// every stage that needs a document's shingles, sentences or terms decodes it so.
func (d *doc) decodeSketch() (sketch.Sketch, error) {
	var sk sketch.Sketch
	if err := sk.UnmarshalBinary(d.Sketch); err != nil {
		return sk, fmt.Errorf("sketch of %q: %w", d.Meta.Path, err)
	}
	return sk, nil
}

// document returns m as a scanned document without its sketch.
func (m *meta) document() (scan.Document, error) {
	d := scan.Document{Path: m.Path, Title: m.Title, Site: m.Site, Encoding: m.Encoding, Lang: m.Lang, Words: m.Words, Line: m.Line}
	for i := 0; i+1 < len(m.Sentences); i += 2 {
		d.Sentences = append(d.Sentences, normalize.Range{Start: m.Sentences[i], End: m.Sentences[i+1]})
	}
	if len(m.Date) > 0 {
		var t time.Time
		if err := t.UnmarshalBinary(m.Date); err != nil {
			return d, fmt.Errorf("date of %q: %w", m.Path, err)
		}
		d.Date = t
	}
	return d, nil
}

// orderKey returns a key that sorts documents as dedupe scan reads them: by input pattern, then
// by display path segment by segment (a folder's entries in lexical order, so "a/b" before
// "a.txt" as a walk finds them), then by record within the file.
func orderKey(pattern int, display string, record int) string {
	return fmt.Sprintf("%06d\x00%s\x01%012d", pattern, strings.ReplaceAll(display, "/", "\x00"), record)
}

// edge is a verified pair, A before B in input order.
type edge struct {
	A, B         uint64
	MetaA, MetaB meta
	Result       []byte // verify.Result as JSON
	Passages     []byte // []verify.Passage as JSON
}

// readAll matches the input patterns and reads and analyses every file. It returns the
// documents and the counts of documents and skipped inputs (see reportCounts).
func readAll(s beam.Scope, patterns []string, opts options) (docs, counts beam.PCollection) {
	var docCols, countCols []beam.PCollection
	for i, p := range patterns {
		files := beam.ParDo(s, matchFn, beam.Create(s, p))
		// Matching lists every file in one bundle: spread the files before reading them.
		files = beam.Reshuffle(s, files)
		fn := &readFn{optionsFn: optionsFn{Opts: opts}, fileNames: names(patterns, i)}
		d, c := beam.ParDo2(s, fn, files)
		docCols, countCols = append(docCols, d), append(countCols, c)
	}
	return beam.Flatten(s, docCols...), beam.Flatten(s, countCols...)
}

// names returns how the documents matched by patterns[i] are named.
func names(patterns []string, i int) fileNames {
	return fileNames{Pattern: i, Base: globBase(patterns[i]), Relative: len(patterns) == 1}
}

// boilerplate returns the hashes of the sentences found in at least
// scan.Options.BoilerplateLimit documents, of the templates' frames (see frames) and the keys
// (scan.SiteSentence) of the sentences found in at least the limit of their site's documents,
// and their count. Their number is bounded by the sentences per document over
// Options.BoilerplateDF for the corpus and for each site, a few thousand a site at most, so
// they make a small side input.
func boilerplate(s beam.Scope, docs, n beam.PCollection, opts options) (hashes, counts beam.PCollection) {
	tallies := beam.CombinePerKey(s, &tallyFn{}, beam.ParDo(s, sentenceHashesFn, docs))
	boiler, boilerCounts := beam.ParDo2(s, &boilerFn{optionsFn: optionsFn{Opts: opts}}, tallies, beam.SideInput{Input: n})
	frameHashes, frameCounts := frames(s.Scope("frames"), docs, n, tallies, opts)
	siteHashes, siteCounts := siteBoilerplate(s.Scope("sites"), docs, opts)
	return beam.Flatten(s, boiler, frameHashes, siteHashes), beam.Flatten(s, boilerCounts, frameCounts, siteCounts)
}

// siteBoilerplate returns the keys of the sentences found in at least
// scan.Options.BoilerplateLimit of the documents of their site, as dedupe scan finds them,
// and their count: each site's documents counted, then each sentence of a site's documents
// counted with its site's limit.
func siteBoilerplate(s beam.Scope, docs beam.PCollection, opts options) (keys, counts beam.PCollection) {
	sizes := stats.SumPerKey(s, beam.ParDo(s, siteFn, docs))
	sentences := beam.ParDo(s, &siteSentencesFn{optionsFn: optionsFn{Opts: opts}}, docs, beam.SideInput{Input: sizes})
	return beam.ParDo2(s, siteBoilerFn, beam.GroupByKey(s, sentences))
}

// commonShingles returns the shingle slots (see shingle.CounterMask) counted in at least
// scan.Options.CommonLimit documents, whose shingles are left out of the signatures as in
// dedupe scan. There are at most the shingles per document over Options.ShingleDF of them.
func commonShingles(s beam.Scope, docs, n beam.PCollection, opts options) beam.PCollection {
	slots := beam.ParDo(s, &slotsFn{optionsFn: optionsFn{Opts: opts}}, docs, beam.SideInput{Input: n})
	counts := beam.CombinePerKey(s, &tallyFn{}, slots)
	return beam.ParDo(s, &commonFn{optionsFn: optionsFn{Opts: opts}}, counts, beam.SideInput{Input: n})
}

// verified returns the verified pairs: the documents sharing a bucket key, with the pairs of
// anchored (anchorCandidates; not valid: none), de-duplicated, the first document's sketch
// sent to the second, and verified there (those of the bands alone below the candidate floor
// left out, see scan.AutoFloor) with the document frequencies df (shard -> tally of
// terms) as dedupe scan weighs them, and the decision that the counts texts (counter name ->
// sum, see textCounts) resolve. It also returns the counts of oversized buckets, candidate
// pairs and verified pairs.
func verified(s beam.Scope, byID, bandKeys, anchored, n, df, texts beam.PCollection, opts options, maxBucket int) (edges, counts beam.PCollection) {
	buckets := beam.CombinePerKey(s, &packFn{}, bandKeys)
	pairs, oversized := beam.ParDo2(s, &bucketFn{MaxBucket: maxBucket}, buckets, beam.SideInput{Input: n})
	if !anchored.IsValid() {
		anchored = beam.ParDo(s, noPairsFn, beam.Impulse(s))
	}
	// The pairs of the bands and those of shared passages, each packed by shard, apart: the
	// candidate floor applies only to the first.
	joined := beam.CoGroupByKey(s, beam.CombinePerKey(s, &packFn{}, pairs), beam.CombinePerKey(s, &packFn{}, anchored))
	seconds, candidates := beam.ParDo2(s, pairEndsFn, joined)
	sent := beam.ParDo(s, sendFn, beam.CoGroupByKey(s, byID, seconds))
	edges, verifiedCounts := beam.ParDo2(s, &verifyFn{optionsFn: optionsFn{Opts: opts}}, beam.CoGroupByKey(s, byID, sent), beam.SideInput{Input: n}, beam.SideInput{Input: df}, beam.SideInput{Input: texts})
	return edges, beam.Flatten(s, oversized, candidates, verifiedCounts)
}

// Counts are the counters of a finished run of Build or BuildPassages, summed over the
// pipeline's steps (one step increments them, see reportCounts). A counter that a pipeline
// does not have is zero: Documents, Skipped and Clusters are both pipelines', the next four
// Build's, the last four BuildPassages', the figures of the stats of dedupe passages.
type Counts struct {
	Documents        int64 // documents analysed
	Skipped          int64 // inputs that gave no document (passages: or one too short)
	Warned           int64 // documents read despite a problem: truncated at --max-bytes, not valid UTF-8
	Clusters         int64 // clusters written (passages: reprinted passages)
	Candidates       int64 // distinct candidate pairs, those of one series (--series) left out
	SeriesPairs      int64 // candidate pairs of documents of one series, not verified
	BelowFloor       int64 // pairs only the bands proposed, below the candidate floor, not verified
	Verified         int64 // candidate pairs verified as duplicates
	OversizedBuckets int64 // band buckets over --max-bucket, not expanded into pairs
	Boilerplate      int64 // distinct boilerplate sentences
	SharedNGrams     int64 // n-grams indexed: in 2 to --max-df documents
	Passages         int64 // passages two documents share, across series unless --within-series
	SeriesPassages   int64 // passages shared within one series, left out
	Occurrences      int64 // occurrences in all reprint clusters
	// Texts counts the documents by their garble share (Build's), from which --decision auto
	// was resolved: see Decision.
	Texts verify.Texts
}

// Decision returns the decision that p resolved for the corpus of c, as the verifying stage
// resolved it (verify.Params.ResolveDecision); p is the run's Options.Verify.
func (c *Counts) Decision(p verify.Params) string {
	return p.ResolveDecision(c.Texts.Measured, c.Texts.Clean)
}

// ReadCounts returns the counters of a run from its result. Runners that report no metrics
// give zeros.
func ReadCounts(res beam.PipelineResult) Counts {
	n := counters(res)
	return Counts{
		Documents:        n[CounterDocuments],
		Skipped:          n[CounterSkipped],
		Warned:           n[CounterWarned],
		Clusters:         n[CounterClusters],
		Candidates:       n[CounterCandidates] - n[CounterSeriesPairs] - n[CounterBelowFloor], // as dedupe scan counts them
		SeriesPairs:      n[CounterSeriesPairs],
		BelowFloor:       n[CounterBelowFloor],
		Verified:         n[CounterVerified],
		OversizedBuckets: n[CounterOversizedBuckets],
		Boilerplate:      n[CounterBoilerplate],
		SharedNGrams:     n[CounterSharedNGrams],
		Passages:         n[CounterPassages],
		SeriesPassages:   n[CounterSeriesPassages],
		Occurrences:      n[CounterOccurrences],
		Texts:            textCounts(n),
	}
}

// textCounts returns the documents by their garble share from n, the sums of the counters by
// name.
func textCounts(n map[string]int64) verify.Texts {
	return verify.Texts{Measured: int(n[CounterMeasured]), Clean: int(n[CounterClean]), OCR: int(n[CounterOCR])}
}

// counters returns the counters of res in the "dedupe" namespace by name, each summed over
// the steps that report it; none for a nil res.
func counters(res beam.PipelineResult) map[string]int64 {
	n := map[string]int64{}
	if res == nil {
		return n
	}
	for _, r := range res.Metrics().AllMetrics().Counters() {
		if r.Namespace() == Namespace {
			n[r.Name()] += r.Result()
		}
	}
	return n
}

// options carries scan.Options into DoFns as JSON, one byte-slice field for Beam's schema
// coder (which encodes a DoFn's exported fields) whatever the options hold.
type options struct {
	JSON []byte
}

// encodeOptions returns o, scan.Options or passages.Options or a pointer to them, ready for a
// DoFn field.
func encodeOptions(o any) (options, error) {
	b, err := json.Marshal(o)
	return options{JSON: b}, err
}

// optionsFn is embedded in the DoFns that need scan's options: Opts travels with the DoFn
// (encoding/json, which Beam encodes a DoFn with, promotes it to a field of the DoFn as
// before), and Setup decodes it into opts once per DoFn instance.
type optionsFn struct {
	Opts options

	opts *scan.Options
}

// Setup decodes the options, once per DoFn instance.
func (fn *optionsFn) Setup() (err error) {
	fn.opts, err = fn.Opts.decode()
	return err
}

// decode returns the options, for a DoFn's Setup.
func (o options) decode() (*scan.Options, error) {
	var opts scan.Options
	if err := json.Unmarshal(o.JSON, &opts); err != nil {
		return nil, fmt.Errorf("decode options: %w", err)
	}
	return &opts, nil
}
