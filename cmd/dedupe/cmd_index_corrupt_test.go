package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/index"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// indexCommand is a command that opens an index: dedupe <name> --db F <args>.
type indexCommand struct {
	name string
	args []string // an article to check or add, an indexed id to remove
}

// indexCommands are every command that opens an index.
var indexCommands = []indexCommand{
	{"index stats", nil},
	{"check", []string{seedSpun}},
	{"index add", []string{seedSpun}},
	{"index rm", []string{seedOther}},
	{"index check", nil},
}

// runOnCopy runs cmd on a copy of the index b and returns its exit status, its stderr with the
// copy's name replaced by F, and the copy's bytes afterwards.
func runOnCopy(t *testing.T, b []byte, cmd indexCommand) (exitCode, string, []byte) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(db, b, 0o644); err != nil {
		t.Fatal(err)
	}
	args := append(strings.Fields(cmd.name), "--db", db)
	code, _, errOut := dedupe(t, append(args, cmd.args...)...)
	after := testfs.ReadFile(t, db)
	return code, strings.ReplaceAll(errOut, db, "F"), after
}

// TestIndexTruncated checks issue 19, item 3's first repro: an index cut to half its size made
// stats, check and add die with a fault in bbolt and rm panic. Every command must now fail with
// "corrupt index" naming the file, and leave it as it was.
func TestIndexTruncated(t *testing.T) {
	good := testfs.ReadFile(t, indexSeeds(t))
	half := good[:len(good)/2]
	want := fmt.Sprintf(`dedupe: index "F": corrupt index: truncated: %d bytes, but its`, len(half))
	for _, cmd := range indexCommands {
		code, errOut, after := runOnCopy(t, half, cmd)
		if code != exitError || !strings.HasPrefix(errOut, want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q; want %d and one line %q...", cmd, code, errOut, exitError, want)
		}
		if !bytes.Equal(after, half) {
			t.Errorf("%v changed the file", cmd)
		}
	}
}

// TestIndexOverwritten checks issue 19, item 3's second repro: 64 random bytes written at 30
// offsets of an index made stats and add panic. Every command must now work or fail with
// "corrupt index" and leave the file as it was; index check must find whatever another command
// found.
func TestIndexOverwritten(t *testing.T) {
	good := testfs.ReadFile(t, indexSeeds(t))
	r := rand.New(rand.NewPCG(19, 8))
	corrupt := 0
	for range 30 {
		b, off := index.Overwritten(r, good, 64)
		found := map[string]bool{}
		for _, cmd := range indexCommands {
			code, errOut, after := runOnCopy(t, b, cmd)
			ok := code == exitOK || cmd.name == "check" && code == exitDuplicates
			switch {
			case !ok && (code != exitError || !strings.HasPrefix(errOut, `dedupe: index "F": corrupt index: `)):
				t.Errorf("bytes at %d, %v: exit %d, stderr %q; want success or corrupt index", off, cmd, code, errOut)
			case !ok && !bytes.Equal(after, b):
				t.Errorf("bytes at %d, %v failed and changed the file", off, cmd)
			}
			found[cmd.name] = !ok
		}
		if found["index check"] {
			corrupt++
		}
		for cmd, failed := range found {
			if failed && !found["index check"] {
				t.Errorf("bytes at %d: %s found the index corrupt, index check did not", off, cmd)
			}
		}
	}
	t.Logf("index check found %d of 30 damaged indexes corrupt", corrupt)
}

// TestIndexEmptyFile checks issue 19, item 8: a 0-byte --db, as mktemp makes, failed index add
// with "not a dedupe index" and left 16 KB of unusable file; stats and check said "bad file
// descriptor". add now makes it an index; the other commands say so and leave it empty.
func TestIndexEmptyFile(t *testing.T) {
	const want = `dedupe: index "F" is an empty file, not yet an index: "dedupe index add" makes it one` + "\n"
	for _, cmd := range indexCommands {
		code, errOut, after := runOnCopy(t, nil, cmd)
		if cmd.name == "index add" {
			if code != exitOK || !strings.Contains(errOut, "1 added") {
				t.Errorf("%v: exit %d, stderr %q; want an index of 1 document", cmd, code, errOut)
			}
			continue
		}
		if code != exitError || errOut != want || len(after) != 0 {
			t.Errorf("%v: exit %d, stderr %q, %d bytes; want %d, %q and an empty file", cmd, code, errOut, len(after), exitError, want)
		}
	}
}
