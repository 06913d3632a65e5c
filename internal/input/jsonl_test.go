package input_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

func TestReadJSONL(t *testing.T) {
	rec := func(path, text string, size int) input.Document {
		return input.Document{Path: path, Text: text, Encoding: "utf-8", Format: "jsonl", Size: int64(size)}
	}
	dated := func(d input.Document, t time.Time) input.Document { d.Date = t; return d }
	titled := func(d input.Document, title string) input.Document { d.Title = title; return d }
	sited := func(d input.Document, site string) input.Document { d.Site = site; return d }
	warned := func(d input.Document, w ...input.Skip) input.Document { d.Warnings = w; return d }
	runReadCases(t, "jsonl", []readCase{
		{
			name: "default fields",
			in:   `{"id":"a","text":"t","title":"T","date":"2024-03-05T10:00:00.5Z"}`,
			docs: []input.Document{titled(dated(rec("-#a", "t", 65), time.Date(2024, 3, 5, 10, 0, 0, 5e8, time.UTC)), "T")},
		},
		{
			name: "fallback fields",
			in: `{"url":"https://x.test/1","content":"c","headline":"H","published":"2024-03-05"}` + "\n" +
				`{"id":"","url":"u","body":"b","pubDate":"2024-03-05 06:07:08"}` + "\n" +
				`{"id":true,"article":"a","published_at":1700000000}`,
			docs: []input.Document{
				sited(titled(dated(rec("-#https://x.test/1", "c", 80), time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)), "H"), "x.test"),
				dated(rec("-#u", "b", 62), time.Date(2024, 3, 5, 6, 7, 8, 0, time.UTC)),
				dated(rec("-#L3", "a", 51), time.Unix(1700000000, 0).UTC()),
			},
		},
		{
			name: "large numeric id stays exact, milliseconds read, an ambiguous date named",
			in:   `{"id":12345678901234567890,"text":"n","date":1700000000000}` + "\n" + `{"id":1.5,"text":"f","date":"05/03/2024"}`,
			docs: []input.Document{
				dated(rec("-#12345678901234567890", "n", 59), time.Unix(1700000000, 0).UTC()),
				warned(rec("-#1.5", "f", 41), input.Skip{Path: "-", Line: 2, Reason: `date "05/03/2024" in field "date" not read: the record is undated`}),
			},
		},
		{
			name: "RSS, zoneless and Unix dates",
			in: `{"id":"r","text":"r","pubDate":"Tue, 5 Mar 2024 10:00:00 +0100"}` + "\n" +
				`{"id":"g","text":"g","pubDate":"Tue, 05 Mar 2024 10:00:00 GMT"}` + "\n" +
				`{"id":"z","text":"z","date":"2024-03-05T10:00:00"}` + "\n" +
				`{"id":"s","text":"s","date":"1700000000"}` + "\n" +
				`{"id":"b","text":"b","date":true,"published":"2024/03/05"}` + "\n" +
				`{"id":"n","text":"n","date":"2024-03-05T05:00:00+0000"}` + "\n" +
				`{"id":"d","text":"d","date":"20240305"}` + "\n" +
				`{"id":"l","text":"l","date":"Tuesday, March 5, 2024"}`,
			docs: []input.Document{
				dated(rec("-#r", "r", 64), time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC)),
				dated(rec("-#g", "g", 63), time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)),
				dated(rec("-#z", "z", 50), time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)),
				dated(rec("-#s", "s", 41), time.Unix(1700000000, 0).UTC()),
				dated(rec("-#b", "b", 58), time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)),
				dated(rec("-#n", "n", 55), time.Date(2024, 3, 5, 5, 0, 0, 0, time.UTC)),
				dated(rec("-#d", "d", 39), time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)),
				dated(rec("-#l", "l", 53), time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)),
			},
		},
		{
			name: "a year, alone or with its month, is its first day; a number of four digits too; a small number is no date",
			in: `{"id":"y","text":"y","date":"1916"}` + "\n" + `{"id":"m","text":"m","date":"1916-02"}` + "\n" +
				`{"id":"n","text":"n","date":1916}` + "\n" + `{"id":"u","text":"u","date":19160000}` + "\n" +
				`{"id":"z","text":"z","date":0}`,
			docs: []input.Document{
				dated(rec("-#y", "y", 35), time.Date(1916, 1, 1, 0, 0, 0, 0, time.UTC)),
				dated(rec("-#m", "m", 38), time.Date(1916, 2, 1, 0, 0, 0, 0, time.UTC)),
				dated(rec("-#n", "n", 33), time.Date(1916, 1, 1, 0, 0, 0, 0, time.UTC)),
				dated(rec("-#u", "u", 37), time.Unix(19160000, 0).UTC()),
				// 0, or any number below a million, is no time: the record is undated.
				warned(rec("-#z", "z", 30), input.Skip{Path: "-", Line: 5, Reason: `date 0 in field "date" not read: the record is undated`}),
			},
		},
		{
			name: "custom fields as a list tried in order; a text as an array of paragraphs",
			in: `{"id":"a","maintext":"from maintext"}` + "\n" + `{"id":"b","content":"from content"}` + "\n" +
				`{"id":"c","maintext":["one","two"]}` + "\n" + `{"id":"d","maintext":["one",2]}`,
			opts:  input.Options{TextField: "maintext, content"},
			docs:  []input.Document{rec("-#a", "from maintext", 37), rec("-#b", "from content", 35), rec("-#c", "one\n\ntwo", 35)},
			skips: []input.Skip{{Path: "-", Line: 4, Reason: `text field "maintext" is an array holding other values than strings, not a string or an array of strings`}},
		},
		{
			name: "a text marked up as HTML is read as HTML: a paragraph a block, no tags, entities decoded; empty elements are no markup",
			in: `{"id":"h","text":"<p class=\"body\">First &amp; foremost.</p><div class=\"newsletter\">Sign up <a href=\"/n\">here</a></div><script>x()</script>"}` + "\n" +
				`{"id":"t","text":"a < b and <p> in prose once"}` + "\n" +
				`{"id":"i","text":"titles such as <i>The Times</i> and <b>Le Monde</b> stay as written"}` + "\n" +
				`{"id":"o","text":"OCR noise <i ;. ? ??\n? iM-t ? 11 > and <b 1 ! ?> stays"}` + "\n" +
				`{"id":"br","text":"line one<br>line two<br/>line three"}` + "\n" +
				`{"id":"e","text":"1916.<p></p>WITH THE\nNO.<p> </p>GARRISON"}`,
			docs: []input.Document{rec("-#h", "First & foremost.\n\nSign up here", 146), rec("-#t", "a < b and <p> in prose once", 47),
				rec("-#i", "titles such as <i>The Times</i> and <b>Le Monde</b> stay as written", 87),
				rec("-#o", "OCR noise <i ;. ? ??\n? iM-t ? 11 > and <b 1 ! ?> stays", 75),
				rec("-#br", "line one\nline two\nline three", 56),
				// Empty elements between OCR'd lines lay out no text: plain text, as written.
				rec("-#e", "1916.<p></p>WITH THE\nNO.<p> </p>GARRISON", 61)},
		},
		{
			// Parsed, 50,000 nested divs took 18 s, and the markup was kept as the text.
			name:  "markup nested too deeply is refused before it is parsed, as a page is",
			in:    `{"id":"d","text":"<p>a</p><div>` + strings.Repeat("<div>", 50000) + `<p>deep</p>"}`,
			skips: []input.Skip{{Path: "-", Line: 1, Reason: `text field "text": html nested deeper than 512 elements`}},
		},
		{
			name: "a whole page is read as a page file is: its article, its title and date, the site's navigation and banners left out",
			in: `{"id":"p","html":"<!DOCTYPE html><html><head><title>Bridge vote</title><meta name=\"date\" content=\"2024-05-06\"></head><body>` +
				`<div class=\"cookie-banner\"><p>We use cookies to improve your experience.</p></div><nav><a href=\"/\">Home</a> <a href=\"/s\">Sport</a></nav>` +
				`<article><h1>Bridge vote</h1><p>The council voted on Monday to build the new bridge over the river.</p></article></body></html>"}` + "\n" +
				`{"id":"q","title":"Given","html":"<html><body><p>Short.</p></body></html>"}` + "\n" +
				`{"id":"r","html":"<html><body><script>x()</script></body></html>"}` + "\n" +
				`{"id":"s","html":"In HTML the <head> element holds the title, and the <body> the page."}`,
			opts: input.Options{TextField: "html"},
			docs: []input.Document{titled(dated(rec("-#p", "Bridge vote\n\nThe council voted on Monday to build the new bridge over the river.", 398), time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC)), "Bridge vote"),
				titled(rec("-#q", "Short.", 75), "Given"),
				// Prose that names tags further on is no page, and no markup.
				rec("-#s", "In HTML the <head> element holds the title, and the <body> the page.", 88)},
			skips: []input.Skip{{Path: "-", Line: 3, Reason: `text field "html": no article text found`}},
		},
		{
			name: "a null or blank text field gives way to the next field that has a text",
			in: `{"id":"n","text":null}` + "\n" + `{"id":"c","text":null,"content":"from content"}` + "\n" +
				`{"id":"h","text":" ","html":"<html><body><p>The page.</p></body></html>"}` + "\n" + `{"id":"b","text":"","body":""}` + "\n" +
				`{"id":"a","text":["", " "],"content":"from content"}`,
			docs: []input.Document{rec("-#c", "from content", 47), rec("-#h", "The page.", 73), rec("-#a", "from content", 52)},
			skips: []input.Skip{{Path: "-", Line: 1, Reason: `text field "text" is null`},
				{Path: "-", Line: 4, Reason: `empty text field "text"`, NoText: true}},
		},
		{
			name:  "a null dotted field",
			in:    `{"doc":{"body":null}}`,
			opts:  input.Options{TextField: "doc.body"},
			skips: []input.Skip{{Path: "-", Line: 1, Reason: `text field "doc.body" is null`}},
		},
		{
			name: "dotted custom fields",
			in:   `{"meta":{"id":"m1","when":{"utc":"2024-01-01"}},"doc":{"body":"deep","head":"D"},"text":"shallow"}`,
			opts: input.Options{IDField: "meta.id", TextField: "doc.body", TitleField: "doc.head", DateField: "meta.when.utc"},
			docs: []input.Document{titled(dated(rec("-#m1", "deep", 98), time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)), "D")},
		},
		{
			name:  "custom text field missing",
			in:    `{"text":"not this one"}`,
			opts:  input.Options{TextField: "doc.body"},
			skips: []input.Skip{{Path: "-", Line: 1, Reason: `no text field (tried "doc.body"); the record has "text"`}},
		},
		{
			name: "bad records are skipped by line and reading goes on",
			in: `{"text":"one"}` + "\n" + `{"text":5}` + "\n" + `{"text": "three"` + "\n" + `[1,2]` + "\n" +
				`{"text":"  "}` + "\n" + `{"text":"a"} {"text":"b"}` + "\n" + `{"text":"seven"}`,
			docs: []input.Document{rec("-#L1", "one", 14), rec("-#L7", "seven", 16)},
			skips: []input.Skip{
				{Path: "-", Line: 2, Reason: `text field "text" is a number, not a string or an array of strings`},
				{Path: "-", Line: 3, Reason: "invalid JSON: unexpected EOF"},
				{Path: "-", Line: 4, Reason: "not a JSON object"},
				{Path: "-", Line: 5, Reason: `empty text field "text"`, NoText: true},
				{Path: "-", Line: 6, Reason: "invalid JSON: data after the value"},
			},
		},
		{
			name: "blank lines, CRLF and a final line without newline",
			in:   "\n{\"text\":\"crlf\"}\r\n   \r\n{\"text\":\"last\"}",
			docs: []input.Document{rec("-#L2", "crlf", 15), rec("-#L4", "last", 15)},
		},
		{
			name: "encodings",
			in:   "\xef\xbb\xbf{\"text\":\"bom\"}\n{\"text\":\"\x93q\x94\"}\n\xef\xbb\xbf{\"text\":\"cat\"}\n",
			docs: []input.Document{
				{Path: "-#L1", Text: "bom", Encoding: "utf-8-bom", Format: "jsonl", Size: 14},
				{Path: "-#L2", Text: "“q”", Encoding: "windows-1252", Format: "jsonl", Size: 14},
				{Path: "-#L3", Text: "cat", Encoding: "utf-8-bom", Format: "jsonl", Size: 14},
			},
		},
		{
			name: "UTF-16",
			in:   "\xff\xfe{\x00\"\x00t\x00e\x00x\x00t\x00\"\x00:\x00\"\x00\xe9\x00\"\x00}\x00\n\x00",
			docs: []input.Document{{Path: "-#L1", Text: "é", Encoding: "utf-16le", Format: "jsonl", Size: 13}},
		},
		{
			name:  "binary",
			in:    "{\"text\":\"a\"}\n\x00\x01",
			skips: []input.Skip{{Path: "-", Reason: "binary file"}},
		},
		{
			name: "MaxBytes",
			in:   `{"text":"abcdef"}`,
			opts: input.Options{MaxBytes: 4},
			docs: []input.Document{{Path: "-#L1", Text: "abcd", Encoding: "utf-8", Format: "jsonl", Size: 17, Truncated: true}},
		},
		{
			name: "MaxLineBytes",
			in:   `{"text":"fits"}` + "\r\n" + `{"text":"too long"}` + "\n" + `{"text":"ok"}`,
			opts: input.Options{MaxLineBytes: 15},
			docs: []input.Document{rec("-#L1", "fits", 15), rec("-#L3", "ok", 13)},
			skips: []input.Skip{
				{Path: "-", Line: 2, Reason: "line longer than 15 bytes (--max-line-bytes)"},
			},
		},
	})
}

