package passages

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync/atomic"
	"time"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/parallel"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/shingle"
	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// Document is what the search keeps of one input: its content words, with where they are.
// Analyze makes one; MarshalBinary and UnmarshalBinary carry it between a pipeline's workers.
type Document struct {
	path     string
	date     time.Time // zero when unknown
	series   string    // "" when unknown
	encoding string    // input.Document.Encoding when not plain UTF-8, else ""
	words    int       // all words
	terms    []uint32  // content words' terms, as in package sketch
	word     []int32   // index among all words of each content word
	ranges   []normalize.Range
}

// minTermBytes is the shortest word that is a term of a document. OCR turns specks and rules
// into runs of "1", "I", "i", "ii" and ",1", which would otherwise make n-grams shared by
// every badly scanned page; a real passage loses little with its one- and two-letter words.
const minTermBytes = 3

// Analyze turns one input into a document: the terms of its content words, their word
// indexes and their byte ranges in d.Text. scratch is reused from call to call.
func Analyze(an *normalize.Analyzer, scratch *normalize.Document, d input.Document) Document {
	an.AnalyzeInto(scratch, d.Text)
	doc := Document{path: d.Path, date: d.Date, words: len(scratch.Tokens)}
	if d.Encoding != "utf-8" {
		doc.encoding = d.Encoding
	}
	// Sized first: appended to, the three slices of a page's thousands of terms grew and were
	// copied a dozen times each, a fifth of the search's time on the chronam-1916 pages.
	n := 0
	for _, t := range scratch.Tokens {
		if isTerm(t) {
			n++
		}
	}
	doc.terms, doc.word, doc.ranges = make([]uint32, 0, n), make([]int32, 0, n), make([]normalize.Range, 0, n)
	m := normalize.NewSourceMap(d.Text, scratch.Text)
	for i, t := range scratch.Tokens {
		if !isTerm(t) {
			continue
		}
		doc.terms = append(doc.terms, sketch.Term(t))
		doc.word = append(doc.word, int32(i))
		doc.ranges = append(doc.ranges, normalize.Range{Start: int32(m.Start(int(t.Start))), End: int32(m.End(int(t.End)))})
	}
	return doc
}

// isTerm reports whether a token is a term of its document: a content word of minTermBytes
// or more.
func isTerm(t normalize.Token) bool { return !t.Stop && t.End-t.Start >= minTermBytes }

// readAll reads the inputs of read and analyses every document on workers goroutines. It
// returns the documents, the inputs skipped and the warnings, each in input order. Of the
// records of one file too short to search, it lists the first input.MaxRecordSkips and counts
// the others in one skip (see input.SkipBound).
func readAll(ctx context.Context, read input.ReadFunc, o *Options, workers int) ([]Document, []input.Skip, []input.Skip, error) {
	type result struct {
		doc      Document
		file     string      // input.Document.File, or the file of skip
		line     int         // input.Document.Line
		skip     *input.Skip // the input gave no document
		warnings []input.Skip
	}
	var docs []Document
	var skipped, warnings []input.Skip
	var bound input.SkipBound
	more := func(s *input.Skip) {
		if s != nil {
			skipped = append(skipped, *s)
		}
	}
	err := input.Parallel(ctx, workers, read,
		func() func(input.Document) result {
			an, _ := normalize.New(o.Language) // checked by Validate
			var scratch normalize.Document
			return func(d input.Document) result {
				return result{doc: Analyze(an, &scratch, d), file: d.File, line: d.Line, warnings: d.AllWarnings(o.Input.MaxBytes)}
			}
		},
		func(s input.Skip) result { return result{skip: &s, file: s.Path} },
		func(r result) error {
			more(bound.Next(r.file))
			if r.skip != nil {
				more(bound.Cut()) // before the input's own skip, in the order of their lines
				warnings = append(warnings, r.warnings...)
				skipped = append(skipped, *r.skip)
				return nil
			}
			if why := o.Skip(&r.doc); why != "" {
				if s := (input.Skip{Path: r.doc.path, Line: r.line, Reason: why}); bound.Take(s, r.warnings) {
					skipped = append(skipped, s)
					warnings = append(warnings, r.warnings...)
				}
				return nil
			}
			warnings = append(warnings, r.warnings...)
			docs = append(docs, r.doc)
			return nil
		})
	if err != nil {
		return nil, nil, nil, err
	}
	more(bound.Flush())
	return docs, skipped, warnings, nil
}

