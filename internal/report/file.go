package report

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// WriteFile creates file and fills it with write. On failure it removes the file rather than
// leave half of it: a truncated JSON report or HTML page looks complete to whoever opens it.
func WriteFile(file string, write func(io.Writer) error) error {
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return errors.Join(fmt.Errorf("%q: %w", file, err), os.Remove(file))
	}
	return nil
}
