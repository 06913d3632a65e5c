package corpusgen_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/tools/gencorpus/corpusgen"
)

// evalTruth plants two groups and three unique articles: u1 reports the
// event of group g1, u2 and u3 report one event independently.
const evalTruth = `{"path":"a.txt","group":"g1","kind":"original","event":"e1"}
{"path":"b.txt","group":"g1","kind":"exact","event":"e1"}
{"path":"c.txt","group":"g1","kind":"rewrite","event":"e1"}
{"path":"d.txt","group":"g2","kind":"original","event":"e2"}
{"path":"e.txt","group":"g2","kind":"partial","event":"e2"}
{"path":"f.txt","group":"g2","kind":"near_exact","event":"e2"}
{"path":"u1.txt","group":"","kind":"unique","event":"e1"}
{"path":"u2.txt","group":"","kind":"unique","event":"e3"}
{"path":"u3.txt","group":"","kind":"unique","event":"e3"}
`

// evalResult finds b and e with their originals but joins u1 to g1 and u2
// to u3, and misses c and f.
const evalResult = `{"version": 1,
 "params": {"shingle": 3, "bands": [16, 8]},
 "stats": {"documents": 9, "candidate_pairs": 12, "verified_pairs": 5, "seconds": 0.5},
 "clusters": [
  {"id": 1, "size": 3, "representative": "a.txt",
   "members": [{"path": "a.txt", "words": 812}, {"path": "./b.txt", "words": 812}, {"path": "u1.txt", "words": 640}],
   "pairs": [{"a": "a.txt", "b": "b.txt", "jaccard": 1, "containment": 1, "relation": "exact"}]},
  {"id": 2, "size": 2, "representative": "d.txt",
   "members": [{"path": "d.txt", "words": 900}, {"path": "e.txt", "words": 400}]},
  {"id": 3, "size": 2, "representative": "u2.txt",
   "members": [{"path": "u2.txt", "words": 500}, {"path": "u3.txt", "words": 510}]}
 ],
 "skipped": [{"path": "x.bin", "reason": "binary file"}]}
`

func TestEvaluate(t *testing.T) {
	got, err := corpusgen.Evaluate(strings.NewReader(evalTruth), strings.NewReader(evalResult))
	if err != nil {
		t.Fatal(err)
	}
	want := &corpusgen.Report{
		Documents:      9,
		Scanned:        9,
		Clusters:       3,
		CandidatePairs: 12,
		VerifiedPairs:  5,
		Recall: []corpusgen.Recall{
			{Kind: "exact", Copies: 1, Found: 1, Recall: 1},
			{Kind: "near_exact", Copies: 1, Found: 0, Recall: 0},
			{Kind: "rewrite", Copies: 1, Found: 0, Recall: 0},
			{Kind: "partial", Copies: 1, Found: 1, Recall: 1},
			{Kind: "all", Copies: 4, Found: 2, Recall: 0.5},
		},
		Pairs:               5, // 3 + 1 + 1
		GroupPairs:          2, // a-b, d-e
		Precision:           0.4,
		SameEventFalseJoins: 2, // u1 with g1, u2 with u3
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Evaluate() = %+v\nwant %+v", got, want)
	}

	// Version 2 names documents by the folder scanned, as given, joined with their path below
	// it: the same result scores the same.
	v2 := strings.Replace(evalResult, `{"version": 1,`, `{"version": 2, "root": "/home/x", "inputs": ["./corpus/docs/"],`, 1)
	for _, p := range []string{"a.txt", "b.txt", "u1.txt", "d.txt", "e.txt", "u2.txt", "u3.txt"} {
		v2 = strings.ReplaceAll(v2, `"`+p+`"`, `"corpus/docs/`+p+`"`)
	}
	if got, err := corpusgen.Evaluate(strings.NewReader(evalTruth), strings.NewReader(v2)); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Evaluate(version 2) = %+v, %v\nwant %+v", got, err, want)
	}
}

// TestEvaluateTemplateJoins: three issues of series s1 and two of s2; the
// result clusters s1's first two issues with a news article and w1 of s2,
// links s1's third to the first and w2 to the news article: t1-t2 and t3-t1
// are template joins, w1 with t1 and t2, and w2 with t3, cross-series joins.
func TestEvaluateTemplateJoins(t *testing.T) {
	truth := `{"path":"a.txt","group":"","kind":"unique","event":"e1"}
{"path":"t1.txt","group":"","kind":"template","event":"s1/0","series":"s1"}
{"path":"t2.txt","group":"","kind":"template","event":"s1/1","series":"s1"}
{"path":"t3.txt","group":"","kind":"template","event":"s1/2","series":"s1"}
{"path":"w1.txt","group":"","kind":"template","event":"s2/0","series":"s2"}
{"path":"w2.txt","group":"","kind":"template","event":"s2/1","series":"s2"}
`
	result := `{"version":1,"clusters":[
 {"members":[{"path":"t1.txt"},{"path":"a.txt"},{"path":"t2.txt"},{"path":"w1.txt"}]},
 {"members":[{"path":"t3.txt"},{"path":"w2.txt"}]}],
 "links":[{"a":"t3.txt","b":"t1.txt","cluster_a":2,"cluster_b":1},{"a":"w2.txt","b":"a.txt","cluster_a":2,"cluster_b":1}]}`
	got, err := corpusgen.Evaluate(strings.NewReader(truth), strings.NewReader(result))
	if err != nil {
		t.Fatal(err)
	}
	// s1 has 3 pairs and s2 1; t1-t2 share a cluster and t3-t1 are linked.
	if got.SeriesPairs != 4 || got.TemplateJoins != 2 || got.CrossSeriesJoins != 3 || got.Pairs != 7 || got.GroupPairs != 0 || got.SameEventFalseJoins != 0 {
		t.Errorf("Evaluate() = %+v; want 4 series pairs, 2 template joins, 3 cross-series joins, 7 pairs, none of a group, no same-event joins", got)
	}
	var text strings.Builder
	if err := got.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "template joins                    2\ncross-series joins                3\n") {
		t.Errorf("WriteText() = %s; want lines of 2 template joins and 3 cross-series joins", text.String())
	}
}

