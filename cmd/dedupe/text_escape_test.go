package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// reproName is the file name of issue 19, item 4: printed raw, its line break started a line
// that GitHub Actions runs as a workflow command.
const reproName = "x\n::error::pwned.txt"

// seedDir writes the seed articles under the given names (name: seed path) to a new folder
// and returns the folder, skipping the test where the file system refuses a name.
func seedDir(t *testing.T, names map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, seed := range names {
		text := testfs.ReadFile(t, seed)
		if err := os.WriteFile(filepath.Join(dir, name), text, 0o644); err != nil {
			t.Skipf("file system refuses the name: %v", err)
		}
	}
	return dir
}

// assertText fails unless out is want and no line of it is a workflow command.
func assertText(t *testing.T, what, out, want string) {
	t.Helper()
	if out != want {
		t.Errorf("%s:\n%s\nwant:\n%s", what, out, want)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "::") {
			t.Errorf("%s: a line is a workflow command: %q", what, line)
		}
	}
}

// assertScanText scans dir, made by seedDir with the spun seed as copy.txt, from inside it (the
// expectations name the files below it) and checks the text report: one cluster of the two,
// whose members are listed as members says.
func assertScanText(t *testing.T, dir, members string) {
	t.Helper()
	t.Chdir(dir)
	code, out, errOut := dedupe(t, "scan", "-q", "--format", "text", ".")
	if code != exitOK {
		t.Fatalf("scan: exit %d\n%s", code, errOut)
	}
	assertText(t, "scan --format text", out, `2 documents scanned, 0 skipped: 2 in 1 cluster (1 candidate pair, 1 verified)

cluster 1: 2 documents, representative copy.txt (the member the others align to)`+members)
}

// TestTextEscapesNames checks scan's, check's and compare's text output on the file
// name: the line feed is written \x0a, so the name stays on its line (issue 19, item 4).
func TestTextEscapesNames(t *testing.T) {
	// The original seed under the name, its spun copy as copy.txt.
	dir := seedDir(t, map[string]string{reproName: seedOriginal, "copy.txt": seedSpun})
	const shown = `x\x0a::error::pwned.txt`

	t.Run("scan", func(t *testing.T) {
		assertScanText(t, dir, `
  copy.txt                 638 words  representative
  `+shown+`  624 words  rewrite  score 0.91  jaccard 0.13
`)
	})

	db := filepath.Join(t.TempDir(), "archive.db")
	if code, _, errOut := dedupe(t, "index", "add", "-q", "--db", db, seedSpun); code != exitOK {
		t.Fatalf("index add: exit %d\n%s", code, errOut)
	}
	code, out, errOut := dedupe(t, "check", "-q", "--db", db, "--format", "text", filepath.Join(dir, reproName))
	if code != exitDuplicates {
		t.Fatalf("check: exit %d\n%s", code, errOut)
	}
	assertText(t, "check --format text", out, `1 document checked against 1 archived, 0 skipped: 1 duplicate

`+filepath.Join(dir, shown)+` (624 words) duplicates:
  `+seedSpun+`  rewrite  score 0.91  jaccard 0.13
`)

	code, out, errOut = dedupe(t, "compare", filepath.Join(dir, reproName), seedSpun)
	if code != exitOK {
		t.Fatalf("compare: exit %d\n%s", code, errOut)
	}
	first, _, _ := strings.Cut(out, "\n")
	assertText(t, "compare", first, "A: "+filepath.Join(dir, shown)+" (624 words, 28 sentences)")
}

// TestTextLeadingColons checks that a name beginning with "::", which the scan text shows
// at the start of a line after two spaces (GitHub's runner trims them), cannot be a workflow
// command either.
func TestTextLeadingColons(t *testing.T) {
	dir := seedDir(t, map[string]string{"::error::pwned.txt": seedOriginal, "copy.txt": seedSpun})
	// From inside dir the name starts a line: "./::error::pwned.txt" is shown without "./".
	assertScanText(t, dir, `
  copy.txt               638 words  representative
  \x3a:error::pwned.txt  624 words  rewrite  score 0.91  jaccard 0.13
`)
}

// TestCompareEscapesText checks that compare writes an article's terminal escape sequences
// (here: clear the screen, turn red) as text, and keeps a literal "\x1b" in the article apart
// from them (issue 19, item 4).
func TestCompareEscapesText(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{
		"a.txt": "The council voted on Tuesday to close the old library.\x1b[2J\x1b[31m It will reopen next spring in the former post office on Main Street. Residents had asked for a larger reading room for years, wrote \\x1b.",
		"b.txt": "On Tuesday the council voted to close the old library.\x1b[2J\x1b[31m It will reopen next spring in the former post office on Main Street. Residents had asked for a larger reading room for many years, wrote \\x1b.",
	})
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	code, out, errOut := dedupe(t, "compare", a, b)
	if code != exitOK {
		t.Fatalf("compare: exit %d\n%s", code, errOut)
	}
	_, aligned, _ := strings.Cut(out, "\n\nA1 ")
	assertText(t, "compare", aligned, `   B1    similarity 1.00, rewritten
  A: The council voted on Tuesday to close the old library.\x1b[2J\x1b[31m It will reopen next spring in the former post office on Main Street.
  B: On Tuesday the council voted to close the old library.\x1b[2J\x1b[31m It will reopen next spring in the former post office on Main Street.

A2    B2    similarity 0.94, rewritten
  A: Residents had asked for a larger reading room for years, wrote \x5cx1b.
  B: Residents had asked for a larger reading room for many years, wrote \x5cx1b.
`)
}

// TestSkipEscapesNames checks the skipped input of the name on standard error and in
// the text report, which list it at the start of a line.
func TestSkipEscapesNames(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, reproName), nil, 0o644); err != nil {
		t.Skipf("file system refuses the name: %v", err)
	}
	copySeed(t, dir) // a document read, without which the scan fails and writes no report
	t.Chdir(dir)     // where the name starts the skipped line
	_, out, errOut := dedupe(t, "scan", "--format", "text", ".")
	if want := "skipped \"x\\x0a::error::pwned.txt\": empty file\n"; !strings.HasPrefix(errOut, want) {
		t.Errorf("stderr:\n%s\nwant it to begin with %q", errOut, want)
	}
	if _, list, _ := strings.Cut(out, "\nskipped:\n"); list != "  x\\x0a::error::pwned.txt: empty file\n" {
		t.Errorf("skipped in the text report: %q", list)
	}
}

// copySeed copies the first seed article into dir, as seed.txt: a document for a scan whose
// other inputs are all skipped, which would otherwise fail for want of one.
func copySeed(t *testing.T, dir string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(seedsDir, "000_92edbd9511bc3411.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "seed.txt"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}
