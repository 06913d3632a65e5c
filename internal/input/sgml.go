package input

import (
	"bufio"
	"bytes"
	"fmt"
	"html"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
	"unsafe"
)

// SGML news collections hold many articles in one file, each a record between a start and an
// end tag: <DOC>…</DOC> in the TREC collections (the AP and Wall Street Journal newswires of
// TIPSTER, the Los Angeles Times, the Financial Times), <REUTERS …>…</REUTERS> in
// Reuters-21578. The AP's files have no extension, so a text file that starts with one of the
// start tags is read as SGML too (see sniffSGML).
var sgmlRecords = []struct{ start, end string }{
	{"<DOC>", "</DOC>"},
	{"<REUTERS", "</REUTERS>"},
	{"<doc>", "</doc>"}, // TREC-style files that tools write in lower case
}

// sgmlTitles are the elements that hold a record's headline, tried in order: TREC's HEAD
// (AP), HEADLINE (LA Times, FT) and HL (Wall Street Journal), Reuters' TITLE.
var sgmlTitles = []string{"HEAD", "HEADLINE", "HL", "TITLE"}

// sniffSGML reports whether raw, the start of a text file, is an SGML news collection: its
// first characters, after a byte order mark and white space, are a record's start tag.
func sniffSGML(raw []byte) bool {
	head := bytes.TrimLeft(bytes.TrimPrefix(raw[:min(len(raw), 512)], bomUTF8), " \t\r\n\f")
	for _, rec := range sgmlRecords {
		if startTag(string(head[:min(len(head), 16)]), rec.start) == 0 {
			return true
		}
	}
	return false
}

// startOf returns the start tag of the records that end with the end tag end.
func startOf(end string) string {
	for _, rec := range sgmlRecords {
		if rec.end == end {
			return rec.start
		}
	}
	return end
}

// startTag returns where the start tag tag ("<DOC>", or "<REUTERS" whose attributes follow)
// begins in line, or -1.
func startTag(line, tag string) int {
	for from := 0; ; {
		i := strings.Index(line[from:], tag)
		if i < 0 {
			return -1
		}
		i += from
		rest := line[i+len(tag):]
		if strings.HasSuffix(tag, ">") || rest == "" || rest[0] == ' ' || rest[0] == '>' {
			return i
		}
		from = i + len(tag)
	}
}

