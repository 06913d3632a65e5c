package scan_test

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/devset"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// TestCourtStories scores the defaults on testdata/court, British court and showbiz stories
// written for this test after the METER corpus: 26 Press Association wire stories and 62
// newspaper stories on the same events, each labelled wholly, partially or non derived from
// its wire story (labels.tsv, read by devset.Court as COPY, PARTIAL and NOT; the rules are in
// the folder's README). A newspaper story counts as found when it shares a cluster with its
// wire story, and the test logs the figures issue 13 counts: the share of each label found and
// the F1 of derived (wholly or partially) against independent.
//
// It fixes today's verdicts, the wrong ones included: the set was written to be hard, with
// independent reports of one hearing that share the wire story's names, ages, figures and
// court quotes, and tabloid rewrites that keep hardly a phrase of it. 16 of the 17
// independent stories are found with their wire story (issue 13's target is at most 12%),
// through sentences that share the facts in other words (similarity 0.4-0.9) and quotes with
// their attributions, which are not mostly quotation. Of the five derived stories missed, four
// are rewrites that share too little with the wire story to be verified; 16_mirror is verified
// with 16_pa (0.69), but 16_pa is taken for a compilation (16_sun and 16_mirror hold much of it,
// are not verified against each other, and neither is a close copy of it alone), so it joins
// 16_times's star, and 16_mirror shares too little of what 16_pa shares with 16_times to join
// through it.
// docs/benchmarks.md (session 37) has the evidence measured.
func TestCourtStories(t *testing.T) {
	if testing.Short() {
		t.Skip("scans 88 documents")
	}
	dir := testfs.Abs(t, "../../testdata/court")
	clusterOf, _ := numberedClusters(t, filepath.Join(dir, "texts"))
	pairs, err := devset.Court(dir)
	if err != nil {
		t.Fatal(err)
	}
	total, found := map[string]int{}, map[string]int{}
	var missed, apart []string // derived stories not found, independent ones not found
	for _, p := range pairs {
		paper, source, label := filepath.Base(p.B), filepath.Base(p.A), p.Label
		total[label]++
		in := clusterOf.together(paper, source)
		if in {
			found[label]++
		}
		switch {
		case !in && label == "NOT":
			apart = append(apart, paper)
		case !in && label != "NOT":
			missed = append(missed, paper)
		}
	}
	slices.Sort(missed)
	slices.Sort(apart)
	tp := float64(found["COPY"] + found["PARTIAL"])
	precision := tp / (tp + float64(found["NOT"]))
	recall := tp / float64(total["COPY"]+total["PARTIAL"])
	t.Logf("found with the wire story: %v of %v; derived vs independent precision %.3f recall %.3f F1 %.3f",
		found, total, precision, recall, 2*precision*recall/(precision+recall))
	wantFound := map[string]int{"COPY": 23, "PARTIAL": 17, "NOT": 16} // wholly, partially, non derived
	wantMissed := []string{
		"08_sun.txt", "10_sun.txt", "13_sun.txt", "14_guardian.txt", "16_mirror.txt",
	}
	wantApart := []string{"10_mirror.txt"}
	if !reflect.DeepEqual(found, wantFound) || !reflect.DeepEqual(missed, wantMissed) || !reflect.DeepEqual(apart, wantApart) {
		t.Errorf("found %v, derived missed %q, independent apart %q; want %v, %q, %q",
			found, missed, apart, wantFound, wantMissed, wantApart)
	}
}

// TestCourtSpun scans the court stories with spun copies of their wire stories (testdata/court/
// spun: 30% and 60% of the words that have a WordNet synonym swapped, sentences cut and moved):
// every spun copy must share its wire story's cluster. Issue 13 measured 90% and 83% on such
// copies of the held-out court corpus's wire copy; spun narration still aligns sentence by
// sentence with its source.
func TestCourtSpun(t *testing.T) {
	if testing.Short() {
		t.Skip("scans 114 documents twice")
	}
	dir := testfs.Abs(t, "../../testdata/court")
	for _, share := range []string{"spun3", "spun6"} {
		t.Run(share, func(t *testing.T) {
			spun := filepath.Join("spun", share)
			clusterOf, _ := numberedClusters(t, dir, "texts", spun)
			entries, err := os.ReadDir(spun)
			if err != nil {
				t.Fatal(err)
			}
			var apart []string
			for _, e := range entries {
				spunCopy := filepath.Join(spun, e.Name())
				source := filepath.Join("texts", strings.Replace(e.Name(), "_"+share, "", 1))
				if !clusterOf.together(spunCopy, source) {
					apart = append(apart, e.Name())
				}
			}
			if len(entries) != 26 || len(apart) > 0 {
				t.Errorf("%d spun copies, %d apart from their wire story: %q", len(entries), len(apart), apart)
			}
		})
	}
}

// TestCourtIndependent scans the court stories with testdata/court/indep: 26 stories, one an
// event, written in session 39 from a reporter's notes (testdata/court/facts) by a writer who
// never saw the wire stories or the papers' (see its README), each non derived from the wire
// story of its number. TestCourtStories's independent stories were written after reading the
// wire, so its 16 of 17 is an upper bound; these measure it more fairly, scanned with the whole
// set and with the 26 wire stories alone, as issue 13 paired METER's stories with their wire.
//
// It fixes today's verdicts, all wrong: every one of the 26 shares its wire story's cluster in
// both scans, verified with it directly (scores 0.74-0.96; 18 with --decision strict), and 25
// still did with every quotation cut out of them (session 39, measured on such copies). The
// narration does it: a report of a hearing gives the same facts in much the same order as the
// wire (name, age, court, charge, outcome, figures, who said the quoted words), so its sentences
// align with the wire's and count as copied, the closest at similarity 0.6-1.0; a few short
// ones came out word for word ("He has 28 days to appeal.").
func TestCourtIndependent(t *testing.T) {
	if testing.Short() {
		t.Skip("scans 114 documents and 52")
	}
	dir := testfs.Abs(t, "../../testdata/court")
	entries, err := os.ReadDir(filepath.Join(dir, "indep"))
	if err != nil {
		t.Fatal(err)
	}
	var stories, wires []string // indep/NN_<paper>.txt, texts/NN_pa.txt
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".txt") { // not the README
			stories = append(stories, filepath.Join("indep", e.Name()))
			wires = append(wires, filepath.Join("texts", e.Name()[:2]+"_pa.txt"))
		}
	}
	if len(stories) != 26 {
		t.Fatalf("%d independent stories, want 26", len(stories))
	}
	for _, scope := range []struct {
		name  string
		paths []string
		want  int      // stories in their wire story's cluster
		apart []string // the others
	}{
		{"texts", append([]string{"texts"}, stories...), 26, nil},
		{"wire", append(slices.Clone(wires), stories...), 26, nil},
	} {
		t.Run(scope.name, func(t *testing.T) {
			clusterOf, _ := numberedClusters(t, dir, scope.paths...)
			var apart []string
			for i, story := range stories {
				if !clusterOf.together(story, wires[i]) {
					apart = append(apart, filepath.Base(story))
				}
			}
			grouped := len(stories) - len(apart)
			t.Logf("independent stories in their wire story's cluster: %d of %d; apart %q", grouped, len(stories), apart)
			if grouped != scope.want || !reflect.DeepEqual(apart, scope.apart) {
				t.Errorf("%d grouped, apart %q; want %d, %q", grouped, apart, scope.want, scope.apart)
			}
		})
	}
}
