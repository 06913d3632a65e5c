package input

import (
	"context"
	"io"
	"os"
)

// openNamed opens name, a file named on the command line, for reading. A file that is not
// regular (a named pipe, /dev/stdin) may block in the open until a writer comes, and in any
// read after it: it is opened on a goroutine of its own and read through an *os.File, whose
// reads the runtime's poller can interrupt, and closed when the reader's context is
// cancelled, so that Ctrl-C stops a scan that waits on a pipe no one writes to. A cancelled
// open leaves its goroutine blocked until a writer comes, or the process ends. Regular files,
// nearly all, are opened by openFile.
func (r *reader) openNamed(name string) (io.ReadCloser, int64, error) {
	if fi, err := os.Stat(name); err != nil || fi.Mode().IsRegular() {
		return openFile(name)
	}
	type opened struct {
		f   *os.File
		err error
	}
	done := make(chan opened, 1)
	go func() {
		f, err := os.Open(name)
		done <- opened{f, err}
	}()
	select {
	case o := <-done:
		if o.err != nil {
			return nil, 0, o.err
		}
		return &cancelledFile{File: o.f, stop: context.AfterFunc(r.ctx, func() { o.f.Close() })}, 0, nil
	case <-r.ctx.Done():
		go func() {
			if o := <-done; o.f != nil {
				o.f.Close()
			}
		}()
		return nil, 0, r.ctx.Err()
	}
}

// cancelledFile is a file that a context closes when it is cancelled.
type cancelledFile struct {
	*os.File
	stop func() bool // stops the context's closing
}

func (f *cancelledFile) Close() error {
	f.stop()
	return f.File.Close()
}