func TestEvaluateEmptyResult(t *testing.T) {
	got, err := corpusgen.Evaluate(strings.NewReader(evalTruth), strings.NewReader(`{"version":1,"clusters":null}`))
	if err != nil {
		t.Fatal(err)
	}
	if got.Clusters != 0 || got.Precision != 1 || got.Recall[4] != (corpusgen.Recall{Kind: "all", Copies: 4}) {
		t.Errorf("Evaluate(no clusters) = %+v; want 0 clusters, precision 1, recall 0 of 4", got)
	}
}

func TestEvaluateErrors(t *testing.T) {
	cluster := func(paths ...string) string {
		var m []string
		for _, p := range paths {
			m = append(m, `{"path":"`+p+`"}`)
		}
		return `{"members":[` + strings.Join(m, ",") + `]}`
	}
	tests := []struct {
		name   string
		truth  string
		result string
		want   string
	}{
		{"unknown path", evalTruth, `{"clusters":[` + cluster("docs/a.txt", "b.txt") + `]}`, `path "docs/a.txt": not in the truth`},
		{"path in two clusters", evalTruth, `{"clusters":[` + cluster("a.txt", "b.txt") + `,` + cluster("c.txt", "a.txt") + `]}`, `"a.txt" is in clusters 1 and 2`},
		{"version", evalTruth, `{"version":3,"clusters":[]}`, "unsupported version 3"},
		{"clusters not an array", evalTruth, `{"clusters":{}}`, "want an array"},
		{"truncated", evalTruth, `{"clusters":[` + cluster("a.txt"), "EOF"},
		{"not an object", evalTruth, `[]`, "want {"},
		{"copy without original", `{"path":"b.txt","group":"g1","kind":"exact","event":"e1"}`, `{}`, `group "g1" has no original`},
		{"unique in a group", `{"path":"u.txt","group":"g1","kind":"unique","event":"e1"}`, `{}`, `kind "unique" with group "g1"`},
		{"unknown kind", `{"path":"u.txt","group":"g1","kind":"copy","event":"e1"}`, `{}`, `kind "copy"`},
		{"issue in a group", `{"path":"t.txt","group":"g1","kind":"template","event":"s1/0","series":"s1"}`, `{}`, `kind "template" with group "g1"`},
		{"issue without series", `{"path":"t.txt","group":"","kind":"template","event":"s1/0"}`, `{}`, `kind "template" with series ""`},
		{"unique in a series", `{"path":"u.txt","group":"","kind":"unique","event":"e1","series":"s1"}`, `{}`, `kind "unique" with series "s1"`},
		{"unknown link path", evalTruth, `{"links":[{"a":"a.txt","b":"z.txt"}]}`, `path "z.txt": not in the truth`},
		{"duplicate path", evalTruth + `{"path":"a.txt","group":"","kind":"unique","event":"e9"}`, `{}`, `truth record 10: duplicate path "a.txt"`},
		{"bad truth", `{"path":`, `{}`, "truth: unexpected EOF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := corpusgen.Evaluate(strings.NewReader(tt.truth), strings.NewReader(tt.result))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Evaluate() error = %v; want one containing %q", err, tt.want)
			}
		})
	}
}

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in   string
		want corpusgen.Format
		err  bool
	}{
		{"txt", corpusgen.FormatTxt, false},
		{"jsonl", corpusgen.FormatJSONL, false},
		{"jsonl.gz", corpusgen.FormatJSONLGz, false},
		{"json", "", true},
		{"", "", true},
	}
	for _, tt := range tests {
		got, err := corpusgen.ParseFormat(tt.in)
		if got != tt.want || (err != nil) != tt.err {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q, error %t", tt.in, got, err, tt.want, tt.err)
		}
	}
}

// TestEvaluateGenerated scores a perfect result built from a corpus's own
// truth: every group one cluster.
func TestEvaluateGenerated(t *testing.T) {
	dir := writeCorpus(t, 1000, 5, corpusgen.FormatJSONL)
	truth := readTruth(t, filepath.Join(dir, "truth.jsonl"))
	groups := map[string][]string{}
	var order []string
	for _, r := range truth {
		if r.Group != "" {
			if groups[r.Group] == nil {
				order = append(order, r.Group)
			}
			groups[r.Group] = append(groups[r.Group], r.Path)
		}
	}
	var clusters []string
	for _, g := range order {
		var m []string
		for _, p := range groups[g] {
			m = append(m, `{"path":"`+p+`"}`)
		}
		clusters = append(clusters, `{"members":[`+strings.Join(m, ",")+`]}`)
	}
	result := `{"version":1,"clusters":[` + strings.Join(clusters, ",") + `]}`
	f, err := os.Open(filepath.Join(dir, "truth.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := corpusgen.Evaluate(f, strings.NewReader(result))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Documents != 1040 || rep.Clusters != len(order) || rep.Precision != 1 || rep.SameEventFalseJoins != 0 || rep.SeriesPairs == 0 || rep.TemplateJoins != 0 || rep.CrossSeriesJoins != 0 {
		t.Errorf("perfect result scored %+v", rep)
	}
	for _, r := range rep.Recall {
		if r.Copies == 0 || r.Recall != 1 {
			t.Errorf("perfect result: recall %+v; want 1 over some copies", r)
		}
	}
}
