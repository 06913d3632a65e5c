package report_test

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/report"
)

// FuzzRoundTrip builds a Report from fuzzed JSON and checks that writing it is stable: the JSON
// written, read back and written again is the same bytes, so reports can be diffed and cached.
// They are the bytes json.Encoder writes. The JSON lines and text writers must accept every
// report too.
func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte(`{"version":1,"params":{"threshold":0.05,"seed":18446744073709551615},` +
		`"stats":{"documents":2,"clusters":1},"clusters":[{"id":1,"size":2,"representative":"a\nb",` +
		`"members":[{"path":"a\nb","words":40,"date":"2025-12-03T00:00:00Z"},{"path":"\ufffd.txt","words":41,"encoding":"windows-1252"}],` +
		`"pairs":[{"a":"a\nb","b":"\ufffd.txt","relation":"rewrite","score":0.87654321,"jaccard":0.3}]}],` +
		`"links":[],"skipped":[{"path":"x.jsonl","line":3,"reason":"invalid JSON"}],"warnings":[{"path":"y","message":"truncated"}]}`))
	f.Add([]byte(`{"clusters":[{"pairs":[{"score":1e-5,"jaccard":0.00005,"coverage_a":0.99995}]}]}`))
	f.Add([]byte(`{"links":[{"score":-0,"containment":1e300,"cluster_a":-1}]}`))
	f.Add([]byte(`{"links":[{"score":1e305,"jaccard":-1.00005e-11,"coverage_a":123456789012.34567}]}`))
	f.Add([]byte(`{"skipped":[{"path":"<&>\u2028","reason":"\x7f"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var rep report.Report
		if json.Unmarshal(data, &rep) != nil {
			return
		}
		first := writeJSON(t, &rep)
		if want := encoded(t, &rep); !bytes.Equal(first, want) {
			t.Fatalf("WriteJSON wrote\n%s\njson.Encoder writes\n%s", first, want)
		}
		var back report.Report
		if err := json.Unmarshal(first, &back); err != nil {
			t.Fatalf("written report is not valid JSON: %v\n%s", err, first)
		}
		if second := writeJSON(t, &back); !bytes.Equal(first, second) {
			t.Fatalf("report changed in a round trip:\nfirst  %s\nsecond %s", first, second)
		}
		if err := report.WriteJSONL(io.Discard, &rep); err != nil {
			t.Fatalf("WriteJSONL: %v", err)
		}
		if err := report.WriteText(io.Discard, &rep); err != nil {
			t.Fatalf("WriteText: %v", err)
		}
	})
}

func writeJSON(t *testing.T, rep *report.Report) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := report.WriteJSON(&b, rep); err != nil {
		t.Fatalf("WriteJSON: %v", err)
	}
	return b.Bytes()
}

// encoded returns what WriteJSON must write for rep: json.Encoder's bytes, indented by two
// spaces, with HTML left unescaped.
func encoded(t *testing.T, rep *report.Report) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
