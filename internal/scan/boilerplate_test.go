package scan_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

func TestBoilerplateLimit(t *testing.T) {
	opts := scan.DefaultOptions() // BoilerplateDF 0.05, BoilerplateMinDocs 10
	tests := []struct{ n, limit int }{
		{0, 10},
		{5, 10},
		{300, 15},
		{301, 16}, // ⌈15.05⌉
		{10000, 500},
		{100_000_000, 5_000_000},
	}
	for _, tt := range tests {
		if got := opts.BoilerplateLimit(tt.n); got != tt.limit {
			t.Errorf("BoilerplateLimit(%d) = %d; want %d", tt.n, got, tt.limit)
		}
	}
}

func TestSiteBoilerplateLimit(t *testing.T) {
	opts := scan.DefaultOptions() // BoilerplateDF 0.05, SiteBoilerplateMinDocs 5
	tests := []struct{ m, limit int }{
		{4, 0}, // too few documents for a site to have boilerplate
		{5, 5},
		{300, 15},
		{1000, 50},
	}
	for _, tt := range tests {
		if got := opts.SiteBoilerplateLimit(tt.m); got != tt.limit {
			t.Errorf("SiteBoilerplateLimit(%d) = %d; want %d", tt.m, got, tt.limit)
		}
	}
	opts.SiteBoilerplateMinDocs = 0
	if got := opts.SiteBoilerplateLimit(300); got != 0 {
		t.Errorf("SiteBoilerplateLimit with --site-boilerplate-min-docs 0 = %d; want 0", got)
	}
}

func TestStripBoilerplate(t *testing.T) {
	sk := sketch.Sketch{Terms: []uint32{1, 2, 3, 4, 5, 6, 7}, Ends: []uint32{4, 4, 7}}
	hashes := scan.SentenceHashes(nil, &sk)
	if len(hashes) != 3 || !slices.IsSorted(hashes) {
		t.Fatalf("SentenceHashes = %v; want 3 distinct, sorted", hashes)
	}
	// Strip the last sentence, {5, 6, 7}, found by elimination from the others.
	first := scan.SentenceHashes(nil, &sketch.Sketch{Terms: []uint32{1, 2, 3, 4}, Ends: []uint32{4}})[0]
	empty := scan.SentenceHashes(nil, &sketch.Sketch{Ends: []uint32{0}})[0]
	last := func(h uint64) bool { return h != first && h != empty }
	// Boilerplate is at most half of a document: one made mostly of it keeps it (a copy of a
	// text printed many times).
	most := sketch.Sketch{Terms: []uint32{1, 2, 5, 6, 7}, Ends: []uint32{2, 2, 5}}
	own := scan.SentenceHashes(nil, &sketch.Sketch{Terms: []uint32{1, 2}, Ends: []uint32{2}})[0]
	firstWord := scan.SentenceHashes(nil, &sketch.Sketch{Terms: []uint32{1}, Ends: []uint32{1}})[0]
	isFirstWord := func(h uint64) bool { return h == firstWord }
	notOwn := func(h uint64) bool { return h != empty && h != own }
	if scan.StripBoilerplate(&most, notOwn, nil) {
		t.Errorf("StripBoilerplate removed 3 of 5 content words: %v %v", most.Terms, most.Ends)
	}
	// A site's boilerplate goes however much of the document it is.
	if !scan.StripBoilerplate(&most, func(uint64) bool { return false }, notOwn) {
		t.Fatal("StripBoilerplate kept a site's boilerplate of 3 of 5 content words")
	}
	if !slices.Equal(most.Terms, []uint32{1, 2}) || !slices.Equal(most.Ends, []uint32{2, 2, 2}) {
		t.Errorf("sketch stripped of its site's boilerplate = %v %v; want [1 2] [2 2 2]", most.Terms, most.Ends)
	}
	// Its site's boilerplate is kept when it is more than three quarters of a document.
	story := sketch.Sketch{Terms: []uint32{1, 5, 6, 7, 8, 9, 10}, Ends: []uint32{1, 1, 7}}
	if scan.StripBoilerplate(&story, func(uint64) bool { return false }, func(h uint64) bool { return h != empty && !isFirstWord(h) }) {
		t.Errorf("StripBoilerplate removed a site's boilerplate of 6 of 7 content words: %v %v", story.Terms, story.Ends)
	}
	// The corpus's boilerplate is kept when it holds more than half of what the site's leaves.
	site := sketch.Sketch{Terms: []uint32{1, 2, 3, 4, 5, 6, 7}, Ends: []uint32{4, 4, 7}}
	isFirst := func(h uint64) bool { return h == first }
	if !scan.StripBoilerplate(&site, last, isFirst) {
		t.Fatal("StripBoilerplate removed nothing of a site's boilerplate")
	}
	if !slices.Equal(site.Terms, []uint32{5, 6, 7}) || !slices.Equal(site.Ends, []uint32{0, 0, 3}) {
		t.Errorf("sketch stripped of its site's boilerplate, kept the corpus's = %v %v; want [5 6 7] [0 0 3]", site.Terms, site.Ends)
	}
	if !scan.StripBoilerplate(&sk, last, nil) {
		t.Fatal("StripBoilerplate removed nothing")
	}
	if !slices.Equal(sk.Terms, []uint32{1, 2, 3, 4}) || !slices.Equal(sk.Ends, []uint32{4, 4, 4}) {
		t.Errorf("stripped sketch = %v %v; want [1 2 3 4] [4 4 4]", sk.Terms, sk.Ends)
	}
	if scan.StripBoilerplate(&sk, func(uint64) bool { return false }, nil) {
		t.Error("StripBoilerplate with no boilerplate reported a change")
	}
}

