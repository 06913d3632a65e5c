package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/dedupe-dev/dedupe/internal/report"
)

// OutputOptions are the flag that sends what a command prints on standard output to a file.
type OutputOptions struct {
	Output string // "" or "-": standard output
}

// AddFlags adds -o/--output to fs.
func (o *OutputOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringVarP(&o.Output, "output", "o", "", "write the results to `file` instead of standard output")
}

// write calls write with the output: stdout, or the file, created when write is called and
// removed if write fails.
func (o *OutputOptions) write(stdout io.Writer, write func(io.Writer) error) error {
	if o.Output == "" || o.Output == "-" {
		return write(stdout)
	}
	return writeOutputFile("--output", o.Output, write)
}

// writeOutputFile fills file, named by the flag, with write through report.WriteFile: a failure
// leaves no half-written file, and an existing one as it was.
func writeOutputFile(flag, file string, write func(io.Writer) error) error {
	if err := report.WriteFile(file, write); err != nil {
		return fmt.Errorf("%s: %w", flag, err)
	}
	return nil
}

// checkOutputs calls checkOutput for each pair of flag and file in flagFiles, in order, and
// returns the first error.
func checkOutputs(flagFiles ...string) error {
	for i := 0; i+1 < len(flagFiles); i += 2 {
		if err := checkOutput(flagFiles[i], flagFiles[i+1]); err != nil {
			return err
		}
	}
	return nil
}

// distinctFiles returns an error, naming both flags, when two of the files of flagFiles (pairs
// of flag and file; "" and "-" pass) given to different flags are one file: a report written
// over the index (-o and --db) or over the list of inputs (--files-from) would destroy it.
// Files are the same when their cleaned paths are, or os.SameFile says so.
func distinctFiles(flagFiles ...string) error {
	for i := 0; i+1 < len(flagFiles); i += 2 {
		a := flagFiles[i+1]
		if a == "" || a == "-" {
			continue
		}
		for j := i + 2; j+1 < len(flagFiles); j += 2 {
			b := flagFiles[j+1]
			if b == "" || b == "-" || flagFiles[i] == flagFiles[j] || !sameFile(a, b) {
				continue
			}
			return &flagError{fmt.Errorf("%s %q is the %s file: writing it would destroy it", flagFiles[i], a, flagFiles[j])}
		}
	}
	return nil
}

// sameFile reports whether paths a and b name one file.
func sameFile(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}

// checkOutput returns an error, naming the flag, when file cannot be written: its folder does
// not exist or is not one, it is a folder, or it or its folder is not writable. Commands call
// it for every file they will write before they start the work, which may take minutes, so
// that a typo costs nothing. "" and "-" (standard output) pass. The check writes nothing: an
// existing file is opened for writing without truncating it, and a new one is tried as a
// temporary file in its folder, then removed.
func checkOutput(flag, file string) error {
	if file == "" || file == "-" {
		return nil
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%s %q: %s", flag, file, fmt.Sprintf(format, args...))
	}
	fi, err := os.Stat(file)
	switch {
	case err == nil && fi.IsDir():
		return fail("is a folder, not a file")
	case err == nil && fi.Mode().IsRegular():
		f, err := os.OpenFile(file, os.O_WRONLY, 0)
		if err != nil {
			return fail("cannot be written: %v", pathErr(err))
		}
		return f.Close()
	case err == nil:
		return nil // a device or a pipe: opening it could block
	}
	dir := filepath.Dir(file)
	di, derr := os.Stat(dir)
	switch {
	case errors.Is(derr, fs.ErrNotExist):
		return fail("folder %q does not exist", dir)
	case derr != nil:
		return fail("folder %q: %v", dir, pathErr(derr))
	case !di.IsDir():
		return fail("%q is not a folder", dir)
	case !errors.Is(err, fs.ErrNotExist):
		return fail("%v", pathErr(err))
	}
	probe, err := os.CreateTemp(dir, ".dedupe-*")
	if err != nil {
		return fail("cannot create files in %q: %v", dir, pathErr(err))
	}
	probe.Close()
	return os.Remove(probe.Name())
}

// pathErr returns the cause of a *fs.PathError, whose path the caller names already.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
