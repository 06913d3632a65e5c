package input

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
	"golang.org/x/text/transform"
)

// sniffLen is how much decoded input is searched for NUL bytes, as git and grep do.
const sniffLen = 8 << 10

var bomUTF8 = []byte{0xEF, 0xBB, 0xBF}

// unicodeBOM returns the decoder and name for raw's UTF-16 or UTF-32 byte order mark, or nil.
// UTF-32's are tried first: little-endian, it starts as UTF-16's does.
func unicodeBOM(raw []byte) (encoding.Encoding, string) {
	switch {
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE, 0, 0}):
		return utf32.UTF32(utf32.LittleEndian, utf32.ExpectBOM), "utf-32le"
	case bytes.HasPrefix(raw, []byte{0, 0, 0xFE, 0xFF}):
		return utf32.UTF32(utf32.BigEndian, utf32.ExpectBOM), "utf-32be"
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le"
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be"
	}
	return nil, ""
}

// headText returns head, the first bytes of an input, as UTF-8 text when it starts with a
// UTF-16 or UTF-32 byte order mark, and the encoding the mark names ("" without one): what a
// sniff looks for is in its characters, and a UTF-16 JSON array, whose bytes start 0xFF 0xFE,
// was read as one text. A character cut by head's end is left out.
func headText(head []byte) ([]byte, string) {
	e, name := unicodeBOM(head)
	if e == nil {
		return head, ""
	}
	text, _, _ := transform.Bytes(e.NewDecoder(), head[:len(head)/4*4])
	return text, name
}

// decode turns raw into UTF-8 text and names the encoding it used: a byte order mark wins,
// then valid UTF-8, then for HTML a <meta charset>, then Windows-1252 (a superset of the
// printable ISO-8859-1 range, and what mislabelled "Latin-1" news text usually is). cut says
// raw was cut short, so a partial character at its end is dropped instead of being taken as
// proof that the text is not UTF-8. It returns errBinary for a NUL in the first 8 KiB of text.
//
// decode takes raw over: text may share its memory, so nothing may write to raw afterwards.
func decode(raw []byte, cut, isHTML bool) (text, enc string, err error) {
	if e, name := unicodeBOM(raw); e != nil {
		// Raw UTF-16 and UTF-32 are full of NULs, so the binary check must come after
		// decoding.
		if unit := 2 + 2*strings.Count(name, "32"); cut {
			raw = raw[:len(raw)-len(raw)%unit]
		}
		b, err := e.NewDecoder().Bytes(raw)
		if err != nil {
			return "", "", err
		}
		if bytes.IndexByte(b[:min(len(b), sniffLen)], 0) >= 0 {
			return "", "", errBinary
		}
		return string(b), name, nil
	}
	if bytes.IndexByte(raw[:min(len(raw), sniffLen)], 0) >= 0 {
		return "", "", binaryErr(raw[:min(len(raw), sniffLen)])
	}
	enc = "utf-8"
	if bytes.HasPrefix(raw, bomUTF8) {
		raw, enc = raw[len(bomUTF8):], "utf-8-bom"
	}
	if cut {
		raw = trimPartialRune(raw)
	}
	if utf8.Valid(raw) {
		// Valid UTF-8, nearly every input, is the text as it was read: a copy would double
		// what reading allocates (the whole corpus twice over), and the collector, which
		// runs every 25% of the live heap (GOGC), would run twice as often while reading.
		return unsafe.String(unsafe.SliceData(raw), len(raw)), enc, nil
	}
	if enc == "utf-8-bom" {
		// The mark is an explicit claim; keep it and replace the few bad bytes, saying so.
		return strings.ToValidUTF8(string(raw), "\uFFFD"), "utf-8-bom-replaced", nil
	}
	if mostlyUTF8(raw) {
		return strings.ToValidUTF8(string(raw), "\uFFFD"), "utf-8-replaced", nil
	}
	var e encoding.Encoding = charmap.Windows1252
	enc = "windows-1252"
	if isHTML {
		// A page that declares UTF-8 but is not valid UTF-8 lies; fall back as browsers
		// would for undeclared pages.
		if he, name, _ := charset.DetermineEncoding(raw, ""); name != "utf-8" {
			e, enc = he, name
		}
	}
	b, err := e.NewDecoder().Bytes(raw)
	if err != nil {
		return "", "", err
	}
	return string(b), enc, nil
}

