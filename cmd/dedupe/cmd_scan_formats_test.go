package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// linkCorpus writes the seeds, a document made of the start of the original seed and the start
// of an independent one (a partial copy of each, so a cluster member and a link), an empty
// file and a Windows-1252 file into a new folder, and returns it.
func linkCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	seeds, err := filepath.Glob(filepath.Join(seedsDir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string) []byte {
		b := testfs.ReadFile(t, name)
		return b
	}
	files := map[string][]byte{"empty.txt": nil, "latin1.txt": read("../../testdata/bad/latin1.txt")}
	for _, s := range seeds {
		files[filepath.Base(s)] = read(s)
	}
	files["mix.txt"] = bytes.Join([][]byte{read(seedOriginal)[:2500], read(seedIndependent)[:2500]}, []byte("\n\n"))
	testfs.WriteFiles(t, dir, files)
	return dir
}

// appendJSON decodes line into a new element of list.
func appendJSON[T any](list *[]T, line string) error {
	var v T
	err := json.Unmarshal([]byte(line), &v)
	*list = append(*list, v)
	return err
}

// TestScanJSONL checks that JSON lines hold everything the JSON report does: a typed line for
// every cluster, link, skipped input and warning, then the stats (issue 17, item 2), so that
// grep finds a partial copy that is only a link.
func TestScanJSONL(t *testing.T) {
	dir := linkCorpus(t)
	_, whole := scanJSON(t, "scan", "-q", dir)
	var rep report.Report
	if err := json.Unmarshal([]byte(whole), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Links) != 1 || len(rep.Skipped) != 1 || len(rep.Warnings) != 1 || len(rep.Clusters) != 1 {
		t.Fatalf("the corpus gives %d clusters, %d links, %d skipped, %d warnings; want 1 of each", len(rep.Clusters), len(rep.Links), len(rep.Skipped), len(rep.Warnings))
	}
	code, out, errOut := dedupe(t, "scan", "-q", "--format", "jsonl", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var types []string
	var got report.Report
	for line := range strings.Lines(out) {
		var typ struct{ Type string }
		if err := json.Unmarshal([]byte(line), &typ); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		types = append(types, typ.Type)
		var err error
		switch typ.Type {
		case "cluster":
			err = appendJSON(&got.Clusters, line)
		case "link":
			err = appendJSON(&got.Links, line)
		case "skipped":
			err = appendJSON(&got.Skipped, line)
		case "warning":
			err = appendJSON(&got.Warnings, line)
		case "stats":
			err = json.Unmarshal([]byte(line), &got)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if want := []string{"cluster", "link", "skipped", "warning", "stats"}; !reflect.DeepEqual(types, want) {
		t.Errorf("record types %q; want %q", types, want)
	}
	if !reflect.DeepEqual(got, rep) {
		t.Errorf("JSON lines hold\n%+v\nthe JSON report\n%+v", got, rep)
	}
	var mix []string
	for line := range strings.Lines(out) {
		if strings.Contains(line, "mix.txt") {
			mix = append(mix, line[:strings.Index(line, ",")])
		}
	}
	if want := []string{`{"type":"cluster"`, `{"type":"link"`}; !reflect.DeepEqual(mix, want) {
		t.Errorf("lines naming the partial copy: %q; want %q", mix, want)
	}
}

// TestScanCSV checks --format csv and tsv: one row per verified pair, in-cluster pairs and
// links, with the JSON pair's figures (issue 17, item 2).
func TestScanCSV(t *testing.T) {
	dir := linkCorpus(t)
	rep, _ := scanJSON(t, "scan", "-q", dir)
	for _, format := range []string{"csv", "tsv"} {
		code, out, errOut := dedupe(t, "scan", "-q", "--format", format, dir)
		if code != exitOK {
			t.Fatalf("--format %s: exit %d: %s", format, code, errOut)
		}
		r := csv.NewReader(strings.NewReader(out))
		if format == "tsv" {
			r.Comma = '\t'
		}
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("--format %s: %v", format, err)
		}
		if !reflect.DeepEqual(rows[0], report.PairColumns) || len(rows)-1 != rep.Stats.VerifiedPairs {
			t.Fatalf("--format %s: header %q and %d rows; want %q and one row per verified pair, %d", format, rows[0], len(rows)-1, report.PairColumns, rep.Stats.VerifiedPairs)
		}
		var want [][]string
		for _, c := range rep.Clusters {
			for _, p := range c.Pairs {
				want = append(want, []string{p.A, p.B, p.Relation, "1", "1"})
			}
		}
		var link map[string]any
		if err := json.Unmarshal(rep.Links[0], &link); err != nil {
			t.Fatal(err)
		}
		want = append(want, []string{link["a"].(string), link["b"].(string), link["relation"].(string), "0", "1"})
		ca, cb := slices.Index(rows[0], "cluster_a"), slices.Index(rows[0], "cluster_b")
		var got [][]string
		for _, row := range rows[1:] {
			got = append(got, []string{row[0], row[1], row[2], row[ca], row[cb]})
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("--format %s: a, b, relation, cluster_a, cluster_b =\n%q\nwant\n%q", format, got, want)
		}
	}
}

// TestScanSGML scans an SGML collection as the AP newswire stores it, a file without an
// extension holding one <DOC> record an article: the seed article, its paraphrase and its spun
// copy make the one cluster, named by their DOCNO, and the independent report stays alone; the
// members are dated by their FILEIDs, and the original, which the others align to, is the
// cluster's representative though the spun copy was filed first; compare takes the records'
// names.
func TestScanSGML(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	filed := []string{"1402EST", "0915EST", "2358EST", "0800EST"}
	for i, seed := range []string{seedOriginal, seedParaphrase, seedIndependent, seedSpun} {
		text := testfs.ReadFile(t, seed)
		esc := strings.NewReplacer("&", "&amp;", "<", "&lt;").Replace(string(text))
		fmt.Fprintf(&b, "<DOC>\n<DOCNO> AP890101-%04d </DOCNO>\n<FILEID>AP-NR-01-01-89 %s</FILEID>\n<HEAD>Seed %d</HEAD>\n<TEXT>\n%s\n</TEXT>\n</DOC>\n",
			i+1, filed[i], i+1, esc)
	}
	ap := filepath.Join(dir, "ap890101")
	if err := os.WriteFile(ap, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	_, out := scanJSON(t, "scan", "-q", dir)
	var rep report.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	var members, dates []string
	for _, c := range rep.Clusters {
		for _, m := range c.Members {
			members, dates = append(members, m.Path), append(dates, m.Date)
		}
	}
	want := []string{ap + "#AP890101-0001", ap + "#AP890101-0002", ap + "#AP890101-0004"}
	wantDates := []string{"1989-01-01T19:02:00Z", "1989-01-01T14:15:00Z", "1989-01-01T13:00:00Z"}
	if rep.Stats.Documents != 4 || !reflect.DeepEqual(members, want) || !reflect.DeepEqual(dates, wantDates) {
		t.Fatalf("%d documents, clusters of %v dated %v; want 4 and one cluster of %v dated %v", rep.Stats.Documents, members, dates, want, wantDates)
	}
	if c := rep.Clusters[0]; c.Representative != want[0] || c.RepresentativeRule != "most_aligned" {
		t.Errorf("representative %s by %s; want %s by most_aligned", c.Representative, c.RepresentativeRule, want[0])
	}
	code, cmp, errOut := dedupe(t, "compare", "--format", "json", want[0], want[1])
	if code != exitOK || !strings.Contains(cmp, `"duplicate": true`) {
		t.Errorf("compare of two records: exit %d\n%s%s", code, cmp, errOut)
	}
	// From standard input, SGML is asked for: --input-format sgml.
	var stdout, stderr bytes.Buffer
	if code := run([]string{"scan", "-q", "--input-format", "sgml", "-"}, streams{In: strings.NewReader(b.String()), Out: &stdout, Err: &stderr}); code != exitOK {
		t.Fatalf("scan --input-format sgml -: exit %d, %s", code, stderr.String())
	}
	var fromStdin report.Report
	if err := json.Unmarshal(stdout.Bytes(), &fromStdin); err != nil || fromStdin.Stats.Documents != 4 || fromStdin.Stats.Clusters != 1 {
		t.Errorf("scan --input-format sgml -: %v, %+v; want 4 documents in 1 cluster", err, fromStdin.Stats)
	}
}

// TestScanSGMLAsText packs the chronam dev set's 862 real articles into one TREC collection a
// day, each article a <DOC> record named by its file, and requires the scan of the collections
// to find what the scan of the files finds: the same clusters, pairs, scores and warnings. An
// article read from a record is the same text as read from its file, OCR debris and control
// characters included, but for the line break that ends the file.
func TestScanSGMLAsText(t *testing.T) {
	articles := filepath.Join("..", "..", "testdata", "chronam", "articles")
	days, err := os.ReadDir(articles)
	if err != nil {
		t.Fatal(err)
	}
	trec := t.TempDir()
	esc := strings.NewReplacer("&", "&amp;", "<", "&lt;")
	for _, day := range days {
		files, err := os.ReadDir(filepath.Join(articles, day.Name()))
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, f := range files {
			text := testfs.ReadFile(t, filepath.Join(articles, day.Name(), f.Name()))
			fmt.Fprintf(&b, "<DOC>\n<DOCNO> %s </DOCNO>\n<TEXT>\n%s\n</TEXT>\n</DOC>\n", f.Name(), esc.Replace(string(text)))
		}
		if err := os.WriteFile(filepath.Join(trec, day.Name()), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Both scans run from their folder, so that a file "19160101/a.txt" and the record
	// "19160101#a.txt" name one article.
	scan := func(dir string) string {
		t.Chdir(dir)
		_, out := scanJSON(t, "scan", "-q", ".")
		return strings.ReplaceAll(out, "#", "/")
	}
	here, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	files, records := scan(articles), scan(trec)
	t.Chdir(here)
	var a, b report.Report
	if err := json.Unmarshal([]byte(files), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(records), &b); err != nil {
		t.Fatal(err)
	}
	a.Root, b.Root = "", ""
	// A record's text ends where its last line does, without the file's final line break, and
	// a passage that ends the text may then take in a quotation mark after its last stop.
	// A record's member also names its line, which a file has not.
	for _, rep := range []*report.Report{&a, &b} {
		for i := range rep.Clusters {
			for j := range rep.Clusters[i].Pairs {
				rep.Clusters[i].Pairs[j].Passages = nil
			}
			for j := range rep.Clusters[i].Members {
				rep.Clusters[i].Members[j].Line = 0
			}
		}
		for i := range rep.Links {
			rep.Links[i].Passages = nil
		}
	}
	if a.Stats.VerifiedPairs == 0 || !reflect.DeepEqual(a.Stats, b.Stats) || !reflect.DeepEqual(a.Clusters, b.Clusters) ||
		!reflect.DeepEqual(a.Links, b.Links) || !reflect.DeepEqual(a.Warnings, b.Warnings) {
		t.Errorf("the records' scan differs from the files': stats %+v against %+v", b.Stats, a.Stats)
	}
}
