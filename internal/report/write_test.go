package report_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/report"
)

// TestWriteJSONAsEncoder checks that WriteJSON, which writes clusters and links one at a
// time, gives the bytes json.Encoder gives for the whole report: indentation, commas, empty
// and nil slices, and characters the encoder would escape for HTML.
func TestWriteJSONAsEncoder(t *testing.T) {
	pair := report.Pair{A: "a <b>.txt", B: "c&d.txt", Relation: "rewrite", Score: 0.5, Jaccard: 0.25}
	cluster := report.Cluster{
		ID: 1, Size: 2, Representative: "a <b>.txt", RepresentativeRule: "most_aligned",
		Members: []report.Member{{Path: "a <b>.txt", Words: 300, Title: "Ünïcode “quotes”"}, {Path: "c&d.txt", Words: 280}},
		Pairs:   []report.Pair{pair},
	}
	reports := map[string]*report.Report{
		"zero":         {},
		"empty slices": {Version: 1, Clusters: []report.Cluster{}, Links: []report.Pair{}, Skipped: []report.Skip{}, Warnings: []report.Warning{}},
		"full": {
			Version:  1,
			Params:   report.Params{{Key: "shingle_size", Value: 2}, {Key: "num_perm", Value: 256}, {Key: "threshold", Value: 0.123456}, {Key: "language", Value: "english"}},
			Stats:    report.Stats{Documents: 3, Clusters: 2},
			Clusters: []report.Cluster{cluster, cluster},
			Links:    []report.Pair{pair},
			Skipped:  []report.Skip{{Path: "x.jsonl", Line: 3, Reason: "invalid JSON"}},
			Warnings: []report.Warning{{Path: "y.txt", Message: "decoded as Windows-1252"}},
		},
	}
	for name, rep := range reports {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			t.Fatal(err)
		}
		if got := writeJSON(t, rep); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s: WriteJSON wrote\n%s\njson.Encoder writes\n%s", name, got, want.Bytes())
		}
	}
}

// TestParamsJSON checks that Params keep their order through JSON, that floats are written as
// Ratio, and that numbers read back are written as they were read.
func TestParamsJSON(t *testing.T) {
	p := report.Params{{Key: "z", Value: 2}, {Key: "a", Value: 0.123456}, {Key: "seed", Value: uint64(18446744073709551615)}, {Key: "m", Value: "x"}}
	const want = `{"z":2,"a":0.1235,"seed":18446744073709551615,"m":"x"}`
	b, err := json.Marshal(p)
	if err != nil || string(b) != want {
		t.Fatalf("Marshal = %s, %v; want %s", b, err, want)
	}
	var back report.Params
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if b2, err := json.Marshal(back); err != nil || string(b2) != want {
		t.Errorf("Marshal(Unmarshal(%s)) = %s, %v", want, b2, err)
	}
	if got := back.Get("seed"); got != json.Number("18446744073709551615") {
		t.Errorf(`Get("seed") = %#v`, got)
	}
	if err := json.Unmarshal([]byte(`[1]`), &back); err == nil {
		t.Error("Unmarshal of an array into Params: no error")
	}
}

// TestWriteIndented checks the JSON that check, compare and passages write: indented by two
// spaces, "<" and "&" as they are, a final newline.
func TestWriteIndented(t *testing.T) {
	var b bytes.Buffer
	if err := report.WriteIndented(&b, map[string][]string{"path": {"a <b>&c.txt"}}); err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"path\": [\n    \"a <b>&c.txt\"\n  ]\n}\n"; b.String() != want {
		t.Errorf("WriteIndented wrote %q; want %q", b.String(), want)
	}
}

// TestAppendSkipsWarnings checks that the inputs package input skipped and its warnings keep
// their path, line and reason in the report, after what it held.
func TestAppendSkipsWarnings(t *testing.T) {
	in := []input.Skip{{Path: "a.jsonl", Line: 3, Reason: "invalid JSON"}, {Path: "b.txt", Reason: "empty file"}}
	skips := report.AppendSkips([]report.Skip{{Path: "x", Reason: "y"}}, in)
	if want := []report.Skip{{Path: "x", Reason: "y"}, {Path: "a.jsonl", Line: 3, Reason: "invalid JSON"}, {Path: "b.txt", Reason: "empty file"}}; !slices.Equal(skips, want) {
		t.Errorf("AppendSkips = %+v; want %+v", skips, want)
	}
	warnings := report.AppendWarnings(nil, in)
	if want := []report.Warning{{Path: "a.jsonl", Line: 3, Message: "invalid JSON"}, {Path: "b.txt", Message: "empty file"}}; !slices.Equal(warnings, want) {
		t.Errorf("AppendWarnings = %+v; want %+v", warnings, want)
	}
}