func TestReadJSONLTimeZone(t *testing.T) {
	res, err := readIn(t, strings.NewReader(`{"text":"t","date":"2024-03-05T10:00:00+01:00"}`), input.Options{Format: "jsonl"})
	if err != nil || len(res.docs) != 1 {
		t.Fatalf("Read = %+v, %v; want one document", res, err)
	}
	if got, want := res.docs[0].Date, time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Date = %v; want %v", got, want)
	}
}

func TestReadJSONLLongLine(t *testing.T) {
	dir := t.TempDir()
	long := `{"text":"` + strings.Repeat("x", 20<<20) + `"}`
	name := filepath.Join(dir, "big.jsonl")
	content := `{"id":"a","text":"before"}` + "\n" + long + "\n" + `{"id":"c","text":"after"}` + "\n"
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}

	// TotalAlloc counts the whole process's allocations, so goroutines a test before this one
	// left finishing can add to a read's; the fewest bytes of three reads is the read's own.
	least := uint64(math.MaxUint64)
	for range 3 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		var res result
		err := input.Read(context.Background(), []string{name}, nil, input.Options{MaxLineBytes: 1 << 10},
			func(d input.Document) error { res.docs = append(res.docs, d); return nil },
			func(s input.Skip) error { res.skips = append(res.skips, s); return nil })
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		checkResult(t, res, []input.Document{
			{Path: name + "#a", Text: "before", Encoding: "utf-8", Format: "jsonl", Size: 26},
			{Path: name + "#c", Text: "after", Encoding: "utf-8", Format: "jsonl", Size: 25},
		}, []input.Skip{{Path: name, Line: 2, Reason: "line longer than 1024 bytes (--max-line-bytes)"}})
		least = min(least, after.TotalAlloc-before.TotalAlloc)
	}
	if least > 2<<20 {
		t.Errorf("reading a 20 MiB line allocated %d bytes at the fewest of three reads; want it discarded while read", least)
	}
}

