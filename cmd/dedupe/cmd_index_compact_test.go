package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// TestIndexRmCompact: removing a seed from a new index would double its file (bbolt copies the
// pages a write changes before it frees the old ones); rm compacts it back. A later addition
// leaves freed pages, and index compact shrinks the file without changing what check answers.
func TestIndexRmCompact(t *testing.T) {
	db := filepath.Join(t.TempDir(), "archive.db")
	seeds := []string{seedOriginal, seedParaphrase, seedSpun, seedIndependent, seedOther}
	if code, _, errOut := dedupe(t, append([]string{"index", "add", "--db", db}, seeds...)...); code != exitOK {
		t.Fatalf("index add: exit %d\n%s", code, errOut)
	}
	// With the df bucket (format 3) the first transaction leaves free pages too: compact
	// first, so that the removal below starts from a file without any.
	if code, _, errOut := dedupe(t, "index", "compact", "--db", db); code != exitOK {
		t.Fatalf("index compact: exit %d\n%s", code, errOut)
	}
	added := testfs.Size(t, db)
	if added != 131072 {
		t.Fatalf("index of the seeds: %d bytes; want 131072 (32 pages)", added)
	}
	code, _, errOut := dedupe(t, "index", "rm", "--db", db, seedOriginal)
	want := fmt.Sprintf("dedupe: removed 1 document and compacted the file; index %q holds 4 documents (131.1 kB)\n", db)
	if code != exitOK || errOut != want {
		t.Errorf("index rm: exit %d, stderr %q; want 0, %q", code, errOut, want)
	}
	if got := testfs.Size(t, db); got > added {
		t.Errorf("after rm: %d bytes; want at most %d", got, added)
	}

	// Adding the seed back leaves free pages (with the anchors bucket, format 6, the addition
	// doubles the file where a removal did before): compact takes them out.
	if code, _, errOut := dedupe(t, "index", "add", "--db", db, seedOriginal); code != exitOK {
		t.Fatalf("index add: exit %d\n%s", code, errOut)
	}
	grown := testfs.Size(t, db)
	uncompacted := db + ".copy"
	data := testfs.ReadFile(t, db)
	if err := os.WriteFile(uncompacted, data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = dedupe(t, "index", "compact", "--db", db)
	compacted := testfs.Size(t, db)
	want = fmt.Sprintf("dedupe: compacted index %q from 262.1 kB to 131.1 kB\n", db)
	if code != exitOK || errOut != want || grown != 262144 || compacted != 131072 {
		t.Errorf("index compact: exit %d, stderr %q, %d to %d bytes; want 0, %q, 262144 to 131072", code, errOut, grown, compacted, want)
	}
	if code, _, errOut := dedupe(t, "index", "check", "--db", db); code != exitOK {
		t.Errorf("index check after compact: exit %d\n%s", code, errOut)
	}
	// The seeds under other names: new articles to the index (an archived one checked again
	// reports only the copies its change made).
	copies := t.TempDir()
	for _, seed := range seeds {
		data := testfs.ReadFile(t, seed)
		testfs.WriteFiles(t, copies, map[string][]byte{filepath.Base(seed): data})
	}
	check := func(db string) string {
		code, out, errOut := dedupe(t, "check", "--db", db, "--format", "json", copies)
		if code != exitDuplicates {
			t.Fatalf("check --db %s: exit %d; want %d\n%s", db, code, exitDuplicates, errOut)
		}
		return strings.ReplaceAll(out, db, "DB")
	}
	if got, want := check(db), check(uncompacted); got != want {
		t.Errorf("check after compact:\n%s\nwant, as before:\n%s", got, want)
	}
}
