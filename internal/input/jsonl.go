package input

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// jsonFields are the JSONL fields tried for each Document field, in order, as dotted paths.
type jsonFields struct {
	id, text, date, title []string
	noText                string // the skip reason for a record without text
}

func newJSONFields(opts Options) jsonFields {
	or := func(custom string, defaults ...string) []string {
		if custom == "" {
			return defaults
		}
		// A list tried in order, as the defaults are: feeds name their text field differently.
		var fields []string
		for f := range strings.SplitSeq(custom, ",") {
			if f = strings.TrimSpace(f); f != "" {
				fields = append(fields, f)
			}
		}
		return fields
	}
	f := jsonFields{
		id:    or(opts.IDField, "id", "url"),
		text:  or(opts.TextField, DefaultTextFields...),
		date:  or(opts.DateField, "date", "published", "published_at", "pubDate"),
		title: or(opts.TitleField, "title", "headline"),
	}
	f.noText = "no text field (tried " + quoteAll(f.text) + ")"
	return f
}

// DefaultTextFields are the fields of a JSONL record tried for its text, in order, when
// Options.TextField is empty. "html" is the field of a scraper that stores the page as it is.
var DefaultTextFields = []string{"text", "content", "body", "article", "html"}

// readJSONL reads src as JSON Lines, one document per object, streaming line by line so that
// neither a large file nor an overlong line is held in memory.
func (r *reader) readJSONL(src io.Reader, disp string) error {
	br, enc, err := streamEncoding(bufio.NewReaderSize(src, 64<<10))
	if err != nil {
		return r.skipErr(disp, 0, err)
	}
	var buf []byte
	names := newRecordNames()
	idless := false // a record was named by its line though the user named an id field
	first := true   // no line but blank ones so far
	for n := 1; ; n++ {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		if max := r.opts.MaxLines; max > 0 && n > max {
			if _, err := br.Peek(1); err == io.EOF {
				return nil // the end of the last line was the end of the input
			}
			// Lines cost time even when blank: a gzip file of blank lines is a billion of them.
			return r.skip(Skip{Path: disp, Line: n, Reason: fmt.Sprintf("more than %d lines (--max-lines), the rest is not read", max)})
		}
		line, tooLong, err := readLine(br, buf[:0], r.opts.MaxLineBytes)
		buf = line
		if err != nil && err != io.EOF {
			return r.skipRest(disp, n, err)
		}
		// Files joined with cat keep the byte order marks of all but the first at the start of
		// a line.
		line = bytes.TrimPrefix(line, bomUTF8)
		var serr error
		switch {
		case tooLong:
			serr = r.skip(Skip{Path: disp, Line: n, Reason: fmt.Sprintf("line longer than %d bytes (--max-line-bytes)", r.opts.MaxLineBytes)})
		case len(bytes.TrimSpace(line)) > 0:
			if first {
				first = false
				if why := r.prettyJSON(line, disp, enc); why != "" && !nextRecord(br) {
					return r.skipInput(disp, why)
				}
			}
			serr = r.record(line, disp, n, enc, names, &idless)
		}
		if serr != nil || err == io.EOF {
			return serr
		}
	}
}

// prettyJSON returns why the JSON Lines input disp in the encoding enc, whose first line that
// is not blank is line, may be no JSON Lines but JSON printed over several lines (by jq . or
// json.dumps(indent=2)), with the command that makes JSON Lines of it; "" when line does not
// say so. It is, when the next line that is not blank is no JSON object (see nextRecord): read
// a line at a time, such a file made a skip of every line, each "invalid JSON".
func (r *reader) prettyJSON(line []byte, disp, enc string) string {
	switch string(bytes.TrimSpace(line)) {
	case "{":
		return fmt.Sprintf("JSON printed over several lines, not JSON Lines, an object a line (%s > records.jsonl)", r.jq(disp, ".", enc))
	case "[":
		return fmt.Sprintf("a JSON array printed over several lines: dedupe reads JSON Lines, an object a line (%s > records.jsonl)", r.jq(disp, ".[]", enc))
	}
	return ""
}