// TestCopiedOften: a story in more documents than the boilerplate limit is not boilerplate in
// the documents it makes most of, and exact copies make one cluster even when every LSH bucket
// is too large to expand.
func TestCopiedOften(t *testing.T) {
	files := map[string]string{}
	for i, text := range testfs.ReadFiles(t, testfs.Glob(t, "../../testdata/seeds/*.txt")) {
		files[fmt.Sprintf("other%d.txt", i)] = text
		if i == 0 {
			for c := range 25 {
				files[fmt.Sprintf("copy%02d.txt", c)] = text
			}
		}
	}
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, files)
	for _, maxBucket := range []int{0, 5} {
		opts := scan.DefaultOptions()
		opts.MaxBucket = maxBucket
		res, err := scan.Run(t.Context(), []string{dir}, nil, opts, nil)
		if err != nil {
			t.Fatal(err)
		}
		copies := 0
		for _, c := range res.Report(&opts, false).Clusters {
			n := 0
			for _, m := range c.Members {
				if strings.Contains(m.Path, "copy") || strings.HasSuffix(m.Path, "other0.txt") {
					n++
				}
			}
			copies = max(copies, n)
		}
		if copies != 26 {
			t.Errorf("--max-bucket %d: %d of the 26 copies in one cluster; want 26", maxBucket, copies)
		}
	}
}

