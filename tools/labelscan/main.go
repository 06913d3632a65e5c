// Command labelscan measures a whole scan on the labelled chronam-1916 pairs: which of the
// pairs of a labelled set (testdata/chronam, testdata/chronam-holdout, read with package
// devset) a `dedupe scan --format json` of all the articles cut from the pages verified, and
// which it put in one cluster. The dev set's test (package explain) verifies every labelled
// pair, with document frequencies from the set's own articles; this measures what a user of
// the scan gets, candidate stage, boilerplate, the corpus's document frequencies and the
// clustering included.
//
// Usage:
//
//	labelscan -result scan.json SETDIR...
//
// The scan must be of the articles tools/chronamsplit cuts (scripts/bench-real.sh makes them):
// a labelled article DATE/NAME.txt is matched with the scanned document whose path ends in
// DATE/NAME.txt. A set of records of a collection (testdata/reuters-sample) names each by its
// id, "#32", matched with the scanned record of that id in any file. It prints one line per set
// and measure:
//
//	testdata/chronam verified: precision 0.894 recall 0.876 (tp 269, fp 32, fn 38, tn 133)
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dedupe-dev/dedupe/internal/devset"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// result is the part of a scan's JSON report that labelscan reads.
type result struct {
	Clusters []struct {
		ID      int `json:"id"`
		Members []struct {
			Path string `json:"path"`
		} `json:"members"`
		Pairs []pair `json:"pairs"`
	} `json:"clusters"`
	Links []pair `json:"links"`
}

type pair struct {
	A string `json:"a"`
	B string `json:"b"`
}

// run returns the exit status: 0 for success, 2 for usage and I/O errors.
func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("labelscan", flag.ContinueOnError)
	fl.SetOutput(stderr)
	resultPath := fl.String("result", "", "the JSON report of a scan of the cut articles (`file`)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: labelscan -result scan.json SETDIR...")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if *resultPath == "" || fl.NArg() == 0 {
		fl.Usage()
		return 2
	}
	res, err := readResult(*resultPath)
	if err != nil {
		fmt.Fprintln(stderr, "labelscan:", err)
		return 2
	}
	verified := map[[2]string]bool{}
	for _, p := range res.Links {
		verified[key(p.A, p.B)] = true
	}
	cluster := map[string]int{}
	for _, c := range res.Clusters {
		for _, p := range c.Pairs {
			verified[key(p.A, p.B)] = true
		}
		for _, m := range c.Members {
			cluster[article(m.Path)] = c.ID
		}
	}
	for _, dir := range fl.Args() {
		pairs, err := devset.Read(dir)
		if err != nil {
			fmt.Fprintln(stderr, "labelscan:", err)
			return 2
		}
		var ver, clu devset.Confusion
		for _, p := range pairs {
			a, b := article(p.A), article(p.B)
			ver.Add(p.Duplicate(), verified[key(a, b)])
			ca, inA := cluster[a]
			cb, inB := cluster[b]
			clu.Add(p.Duplicate(), inA && inB && ca == cb)
		}
		fmt.Fprintf(stdout, "%s verified: %v\n", dir, ver)
		fmt.Fprintf(stdout, "%s in one cluster: %v\n", dir, clu)
	}
	return 0
}

func readResult(path string) (*result, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var res result
	if err := json.Unmarshal(b, &res); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &res, nil
}

// article returns the DATE/NAME.txt end of an article's path, which names it in both the
// labelled set and the scan; for a record of a collection ("reut2-000.sgm#32"), its id after
// the last "#" with the "#" ("#32"), which a labelled set of records names it by, whatever
// the file that holds it.
func article(path string) string {
	if i := strings.LastIndexByte(path, '#'); i >= 0 {
		return path[i:]
	}
	path = filepath.ToSlash(path)
	parts := strings.Split(path, "/")
	if len(parts) < 2 {
		return path
	}
	return strings.Join(parts[len(parts)-2:], "/")
}

// key names the unordered pair of articles a and b.
func key(a, b string) [2]string {
	a, b = article(a), article(b)
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}
