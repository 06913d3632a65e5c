// Package devset reads the labelled chronam-1916 dev set (testdata/chronam, rules in its
// LABELLING.md): article pairs cut from real 1916 front pages, each read and labelled COPY,
// PARTIAL, NOT, TABLE or SKIP. The dev set test of package explain and the score's fitting
// tool (tools/fitscore) read it through this package, so that both see the same pairs, the
// same texts and the same document frequencies. The held-out set (testdata/chronam-holdout)
// has the same files and is read the same way, by its test only: nothing is fitted on it. The
// Clough & Stevenson corpus and the court stories of testdata/court are read as labelled pairs
// too (CloughStevenson, Court).
package devset

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// Pair is one labelled pair; A and B are the articles' paths under the dev set's folder.
type Pair struct {
	ID, Pool, A, B, Label string
}

// Duplicate reports whether the label says one text copies a passage of the other: COPY and
// PARTIAL are duplicates, NOT and TABLE are not.
func (p Pair) Duplicate() bool { return p.Label == "COPY" || p.Label == "PARTIAL" }

// Read joins dir/pairs.tsv with dir/labels.tsv and returns the labelled pairs but the SKIPped
// ones, in the order of pairs.tsv. A pair without a label, or with a label that is none of
// COPY, PARTIAL, NOT, TABLE and SKIP, is an error naming the pair: a set half labelled must
// not pass for a smaller set.
func Read(dir string) ([]Pair, error) {
	labelsPath := filepath.Join(dir, "labels.tsv")
	labelRows, err := rows(labelsPath)
	if err != nil {
		return nil, err
	}
	labels := map[string]string{}
	for _, r := range labelRows {
		if len(r) < 2 || !known[r[1]] {
			return nil, fmt.Errorf("%s: pair %q: label %q is none of COPY, PARTIAL, NOT, TABLE, SKIP", labelsPath, r[0], strings.Join(r[1:min(len(r), 2)], ""))
		}
		labels[r[0]] = r[1]
	}
	pairsPath := filepath.Join(dir, "pairs.tsv")
	pairRows, err := rows(pairsPath)
	if err != nil {
		return nil, err
	}
	var pairs []Pair
	for _, r := range pairRows {
		if len(r) < 4 {
			return nil, fmt.Errorf("%s: pair %q has %d fields, want 4", pairsPath, r[0], len(r))
		}
		l, ok := labels[r[0]]
		if !ok {
			return nil, fmt.Errorf("%s: pair %q has no label in %s", pairsPath, r[0], labelsPath)
		}
		if l != "SKIP" {
			pairs = append(pairs, Pair{ID: r[0], Pool: r[1], A: filepath.Join(dir, "articles", r[2]), B: filepath.Join(dir, "articles", r[3]), Label: l})
		}
	}
	return pairs, nil
}

// known are the labels of LABELLING.md.
var known = map[string]bool{"COPY": true, "PARTIAL": true, "NOT": true, "TABLE": true, "SKIP": true}

// rows returns the tab-separated fields of every non-empty line of a file but its header.
func rows(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); line != "" {
			out = append(out, strings.Split(line, "\t"))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no header line", path)
	}
	return out[1:], nil
}

// Weights returns the document frequencies' weights of a corpus, every file under dir,
// analysed by an: the weights a scan of those files gives its verifier. The dev set's corpus
// is its folder's articles/.
func Weights(dir string, an *normalize.Analyzer) (*verify.Weights, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			paths = append(paths, path)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(paths)
	var df verify.DocFreq
	for _, p := range paths {
		text, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		sk := sketch.New(an.Analyze(string(text)))
		df.Add(&sk)
	}
	return verify.NewWeights(&df, 0), nil
}

// CloughStevenson returns labelled pairs of the Clough & Stevenson corpus of short answers
// in dir (testdata/clough-stevenson, file_list.csv and corpus-20090418/): each answer with
// its task's source, COPY for the answers written from it (cut, light and heavy revisions),
// NOT for those written independently (non); and every two independent answers to one task,
// NOT. Their pool is "cs".
func CloughStevenson(dir string) ([]Pair, error) {
	f, err := os.Open(filepath.Join(dir, "file_list.csv"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name(), err)
	}
	corpus := filepath.Join(dir, "corpus-20090418")
	var pairs []Pair
	non := map[string][]string{} // task -> its independent answers
	for _, r := range rows[1:] {
		file, task, category := r[0], r[3], r[4]
		label := "COPY"
		if category == "non" {
			label = "NOT"
			non[task] = append(non[task], file)
		}
		pairs = append(pairs, Pair{ID: file, Pool: "cs", A: filepath.Join(corpus, "orig_task"+task+".txt"), B: filepath.Join(corpus, file), Label: label})
	}
	for _, task := range slices.Sorted(maps.Keys(non)) {
		files := non[task]
		for i := range files {
			for _, g := range files[i+1:] {
				pairs = append(pairs, Pair{ID: files[i] + "~" + g, Pool: "cs", A: filepath.Join(corpus, files[i]), B: filepath.Join(corpus, g), Label: "NOT"})
			}
		}
	}
	return pairs, nil
}

// Court returns the labelled pairs of testdata/court in dir (labels.tsv and texts/): each
// newspaper story with its wire story, COPY for a story wholly derived from it, PARTIAL for
// one partially derived, NOT for one written independently (the folder's README has the
// rules). Their pool is "court", their ID the newspaper story's file name, whose first two
// digits name the wire story (the event).
func Court(dir string) ([]Pair, error) {
	path := filepath.Join(dir, "labels.tsv")
	rs, err := rows(path)
	if err != nil {
		return nil, err
	}
	labels := map[string]string{"wholly": "COPY", "partially": "PARTIAL", "non": "NOT"}
	texts := filepath.Join(dir, "texts")
	var pairs []Pair
	for _, r := range rs {
		if len(r) != 3 || labels[r[2]] == "" {
			return nil, fmt.Errorf("%s: %q: want paper, source and a label of wholly, partially or non", path, strings.Join(r, "\t"))
		}
		pairs = append(pairs, Pair{ID: r[0], Pool: "court", A: filepath.Join(texts, r[1]), B: filepath.Join(texts, r[0]), Label: labels[r[2]]})
	}
	return pairs, nil
}

// Confusion counts a detector's verdicts against the labels.
type Confusion struct{ TP, FP, FN, TN int }

// Add counts one verdict, found, on a pair labelled dup.
func (c *Confusion) Add(dup, found bool) {
	switch {
	case dup && found:
		c.TP++
	case dup:
		c.FN++
	case found:
		c.FP++
	default:
		c.TN++
	}
}

// Precision returns TP/(TP+FP), 0 when nothing was found.
func (c Confusion) Precision() float64 { return float64(c.TP) / float64(max(c.TP+c.FP, 1)) }

// Recall returns TP/(TP+FN), 0 when there is nothing to find.
func (c Confusion) Recall() float64 { return float64(c.TP) / float64(max(c.TP+c.FN, 1)) }

func (c Confusion) String() string {
	return fmt.Sprintf("precision %.3f recall %.3f (tp %d, fp %d, fn %d, tn %d)", c.Precision(), c.Recall(), c.TP, c.FP, c.FN, c.TN)
}
