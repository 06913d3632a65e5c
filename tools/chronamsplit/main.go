// Command chronamsplit cuts the OCR text of Chronicling America newspaper
// pages (../shared/datasets/chronam-1916) into articles, one file per
// article, so that dedupe can be developed and measured on real wire copy.
//
// Usage:
//
//	chronamsplit [-min 60] IN OUT
//
// IN is the dataset's dates directory (or the dataset root holding it), with
// pages at IN/YYYYMMDD/<LCCN>-ed-<edition>_seq-1.txt. Every page is written
// as OUT/YYYYMMDD/<LCCN>-ed-<edition>_seq-1_aNN.txt, NN = 01, 02, ... in page
// order. The page's lines are kept as they are: no re-wrapping, no joining of
// hyphenated words, no OCR repair (dedupe itself must cope with hard wraps).
// Concatenating a page's articles gives back the page, line for line, except
// that a page with fewer than -min words in all is not written at all.
//
// The rule. Pages have no blank lines; articles are recognised by their
// headlines, which 1916 papers set in capitals:
//
//   - A heading line is a line of at most 60 characters (trimmed) with at
//     least 5 letters, at least 75% of them upper case. Longer lines are body:
//     on some pages the OCR ran several columns together into long lines, and
//     those pages cannot be cut by this rule.
//   - Body words are the words (tokens with a letter) of the other lines.
//   - A run of heading lines starts a new article if the article being built
//     already holds at least -min body words (default 60). Otherwise the run
//     joins it: a short piece (a masthead, a one-paragraph item, a headline
//     deck) is merged forward into the article that follows it.
//   - At the end of a page, a last piece with fewer than -min body words is
//     appended to the article before it.
//
// Known errors of the rule: a subhead in capitals inside a long story cuts
// the story in two; a story of fewer than 60 words shares a file with the
// next; the first article of a page carries the masthead; advertisements
// and tables become articles of their own or join a neighbour. The rule is
// deterministic: the same pages always give the same articles.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

var pageName = regexp.MustCompile(`^(\d{8})/([^/]+)\.txt$`)

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("chronamsplit", flag.ContinueOnError)
	fs.SetOutput(stderr)
	minWords := fs.Int("min", 60, "fewest body words of an article; shorter pieces are merged forward")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: chronamsplit [-min 60] IN OUT")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return 2
	}
	in, out := fs.Arg(0), fs.Arg(1)
	if st, err := os.Stat(filepath.Join(in, "dates")); err == nil && st.IsDir() {
		in = filepath.Join(in, "dates")
	}
	var pages []string
	err := filepath.WalkDir(in, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(in, p)
		if err != nil {
			return err
		}
		if pageName.MatchString(filepath.ToSlash(rel)) {
			pages = append(pages, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		fmt.Fprintln(stderr, "chronamsplit:", err)
		return 1
	}
	sort.Strings(pages)
	var nArticles, nWords, nBytes, nSkipped int
	for _, rel := range pages {
		data, err := os.ReadFile(filepath.Join(in, filepath.FromSlash(rel)))
		if err != nil {
			fmt.Fprintln(stderr, "chronamsplit:", err)
			return 1
		}
		arts := Split(data, *minWords)
		if len(arts) == 0 {
			nSkipped++
			continue
		}
		m := pageName.FindStringSubmatch(rel)
		dir := filepath.Join(out, m[1])
		if err := os.MkdirAll(dir, 0o755); err != nil {
			fmt.Fprintln(stderr, "chronamsplit:", err)
			return 1
		}
		for i, a := range arts {
			name := filepath.Join(dir, fmt.Sprintf("%s_a%02d.txt", m[2], i+1))
			if err := os.WriteFile(name, a, 0o644); err != nil {
				fmt.Fprintln(stderr, "chronamsplit:", err)
				return 1
			}
			nArticles++
			nWords += len(bytes.Fields(a))
			nBytes += len(a)
		}
	}
	fmt.Fprintf(stdout, "%d pages, %d skipped (under %d words), %d articles, %d words, %.1f MB\n",
		len(pages), nSkipped, *minWords, nArticles, nWords, float64(nBytes)/1e6)
	return 0
}

// Split cuts one page into articles by the rule in the package doc. Each
// article is a run of the page's lines, each line ending in "\n".
func Split(page []byte, minWords int) [][]byte {
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(page))
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	type piece struct {
		lines []string
		words int
	}
	var pieces []piece
	cur := piece{}
	prevHeading := false
	for _, l := range lines {
		h := IsHeading(l)
		if h && !prevHeading && cur.words >= minWords {
			pieces = append(pieces, cur)
			cur = piece{}
		}
		cur.lines = append(cur.lines, l)
		if !h {
			cur.words += countWords(l)
		}
		prevHeading = h
	}
	if len(cur.lines) > 0 {
		if cur.words < minWords && len(pieces) > 0 {
			last := &pieces[len(pieces)-1]
			last.lines = append(last.lines, cur.lines...)
			last.words += cur.words
		} else {
			pieces = append(pieces, cur)
		}
	}
	var out [][]byte
	for _, p := range pieces {
		if p.words < minWords {
			continue // only possible for a page that is one short piece
		}
		var b bytes.Buffer
		for _, l := range p.lines {
			b.WriteString(l)
			b.WriteByte('\n')
		}
		out = append(out, b.Bytes())
	}
	return out
}

// IsHeading reports whether a line looks like a headline line: at most 60
// characters once trimmed, at least 5 letters, at least 75% of them upper case.
func IsHeading(line string) bool {
	t := strings.TrimSpace(line)
	if len([]rune(t)) > 60 {
		return false
	}
	var letters, upper int
	for _, r := range t {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters >= 5 && upper*4 >= letters*3
}

func countWords(line string) int {
	n := 0
	for _, f := range strings.Fields(line) {
		if strings.IndexFunc(f, unicode.IsLetter) >= 0 {
			n++
		}
	}
	return n
}