// nextRecord reports whether the next line of br that is not blank, read ahead in br's buffer
// without taking it, is a JSON object: a record of JSON Lines after a broken first line. It is
// true, too, where there is none, or where br's buffer does not hold it whole (a record of more
// than 64 KiB) unless it starts as a member of an object does, with a quoted name: the input is
// then read as JSON Lines, as before there was a test for printed JSON.
func nextRecord(br *bufio.Reader) bool {
	ahead, err := br.Peek(br.Size())
	for {
		line, rest, found := bytes.Cut(ahead, []byte("\n"))
		line = bytes.TrimSpace(line)
		if !found && err == nil {
			return len(line) == 0 || line[0] != '"' // cut off by the buffer's end
		}
		if len(line) > 0 {
			return line[0] == '{' && json.Valid(line)
		}
		if !found {
			return true
		}
		ahead = rest
	}
}

// readLine appends the next line of br to dst, without its "\n" or "\r\n", and returns it.
// Past limit bytes it stops storing, reads on to the end of the line and returns an empty line
// and tooLong, so memory stays bounded by limit plus br's buffer. err is io.EOF at the end of
// the input; the returned line is then the unterminated last line, possibly empty.
func readLine(br *bufio.Reader, dst []byte, limit int) (line []byte, tooLong bool, err error) {
	for {
		frag, err := br.ReadSlice('\n')
		if !tooLong {
			dst = append(dst, frag...)
			// +2 leaves room for the "\r\n" trimmed below.
			if len(dst) > limit+2 {
				dst, tooLong = dst[:0], true
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		dst = bytes.TrimSuffix(dst, []byte("\n"))
		dst = bytes.TrimSuffix(dst, []byte("\r"))
		if tooLong || len(dst) > limit {
			return dst[:0], true, err
		}
		return dst, false, err
	}
}

// maxIDBytes caps a JSONL id. An id is part of a document's name, which an index keeps as a
// key of at most 32 KiB (bbolt's limit) together with the file's path; a longer one made the
// whole batch fail. 8 KiB leaves room for any path and for the escapes of both.
const maxIDBytes = 8 << 10

// recordNames holds the names given so far to the records of one JSONL or SGML input, so that
// no two get the same one: by the 64-bit hash of each name, to keep a file of millions of
// records small in memory. A chance collision only renames a record, with a warning.
type recordNames struct {
	taken   map[uint64]int
	renamed int // the records renamed so far
}

// newRecordNames returns the names of an input's records before its first.
func newRecordNames() *recordNames { return &recordNames{taken: map[uint64]int{}} }

// renamesNotListed is what the warning of the record renamed past the first maxRenameWarnings
// says of the later ones; a bound on the records listed must not drop it with its record (see
// SkipBound.Take).
const renamesNotListed = "the records of this file renamed after this one are not listed one by one"

// maxRenameWarnings is how many renamed records of one input are noted one by one among the
// warnings; the next one's warning says that those after it are not. Three million records under one id
// made three million warnings, which a scan kept until its report.
const maxRenameWarnings = 1000

// hashName returns the hash under which recordNames keeps name.
func hashName(name string) uint64 {
	sum := sha256.Sum256([]byte(name))
	return binary.LittleEndian.Uint64(sum[:8])
}

// unique returns name, or if it was given before, name + "~2" ("~3" and so on) where that was
// not, and whether it renamed. An explicit id and another record's automatic "L<line>" name
// are treated alike: the first keeps the name.
func (u *recordNames) unique(name string) (string, bool) {
	h := hashName(name)
	last, taken := u.taken[h]
	if !taken {
		u.taken[h] = 1
		return name, false
	}
	for k := last + 1; ; k++ {
		alt := name + "~" + strconv.Itoa(k)
		if ha := hashName(alt); u.taken[ha] == 0 {
			u.taken[h], u.taken[ha] = k, 1 // the next repeat of name starts looking after k
			return alt, true
		}
	}
}

// recordName returns the name of the record of the input disp that starts on line n and has
// the id id ("" for none): the id, or "L<n>" without one, made unique among the names of the
// input's records so far, a renaming noted in doc's warnings (the first maxRenameWarnings of the
// input); "" for an id too long to be a name.
func (u *recordNames) recordName(doc *Document, disp string, n int, id string) string {
	if len(id) > maxIDBytes {
		return ""
	}
	name := id
	if name == "" {
		name = "L" + strconv.Itoa(n)
	}
	unique, renamed := u.unique(name)
	if renamed {
		u.renamed++
		reason := fmt.Sprintf("name %q already used in this file: renamed %q", name, unique)
		if u.renamed == maxRenameWarnings+1 {
			reason += fmt.Sprintf("; %s (the %d before are)", renamesNotListed, maxRenameWarnings)
		}
		if u.renamed <= maxRenameWarnings+1 {
			doc.Warnings = append(doc.Warnings, Skip{Path: disp, Line: n, Reason: reason})
		}
	}
	return unique
}

// record turns JSONL line n into a Document or a Skip. names holds the names of the file's
// records so far.
func (r *reader) record(line []byte, disp string, n int, enc string, names *recordNames, idless *bool) error {
	size := len(line)
	var raw []byte
	if r.opts.Raw {
		raw = line
	}
	if !utf8.Valid(line) {
		// JSON requires UTF-8, but exports from old systems often hold Windows-1252 strings.
		line, enc = recordUTF8(line)
	}
	skip := func(reason string) error { return r.skip(Skip{Path: disp, Line: n, Reason: reason}) }
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber() // keeps large numeric IDs exact
	var v any
	if err := dec.Decode(&v); err != nil {
		return skip("invalid JSON: " + err.Error())
	}
	if _, err := dec.Token(); err != io.EOF {
		return skip("invalid JSON: data after the value")
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return skip("not a JSON object")
	}
	text, field := lookupText(obj, r.fields.text)
	if field == "" {
		return skip(r.fields.missingText(obj))
	}
	// textErr returns what a text field that could not be read ends in: the run's end when
	// it was cancelled, a skip of the record otherwise.
	textErr := func(err error) error {
		if cerr := r.ctx.Err(); cerr != nil {
			return cerr
		}
		return skip(fmt.Sprintf("text field %q: %v", field, err))
	}
	var page Document // the article of a whole page, its title and date
	switch {
	case isPage(text):
		// A scraped page: read as a page file is, or its site's navigation, banners and
		// teasers are the text (every page of a site was a copy of every other, and the
		// verified pairs of 4,272 such records took 18 GB).
		var err error
		if page, err = extractPageAsync(r.ctx, text); err != nil {
			return textErr(err)
		}
		text = page.Text
	case isMarkup(text):
		// Marked up, a newsletter box or a list of links is one paragraph with the text
		// beside it, which boilerplate removal cannot find, and tags count as words.
		var err error
		if text, err = markupText(r.ctx, text); err != nil {
			return textErr(err)
		}
	}
	if strings.TrimSpace(text) == "" {
		return r.skip(Skip{Path: disp, Line: n, Reason: fmt.Sprintf("empty text field %q", field), NoText: true})
	}
	doc := Document{Text: text, Encoding: enc, Raw: raw, Title: page.Title, Date: page.Date}
	if title, _ := lookupString(obj, r.fields.title); title != "" {
		doc.Title = title
	}
	id := jsonID(obj, r.fields.id)
	name := names.recordName(&doc, disp, n, id)
	if name == "" {
		return skip(fmt.Sprintf("id longer than %d bytes", maxIDBytes))
	}
	doc.Site = recordSite(obj, id, page.Site)
	if id == "" && r.opts.IDField != "" && !*idless {
		// Once a file: a mistyped --id-field names every record by its line.
		*idless = true
		doc.Warnings = append(doc.Warnings, Skip{Path: disp, Line: n,
			Reason: fmt.Sprintf("no id field (tried %s): named by its line, as are the next records without one; the record has %s", quoteAll(r.fields.id), recordFields(obj))})
	}
	var unread any // the first date value found that does not read, and its field
	var unreadField string
	for _, f := range r.fields.date {
		v := lookup(obj, f)
		if t, ok := jsonDate(v); ok {
			doc.Date = t
			break
		}
		if v != nil && unread == nil {
			unread, unreadField = v, f
		}
	}
	if doc.Date.IsZero() && unread != nil {
		// A record undated for want of a format is named, so that --keep earliest is not
		// silently wrong about it.
		doc.Warnings = append(doc.Warnings, Skip{Path: disp, Line: n,
			Reason: fmt.Sprintf("date %s in field %q not read: the record is undated", jsonText(unread), unreadField)})
	}
	doc.Line = n
	return r.emitDocument(doc, disp, name, FormatJSONL, size)
}

// recordSite returns the site of a JSONL record (see SiteOf): its "site" field, as dedupe
// extract writes it; else that of its id when the id is a URL; else that of its "url" field;
// else site, that of the page its text holds.
func recordSite(obj map[string]any, id, site string) string {
	named, _ := obj["site"].(string)
	url, _ := obj["url"].(string)
	for _, s := range []string{siteName(named), SiteOf(id), SiteOf(url), site} {
		if s != "" {
			return s
		}
	}
	return ""
}

// lookup returns the value at dotted path p in obj ("meta.id" is obj["meta"]["id"]), or nil.
func lookup(obj map[string]any, p string) any {
	var cur any = obj
	for key := range strings.SplitSeq(p, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[key]
	}
	return cur
}

// isNull reports whether obj holds null at dotted path p, as it holds nothing where it has
// no such field.
func isNull(obj map[string]any, p string) bool {
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		parent, ok := lookup(obj, p[:i]).(map[string]any)
		if !ok {
			return false
		}
		obj, p = parent, p[i+1:]
	}
	v, found := obj[p]
	return found && v == nil
}

// lookupString returns the first string found at one of paths and the path it was found at,
// or "", "" if none holds a string.
func lookupString(obj map[string]any, paths []string) (value, found string) {
	for _, p := range paths {
		if s, ok := lookup(obj, p).(string); ok {
			return s, p
		}
	}
	return "", ""
}

// lookupText returns the text found at the first of paths that holds a string or an array of
// strings (paragraphs, which it joins with blank lines) that is not blank, and the path; ""
// and the first path holding a blank one if none does ({"text": "", "html": page} is the
// page), "", "" if none holds a string or an array of strings.
func lookupText(obj map[string]any, paths []string) (text, found string) {
	empty := "" // the first field found blank: the text is the next field's, when one has any
	for _, p := range paths {
		text, ok := textValue(lookup(obj, p))
		switch {
		case !ok:
		case strings.TrimSpace(text) != "":
			return text, p
		case empty == "":
			empty = p
		}
	}
	return "", empty
}

// textValue returns v as a text: a string, or an array of strings joined with blank lines;
// false for any other value.
func textValue(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case []any:
		paras := make([]string, 0, len(v))
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				return "", false
			}
			paras = append(paras, s)
		}
		return strings.Join(paras, "\n\n"), true
	}
	return "", false
}

