package beamscan

import (
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/zeebo/xxh3"

	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

func init() {
	register.Function3x1[context.Context, string, func(string), error](matchFn)
	register.DoFn4x1[context.Context, string, func(doc), func(string, int64), error](&readFn{})
	register.Emitter1[string]()
	register.Emitter1[doc]()
}

// readFn reads one matched file and emits its analysed documents, and their count and the
// count of inputs that give no document (unreadable, binary, bad JSONL line, too short), as
// documents and skipped inputs.
type readFn struct {
	optionsFn
	fileNames
}

// fileNames says how the DoFns that read matched files name the documents they read.
type fileNames struct {
	Pattern  int    // index of the input pattern, first part of the order key
	Base     string // directory part of the pattern
	Relative bool   // show paths relative to Base
}

// fileRead is one matched file as a DoFn reads it: where to read it, how to name what it
// holds, and how many of its inputs were read and gave a document.
type fileRead struct {
	local   string              // the file to read: the matched file or a local copy of it
	rename  func(string) string // names a path read from local as one read from the matched file
	pattern int                 // see fileNames.Pattern
	display string              // the name the matched file is shown by
	inputs  int                 // inputs read so far, documents or not
	docs    int                 // inputs that gave a document
	warned  int                 // documents read despite a problem (input.Document.AllWarnings)
	texts   verify.Texts        // the documents by their garble share (a scan's; passages' none)
}

// order returns the order key (see orderKey) of the last input read, the inputs-th.
func (r *fileRead) order() string { return orderKey(r.pattern, r.display, r.inputs) }

// read reads file with each, which reads r.local, counts every input in r.inputs, every
// document in r.docs, those with warnings in r.warned and those of a scan by their garble share
// in r.texts, and names them with r.rename and r.order, and then counts the documents as
// CounterDocuments, the other inputs as CounterSkipped, the warned as CounterWarned and the
// texts as CounterMeasured, CounterClean and CounterOCR on counts.
func (n *fileNames) read(ctx context.Context, file string, counts func(string, int64), each func(r *fileRead) error) error {
	r, done, err := n.open(ctx, file)
	if err != nil {
		return err
	}
	defer done()
	if err := each(&r); err != nil {
		return fmt.Errorf("read %q: %w", file, err)
	}
	count(counts, CounterDocuments, r.docs)
	count(counts, CounterSkipped, r.inputs-r.docs)
	count(counts, CounterWarned, r.warned)
	count(counts, CounterMeasured, r.texts.Measured)
	count(counts, CounterClean, r.texts.Clean)
	count(counts, CounterOCR, r.texts.OCR)
	return nil
}

// open returns where to read file: file itself, or for a file on a remote file system
// (gs://, s3://) a temporary local copy, so that it is read exactly as dedupe reads local
// files, with the name to show for file and a function that renames the paths read from the
// local file accordingly; and what to call when done with it.
func (n *fileNames) open(ctx context.Context, file string) (r fileRead, done func(), err error) {
	local, done := file, func() {}
	if strings.Contains(file, "://") {
		tmp, err := localCopy(ctx, file)
		if err != nil {
			return fileRead{}, nil, err
		}
		local, done = tmp, func() { os.RemoveAll(filepath.Dir(tmp)) }
	}
	display := file
	if n.Relative && n.Base != "" {
		display = strings.TrimPrefix(file, n.Base+"/")
	}
	// Paths are reported as display, so that a JSONL record "part.jsonl#42" read from
	// "/tmp/x/part.jsonl" with display "part.jsonl" keeps its "#42".
	rename := func(p string) string {
		if rest, ok := strings.CutPrefix(p, local); ok {
			return display + rest
		}
		return p
	}
	return fileRead{local: local, rename: rename, pattern: n.Pattern, display: display}, done, nil
}

// ProcessElement reads file.
func (fn *readFn) ProcessElement(ctx context.Context, file string, emit func(doc), counts func(string, int64)) error {
	return fn.read(ctx, file, counts, func(r *fileRead) error {
		return scan.Analyze(ctx, []string{r.local}, nil, *fn.opts, nil, func(it scan.Item) error {
			r.inputs += it.Inputs()
			it.Rename(r.rename)
			d := it.Doc
			if d == nil {
				return nil
			}
			sk, err := d.Sketch.MarshalBinary()
			if err != nil {
				return err
			}
			m := meta{
				Order:    r.order(),
				Path:     d.Path,
				Title:    d.Title,
				Site:     d.Site,
				Encoding: d.Encoding,
				Lang:     d.Lang,
				Words:    d.Words,
				Line:     d.Line,
			}
			for _, rg := range d.Sentences {
				m.Sentences = append(m.Sentences, rg.Start, rg.End)
			}
			if !d.Date.IsZero() {
				if m.Date, err = d.Date.MarshalBinary(); err != nil {
					return fmt.Errorf("date of %q: %w", d.Path, err)
				}
			}
			r.docs++
			r.texts.Add(d.Sketch.Garble(), fn.opts.Verify.StrictGarble)
			if len(it.Warnings) > 0 {
				r.warned++
			}
			emit(doc{ID: xxh3.HashString(m.Order), Meta: m, Sketch: sk})
			return nil
		})
	})
}

// matchFn emits the files matching glob on its file system. It lists names only: fileio's
// MatchFiles also asks every file's size, which on the local file system of Beam 2.77 leaves a
// descriptor open per file and fails past the process's limit.
func matchFn(ctx context.Context, glob string, emit func(string)) error {
	files, err := matchGlob(ctx, glob)
	if err != nil {
		return err
	}
	for _, f := range files {
		emit(f)
	}
	return nil
}

// matchGlob returns the files matching glob on its file system, and an error naming glob when none
// does.
func matchGlob(ctx context.Context, glob string) ([]string, error) {
	fs, err := filesystem.New(ctx, glob)
	if err != nil {
		return nil, err
	}
	defer fs.Close()
	files, err := fs.List(ctx, glob)
	if err != nil {
		return nil, fmt.Errorf("match %q: %w", glob, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no files match %q", glob)
	}
	return files, nil
}

// localCopy copies the remote file p to a new temporary directory, keeping its base name so
// that its format is still told by its extension, and returns the copy's path.
func localCopy(ctx context.Context, p string) (string, error) {
	fs, err := filesystem.New(ctx, p)
	if err != nil {
		return "", err
	}
	defer fs.Close()
	rc, err := fs.OpenRead(ctx, p)
	if err != nil {
		return "", err
	}
	defer rc.Close()
	dir, err := os.MkdirTemp("", "dedupe-beam-")
	if err != nil {
		return "", err
	}
	local := filepath.Join(dir, path.Base(p))
	out, err := os.Create(local)
	if err == nil {
		_, err = io.Copy(out, rc)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("copy %q: %w", p, err)
	}
	return local, nil
}

// globBase returns the directory part of a glob pattern, the segments before the first one
// with a wildcard, or "" when the pattern has none (it names one file, shown as given).
func globBase(pattern string) string {
	segs := strings.Split(pattern, "/")
	for i, s := range segs {
		if strings.ContainsAny(s, "*?[") {
			return strings.Join(segs[:i], "/")
		}
	}
	return ""
}
