package corpusgen

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

// Format is the on-disk layout of the articles.
type Format string

// The formats [Corpus.Write] can produce.
const (
	// FormatTxt writes one text file per article, as returned by
	// [Article.Document], 1,000 files per directory: docs/000/0000000.txt.
	// The file's modification time is the article's date.
	FormatTxt Format = "txt"
	// FormatJSONL writes JSON lines {"id","title","date","text"}, 100,000
	// per file: docs/part-000.jsonl.
	FormatJSONL Format = "jsonl"
	// FormatJSONLGz writes the same lines gzipped: docs/part-000.jsonl.gz.
	// Each file is a series of gzip members (one per 1,000 articles,
	// compressed in parallel at gzip.BestSpeed), which gzip readers
	// concatenate.
	FormatJSONLGz Format = "jsonl.gz"
)

// ParseFormat returns the format named s.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case FormatTxt, FormatJSONL, FormatJSONLGz:
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q (want txt, jsonl or jsonl.gz)", s)
}

const (
	chunkSize    = 1000   // articles per task and per txt directory
	partSize     = 100000 // articles per JSON lines file
	chunksInPart = partSize / chunkSize
)

// Path returns where article i is in format f, relative to the docs
// directory, as dedupe prints it when it scans that directory:
// "000/0000123.txt" or "part-000.jsonl#0000123".
func (c *Corpus) Path(i int, f Format) string {
	if f == FormatTxt {
		return fmt.Sprintf("%03d/%s.txt", i/chunkSize, c.id(i))
	}
	return fmt.Sprintf("%s#%s", partName(i/partSize, f), c.id(i))
}

func partName(part int, f Format) string {
	return fmt.Sprintf("part-%03d.%s", part, f)
}

// TruthRecord is one line of truth.jsonl: the planted role of one article.
type TruthRecord struct {
	Path  string `json:"path"`  // relative to the docs directory, see [Corpus.Path]
	Group string `json:"group"` // "" for a unique article
	Kind  Kind   `json:"kind"`
	Event string `json:"event"`
	// Series is the templated series of an issue ([KindTemplate]); the
	// field is left out for news articles.
	Series string `json:"series,omitempty"`
}

// Write generates all articles in format f under dir/docs and writes their
// truth, in article order, to dir/truth.jsonl. dir/docs must not exist or
// be empty. truth.jsonl appears only once all articles are written, so its
// presence marks a complete corpus.
//
// Articles are generated in chunks of 1,000 by GOMAXPROCS workers; the
// output does not depend on their number.
func (c *Corpus) Write(ctx context.Context, dir string, f Format) error {
	if _, err := ParseFormat(string(f)); err != nil {
		return err
	}
	docs := filepath.Join(dir, "docs")
	if entries, err := os.ReadDir(docs); err == nil && len(entries) > 0 {
		return fmt.Errorf("%q is not empty", docs)
	}
	if err := os.MkdirAll(docs, 0o755); err != nil {
		return err
	}
	truthPath := filepath.Join(dir, "truth.jsonl")
	tmp, err := os.Create(truthPath + ".tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	w := &corpusWriter{c: c, format: f, docs: docs, truth: bufio.NewWriterSize(tmp, 1<<20)}
	err = w.run(ctx)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), truthPath)
}

// corpusWriter runs the generation pipeline of [Corpus.Write]: a feeder
// hands chunk numbers to workers, each with a channel for its result, and
// queues those channels in chunk order for the collector, which writes the
// results in order. The queue's capacity bounds the chunks in memory.
type corpusWriter struct {
	c      *Corpus
	format Format
	docs   string
	truth  *bufio.Writer

	part    *os.File // current JSON lines file, owned by the collector
	partBuf *bufio.Writer
}

// chunk is the output of one task: the JSON lines (for JSON formats, txt
// files are written by the worker) and truth lines of chunkSize articles.
type chunk struct {
	data  []byte
	truth []byte
	err   error
}

type task struct {
	n      int
	result chan<- chunk
}

