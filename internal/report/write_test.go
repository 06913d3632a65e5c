package report_test

import (
	"bytes"
	"encoding/json"
	"testing"

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
			Params:   report.Params{ShingleSize: 2, NumPerm: 256, Threshold: 0.1, Language: "english"},
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
