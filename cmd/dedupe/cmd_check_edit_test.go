package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// TestCheckEditedArchived: an archived article checked again, as a pull request that edits it
// has it, reports only the copies the edit made. Archived here: a story (a.txt), its spun
// reprint (b.txt) and an unrelated story (c.txt). A word corrected in a.txt makes no new copy
// (the reprint was its duplicate before), nor do paragraphs added to it, a third more text (an
// update); a.txt rewritten as a copy of c.txt does.
func TestCheckEditedArchived(t *testing.T) {
	seeds := testfs.ReadFiles(t, []string{seedOriginal, seedSpun, seedIndependent, seedOther})
	story, spun, other, secondReport := seeds[0], seeds[1], seeds[2], seeds[3]
	testfs.WorkIn(t, map[string]string{"articles/a.txt": story, "articles/b.txt": spun, "articles/c.txt": other})
	if code, _, errOut := dedupe(t, "index", "add", "-q", "--db", "archive.db", "articles/"); code != exitOK {
		t.Fatalf("index add: exit %d: %s", code, errOut)
	}

	corrected := strings.Replace(story, "Moscow", "MOSCOW", 1)
	testfs.WriteFiles(t, ".", map[string]string{"articles/a.txt": corrected})
	code, out, errOut := dedupe(t, "check", "--db", "archive.db", "articles/a.txt")
	rep := decodeCheck(t, out)
	if code != exitOK || rep.Stats.Duplicates != 0 || rep.Stats.ArchivedMatches != 1 || !strings.Contains(errOut, "0 verified (1 more their archived versions had, not reported)\ndedupe: 0 duplicates (standard decision)\n") {
		t.Errorf("a corrected word: exit %d, stats %+v, stderr %q; want 0, no duplicate and the reprint's match left out, and counted, and the decision (a small archive: standard)", code, rep.Stats, errOut)
	}

	update := secondReport[:len(story)/3] // another report of the event, no copy of the story
	testfs.WriteFiles(t, ".", map[string]string{"articles/a.txt": story + "\n\n" + update[:strings.LastIndex(update, ". ")+1]})
	code, out, errOut = dedupe(t, "check", "--db", "archive.db", "articles/a.txt")
	rep = decodeCheck(t, out)
	if code != exitOK || rep.Stats.Duplicates != 0 || rep.Stats.ArchivedMatches != 1 {
		t.Errorf("a third more text: exit %d, stats %+v, stderr %q; want 0, no duplicate and the reprint's match left out", code, rep.Stats, errOut)
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
	seeds := testfs.ReadFiles(t, []string{seedOther, seedIndependent, seedParaphrase})
	story, other, more := seeds[0], seeds[1], seeds[2]
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

// TestCheckReusedAndStronger: the archived version's matches are left out only when the new
// text is a version of it, and only as far as it held them: a name reused for another article
// (a daily export's "daily.jsonl#1") reports what that article copies, and an article rewritten
// from a partial copy of another into a whole one reports it.
func TestCheckReusedAndStronger(t *testing.T) {
	seeds := testfs.ReadFiles(t, []string{seedOriginal, seedIndependent, seedOther, seedParaphrase, seedSpun})
	story, independent, other, paraphrase, spun := seeds[0], seeds[1], seeds[2], seeds[3], seeds[4]
	testfs.WorkIn(t, map[string]string{
		"articles/story.txt": story, "articles/c.txt": independent,
		// A copy of story.txt (82% of it there) under a name the next day's copy reuses.
		"articles/daily.txt":   paraphrase,
		"articles/partial.txt": other + "\n\n" + independent + "\n\n" + paraphrase[:2000], // holds c.txt among other text
	})
	if code, _, errOut := dedupe(t, "index", "add", "-q", "--db", "archive.db", "articles/"); code != exitOK {
		t.Fatalf("index add: exit %d: %s", code, errOut)
	}
	for _, tt := range []struct {
		name, path, text, match string
	}{
		// The spun copy holds less of story.txt (61%) than the paraphrase did, but is no version
		// of the paraphrase.
		{"a name reused for another copy of story.txt", "articles/daily.txt", spun, "articles/story.txt"},
		{"a partial copy of c.txt rewritten into a whole one", "articles/partial.txt", independent, "articles/c.txt"},
	} {
		testfs.WriteFiles(t, ".", map[string]string{tt.path: tt.text})
		code, out, errOut := dedupe(t, "check", "--db", "archive.db", tt.path)
		rep := decodeCheck(t, out)
		found := false
		for _, d := range rep.Documents {
			for _, m := range d.Matches {
				found = found || strings.Contains(string(m), `"a": "`+tt.match+`"`)
			}
		}
		if code != exitDuplicates || !found {
			t.Errorf("%s: exit %d, report %s, stderr %q; want 1 and the match with %s", tt.name, code, out, errOut, tt.match)
		}
	}
}

// TestIndexedFromAnotherFolder: an archive added by its absolute path and again from inside its
// folder holds each article under two names, neither of them the one check is given from the
// folder above. The second add says so, and check reports no copy of the edited article's own
// other names (it reported the edit as a near-exact copy of each). A copy in another folder
// whose name ends as an archived one's (partner/articles/a.txt) is no other name: the add does
// not warn of it, and check reports it.
func TestIndexedFromAnotherFolder(t *testing.T) {
	seeds := testfs.ReadFiles(t, []string{seedOriginal, seedSpun})
	story, spun := seeds[0], seeds[1]
	root := testfs.WorkIn(t, map[string]string{"articles/a.txt": story, "articles/b.txt": spun})
	abs := filepath.Join(root, "articles")
	if code, _, errOut := dedupe(t, "index", "add", "--db", "archive.db", abs); code != exitOK || strings.Contains(errOut, "warning") {
		t.Fatalf("index add %s: exit %d: %s", abs, code, errOut)
	}
	t.Chdir("articles")
	code, _, errOut := dedupe(t, "index", "add", "--db", "../archive.db", "a.txt", "b.txt")
	want := "warning: the index already held 2 of the documents added, with the same text, under another name that is the same file's or no file's from here (a.txt as " +
		filepath.Join(abs, "a.txt") + ", and 1 more)"
	if code != exitOK || !strings.Contains(errOut, want) {
		t.Errorf("index add from articles/: exit %d, stderr %q; want 0 and %q", code, errOut, want)
	}
	t.Chdir(root)

	testfs.WriteFiles(t, ".", map[string]string{"articles/a.txt": strings.Replace(story, "Moscow", "MOSCOW", 1)})
	code, out, _ := dedupe(t, "check", "--db", "archive.db", "articles/a.txt")
	rep := decodeCheck(t, out)
	if code != exitOK || rep.Stats.Duplicates != 0 || rep.Stats.ArchivedMatches != 3 {
		t.Errorf("a corrected word: exit %d, stats %+v; want 0, no duplicate, the reprint's 2 names and the article's name from inside left out", code, rep.Stats)
	}

	testfs.WriteFiles(t, ".", map[string]string{"partner/articles/a.txt": story})
	code, _, errOut = dedupe(t, "index", "add", "--db", "partner.db", "articles/")
	if code != exitOK {
		t.Fatalf("index add articles/: exit %d: %s", code, errOut)
	}
	if code, out, _ = dedupe(t, "check", "--db", "partner.db", "partner/articles/a.txt"); code != exitDuplicates {
		t.Errorf("check of partner/articles/a.txt, a copy of articles/a.txt: exit %d, report %s; want %d", code, out, exitDuplicates)
	}
	if code, _, errOut = dedupe(t, "index", "add", "--db", "partner.db", "partner/"); code != exitOK || strings.Contains(errOut, "warning") {
		t.Errorf("index add partner/: exit %d, stderr %q; want 0 and no warning: another file", code, errOut)
	}
}
