package report

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteFile fills file with write. A regular file, new or not, is written to a temporary file
// beside it, made as os.Create makes a file so that the umask applies, and renamed to file once
// complete. On failure the temporary file is removed and file is left as it was: a truncated
// JSON report or HTML page looks complete to whoever opens it. And a command that reads its
// inputs again while it writes (scan --write-unique into a folder it scans) never meets a
// growing file. Anything else that exists, a device or a pipe (-o /dev/null), has no folder
// for a temporary file and is written in place. A symlink to a file is followed, so that the
// file it names is the one replaced (a "latest.json" link stays a link), and a file replaced
// keeps its permissions.
func WriteFile(file string, write func(io.Writer) error) error {
	if target, err := filepath.EvalSymlinks(file); err == nil {
		file = target
	}
	fi, statErr := os.Stat(file)
	if statErr == nil && !fi.Mode().IsRegular() {
		f, err := os.OpenFile(file, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		if err := fill(f, write); err != nil {
			return fmt.Errorf("%q: %w", file, err)
		}
		return nil
	}
	tmp := filepath.Join(filepath.Dir(file), fmt.Sprintf(".%s.%d.tmp", filepath.Base(file), os.Getpid()))
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return err
	}
	err = fill(f, write)
	if err == nil && statErr == nil {
		err = os.Chmod(tmp, fi.Mode().Perm())
	}
	if err == nil {
		err = os.Rename(tmp, file)
	}
	if err != nil {
		return errors.Join(fmt.Errorf("%q: %w", file, err), os.Remove(tmp))
	}
	return nil
}

// fill calls write with f and closes f, returning write's error or else Close's: a file
// whose last bytes did not reach the disk is not complete.
func fill(f *os.File, write func(io.Writer) error) error {
	err := write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Buffered calls write with w behind a 64 KiB buffer and flushes it when write succeeds: a
// report is written in many small pieces, each of which would otherwise be a system call.
func Buffered(w io.Writer, write func(io.Writer) error) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := write(bw); err != nil {
		return err
	}
	return bw.Flush()
}
