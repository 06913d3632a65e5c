package htmlreport_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/net/html"

	"github.com/dedupe-dev/dedupe/internal/explain"
	"github.com/dedupe-dev/dedupe/internal/htmlreport"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// writeReport writes the report of rep into a new folder and returns the parsed page and the
// page's file name.
func writeReport(t *testing.T, rep *report.Report, cmps map[[2]string]*explain.Comparison) (*html.Node, string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "report.html")
	if err := htmlreport.Write(context.Background(), file, rep, cmps); err != nil {
		t.Fatal(err)
	}
	return parseFile(t, file), file
}

// contents returns the rows of the table of contents, their cells joined by " | ".
func contents(doc *html.Node) []string {
	var out []string
	for _, tr := range find(doc, tag("tr", "")) {
		if hasAttr(tr, "data-id") {
			var cells []string
			for _, td := range find(tr, tag("td", "")) {
				cells = append(cells, text(td))
			}
			out = append(out, strings.Join(cells, " | "))
		}
	}
	return out
}

// clusterScript is a cluster script's data, as report.js reads it.
type clusterScript struct {
	ID    int
	Texts [][]string
	Pairs map[string]struct {
		Verdict string
		Rows    [][]any
	}
	Table string
}

// readCluster reads and decodes the script of cluster id in folder.
func readCluster(t *testing.T, folder string, id int) (clusterScript, string) {
	t.Helper()
	b := testfs.ReadFile(t, filepath.Join(folder, fmt.Sprintf("c%d.js", id)))
	src := string(b)
	prefix, suffix := fmt.Sprintf("dedupeReport.load(%d, ", id), "\n);\n"
	if !strings.HasPrefix(src, prefix) || !strings.HasSuffix(src, suffix) {
		t.Fatalf("cluster script %.60q... does not call dedupeReport.load(%d, ...)", src, id)
	}
	var d clusterScript
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimPrefix(src, prefix), suffix)), &d); err != nil {
		t.Fatalf("cluster script %d: %v", id, err)
	}
	return d, src
}

// checkRows checks that rows lay out c as its side-by-side table does: every sentence of each
// text once, in order; every aligned pair on one row, its spans covering its sentence. It
// returns the verbatim and rewritten spans.
func checkRows(t *testing.T, rows [][]any, c *explain.Comparison) (verbatim, rewritten int) {
	t.Helper()
	var gotA, gotB []int
	aligned := 0
	spans := func(v any, sentence string) {
		s := v.([]any)
		n := 0
		for k := 0; k < len(s); k += 3 {
			n += int(s[k].(float64)) + int(s[k+1].(float64))
			if s[k+2].(float64) == 1 {
				verbatim++
			} else {
				rewritten++
			}
		}
		if want := len(utf16.Encode([]rune(sentence))); n != want {
			t.Errorf("spans cover %d code units of %q; want %d", n, sentence, want)
		}
	}
	for _, r := range rows {
		switch len(r) {
		case 4:
			for i := int(r[0].(float64)); i < int(r[1].(float64)); i++ {
				gotA = append(gotA, i)
			}
			for i := int(r[2].(float64)); i < int(r[3].(float64)); i++ {
				gotB = append(gotB, i)
			}
		case 6:
			a, b := int(r[0].(float64)), int(r[1].(float64))
			gotA, gotB = append(gotA, a), append(gotB, b)
			if p := c.Aligned[aligned]; p.A != a || p.B != b {
				t.Errorf("aligned row %d: sentences %d and %d; want %d and %d", aligned, a, b, p.A, p.B)
			}
			spans(r[4], c.A.Sentences[a])
			spans(r[5], c.B.Sentences[b])
			aligned++
		default:
			t.Fatalf("row %v has %d fields; want 4 or 6", r, len(r))
		}
	}
	for side, got := range map[string][]int{"A": gotA, "B": gotB} {
		n := len(c.A.Sentences)
		if side == "B" {
			n = len(c.B.Sentences)
		}
		for i, k := range got {
			if i != k {
				t.Fatalf("text %s: row order places sentence %d at %d", side, k, i)
			}
		}
		if len(got) != n {
			t.Errorf("text %s: rows hold %d sentences; want %d", side, len(got), n)
		}
	}
	if aligned != len(c.Aligned) {
		t.Errorf("%d aligned rows; want %d", aligned, len(c.Aligned))
	}
	return verbatim, rewritten
}