// missingText returns why obj, which lookupText found no text in, is skipped: a text field
// of another kind than a string or an array of strings, or else the fields the record has, so
// that a mistyped --text-field shows beside the name it should have been.
func (f *jsonFields) missingText(obj map[string]any) string {
	for _, p := range f.text {
		if isNull(obj, p) {
			return fmt.Sprintf("text field %q is null", p)
		}
		if v := lookup(obj, p); v != nil {
			kind := jsonText(v)
			switch v.(type) {
			case json.Number:
				kind = "a number"
			case []any:
				kind = "an array holding other values than strings"
			}
			return fmt.Sprintf("text field %q is %s, not a string or an array of strings", p, kind)
		}
	}
	if len(obj) == 0 {
		return f.noText + "; the record is empty"
	}
	return f.noText + "; the record has " + recordFields(obj)
}

// recordFields returns the names of obj's fields, quoted, sorted and comma-separated: the
// first eight, then "...".
func recordFields(obj map[string]any) string {
	keys := slices.Sorted(maps.Keys(obj))
	const most = 8
	if len(keys) > most {
		return quoteAll(keys[:most]) + ", ..."
	}
	return quoteAll(keys)
}

// quoteAll returns the names quoted and comma-separated.
func quoteAll(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = strconv.Quote(n)
	}
	return strings.Join(quoted, ", ")
}

