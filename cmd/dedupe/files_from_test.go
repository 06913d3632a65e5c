package main

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestFilesFrom checks --files-from and -0 on scan, check and index add: a list of the seeds,
// from a file or standard input, one a line or NUL-separated, scans as the seeds named on the
// command line do; a path named twice is read once (issue 17, item 4).
func TestFilesFrom(t *testing.T) {
	seeds, err := filepath.Glob(filepath.Join(seedsDir, "*.txt"))
	if err != nil || len(seeds) != 5 {
		t.Fatalf("seeds: %v, %v", seeds, err)
	}
	_, want := scanJSON(t, "scan", "-q", seeds[0], seeds[1], seeds[2], seeds[3], seeds[4])
	dir := t.TempDir()
	lines := filepath.Join(dir, "list.txt")
	nul := filepath.Join(dir, "list.nul")
	if err := os.WriteFile(lines, []byte(strings.Join(seeds[1:], "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(nul, []byte(strings.Join(seeds[1:], "\x00")+"\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args  []string
		stdin string
	}{
		{[]string{"--files-from", lines, seeds[0]}, ""},
		{[]string{"--files-from", nul, "-0", seeds[0]}, ""},
		{[]string{"--files-from", "-", seeds[0]}, strings.Join(seeds[1:], "\r\n")},
		{[]string{"-0", "--files-from", "-", seeds[0]}, strings.Join(seeds[1:], "\x00")},
		// Named twice, read once: no exact copy of itself.
		{[]string{"--files-from", lines, seeds[0], seeds[1], seeds[0]}, ""},
	} {
		args := append([]string{"scan", "-q"}, tt.args...)
		code, out, errOut := runWith(t, tt.stdin, args...)
		if code != exitOK || !sameButInputs(out, want) {
			t.Errorf("dedupe %q: exit %d, stderr %q, stdout\n%s\nwant the scan of the seeds named:\n%s", args, code, errOut, out, want)
		}
	}

	// The inputs are the paths named, then those listed.
	if rep, _ := scanJSON(t, "scan", "-q", "--files-from", lines, seeds[0]); !reflect.DeepEqual(rep.Inputs, append(seeds[:1:1], seeds[1:]...)) {
		t.Errorf("inputs %q; want %q", rep.Inputs, seeds)
	}

	db := filepath.Join(dir, "a.db")
	if code, _, errOut := runWith(t, "", "index", "add", "-q", "--db", db, "--files-from", lines); code != exitOK {
		t.Fatalf("index add --files-from: exit %d: %s", code, errOut)
	}
	if code, out, errOut := runWith(t, seedOriginal+"\n", "check", "-q", "--db", db, "--format", "text", "--files-from", "-"); code != exitDuplicates || !strings.HasPrefix(out, "1 document checked against 4 archived") {
		t.Errorf("check --files-from -: exit %d, stderr %q, stdout %q; want %d and the original checked against the 4 others", code, errOut, out, exitDuplicates)
	}

	short := filepath.Join(dir, "short.txt")
	if err := os.WriteFile(short, []byte("three short words"), 0o644); err != nil {
		t.Fatal(err)
	}
	listMissing := filepath.Join(dir, "missing.list")
	if err := os.WriteFile(listMissing, []byte(seeds[0]+"\n"+filepath.Join(dir, "gone.txt")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"scan"}, "dedupe: no input: name files or folders, or --files-from a list\nRun 'dedupe scan --help' for usage.\n"},
		{[]string{"scan", "-0", seeds[0]}, "dedupe: -0 goes with --files-from or --print-copies\nRun 'dedupe scan --help' for usage.\n"},
		{[]string{"scan", "--files-from", "-", "-"}, "dedupe: --files-from - reads the list from standard input, which \"-\" cannot read as well\nRun 'dedupe scan --help' for usage.\n"},
		{[]string{"scan", "--files-from", filepath.Join(dir, "none.txt")}, fmt.Sprintf("dedupe: --files-from: open %q: no such file or directory\n", filepath.Join(dir, "none.txt"))},
		// A name that is no file fails before anything is read: index add printed the skipped
		// short.txt first, and with more to read committed batches before failing.
		{[]string{"index", "add", "--db", filepath.Join(dir, "x.db"), short, filepath.Join(dir, "gone.txt")}, fmt.Sprintf("dedupe: open %q: no such file or directory\n", filepath.Join(dir, "gone.txt"))},
		// A listed name that is no file: the error named it alone, as if it were an argument.
		{[]string{"scan", "--files-from", listMissing}, fmt.Sprintf("dedupe: --files-from %q lists %q: no such file or directory\n", listMissing, filepath.Join(dir, "gone.txt"))},
	} {
		if code, out, errOut := runWith(t, "", tt.args...); code != exitError || out != "" || errOut != tt.want {
			t.Errorf("dedupe %q: exit %d, stderr %q; want %d, %q", tt.args, code, errOut, exitError, tt.want)
		}
	}
}

// TestScanFolderAndItsFile checks the case: a folder and a file in it, named together,
// give the folder's scan, not an exact copy of the file of itself.
func TestScanFolderAndItsFile(t *testing.T) {
	_, alone := scanJSON(t, "scan", "-q", seedsDir)
	_, both := scanJSON(t, "scan", "-q", seedsDir, filepath.Join(seedsDir, seed000))
	if !sameButInputs(alone, both) {
		t.Errorf("scan DIR DIR/000.txt differs from scan DIR but for its inputs:\n%s", both)
	}
}

// sameButInputs reports whether two JSON reports are the same but for their inputs.
func sameButInputs(a, b string) bool {
	cut := func(s string) string {
		i := strings.Index(s, `"inputs"`)
		j := strings.Index(s, `"params"`)
		return s[:i] + s[j:]
	}
	return cut(a) == cut(b)
}

// runWith runs the command line in-process with stdin and returns its exit code, stdout and
// stderr.
func runWith(t *testing.T, stdin string, args ...string) (exitCode, string, string) {
	t.Helper()
	var out, errOut strings.Builder
	code := run(args, streams{In: strings.NewReader(stdin), Out: &out, Err: &errOut})
	return code, out.String(), errOut.String()
}

// TestScanStdinFileList checks the "find ... | dedupe scan -": the list is read as
// one article, as "-" says, with a warning that names --files-from. The article, a list of
// five names, is too short: the scan reads no document and fails, the warning said first.
func TestScanStdinFileList(t *testing.T) {
	seeds, err := filepath.Glob(filepath.Join(seedsDir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runWith(t, strings.Join(seeds, "\n")+"\n", "scan", "-")
	const want = "warning: \"-\": standard input looks like a list of files, read as one article: to read the files, use --files-from -\n"
	if code != exitError || !strings.Contains(errOut, want) {
		t.Errorf("scan - of a file list: exit %d, stderr:\n%s\nwant 2 and %q", code, errOut, want)
	}
	if _, _, errOut := runWith(t, "An article of a few words.\n"+seeds[0]+"\n", "scan", "-"); strings.Contains(errOut, "list of files") {
		t.Errorf("an article naming a file is taken for a list:\n%s", errOut)
	}
}

// TestMissingFileWording: every command names a missing file in the system's words, as scan
// does, with its context before them: compare said `open "x": file does not exist`, and
// check and index stats `index "x.db": file does not exist`.
func TestMissingFileWording(t *testing.T) {
	dir := t.TempDir()
	missing, db := filepath.Join(dir, "nofile.txt"), filepath.Join(dir, "nodb.db")
	seed := filepath.Join(seedsDir, "000_92edbd9511bc3411.txt")
	open := fmt.Sprintf("open %q: no such file or directory", missing)
	openDB := fmt.Sprintf("open index %q: no such file or directory", db)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"scan", missing}, open},
		{[]string{"index", "add", "--db", db, missing}, open},
		{[]string{"compare", missing, seed}, "cannot compare: " + open},
		{[]string{"compare", seed, missing + "#a0"}, fmt.Sprintf("cannot compare: open %q: no such file or directory", missing+"#a0")},
		{[]string{"check", "--db", db, seed}, openDB},
		{[]string{"index", "stats", "--db", db}, openDB},
		{[]string{"index", "rm", "--db", db, "a"}, openDB},
	} {
		if code, _, errOut := runWith(t, "", tt.args...); code != exitError || errOut != "dedupe: "+tt.want+"\n" {
			t.Errorf("dedupe %q: exit %d, stderr %q; want 2 and %q", tt.args, code, errOut, "dedupe: "+tt.want+"\n")
		}
	}
}