func TestWriteSeeds(t *testing.T) {
	rep, cmps := seedReport(t, seedsDir)
	doc, file := writeReport(t, rep, cmps)
	// Paths are as the scan named them, from the working directory: each member links to its
	// file, relative to the page's folder.
	checkSelfContained(t, doc, 1, func(href string) bool {
		abs := filepath.Join(filepath.Dir(file), filepath.FromSlash(href))
		_, err := os.Stat(abs)
		return strings.HasSuffix(href, ".txt") && err == nil
	})

	// The header says which decision the scan took and why (five clean English texts: the
	// standard one, under the strict decision's 5,000 documents).
	var notes []string
	for _, p := range find(doc, tag("p", "note")) {
		notes = append(notes, text(p))
	}
	if want := "Scanned with the standard decision (median garble share 0 across 5 documents in English)."; !slices.Contains(notes, want) {
		t.Errorf("notes %q; want one %q", notes, want)
	}

	c := &rep.Clusters[0]
	toc := contents(doc)
	// Without a title, the representative's first words say which story the cluster is.
	lead := "date 2025-12-01 NEW You can now listen to Fox News articles! White House envoy Steve …"
	if want := []string{"Cluster 1 | 3 | rewrite |  | " + seedsDir + "/000_92edbd9511bc3411.txt" + lead}; !slices.Equal(toc, want) {
		t.Errorf("contents %q; want %q", toc, want)
	}
	sections := find(doc, tag("section", "cluster"))
	if len(sections) != 1 {
		t.Fatalf("%d cluster sections; want 1", len(sections))
	}
	s := sections[0]
	for key, want := range map[string]string{"id": "cluster-1", "data-id": "1", "data-size": "3", "data-rel": "33", "data-date": "", "data-file": "report_files/c1.js"} {
		if got := attr(s, key); got != want {
			t.Errorf("section %s=%q; want %q", key, got, want)
		}
	}
	var members []string
	for _, tr := range find(find(s, tag("table", "members"))[0], tag("tr", "")) {
		if hasAttr(tr, "data-path") {
			members = append(members, attr(tr, "data-path"))
		}
	}
	want := []string{seedsDir + "/000_92edbd9511bc3411.txt", seedsDir + "/001_d7e9e624c01eeb52.txt", seedsDir + "/002_c22d86bcb2118a91.txt"}
	if !slices.Equal(members, want) {
		t.Errorf("members %q; want %q", members, want)
	}
	if got := len(find(s, func(n *html.Node) bool { return n.Data == "button" && hasAttr(n, "data-a") })); got != 2 {
		t.Errorf("%d buttons beside the representative; want 2", got)
	}
	// Each member's share found in its closest pair's other member: the larger of its coverage
	// and containment in the JSON pair.
	var shared, wantShared []string
	for _, tr := range find(find(s, tag("table", "members"))[0], tag("tr", "")) {
		if cells := find(tr, tag("td", "")); hasAttr(tr, "data-path") {
			shared = append(shared, text(cells[5]))
		}
	}
	for _, m := range c.Members {
		if m.Path == c.Representative {
			wantShared = append(wantShared, "")
			continue
		}
		p, _, _ := c.Closest(m.Path)
		share := max(p.CoverageA, p.ContainmentA)
		if p.B == m.Path {
			share = max(p.CoverageB, p.ContainmentB)
		}
		wantShared = append(wantShared, strconv.FormatFloat(float64(share), 'f', 2, 64))
	}
	if !slices.Equal(shared, wantShared) || wantShared[1] == "" {
		t.Errorf("members' shares %q; want %q", shared, wantShared)
	}

	// The script holds every member's text and every pair of members side by side.
	d, _ := readCluster(t, htmlreport.Folder(file), 1)
	if len(cmps) != 3 || len(d.Pairs) != 3 {
		t.Fatalf("%d comparisons, %d pairs in the script; want 3 and 3 (every two of 3 members)", len(cmps), len(d.Pairs))
	}
	marks := [2]int{}
	for i, a := range want {
		for j := i + 1; j < len(want); j++ {
			cmp := cmps[[2]string{a, want[j]}]
			p, ok := d.Pairs[fmt.Sprintf("%d %d", i, j)]
			if cmp == nil || !ok {
				t.Fatalf("pair %d %d: comparison %v, in the script %v", i, j, cmp != nil, ok)
			}
			if !slices.Equal(d.Texts[i], cmp.A.Sentences) || !slices.Equal(d.Texts[j], cmp.B.Sentences) {
				t.Errorf("pair %d %d: the texts are not the compared sentences", i, j)
			}
			v, r := checkRows(t, p.Rows, cmp)
			marks[0], marks[1] = marks[0]+v, marks[1]+r
			if !strings.HasPrefix(p.Verdict, "Duplicates: rewrite (score") {
				t.Errorf("pair %d %d: verdict %q", i, j, p.Verdict)
			}
		}
	}
	if marks[0] == 0 || marks[1] == 0 || marks[0]+marks[1] <= 10 {
		t.Errorf("%d verbatim and %d rewritten spans; want more than 10 with both", marks[0], marks[1])
	}
	// The verified pairs table: a button per pair naming its members.
	table := parse(t, strings.NewReader(d.Table))
	var buttons []string
	for _, b := range find(table, tag("button", "")) {
		buttons = append(buttons, attr(b, "data-a")+" "+attr(b, "data-b"))
	}
	var wantButtons []string
	for _, p := range c.Pairs {
		wantButtons = append(wantButtons, strconv.Itoa(slices.Index(want, p.A))+" "+strconv.Itoa(slices.Index(want, p.B)))
	}
	if !slices.Equal(buttons, wantButtons) || len(buttons) != 3 {
		t.Errorf("pairs table buttons %q; want %q", buttons, wantButtons)
	}
	if f := find(doc, func(n *html.Node) bool { return attr(n, "id") == "tools" }); len(f) != 1 || !hasAttr(f[0], "hidden") {
		t.Error("the filter is not hidden until its script runs")
	}
}

