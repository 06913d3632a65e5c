package archive

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/dedupe-dev/dedupe/internal/input"
)

// A Respelling is a document an add found already indexed, with the same text, under another
// name that may be the same file's: the index names documents by their path as given, so an
// archive added once from the repository's root ("articles/a.txt") and once with an absolute
// path or from inside articles/ ("a.txt") holds every document twice, and check then reported
// an edited article as a copy of its own other name.
type Respelling struct {
	Path    string // the name this add gave the document
	Indexed string // the name the index already held it under
}

// otherSpellings returns the names under which an add run from another folder may have
// stored the document named path: the absolute path of its file and every tail of it that
// begins at a separator, with the record's id of a JSON Lines or SGML record
// ("export.jsonl#12") after it, path itself left out. "articles/a.txt" run from /news gives
// "/news/articles/a.txt", "news/articles/a.txt" and "a.txt"; "a.txt" run from /news/articles
// gives "/news/articles/a.txt", "news/articles/a.txt" and "articles/a.txt". Standard input has
// no other name.
func otherSpellings(path string) []string {
	file, record := splitRecord(path)
	if file == "-" {
		return nil
	}
	abs, err := filepath.Abs(input.UnescapeName(file))
	if err != nil {
		return nil
	}
	abs = input.EscapeName(filepath.ToSlash(abs))
	var names []string
	for i := 0; i < len(abs); i++ {
		if i > 0 && abs[i-1] != '/' {
			continue
		}
		if name := abs[i:] + record; name != path && abs[i:] != "" {
			names = append(names, name)
		}
	}
	return names
}

// splitRecord returns the file part of the document name name and the rest, the record's
// "#id" ("" for a file): the longest part before a "#" that is an existing file, as
// input.Lookup reads names (ids may hold "#" and "/"), or the part before the first "#" when
// none is.
func splitRecord(name string) (file, record string) {
	first := -1
	for i := len(name) - 1; i > 0; i-- {
		if name[i] != '#' {
			continue
		}
		if fi, err := os.Stat(input.UnescapeName(name[:i])); err == nil && !fi.IsDir() {
			return name[:i], name[i:]
		}
		first = i
	}
	if name == "-" || strings.HasPrefix(name, "-#") {
		return "-", strings.TrimPrefix(name, "-")
	}
	if first < 0 {
		return name, ""
	}
	if _, err := os.Stat(input.UnescapeName(name)); err == nil {
		return name, "" // a file whose name holds "#"
	}
	return name[:first], name[first:]
}

// fileState says what the name of an archived document, read from the current folder, is to
// the document of another name.
type fileState int

const (
	otherFile fileState = iota // an existing file other than the document's
	sameFile                   // the document's own file (os.SameFile)
	noFile                     // no file here: perhaps the name an add from another folder gave it
)

// fileOf returns what the archived name indexed is to the file of the document named path,
// their record ids aside (records of two ids are other documents).
func fileOf(indexed, path string) fileState {
	fi, ri := splitRecord(indexed)
	fp, rp := splitRecord(path)
	a, err := os.Stat(input.UnescapeName(fi))
	if err != nil {
		return noFile
	}
	b, err := os.Stat(input.UnescapeName(fp))
	if err != nil || ri != rp || !os.SameFile(a, b) {
		return otherFile
	}
	return sameFile
}
