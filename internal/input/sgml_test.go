package input_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// trecRecord and reutersRecord are records as the AP newswire of TIPSTER and Reuters-21578
// store them, without their end tags; size is what Read reports for them.
const (
	trecRecord = "<DOC>\n<DOCNO> AP890101-0001 </DOCNO>\n<FILEID>AP-NR-01-01-89 0001EST</FILEID>\n" +
		"<HEAD>Tornado Hits &amp; Runs</HEAD>\n<TEXT>\n   A tornado &lt;struck&gt; the town\nof Elm.\n</TEXT>\n" +
		"<TEXT>\n   Second part.\n</TEXT>\n"
	reutersRecord = `<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" OLDID="5544" NEWID="7">` + "\n" +
		"<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TOPICS><D>cocoa</D></TOPICS>\n<TEXT>&#2;\n" +
		"<TITLE>BAHIA COCOA REVIEW</TITLE>\n<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued.\n Reuter\n&#3;</BODY></TEXT>\n"
)

func TestReadSGML(t *testing.T) {
	rec := func(path, text string, size int) input.Document {
		return input.Document{Path: path, Text: text, Encoding: "utf-8", Format: "sgml", Size: int64(size)}
	}
	titled := func(d input.Document, title string) input.Document { d.Title = title; return d }
	dated := func(d input.Document, date time.Time) input.Document { d.Date = date; return d }
	runReadCases(t, "sgml", []readCase{
		{
			name: "TREC: DOCNO names, HEAD titles, every TEXT read, entities decoded, FILEID dates",
			in:   trecRecord + "</DOC>\n<DOC>\n<DOCNO>AP890101-0002</DOCNO>\n<TEXT>Two.</TEXT>\n</DOC>\n",
			docs: []input.Document{
				dated(titled(rec("-#AP890101-0001", "A tornado <struck> the town\nof Elm.\n\nSecond part.", len(trecRecord)), "Tornado Hits & Runs"),
					time.Date(1989, 1, 1, 5, 1, 0, 0, time.UTC)),
				rec("-#AP890101-0002", "Two.", 53),
			},
		},
		{
			name: "dates: the AP's FILEID in summer time and in an unknown zone, the WSJ's DD, the FT's DATE; a FILEID of another form gives none",
			in: "<DOC><DOCNO>a</DOCNO><FILEID>AP-NR-08-16-90 2041EDT</FILEID><TEXT>a</TEXT></DOC>\n" +
				"<DOC><DOCNO>b</DOCNO><FILEID>AP-NR-08-16-90 2041XYZ</FILEID><TEXT>b</TEXT></DOC>\n" +
				"<DOC><DOCNO>c</DOCNO><DD> 03/24/87</DD><TEXT>c</TEXT></DOC>\n" +
				"<DOC><DOCNO>d</DOCNO><FILEID>AP-NR-08-16-90</FILEID><TEXT>d</TEXT></DOC>\n" +
				"<DOC><DOCNO>e</DOCNO><DATE>910514</DATE><TEXT>e</TEXT></DOC>\n",
			docs: []input.Document{
				dated(rec("-#a", "a", 74), time.Date(1990, 8, 17, 0, 41, 0, 0, time.UTC)),
				dated(rec("-#b", "b", 74), time.Date(1990, 8, 16, 20, 41, 0, 0, time.UTC)),
				dated(rec("-#c", "c", 53), time.Date(1987, 3, 24, 0, 0, 0, 0, time.UTC)),
				rec("-#d", "d", 66),
				dated(rec("-#e", "e", 54), time.Date(1991, 5, 14, 0, 0, 0, 0, time.UTC)),
			},
		},
		{
			name: "Reuters: NEWID names, TITLE is the title, not the text; DATE; the end-of-text control dropped",
			in:   `<!DOCTYPE lewis SYSTEM "lewis.dtd">` + "\n" + reutersRecord + "</REUTERS>\n",
			docs: []input.Document{{
				Path: "-#7", Text: "SALVADOR, Feb 26 - Showers continued.\n Reuter", Title: "BAHIA COCOA REVIEW",
				Date: time.Date(1987, 2, 26, 15, 1, 1, 790e6, time.UTC), Encoding: "utf-8", Format: "sgml", Size: int64(len(reutersRecord)),
			}},
		},
		{
			name: "records on one line; without an id a record is named by its line; a repeated id is renamed",
			in: "<DOC><DOCNO>A</DOCNO><TEXT>a</TEXT></DOC><DOC><DOCNO>A</DOCNO><TEXT>b</TEXT></DOC>\n" +
				"<DOC><TEXT>c</TEXT></DOC>\n<DOC><DOCNO>L2</DOCNO><TEXT>d</TEXT></DOC>",
			docs: []input.Document{
				rec("-#A", "a", 35),
				func() input.Document {
					d := rec("-#A~2", "b", 35)
					d.Warnings = []input.Skip{{Path: "-", Line: 1, Reason: `name "A" already used in this file: renamed "A~2"`}}
					return d
				}(),
				rec("-#L2", "c", 19),
				func() input.Document {
					d := rec("-#L2~2", "d", 36)
					d.Warnings = []input.Skip{{Path: "-", Line: 3, Reason: `name "L2" already used in this file: renamed "L2~2"`}}
					return d
				}(),
			},
		},
		{
			name: "bad records and text outside records are skipped by line, and reading goes on",
			in: "stray\nlines\n<DOC><DOCNO>1</DOCNO></DOC>\n<DOC><DOCNO>2</DOCNO><TEXT> </TEXT></DOC>\n" +
				"<DOC><DOCNO>3</DOCNO><TEXT>three</TEXT></DOC>\n<DOC>\n<DOCNO>4</DOCNO>\n<TEXT>never closed</TEXT>\n",
			docs: []input.Document{rec("-#3", "three", 39)},
			skips: []input.Skip{
				{Path: "-", Line: 1, Reason: "text outside <DOC> or <REUTERS> records, not read"},
				{Path: "-", Line: 3, Reason: "no <TEXT> element"},
				{Path: "-", Line: 4, Reason: "empty <TEXT> element", NoText: true},
				{Path: "-", Line: 6, Reason: "record not closed by </DOC> before the end of the input"},
			},
		},
		{
			name: "a record whose end tag was lost ends where the next starts, with a warning",
			in: "<DOC>\n<DOCNO>u</DOCNO>\n<TEXT>unclosed</TEXT>\n<DOC><DOCNO>n</DOCNO><TEXT>next</TEXT></DOC>\n" +
				"<DOC><DOCNO>o</DOCNO><TEXT>one line</TEXT><DOC><DOCNO>p</DOCNO><TEXT>same line</TEXT></DOC>",
			docs: []input.Document{
				func() input.Document {
					d := rec("-#u", "unclosed", 45)
					d.Warnings = []input.Skip{{Path: "-", Line: 1, Reason: "record not closed before the next one on line 4: read up to there"}}
					return d
				}(),
				rec("-#n", "next", 38),
				func() input.Document {
					d := rec("-#o", "one line", 42)
					d.Warnings = []input.Skip{{Path: "-", Line: 5, Reason: "record not closed before the next one on line 5: read up to there"}}
					return d
				}(),
				rec("-#p", "same line", 43),
			},
		},
		{
			name: "records in lower case, after records in capitals",
			in: "<DOC><DOCNO>A</DOCNO><TEXT>upper</TEXT></DOC>\n" +
				"<doc>\n<docno> b </docno>\n<headline>Low</headline>\n<text>\nlower\n</text>\n</doc>\n",
			docs: []input.Document{rec("-#A", "upper", 39), func() input.Document {
				d := rec("-#b", "lower", 71)
				d.Title = "Low"
				return d
			}()},
		},
		{
			name: "Windows-1252 and CRLF",
			in:   "<DOC>\r\n<DOCNO>w</DOCNO>\r\n<TEXT>\x93quoted\x94</TEXT>\r\n</DOC>\r\n",
			docs: []input.Document{{Path: "-#w", Text: "“quoted”", Encoding: "windows-1252", Format: "sgml", Size: 45}},
		},
		{
			name: "MaxBytes: a long record is cut and marked truncated",
			in:   "<DOC><DOCNO>long</DOCNO><TEXT>\nabcdef\n" + strings.Repeat("x", 40) + "\n</TEXT></DOC>\n<DOC><DOCNO>next</DOCNO><TEXT>n</TEXT></DOC>\n",
			opts: input.Options{MaxBytes: 16},
			docs: []input.Document{
				{Path: "-#long", Text: "abcdef", Encoding: "utf-8", Format: "sgml", Size: 38, Truncated: true},
				rec("-#next", "n", 38),
			},
		},
	})
}

