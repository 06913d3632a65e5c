package main

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// TestExamples runs every example of the commands' help and every dedupe command line of the
// README, in bash with dedupe on the PATH (this test binary, see TestMain), each in a fresh
// copy of a folder holding the files the examples name (exampleFixture). An example passes
// when it exits with 0, or 1 for check, which finds duplicates (issue 17, item 6).
func TestExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every example of the help and the README")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	_, jqErr := exec.LookPath("jq")
	examples := append(helpExamples(t), readmeExamples(t)...)
	if len(examples) < 30 {
		t.Fatalf("%d examples found; want the help's and the README's, more than 30", len(examples))
	}
	bin := dedupeOnPath(t)
	template := exampleFixture(t)
	seen := map[string]bool{}
	for _, ex := range examples {
		if seen[ex] {
			continue
		}
		seen[ex] = true
		t.Run(ex, func(t *testing.T) {
			if jqErr != nil && strings.Contains(ex, "| jq") {
				t.Skip("no jq")
			}
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(template)); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(ex, "index add") {
				// Each index add example makes its own index, with its own parameters.
				if err := os.Remove(filepath.Join(dir, "archive.db")); err != nil {
					t.Fatal(err)
				}
			}
			cmd := exec.Command(bash, "-e", "-o", "pipefail", "-c", ex)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "DEDUPE_TEST_MAIN=1")
			out, err := cmd.CombinedOutput()
			code := cmd.ProcessState.ExitCode()
			if code != 0 && !(code == 1 && strings.Contains(ex, "dedupe check")) {
				t.Errorf("exit %d (%v); output:\n%s", code, err, out)
			}
		})
	}
}

// helpExamples returns the examples of every command's help, without their "$ ".
func helpExamples(t *testing.T) []string {
	t.Helper()
	var g GlobalOptions
	var out []string
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for line := range strings.Lines(c.Example) {
			if ex, ok := strings.CutPrefix(strings.TrimSpace(line), "$ "); ok {
				out = append(out, ex)
			} else if strings.TrimSpace(line) != "" {
				t.Errorf("%s: example line %q does not begin with $", c.CommandPath(), line)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRootCommand(&g, streams{}))
	return out
}

// readmeExamples returns the lines of the README's sh blocks that run dedupe, without their
// comments.
func readmeExamples(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	comment := regexp.MustCompile(`\s+# .*$`)
	var out []string
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "```"):
			in = line == "```sh"
		case in:
			if line = comment.ReplaceAllString(line, ""); strings.Contains(line, "dedupe ") {
				out = append(out, line)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// dedupeOnPath returns a folder holding "dedupe", a script that runs this test binary as
// dedupe (see TestMain).
func dedupeOnPath(t *testing.T) string {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	script := "#!/bin/sh\nDEDUPE_TEST_MAIN=1 exec '" + self + "' \"$@\"\n"
	if err := os.WriteFile(filepath.Join(bin, "dedupe"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return bin
}

// exampleFixture returns a folder holding every file the examples name, made of the seeds
// (000 the original, 001 its paraphrase, 002 its spun copy, 003 and 004 other reports), and
// archive.db, an index of archive/, articles/ and export.jsonl; pages/ holds newspaper pages.
func exampleFixture(t *testing.T) string {
	t.Helper()
	seed := func(i int) []byte {
		names, err := filepath.Glob(filepath.Join(seedsDir, "00"+string(rune('0'+i))+"_*.txt"))
		if err != nil || len(names) != 1 {
			t.Fatalf("seed %d: %v %v", i, names, err)
		}
		b := testfs.ReadFile(t, names[0])
		return b
	}
	page := func(i int) []byte {
		names, _ := filepath.Glob(filepath.Join("../../testdata/html-seeds", "00"+string(rune('0'+i))+"_*.html"))
		b := testfs.ReadFile(t, names[0])
		return b
	}
	records := func(gz bool, ids ...string) []byte {
		var b strings.Builder
		enc := json.NewEncoder(&b)
		for i, id := range ids {
			text := string(seed(i))
			if err := enc.Encode(map[string]any{"id": id, "text": text, "body": map[string]string{"text": text}}); err != nil {
				t.Fatal(err)
			}
		}
		if !gz {
			return []byte(b.String())
		}
		return testfs.Gzip(t, []byte(b.String()))
	}
	// An AP-style SGML collection: a file without an extension holding <DOC> records.
	docs := func(ids ...string) []byte {
		var b strings.Builder
		for i, id := range ids {
			b.WriteString("<DOC>\n<DOCNO> " + id + " </DOCNO>\n<TEXT>\n")
			b.WriteString(strings.NewReplacer("&", "&amp;", "<", "&lt;").Replace(string(seed(i))))
			b.WriteString("\n</TEXT>\n</DOC>\n")
		}
		return []byte(b.String())
	}
	files := map[string][]byte{
		"ap89/ap890101":   docs("AP890101-0001", "AP890101-0002", "AP890101-0003"),
		"archive/000.txt": seed(0), "archive/2024/retracted.txt": seed(1), "archive/003.txt": seed(3), "archive/004.txt": seed(4),
		"articles/000.txt": seed(0), "articles/002.txt": seed(2), "articles/old.txt": seed(3),
		"site/000.html": page(0), "site/001.html": page(1), "site/drafts/002.html": page(2),
		"archive.jsonl.gz": records(true, "a0", "a1", "a2"), "export.jsonl.gz": records(true, "e0", "e1"),
		"export.jsonl": records(false, "4711", "4712"),
		"story.txt":    seed(2), "a.txt": seed(0), "b.txt": seed(2), "original.txt": seed(0), "copy.txt": seed(2),
		"a.html": page(0), "b.html": page(2),
		"incoming/story.txt": seed(2), "new/story.txt": seed(1), "today/001.txt": seed(1), "today/002.txt": seed(2),
	}
	for i := range 5 {
		names, _ := filepath.Glob(filepath.Join(seedsDir, "00"+string(rune('0'+i))+"_*.txt"))
		files["testdata/seeds/"+filepath.Base(names[0])] = seed(i)
	}
	// pages/: twenty of the labelled newspaper pages of one day, for dedupe passages.
	pages, err := filepath.Glob("../../testdata/passages/pages/19160106/*.txt.gz")
	if err != nil || len(pages) < 20 {
		t.Fatalf("pages: %d, %v", len(pages), err)
	}
	for _, p := range pages[:20] {
		b := testfs.ReadFile(t, p)
		files["pages/19160106/"+filepath.Base(p)] = b
	}
	dir := testfs.WorkIn(t, files)
	if code, _, errOut := dedupe(t, "index", "add", "-q", "--db", "archive.db", "archive/", "articles/", "export.jsonl"); code != exitOK {
		t.Fatalf("index add: exit %d: %s", code, errOut)
	}
	return dir
}
