package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/dedupe-dev/dedupe/internal/explain"
	"github.com/dedupe-dev/dedupe/internal/htmlreport"
	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/scan"
)

// htmlMaxPairs caps the pairs whose texts the scan's HTML report shows side by side, largest
// clusters first. Each pair costs about 25 kB of HTML for articles of 600 words; at 1,000 pairs
// a browser opens the page in seconds, at 10,000 it needs minutes and gigabytes.
const htmlMaxPairs = 1000

// keepStdin makes in keep a copy of what is read from standard input when paths read it ("-"),
// so that the HTML report can read the same text again; it returns nil otherwise. The copy holds
// the whole of standard input, which is why it is made only for --html.
func keepStdin(in *input.Options, paths []string) *bytes.Buffer {
	if !slices.Contains(paths, "-") {
		return nil
	}
	var buf bytes.Buffer
	var r io.Reader = os.Stdin
	if in.Stdin != nil {
		r = in.Stdin
	}
	in.Stdin = io.TeeReader(r, &buf)
	return &buf
}

// writeScanHTML writes the HTML report of a scan of paths with opts to file, reading the inputs
// again for the texts (stdin, when not nil, is the copy of standard input that keepStdin kept).
func writeScanHTML(ctx context.Context, file string, rep *report.Report, paths []string, opts scan.Options, stdin *bytes.Buffer) error {
	if stdin != nil {
		opts.Input.Stdin = bytes.NewReader(stdin.Bytes())
	}
	comparisons, err := htmlreport.Comparisons(ctx, rep, paths, opts, htmlMaxPairs)
	if err != nil {
		return fmt.Errorf("html report: %w", err)
	}
	return writeHTMLFile(file, func(w io.Writer) error { return htmlreport.Write(w, rep, comparisons) })
}

// writeCompareHTML writes the HTML page of comparison c to file.
func writeCompareHTML(file string, c *explain.Comparison) error {
	return writeHTMLFile(file, func(w io.Writer) error { return htmlreport.WriteComparison(w, c) })
}

// writeHTMLFile creates file and fills it with write; on failure it removes the file rather than
// leave half a page.
func writeHTMLFile(file string, write func(io.Writer) error) error {
	f, err := os.Create(file)
	if err != nil {
		return fmt.Errorf("html report: %w", err)
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return errors.Join(fmt.Errorf("html report %q: %w", file, err), os.Remove(file))
	}
	return nil
}
