package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/archive"
	"github.com/dedupe-dev/dedupe/internal/report"
)

// TestProblemsCounted: scan, check and index add print the first problemsShown skipped inputs and
// warnings about inputs of each kind and count the others in a line per kind, saying whether
// the report lists them; -v prints them all; the JSON report lists them all either way. The
// kinds are told apart by their reasons without figures and names: eight short texts of
// different lengths are one kind, seven texts in Windows-1252 another, a binary file a third.
func TestProblemsCounted(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 8 {
		write(fmt.Sprintf("short%d.txt", i), strings.Repeat("word ", 10+i))
	}
	for i := range 7 {
		write(fmt.Sprintf("cp1252-%d.txt", i), fmt.Sprintf("\x93Item %d\x94 of a long list of notices ", i)+strings.Repeat("about the town council and its meetings ", 8))
	}
	write("blob.bin.txt", "\x00\x01\x02binary")
	const (
		skippedMore = `skipped 3 more inputs: too short (listed under "skipped" in the report; -v prints every one)`
		warnedMore  = `warning: 2 more inputs: not valid UTF-8 (listed under "warnings" in the report; -v prints every one)`
	)
	db := filepath.Join(t.TempDir(), "archive.db")
	if code, _, errOut := dedupe(t, "index", "add", "-q", "--db", db, seedOriginal); code != exitOK {
		t.Fatalf("index add: exit %d\n%s", code, errOut)
	}
	for _, tt := range []struct {
		args                      []string
		short, decoded            int    // lines printed for each kind
		skippedCount, warnedCount string // the lines that count the others, "" for none
	}{
		{[]string{"scan", dir}, 5, 5, skippedMore, warnedMore},
		{[]string{"scan", "--format", "csv", dir}, 5, 5, "skipped 3 more inputs: too short (-v prints every one)", "warning: 2 more inputs: not valid UTF-8 (-v prints every one)"},
		{[]string{"scan", "-v", dir}, 8, 7, "", ""},
		{[]string{"check", "--db", db, dir}, 5, 5, skippedMore, warnedMore},
		// index add writes no report: it printed every one.
		{[]string{"index", "add", "--db", filepath.Join(t.TempDir(), "add.db"), dir}, 5, 5, "skipped 3 more inputs: too short (-v prints every one)", "warning: 2 more inputs: not valid UTF-8 (-v prints every one)"},
		{[]string{"index", "add", "-v", "--db", filepath.Join(t.TempDir(), "add.db"), dir}, 8, 7, "", ""},
	} {
		_, out, errOut := dedupe(t, tt.args...)
		if n := strings.Count(errOut, ": too short: "); n != tt.short {
			t.Errorf("%v: %d short texts on stderr; want %d:\n%s", tt.args, n, tt.short, errOut)
		}
		if n := strings.Count(errOut, ": not valid UTF-8: "); n != tt.decoded {
			t.Errorf("%v: %d texts in Windows-1252 on stderr; want %d:\n%s", tt.args, n, tt.decoded, errOut)
		}
		if !strings.Contains(errOut, `blob.bin.txt": binary file`) {
			t.Errorf("%v: the binary file is not on stderr:\n%s", tt.args, errOut)
		}
		for _, line := range []string{tt.skippedCount, tt.warnedCount} {
			if line != "" && !strings.Contains(errOut, "\n"+line+"\n") || line == "" && strings.Contains(errOut, " more inputs: ") {
				t.Errorf("%v: stderr\n%s\nwant the line %q", tt.args, errOut, line)
			}
		}
		if tt.args[1] == "--format" || tt.args[0] == "index" {
			continue
		}
		var skipped []report.Skip
		var warnings []report.Warning
		if tt.args[0] == "check" {
			var rep archive.Report
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatal(err)
			}
			skipped, warnings = rep.Skipped, rep.Warnings
		} else {
			var rep report.Report
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatal(err)
			}
			skipped, warnings = rep.Skipped, rep.Warnings
		}
		if len(skipped) != 9 || len(warnings) != 7 {
			t.Errorf("%v: the report lists %d skipped inputs and %d warnings; want 9 and 7", tt.args, len(skipped), len(warnings))
		}
	}
}

// TestProblemKinds: reasons alike but for their figures and quoted names are one kind, named
// by the reason up to its colon.
func TestProblemKinds(t *testing.T) {
	for _, tt := range []struct{ a, b, label string }{
		{"too short: 27 words, --min-words is 30", "too short: 3 words, --min-words is 30", "too short"},
		{`name "a7" already used in this file: renamed "a7~2"`, `name "b" already used in this file: renamed "b~3"`, `name "…" already used in this file`},
		{"line longer than 1024 bytes", "line longer than 99 bytes", "line longer than 1024 bytes"},
		{`empty text field "body"`, `empty text field "text"`, `empty text field "…"`},
		{`no text field (tried "bdoy"); the record has "body", "id"`, `no text field (tried "bdoy"); the record has "id"`, `no text field (tried "bdoy")`},
		{`date "2019-01-01T05:00 EST" in field "date" not read: the record is undated`, `date "x" in field "d" not read: the record is undated`, `date "…" in field "…" not read`},
	} {
		if got := problemLabel(tt.a); got != tt.label {
			t.Errorf("problemLabel(%q) = %q; want %q", tt.a, got, tt.label)
		}
		if ka, kb := problemKindKey(tt.a), problemKindKey(tt.b); ka != kb {
			t.Errorf("kinds of %q and %q: %q and %q; want one", tt.a, tt.b, ka, kb)
		}
	}
	if problemKindKey("binary file") == problemKindKey("empty file") {
		t.Error("a binary file and an empty file are one kind; want two")
	}
}

// TestProblemsCountedEntries: the entries that count a file's records too short past its first
// 1,000 are a kind of their own, and the line that counts the entries of a kind not printed
// counts the records they stand for: seven files of 1,100 to 1,700 short records are 5 short
// records printed and 6,995 counted, 5 entries printed and 2 counted (1,300 records).
func TestProblemsCountedEntries(t *testing.T) {
	dir := t.TempDir()
	for i := 1; i <= 7; i++ {
		records := strings.Repeat(`{"text":"four words too few"}`+"\n", 1000+100*i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("s%d.jsonl", i)), []byte(records), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, _, errOut := dedupe(t, "scan", "-o", filepath.Join(t.TempDir(), "r.json"), dir)
	for _, want := range []string{
		`skipped 6,995 more inputs: too short (listed under "skipped" in the report; -v prints every one)`,
		`skipped 1,300 more inputs: records too short or empty past the first 1,000 of a file (listed under "skipped" in the report; -v prints every entry, each counting a file's)`,
		" 9,800 skipped\n",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	short, counts := 0, 0
	for _, line := range strings.Split(errOut, "\n") {
		switch {
		case strings.Contains(line, " more records skipped from here on"):
			counts++
		case strings.Contains(line, ": too short: "):
			short++
		}
	}
	if short != 5 || counts != 5 {
		t.Errorf("%d short records and %d entries counting them printed, want 5 of each:\n%s", short, counts, errOut)
	}
}
