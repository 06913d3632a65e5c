package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/dedupe-dev/dedupe/internal/report"
)

func newIndexCheckCommand(g *GlobalOptions, s streams) *cobra.Command {
	var opts DBOptions
	return dbCommand(&cobra.Command{
		Use:   "check --db <file> [flags]",
		Short: "Verify an index file",
		Long: `Check verifies the whole index file and says what is wrong with it, if anything. It
checks that the file holds all the pages its header names, that every page of the tree lies in
the file, bbolt's consistency check of every page (each page used once or free, keys in order),
and dedupe's own invariants: every document decodes, paths and documents map one to one, and
the band entries are exactly the band keys of the documents, signed again from their sketches,
and the anchors those picked again from them. It reads the whole file and re-signs every
document, so it takes time in proportion to the index. It only reads: a damaged index is left
as it is, to be rebuilt with "index add" from the articles.

Every command checks the file's header and size when it opens an index, and those that write
check every page first; all of them stop with "corrupt index" on damage they meet.` + exitStatusHelp,
		Example: `  $ dedupe index check --db archive.db`,
		Args:    noArgs,
	}, &opts, g, s, func(ctx context.Context, _ []string) error { return runIndexCheck(ctx, opts, *g, s) })
}

// runIndexCheck verifies the index opts.DB, reporting success on stderr unless quiet; Ctrl-C
// (ctx) stops it.
func runIndexCheck(ctx context.Context, opts DBOptions, g GlobalOptions, s streams) error {
	ix, err := opts.open(true)
	if err != nil {
		return err
	}
	defer ix.Close()
	if err := ix.CheckIntegrity(ctx); err != nil {
		return err
	}
	n, err := ix.Len()
	if err != nil {
		return err
	}
	if !g.Quiet {
		fmt.Fprintf(s.Err, "dedupe: index %q is sound: %s checked\n", ix.Path(), report.Count(n, "document", "documents"))
	}
	return nil
}
