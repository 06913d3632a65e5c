package input

import (
	"bufio"
	"errors"
	"io"
	"os"
	"strings"
)

// fileList reports whether text looks like a list of files rather than an article, as when
// the output of find is piped to "dedupe scan -": each of its first lines, up to 20, names a
// file that exists.
func fileList(text string) bool {
	n := 0
	for line := range strings.Lines(text) {
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			continue
		}
		if fi, err := os.Stat(line); err != nil || fi.IsDir() {
			return false
		}
		if n++; n == 20 {
			break
		}
	}
	return n > 0
}

// ReadList reads a list of paths, one per line, or separated by NUL bytes when nul is set (as
// find -print0 writes them, for names that hold line breaks). A line's "\r\n" ending counts as
// "\n"; empty entries and lines of spaces and tabs only (an editor's trailing line) are left
// out. Names are returned as they are, not escaped. A line list that holds a NUL byte is an
// error that says to read it with nul: no name holds one.
func ReadList(r io.Reader, nul bool) ([]string, error) {
	sep := byte('\n')
	if nul {
		sep = 0
	}
	br := bufio.NewReader(r)
	var paths []string
	for {
		entry, err := br.ReadString(sep)
		entry = strings.TrimSuffix(entry, string(sep))
		if !nul {
			entry = strings.TrimSuffix(entry, "\r")
		}
		if !nul && strings.IndexByte(entry, 0) >= 0 {
			return nil, errors.New("the list holds NUL bytes, as find -print0 writes it: give -0 to read it so")
		}
		if entry != "" && (nul || strings.Trim(entry, " \t") != "") {
			paths = append(paths, entry)
		}
		if errors.Is(err, io.EOF) {
			return paths, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