// readSGML reads src as an SGML news collection, one document per record, named by its DOCNO
// element (TREC) or NEWID attribute (Reuters) as a JSONL record is by its id:
// "ap890101#AP890101-0001". It streams line by line, as readJSONL does, within MaxLines and
// MaxLineBytes; of a record longer than twice MaxBytes, the lines past that are not kept (the
// document is marked truncated). Text outside records, other than markup declarations such as
// Reuters' <!DOCTYPE …>, is reported as a skip, and so is a record that the input ends inside.
func (r *reader) readSGML(src io.Reader, disp string) error {
	br, enc, err := streamEncoding(bufio.NewReaderSize(src, 64<<10))
	if err != nil {
		return r.skipErr(disp, 0, err)
	}
	var (
		buf   []byte
		rec   []byte // the open record's text, from its start tag
		end   string // the open record's end tag, "" outside a record
		first int    // the line the open record starts on
		cut   bool   // the open record grew past the limit
		stray int    // the line where unread text outside records starts, 0 for none
	)
	names := newRecordNames()
	var tags recordTags
	limit := r.documentLimit()
	// Text outside records is reported once a stretch of it ends, by the line it starts on.
	flushStray := func() error {
		n := stray
		if stray = 0; n == 0 {
			return nil
		}
		return r.skip(Skip{Path: disp, Line: n, Reason: "text outside <DOC> or <REUTERS> records, not read"})
	}
	for n := 1; ; n++ {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		if max := r.opts.MaxLines; max > 0 && n > max {
			if _, err := br.Peek(1); err == io.EOF {
				break
			}
			if err := flushStray(); err != nil {
				return err
			}
			return r.skip(Skip{Path: disp, Line: n, Reason: fmt.Sprintf("more than %d lines (--max-lines), the rest is not read", max)})
		}
		line, tooLong, err := readLine(br, buf[:0], r.opts.MaxLineBytes)
		buf = line
		if err != nil && err != io.EOF {
			return r.skipRest(disp, n, err)
		}
		if tooLong {
			if end == "" && stray == 0 {
				stray = n
			}
			cut = true
			line = nil
		}
		// s aliases the line, which stays put until the next is read.
		// opened is the length of the start tag of a record opened at the start of s, where
		// the next record's start tag is not looked for.
		opened := 0
		for s := unsafe.String(unsafe.SliceData(line), len(line)); ; {
			if end == "" {
				i, tag := -1, ""
				for _, rt := range sgmlRecords {
					if j := startTag(s, rt.start); j >= 0 && (i < 0 || j < i) {
						i, tag = j, rt.end
					}
				}
				if i < 0 {
					if t := strings.TrimSpace(s); t != "" && !strings.HasPrefix(t, "<!") && stray == 0 {
						stray = n
					}
					break
				}
				if strings.TrimSpace(s[:i]) != "" && stray == 0 {
					stray = n
				}
				if err := flushStray(); err != nil {
					return err
				}
				end, first, cut, rec = tag, n, false, rec[:0]
				s, opened = s[i:], len(startOf(tag))
			}
			j := strings.Index(s, end)
			k := startTag(s[opened:], startOf(end))
			if k >= 0 {
				k += opened
			}
			opened = 0
			if k >= 0 && (j < 0 || k < j) {
				// The next record opens before this one closed: its end tag was lost. The
				// record ends there, with a warning, instead of taking in the next.
				if !cut {
					rec = append(rec, s[:k]...)
				}
				if err := r.sgmlRecord(rec, enc, cut, disp, first, names, &tags, n); err != nil {
					return err
				}
				end, s = "", s[k:]
				continue
			}
			if j < 0 {
				if limit >= 0 && int64(len(rec)+len(s)) > limit {
					cut = true
				}
				if !cut {
					rec = append(append(rec, s...), '\n')
				}
				break
			}
			if !cut {
				rec = append(rec, s[:j]...)
			}
			if err := r.sgmlRecord(rec, enc, cut, disp, first, names, &tags, 0); err != nil {
				return err
			}
			end, s = "", s[j+len(end):]
		}
		if err == io.EOF {
			break
		}
	}
	if err := flushStray(); err != nil {
		return err
	}
	if end != "" {
		return r.skip(Skip{Path: disp, Line: first, Reason: fmt.Sprintf("record not closed by %s before the end of the input", end)})
	}
	return nil
}

// sgmlRecord turns the record rec, from its start tag to before its end tag, starting on line
// n, into a Document or a Skip; enc is the input's encoding, which a record that is not valid
// UTF-8 overrides (recordUTF8). cut reports that its end was not kept; unclosed, when not 0,
// is the line where the next record started without an end tag before it, which the
// document's warnings say. names holds the names of the input's records so far, and tags is
// scratch for the record's tags. rec is read's buffer: nothing the document keeps may share its
// memory.
func (r *reader) sgmlRecord(rec []byte, enc string, cut bool, disp string, n int, names *recordNames, tags *recordTags, unclosed int) error {
	size := len(rec)
	s := unsafe.String(unsafe.SliceData(rec), len(rec))
	if !utf8.Valid(rec) {
		var b []byte
		b, enc = recordUTF8(rec)
		s = string(b)
	}
	skip := func(reason string) error { return r.skip(Skip{Path: disp, Line: n, Reason: reason}) }
	if cut {
		s += "</TEXT>" // a text cut short runs to the cut
	}
	*tags = tags.of(s)
	texts := tags.elements("TEXT")
	if len(texts) == 0 {
		return skip("no <TEXT> element")
	}
	doc := Document{Encoding: enc, Truncated: cut}
	if unclosed > 0 {
		doc.Warnings = append(doc.Warnings, Skip{Path: disp, Line: n,
			Reason: fmt.Sprintf("record not closed before the next one on line %d: read up to there", unclosed)})
	}
	doc.Text, doc.buf = sgmlText(texts)
	if doc.Text == "" {
		doc.Release()
		return r.skip(Skip{Path: disp, Line: n, Reason: "empty <TEXT> element", NoText: true})
	}
	for _, tag := range sgmlTitles {
		if t := tags.elements(tag); len(t) > 0 {
			if doc.Title = strings.Join(strings.Fields(plainSGML(t[0])), " "); doc.Title != "" {
				break
			}
		}
	}
	doc.Date = recordDate(tags)
	id := ""
	if no := tags.elements("DOCNO"); len(no) > 0 {
		id = strings.TrimSpace(plainSGML(no[0]))
	} else if v, ok := attribute(s, "NEWID"); ok {
		id = strings.Clone(v)
	}
	name := names.recordName(&doc, disp, n, id)
	if name == "" {
		doc.Release()
		return skip(fmt.Sprintf("id longer than %d bytes", maxIDBytes))
	}
	doc.Line = n
	return r.emitDocument(doc, disp, name, FormatSGML, size)
}

