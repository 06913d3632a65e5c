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

// TestAnalyzeBoundsRecordProblems: of the records of one file, Analyze lists the first 1,000
// too short and the first 1,000 warnings (names taken) one by one, and counts the others in
// one entry each, by the first of them, before the next file's items; a file with fewer lists
// all. Three million records of four words under one id made three million of each.
func TestAnalyzeBoundsRecordProblems(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, records int) {
		var b strings.Builder
		for range records {
			b.WriteString(`{"id":"x","text":"alpha beta gamma delta"}` + "\n")
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.jsonl", 1005)
	write("b.jsonl", 3)
	var skips, warnings []string
	err := scan.Analyze(context.Background(), []string{dir}, nil, scan.DefaultOptions(), nil, func(it scan.Item) error {
		if it.Skip != nil {
			skips = append(skips, fmt.Sprintf("%s:%d %d %s", filepath.Base(it.Skip.Path), it.Skip.Line, it.Skip.Count, it.Skip.Reason))
		}
		for _, w := range it.Warnings {
			warnings = append(warnings, fmt.Sprintf("%s:%d %d %s", filepath.Base(w.Path), w.Line, w.Count, w.Reason))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	wantSkips := []string{
		"a.jsonl#x~1000:1000 0 too short: 4 words, --min-words is 30",
		"a.jsonl#x~1001:1001 5 5 more records skipped from here on, not listed one by one (the 1000 before are); the first: too short: 4 words, --min-words is 30",
		"b.jsonl#x:1 0 too short: 4 words, --min-words is 30",
	}
	if len(skips) != 1004 || !reflect.DeepEqual(skips[999:1002], wantSkips) {
		t.Errorf("%d skips, 1000th to 1002nd %q; want 1004 and %q", len(skips), skips[999:min(1002, len(skips))], wantSkips)
	}
	wantWarning := `a.jsonl:1002 4 4 more warnings of records from here on, not listed one by one (the 1000 before are); the first: name "x" already used in this file: renamed "x~1002"`
	if len(warnings) != 1003 || warnings[1000] != wantWarning {
		t.Errorf("%d warnings, the 1001st %q; want 1003 and %q", len(warnings), warnings[min(1000, len(warnings)-1)], wantWarning)
	}
}
