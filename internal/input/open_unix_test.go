//go:build unix

package input_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/dedupe-dev/dedupe/internal/input"
)

// TestReadNamedPipeCancelled: a named pipe given by name that no one writes to, or that a
// writer holds open without writing, blocks Read until its context is cancelled, and no
// longer: Ctrl-C stopped no scan waiting on it.
func TestReadNamedPipeCancelled(t *testing.T) {
	for _, writer := range []bool{false, true} {
		pipe := filepath.Join(t.TempDir(), "p.txt")
		if err := syscall.Mkfifo(pipe, 0o600); err != nil {
			t.Skip("no named pipes here:", err)
		}
		if writer {
			// Opened without blocking once the reader has opened the pipe for reading.
			go func() {
				for range 100 {
					if w, err := os.OpenFile(pipe, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
						t.Cleanup(func() { w.Close() })
						return
					}
					time.Sleep(10 * time.Millisecond)
				}
			}()
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			done <- input.Read(ctx, []string{pipe}, nil, input.Options{},
				func(input.Document) error { return nil }, func(input.Skip) error { return nil })
		}()
		time.Sleep(200 * time.Millisecond)
		cancel()
		select {
		case err := <-done:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("writer %v: Read returned %v; want the context's cancellation", writer, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("writer %v: Read still blocked 5 s after its context was cancelled", writer)
		}
	}
}
