package scan_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/scan"
)

// TestAnalyzeOrder checks that Analyze delivers documents and skips in input order whatever
// the number of workers, and stops at the first error of its callback.
func TestAnalyzeOrder(t *testing.T) {
	dir := t.TempDir()
	var want []string
	for i := range 300 {
		name := fmt.Sprintf("%03d.txt", i)
		text := strings.Repeat(fmt.Sprintf("word%d and more words in sentence %d. ", i, i), 2+i%7)
		if i%10 == 3 {
			text = "too short"
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		want = append(want, filepath.Join(dir, name))
	}
	for _, workers := range []int{1, 3, 8} {
		opts := scan.DefaultOptions()
		opts.Workers = workers
		opts.MinWords = 10
		var got []string
		skipped := 0
		err := scan.Analyze(context.Background(), []string{dir}, nil, opts, nil, func(it scan.Item) error {
			switch {
			case it.Doc != nil:
				got = append(got, it.Doc.Path)
			case it.Skip != nil:
				got = append(got, it.Skip.Path)
				skipped++
			}
			return nil
		})
		if err != nil || !reflect.DeepEqual(got, want) || skipped != 30 {
			t.Errorf("workers %d: %v, %d skipped, order kept %v; want 30 skipped, input order", workers, err, skipped, reflect.DeepEqual(got, want))
		}
	}
	stop := errors.New("stop")
	n := 0
	err := scan.Analyze(context.Background(), []string{dir}, nil, scan.DefaultOptions(), nil, func(scan.Item) error {
		if n++; n == 5 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 5 {
		t.Errorf("Analyze = %v after %d items; want the callback's error after 5", err, n)
	}
}
