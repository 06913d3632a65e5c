package input_test

import (
	"bufio"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	utf16enc "unicode/utf16"

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

// utf16 returns s in UTF-16 with its byte order mark, little-endian or big-endian.
func utf16(s string, bigEndian bool) string {
	var b []byte
	for _, u := range utf16enc.Encode([]rune("\uFEFF" + s)) {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return string(b)
}

// TestReadUTF16JSON: a JSON array in UTF-16, named ".json" or piped in, is skipped with the
// jq command that makes JSON Lines of it, after iconv, which jq needs: its first byte is the
// byte order mark's, not "[", and it was read as one text of JSON. JSON Lines in UTF-16 are
// records, as in a ".jsonl" file; text in brackets piped in is text.
func TestReadUTF16JSON(t *testing.T) {
	const (
		array  = `[{"id": "a", "text": "first record"}]`
		hint   = "a JSON array: dedupe reads JSON Lines, an object a line (%s > records.jsonl)"
		iconv  = "iconv -f UTF-16 -t UTF-8"
		record = `{"id": "a", "text": "first record"}` + "\n"
	)
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{
		"le.json":    utf16(array, false),
		"be.json":    utf16("[\n  {\n    \"text\": \"first record\"\n  }\n]\n", true),
		"lines.json": utf16(record, false),
		"le.json.gz": testfs.Gzip(t, utf16(array, false)),
	})
	path := func(name string) string { return filepath.Join(dir, name) }
	var names []string
	for _, n := range []string{"le.json", "be.json", "lines.json", "le.json.gz"} {
		names = append(names, path(n))
	}
	res, err := read(t, names, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	skip := func(p, cmd string) input.Skip { return input.Skip{Path: p, Reason: fmt.Sprintf(hint, cmd)} }
	checkResult(t, res, []input.Document{
		{Path: path("lines.json") + "#a", Text: "first record", Encoding: "utf-16le", Format: "jsonl", Size: int64(len(record) - 1)},
	}, []input.Skip{
		skip(path("le.json"), iconv+" "+path("le.json")+" | jq -c '.[]'"),
		skip(path("be.json"), iconv+" "+path("be.json")+" | jq -c '.[]'"),
		skip(path("le.json.gz"), "gunzip -c "+path("le.json.gz")+" | "+iconv+" | jq -c '.[]'"),
	})

	for _, tt := range []struct{ name, in, cmd string }{
		{"piped", utf16(array, false), iconv + " | jq -c '.[]'"},
		{"piped big-endian", utf16(array, true), iconv + " | jq -c '.[]'"},
		{"piped gzip", testfs.Gzip(t, utf16(array, false)), "gunzip -c | " + iconv + " | jq -c '.[]'"},
	} {
		res, err := readIn(t, strings.NewReader(tt.in), input.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Run(tt.name, func(t *testing.T) { checkResult(t, res, nil, []input.Skip{skip("-", tt.cmd)}) })
	}
	res, err = readIn(t, strings.NewReader(utf16(record, false)), input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, res, []input.Document{
		{Path: "-#a", Text: "first record", Encoding: "utf-16le", Format: "jsonl", Size: int64(len(record) - 1)},
	}, nil)
	const note = "[{Editor's note}] a text"
	res, err = readIn(t, strings.NewReader(utf16(note, false)), input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, res, []input.Document{text("-", note, "utf-16le", len(utf16(note, false)))}, nil)
}

// TestHoldsRecordsJSONArray: HoldsRecords tells a JSON array of objects on standard input from
// a text as Read does, gzipped or in UTF-16 alike, so that a command that archives what it
// reads lets Read skip it with the jq command rather than refuse it as a text without a name.
func TestHoldsRecordsJSONArray(t *testing.T) {
	const array = `[{"id": "a", "text": "first record"}]`
	for _, tt := range []struct {
		name, in string
		want     bool
	}{
		{"array", array, true},
		{"gzip array", testfs.Gzip(t, array), true},
		{"UTF-16 array", utf16(array, false), true},
		{"JSON Lines", `{"id": "a", "text": "first record"}`, true},
		{"text", "a text", false},
		{"bracketed text", "[{citation needed}] a text", false},
	} {
		if got := input.HoldsRecords(bufio.NewReader(strings.NewReader(tt.in))); got != tt.want {
			t.Errorf("%s: HoldsRecords %v, want %v", tt.name, got, tt.want)
		}
	}
}
