package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/dedupe-dev/dedupe/internal/index"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/ui"
)

func newIndexCompactCommand(g *GlobalOptions, s streams) *cobra.Command {
	var opts DBOptions
	return dbCommand(&cobra.Command{
		Use:   "compact --db <file> [flags]",
		Short: "Shrink an index file to the pages in use",
		Long: `Compact copies the index into a new file that holds only the pages in use, checks the copy
and renames it over the original. An index file never shrinks by itself: every write copies
the pages it changes and keeps the old ones free for later writes, so the file keeps the size
of its largest moment. "index rm" compacts by itself when a removal grew the file by more than
a quarter; run compact after removing many documents, or to make the file smaller to copy.
It needs the space of the compacted index beside the file, and waits for other processes as
a write does (--lock-timeout).` + exitStatusHelp,
		Example: `  $ dedupe index compact --db archive.db`,
		Args:    noArgs,
	}, &opts, g, s, func(context.Context, []string) error { return runIndexCompact(opts, *g, s) })
}

// runIndexCompact compacts the index opts.DB, reporting the sizes on stderr unless quiet.
func runIndexCompact(opts DBOptions, g GlobalOptions, s streams) error {
	st, err := index.Compact(opts.DB, opts.indexOptions(false))
	if err != nil {
		return opts.openHint(err)
	}
	if !g.Quiet {
		fmt.Fprintf(s.Err, "dedupe: compacted index \"%s\" from %s to %s\n", report.Text(opts.DB), ui.Bytes(st.Before), ui.Bytes(st.After))
	}
	return nil
}