// jsonID returns the first non-empty string or number found at one of paths, or "".
func jsonID(obj map[string]any, paths []string) string {
	for _, p := range paths {
		switch id := lookup(obj, p).(type) {
		case string:
			if id != "" {
				return id
			}
		case json.Number:
			return id.String()
		}
	}
	return ""
}

// jsonText returns a JSON value as a message shows it: a string quoted, cut after 40 bytes; a
// number as written; anything else by its kind.
func jsonText(v any) string {
	switch v := v.(type) {
	case string:
		if len(v) > 40 {
			return strconv.Quote(strings.ToValidUTF8(v[:40], "")) + "..."
		}
		return strconv.Quote(v)
	case json.Number:
		return v.String()
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return "null"
}

// jsonDate parses a JSON date value: a string as for parseDate, or a number, in a string or
// not, of Unix seconds or, above 1e11 (year 5138 in seconds, March 1973 in milliseconds), of
// Unix milliseconds, as JavaScript's Date.now() gives them. A whole number of four digits is a
// year, as archives of old papers date records ("1916"): as Unix seconds it would be a few
// minutes into 1970.
func jsonDate(v any) (time.Time, bool) {
	switch v := v.(type) {
	case string:
		if t, ok := parseDate(v); ok {
			return t, true
		}
		// A number in a string: exports quote the Unix times of 64-bit integers.
		s := strings.TrimSpace(v)
		if f, err := strconv.ParseFloat(s, 64); err == nil && s != "" && (s[0] == '-' || s[0] >= '0' && s[0] <= '9') {
			return unixTime(f)
		}
		return time.Time{}, false
	case json.Number:
		if t, ok := year(string(v)); ok {
			return t, true
		}
		f, err := v.Float64()
		if err != nil {
			return time.Time{}, false
		}
		return unixTime(f)
	}
	return time.Time{}, false
}

// year returns January 1 of the year s gives as four digits.
func year(s string) (time.Time, bool) {
	if len(s) != 4 || strings.Trim(s, "0123456789") != "" || s[0] == '0' {
		return time.Time{}, false
	}
	y, _ := strconv.Atoi(s)
	return time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC), true
}

