package passages_test

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/passages"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// labelsDir is testdata/passages, absolute: TestLabelledPages works from inside its pages.
var labelsDir, _ = filepath.Abs("../../testdata/passages")

// TestLabelledPages measures dedupe passages on five days of Chronicling America front pages
// against the labels of testdata/passages (LABELLING.md says how they were made) and prints:
// (a) the share of labelled clusters that hold occurrences of one text only, and (b) for the
// passages reprinted on five or more pages of one day, the share of their pages that are in
// the one cluster holding most of them. It fails below the targets, 0.95 and 0.90.
func TestLabelledPages(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 441 pages")
	}
	o := passages.DefaultOptions()
	o.Series = `([^/]+)-ed-`
	// From inside the folder, so that documents are named as the labels name them.
	t.Chdir(filepath.Join(labelsDir, "pages"))
	rep, err := passages.Find(t.Context(), []string{"."}, nil, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	type place struct {
		cluster    int
		start, end int
	}
	byPath := map[string][]place{}
	for _, c := range rep.Clusters {
		for _, oc := range c.Occurrences {
			byPath[oc.Path] = append(byPath[oc.Path], place{c.ID, oc.Start, oc.End})
		}
	}

	// (a) Each labelled occurrence is found again as the occurrence of the same page that
	// overlaps it by half the shorter of the two; its cluster should hold one text.
	texts := map[int]map[string]bool{} // cluster -> labelled texts in it
	labelled, found := 0, 0
	for _, row := range testfs.ReadTSV(t, filepath.Join(labelsDir, "clusters.tsv"), 5) {
		start, err1 := strconv.Atoi(row[3])
		end, err2 := strconv.Atoi(row[4])
		if err1 != nil || err2 != nil {
			t.Fatalf("clusters.tsv: bad offsets in %q", row)
		}
		labelled++
		for _, p := range byPath[row[2]] {
			if overlap := min(end, p.end) - max(start, p.start); 2*overlap >= min(end-start, p.end-p.start) {
				if texts[p.cluster] == nil {
					texts[p.cluster] = map[string]bool{}
				}
				texts[p.cluster][row[1]] = true
				found++
				break
			}
		}
	}
	pure := 0
	for _, ts := range texts {
		if len(ts) == 1 {
			pure++
		}
	}
	a := float64(pure) / float64(len(texts))
	t.Logf("(a) %d of %d labelled clusters hold one text: %.3f (%d of %d labelled occurrences found)", pure, len(texts), a, found, labelled)

	// (b) A page holds a passage when the reference lists it; the passage's cluster is the one
	// with an occurrence on most of its pages, that day.
	pagesOf := map[string]map[string]bool{} // passage -> pages
	days := map[string]string{}
	for _, row := range testfs.ReadTSV(t, filepath.Join(labelsDir, "reprints.tsv"), 4) {
		if pagesOf[row[0]] == nil {
			pagesOf[row[0]] = map[string]bool{}
		}
		pagesOf[row[0]][row[2]] = true
		days[row[0]] = row[1]
	}
	inOne, all := 0, 0
	for id, pages := range pagesOf {
		count := map[int]int{} // cluster -> pages of the passage it holds
		for page := range pages {
			seen := map[int]bool{}
			for _, p := range byPath[page] {
				if !seen[p.cluster] && strings.HasPrefix(page, days[id]+"/") {
					seen[p.cluster] = true
					count[p.cluster]++
				}
			}
		}
		best := 0
		for _, n := range count {
			best = max(best, n)
		}
		inOne += best
		all += len(pages)
	}
	b := float64(inOne) / float64(all)
	t.Logf("(b) %d passages on 5 or more pages of one day: %d of their %d pages in one cluster: %.3f", len(pagesOf), inOne, all, b)

	if len(texts) < 100 || a < 0.95 {
		t.Errorf("(a) = %.3f over %d clusters; want at least 0.95 over at least 100", a, len(texts))
	}
	if len(pagesOf) < 50 || b < 0.90 {
		t.Errorf("(b) = %.3f over %d passages; want at least 0.90 over at least 50", b, len(pagesOf))
	}
}
