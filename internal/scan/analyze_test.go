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

// TestAnalyzeBoundsShortRecords: of the records of one file too short to compare, Analyze
// hands on the first 1,000 one by one and counts the others in one skip, by the first of them,
// before the next file's first item, with the warnings of those that have some (a name taken)
// counted, not listed; a line the input cannot read is handed on as it comes, not counted,
// after the count of the records before it, in the order of their lines. Every record
// is counted once (Item.Inputs). Three million records of four words made three million skips.
func TestAnalyzeBoundsShortRecords(t *testing.T) {
	dir := t.TempDir()
	short := func(id string) string { return `{"id":"` + id + `","text":"alpha beta gamma delta"}` + "\n" }
	var a strings.Builder
	for i := range 1005 {
		a.WriteString(short(fmt.Sprint("r", i)))
		if i == 1001 {
			a.WriteString("not json\n")
		}
	}
	a.WriteString(short("r0")) // renamed, with a warning
	files := map[string]string{"a.jsonl": a.String(), "b.jsonl": short("x") + short("y")}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, workers := range []int{1, 4} {
		opts := scan.DefaultOptions()
		opts.Workers = workers
		var items []string
		inputs := 0
		err := scan.Analyze(context.Background(), []string{dir}, nil, opts, nil, func(it scan.Item) error {
			inputs += it.Inputs()
			s := it.Skip
			items = append(items, fmt.Sprintf("%s:%d %d %s (%d warnings)", filepath.Base(s.Path), s.Line, s.Count, s.Reason, len(it.Warnings)))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{
			"a.jsonl#r999:1000 0 too short: 4 words, --min-words is 30 (0 warnings)",
			"a.jsonl#r1000:1001 2 2 more records skipped from here on, not listed one by one (the 1000 before are); the first: too short: 4 words, --min-words is 30 (0 warnings)",
			"a.jsonl:1003 0 invalid JSON: invalid character 'o' in literal null (expecting 'u') (0 warnings)",
			"a.jsonl#r1002:1004 4 4 more records skipped from here on, not listed one by one (the 1000 before are), nor the warnings of the 1 of them that have some; the first: too short: 4 words, --min-words is 30 (0 warnings)",
			"b.jsonl#x:1 0 too short: 4 words, --min-words is 30 (0 warnings)",
			"b.jsonl#y:2 0 too short: 4 words, --min-words is 30 (0 warnings)",
		}
		if len(items) != 1005 || !reflect.DeepEqual(items[999:], want) {
			t.Errorf("workers %d: %d items, from the 1000th %q; want 1005 and %q", workers, len(items), items[min(999, len(items)):], want)
		}
		if inputs != 1009 {
			t.Errorf("workers %d: items stand for %d inputs, want 1009", workers, inputs)
		}
	}
}
