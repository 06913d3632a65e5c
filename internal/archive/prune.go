package archive

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/dedupe-dev/dedupe/internal/index"
	"github.com/dedupe-dev/dedupe/internal/input"
)

// Stale returns the paths of ix's documents that an add of the inputs named (as the command
// line gave them) met no more: the documents under a folder named, or of a file named (its
// JSONL and SGML records too), that are not in read, the paths of the documents the add read.
// They are the articles deleted or renamed since they were indexed, and those the add now
// skipped (emptied, cut to a stub): left in the index, check would go on finding copies of
// texts the archive no longer holds. Standard input names nothing to prune.
//
// unread holds the inputs the add could not read whole (see input.Skip.NoText): a file cut
// short or unreadable, a line that is no record, a folder that cannot be listed. Their
// documents, and the records and files under them, are not stale but unseen: a copy of the
// archive still being written, or a full disk, would otherwise empty the index of all it did
// not reach. Stale leaves them out and returns how many it left.
func Stale(ix *index.Index, named []string, read, unread map[string]bool) (stale []string, kept int, err error) {
	seen := map[string]bool{}
	for _, p := range named {
		if p == "-" {
			continue
		}
		disp := input.EscapeName(input.CleanName(p))
		var prefixes []string
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			// Documents found in a folder are named by it joined with the path below it;
			// those of "." by the path below it alone, and not "../x", which another folder
			// named in an earlier add gave.
			prefix := disp + string(filepath.Separator)
			if disp == "." {
				prefix = ""
			}
			prefixes = []string{prefix}
		} else {
			prefixes = []string{disp + "#"}
			if !read[disp] && !seen[disp] {
				if _, err := ix.Lookup(disp); err == nil {
					seen[disp] = true
					if unseen(disp, unread) {
						kept++
					} else {
						stale = append(stale, disp)
					}
				}
			}
		}
		for _, prefix := range prefixes {
			paths, err := ix.Paths(prefix)
			if err != nil {
				return nil, 0, err
			}
			for _, q := range paths {
				if read[q] || seen[q] || prefix == "" && (strings.HasPrefix(q, "..") || strings.HasPrefix(q, "-#") || filepath.IsAbs(q)) {
					continue
				}
				// "a#x.jsonl#r0" under the file "a" is a record of the file "a#x.jsonl", while
				// that file is there.
				if f := input.FileOf(q); prefix == disp+"#" && f != "" && input.EscapeName(input.CleanName(f)) != disp {
					continue
				}
				seen[q] = true
				if unseen(q, unread) {
					kept++
				} else {
					stale = append(stale, q)
				}
			}
		}
	}
	return stale, kept, nil
}

// unseen reports whether the document named q is, or is under, an input of unread: that
// input itself, one of its records ("file.jsonl#id") or a file in its folder.
func unseen(q string, unread map[string]bool) bool {
	if unread[q] {
		return true
	}
	for p := range unread {
		if rest, ok := strings.CutPrefix(q, p); ok && (rest[0] == '#' || rest[0] == filepath.Separator) {
			return true
		}
	}
	return false
}