func (w *corpusWriter) run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := runtime.GOMAXPROCS(0)
	tasks := make(chan task)
	order := make(chan chan chunk, 2*workers)
	go func() {
		defer close(tasks)
		defer close(order)
		for n := range (w.c.Len() + chunkSize - 1) / chunkSize {
			result := make(chan chunk, 1)
			select {
			case order <- result:
			case <-ctx.Done():
				return
			}
			tasks <- task{n, result}
		}
	}()
	for range workers {
		go func() {
			for t := range tasks {
				t.result <- w.generate(t.n)
			}
		}()
	}
	var err error
	n := 0
	for result := range order {
		res := <-result
		if err == nil {
			err = res.err
		}
		if err == nil {
			err = w.collect(n, res)
		}
		if err != nil {
			cancel() // stop feeding, drain what is queued
		}
		n++
	}
	if err == nil {
		err = ctx.Err()
	}
	if cerr := w.closePart(); err == nil {
		err = cerr
	}
	if ferr := w.truth.Flush(); err == nil {
		err = ferr
	}
	return err
}

// jsonArticle is a line of the JSON lines formats.
type jsonArticle struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Date  string `json:"date"`
	Text  string `json:"text"`
}

// generate builds chunk n. It writes txt files itself and returns JSON
// lines, gzipped for [FormatJSONLGz].
func (w *corpusWriter) generate(n int) chunk {
	lo, hi := n*chunkSize, min((n+1)*chunkSize, w.c.Len())
	var data, truth bytes.Buffer
	var out io.Writer = &data
	var zw *gzip.Writer
	if w.format == FormatJSONLGz {
		zw, _ = gzip.NewWriterLevel(&data, gzip.BestSpeed) // the level is valid
		out = zw
	}
	lines := json.NewEncoder(out)
	lines.SetEscapeHTML(false)
	truths := json.NewEncoder(&truth)
	truths.SetEscapeHTML(false)
	if w.format == FormatTxt {
		if err := os.Mkdir(filepath.Join(w.docs, fmt.Sprintf("%03d", n)), 0o755); err != nil {
			return chunk{err: err}
		}
	}
	for i := lo; i < hi; i++ {
		a := w.c.Article(i)
		path := w.c.Path(i, w.format)
		var err error
		if w.format == FormatTxt {
			err = writeFile(filepath.Join(w.docs, path), a)
		} else {
			err = lines.Encode(jsonArticle{a.ID, a.Title, a.Date.Format(time.DateOnly), a.Text})
		}
		if err == nil {
			err = truths.Encode(TruthRecord{Path: path, Group: a.Group, Kind: a.Kind, Event: a.Event, Series: a.Series})
		}
		if err != nil {
			return chunk{err: err}
		}
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			return chunk{err: err}
		}
	}
	return chunk{data: data.Bytes(), truth: truth.Bytes()}
}

func writeFile(path string, a Article) error {
	if err := os.WriteFile(path, a.Document(), 0o644); err != nil {
		return err
	}
	return os.Chtimes(path, a.Date, a.Date)
}

// collect writes chunk n, in order after chunk n-1.
func (w *corpusWriter) collect(n int, res chunk) error {
	if _, err := w.truth.Write(res.truth); err != nil {
		return err
	}
	if w.format == FormatTxt {
		return nil
	}
	if n%chunksInPart == 0 {
		if err := w.closePart(); err != nil {
			return err
		}
		f, err := os.Create(filepath.Join(w.docs, partName(n/chunksInPart, w.format)))
		if err != nil {
			return err
		}
		w.part, w.partBuf = f, bufio.NewWriterSize(f, 1<<20)
	}
	_, err := w.partBuf.Write(res.data)
	return err
}

func (w *corpusWriter) closePart() error {
	if w.part == nil {
		return nil
	}
	err := w.partBuf.Flush()
	if cerr := w.part.Close(); err == nil {
		err = cerr
	}
	w.part = nil
	return err
}
