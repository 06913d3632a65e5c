package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/dedupe-dev/dedupe/internal/explain"
	"github.com/dedupe-dev/dedupe/internal/htmlreport"
	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/passages"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// passagesMaxSides caps the occurrences that dedupe passages' HTML report shows beside their
// representative, largest clusters first: its page holds every text shown, at about 2 kB an
// occurrence, with no per-cluster scripts.
const passagesMaxSides = 1000

// keepStdin returns standard input in (nil: os.Stdin) as a reader that keeps a copy of what is
// read, and the copy, when keep is set and paths read it ("-"), so that the HTML report can
// read the same text again; otherwise in and nil. The copy holds the whole of standard input,
// which is why it is kept only for --html and --write-unique.
func keepStdin(in io.Reader, paths []string, keep bool) (io.Reader, *bytes.Buffer) {
	if !keep || !slices.Contains(paths, "-") {
		return in, nil
	}
	if in == nil {
		in = os.Stdin
	}
	var buf bytes.Buffer
	return io.TeeReader(in, &buf), &buf
}

// rereadStdin returns a reader of the copy of standard input that keepStdin kept, or nil when
// it kept none (the paths did not read standard input).
func rereadStdin(kept *bytes.Buffer) io.Reader {
	if kept == nil {
		return nil
	}
	return bytes.NewReader(kept.Bytes())
}

// writeScanHTML writes the HTML report of a scan of paths with opts to file and the folder
// beside it, reading the inputs again for the texts (stdin, when not nil, is the copy of
// standard input that keepStdin kept), and weighing words with the scan's weights, so that each
// pair shown beside its partner gets the scan's verdict.
func writeScanHTML(ctx context.Context, file string, rep *report.Report, paths []string, opts scan.Options, weights *verify.Weights, stdin *bytes.Buffer) error {
	comparisons, err := htmlreport.Comparisons(ctx, rep, paths, rereadStdin(stdin), opts, weights, htmlreport.MaxPairs)
	if err != nil {
		return fmt.Errorf("html report: %w", err)
	}
	return htmlreport.Write(ctx, file, rep, comparisons)
}

// writePassagesHTML writes the HTML report of a dedupe passages run over paths to file, reading
// the inputs again for the texts (stdin as in writeScanHTML).
func writePassagesHTML(ctx context.Context, file string, rep *passages.Report, paths []string, opts input.Options, stdin *bytes.Buffer) error {
	texts, err := htmlreport.PassageTexts(ctx, rep, paths, rereadStdin(stdin), opts, passagesMaxSides)
	if err != nil {
		return fmt.Errorf("html report: %w", err)
	}
	dir, err := filepath.Abs(filepath.Dir(file))
	if err != nil {
		return fmt.Errorf("html report: %w", err)
	}
	return writeOutputFile("--html", file, func(w io.Writer) error {
		return htmlreport.WritePassages(w, rep, texts, passagesMaxSides, dir)
	})
}

// writeCompareHTML writes the HTML page of comparison c to file.
func writeCompareHTML(file string, c *explain.Comparison) error {
	return writeOutputFile("--html", file, func(w io.Writer) error { return htmlreport.WriteComparison(w, c) })
}
