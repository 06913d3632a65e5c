package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// jsonlOf returns JSON lines of records with the given ids ("" for none) and the texts of
// the seed articles, in turn.
func jsonlOf(t *testing.T, ids ...string) string {
	t.Helper()
	seeds := []string{seedOriginal, seedIndependent, seedOther}
	var b strings.Builder
	for i, id := range ids {
		text := testfs.ReadFile(t, seeds[i%len(seeds)])
		rec := map[string]string{"text": string(text)}
		if id != "" {
			rec["id"] = id
		}
		line, _ := json.Marshal(rec)
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// TestIndexAddJSONLIDs checks that a repeated id is renamed with a warning instead of
// replacing the first record, and that an id too long for the index skips its record only;
// it once failed the whole batch with exit status 2 (issue 19, items 5 and 6).
func TestIndexAddJSONLIDs(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "ids.jsonl")
	if err := os.WriteFile(f, []byte(jsonlOf(t, "dup", "dup", strings.Repeat("x", 40<<10), "")), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "ids.db")
	code, _, errOut := dedupe(t, "index", "add", "--db", db, f)
	if code != exitOK {
		t.Fatalf("index add: exit %d\n%s", code, errOut)
	}
	for _, want := range []string{
		`warning: "` + f + `":2: name "dup" already used in this file: renamed "dup~2"`,
		`skipped "` + f + `":3: id longer than 8192 bytes`,
		"3 added, 0 replaced",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if code, _, errOut := dedupe(t, "index", "rm", "--db", db, f+"#dup", f+"#dup~2", f+"#L4"); code != exitOK {
		t.Errorf("index rm of the three names: exit %d, %s", code, errOut)
	}
}

// TestIndexAddCountsShortRecords: index add counts every record too short to index, those
// listed one by one and those counted in one entry past a file's first 1,000 alike, and
// --strict fails on all of them.
func TestIndexAddCountsShortRecords(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "short.jsonl")
	if err := os.WriteFile(f, []byte(strings.Repeat(`{"text":"four words too few"}`+"\n", 1004)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := dedupe(t, "index", "add", "--strict", "--db", filepath.Join(dir, "s.db"), f)
	for _, want := range []string{
		`skipped "` + f + `#L1001":1001: 4 more records skipped from here on, not listed one by one (the 1000 before are); the first: too short: 4 words, --min-words is 30`,
		"0 added, 0 replaced, 0 unchanged, 1,004 skipped",
		"--strict: 1,004 inputs skipped and 0 warnings",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if code != exitError {
		t.Errorf("exit %d, want %d", code, exitError)
	}
}

// TestNonUTF8Names checks that two files whose names differ only in bytes that are not UTF-8
// get two names in the JSON output, and that index rm takes the names back, as shown or raw
// (issue 19, item 7).
func TestNonUTF8Names(t *testing.T) {
	dir := seedDir(t, map[string]string{"a\xff.txt": seedOriginal, "a\xfe.txt": seedOther})
	code, out, errOut := dedupe(t, "scan", "--singletons", dir)
	if code != exitOK {
		t.Fatalf("scan: exit %d\n%s", code, errOut)
	}
	for _, want := range []string{`/a\\xfe.txt"`, `/a\\xff.txt"`} {
		if !strings.Contains(out, want) {
			t.Errorf("scan output lacks %s:\n%s", want, out)
		}
	}
	db := filepath.Join(t.TempDir(), "a.db")
	if code, _, errOut := dedupe(t, "index", "add", "--db", db, dir); code != exitOK {
		t.Fatalf("index add: exit %d\n%s", code, errOut)
	}
	code, out, _ = dedupe(t, "check", "--db", db, filepath.Join(dir, "a\xff.txt"))
	if rep := decodeCheck(t, out); code != exitOK || len(rep.Documents) != 1 || rep.Documents[0].Path != filepath.Join(dir, `a\xff.txt`) {
		t.Errorf("check: exit %d, %+v; want 0 and the escaped name", code, rep.Documents)
	}
	shown, raw := filepath.Join(dir, `a\xff.txt`), filepath.Join(dir, "a\xfe.txt")
	if code, _, errOut := dedupe(t, "index", "rm", "--db", db, shown, raw); code != exitOK {
		t.Errorf("index rm %q %q: exit %d, %s", shown, raw, code, errOut)
	}

	// A line feed in a name: text output prints it "\x0a", and index rm takes that form too.
	lf := seedDir(t, map[string]string{"x\ny.txt": seedOriginal})
	if code, _, errOut := dedupe(t, "index", "add", "-q", "--db", db, lf); code != exitOK {
		t.Fatalf("index add: exit %d\n%s", code, errOut)
	}
	text := filepath.Join(lf, `x\x0ay.txt`)
	if code, _, errOut := dedupe(t, "index", "rm", "--db", db, text); code != exitOK || !strings.Contains(errOut, "removed 1 document") {
		t.Errorf("index rm %q: exit %d, %s; want the document named with a line feed removed", text, code, errOut)
	}
}
