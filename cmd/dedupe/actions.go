package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/keep"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/ui"
)

// ActionOptions are the flags of scan that act on the result: the copies to drop, keeping one
// member per cluster, and the corpus without them.
type ActionOptions struct {
	Keep        string  // a keep.Rule
	CopyShare   float64 // how much of a member the kept one must hold for it to be a copy (keep.Copies)
	PrintCopies bool
	WriteUnique string // write the JSONL records that are not copies to this file
}

// AddFlags adds the action flags to fs.
func (o *ActionOptions) AddFlags(fs *pflag.FlagSet) {
	// Defaults that lose no text a corpus holds once: the earliest member, the original where
	// dates say which (the representative otherwise), and partial copies kept. Two data teams'
	// trials found the representative a spun copy or a fragment where the original was
	// dropped (87 of 2,607 generated stories), and most removals of the chronam articles
	// partial copies whose own text went with them (25 of 30 read).
	fs.StringVar(&o.Keep, "keep", string(keep.Earliest), "the member of each cluster to keep, by `rule`: "+strings.Join(keep.Rules, ", ")+" (see docs/actions.md)")
	fs.BoolVar(&o.PrintCopies, "print-copies", false, "print the paths of the copies that can go instead of the report, one a line, keeping one member per cluster (--keep)")
	fs.StringVar(&o.WriteUnique, "write-unique", "", "also write the JSONL records that are not copies, keeping one per cluster (--keep), byte for byte, to `file` (.gz: compressed)")
	fs.Float64Var(&o.CopyShare, "copy-share", defaultCopyShare, "count a member as a copy only when at least `s` of it is found in the member kept, keeping partial copies (0: every member)")
}

// defaultCopyShare keeps a member most of whose text the kept member lacks (see AddFlags).
const defaultCopyShare = 0.5

// Finalize checks the action flags.
func (o *ActionOptions) Finalize() error {
	if o.CopyShare < 0 || o.CopyShare > 1 {
		return fmt.Errorf("--copy-share %v: must be in [0, 1]", o.CopyShare)
	}
	return enumFlag("--keep", o.Keep, keep.Rules...)
}

// writeCopies writes to w the paths of rep's copies that can go by o.Keep, NUL-ended when null.
func writeCopies(w io.Writer, rep *report.Report, o ActionOptions, null bool) error {
	return keep.WriteCopies(w, keep.Copies(rep, keep.Rule(o.Keep), o.CopyShare, nil), null)
}

// writeUnique writes to o.WriteUnique the JSONL records of paths (stdin, when not nil, is the
// copy of standard input keepStdin kept) that are not copies by o.Keep, and returns the line
// that tells what it wrote, which the scan prints after its summary, the last word of the run. A cluster keeps one of its JSONL records (res tells which members are)
// over its other documents, which have no line to write. It reads the inputs again, which on
// a large corpus takes as long as the scan (the 1.9 GB of half a million records, gzipped:
// 107 s of 179 s): a progress line of its own counts the documents, where the scan's stood at
// "verifying 100%" all that time.
func writeUnique(ctx context.Context, s streams, res *scan.Result, rep *report.Report, paths []string, opts input.Options, stdin *bytes.Buffer, o ActionOptions, quiet bool) (string, error) {
	records := map[string]bool{}
	for i := range res.Documents {
		if res.Documents[i].Format == input.FormatJSONL {
			records[res.Documents[i].Path] = true
		}
	}
	drop := map[string]bool{}
	for _, p := range keep.Copies(rep, keep.Rule(o.Keep), o.CopyShare, func(path string) bool { return records[path] }) {
		drop[p] = true
	}
	in := rereadStdin(stdin)
	progress := ui.NewProgress(s.Err, s.ErrTTY && !quiet)
	progress.Stage("writing unique records", len(res.Documents), "documents")
	var u keep.Unique
	err := writeOutputFile("--write-unique", o.WriteUnique, func(w io.Writer) (err error) {
		if strings.HasSuffix(o.WriteUnique, ".gz") {
			zw := gzip.NewWriter(w)
			defer func() { err = errors.Join(err, zw.Close()) }()
			w = zw
		}
		u, err = keep.WriteUnique(ctx, w, paths, in, opts, drop, func() { progress.Advance(1) })
		return err
	})
	progress.Done()
	if err != nil {
		return "", err
	}
	notJSONL := ""
	if u.NotJSONL > 0 {
		notJSONL = fmt.Sprintf(" and %s not JSONL", report.Count(u.NotJSONL, "document", "documents"))
	}
	return fmt.Sprintf("dedupe: wrote %s to %q, %s%s left out\n", report.Count(u.Written, "record", "records"),
		report.Text(o.WriteUnique), report.Count(u.Dropped, "copy", "copies"), notJSONL), nil
}

// notWritten returns the report's warning that documents res read are not JSONL records,
// which --write-unique to file (when not "") leaves out of the corpus it writes, and whether
// there are any: a JSONL archive piped in without --input-format jsonl is one text, and the
// corpus written was empty with nothing in the report to say so.
func notWritten(res *scan.Result, file string) (report.Warning, bool) {
	if file == "" {
		return report.Warning{}, false
	}
	n := 0
	for i := range res.Documents {
		if res.Documents[i].Format != input.FormatJSONL {
			n++
		}
	}
	if n == 0 {
		return report.Warning{}, false
	}
	return report.Warning{Path: file, Message: fmt.Sprintf("--write-unique leaves out %s not JSONL (text, HTML and SGML have no line to write; dedupe extract --format jsonl makes lines of them)",
		report.Count(n, "document", "documents"))}, true
}