// TestReadSGMLFiles checks how files are taken for SGML: by their extension (.sgml, .sgm, and
// gzipped), and a text file without one (the AP's "ap890101") by its first tag; not when the
// input format is text.
func TestReadSGMLFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	trec := []byte("\n" + trecRecord + "</DOC>\n")
	write("ap890101", trec)
	write("reut2-000.sgm", []byte(reutersRecord+"</REUTERS>\n"))
	write("wsj.sgml.gz", testfs.Gzip(t, trec))
	write("story.txt", []byte("A story that names <DOC> in its text.\n"))

	res, err := readDir(t, dir, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.docs {
		got = append(got, d.Path+" "+d.Format)
	}
	want := "ap890101#AP890101-0001 sgml, reut2-000.sgm#7 sgml, story.txt text, wsj.sgml.gz#AP890101-0001 sgml"
	if strings.Join(got, ", ") != want || len(res.skips) != 0 {
		t.Errorf("read %v, skipped %v; want %s", got, res.skips, want)
	}

	res, err = read(t, []string{filepath.Join(dir, "ap890101")}, input.Options{Format: "text"})
	if err != nil || len(res.docs) != 1 || res.docs[0].Format != "text" || !strings.HasPrefix(res.docs[0].Text, "\n<DOC>") {
		t.Errorf("--input-format text: %+v, %v; want the file as one text", res.docs, err)
	}

	// A file sniffed as SGML is read to its end, past the bytes a text file would be cut at.
	write("ap890102", []byte(strings.Repeat("<DOC><DOCNO>n</DOCNO><TEXT>Far past the cut.</TEXT></DOC>\n", 3)))
	res, err = read(t, []string{filepath.Join(dir, "ap890102")}, input.Options{MaxBytes: 8})
	if err != nil || len(res.docs) != 3 || res.docs[2].Text != "Far past" || !res.docs[2].Truncated {
		t.Errorf("a collection longer than 2*MaxBytes+8 bytes: %+v, %v; want 3 records, each cut at 8 bytes", res.docs, err)
	}

	d, err := input.Lookup(context.Background(), filepath.Join(dir, "ap890101")+"#AP890101-0001", nil, input.Options{})
	if err != nil || d.Title != "Tornado Hits & Runs" {
		t.Errorf("Lookup of a record: %+v, %v", d, err)
	}
}
