package input

import (
	"bufio"
	"errors"
	"io"
	"strings"
)

// ReadList reads a list of paths, one per line, or separated by NUL bytes when nul is set (as
// find -print0 writes them, for names that hold line breaks). A line's "\r\n" ending counts as
// "\n"; empty entries are left out. Names are returned as they are, not escaped.
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
		if entry != "" {
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
