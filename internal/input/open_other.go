//go:build !unix

package input

import (
	"io"
	"os"
)

// openFile opens name for reading with os.Open and returns it with its size, 0 when unknown
// (see open_unix.go for why Unix differs).
func openFile(name string) (io.ReadCloser, int64, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, 0, err
	}
	return f, sizeHint(f), nil
}
