package scan

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// Item is one input as [Analyze] delivers it: a document, or the reason the input gave none.
type Item struct {
	Doc      *Document    // the analysed document; nil when the input was skipped
	Skip     *input.Skip  // why the input gave no document; nil when Doc is set
	Warnings []input.Skip // problems with an input that was still read (decoded as Windows-1252, truncated)
}

// Rename replaces every path the item carries with rename(path), for callers that show inputs
// under other names than the reader gave them.
func (it *Item) Rename(rename func(string) string) {
	if it.Doc != nil {
		it.Doc.Path = rename(it.Doc.Path)
	}
	if it.Skip != nil {
		it.Skip.Path = rename(it.Skip.Path)
	}
	for i := range it.Warnings {
		it.Warnings[i].Path = rename(it.Warnings[i].Path)
	}
}

type job struct {
	seq int
	doc input.Document
}

// ReadFunc reads the inputs of [AnalyzeFrom] as [input.Read] does: it calls emit for every
// document and skip for every input that gives none, one at a time, in input order, and
// returns an error only when the analysis cannot go on (it then returns what emit or skip
// returned unchanged). The documents' paths are the names the items carry. The documents'
// texts belong to the analysis from emit on: it releases them ([input.Document.Release]).
type ReadFunc func(ctx context.Context, emit func(input.Document) error, skip func(input.Skip) error) error

// Analyze reads paths with [input.Read] (stdin for the path "-", nil meaning os.Stdin) and
// analyses every document on opts.Workers goroutines, calling fn once per input, in input
// order, from the calling goroutine. Documents shorter than opts.MinWords arrive as skips, as
// in [Run]. obs, when not nil, is told of every document read.
//
// Unlike Run it keeps nothing: only a few documents per worker are in memory at any time,
// however many inputs there are. It removes no boilerplate and signs nothing, since both depend
// on the whole corpus; an index that adds documents as they come signs them with its own
// parameters (see [lsh.Signer]).
//
// Analyze stops at the first error fn returns and returns it; otherwise it fails only as
// [input.Read] does (a path that does not exist, cancellation) or on invalid options.
func Analyze(ctx context.Context, paths []string, stdin io.Reader, opts Options, obs Observer, fn func(Item) error) error {
	return AnalyzeFrom(ctx, readPaths(paths, stdin, &opts), opts, obs, fn)
}

// AnalyzeFrom is [Analyze] for inputs that read reads, for callers that read several sets of
// paths or name the documents their own way: the workers and their analysers (with their
// caches) serve every input of one call, so one call over many inputs costs far less than a
// call per input. opts.Input is not used to read, only to describe truncations.
func AnalyzeFrom(ctx context.Context, read ReadFunc, opts Options, obs Observer, fn func(Item) error) error {
	if err := opts.Validate(); err != nil {
		return err
	}
	if _, err := normalize.New(opts.Language); err != nil {
		return err
	}
	return analyze(ctx, read, &opts, obs, fn)
}

// readPaths returns the ReadFunc that reads paths with the input options of opts.
func readPaths(paths []string, stdin io.Reader, opts *Options) ReadFunc {
	return func(ctx context.Context, emit func(input.Document) error, skip func(input.Skip) error) error {
		return input.Read(ctx, paths, stdin, opts.Input, emit, skip)
	}
}

// analyzeAll reads the inputs and analyses them on the workers into res, in input order.
func analyzeAll(ctx context.Context, read ReadFunc, opts *Options, obs Observer, res *Result) error {
	var docs documentBlocks
	err := analyze(ctx, read, opts, obs, func(it Item) error {
		res.Warnings = append(res.Warnings, it.Warnings...)
		switch {
		case it.Doc != nil:
			docs.add(it.Doc)
		case it.Skip != nil:
			res.Skipped = append(res.Skipped, *it.Skip)
		}
		return nil
	})
	res.Documents = docs.join()
	return err
}

// documentBlocks gathers documents in blocks of a fixed size, joined once when all are in. A
// slice appended to one document at a time grows by a quarter at a time once large, each time
// into a new array, zeroed, with every document copied across: about five copies of the whole,
// for the 59,433 articles of the chronam benchmark 0.2 s of CPU in a profile, with the
// collector's work that allocating them brought on.
type documentBlocks struct {
	full []*[documentBlock]Document
	last []Document // the block being filled, in full's last array
	n    int
}