// sgmlText returns the text of a record's TEXT elements, each trimmed, one after the other
// with a blank line between. Text without entities, nearly all, is written into a buffer of
// readBuffers, returned with it for Document.Release: a collection's texts are then not
// garbage for the collector to find, as those of text files are not.
func sgmlText(texts []string) (string, *[]byte) {
	for _, t := range texts {
		if strings.IndexByte(t, '&') >= 0 {
			parts := make([]string, 0, len(texts))
			for _, t := range texts {
				if t = strings.TrimSpace(plainSGML(t)); t != "" {
					parts = append(parts, t)
				}
			}
			return strings.Join(parts, "\n\n"), nil
		}
	}
	buf, _ := readBuffers.Get().(*[]byte)
	if buf == nil {
		buf = new([]byte)
	}
	b := (*buf)[:0]
	for _, t := range texts {
		start := len(b)
		if start > 0 {
			b = append(b, "\n\n"...)
		}
		from := len(b)
		b = appendUntagged(b, t)
		part := bytes.TrimSpace(b[from:])
		if len(part) == 0 {
			b = b[:start]
			continue
		}
		b = b[:from+copy(b[from:], part)] // the part moves left, over what TrimSpace dropped
	}
	*buf = b[:0]
	if cap(b) > maxReleased {
		buf = nil
	}
	return unsafe.String(unsafe.SliceData(b), len(b)), buf
}

// recordTags is an SGML record with the places of its start tags, found once: a record is
// asked for up to nine elements (its text, title, date and id, by the names of several
// collections, each also in lower case when it lacks them), and an AP story lacks most: looked
// up in the whole text, each it lacks was two more readings of the record (a scan of an
// AP-style archive of 8,070 stories, on one goroutine: 150 M of its 9,616 M instructions).
type recordTags struct {
	s  string
	lt []int // where each '<' of s that may open a start tag stands
}

// of returns the tags of record s, reusing t's memory.
func (t recordTags) of(s string) recordTags {
	lt := t.lt[:0]
	for i := 0; ; i++ {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			break
		}
		if i += j; i+1 < len(s) && s[i+1] != '/' {
			lt = append(lt, i)
		}
	}
	return recordTags{s: s, lt: lt}
}

// elements returns the contents of the elements tag of the record, in order: what stands
// between each <tag> (or <tag with attributes>) and the next </tag>, or, when it has none, of
// the elements tag in lower case. An element left open is left out, and so is an element
// inside another of its name.
func (t *recordTags) elements(tag string) []string {
	if out := t.elementsCased(tag); len(out) > 0 {
		return out
	}
	return t.elementsCased(strings.ToLower(tag))
}

// elementsCased is elements for the tag as written.
func (t *recordTags) elementsCased(tag string) []string {
	var out []string
	closing := "</" + tag + ">"
	from := 0 // where the element found last ends
	for _, i := range t.lt {
		if i < from || !strings.HasPrefix(t.s[i+1:], tag) {
			continue
		}
		if rest := t.s[i+1+len(tag):]; rest != "" && rest[0] != ' ' && rest[0] != '>' {
			continue // another tag whose name begins with tag's
		}
		gt := strings.IndexByte(t.s[i:], '>')
		if gt < 0 {
			return out
		}
		content := t.s[i+gt+1:]
		j := strings.Index(content, closing)
		if j < 0 {
			return out
		}
		out = append(out, content[:j])
		from = i + gt + 1 + j + len(closing)
	}
	return out
}

// attribute returns the value of the attribute name of s's start tag, its first tag, as
// name="value".
func attribute(s, name string) (string, bool) {
	gt := strings.IndexByte(s, '>')
	if gt < 0 {
		return "", false
	}
	tag := s[:gt]
	i := strings.Index(tag, " "+name+`="`)
	if i < 0 {
		return "", false
	}
	v := tag[i+len(name)+3:]
	j := strings.IndexByte(v, '"')
	if j < 0 {
		return "", false
	}
	return v[:j], true
}

