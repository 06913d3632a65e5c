package main

import (
	"context"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/dedupe-dev/dedupe/internal/index"
	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/report"
)

func newIndexRmCommand(g *GlobalOptions, s streams) *cobra.Command {
	var opts DBOptions
	return dbCommand(&cobra.Command{
		Use:   "rm --db <file> <id>... [flags]",
		Short: "Remove documents from an index",
		Long: `Rm removes the documents with the given ids from the index, in one transaction. An id is
a document's path as "index add" stored it (see "index add" and "check --format json"),
where a byte of a file name that is not UTF-8 reads "\xff" (an id that is not UTF-8 is taken
as a raw file name and escaped so); a name as the text output prints it, a line feed as
"\x0a", is taken too. If any id is not in the index, nothing is removed.` + exitStatusHelp,
		Example: `  $ dedupe index rm --db archive.db archive/2024/retracted.txt
  $ dedupe index rm --db archive.db 'export.jsonl#4711'`,
		Args: minimumArgs("the ids of the documents to remove"),
	}, &opts, g, s, func(_ context.Context, ids []string) error { return runIndexRm(opts, *g, s, ids) })
}

func runIndexRm(opts DBOptions, g GlobalOptions, s streams, ids []string) error {
	before := fileSize(opts.DB)
	ix, err := opts.open(false)
	if err != nil {
		return err
	}
	seen := make(map[string]bool, len(ids))
	var unique []string
	for _, id := range ids {
		if !utf8.ValidString(id) {
			// A raw file name, as a shell glob gives it: stored escaped.
			id = input.EscapeName(id)
		}
		if _, err := ix.Lookup(id); errors.Is(err, index.ErrNotFound) {
			// A name as text output prints it, a line feed as "\x0a", stands for the one
			// stored with the line feed, as compare finds it.
			if stored := input.EscapeName(input.UnescapeName(id)); stored != id {
				if _, err := ix.Lookup(stored); err == nil {
					id = stored
				}
			}
		}
		if !seen[id] {
			seen[id] = true
			unique = append(unique, id)
		}
	}
	err = ix.Remove(unique...)
	if errors.Is(err, index.ErrNotFound) {
		err = fmt.Errorf("%w; nothing was removed", err)
	}
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	removed := "removed " + report.Count(len(unique), "document", "documents")
	if index.ShouldCompact(before, fileSize(opts.DB)) {
		if _, err := index.Compact(opts.DB, opts.indexOptions(false)); err != nil {
			return fmt.Errorf("%s, then: %w", removed, err)
		}
		removed += " and compacted the file"
	}
	if !g.Quiet {
		return printIndex(s, opts, removed)
	}
	return nil
}
