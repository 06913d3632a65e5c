//go:build unix

package input

import (
	"io/fs"
	"os"
	"syscall"
)

// openFile opens name for reading, as os.Open does, but without offering the file to the
// runtime's network poller. os.Open does, and for a regular file, which the poller refuses,
// that costs five system calls on Linux (fcntl to set O_NONBLOCK and to clear it again, two
// each, and the epoll_ctl that fails) beside the openat, fstat, two reads and close that
// reading it takes: an archive of many short articles spends much of its reading time in
// them. os.NewFile costs one fcntl, to see that the descriptor blocks. A file that is not
// regular (a named pipe given on the command line) then blocks a thread while it waits,
// where os.Open parks a goroutine: the reader reads one input at a time either way.
func openFile(name string) (*os.File, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		switch {
		case err == syscall.EINTR:
			continue // as os.Open does: a signal, not a failure
		case err != nil:
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return os.NewFile(uintptr(fd), name), nil
	}
}
