package keep_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/keep"
	"github.com/dedupe-dev/dedupe/internal/report"
)

func TestKept(t *testing.T) {
	dated := report.Cluster{Representative: "b", Members: []report.Member{
		{Path: "a", Words: 500, Date: "2024-03-02T00:00:00Z"},
		{Path: "b", Words: 300, Date: "2024-03-02T00:00:00Z"},
		{Path: "c", Words: 500},
		{Path: "d", Words: 200, Date: "2024-03-01T23:00:00-02:00"}, // 3/2 01:00 UTC
	}}
	undated := report.Cluster{Representative: "y", Members: []report.Member{
		{Path: "x", Words: 100}, {Path: "y", Words: 100}, {Path: "z", Words: 90},
	}}
	noRep := report.Cluster{Representative: "gone", Members: []report.Member{{Path: "p", Words: 1}, {Path: "q", Words: 1}}}
	notB := func(p string) bool { return p != "b" }
	onlyZ := func(p string) bool { return p == "z" }
	none := func(string) bool { return false }
	tests := []struct {
		name     string
		c        *report.Cluster
		rule     keep.Rule
		keepable func(string) bool
		want     string
	}{
		{"representative", &dated, keep.Representative, nil, "b"},
		{"earliest, ties to the representative", &dated, keep.Earliest, nil, "b"},
		{"longest, ties to the first", &dated, keep.Longest, nil, "a"},
		{"earliest without dates", &undated, keep.Earliest, nil, "y"},
		{"longest ties to the representative", &undated, keep.Longest, nil, "y"},
		{"no such representative", &noRep, keep.Longest, nil, "p"},
		{"no members", &report.Cluster{}, keep.Earliest, nil, ""},
		{"representative not keepable", &dated, keep.Representative, notB, "a"},
		{"earliest among the keepable", &dated, keep.Earliest, notB, "a"},
		{"longest among the keepable", &undated, keep.Longest, onlyZ, "z"},
		{"none keepable: all are", &undated, keep.Longest, none, "y"},
	}
	for _, tt := range tests {
		if got := keep.Kept(tt.c, tt.rule, tt.keepable); got != tt.want {
			t.Errorf("%s: Kept(%s) = %q; want %q", tt.name, tt.rule, got, tt.want)
		}
	}
	// d's date is the earliest once a member is dated before b.
	dated.Members[3].Date = "2024-03-01T21:00:00-02:00"
	if got := keep.Kept(&dated, keep.Earliest, nil); got != "d" {
		t.Errorf("Kept(earliest) = %q; want d, dated 2024-03-01T23:00Z", got)
	}
}

func TestCopies(t *testing.T) {
	rep := &report.Report{Clusters: []report.Cluster{
		{Representative: "b", Members: []report.Member{{Path: "a", Words: 9}, {Path: "b", Words: 5}, {Path: "c", Words: 1}}},
		{Representative: "e", Members: []report.Member{{Path: "d", Words: 1}, {Path: "e", Words: 2}}},
		{Representative: "f", Members: []report.Member{{Path: "f", Words: 3}}}, // --singletons
	}}
	for rule, want := range map[keep.Rule][]string{
		keep.Representative: {"a", "c", "d"},
		keep.Longest:        {"b", "c", "d"},
	} {
		if got := keep.Copies(rep, rule, 0, nil); !slices.Equal(got, want) {
			t.Errorf("Copies(%s) = %q; want %q", rule, got, want)
		}
	}
}

