package input_test

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// readStdin runs Read on data as stdin and fails on any broken invariant of the output:
// Read itself never fails, and text, titles and paths of documents are valid, bounded UTF-8.
func readStdin(t *testing.T, data []byte, opts input.Options) ([]input.Document, []input.Skip) {
	t.Helper()
	res, err := readIn(t, bytes.NewReader(data), opts)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	for _, d := range res.docs {
		if !utf8.ValidString(d.Text) || !utf8.ValidString(d.Title) {
			t.Errorf("invalid UTF-8 in %+v", d)
		}
		if strings.TrimSpace(d.Text) == "" {
			t.Errorf("empty text emitted: %+v", d)
		}
		if opts.MaxBytes > 0 && int64(len(d.Text)) > opts.MaxBytes {
			t.Errorf("len(Text) = %d > MaxBytes %d", len(d.Text), opts.MaxBytes)
		}
		if d.Size > int64(len(data)) {
			t.Errorf("Size = %d > input length %d", d.Size, len(data))
		}
	}
	for _, s := range res.skips {
		if s.Reason == "" || strings.Contains(s.Reason, "\n") {
			t.Errorf("bad skip reason %q", s.Reason)
		}
	}
	return res.docs, res.skips
}

// readRecords reads data from stdin as records of format (jsonl or sgml) with small limits and,
// beside the checks of readStdin, fails on what must hold for every record format: each record
// is named once, "-#" and its name, and has the format, and every skip names a line of data.
// It returns the records, the skips and the lines of data.
func readRecords(t *testing.T, data []byte, format string) (docs []input.Document, skips []input.Skip, lines int) {
	t.Helper()
	docs, skips = readStdin(t, data, input.Options{Format: format, MaxBytes: 64, MaxLineBytes: 256, MaxLines: 50})
	lines = bytes.Count(data, []byte("\n")) + 1
	names := make(map[string]bool, len(docs))
	for _, d := range docs {
		if !strings.HasPrefix(d.Path, "-#") || d.Format != format || names[d.Path] {
			t.Errorf("bad or repeated record %+v", d)
		}
		names[d.Path] = true
	}
	for _, s := range skips {
		if s.Line < 0 || s.Line > lines {
			t.Errorf("skip line %d outside 0..%d", s.Line, lines)
		}
	}
	return docs, skips, lines
}

func FuzzJSONL(f *testing.F) {
	wire := testfs.ReadFile(f, "testdata/wire.jsonl")
	f.Add(wire)
	f.Add([]byte(`{"id":1,"text":"a","date":1e300}` + "\n" + `{"text":"\x93b\x94"}`))
	f.Add([]byte("\xff\xfe{\x00}\x00"))
	f.Add([]byte("{\"text\":\"" + strings.Repeat("é", 100) + "\"}\r\n\n"))
	// Repeated ids, an id equal to another record's automatic name, an id taken by a renaming,
	// and more lines than MaxLines below.
	f.Add([]byte(strings.Repeat(`{"id":"dup","text":"a"}`+"\n", 3) + `{"id":"L5","text":"b"}` + "\n" +
		`{"text":"c"}` + "\n" + `{"id":"dup~2","text":"d"}` + "\n" + `{"id":7,"text":"e"}` + "\n" + `{"id":"7","text":"f"}`))
	f.Add([]byte(strings.Repeat("\n", 100) + `{"text":"late"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, skips, lines := readRecords(t, data, "jsonl")
		if len(docs)+len(skips) > lines {
			t.Errorf("%d documents and %d skips from %d lines", len(docs), len(skips), lines)
		}
	})
}

func FuzzSGML(f *testing.F) {
	f.Add([]byte(trecRecord + "</DOC>\n" + reutersRecord + "</REUTERS>\n"))
	f.Add([]byte("<DOC><DOCNO>A</DOCNO><TEXT>a</TEXT></DOC><DOC><DOCNO>A</DOCNO><TEXT>b</TEXT></DOC>\nstray\n<DOC><TEXT>open"))
	f.Add([]byte("<DOC>\n<TEXT>\n" + strings.Repeat("x", 300) + "\n</TEXT></DOC>\n<REUTERS NEWID=\"1\"><TEXT>&#3;&amp</TEXT>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		readRecords(t, data, "sgml")
	})
}

func FuzzHTML(f *testing.F) {
	article := testfs.ReadFile(f, "testdata/article.html")
	f.Add(article)
	f.Add([]byte(page(`<meta charset="shift_jis">`, "<p>\x82\xa0\x82\xa2</p>")))
	f.Add([]byte("<html><body><table><tr><td>cell<br><br>x</td></tr></table><time datetime=2024-01-01>"))
	f.Add([]byte("\xfe\xff\x00<\x00p\x00>\xd8\x00"))
	// Nesting past the depth limit, in the forms the depth estimate must not underrate; just
	// past it, since parses of deeper pages slow every execution down (the limits themselves
	// are tested on full-size pages in TestReadHTMLNested).
	f.Add([]byte("<body>" + strings.Repeat("<div>", 600)))
	f.Add([]byte("<body>" + strings.Repeat("<li><ul>", 300)))
	f.Add([]byte("<body>" + strings.Repeat("<div><table></div>", 300)))
	f.Add([]byte("<body>" + strings.Repeat("<div/>", 600)))
	f.Add([]byte("<body><b><div>" + strings.Repeat("<span>", 600) + strings.Repeat("</b>", 600)))
	// Repeated paragraphs left open, which must not count as nesting.
	f.Add([]byte("<body>" + strings.Repeat("<p><font>text<li><p>item<tr><td>cell", 60)))
	f.Fuzz(func(t *testing.T, data []byte) {
		// Bigger inputs only slow the fuzzer down.
		if len(data) > 1<<14 {
			return
		}
		docs, skips := readStdin(t, data, input.Options{Format: "html"})
		if len(docs)+len(skips) != 1 {
			t.Fatalf("%d documents and %d skips; want exactly one of either", len(docs), len(skips))
		}
	})
}