// unixTime returns the time f Unix seconds, or milliseconds beyond 1e11, stand for; false
// beyond 1e14 (milliseconds of the year 5138), and below a million (the first 12 days of
// 1970): an export's 0 for unknown, or a short number that is no time, read as one, dated its
// record 1970 without a word.
func unixTime(f float64) (time.Time, bool) {
	if math.Abs(f) > 1e11 {
		f /= 1000
	}
	if math.IsNaN(f) || math.Abs(f) > 1e11 || math.Abs(f) < 1e6 {
		return time.Time{}, false
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC(), true
}

// dateLayouts are the date formats parseDate accepts; times without a zone are UTC. Beside
// RFC 3339 and its forms without a zone or a time or with a zone as "+0000" (the New York
// Times' API), the formats of RSS's pubDate (RFC 1123 and RFC 822, with a one-digit day too),
// of exports that write dates with slashes or as digits alone ("20190101", "20190101053000":
// tried before Unix times, which they would otherwise read as), long dates in English, and a
// year and month or a year alone ("1916-01", "1916"), the first of the month or the year.
var dateLayouts = []string{
	time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04:05-0700", "2006-01-02T15:04Z07:00",
	"2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05-0700",
	"2006-01-02 15:04:05 MST", "2006-01-02", "2006/01/02 15:04:05", "2006/01/02", "20060102150405", "20060102",
	"Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", "Mon, 2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 2006 15:04 MST", "2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 MST", "2 Jan 2006",
	"January 2, 2006", "Jan 2, 2006", "Monday, January 2, 2006", "2006-01", "2006",
}

// parseDate parses s in one of dateLayouts (fractional seconds allowed after the seconds),
// ignoring surrounding white space, and returns it in UTC. A zone named by an abbreviation other than UTC or GMT has no
// known offset: the time is read as UTC, which leaves its date right but for the hours near
// midnight.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