// documentBlock is the documents of one block, about a quarter of a megabyte.
const documentBlock = 1024

func (b *documentBlocks) add(d *Document) {
	if len(b.last) == cap(b.last) {
		block := new([documentBlock]Document)
		b.full = append(b.full, block)
		b.last = block[:0]
	}
	b.last = append(b.last, *d)
	b.n++
}

// join returns every document added, in order; nil when there are none.
func (b *documentBlocks) join() []Document {
	if b.n == 0 {
		return nil
	}
	docs := make([]Document, 0, b.n)
	for _, block := range b.full {
		docs = append(docs, block[:min(documentBlock, b.n-len(docs))]...)
	}
	return docs
}

// analyze is AnalyzeFrom without the option checks. The calling goroutine puts the workers'
// results back in input order; a window of tokens, taken when an input is read and returned
// when it reaches fn, bounds the inputs in flight, so that one slow document cannot make the
// others pile up behind it.
func analyze(ctx context.Context, read ReadFunc, opts *Options, obs Observer, fn func(Item) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type result struct {
		seq  int
		item Item
	}
	workers := opts.workers()
	window := make(chan struct{}, 16*workers)
	// Buffered hand-offs: with an unbuffered jobs channel every document was a rendezvous that
	// woke a parked worker, and the reading stage of 100k articles took 6.0-6.2 s instead of
	// 3.7-4.1 s (quiet machine, alternating binaries). The window bounds what is in flight.
	jobs := make(chan job, 8*workers)
	results := make(chan result, 8*workers)

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			an, _ := normalize.New(opts.Language) // the language was checked by the caller
			var scratch normalize.Document
			for j := range jobs {
				it := analyzeOne(an, &scratch, j.doc, opts)
				j.doc.Release() // the item keeps nothing of the text
				results <- result{j.seq, it}
			}
		}()
	}

	var readErr error // written before results is closed, read after
	go func() {
		seq := 0
		take := func() error {
			select {
			case window <- struct{}{}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		readErr = read(ctx,
			func(d input.Document) error {
				if err := take(); err != nil {
					return err
				}
				if obs != nil {
					obs.Read(d.Size)
				}
				jobs <- job{seq, d}
				seq++
				return nil
			},
			func(s input.Skip) error {
				if err := take(); err != nil {
					return err
				}
				results <- result{seq, Item{Skip: &s}}
				seq++
				return nil
			})
		close(jobs)
		wg.Wait()
		close(results)
	}()

	pending := make(map[int]Item)
	next := 0
	var err error
	for r := range results {
		pending[r.seq] = r.item
		for {
			it, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-window
			if err == nil {
				if err = fn(it); err != nil {
					cancel() // stop reading; keep draining so that the goroutines end
				}
			}
		}
	}
	if err != nil {
		return err
	}
	return readErr
}

// analyzeOne turns one input document into a scanned Document, or a skip when it is too short
// to be compared: short documents' signatures collide by chance, so they never take part. The
// analysis goes to *doc, whose buffers each call reuses.
func analyzeOne(an *normalize.Analyzer, doc *normalize.Document, d input.Document, opts *Options) Item {
	it := Item{Warnings: d.AllWarnings(opts.Input.MaxBytes)}
	an.AnalyzeInto(doc, d.Text)
	if len(doc.Tokens) < max(opts.MinWords, 1) {
		reason := "empty document"
		if len(doc.Tokens) > 0 {
			reason = fmt.Sprintf("too short: %s, --min-words is %d", report.Count(len(doc.Tokens), "word", "words"), opts.MinWords)
		}
		it.Skip = &input.Skip{Path: d.Path, Reason: reason}
		return it
	}
	it.Doc = &Document{
		Path:      d.Path,
		Title:     d.Title,
		Date:      d.Date,
		Encoding:  d.Encoding,
		Lang:      doc.Lang,
		Words:     len(doc.Tokens),
		Sketch:    sketch.New(*doc),
		Sentences: doc.SourceRanges(d.Text),
	}
	return it
}
