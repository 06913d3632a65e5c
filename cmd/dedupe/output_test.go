package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// TestOutputChecked checks that every file a command will write (--html, -o, --db for index
// add) is checked before the work starts: exit 2, one clear message naming the flag and the
// file, nothing on stdout and no summary, since nothing was read (issue 17, item 5).
func TestOutputChecked(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing")
	file := filepath.Join(dir, "file.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	notDir := `folder "` + missing + `" does not exist`
	tests := []struct {
		args []string
		want string // stderr
	}{
		{[]string{"scan", "--html", filepath.Join(missing, "r.html"), seedsDir}, `--html "` + filepath.Join(missing, "r.html") + `": ` + notDir},
		{[]string{"scan", "-o", filepath.Join(missing, "r.json"), seedsDir}, `--output "` + filepath.Join(missing, "r.json") + `": ` + notDir},
		{[]string{"scan", "--output", dir, seedsDir}, `--output "` + dir + `": is a folder, not a file`},
		{[]string{"scan", "-o", filepath.Join(file, "r.json"), seedsDir}, `--output "` + filepath.Join(file, "r.json") + `": "` + file + `" is not a folder`},
		{[]string{"compare", "--html", filepath.Join(missing, "p.html"), seedOriginal, seedSpun}, `--html "` + filepath.Join(missing, "p.html") + `": ` + notDir},
		{[]string{"compare", "-o", filepath.Join(missing, "p.txt"), seedOriginal, seedSpun}, `--output "` + filepath.Join(missing, "p.txt") + `": ` + notDir},
		{[]string{"check", "--db", filepath.Join(dir, "a.db"), "-o", filepath.Join(missing, "c.json"), seedSpun}, `--output "` + filepath.Join(missing, "c.json") + `": ` + notDir},
		{[]string{"index", "add", "--db", filepath.Join(missing, "a.db"), seedsDir}, `--db "` + filepath.Join(missing, "a.db") + `": ` + notDir},
	}
	for _, tt := range tests {
		code, out, errOut := dedupe(t, tt.args...)
		if want := "dedupe: " + tt.want + "\n"; code != exitError || out != "" || errOut != want {
			t.Errorf("dedupe %q: exit %d, stdout %q, stderr %q; want exit %d, nothing and %q", tt.args, code, out, errOut, exitError, want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the checks left files behind: %v", entries)
	}
}

// TestCompareRefusesInputs checks that compare's -o and --html refuse the files its two
// documents are read from, a file named as it is or the JSONL file of a record: a comparison
// written over an article, or over the archive holding a record, destroyed it.
func TestCompareRefusesInputs(t *testing.T) {
	dir := t.TempDir()
	a, archive := filepath.Join(dir, "a.txt"), filepath.Join(dir, "archive.jsonl")
	text := testfs.ReadFile(t, seedOriginal)
	if err := os.WriteFile(a, text, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(archive, []byte(`{"id": "x", "text": "a record"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"-o", a, a, seedSpun}, `--output "` + a + `" is one of the inputs`},
		{[]string{"--html", a, seedSpun, a}, `--html "` + a + `" is one of the inputs`},
		{[]string{"-o", archive, archive + "#x", seedSpun}, `--output "` + archive + `" is one of the inputs`},
	} {
		args := append([]string{"compare"}, tt.args...)
		code, out, errOut := dedupe(t, args...)
		if want := "dedupe: " + tt.want + ": writing it would destroy it\n"; code != exitError || out != "" || !strings.HasPrefix(errOut, want) {
			t.Errorf("dedupe %q: exit %d, stdout %q, stderr %q; want exit 2 and %q", args, code, out, errOut, want)
		}
	}
	if b, err := os.ReadFile(a); err != nil || string(b) != string(text) {
		t.Errorf("%s was changed: %.40q, %v", a, b, err)
	}
}

// TestOutputFile checks that -o writes to the file what the command would print, and nothing
// on stdout, for scan (its --print-copies too), compare and check, leaving no temporary file
// beside it; and that a device, which has no folder to hold a temporary file, is written in
// place.
func TestOutputFile(t *testing.T) {
	db := indexSeeds(t)
	for _, args := range [][]string{
		{"scan", "-q", seedsDir},
		{"scan", "-q", "--format", "csv", seedsDir},
		{"scan", "-q", "--print-copies", seedsDir},
		{"compare", seedOriginal, seedSpun},
		{"check", "-q", "--db", db, seedSpun},
	} {
		wantCode, want, _ := dedupe(t, args...)
		file := filepath.Join(t.TempDir(), "out")
		// An existing file is replaced.
		if err := os.WriteFile(file, []byte(strings.Repeat("old ", 10000)), 0o644); err != nil {
			t.Fatal(err)
		}
		code, out, errOut := dedupe(t, append([]string{args[0], "-o", file}, args[1:]...)...)
		got, err := os.ReadFile(file)
		if code != wantCode || out != "" || err != nil || string(got) != want {
			t.Errorf("dedupe %q -o: exit %d, stdout %q, file %q (%v), stderr %s; want exit %d, nothing, and the file holding stdout's %q",
				args, code, out, got, err, errOut, wantCode, want)
		}
		if entries, _ := os.ReadDir(filepath.Dir(file)); len(entries) != 1 {
			t.Errorf("dedupe %q -o: the folder holds %v; want only the file written", args, entries)
		}
	}
	if code, out, errOut := dedupe(t, "scan", "-q", "-o", os.DevNull, seedsDir); code != exitOK || out != "" || errOut != "" {
		t.Errorf("dedupe scan -o %s: exit %d, stdout %q, stderr %q; want exit 0 and nothing", os.DevNull, code, out, errOut)
	}
}
