package input_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/input"
)

// TestRecordLines checks Document.Line: the line of a JSONL record, blank lines counted, and
// the line an SGML record starts on; 0 for a file. A skip or warning about a record names it.
func TestRecordLines(t *testing.T) {
	jsonl := "{\"id\": \"a\", \"text\": \"one\"}\n\n{\"id\": \"b\", \"text\": \"two\"}\n"
	sgml := "<DOC>\n<DOCNO>x</DOCNO>\n<TEXT>\none\n</TEXT>\n</DOC>\n<DOC>\n<DOCNO>y</DOCNO>\n<TEXT>two</TEXT>\n</DOC>\n"
	for _, tt := range []struct {
		format, in string
		want       map[string]int
	}{
		{"jsonl", jsonl, map[string]int{"-#a": 1, "-#b": 3}},
		{"sgml", sgml, map[string]int{"-#x": 1, "-#y": 7}},
		{"text", "some text", map[string]int{"-": 0}},
	} {
		res, err := readIn(t, strings.NewReader(tt.in), input.Options{Format: tt.format})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		for _, d := range res.docs {
			got[d.Path] = d.Line
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: lines %v; want %v", tt.format, got, tt.want)
		}
	}
	res, err := readIn(t, strings.NewReader(jsonl), input.Options{Format: "jsonl", MaxBytes: 2})
	if err != nil {
		t.Fatal(err)
	}
	want := []input.Skip{{Path: "-#b", Line: 3, Reason: "longer than 2 bytes (--max-bytes): truncated"}}
	if got := res.docs[1].AllWarnings(2); !reflect.DeepEqual(got, want) {
		t.Errorf("warnings of a truncated record %+v; want %+v", got, want)
	}
}

// TestRecordEncodings checks that a JSONL line or SGML record that is not valid UTF-8 is
// decoded by itself as a file is: mostly UTF-8 with a stray byte, its bad bytes replaced;
// Windows-1252 otherwise. And that an SGML file may start with a byte order mark, UTF-8 or
// UTF-16, as a JSONL file may (the mark was text outside records, and UTF-16 nothing read).
func TestRecordEncodings(t *testing.T) {
	stray := "Z\xc3\xbcrich caf\xc3\xa9 na\xc3\xafve \xff"
	want := map[string]string{
		"-#u": "Zürich café naïve \uFFFD utf-8-replaced",
		"-#w": "caf\u00e9 \u201cq\u201d windows-1252",
	}
	jsonl := `{"id": "u", "text": "` + stray + `"}` + "\n" + "{\"id\": \"w\", \"text\": \"caf\xe9 \x93q\x94\"}\n"
	sgml := "<DOC><DOCNO>u</DOCNO><TEXT>" + stray + "</TEXT></DOC>\n<DOC><DOCNO>w</DOCNO><TEXT>caf\xe9 \x93q\x94</TEXT></DOC>\n"
	le := func(s string) string { // UTF-16LE with its byte order mark
		b := []byte{0xff, 0xfe}
		for _, r := range s {
			b = append(b, byte(r), byte(r>>8))
		}
		return string(b)
	}
	plain := "<DOC><DOCNO>u</DOCNO><TEXT>Zürich café naïve \uFFFD</TEXT></DOC>\n"
	for _, tt := range []struct {
		name, format, in string
		want             map[string]string
	}{
		{"jsonl", "jsonl", jsonl, want},
		{"sgml", "sgml", sgml, want},
		{"sgml after a UTF-8 mark", "sgml", "\xef\xbb\xbf" + plain, map[string]string{"-#u": "Zürich café naïve \uFFFD utf-8-bom"}},
		{"sgml in UTF-16", "sgml", le(plain), map[string]string{"-#u": "Zürich café naïve \uFFFD utf-16le"}},
	} {
		res, err := readIn(t, strings.NewReader(tt.in), input.Options{Format: tt.format})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, d := range res.docs {
			got[d.Path] = d.Text + " " + d.Encoding
		}
		if !reflect.DeepEqual(got, tt.want) || len(res.skips) > 0 {
			t.Errorf("%s: read %q, skipped %+v; want %q", tt.name, got, res.skips, tt.want)
		}
	}
}