// relReport is a report of four clusters of every relation, with dates, for the tests of order,
// labels and missing texts.
func relReport() *report.Report {
	cluster := func(id int, date string, rels ...string) report.Cluster {
		c := report.Cluster{ID: id, Size: len(rels) + 1, Representative: fmt.Sprintf("c%d/rep.txt", id), RepresentativeRule: "most_aligned"}
		c.Members = append(c.Members, report.Member{Path: c.Representative, Date: date, Title: fmt.Sprintf("Story %d", id)})
		for i, r := range rels {
			m := report.Member{Path: fmt.Sprintf("c%d/m%d.txt", id, i+1)}
			c.Members = append(c.Members, m)
			c.Pairs = append(c.Pairs, report.Pair{A: c.Representative, B: m.Path, Relation: r})
		}
		return c
	}
	return &report.Report{Clusters: []report.Cluster{
		cluster(1, "2024-03-02T00:00:00Z", "rewrite"),
		cluster(2, "", "partial", "exact", "rewrite"),
		cluster(3, "2024-01-05T12:30:00+02:00", "near_exact", "exact"), // 10:30 UTC
		cluster(4, "2023-12-31T00:00:00Z", "partial"),
	}}
}

// TestWriteOrderAndLabels: clusters come in the JSON's order with its ids, and carry the keys
// the sort buttons use and the words of their relations as the page shows them, which is what
// the filter matches.
func TestWriteOrderAndLabels(t *testing.T) {
	doc, file := writeReport(t, relReport(), nil)
	type row struct{ id, size, rel, date, heading string }
	var got []row
	for _, s := range find(doc, tag("section", "cluster")) {
		got = append(got, row{attr(s, "data-id"), attr(s, "data-size"), attr(s, "data-rel"), attr(s, "data-date"), text(find(s, tag("h3", ""))[0])})
	}
	want := []row{
		{"1", "2", "33", "2024-03-02T00:00:00Z", "Cluster 1 2 documents: rewrite"},
		{"2", "4", "03", "", "Cluster 2 4 documents: exact copy, partial copy, rewrite"},
		{"3", "3", "01", "2024-01-05T10:30:00Z", "Cluster 3 3 documents: exact copy, near-exact copy"},
		{"4", "2", "22", "2023-12-31T00:00:00Z", "Cluster 4 2 documents: partial copy"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("sections\n%q\nwant\n%q", got, want)
	}
	toc := contents(doc)
	wantTOC := []string{
		"Cluster 1 | 2 | rewrite | 2024-03-02 | c1/rep.txtStory 1",
		"Cluster 2 | 4 | exact copy, partial copy, rewrite |  | c2/rep.txtStory 2",
		"Cluster 3 | 3 | exact copy, near-exact copy | 2024-01-05 10:30 UTC | c3/rep.txtStory 3",
		"Cluster 4 | 2 | partial copy | 2023-12-31 | c4/rep.txtStory 4",
	}
	if !slices.Equal(toc, wantTOC) {
		t.Errorf("contents\n%q\nwant\n%q", toc, wantTOC)
	}
	// Without comparisons no pair has texts, but the verified pairs are in the scripts.
	if got, want := strings.Join(strings.Fields(text(find(doc, tag("p", "note"))[0])), " "), "The texts of 11 of the 11 pairs of members are not included"; !strings.HasPrefix(got, want) {
		t.Errorf("first note %q; want it to start %q", got, want)
	}
	d, _ := readCluster(t, htmlreport.Folder(file), 2)
	if len(d.Pairs) != 0 || strings.Count(d.Table, "<button") != 3 || len(d.Texts) != 4 || d.Texts[0] != nil {
		t.Errorf("cluster 2 script: %d pairs, %d pair buttons, texts %q; want 0, 3, 4 nulls", len(d.Pairs), strings.Count(d.Table, "<button"), d.Texts)
	}
}

// TestWriteEscapes feeds markup through every text the report shows: paths, titles, relations,
// sentences, on the page and in the cluster script.
func TestWriteEscapes(t *testing.T) {
	const evil = `"><script>alert(1)</script><img src=x onerror=alert(1)><a href="https://example.com">x</a>`
	sentence := "The minister said the talks would resume next week in Geneva " + evil + ". "
	body := strings.Repeat(sentence, 3)
	c := compareTexts(t, evil+"a", evil+"b", body, body)
	rep := &report.Report{
		Stats: report.Stats{Documents: 2, Clusters: 1, ClusteredDocs: 2},
		Clusters: []report.Cluster{{
			ID: 1, Size: 2, Representative: evil + "a", RepresentativeRule: evil,
			Members: []report.Member{{Path: evil + "a", Title: evil, Date: evil}, {Path: evil + "b"}},
			Pairs:   []report.Pair{{A: evil + "a", B: evil + "b", Relation: evil, Source: evil}},
		}},
		Links:    []report.Pair{{A: evil, B: evil, Relation: evil}},
		Skipped:  []report.Skip{{Path: evil, Reason: evil}},
		Warnings: []report.Warning{{Path: evil, Message: evil}},
	}
	doc, file := writeReport(t, rep, map[[2]string]*explain.Comparison{{evil + "a", evil + "b"}: c})
	checkSelfContained(t, doc, 1, nil)
	if !strings.Contains(text(doc), evil) {
		t.Error("the markup in the texts is not shown as text")
	}
	d, src := readCluster(t, htmlreport.Folder(file), 1)
	if strings.ContainsAny(src, "<>") {
		t.Error("the cluster script holds < or >: a text could end the script")
	}
	if !slices.Contains(d.Texts[0], strings.TrimSpace(sentence)) {
		t.Errorf("the cluster script's texts %q do not hold %q", d.Texts[0], sentence)
	}
	table := parse(t, strings.NewReader(d.Table))
	if n := len(find(table, func(n *html.Node) bool { return n.Data == "script" || n.Data == "img" || hasAttr(n, "href") })); n != 0 {
		t.Errorf("the pairs table has %d scripts, images or links", n)
	}
	if !strings.Contains(text(table), evil) {
		t.Error("the pairs table does not show the markup as text")
	}
}

// TestWriteStaleScripts: writing a report over an earlier one removes the cluster scripts it no
// longer has, and nothing else.
func TestWriteStaleScripts(t *testing.T) {
	file := filepath.Join(t.TempDir(), "r.html")
	folder := htmlreport.Folder(file)
	if folder != strings.TrimSuffix(file, ".html")+"_files" {
		t.Errorf("Folder(%q) = %q", file, folder)
	}
	rep := relReport()
	if err := htmlreport.Write(context.Background(), file, rep, nil); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(folder, "notes.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	rep.Clusters = rep.Clusters[2:]
	if err := htmlreport.Write(context.Background(), file, rep, nil); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(folder)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"c3.js", "c4.js", "notes.txt"}; !slices.Equal(names, want) {
		t.Errorf("folder holds %q; want %q", names, want)
	}
}

// TestWriteFailureKeepsReport: a report whose scripts cannot all be written (here a cluster's
// alignment is out of range) leaves the earlier report's page and scripts byte for byte, and
// no folder of its own, rather than a page that loads another report's texts.
func TestWriteFailureKeepsReport(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "r.html")
	comparisons := func(aligned []explain.SentencePair) map[[2]string]*explain.Comparison {
		m := make(map[[2]string]*explain.Comparison)
		for _, c := range relReport().Clusters {
			for _, p := range c.Pairs {
				m[[2]string{p.A, p.B}] = &explain.Comparison{
					A:       explain.Document{Path: p.A, Sentences: []string{"One two three four."}},
					B:       explain.Document{Path: p.B, Sentences: []string{"One two three four."}},
					Aligned: aligned,
				}
			}
		}
		return m
	}
	if err := htmlreport.Write(context.Background(), file, relReport(), comparisons([]explain.SentencePair{{A: 0, B: 0}})); err != nil {
		t.Fatal(err)
	}
	snapshot := func() map[string]string {
		files := make(map[string]string)
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			files[path] = string(b)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	before := snapshot()
	if len(before) != 5 {
		t.Fatalf("first report wrote %d files; want the page and 4 scripts", len(before))
	}
	rep := relReport()
	rep.Clusters[0].Pairs[0].Relation = "exact" // another report: the page would differ
	bad := comparisons([]explain.SentencePair{{A: 0, B: 0}})
	bad[[2]string{"c3/rep.txt", "c3/m2.txt"}].Aligned = []explain.SentencePair{{A: 5, B: 0}}
	if err := htmlreport.Write(context.Background(), file, rep, bad); err == nil || !strings.Contains(err.Error(), "out of order or out of range") {
		t.Fatalf("Write with a bad alignment = %v; want its error", err)
	}
	if after := snapshot(); !maps.Equal(after, before) {
		t.Errorf("a failed Write changed the earlier report: %d files before, %d after", len(before), len(after))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("folder holds %d entries after a failed Write; want the page and its folder", len(entries))
	}
}

// TestWriteMemberLinks: members link to their files, or for a record of JSON lines to its file
// (its id may hold a "#": a URL with a fragment), relative to the page; standard input and a
// file gone since have no link.
func TestWriteMemberLinks(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	testfs.WriteFiles(t, dir, map[string]string{"in put/x_1.txt": "", "w.jsonl": ""})
	paths := []string{"in put/x_1.txt", "w.jsonl#7", "-", "gone.txt", filepath.Join(dir, "w.jsonl#L3"), "w.jsonl#https://news.example/a#top"}
	c := report.Cluster{ID: 1, Size: len(paths), Representative: paths[0], RepresentativeRule: "most_aligned"}
	for _, p := range paths {
		c.Members = append(c.Members, report.Member{Path: p})
	}
	if err := os.Mkdir("out", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := htmlreport.Write(context.Background(), "out/r.html", &report.Report{Clusters: []report.Cluster{c}}, nil); err != nil {
		t.Fatal(err)
	}
	doc := parseFile(t, "out/r.html")
	var links []string
	for _, tr := range find(doc, tag("tr", "")) {
		if hasAttr(tr, "data-path") {
			a := find(tr, tag("a", ""))
			if len(a) == 0 {
				links = append(links, "")
				continue
			}
			links = append(links, attr(a[0], "href"))
		}
	}
	if want := []string{"../in%20put/x_1.txt", "../w.jsonl", "", "", "../w.jsonl", "../w.jsonl"}; !slices.Equal(links, want) {
		t.Errorf("links %q; want %q", links, want)
	}
	if got, want := text(find(find(doc, tag("table", "members"))[0], tag("code", ""))[0]), "in put/x_1.txt"; got != want {
		t.Errorf("first path shown as %q; want %q", got, want)
	}
}

// BenchmarkWrite writes the seed cluster 500 times over, as in a report of 500 clusters.
func BenchmarkWrite(b *testing.B) {
	seed, cmps := seedReport(b, seedsDir)
	rep := *seed
	rep.Clusters = nil
	for i := range 500 {
		c := seed.Clusters[0]
		c.ID = i + 1
		rep.Clusters = append(rep.Clusters, c)
	}
	file := filepath.Join(b.TempDir(), "r.html")
	b.ReportAllocs()
	for b.Loop() {
		if err := htmlreport.Write(context.Background(), file, &rep, cmps); err != nil {
			b.Fatal(err)
		}
	}
}

// TestWritePairsTableCap: a cluster's verified pairs table shows the first 1,000 pairs and says
// how many more the JSON holds.
func TestWritePairsTableCap(t *testing.T) {
	c := report.Cluster{ID: 1, Size: 50, RepresentativeRule: "most_aligned"}
	for i := range c.Size {
		c.Members = append(c.Members, report.Member{Path: fmt.Sprintf("%02d.txt", i)})
	}
	c.Representative = c.Members[0].Path
	for i, a := range c.Members {
		for _, b := range c.Members[i+1:] {
			c.Pairs = append(c.Pairs, report.Pair{A: a.Path, B: b.Path, Relation: "exact"})
		}
	}
	_, file := writeReport(t, &report.Report{Clusters: []report.Cluster{c}}, nil)
	d, _ := readCluster(t, htmlreport.Folder(file), 1)
	table := parse(t, strings.NewReader(d.Table))
	rows := find(table, func(n *html.Node) bool { return n.Data == "tr" && len(find(n, tag("td", ""))) > 0 })
	notes := find(table, tag("p", "note"))
	if len(c.Pairs) != 1225 || len(rows) != 1000 || len(notes) != 1 || text(notes[0]) != "And 225 more verified pairs, in the JSON report." {
		t.Errorf("%d pairs: table of %d rows, notes %d; want 1000 rows and a note of 225 more", len(c.Pairs), len(rows), len(notes))
	}
}

// TestWriteClosest: each member shows the relation of its closest pair, as the text output
// does, naming the other member when it is not the representative.
func TestWriteClosest(t *testing.T) {
	c := report.Cluster{ID: 1, Size: 3, Representative: "r.txt", RepresentativeRule: "earliest_date",
		Members: []report.Member{{Path: "r.txt"}, {Path: "a.txt"}, {Path: "b.txt"}},
		Pairs: []report.Pair{
			{A: "r.txt", B: "a.txt", Relation: "rewrite", Score: 0.7},
			{A: "a.txt", B: "b.txt", Relation: "exact", Score: 1},
		}}
	doc, _ := writeReport(t, &report.Report{Clusters: []report.Cluster{c}}, nil)
	var got []string
	for _, tr := range find(doc, tag("tr", "")) {
		if hasAttr(tr, "data-path") {
			cells := find(tr, tag("td", ""))
			got = append(got, attr(tr, "data-path")+": "+text(cells[3])+" "+text(cells[4]))
		}
	}
	want := []string{"r.txt: representative ", "a.txt: exact copy of member 3 1.00", "b.txt: exact copy of member 2 1.00"}
	if !slices.Equal(got, want) {
		t.Errorf("members %q; want %q", got, want)
	}
	if h := text(find(doc, tag("h3", ""))[0]); h != "Cluster 1 3 documents: exact copy" {
		t.Errorf("heading %q", h)
	}
}

// TestWriteCounts: the page writes counts for people, digits grouped in thousands, as the
// summary on standard error does; it wrote "59433".
func TestWriteCounts(t *testing.T) {
	rep := &report.Report{Stats: report.Stats{Documents: 59433, CandidatePairs: 119610, VerifiedPairs: 32078, Skipped: 1200}}
	doc, _ := writeReport(t, rep, nil)
	page := text(doc)
	for _, want := range []string{"0 of 59,433 documents fall in 0 clusters", "Documents59,433", "Candidate pairs119,610", "Verified pairs32,078", "Skipped inputs1,200"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page's text does not hold %q", want)
		}
	}
}
