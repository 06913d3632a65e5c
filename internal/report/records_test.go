package report_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/report"
)

// recordsReport is a report with one of everything JSON lines and the pair table write.
func recordsReport() *report.Report {
	pair := report.Pair{A: "a.txt", B: "b.txt", Relation: "rewrite", Source: "a.txt", Score: 0.56789, Jaccard: 0.25, Aligned: 7, LongestRun: 12}
	link := report.Pair{A: "b.txt", B: "c, \"d\".txt", Relation: "partial", Score: 0.5, ClusterA: 1, EncodingB: "windows-1252"}
	return &report.Report{
		Version: report.Version, Root: "/home/x", Inputs: []string{"news"},
		Params: report.Params{{Key: "shingle_size", Value: 2}},
		Stats:  report.Stats{Documents: 3, Clusters: 1, VerifiedPairs: 2},
		Clusters: []report.Cluster{{ID: 1, Size: 2, Representative: "a.txt", RepresentativeRule: "most_aligned",
			Members: []report.Member{{Path: "a.txt", Words: 300}, {Path: "b.txt", Words: 280}}, Pairs: []report.Pair{pair}}},
		Links:    []report.Pair{link},
		Skipped:  []report.Skip{{Path: "x.jsonl", Line: 3, Reason: "invalid JSON"}},
		Warnings: []report.Warning{{Path: "y.txt", Message: "decoded as Windows-1252"}},
	}
}

// TestWriteJSONL checks that every object of the JSON report has its line, in order, as the
// JSON report writes it with its "type" first, and that the stats line carries the rest.
func TestWriteJSONL(t *testing.T) {
	rep := recordsReport()
	var b bytes.Buffer
	if err := report.WriteJSONL(&b, rep); err != nil {
		t.Fatal(err)
	}
	js := func(v any) string {
		out, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	typed := func(typ string, v any) string { return `{"type":"` + typ + `",` + js(v)[1:] }
	want := strings.Join([]string{
		typed("cluster", rep.Clusters[0]),
		typed("link", rep.Links[0]),
		typed("skipped", rep.Skipped[0]),
		typed("warning", rep.Warnings[0]),
		`{"type":"stats","version":2,"root":"/home/x","inputs":["news"],"params":{"shingle_size":2},"stats":` + js(rep.Stats) + `}`,
	}, "\n") + "\n"
	if b.String() != want {
		t.Errorf("WriteJSONL wrote\n%s\nwant\n%s", b.String(), want)
	}

	b.Reset()
	if err := report.WriteClusterRecord(&b, &rep.Clusters[0]); err != nil || b.String() != typed("cluster", rep.Clusters[0])+"\n" {
		t.Errorf("WriteClusterRecord wrote %s, %v; want the cluster line of WriteJSONL", b.String(), err)
	}
}

// TestWritePairs checks the table of pairs: a header of the JSON pair's fields, the cluster's
// pairs with its id on both sides, then the links; quoting as encoding/csv does it.
func TestWritePairs(t *testing.T) {
	var pairFields []string
	for f := range reflect.TypeFor[report.Pair]().Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch f.Type.Kind() {
		case reflect.Slice, reflect.Array, reflect.Map, reflect.Struct, reflect.Pointer:
			// No one cell holds a list.
		default:
			pairFields = append(pairFields, name)
		}
	}
	if !reflect.DeepEqual(report.PairColumns, pairFields) {
		t.Errorf("PairColumns = %q; want every field of the JSON pair that holds one value, %q", report.PairColumns, pairFields)
	}
	rep := recordsReport()
	for _, tt := range []struct {
		comma rune
		want  string
	}{
		{',', `a,b,relation,source,score,jaccard,containment,containment_a,containment_b,coverage_a,coverage_b,aligned_sentences,longest_run,cluster_a,cluster_b,encoding_a,encoding_b
a.txt,b.txt,rewrite,a.txt,0.5679,0.25,0,0,0,0,0,7,12,1,1,,
b.txt,"c, ""d"".txt",partial,,0.5,0,0,0,0,0,0,0,0,1,0,,windows-1252
`},
		{'\t', "a\tb\trelation\tsource\tscore\tjaccard\tcontainment\tcontainment_a\tcontainment_b\tcoverage_a\tcoverage_b\taligned_sentences\tlongest_run\tcluster_a\tcluster_b\tencoding_a\tencoding_b\n" +
			"a.txt\tb.txt\trewrite\ta.txt\t0.5679\t0.25\t0\t0\t0\t0\t0\t7\t12\t1\t1\t\t\n" +
			"b.txt\t\"c, \"\"d\"\".txt\"\tpartial\t\t0.5\t0\t0\t0\t0\t0\t0\t0\t0\t1\t0\t\twindows-1252\n"},
	} {
		var b bytes.Buffer
		if err := report.WritePairs(&b, rep, tt.comma); err != nil || b.String() != tt.want {
			t.Errorf("WritePairs(%q) = %v\n%s\nwant\n%s", tt.comma, err, b.String(), tt.want)
		}
	}
}
