package input_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
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

// TestParallelPages: the workers extract the pages Read leaves to them, and give a page without
// an article as the skip Read gives, in input order, with what each worker makes of the
// others the same as of Read's documents: dated by the page, or else by the path.
func TestParallelPages(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.html": page(`<title>First page</title><meta name="date" content="2024-05-06">`, "<nav><a href='/'>Home</a></nav><article><p>The first article.</p></article>"),
		"b.html": page("", "<script>x()</script>"),
		"c.txt":  "A plain text.",
		"d.html": page("", "<article><p>The second article.</p></article>"),
	}
	if err := os.Mkdir(filepath.Join(dir, "1916-01-05"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, "1916-01-05", name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opts := input.Options{PathDates: 1}
	show := func(d input.Document) string {
		return fmt.Sprintf("%s %q %q %s", filepath.Base(d.Path), d.Title, d.Text, d.Date.Format(time.DateOnly))
	}
	res, err := read(t, []string{dir}, opts)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, d := range res.docs {
		want = append(want, show(d))
	}
	for _, s := range res.skips {
		want = slices.Insert(want, 1, fmt.Sprintf("%s skipped: %s", filepath.Base(s.Path), s.Reason))
	}
	if len(want) != 4 || !strings.Contains(want[1], "b.html skipped: no article text found") ||
		!strings.HasSuffix(want[0], "2024-05-06") || !strings.HasSuffix(want[3], "1916-01-05") {
		t.Fatalf("Read gave %q; want a (its own date), b skipped, c, d (the path's date)", want)
	}
	for _, workers := range []int{1, 3} {
		var got []string
		err := input.Parallel(context.Background(), workers, input.ReadPaths([]string{dir}, nil, opts),
			func() func(input.Document) string { return show },
			func(s input.Skip) string { return fmt.Sprintf("%s skipped: %s", filepath.Base(s.Path), s.Reason) },
			func(s string) error { got = append(got, s); return nil })
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("workers %d: %v, %q; want %q", workers, err, got, want)
		}
	}
}
