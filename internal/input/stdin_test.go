package input_test

import (
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

func TestReadStdin(t *testing.T) {
	page := "<html><head><title>Piped page title</title></head><body><p>Body from a pipe.</p></body></html>"
	tests := []struct {
		name, in string
		format   string
		docs     []input.Document
		skips    []input.Skip
	}{
		{"text", "piped text\n", "", []input.Document{text("-", "piped text\n", "utf-8", 11)}, nil},
		{"html sniffed", page, "", []input.Document{{
			Path: "-", Text: "Piped page title\n\nBody from a pipe.", Title: "Piped page title",
			Encoding: "utf-8", Format: "html", Size: int64(len(page)),
		}}, nil},
		{"jsonl", "{\"id\":7,\"text\":\"seven\"}\n{}\n", "jsonl", []input.Document{
			{Path: "-#7", Text: "seven", Encoding: "utf-8", Format: "jsonl", Size: 23},
		}, []input.Skip{{Path: "-", Line: 2, Reason: `no text field (tried "text", "content", "body", "article", "html"); the record is empty`}}},
		{"empty", "", "", nil, []input.Skip{{Path: "-", Reason: "empty file", NoText: true}}},
		// zcat left out of the pipe: gzip data is gunzipped, as a .gz file is.
		{"gzip", testfs.Gzip(t, "{\"id\":7,\"text\":\"seven\"}\n"), "jsonl", []input.Document{
			{Path: "-#7", Text: "seven", Encoding: "utf-8", Format: "jsonl", Size: 23},
		}, nil},
		{"gzip text", testfs.Gzip(t, "zipped text\n"), "", []input.Document{text("-", "zipped text\n", "utf-8", 12)}, nil},
		// JSON Lines piped in without --input-format jsonl: records, as a .json file's.
		{"jsonl sniffed", "\n{\"id\":7,\"text\":\"seven\"}\n", "", []input.Document{
			{Path: "-#7", Text: "seven", Encoding: "utf-8", Format: "jsonl", Size: 23},
		}, nil},
		{"gzip cut short", testfs.Gzip(t, "zipped text\n")[:9], "", nil, []input.Skip{{Path: "-", Reason: "unexpected end of file"}}},
		// A JSON array of objects piped in is skipped with the command that makes JSON Lines
		// of it, reading standard input; it was read as one text. Text in brackets is text.
		{"json array", "[\n  {\"id\": 7, \"text\": \"seven\"}\n]\n", "", nil, []input.Skip{
			{Path: "-", Reason: "a JSON array: dedupe reads JSON Lines, an object a line (jq -c '.[]' > records.jsonl)"},
		}},
		{"bracketed text", "[Editor's note] piped text\n", "", []input.Document{text("-", "[Editor's note] piped text\n", "utf-8", 27)}, nil},
		{"braced text", "[{citation needed}] piped\n", "", []input.Document{text("-", "[{citation needed}] piped\n", "utf-8", 26)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := readIn(t, strings.NewReader(tt.in), input.Options{Format: tt.format})
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, res, tt.docs, tt.skips)
		})
	}
}
