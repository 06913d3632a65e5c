package scan

import (
	"context"
	"fmt"
	"sync"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// slot is one input in read order: a document, a skip, or both empty for a document that the
// analysis skipped (Skip then says why).
type slot struct {
	doc  *Document
	skip *input.Skip
	warn []input.Skip
}

type job struct {
	seq int
	doc input.Document
}

// analyzeAll reads the inputs and analyses them on the workers, keeping the input order.
func analyzeAll(ctx context.Context, paths []string, opts *Options, res *Result) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu    sync.Mutex
		slots []slot
	)
	put := func(seq int, s slot) {
		mu.Lock()
		for len(slots) <= seq {
			slots = append(slots, slot{})
		}
		slots[seq] = s
		mu.Unlock()
	}

	jobs := make(chan job, 4*opts.workers())
	var wg sync.WaitGroup
	for range opts.workers() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			an, _ := normalize.New(opts.Language) // the language was checked by Run
			for j := range jobs {
				put(j.seq, analyzeOne(an, j.doc, opts))
			}
		}()
	}

	seq := 0
	err := input.Read(ctx, paths, opts.Input,
		func(d input.Document) error {
			if opts.Observer != nil {
				opts.Observer.Read(d.Size)
			}
			select {
			case jobs <- job{seq, d}:
			case <-ctx.Done():
				return ctx.Err()
			}
			seq++
			return nil
		},
		func(s input.Skip) error {
			put(seq, slot{skip: &s})
			seq++
			return nil
		})
	close(jobs)
	wg.Wait()
	if err != nil {
		return err
	}
	for _, s := range slots {
		res.Warnings = append(res.Warnings, s.warn...)
		switch {
		case s.doc != nil:
			res.Documents = append(res.Documents, *s.doc)
		case s.skip != nil:
			res.Skipped = append(res.Skipped, *s.skip)
		}
	}
	return nil
}

// analyzeOne turns one input document into a scanned Document, or a skip when it is too short
// to be compared: short documents' signatures collide by chance, so they never take part.
func analyzeOne(an *normalize.Analyzer, d input.Document, opts *Options) slot {
	var s slot
	if d.Encoding == "windows-1252" {
		s.warn = append(s.warn, input.Skip{Path: d.Path, Reason: "not valid UTF-8: decoded as Windows-1252"})
	}
	if d.Truncated {
		s.warn = append(s.warn, input.Skip{Path: d.Path, Reason: fmt.Sprintf("longer than %d bytes: truncated", opts.Input.MaxBytes)})
	}
	doc := an.Analyze(d.Text)
	if len(doc.Tokens) < max(opts.MinWords, 1) {
		reason := "empty document"
		if len(doc.Tokens) > 0 {
			reason = fmt.Sprintf("too short: %d words, --min-words is %d", len(doc.Tokens), opts.MinWords)
		}
		s.skip = &input.Skip{Path: d.Path, Reason: reason}
		return s
	}
	s.doc = &Document{
		Path:     d.Path,
		Title:    d.Title,
		Date:     d.Date,
		Encoding: d.Encoding,
		Words:    len(doc.Tokens),
		Sketch:   sketch.New(doc),
	}
	return s
}
