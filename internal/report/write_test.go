package report_test

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"reflect"
	"slices"
	"strings"
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
		if got, want := writeJSON(t, rep), encoded(t, rep); !bytes.Equal(got, want) {
			t.Errorf("%s: WriteJSON wrote\n%s\njson.Encoder writes\n%s", name, got, want)
		}
	}
	// A warning about the run, not an input, has no path (it had "path": "").
	if got := writeJSON(t, &report.Report{Warnings: []report.Warning{{Message: "about the run"}}}); bytes.Contains(got, []byte(`"path"`)) || !bytes.Contains(got, []byte(`"message": "about the run"`)) {
		t.Errorf("a warning without a path: %s", got)
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

// TestWriteAsEncoder checks that the clusters and pairs WriteJSON, WriteJSONL and
// WriteClusterRecord write without the encoder are the encoder's bytes: every field of every
// type set (by reflection, so that a field added later is covered), every field zero, nil and
// empty slices, and strings the encoder escapes.
func TestWriteAsEncoder(t *testing.T) {
	strs := []string{"a.txt", "", "a \"b\"\\c", "tab\tnew\nline\x01\x1f", "<&>", "Ünïcode “quotes”", "\u2028\u2029", "bad \xff utf-8", "\x7f"}
	var full []report.Cluster
	for i, s := range strs {
		var c report.Cluster
		fill(reflect.ValueOf(&c).Elem(), s, i+1)
		full = append(full, c)
	}
	zero := report.Cluster{Members: []report.Member{{}}, Pairs: []report.Pair{{}, {Passages: []report.Passage{}}}}
	reports := map[string]*report.Report{
		"every field":                {Clusters: full, Links: full[0].Pairs},
		"zero fields":                {Clusters: []report.Cluster{zero, {}, {Members: []report.Member{}, Pairs: []report.Pair{}}}, Links: zero.Pairs},
		"a cluster written in parts": {Clusters: []report.Cluster{full[0], large(full[2]), full[1]}},
	}
	for name, rep := range reports {
		if got, want := writeJSON(t, rep), encoded(t, rep); !bytes.Equal(got, want) {
			t.Errorf("%s: WriteJSON wrote\n%s\njson.Encoder writes\n%s", name, got, want)
		}

		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		for i := range rep.Clusters {
			if err := enc.Encode(struct {
				Type string `json:"type"`
				*report.Cluster
			}{report.RecordCluster, &rep.Clusters[i]}); err != nil {
				t.Fatal(err)
			}
		}
		clusters := want.Len()
		for i := range rep.Links {
			if err := enc.Encode(struct {
				Type string `json:"type"`
				*report.Pair
			}{report.RecordLink, &rep.Links[i]}); err != nil {
				t.Fatal(err)
			}
		}
		var got bytes.Buffer
		if err := report.WriteJSONL(&got, rep); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(got.Bytes(), want.Bytes()) {
			t.Errorf("%s: WriteJSONL wrote\n%s\njson.Encoder writes\n%s", name, got.Bytes(), want.Bytes())
		}
		got.Reset()
		for i := range rep.Clusters {
			if err := report.WriteClusterRecord(&got, &rep.Clusters[i]); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()[:clusters]) {
			t.Errorf("%s: WriteClusterRecord wrote\n%s\njson.Encoder writes\n%s", name, got.Bytes(), want.Bytes()[:clusters])
		}
	}
}

// large returns c with its members and pairs repeated until its JSON is many times what the
// appender holds before it writes a part of it.
func large(c report.Cluster) report.Cluster {
	for range 10 {
		c.Members = append(c.Members, c.Members...)
		c.Pairs = append(c.Pairs, c.Pairs...)
	}
	return c
}

// TestWriteNotFinite checks that a ratio that is not finite fails WriteJSON and WriteJSONL with
// the encoder's error, also in the last pair of a cluster written in parts.
func TestWriteNotFinite(t *testing.T) {
	for _, f := range []float64{math.NaN(), math.Inf(1)} {
		bad := report.Pair{Jaccard: report.Ratio(f)}
		big := large(report.Cluster{Pairs: []report.Pair{{A: strings.Repeat("a", 100)}}})
		big.Pairs = append(big.Pairs, bad)
		for _, rep := range []*report.Report{
			{Clusters: []report.Cluster{{Pairs: []report.Pair{bad}}}},
			{Clusters: []report.Cluster{big}},
		} {
			want := json.NewEncoder(io.Discard).Encode(rep)
			if want == nil {
				t.Fatalf("json.Encoder wrote a ratio of %v", f)
			}
			if err := report.WriteJSON(io.Discard, rep); err == nil || err.Error() != want.Error() {
				t.Errorf("WriteJSON of a ratio of %v in a cluster of %d pairs: %v; want %v", f, len(rep.Clusters[0].Pairs), err, want)
			}
			if err := report.WriteJSONL(io.Discard, rep); err == nil || err.Error() != want.Error() {
				t.Errorf("WriteJSONL of a ratio of %v in a cluster of %d pairs: %v; want %v", f, len(rep.Clusters[0].Pairs), err, want)
			}
		}
	}
}

// fill sets every field of v, recursively, to something not zero: strings to s, numbers from
// n (ratios with more than four decimals), booleans to true, slices to two elements.
func fill(v reflect.Value, s string, n int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(s)
	case reflect.Int:
		v.SetInt(int64(n))
	case reflect.Float64:
		v.SetFloat(float64(n) / 7)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), s, n+i)
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), s, n+i)
		}
	default:
		panic("fill: no value for a " + v.Kind().String())
	}
}
