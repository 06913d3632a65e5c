package htmlreport

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"unicode/utf16"

	"github.com/dedupe-dev/dedupe/internal/explain"
	"github.com/dedupe-dev/dedupe/internal/parallel"
	"github.com/dedupe-dev/dedupe/internal/report"
)

// clusterData is what a cluster's script hands the page (report.js reads it): the texts of the
// members, the layout of each pair compared and the verified pairs table.
type clusterData struct {
	ID int `json:"id"`
	// Texts holds the sentences of each member, in the order of the members table; null for a
	// member whose text is in no pair.
	Texts [][]string `json:"texts"`
	// Pairs maps "i j", the members' 0-based indices with i < j, to the pair's layout.
	Pairs map[string]pairData `json:"pairs"`
	Table string              `json:"table"` // the verified pairs table, HTML
}

// pairData is the layout of a pair (see layout): Rows holds for sentences between aligned pairs
// [a, endA, b, endB], and for aligned sentences [a, b, verbatim (0 or 1), similarity, spans of
// a, spans of b], where spans are flat [text, space, verbatim] triples measured in UTF-16 code
// units, as JavaScript strings count.
type pairData struct {
	Verdict string  `json:"verdict"`
	Rows    [][]any `json:"rows"`
}

// pairsTableMax caps the rows of a verified pairs table: a templated series of 189 issues at
// 25,000 generated articles had 14,015 verified pairs, 8.5 MB of table, which no one reads.
const pairsTableMax = 1000

// pairsTable is what the "pairs" template renders: the first verified pairs of cluster C, and
// how many more the JSON report holds.
type pairsTable struct {
	C     *clusterView
	Pairs []report.Pair
	More  int
}

// clusterFileName returns the name of the script of cluster id.
func clusterFileName(id int) string { return "c" + strconv.Itoa(id) + ".js" }

// staleFile matches the names of cluster scripts, which writeClusterFiles removes when a report
// no longer has them.
var staleFile = regexp.MustCompile(`^c[0-9]+\.js$`)

// scripts are the cluster scripts of a report, written into a folder of their own beside the
// report's folder until moveIn: a failure (a full disk) or Ctrl-C while writing them or the
// page then leaves an earlier report's page and scripts as they were, not a page whose
// clusters load another report's texts.
type scripts struct {
	folder, tmp string
	names       map[string]bool // the scripts written
}

// writeClusterFiles writes the script of every cluster that has one, to be moved into folder,
// which it creates if its parent exists. The caller must call discard once done.
func writeClusterFiles(ctx context.Context, folder string, clusters []clusterView, comparisons map[[2]string]*explain.Comparison) (*scripts, error) {
	// Mkdir, not MkdirAll: the page's folder must exist, as for any output file.
	if err := os.Mkdir(folder, 0o777); err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(folder), filepath.Base(folder)+".tmp")
	if err != nil {
		return nil, err
	}
	s := &scripts{folder: folder, tmp: tmp, names: make(map[string]bool)}
	for i := range clusters {
		if clusters[i].File != "" {
			s.names[clusterFileName(clusters[i].ID)] = true
		}
	}
	// One goroutine a processor: gathering the texts of the 4,291 clusters of the chronam-1916
	// articles, laying their pairs out and encoding them took 4.4 s on one, most of the
	// report's time.
	errs := make([]error, len(clusters))
	parallel.For(ctx, runtime.GOMAXPROCS(0), len(clusters), func() func(int) {
		return func(i int) {
			if clusters[i].File != "" {
				errs[i] = writeClusterFile(filepath.Join(tmp, clusterFileName(clusters[i].ID)), &clusters[i], comparisons)
			}
		}
	})
	if err := ctx.Err(); err != nil {
		return s, err // Ctrl-C: some clusters' files are not written
	}
	return s, errors.Join(errs...)
}