// TestTemplateFrames: a sentence that a series prints in every issue between sentences of its
// own (a frame) is boilerplate once it is in FrameDocs documents; the sentences of a story
// reprinted as often, each beside the same neighbours, are not, and its copies still make one
// cluster.
func TestTemplateFrames(t *testing.T) {
	dir := t.TempDir()
	// word returns a word of letters only, its own for each i.
	word := func(prefix string, i int) string {
		w := prefix
		for ; i > 0; i /= 26 {
			w += string(rune('a' + i%26))
		}
		return w + "x"
	}
	own := func(i int) string {
		return "Reporters from " + word("Ber", i) + " counted the " + word("Kal", i) + " ballots at " + word("Mon", i) + " hall."
	}
	story := "The river flooded the lower town of Millbrook on Tuesday night after three days of heavy rain upstream. " +
		"Firemen carried forty families from their roofs in boats borrowed from the rowing club. " +
		"The mayor asked the governor for tents, blankets and drinking water before the weekend."
	files := map[string]string{}
	for i := range 25 {
		files[fmt.Sprintf("league%02d.txt", i)] = own(i) + "\n\nStandings of the league clubs after this week's games follow below in full.\n\n" + own(100+i) + "\n"
		files[fmt.Sprintf("story%02d.txt", i)] = story + "\n\n" + own(200+i) + "\n"
	}
	testfs.WriteFiles(t, dir, files)
	opts := scan.DefaultOptions()
	opts.BoilerplateDF, opts.FrameDocs = 1, 20 // boilerplate from all 50 documents; frames from 20
	res, err := scan.Run(t.Context(), []string{dir}, nil, opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep := res.Report(&opts, false)
	if got := rep.Stats.BoilerplateSentences; got != 1 {
		t.Errorf("boilerplate sentences = %d; want 1, the league's frame", got)
	}
	if len(rep.Clusters) != 1 || len(rep.Clusters[0].Members) != 25 || !strings.Contains(rep.Clusters[0].Representative, "story") {
		t.Errorf("clusters = %d, want one of the 25 stories", len(rep.Clusters))
	}
	opts.FrameDocs = 0
	if res, err = scan.Run(t.Context(), []string{dir}, nil, opts, nil); err != nil {
		t.Fatal(err)
	}
	if got := res.Report(&opts, false).Stats.BoilerplateSentences; got != 0 {
		t.Errorf("frame documents 0: boilerplate sentences = %d; want 0", got)
	}
}

// TestSiteBoilerplate: a tagline that one site prints inside twelve of its articles, too few of
// the corpus's documents to be boilerplate, joins every pair of them unless the site's own
// documents are counted; counted per site, the scan finds what it finds without the tagline,
// also under two briefs that the tagline is most of, and a story the site printed six times is
// still six copies.
func TestSiteBoilerplate(t *testing.T) {
	const tagline = "This story was produced by the Valley Desk, a nonprofit newsroom covering the towns " +
		"of the upper valley and their schools. Sign up for our weekly newsletter to get stories " +
		"like this one in your inbox every Friday morning."
	var texts []string
	for _, text := range testfs.ReadFiles(t, testfs.Glob(t, "../../testdata/chronam/articles/1916010*/*.txt")) {
		if n := len(strings.Fields(text)); n >= 80 && n <= 300 {
			texts = append(texts, text)
		}
	}
	if len(texts) < 40 {
		t.Fatalf("%d articles of 80 to 300 words; want 40", len(texts))
	}
	texts = texts[:40]
	for _, copy := range []int{4, 5, 6, 7, 11} {
		texts[copy] = texts[0] // the site prints a story six times, as often as its tagline's limit
	}
	for _, brief := range []int{9, 10} {
		// Two briefs, shorter than the tagline, which the site's boilerplate is then most of.
		texts[brief] = strings.Join(strings.Fields(texts[brief])[:20], " ")
	}
	// scanRecords scans the 40 texts as JSON Lines records, the first twelve from the site
	// valley.com with the tagline (when tagged), the others from eight other sites (or from
	// valley.com too, when oneSite), each record
	// named by its URL (when urls) or by its number, and returns the verified pairs by the
	// records' numbers.
	scanRecords := func(tagged, urls bool, siteMinDocs int, oneSite bool) []string {
		var lines []string
		for i, text := range texts {
			host := fmt.Sprintf("www.site%d.com", i%8)
			if oneSite {
				host = "www.valley.com"
			}
			if i < 12 {
				host = "www.valley.com"
				if tagged {
					text += "\n\n" + tagline
				}
			}
			id := fmt.Sprintf("%02d", i)
			if urls {
				id = fmt.Sprintf("https://%s/news/%02d", host, i)
			}
			line, err := json.Marshal(map[string]string{"id": id, "text": text})
			if err != nil {
				t.Fatal(err)
			}
			lines = append(lines, string(line))
		}
		dir := testfs.WorkIn(t, map[string]string{"records.jsonl": strings.Join(lines, "\n") + "\n"})
		opts := scan.DefaultOptions()
		if !oneSite {
			opts.BoilerplateDF = 0.5 // boilerplate in 20 of the 40 documents, or half of a site's
		}
		opts.ShingleDF = 0 // the tagline's shingles make candidates, as in a large corpus
		opts.SiteBoilerplateMinDocs = siteMinDocs
		res, err := scan.Run(t.Context(), []string{dir}, nil, opts, nil)
		if err != nil {
			t.Fatal(err)
		}
		if site := res.Documents[0].Member().Site; urls && site != "valley.com" {
			t.Errorf("the first record's site in the report is %q; want valley.com", site)
		}
		var pairs []string
		for _, p := range res.Pairs {
			a, b := res.Documents[p.A].Path, res.Documents[p.B].Path
			pairs = append(pairs, a[strings.LastIndex(a, "/")+1:]+" "+b[strings.LastIndex(b, "/")+1:])
		}
		return pairs
	}
	plain := scanRecords(false, true, 5, false)
	for _, pair := range []string{"00 04", "00 11", "07 11"} {
		if !slices.Contains(plain, pair) {
			t.Fatalf("without the tagline the pairs are %q; want those of the story printed six times, such as %q", plain, pair)
		}
	}
	// Without URLs the scan cannot tell the site's documents: the tagline pairs them.
	if tagged := scanRecords(true, false, 5, false); len(tagged) < len(plain)+20 {
		t.Errorf("with the tagline and no sites, %d pairs; want at least %d, the site's pages paired by the tagline", len(tagged), len(plain)+20)
	}
	if off := scanRecords(true, true, 0, false); len(off) < len(plain)+20 {
		t.Errorf("with the tagline and --site-boilerplate-min-docs 0, %d pairs; want at least %d", len(off), len(plain)+20)
	}
	if got := scanRecords(true, true, 5, false); !slices.Equal(got, plain) {
		t.Errorf("with the tagline and sites, the pairs are\n%q\nwant those without it\n%q", got, plain)
	}
	// A site's own archive scanned alone: the site is the whole corpus, whose limit (10 of
	// 40) finds the tagline too, but keeps it under the briefs it is most of.
	if got := scanRecords(true, true, 5, true); !slices.Equal(got, plain) {
		t.Errorf("with the tagline and one site for all, the pairs are\n%q\nwant those without it\n%q", got, plain)
	}
}
