package archive

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/report"
)

func TestAddBatchSize(t *testing.T) {
	for _, tt := range []struct{ indexed, batch, want int }{
		{0, AddBatch, 1000}, {15999, AddBatch, 1000}, {16000, AddBatch, 2000}, {100000, AddBatch, 12000},
		{1000000, AddBatch, 25000}, {0, 10, 10}, {160, 10, 20}, {1000000, 10, 250},
	} {
		if got := addBatchSize(tt.indexed, tt.batch); got != tt.want {
			t.Errorf("addBatchSize(%d, %d) = %d; want %d", tt.indexed, tt.batch, got, tt.want)
		}
	}
}

func TestGitHubMessage(t *testing.T) {
	if got, want := githubMessage("50% done\r\nnext"), "50%25 done%0D%0Anext"; got != want {
		t.Errorf("githubMessage = %q; want %q", got, want)
	}
}

// TestAnnotatedFile: an annotation names the file on disk that GitHub can attach it to: a
// record's file, a name without its escapes, a file whose name holds "#" as it is.
func TestAnnotatedFile(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"export.jsonl", `a\x41b.txt`, "b#c.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for path, want := range map[string]string{
		"export.jsonl#a0":  "export.jsonl",
		`a\x5cx41b.txt`:    `a\x41b.txt`,
		"b#c.txt":          "b#c.txt",
		"gone.jsonl#a0":    "gone.jsonl#a0",
		"bad\\xffname.txt": "bad\\xffname.txt", // not UTF-8 raw: left escaped
	} {
		if got := annotatedFile(filepath.Join(dir, path)); got != filepath.Join(dir, want) {
			t.Errorf("annotatedFile(%q) = %q; want %q", path, got, filepath.Join(dir, want))
		}
	}
}

// TestGitHubCount: a check with more copies than GitHub shows annotations of a step starts
// with one that counts them, so that the count is shown; one whose copies all show has none.
func TestGitHubCount(t *testing.T) {
	for _, n := range []int{githubShown, githubShown + 1} {
		rep := &Report{Stats: Stats{Checked: 40, Duplicates: n}}
		for i := range n {
			rep.Documents = append(rep.Documents, CheckedDoc{Member: report.Member{Path: fmt.Sprintf("a%d.txt", i)}, Duplicate: true,
				Matches: []report.Pair{{A: "old.txt", Relation: "exact", Score: 1, Jaccard: 1}}})
		}
		var b strings.Builder
		if err := writeGitHub(&b, rep); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(b.String()), "\n")
		const count = "::error title=dedupe found 11 copies of archived articles::11 of the 40 articles checked copy archived ones; GitHub shows the first annotations of a step, the log lists them all"
		switch {
		case n == githubShown && (len(lines) != n || strings.HasPrefix(lines[0], "::error title=")):
			t.Errorf("%d copies: %d lines, first %q; want one a copy, no count", n, len(lines), lines[0])
		case n > githubShown && (len(lines) != n+1 || lines[0] != count):
			t.Errorf("%d copies: %d lines, first %q; want the count first:\n%s", n, len(lines), lines[0], count)
		}
	}
}

// TestOtherSpellings: the names an add from another folder gives a file are its absolute path
// and that path's tails, a record's id after them whatever it holds; standard input has none.
// Of an archived name, only the file it names from here tells whether it is the same.
func TestOtherSpellings(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, f := range []string{"x.jsonl", "articles/a.txt", "partner/articles/a.txt"} {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte("text"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	abs := filepath.ToSlash(dir) // the working directory, as filepath.Abs joins it
	for path, want := range map[string][]string{
		"articles/a.txt":                  {abs + "/articles/a.txt", "a.txt"},
		"./articles/a.txt":                {abs + "/articles/a.txt", "articles/a.txt", "a.txt"},
		"x.jsonl#https://example.com/a/b": {abs + "/x.jsonl#https://example.com/a/b"},
		abs + "/b/c.txt":                  {"c.txt", "b/c.txt"},
		"-":                               nil,
		"-#a0":                            nil,
		"../up/articles.txt":              {filepath.ToSlash(filepath.Dir(dir)) + "/up/articles.txt", "articles.txt", "up/articles.txt"},
	} {
		got := otherSpellings(path)
		for _, name := range want {
			if !slices.Contains(got, name) {
				t.Errorf("otherSpellings(%q) = %q; want it to hold %q", path, got, name)
			}
		}
		if slices.Contains(got, path) || want == nil && got != nil || slices.Contains(got, "b") {
			t.Errorf("otherSpellings(%q) = %q; want neither the path itself, nor a tail of a record's id, nor, for standard input, any", path, got)
		}
	}
	for _, tt := range []struct {
		indexed, path string
		want          fileState
	}{
		{abs + "/articles/a.txt", "articles/a.txt", sameFile},
		{"articles/a.txt", "partner/articles/a.txt", otherFile},
		{"a.txt", "articles/a.txt", noFile},
		{abs + "/x.jsonl#1", "x.jsonl#1", sameFile},
		{abs + "/x.jsonl#1", "x.jsonl#2", otherFile},
	} {
		if got := fileOf(tt.indexed, tt.path); got != tt.want {
			t.Errorf("fileOf(%q, %q) = %d; want %d", tt.indexed, tt.path, got, tt.want)
		}
	}
}