// Skip returns why the search leaves d out, empty or shorter than MinWords, or "" when it
// searches d.
func (o *Options) Skip(d *Document) string {
	switch {
	case d.words == 0:
		return "empty document"
	case d.words < o.MinWords:
		return fmt.Sprintf("too short: %d words, --min-words is %d", d.words, o.MinWords)
	}
	return ""
}

// Place sets d's series by seriesOf (see Options.SeriesRule). Its date is its input's, or its
// path's with --path-dates 1, as the reader gave it.
func (d *Document) Place(seriesOf func(path string) string) {
	d.series = seriesOf(d.path)
}

// Path returns the path of d, as the report shows it.
func (d *Document) Path() string { return d.path }

// posting is one place of an n-gram: the n-gram's hash, the document and the place (the index
// of its first content word).
type posting struct {
	hash     uint64
	doc, pos int32
}

// place orders postings by document, then by place in it.
func (p posting) place() uint64 { return uint64(p.doc)<<32 | uint64(p.pos) }

// bitmapBits is the size of the bitmaps that find the n-grams met more than once: 2^28 bits,
// 32 MiB each. With the 10 million n-grams of two months of front pages, one in 27 unique
// n-grams is kept by a collision: a little more to sort, nothing lost.
const bitmapBits = 28

// sharedPostings returns the places of the n-grams found in 2 to o.MaxDF documents, sorted by
// hash, document and place, and the index of each such n-gram's first posting (then
// len(postings)). See the package doc, stage 2. obs is told of its two passes over the
// documents as stages.
func sharedPostings(ctx context.Context, docs []Document, o *Options, workers int, obs scan.Observer) ([]posting, []int) {
	seen := make([]atomic.Uint64, 1<<bitmapBits/64)
	again := make([]atomic.Uint64, 1<<bitmapBits/64)
	slot := func(h uint64) (int, uint64) { b := h >> (64 - bitmapBits); return int(b / 64), 1 << (b % 64) }
	obs.Stage("counting n-grams", len(docs), "documents")
	parallel.For(ctx, workers, len(docs), func() func(int) {
		var grams []uint64
		return func(i int) {
			grams = docs[i].NGrams(grams, o.NGram)
			for _, h := range grams {
				w, bit := slot(h)
				if seen[w].Or(bit)&bit != 0 {
					again[w].Or(bit)
				}
			}
			obs.Advance(1)
		}
	})
	// Each document's postings in a slice of its own, joined once their number is known:
	// appended under a lock to one slice, the tens of millions of postings of two months of
	// pages were copied again at each growth.
	perDoc := make([][]posting, len(docs))
	obs.Stage("indexing n-grams", len(docs), "documents")
	parallel.For(ctx, workers, len(docs), func() func(int) {
		var grams []uint64
		return func(i int) {
			grams = docs[i].NGrams(grams, o.NGram)
			var mine []posting
			for pos, h := range grams {
				if w, bit := slot(h); again[w].Load()&bit != 0 {
					mine = append(mine, posting{h, int32(i), int32(pos)})
				}
			}
			perDoc[i] = mine
			obs.Advance(1)
		}
	})
	all := slices.Concat(perDoc...)
	// By hand, not with cmp.Or, which compares every field of every pair it is given: this
	// sort of tens of millions of postings was most of the indexing stage.
	slices.SortFunc(all, func(a, b posting) int {
		if a.hash != b.hash {
			return cmp.Compare(a.hash, b.hash)
		}
		return cmp.Compare(a.place(), b.place())
	})
	kept := all[:0]
	var starts []int
	for i := 0; i < len(all); {
		j, docsIn := i+1, 1
		for ; j < len(all) && all[j].hash == all[i].hash; j++ {
			if all[j].doc != all[j-1].doc {
				docsIn++
			}
		}
		if o.Indexed(docsIn) {
			starts = append(starts, len(kept))
			kept = append(kept, all[i:j]...)
		}
		i = j
	}
	return kept, append(starts, len(kept))
}

// Indexed reports whether an n-gram found in docs documents is rare and shared, in 2 to
// MaxDF of them, so that its places are matches (stage 2 of the package doc).
func (o *Options) Indexed(docs int) bool { return docs >= 2 && docs <= o.MaxDF }

// NGrams stores in dst[:0] and returns the hashes of the n-grams of n content words of d, in
// text order: the n-gram at index i starts at content word i. A document with fewer than n
// content words has none.
func (d *Document) NGrams(dst []uint64, n int) []uint64 {
	if len(d.terms) < n {
		return dst[:0]
	}
	return shingle.Sequence(dst, d.terms, n)
}
