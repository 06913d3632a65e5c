package report_test

import (
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/report"
)

func TestText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"000_92edbd9511bc3411.txt", "000_92edbd9511bc3411.txt"},
		{"Müller café 東京 ½", "Müller café 東京 ½"},
		{"x\n::error::pwned.txt", `x\x0a::error::pwned.txt`},
		{"a\tb\rc", `a\x09b\x0dc`},
		{"\x1b[31mred\x1b[0m\x07\x00\x7f", `\x1b[31mred\x1b[0m\x07\x00\x7f`},
		{"a\u0085b\u2028c\u2029d", `a\u0085b\u2028c\u2029d`},
		{"invoice\u202egpj.exe", `invoice\u202egpj.exe`},
		{"a\xffb", `a\xffb`},
		{"::error::x", `\x3a:error::x`},
		{"  ::warning::x", `  \x3a:warning::x`},
		{"a::b", "a::b"},
		{"see ##[error]x", `see ##\x5berror]x`},
		{`a\nb`, `a\nb`},
		{`a\u2028b`, `a\x5cu2028b`},
		{`a\u20b`, `a\u20b`},
		{`C:\temp\x`, `C:\temp\x`},
		{`a\`, `a\`},
		// A name escaped by input.EscapeName is not escaped again.
		{input.EscapeName("a\xff.txt"), `a\xff.txt`},
		{input.EscapeName(`a\xff.txt`), `a\x5cxff.txt`},
	}
	for _, tt := range tests {
		if got := report.Text(tt.in); got != tt.want {
			t.Errorf("Text(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestWriteText checks a text report line by line: plurals, dates and titles in columns of
// their own (and only in a cluster that has them), the representative first, each member's
// closest relation naming the other member unless it is the representative, a singleton, and
// the skipped inputs and warnings at the end.
func TestWriteText(t *testing.T) {
	rep := &report.Report{
		Stats: report.Stats{Documents: 5, Skipped: 1, CandidatePairs: 1, VerifiedPairs: 3, Clusters: 1, ClusteredDocs: 3},
		Clusters: []report.Cluster{{
			ID: 1, Size: 3, Representative: "a.jsonl#2", RepresentativeRule: "most_aligned",
			Members: []report.Member{
				{Path: "a.jsonl#1", Words: 1, Title: "Storm\nhits", Date: "2024-03-02T14:05:00Z"},
				{Path: "a.jsonl#2", Words: 310, Title: strings.Repeat("long ", 20), Date: "2024-03-01T00:00:00Z"},
				{Path: "-", Words: 301},
			},
			Pairs: []report.Pair{
				{A: "a.jsonl#1", B: "a.jsonl#2", Relation: "rewrite", Score: 0.7, Jaccard: 0.2},
				{A: "a.jsonl#1", B: "-", Relation: "exact", Score: 1, Jaccard: 1},
				{A: "a.jsonl#2", B: "-", Relation: "rewrite", Score: 0.7, Jaccard: 0.2},
			},
		}, {
			ID: 2, Size: 1, Representative: "b.txt", RepresentativeRule: "only_member",
			Members: []report.Member{{Path: "b.txt", Words: 40}},
		}},
		Skipped: []report.Skip{{Path: "c.jsonl", Line: 3, Reason: "invalid JSON"}},
		Warnings: []report.Warning{
			{Path: "a.jsonl", Line: 2, Message: "longer than 16777216 bytes (--max-bytes): truncated"},
			{Path: "b.txt", Message: "not valid UTF-8: decoded as windows-1252"},
			{Message: "--series matches no document"},
		},
	}
	want := `5 documents scanned, 1 skipped: 3 in 1 cluster (1 candidate pair, 3 verified)

cluster 1: 3 documents, representative a.jsonl#2 (the member the others align to)
  a.jsonl#2  2024-03-01            “long long long long long long long long long long long long…”  310 words  representative
  a.jsonl#1  2024-03-02 14:05 UTC  “Storm\x0ahits”                                                 1 word     exact  score 1.00  jaccard 1.00  of -
  -                                                                                                301 words  exact  score 1.00  jaccard 1.00  of a.jsonl#1

cluster 2: 1 document, a copy of none
  b.txt  40 words

skipped:
  c.jsonl:3: invalid JSON

warnings:
  a.jsonl:2: longer than 16777216 bytes (--max-bytes): truncated
  b.txt: not valid UTF-8: decoded as windows-1252
  --series matches no document
`
	var b strings.Builder
	if err := report.WriteText(&b, rep); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != want {
		t.Errorf("WriteText wrote\n%s\nwant\n%s", got, want)
	}
}

func TestClosest(t *testing.T) {
	c := report.Cluster{Representative: "r", Pairs: []report.Pair{
		{A: "r", B: "x", Relation: "rewrite", Score: 0.8},
		{A: "x", B: "y", Relation: "partial", Score: 0.8},
		{A: "y", B: "z", Relation: "exact", Score: 1},
		{A: "r", B: "y", Relation: "rewrite", Score: 0.6},
	}}
	tests := []struct {
		path, other, relation string
		ok                    bool
	}{
		{"x", "r", "rewrite", true}, // a tie goes to the representative
		{"y", "z", "exact", true},
		{"z", "y", "exact", true},
		{"r", "x", "rewrite", true},
		{"w", "", "", false},
	}
	for _, tt := range tests {
		p, other, ok := c.Closest(tt.path)
		if other != tt.other || p.Relation != tt.relation || ok != tt.ok {
			t.Errorf("Closest(%q) = %s, %q, %v; want %s, %q, %v", tt.path, p.Relation, other, ok, tt.relation, tt.other, tt.ok)
		}
	}
}
