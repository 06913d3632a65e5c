package input_test

import (
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// TestStdinJQHint: JSON that is not JSON Lines piped in is skipped with a jq command that works
// when pasted, reading standard input: gunzipped first when the pipe gave gzip data (the hint
// for standard input had no gunzip step, and jq fails on gzip data).
func TestStdinJQHint(t *testing.T) {
	const (
		array   = "a JSON array: dedupe reads JSON Lines, an object a line (%s > records.jsonl)"
		printed = "JSON printed over several lines, not JSON Lines, an object a line (%s > records.jsonl)"
		pretty  = "a JSON array printed over several lines: dedupe reads JSON Lines, an object a line (%s > records.jsonl)"
	)
	tests := []struct {
		name, in, format, reason string
	}{
		{"array", `[{"id": 7, "text": "seven"}]`, "", array + "|jq -c '.[]'"},
		{"gzip array", testfs.Gzip(t, `[{"id": 7, "text": "seven"}]`), "", array + "|gunzip -c | jq -c '.[]'"},
		{"gzip printed array", testfs.Gzip(t, "[\n  {\"id\": 7, \"text\": \"seven\"}\n]\n"), "", array + "|gunzip -c | jq -c '.[]'"},
		{"gzip printed object", testfs.Gzip(t, "{\n  \"id\": 7,\n  \"text\": \"seven\"\n}\n"), "", printed + "|gunzip -c | jq -c '.'"},
		{"gzip printed array, jsonl", testfs.Gzip(t, "[\n  {\n    \"text\": \"seven\"\n  }\n]\n"), "jsonl", pretty + "|gunzip -c | jq -c '.[]'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := readIn(t, strings.NewReader(tt.in), input.Options{Format: tt.format})
			if err != nil {
				t.Fatal(err)
			}
			format, cmd, _ := strings.Cut(tt.reason, "|")
			checkResult(t, res, nil, []input.Skip{{Path: "-", Reason: strings.Replace(format, "%s", cmd, 1)}})
		})
	}
}