// TestManySkippedLines: an input lists its first thousand skipped lines one by one and counts
// the rest in one skip, so that millions of bad lines make no report of millions; its good
// lines are all read.
func TestManySkippedLines(t *testing.T) {
	var in strings.Builder
	for range 1500 {
		in.WriteString("{}\n")
	}
	in.WriteString(`{"id":"ok","text":"kept"}` + "\n")
	for range 20 {
		in.WriteString("[]\n")
	}
	res, err := readIn(t, strings.NewReader(in.String()), input.Options{Format: "jsonl"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.docs) != 1 || res.docs[0].Path != "-#ok" {
		t.Errorf("documents %v; want -#ok", res.docs)
	}
	want := input.Skip{Path: "-", Line: 1001, Reason: "520 more lines skipped from here on, not listed one by one (the 1000 before are)", Count: 520}
	if len(res.skips) != 1001 || res.skips[999].Line != 1000 || res.skips[1000] != want {
		t.Errorf("%d skips, the last %+v; want 1001, the last %+v", len(res.skips), res.skips[len(res.skips)-1], want)
	}
}

// TestReadJSONExtension: a file named ".json" that the user names is read as its first byte
// says: JSON Lines (pandas saves them so), or a JSON array, skipped with the command that
// makes JSON Lines of it; in a folder it is not read, as other unknown types are.
func TestReadJSONExtension(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{
		"lines.json":    "\n" + `{"id":"a","text":"first record"}` + "\n" + `{"id":"b","text":"second record"}` + "\n",
		"array.json":    `[{"id":"a","text":"first record"}]`,
		"note.json":     "not JSON at all",
		"array.json.gz": testfs.Gzip(t, `[{"id":"a","text":"first record"}]`),
	})
	lines, array, note := filepath.Join(dir, "lines.json"), filepath.Join(dir, "array.json"), filepath.Join(dir, "note.json")
	arrayGz := filepath.Join(dir, "array.json.gz")
	res, err := read(t, []string{lines, array, note, arrayGz}, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, res, []input.Document{
		{Path: lines + "#a", Text: "first record", Encoding: "utf-8", Format: "jsonl", Size: 32},
		{Path: lines + "#b", Text: "second record", Encoding: "utf-8", Format: "jsonl", Size: 33},
		text(note, "not JSON at all", "utf-8", 15),
	}, []input.Skip{
		{Path: array, Reason: fmt.Sprintf("a JSON array: dedupe reads JSON Lines, an object a line (jq -c '.[]' %s > records.jsonl)", array)},
		{Path: arrayGz, Reason: fmt.Sprintf("a JSON array: dedupe reads JSON Lines, an object a line (gunzip -c %s | jq -c '.[]' > records.jsonl)", arrayGz)},
	})
	res, err = readDir(t, dir, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.docs) != 0 || len(res.skips) != 4 || !strings.HasPrefix(res.skips[0].Reason, `unsupported file type ".json"`) {
		t.Errorf("the folder: %d documents, skips %+v; want none, 4 unsupported files", len(res.docs), res.skips)
	}
}

