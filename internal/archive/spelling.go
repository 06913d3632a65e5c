package archive

import (
	"path/filepath"
	"strings"
)

// A Respelling is a document an add found already indexed, with the same text, under another
// name for the same file: the index names documents by their path as given, so an archive
// added once from the repository's root ("articles/a.txt") and once with an absolute path or
// from inside articles/ ("a.txt") holds every document twice, and check then reports an
// edited article as a copy of its own other name.
type Respelling struct {
	Path    string // the name this add gave the document
	Indexed string // the name the index already held it under
}

// otherSpellings returns the names under which an add run from another folder may have
// stored the file path names: its absolute path and every tail of that path that begins at a
// separator, path itself left out. "articles/a.txt" run from /news gives "/news/articles/a.txt",
// "news/articles/a.txt" and "a.txt"; "a.txt" run from /news/articles gives
// "/news/articles/a.txt", "news/articles/a.txt" and "articles/a.txt". A record of a JSON Lines
// file ("export.jsonl#12") is spelled as its file is. Standard input has no other name.
func otherSpellings(path string) []string {
	if path == "-" || strings.HasPrefix(path, "-#") {
		return nil
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil
	}
	abs = filepath.ToSlash(abs)
	var names []string
	for i := 0; i < len(abs); i++ {
		if i > 0 && abs[i-1] != '/' {
			continue
		}
		if name := abs[i:]; name != path && name != "" {
			names = append(names, name)
		}
	}
	return names
}
