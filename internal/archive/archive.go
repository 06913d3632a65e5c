// Package archive keeps an index of a news archive in step with the archive's files and checks
// new articles against it: it is what dedupe index add and dedupe check do beyond their flags.
//
// [Analyze] reads and analyses the articles under any number of paths in one pass, naming each
// by its id in the archive. An [Adder] writes documents to the index in batches that grow with
// it. A [Checker] checks new documents against the index a batch at a time and fills a
// [Report], which [WriteReport] writes as JSON, JSON lines, text or GitHub annotations.
package archive

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/scan"
)

// Analyze reads and analyses the documents under paths as [scan.Analyze] does (stdin for the
// path "-", obs told of every document read), calling fn for each input in order, but names
// them the same way however the command was called: a document found in a folder is named by
// the folder as given joined with its path below it, even when only one folder is given (scan
// then shows the path below it); a file keeps its name as given, cleaned, and what follows it
// ("#id" for JSONL records). The names are the documents' ids in the index, so
// "index add archive/" and "check archive/2024/story.txt" must agree.
//
// Each path is read as if it were the only one, so that include and exclude patterns see the
// paths below a folder as scan of that one folder would; all of them go through one analysis
// pass, whose workers and caches serve every path.
func Analyze(ctx context.Context, paths []string, stdin io.Reader, opts scan.Options, obs scan.Observer, fn func(scan.Item) error) error {
	read := func(ctx context.Context, emit func(input.Document) error, skip func(input.Skip) error) error {
		for _, p := range paths {
			rename := namer(p)
			err := input.Read(ctx, []string{p}, stdin, opts.Input,
				func(d input.Document) error {
					d.Path = rename(d.Path)
					for i := range d.Warnings {
						d.Warnings[i].Path = rename(d.Warnings[i].Path)
					}
					return emit(d)
				},
				func(s input.Skip) error {
					s.Path = rename(s.Path)
					return skip(s)
				})
			if err != nil {
				return err
			}
		}
		return nil
	}
	return scan.AnalyzeFrom(ctx, read, opts, obs, fn)
}

// namer returns the function that turns the paths input.Read gives for path p alone into
// archive ids (see Analyze).
func namer(p string) func(string) string {
	// input.Read escapes the names it gives (input.EscapeName), so p must be escaped alike to
	// be found in them.
	ep := input.EscapeName(p)
	if fi, err := os.Stat(p); err == nil && fi.IsDir() {
		return func(name string) string { return joinDisplay(ep, name) }
	}
	if p == "-" {
		return func(name string) string { return name }
	}
	return func(name string) string {
		if rest, ok := strings.CutPrefix(name, ep); ok {
			return filepath.Clean(ep) + rest
		}
		return name
	}
}

// joinDisplay joins folder dir and the '/'-separated path rel below it without cleaning rel,
// which for JSONL records ends in an id that may hold anything ("part.jsonl#https://...").
func joinDisplay(dir, rel string) string {
	dir = filepath.Clean(dir)
	switch {
	case dir == ".":
		return rel
	case strings.HasSuffix(dir, string(filepath.Separator)):
		return dir + rel
	}
	return dir + string(filepath.Separator) + rel
}
