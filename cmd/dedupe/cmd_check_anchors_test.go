package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// chronamDay is a folder of the chronam dev set's articles: the 17 cut from the front pages of
// 4 February 1916 (testdata/chronam/LABELLING.md).
var chronamDay = filepath.Join("..", "..", "testdata", "chronam", "articles", "19160204")

// TestCheckAnchors checks that check proposes the archived documents sharing rare passages
// with a new article, as scan does: the dev set's pair p199 (PARTIAL: one wire story among
// other items in both articles, shingle Jaccard 0.04) shares fewer band keys than the 7 that
// check asks of an archive of more than 2,000 documents, so that check finds it by its anchors
// alone, and not at all against an index built without them.
func TestCheckAnchors(t *testing.T) {
	a := filepath.Join(chronamDay, "sn83045389-ed-1_seq-1_a08.txt")
	b := filepath.Join(chronamDay, "sn84031081-ed-1_seq-1_a09.txt")
	for _, tt := range []struct {
		anchorMinShared string
		want            exitCode
		matches         []string
	}{
		{"5", exitDuplicates, []string{a}},
		{"0", exitOK, nil},
	} {
		db := filepath.Join(t.TempDir(), "archive.db")
		if code, _, errOut := dedupe(t, "index", "add", "--db", db, "--anchor-min-shared", tt.anchorMinShared, a); code != exitOK {
			t.Fatalf("index add: exit %d\n%s", code, errOut)
		}
		code, out, errOut := dedupe(t, "check", "--db", db, "--min-shared", "7", "--format", "json", b)
		if code != tt.want {
			t.Fatalf("--anchor-min-shared %s: check exit %d; want %d\n%s", tt.anchorMinShared, code, tt.want, errOut)
		}
		var got []string
		for _, m := range checkMatches(t, out) {
			got = append(got, m.A)
		}
		if !slices.Equal(got, tt.matches) {
			t.Errorf("--anchor-min-shared %s: matches %v; want %v", tt.anchorMinShared, got, tt.matches)
		}
	}
}

// TestCheckMatchesScan checks that checking each document of a small corpus against an index
// of the others verifies the pairs that a scan of the corpus verifies, with the same scores:
// the same candidates, by band keys and by anchors rare in the corpus, and the same weights
// (the index's document frequencies and the new document's are the corpus's). With 16 bands of
// 16 rows, the bands propose none of the chronam day's 5 verified pairs: the anchors propose
// them all. (That check counts the new document among an anchor's documents, as scan counts
// it in the corpus, is index.TestQueryAnchors's: these pairs do not depend on it.)
func TestCheckMatchesScan(t *testing.T) {
	entries, err := os.ReadDir(chronamDay)
	if err != nil {
		t.Fatal(err)
	}
	var docs []string
	for _, e := range entries {
		docs = append(docs, filepath.Join(chronamDay, e.Name()))
	}
	for _, flags := range [][]string{
		{"--bands", "16", "--rows", "16"},
		{"--bands", "16", "--rows", "16", "--anchor-max-docs", "2"},
		{"--anchor-max-docs", "2", "--anchor-min-shared", "2"},
	} {
		t.Run(strings.Join(flags, " "), func(t *testing.T) {
			code, out, errOut := dedupe(t, append(append([]string{"scan", "-q"}, flags...), docs...)...)
			if code != exitOK {
				t.Fatalf("scan: exit %d\n%s", code, errOut)
			}
			var rep struct {
				Clusters []struct{ Pairs []checkPair }
				Links    []checkPair
			}
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatal(err)
			}
			var scanned []checkPair
			for _, c := range rep.Clusters {
				scanned = append(scanned, c.Pairs...)
			}
			scanned = append(scanned, rep.Links...)
			var checked []checkPair
			for i, d := range docs {
				db := filepath.Join(t.TempDir(), "archive.db")
				args := append(append([]string{"index", "add", "-q", "--db", db}, flags...), slices.Delete(slices.Clone(docs), i, i+1)...)
				if code, _, errOut := dedupe(t, args...); code != exitOK {
					t.Fatalf("index add: exit %d\n%s", code, errOut)
				}
				code, out, errOut := dedupe(t, "check", "-q", "--db", db, "--format", "json", d)
				if code != exitOK && code != exitDuplicates {
					t.Fatalf("check %s: exit %d\n%s", d, code, errOut)
				}
				checked = append(checked, checkMatches(t, out)...)
			}
			// Check finds each pair twice, from either document; the score of a pair depends a
			// little on which document is a, and scan's is one of check's two.
			var want, got, scores []string
			for _, p := range scanned {
				want = append(want, p.key(), p.key())
			}
			for _, p := range checked {
				got = append(got, p.key())
				scores = append(scores, p.key()+" "+strconv.FormatFloat(p.Score, 'f', -1, 64))
			}
			slices.Sort(want)
			slices.Sort(got)
			if len(scanned) != 5 || !slices.Equal(got, want) {
				t.Errorf("check verified %d pairs:\n%s\nscan %d:\n%s", len(got), strings.Join(got, "\n"), len(want), strings.Join(want, "\n"))
			}
			for _, p := range scanned {
				if s := p.key() + " " + strconv.FormatFloat(p.Score, 'f', -1, 64); !slices.Contains(scores, s) {
					t.Errorf("scan's pair %s: check's scores %v", s, scores)
				}
			}
		})
	}
}

// checkPair is a verified pair of scan's and check's JSON.
type checkPair struct {
	A, B  string
	Score float64
}

// key returns the pair's documents, in order.
func (p checkPair) key() string {
	a, b := filepath.Base(p.A), filepath.Base(p.B)
	if a > b {
		a, b = b, a
	}
	return a + " " + b
}

// checkMatches returns the matches of every document of a check's JSON report.
func checkMatches(t *testing.T, out string) []checkPair {
	t.Helper()
	var rep struct {
		Documents []struct{ Matches []checkPair }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	var ms []checkPair
	for _, d := range rep.Documents {
		ms = append(ms, d.Matches...)
	}
	return ms
}