// plainSGML returns the text of s without its tags and with its entities decoded (see
// unescapeSGML).
func plainSGML(s string) string { return unescapeSGML(string(appendUntagged(nil, s))) }

// appendUntagged appends s to dst without its tags and without the elements Reuters-21578
// puts inside TEXT beside the story: its TITLE, which is the record's title.
func appendUntagged(dst []byte, s string) []byte {
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			return append(dst, s...)
		}
		dst = append(dst, s[:i]...)
		if t := s[i:]; strings.HasPrefix(t, "<TITLE>") {
			if j := strings.Index(t, "</TITLE>"); j >= 0 {
				s = t[j+len("</TITLE>"):]
				continue
			}
		}
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			return append(dst, s[i:]...)
		}
		s = s[i+j+1:]
	}
}

// unescapeSGML replaces the entities of s ("&amp;", "&lt;") by the characters they stand for,
// but for references to control characters other than tabs and line breaks, which are
// dropped: Reuters-21578 opens every story with "&#2;" and ends it with "&#3;", the start- and
// end-of-text controls of its wire. Control characters that stand in the text as they are
// stay, as in a text file.
func unescapeSGML(s string) string {
	if strings.Contains(s, "&#") {
		s = controlRefs.ReplaceAllStringFunc(s, func(ref string) string {
			if n, _ := strconv.Atoi(ref[2 : len(ref)-1]); n == '\t' || n == '\n' || n == '\r' {
				return ref
			}
			return ""
		})
	}
	return html.UnescapeString(s)
}

// controlRefs matches the numeric character references of the control characters of ASCII.
var controlRefs = regexp.MustCompile(`&#(?:[0-9]|[12][0-9]|3[01]);`)

// sgmlDateLayouts are the dates of SGML collections sgmlDate reads, beside parseDate's:
// Reuters-21578's "26-FEB-1987 15:01:01.79", the LA Times' "January 1, 1989, Sunday", the
// Wall Street Journal's "03/24/87" and the Financial Times' "910514".
var sgmlDateLayouts = []string{"2-Jan-2006 15:04:05.99", "January 2, 2006", "01/02/06", "060102"}

// recordDate returns the date of the record of tags, the zero time when it has none that reads: its
// DATE element (Reuters, the LA Times), else its DD (the Wall Street Journal), else the time
// the AP's FILEID gives (apFileTime). The AP's stories have no DATE, and a day's file holds the
// first lead of a story beside its writethrus, hours later: by the FILEID's time the lead is
// the likely source of a pair and the member --keep earliest keeps.
func recordDate(tags *recordTags) time.Time {
	for _, tag := range []string{"DATE", "DD"} {
		if d := tags.elements(tag); len(d) > 0 {
			t, _ := sgmlDate(plainSGML(d[0]))
			return t
		}
	}
	if f := tags.elements("FILEID"); len(f) > 0 {
		t, _ := apFileTime(strings.TrimSpace(plainSGML(f[0])))
		return t
	}
	return time.Time{}
}

// apFileID matches the AP's FILEID, "AP-NR-01-01-89 2358EST": the wire, the date (month, day,
// year) and the time the story was filed, with its time zone.
var apFileID = regexp.MustCompile(`^AP-[A-Z]{2}-(\d\d-\d\d-\d\d) (\d\d\d\d)([A-Z]{3})$`)

// usZones are the offsets from UTC, in hours, of the time zones the AP's FILEIDs name.
var usZones = map[string]int{"EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7}

// apFileTime parses the AP's FILEID (apFileID); a zone it does not know is taken for UTC.
func apFileTime(s string) (time.Time, bool) {
	m := apFileID.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	t, err := time.Parse("01-02-06 1504", m[1]+" "+m[2])
	if err != nil {
		return time.Time{}, false
	}
	return t.Add(-time.Duration(usZones[m[3]]) * time.Hour), true
}

// sgmlDate parses the text of a DATE or DD element.
func sgmlDate(s string) (time.Time, bool) {
	s = strings.Join(strings.Fields(s), " ")
	if t, ok := parseDate(s); ok {
		return t, true
	}
	if i := strings.Index(s, ", "); i >= 0 {
		if j := strings.Index(s[i+2:], ","); j >= 0 {
			s = s[:i+2+j] // "January 1, 1989, Sunday" without its weekday
		}
	}
	for _, layout := range sgmlDateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
