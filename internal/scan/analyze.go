package scan

import (
	"context"
	"fmt"
	"io"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/prefault"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// Item is one input as [Analyze] delivers it: a document, or the reason the input gave none.
type Item struct {
	Doc      *Document    // the analysed document; nil when the input was skipped
	Skip     *input.Skip  // why the input gave no document; nil when Doc is set
	Warnings []input.Skip // problems with an input that was still read (decoded as Windows-1252, truncated)

	file  string // the file the item comes from (see input.Document.File); "" when unknown
	short bool   // Skip is the analysis's: the document is too short or empty
}

// Inputs returns how many inputs the item stands for: one, or for a skip that counts several
// (see input.Skip.Count), their number.
func (it *Item) Inputs() int {
	if it.Skip != nil {
		return max(it.Skip.Count, 1)
	}
	return 1
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

// ReadFunc reads the inputs of [AnalyzeFrom], as [input.Read] does (see [input.ReadFunc]). The
// documents' paths are the names the items carry. The documents' texts belong to the analysis
// from emit on: it releases them ([input.Document.Release]).
type ReadFunc = input.ReadFunc

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
	return AnalyzeFrom(ctx, input.ReadPaths(paths, stdin, opts.Input), opts, obs, fn)
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
		// prefault: while the collector runs, its write barrier reads what a copy overwrites.
		block := (*[documentBlock]Document)(prefault.Make[Document](documentBlock))
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
	docs := prefault.Make[Document](b.n)[:0]
	for _, block := range b.full {
		docs = append(docs, block[:min(documentBlock, b.n-len(docs))]...)
	}
	return docs
}

// analyze is AnalyzeFrom without the option checks: [input.Parallel] with a worker's analyser.
func analyze(ctx context.Context, read ReadFunc, opts *Options, obs Observer, fn func(Item) error) error {
	if obs != nil {
		read = ObservedReads(read, obs)
	}
	handle, flush := shortRecords(fn)
	err := input.Parallel(ctx, opts.workers(), read,
		func() func(input.Document) Item {
			an, _ := normalize.New(opts.Language) // the language was checked by the caller
			var scratch normalize.Document
			return func(d input.Document) Item { return analyzeOne(an, &scratch, d, opts) }
		},
		func(s input.Skip) Item { return Item{Skip: &s, file: s.Path} }, // the input names the file of a skip
		handle)
	if err == nil {
		err = flush()
	}
	return err
}

// shortRecords returns fn, to which the items of the analysis are handed on but for the records
// of a file found too short past the first input.MaxRecordSkips: those are counted in one skip
// (see input.SkipBound), with the warnings they have, handed on before the next file's first
// item or skip of the input's own in the file, or by the function it also returns after the
// last. The skips of the input, of records it cannot read, are handed on as they come: it
// bounds them itself, and a command that keeps what it cannot read whole (index add --prune)
// must see each kind.
func shortRecords(fn func(Item) error) (handle func(Item) error, flush func() error) {
	var b input.SkipBound
	more := func(s *input.Skip) error {
		if s == nil {
			return nil
		}
		return fn(Item{Skip: s, short: true})
	}
	handle = func(it Item) error {
		if err := more(b.Next(it.file)); err != nil {
			return err
		}
		switch {
		case it.short && !b.Take(*it.Skip, it.Warnings):
			return nil
		case !it.short && it.Skip != nil:
			if err := more(b.Cut()); err != nil {
				return err
			}
		}
		return fn(it)
	}
	return handle, func() error { return more(b.Flush()) }
}

// analyzeOne turns one input document into a scanned Document, or a skip when it is too short
// to be compared: short documents' signatures collide by chance, so they never take part. The
// analysis goes to *doc, whose buffers each call reuses.
func analyzeOne(an *normalize.Analyzer, doc *normalize.Document, d input.Document, opts *Options) Item {
	it := Item{Warnings: d.AllWarnings(opts.Input.MaxBytes), file: d.File}
	an.AnalyzeInto(doc, d.Text)
	if len(doc.Tokens) < max(opts.MinWords, 1) {
		reason := "empty document"
		if len(doc.Tokens) > 0 {
			reason = fmt.Sprintf("too short: %s, --min-words is %d", report.Count(len(doc.Tokens), "word", "words"), opts.MinWords)
		}
		it.Skip = &input.Skip{Path: d.Path, Line: d.Line, Reason: reason, NoText: true}
		it.short = true
		return it
	}
	it.Doc = &Document{
		Path:      d.Path,
		Title:     d.Title,
		Date:      d.Date,
		Site:      d.Site,
		Encoding:  d.Encoding,
		Format:    d.Format,
		Line:      d.Line,
		Lang:      doc.Lang,
		Words:     len(doc.Tokens),
		Sketch:    sketch.New(*doc),
		Sentences: doc.SourceRanges(d.Text),
	}
	return it
}