// TestCopiesShare: with a share, a member is a copy only when that much of it is found in
// the member kept, by their pair, or else by its pair that holds most of it.
func TestCopiesShare(t *testing.T) {
	pair := func(a, b string, covA, contA, covB, contB float64) report.Pair {
		return report.Pair{A: a, B: b, CoverageA: report.Ratio(covA), ContainmentA: report.Ratio(contA), CoverageB: report.Ratio(covB), ContainmentB: report.Ratio(contB)}
	}
	rep := &report.Report{Clusters: []report.Cluster{{
		Representative: "rep",
		Members:        []report.Member{{Path: "page", Words: 900}, {Path: "rep", Words: 300}, {Path: "cut", Words: 100}, {Path: "via", Words: 250}},
		Pairs: []report.Pair{
			pair("page", "rep", 0.30, 0.25, 0.95, 0.90), // a page that printed the story beside others
			pair("cut", "rep", 0.40, 0.85, 0.20, 0.15),  // a cut copy: its containment says it
			pair("rep", "via", 0.50, 0.40, 0.20, 0.10),  // via is not all in rep ...
			pair("cut", "via", 0.10, 0.10, 0.70, 0.60),  // ... nor verified against what is kept first
		},
	}}}
	for _, tt := range []struct {
		share float64
		want  []string
	}{
		{0, []string{"page", "cut", "via"}},
		{0.2, []string{"page", "cut", "via"}},
		{0.5, []string{"cut"}},
		{0.9, nil},
	} {
		if got := keep.Copies(rep, keep.Representative, tt.share, nil); !slices.Equal(got, tt.want) {
			t.Errorf("Copies(share %v) = %q; want %q", tt.share, got, tt.want)
		}
	}
	if got := keep.Share(&rep.Clusters[0], "via", "page"); got != 0.7 {
		t.Errorf("Share(via, not verified against page) = %v; want its best pair's 0.7", got)
	}
}

func TestWriteCopies(t *testing.T) {
	paths := []string{"a.txt", "-", input.EscapeName("b\n\xff.txt"), "-#x", "c.jsonl#7"} // standard input is no file
	for _, tt := range []struct {
		null bool
		want string
	}{
		{false, "a.txt\nb\\x0a\\xff.txt\nc.jsonl#7\n"},
		{true, "a.txt\x00b\n\xff.txt\x00c.jsonl#7\x00"},
	} {
		var b bytes.Buffer
		if err := keep.WriteCopies(&b, paths, tt.null); err != nil || b.String() != tt.want {
			t.Errorf("WriteCopies(null %v) wrote %q, %v; want %q", tt.null, b.String(), err, tt.want)
		}
	}
}

// TestWriteUnique writes a corpus without its copies: the records kept are the input's bytes,
// spacing, key order, a Windows-1252 byte and a CRLF's CR-less line included; lines that are
// no record and documents that are not records are left out.
func TestWriteUnique(t *testing.T) {
	dir := t.TempDir()
	lines := []string{
		`{"id": "a",  "text": "first story", "z": 1}`,
		`{"id":"b","text":"a copy of the first story"}`,
		`not json`,
		"",
		`{"text":"caf` + "\xe9" + ` story","id":"c"}` + "\r",
		`{"id":"d","text":"last"}`,
	}
	if err := os.WriteFile(filepath.Join(dir, "news.jsonl"), []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "story.txt"), []byte("a story"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	// Documents are named as input.Read names them: the folder joined with the path below it.
	news := filepath.Join(dir, "news.jsonl")
	drop := map[string]bool{news + "#b": true, news + "#d": true}
	read := 0
	u, err := keep.WriteUnique(context.Background(), &out, []string{dir}, nil, input.Options{}, drop, func() { read++ })
	if err != nil {
		t.Fatal(err)
	}
	want := lines[0] + "\n" + strings.TrimSuffix(lines[4], "\r") + "\n"
	if out.String() != want {
		t.Errorf("WriteUnique wrote\n%q\nwant\n%q", out.String(), want)
	}
	if (u != keep.Unique{Written: 2, Dropped: 2, NotJSONL: 1}) || read != 5 {
		t.Errorf("WriteUnique counted %+v and called read %d times; want 2 written, 2 dropped, 1 not JSONL, 5 read", u, read)
	}
}
