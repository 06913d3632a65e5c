//go:build !unix

package input

import "os"

// openFile opens name for reading: os.Open (see open_unix.go for why Unix differs).
func openFile(name string) (*os.File, error) { return os.Open(name) }
