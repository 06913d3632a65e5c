package input_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dedupe-dev/dedupe/internal/input"
)

// TestParallel checks that Parallel hands fn every input in input order, documents and skips
// mixed, whatever the workers and however long each document takes, with one worker function
// per goroutine; and that an error of fn stops the reading and is returned.
func TestParallel(t *testing.T) {
	const n = 200
	var emitted atomic.Int32
	var readErr error
	read := func(ctx context.Context, emit func(input.Document) error, skip func(input.Skip) error) error {
		readErr = nil
		for i := range n {
			name := fmt.Sprintf("%03d", i)
			var err error
			if i%7 == 3 {
				err = skip(input.Skip{Path: name, Reason: "skipped"})
			} else {
				err = emit(input.Document{Path: name, Text: name})
			}
			if err != nil {
				readErr = err
				return err
			}
			emitted.Add(1)
		}
		return nil
	}
	var want []string
	for i := range n {
		want = append(want, fmt.Sprintf("%03d", i))
	}
	for _, workers := range []int{1, 4} {
		var started atomic.Int32
		newWorker := func() func(input.Document) string {
			started.Add(1)
			return func(d input.Document) string {
				time.Sleep(time.Duration(int(d.Text[2]-'0')*20) * time.Microsecond) // later documents may finish first
				return d.Text
			}
		}
		skipped := func(s input.Skip) string { return s.Path }
		var got []string
		err := input.Parallel(context.Background(), workers, read, newWorker, skipped, func(s string) error {
			got = append(got, s)
			return nil
		})
		if err != nil || !slices.Equal(got, want) || started.Load() != int32(workers) {
			t.Errorf("workers %d: %v, %d worker functions, order kept %v; want nil, %d, true", workers, err, started.Load(), slices.Equal(got, want), workers)
		}

		stop := errors.New("stop")
		emitted.Store(0)
		calls := 0
		err = input.Parallel(context.Background(), workers, read, newWorker, skipped, func(string) error {
			if calls++; calls == 10 {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) || calls != 10 || !errors.Is(readErr, context.Canceled) || emitted.Load() == n {
			t.Errorf("workers %d: %v after %d calls, read returned %v after %d inputs; want stop after 10, read canceled before %d", workers, err, calls, readErr, emitted.Load(), n)
		}
	}
}