// streamEncoding reads the byte order mark at the start of br, a JSONL or SGML input read line
// by line, and returns the reader of its text, UTF-16 or UTF-32 decoded to UTF-8, and the encoding the
// mark names ("utf-8" without one), or errBinary for a NUL in its first bytes.
func streamEncoding(br *bufio.Reader) (*bufio.Reader, string, error) {
	head, err := br.Peek(sniffLen)
	// A --max-file-bytes below sniffLen ends the input inside what is sniffed: the records
	// before the bound are still read, and reading on meets the bound again, at its line.
	if err != nil && err != io.EOF && !errors.Is(err, errFileTooLong) {
		return nil, "", err
	}
	if e, name := unicodeBOM(head); e != nil {
		return bufio.NewReaderSize(transform.NewReader(br, e.NewDecoder()), 64<<10), name, nil
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return nil, "", binaryErr(head)
	}
	if bytes.HasPrefix(head, bomUTF8) {
		br.Discard(len(bomUTF8))
		return br, "utf-8-bom", nil
	}
	return br, "utf-8", nil
}

// recordUTF8 returns rec, a JSONL line or SGML record that is not valid UTF-8, as UTF-8 text
// and the encoding it was read in, by the rule decode applies to a file: UTF-8 with its few bad
// bytes replaced when it is mostly UTF-8 (a record with one stray byte was read as
// Windows-1252, and every accented letter of it became two letters of mojibake), else
// Windows-1252, which exports from old systems often hold.
func recordUTF8(rec []byte) ([]byte, string) {
	if mostlyUTF8(rec) {
		return bytes.ToValidUTF8(rec, []byte("\uFFFD")), "utf-8-replaced"
	}
	b, _ := charmap.Windows1252.NewDecoder().Bytes(rec)
	return b, "windows-1252"
}

// mostlyUTF8 reports whether raw, not valid UTF-8, holds more characters of several bytes
// encoded as UTF-8 than runs of bytes that are not: a UTF-8 text with a damaged byte or a
// character cut in two, which read as Windows-1252 would turn every one of its other
// characters into two or three letters of mojibake (a Chinese article with one stray byte
// matched nothing of itself). A Windows-1252 text rarely holds a byte pair that is UTF-8 by
// chance.
func mostlyUTF8(raw []byte) bool {
	multi, invalid, inRun := 0, 0, false
	for i := 0; i < len(raw); {
		if raw[i] < utf8.RuneSelf {
			i, inRun = i+1, false
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		switch {
		case r != utf8.RuneError || size > 1:
			multi, inRun = multi+1, false
		case !inRun:
			invalid, inRun = invalid+1, true
		}
		i += size
	}
	return multi > invalid
}

// trimPartialRune drops an incomplete UTF-8 sequence at the end of b.
func trimPartialRune(b []byte) []byte {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return b[:i]
			}
			break
		}
	}
	return b
}

// truncate cuts s to at most limit bytes at a rune boundary and reports whether it cut.
// limit <= 0 means no limit.
func truncate(s string, limit int64) (string, bool) {
	if limit <= 0 || int64(len(s)) <= limit {
		return s, false
	}
	i := int(limit)
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i], true
}

// looksLikeHTML reports whether text starts, after white space, an XML declaration and
// comments, with an HTML doctype or an html or head tag.
func looksLikeHTML(text string) bool {
	head := text[:min(len(text), 4096)]
	for {
		head = strings.TrimLeft(head, " \t\r\n\f\uFEFF")
		// An XML declaration (XHTML) and comments (a browser's "saved from url=") may come
		// first; they are passed over.
		var end string
		switch {
		case strings.HasPrefix(head, "<?xml"):
			end = "?>"
		case strings.HasPrefix(head, "<!--"):
			end = "-->"
		}
		if end == "" {
			break
		}
		i := strings.Index(head, end)
		if i < 0 {
			return false
		}
		head = head[i+len(end):]
	}
	head = strings.ToLower(head[:min(len(head), len("<!doctype html"))])
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") || strings.HasPrefix(head, "<head")
}

// binaryErr returns errBinary for head, the first bytes of an input, which hold a NUL, and says
// so when they look like UTF-16 text without a byte order mark (nearly every character a byte
// beside a NUL), which some Windows tools write and which is read only with its mark:
// "binary file" alone sent the user looking for a damaged file.
func binaryErr(head []byte) error {
	if enc := bomlessUTF16(head); enc != "" {
		return fmt.Errorf("%w: %s text without a byte order mark, it seems (iconv -f %s -t UTF-8 makes UTF-8 of it)", errBinary, enc, enc)
	}
	return errBinary
}

// bomlessUTF16 returns "UTF-16LE" or "UTF-16BE" when 9 in 10 of head's pairs of bytes are a
// byte and a NUL, in that order or the other, as ASCII text is in UTF-16; "" otherwise, and
// for fewer than 4 pairs.
func bomlessUTF16(head []byte) string {
	pairs := len(head) / 2
	if pairs < 4 {
		return ""
	}
	le, be := 0, 0
	for i := 0; i+1 < len(head); i += 2 {
		switch a, b := head[i], head[i+1]; {
		case a != 0 && b == 0:
			le++
		case a == 0 && b != 0:
			be++
		}
	}
	switch {
	case le*10 >= pairs*9:
		return "UTF-16LE"
	case be*10 >= pairs*9:
		return "UTF-16BE"
	}
	return ""
}
