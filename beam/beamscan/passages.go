package beamscan

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/stats"
	"github.com/zeebo/xxh3"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/passages"
)

func init() {
	register.DoFn4x1[context.Context, string, func(pdoc), func(string, int64), error](&readPassagesFn{})
	register.Function1x1[pdoc, int](gramsFn)
	register.Function2x0[pdoc, func(uint64, pdoc)](pdocByIDFn)
	register.Emitter1[pdoc]()
	register.Emitter2[uint64, pdoc]()
	register.Iter1[pdoc]()
}

// Counter names of dedupe-beam passages, in the "dedupe" namespace, beside CounterDocuments,
// CounterSkipped and CounterClusters.
const (
	CounterSharedNGrams   = "shared_ngrams"
	CounterPassages       = "passages"
	CounterSeriesPassages = "series_passages"
	CounterOccurrences    = "occurrences"
)

// PassagesConfig describes one run of dedupe passages as a pipeline.
type PassagesConfig struct {
	// Inputs are glob patterns, as in Config. With one pattern, documents are shown by their
	// path relative to the pattern's directory part, as "cd DIR && dedupe passages ." shows
	// them, and the series (without Options.Series) is the first folder of that path.
	Inputs []string
	// Output is the file the reprint clusters are written to, one JSON object per line.
	Output string
	// Options are dedupe passages' options; Workers is not used.
	Options passages.Options
	// Rounds is the number of large-star/small-star rounds unrolled to find the clusters, as
	// connected components of passages; 0 means DefaultRounds.
	Rounds int
}

// Validate checks cfg before a pipeline is built from it.
func (c *PassagesConfig) Validate() error {
	return validate(c.Inputs, c.Output, c.Rounds, &c.Options)
}

// BuildPassages adds dedupe passages to s: read and analyse, index the rare n-grams, align the
// pairs of documents that share enough of them, cluster the passages and write the clusters
// to cfg.Output, the lines of dedupe passages --format jsonl. See the package doc.
func BuildPassages(s beam.Scope, cfg PassagesConfig) error {
	opts, rounds, err := prepare(cfg.Inputs, cfg.Output, cfg.Rounds, &cfg.Options)
	if err != nil {
		return err
	}
	// The series rule strips the named folders, as dedupe passages does with the paths it is
	// given: "." when paths are shown relative to the one pattern's folder.
	roots := []string{"."}
	if len(cfg.Inputs) > 1 {
		roots = roots[:0]
		for _, p := range cfg.Inputs {
			roots = append(roots, globBase(p))
		}
	}

	rs := s.Scope("read")
	var docCols, countCols []beam.PCollection
	for i, p := range cfg.Inputs {
		files := beam.Reshuffle(rs, beam.ParDo(rs, matchFn, beam.Create(rs, p)))
		fn := &readPassagesFn{passagesFn: passagesFn{Opts: opts}, fileNames: names(cfg.Inputs, i), Roots: roots}
		d, c := beam.ParDo2(rs, fn, files)
		docCols, countCols = append(docCols, d), append(countCols, c)
	}
	docs := beam.Flatten(rs, docCols...)
	byID := beam.ParDo(s, pdocByIDFn, docs)
	total := stats.Sum(s, beam.ParDo(s, gramsFn, docs))

	links, alignCounts := alignedPassages(s.Scope("candidates"), docs, byID, total, opts, cfg.Options.MinMatches)
	lines, occurrences := passageClusters(s.Scope("clusters"), links, byID, opts, rounds)
	written := beam.ParDo(s, &writeFn{Output: cfg.Output, Passages: true}, beam.Impulse(s), beam.SideInput{Input: lines})
	reportCounts(s, beam.Flatten(rs, countCols...), alignCounts, occurrences, written)
	return nil
}

// pdoc is a document of dedupe passages as it travels between stages.
type pdoc struct {
	ID    uint64 // hash of Order
	Order string // sorts like dedupe passages' input order, see orderKey
	Grams int    // n-grams of the document: their sum sets the shards of the postings
	Doc   []byte // passages.Document.MarshalBinary
}

// decode returns the document d carries.
func (d *pdoc) decode() (*passages.Document, error) {
	var doc passages.Document
	if err := doc.UnmarshalBinary(d.Doc); err != nil {
		return nil, fmt.Errorf("document %q: %w", d.Order, err)
	}
	return &doc, nil
}

// onlyPdoc returns the one document of a join on document id, and the document it carries.
func onlyPdoc(id uint64, docs func(*pdoc) bool) (pdoc, *passages.Document, error) {
	d, err := only(id, docs, func(d pdoc) string { return d.Order })
	if err != nil {
		return d, nil, err
	}
	doc, err := d.decode()
	return d, doc, err
}

// pdocByIDFn keys a document by its id, for the joins.
func pdocByIDFn(d pdoc, emit func(uint64, pdoc)) { emit(d.ID, d) }

// gramsFn returns the n-grams of d.
func gramsFn(d pdoc) int { return d.Grams }

// passagesFn is embedded in the DoFns that need dedupe passages' options, as optionsFn is in
// those of the scan.
type passagesFn struct {
	Opts options

	opts *passages.Options
}

// Setup decodes the options, once per DoFn instance.
func (fn *passagesFn) Setup() error {
	fn.opts = new(passages.Options)
	return json.Unmarshal(fn.Opts.JSON, fn.opts)
}

// readPassagesFn reads one matched file and emits its analysed documents, with their series
// and dates set, as dedupe passages reads them, and their count as documents. Inputs that give
// no document, or one shorter than --min-words, are counted as skipped.
type readPassagesFn struct {
	passagesFn
	fileNames
	Roots []string // the folders named, for the series rule

	an       *normalize.Analyzer
	scratch  normalize.Document
	seriesOf func(string) string
	grams    []uint64
}

// Setup decodes the options and makes the analyser and the series rule.
func (fn *readPassagesFn) Setup() error {
	if err := fn.passagesFn.Setup(); err != nil {
		return err
	}
	var err error
	if fn.an, err = normalize.New(fn.opts.Language); err != nil {
		return err
	}
	fn.seriesOf, err = fn.opts.SeriesRule(fn.Roots)
	return err
}

// ProcessElement reads file.
func (fn *readPassagesFn) ProcessElement(ctx context.Context, file string, emit func(pdoc), counts func(string, int64)) error {
	return fn.read(ctx, file, counts, func(r *fileRead) error {
		return input.Read(ctx, []string{r.local}, nil, fn.opts.Input,
			func(in input.Document) error {
				r.inputs++
				in.Path = r.rename(in.Path)
				d := passages.Analyze(fn.an, &fn.scratch, in)
				if fn.opts.Skip(&d) != "" {
					return nil
				}
				d.Place(fn.seriesOf)
				b, err := d.MarshalBinary()
				if err != nil {
					return err
				}
				fn.grams = d.NGrams(fn.grams, fn.opts.NGram)
				order := r.order()
				r.docs++
				if len(in.AllWarnings(fn.opts.Input.MaxBytes)) > 0 {
					r.warned++
				}
				emit(pdoc{ID: xxh3.HashString(order), Order: order, Grams: len(fn.grams), Doc: b})
				return nil
			},
			func(s input.Skip) error {
				r.inputs += max(s.Count, 1) // an entry may count a file's lines past those listed
				return nil
			})
	})
}
