package main

import (
	"os"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// TestCheckEditedArchived: an archived article checked again, as a pull request that edits it
// has it, reports only the copies the edit made. Archived here: a story (a.txt), its spun
// reprint (b.txt) and an unrelated story (c.txt). A word corrected in a.txt makes no new copy
// (the reprint was its duplicate before); a.txt rewritten as a copy of c.txt does.
func TestCheckEditedArchived(t *testing.T) {
	read := func(path string) string {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	story, spun, other := read(seedOriginal), read(seedSpun), read(seedIndependent)
	testfs.WorkIn(t, map[string]string{"articles/a.txt": story, "articles/b.txt": spun, "articles/c.txt": other})
	if code, _, errOut := dedupe(t, "index", "add", "-q", "--db", "archive.db", "articles/"); code != exitOK {
		t.Fatalf("index add: exit %d: %s", code, errOut)
	}

	corrected := strings.Replace(story, "Moscow", "MOSCOW", 1)
	testfs.WriteFiles(t, ".", map[string]string{"articles/a.txt": corrected})
	code, out, errOut := dedupe(t, "check", "--db", "archive.db", "articles/a.txt")
	rep := decodeCheck(t, out)
	if code != exitOK || rep.Stats.Duplicates != 0 || rep.Stats.ArchivedMatches != 1 || !strings.Contains(errOut, "0 verified (1 more their archived versions had, not reported); 0 duplicates") {
		t.Errorf("a corrected word: exit %d, stats %+v, stderr %q; want 0, no duplicate and the reprint's match left out, and counted", code, rep.Stats, errOut)
	}

	testfs.WriteFiles(t, ".", map[string]string{"articles/a.txt": other})
	code, out, _ = dedupe(t, "check", "--db", "archive.db", "articles/a.txt")
	rep = decodeCheck(t, out)
	if code != exitDuplicates || len(rep.Documents) != 1 || len(rep.Documents[0].Matches) != 1 || !strings.Contains(string(rep.Documents[0].Matches[0]), `"a": "articles/c.txt"`) {
		t.Errorf("rewritten as a copy of c.txt: exit %d, report %s; want 1 and the match with c.txt", code, out)
	}
}

// TestCheckSourceArchived: a new article that holds an archived one and more is a partial copy
// whose likely source, undated, is the archived one (the text alone named the new article).
func TestCheckSourceArchived(t *testing.T) {
	read := func(path string) string {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	story, other, more := read(seedOther), read(seedIndependent), read(seedParaphrase)
	testfs.WorkIn(t, map[string]string{"articles/a.txt": story, "new.txt": story + "\n\n" + other + "\n\n" + more})
	if code, _, errOut := dedupe(t, "index", "add", "-q", "--db", "archive.db", "articles/"); code != exitOK {
		t.Fatalf("index add: exit %d: %s", code, errOut)
	}
	code, out, _ := dedupe(t, "check", "--db", "archive.db", "new.txt")
	rep := decodeCheck(t, out)
	if code != exitDuplicates || len(rep.Documents) != 1 || len(rep.Documents[0].Matches) != 1 {
		t.Fatalf("exit %d, report %s; want 1 and one match", code, out)
	}
	if m := string(rep.Documents[0].Matches[0]); !strings.Contains(m, `"relation": "partial"`) || !strings.Contains(m, `"source": "articles/a.txt"`) {
		t.Errorf("match %s; want a partial copy whose source is articles/a.txt", m)
	}
}