// TestReadJSONPrinted: JSON printed over several lines (jq's default, json.dumps with an
// indent) is skipped whole, with the shell command that makes JSON Lines of it, whether named
// ".jsonl" or ".json": read a line at a time, it made a skip of every line. A first line "{"
// or "[" alone followed by records is read on as before, the line skipped; so is a JSON Lines
// file whose first record is merely broken.
func TestReadJSONPrinted(t *testing.T) {
	dir := t.TempDir()
	utf16 := []byte{0xff, 0xfe}
	for _, c := range "{\n  \"text\": \"first record\"\n}\n" {
		utf16 = append(utf16, byte(c), 0)
	}
	testfs.WriteFiles(t, dir, map[string]string{
		"object.json":        "{\n  \"id\": \"a\",\n  \"text\": \"first record\"\n}\n",
		"it's objects.jsonl": "\n{\n  \"text\": \"first record\"\n}\n{\n  \"text\": \"second record\"\n}\n",
		"array.jsonl.gz":     testfs.Gzip(t, "[\n  {\"text\": \"first record\"},\n  {\"text\": \"second\"}\n]\n"),
		"utf16.jsonl":        string(utf16),
		"broken.jsonl":       "{\"text\": \"first rec\n{\"id\":\"b\",\"text\":\"second record\"}\n",
		"brace.jsonl":        "{\n\n{\"id\":\"c\",\"text\":\"third record\"}\n",
		"long.jsonl":         "{\n  \"text\": \"" + strings.Repeat("word ", 20_000) + "\"\n}\n", // a member longer than the buffer
	})
	path := func(name string) string { return filepath.Join(dir, name) }
	var names []string
	for _, n := range []string{"object.json", "it's objects.jsonl", "array.jsonl.gz", "utf16.jsonl", "long.jsonl", "broken.jsonl", "brace.jsonl"} {
		names = append(names, path(n))
	}
	res, err := read(t, names, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	printed := "JSON printed over several lines, not JSON Lines, an object a line (%s > records.jsonl)"
	quoted := "'" + strings.ReplaceAll(path("it's objects.jsonl"), "'", `'\''`) + "'"
	checkResult(t, res, []input.Document{
		{Path: path("broken.jsonl") + "#b", Text: "second record", Encoding: "utf-8", Format: "jsonl", Size: 33},
		{Path: path("brace.jsonl") + "#c", Text: "third record", Encoding: "utf-8", Format: "jsonl", Size: 32},
	}, []input.Skip{
		{Path: path("object.json"), Reason: fmt.Sprintf(printed, "jq -c '.' "+path("object.json"))},
		{Path: path("it's objects.jsonl"), Reason: fmt.Sprintf(printed, "jq -c '.' "+quoted)},
		{Path: path("array.jsonl.gz"), Reason: fmt.Sprintf("a JSON array printed over several lines: dedupe reads JSON Lines, an object a line (gunzip -c %s | jq -c '.[]' > records.jsonl)", path("array.jsonl.gz"))},
		{Path: path("utf16.jsonl"), Reason: fmt.Sprintf(printed, "iconv -f UTF-16 -t UTF-8 "+path("utf16.jsonl")+" | jq -c '.'")},
		{Path: path("long.jsonl"), Reason: fmt.Sprintf(printed, "jq -c '.' "+path("long.jsonl"))},
		{Path: path("broken.jsonl"), Line: 1, Reason: "invalid JSON: unexpected EOF"},
		{Path: path("brace.jsonl"), Line: 1, Reason: "invalid JSON: unexpected EOF"},
	})
}