// moveIn moves the scripts into the report's folder and removes the cluster scripts of earlier
// reports there; other files stay.
func (s *scripts) moveIn() error {
	for name := range s.names {
		if err := os.Rename(filepath.Join(s.tmp, name), filepath.Join(s.folder, name)); err != nil {
			return err
		}
	}
	entries, err := os.ReadDir(s.folder)
	if err != nil {
		return err
	}
	var removed []error
	for _, e := range entries {
		if staleFile.MatchString(e.Name()) && !s.names[e.Name()] && e.Type().IsRegular() {
			removed = append(removed, os.Remove(filepath.Join(s.folder, e.Name())))
		}
	}
	return errors.Join(removed...)
}

// discard removes the scripts' own folder and what is left in it.
func (s *scripts) discard() {
	if s != nil {
		os.RemoveAll(s.tmp)
	}
}

// writeClusterFile writes the script of cluster c to file: one call of dedupeReport.load with
// the cluster's data as JSON, which encoding/json writes with <, > and & escaped, so that no
// text can end the script.
func writeClusterFile(file string, c *clusterView, comparisons map[[2]string]*explain.Comparison) error {
	data, err := newClusterData(c, comparisons)
	if err != nil {
		return fmt.Errorf("cluster %d: %w", c.ID, err)
	}
	return report.WriteFile(file, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		fmt.Fprintf(bw, "dedupeReport.load(%d, ", c.ID)
		if err := json.NewEncoder(bw).Encode(data); err != nil {
			return err
		}
		bw.WriteString(");\n")
		return bw.Flush()
	})
}

// newClusterData gathers the texts and pair layouts of cluster c and renders its pairs table.
func newClusterData(c *clusterView, comparisons map[[2]string]*explain.Comparison) (*clusterData, error) {
	d := &clusterData{ID: c.ID, Texts: make([][]string, len(c.Members)), Pairs: make(map[string]pairData)}
	for i, a := range c.Members {
		for j := i + 1; j < len(c.Members); j++ {
			cmp := comparisons[[2]string{a.Path, c.Members[j].Path}]
			if cmp == nil {
				continue
			}
			rows, err := layout(cmp)
			if err != nil {
				return nil, fmt.Errorf("%s and %s: %w", a.Path, c.Members[j].Path, err)
			}
			d.Texts[i], d.Texts[j] = cmp.A.Sentences, cmp.B.Sentences
			d.Pairs[strconv.Itoa(i)+" "+strconv.Itoa(j)] = pairData{
				Verdict: verdict(cmp, "Member "+strconv.Itoa(i+1), "member "+strconv.Itoa(j+1)),
				Rows:    encodeRows(rows),
			}
		}
	}
	pt := pairsTable{C: c, Pairs: c.Pairs}
	if len(pt.Pairs) > pairsTableMax {
		pt.Pairs, pt.More = pt.Pairs[:pairsTableMax], len(pt.Pairs)-pairsTableMax
	}
	var table bytes.Buffer
	if err := pages.ExecuteTemplate(&table, "pairs", &pt); err != nil {
		return nil, err
	}
	d.Table = table.String()
	return d, nil
}

// encodeRows writes rows as pairData.Rows.
func encodeRows(rows []layoutRow) [][]any {
	out := make([][]any, len(rows))
	for i, r := range rows {
		if r.Pair == nil {
			out[i] = []any{r.A, r.EndA, r.B, r.EndB}
			continue
		}
		v := 0
		if r.Pair.Verbatim {
			v = 1
		}
		out[i] = []any{r.A, r.B, v, math.Round(r.Pair.Similarity*100) / 100, encodeSpans(r.SpansA), encodeSpans(r.SpansB)}
	}
	return out
}

// encodeSpans flattens spans to [text, space, verbatim] triples of UTF-16 lengths.
func encodeSpans(spans []span) []int {
	out := make([]int, 0, 3*len(spans))
	for _, s := range spans {
		v := 0
		if s.Verbatim {
			v = 1
		}
		out = append(out, utf16Len(s.Text), utf16Len(s.Space), v)
	}
	return out
}

// utf16Len returns the length of s in UTF-16 code units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
