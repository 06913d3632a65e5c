package normalize

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// SourceMap maps byte offsets of [Text](raw) back to offsets of raw, so that a passage found in
// a [Document] can be shown or cut out of the text as it was read. The zero value maps every
// offset to itself, which is right when Text(raw) == raw (plain ASCII without CR, for one).
// A SourceMap holds no reference to either text and is safe for concurrent use.
type SourceMap struct {
	edits []edit // the pieces of raw that normalisation changed, in order
}

// edit is a piece raw[raw:rawEnd] that normalises to text[text:textEnd] and differs from it.
type edit struct {
	raw, rawEnd, text, textEnd int
}

// NewSourceMap returns the map from offsets of text, which must be Text(raw), to offsets of
// raw.
//
// Text works piece by piece: raw splits before every ASCII byte (except the LF of a CRLF) into
// pieces that normalise on their own, because no ASCII character composes with what precedes it
// under NFKC, and folding maps one character at a time (but for a soft hyphen before a line
// break, whose piece takes the break: see pieceEnd). Only the pieces that change are kept,
// so the map is empty for a normal text and small for one with a few curly quotes; a CRLF file
// has an edit per line. A piece that changes is cut again where NFKC starts a new segment (see
// segmentEnd), since Chinese or Japanese runs for a paragraph without an ASCII byte and its
// full-width commas and half-width kana change: one edit for the paragraph would map every
// sentence in it to the whole paragraph. Should the pieces ever fail to add up to text (a rule
// of Text that looks across an ASCII byte), the whole text becomes one edit: offsets then map
// to the start and end of raw, coarse but never out of range; segments that fail to add up to
// their piece leave the piece one edit.
func NewSourceMap(raw, text string) SourceMap {
	if raw == text {
		return SourceMap{}
	}
	var m SourceMap
	t := 0 // offset in text of the piece starting at raw[i]
	for i := 0; i < len(raw); {
		// An ASCII byte other than CR is a piece of its own, which normalises to itself, unless
		// non-ASCII bytes follow it: a run of such bytes but the last before a non-ASCII byte
		// is compared with text at once.
		k := plainEnd(raw, i)
		if k < len(raw) && raw[k] >= utf8.RuneSelf {
			k--
		}
		if k > i {
			if n := k - i; len(text)-t < n || text[t:t+n] != raw[i:k] {
				return wholeText(raw, text)
			}
			i, t = k, t+k-i
			continue
		}
		j := pieceEnd(raw, i)
		piece := raw[i:j]
		out := Text(piece)
		if len(text)-t < len(out) || text[t:t+len(out)] != out {
			return wholeText(raw, text)
		}
		if out != piece {
			m.edits = appendEdits(m.edits, piece, out, i, t)
		}
		i, t = j, t+len(out)
	}
	if t != len(text) {
		return wholeText(raw, text)
	}
	return m
}

// appendEdits appends to edits those of piece, which starts at raw offset at and normalises to
// out at text offset t: an edit for each segment of the piece that changes, or one for the
// whole piece if the segments, normalised on their own, do not add up to out (a zero-width
// character between a letter and its accent, which Text removes before NFKC composes them).
func appendEdits(edits []edit, piece, out string, at, t int) []edit {
	n := len(edits)
	o := 0 // offset in out of the segment starting at piece[s]
	for s := 0; s < len(piece); {
		e := segmentEnd(piece, s)
		seg := Text(piece[s:e])
		if len(out)-o < len(seg) || out[o:o+len(seg)] != seg {
			return append(edits[:n], edit{at, at + len(piece), t, t + len(out)})
		}
		if seg != piece[s:e] {
			edits = append(edits, edit{at + s, at + e, t + o, t + o + len(seg)})
		}
		s, o = e, o+len(seg)
	}
	if o != len(out) {
		return append(edits[:n], edit{at, at + len(piece), t, t + len(out)})
	}
	return edits
}

// segmentEnd returns the end of the segment of piece that starts at s: its first character (a
// CRLF counts as one) and the characters after it that may combine with what precedes them
// under NFKC, up to the next that starts a segment of its own.
func segmentEnd(piece string, s int) int {
	j := s + 1
	if piece[s] == '\r' && j < len(piece) && piece[j] == '\n' {
		j++
	} else if piece[s] >= utf8.RuneSelf {
		_, size := utf8.DecodeRuneInString(piece[s:])
		j = s + size
	}
	for j < len(piece) && !norm.NFKC.PropertiesString(piece[j:]).BoundaryBefore() {
		_, size := utf8.DecodeRuneInString(piece[j:])
		j += size
	}
	return j
}

// wholeText is the coarse map of NewSourceMap's fallback: all of raw is one edit.
func wholeText(raw, text string) SourceMap {
	return SourceMap{edits: []edit{{0, len(raw), 0, len(text)}}}
}

// pieceEnd returns the end of the piece of raw that starts at i: the next ASCII byte after i,
// not counting the LF of a CRLF, or len(raw); but a piece that ends in a soft hyphen takes the
// line break after it too, which makes the hyphen one (see fold).
func pieceEnd(raw string, i int) int {
	j := i + 1
	if raw[i] == '\r' && j < len(raw) && raw[j] == '\n' {
		j++
	}
	for j < len(raw) && raw[j] >= utf8.RuneSelf {
		j++
	}
	if j > i+1 && j < len(raw) && (raw[j] == '\n' || raw[j] == '\r') && strings.HasSuffix(raw[i:j], string(softHyphen)) {
		j++
		if raw[j-1] == '\r' && j < len(raw) && raw[j] == '\n' {
			j++
		}
	}
	return j
}

// Start returns the offset in raw where the character at text offset off comes from: the start
// of the changed piece that holds it, or off shifted by the changes before it.
func (m SourceMap) Start(off int) int {
	e, ok := m.find(off)
	switch {
	case !ok:
		return off
	case off < e.textEnd && off >= e.text:
		return e.raw
	}
	return e.rawEnd + off - e.textEnd
}

// End returns the offset in raw just past the character that ends just before text offset off:
// the end of the changed piece that holds it, or off shifted by the changes before it.
func (m SourceMap) End(off int) int {
	e, ok := m.find(off - 1)
	switch {
	case !ok:
		return off
	case off-1 < e.textEnd && off-1 >= e.text:
		return e.rawEnd
	}
	return e.rawEnd + off - e.textEnd
}

// find returns the last edit that starts at or before text offset off, and false when none
// does.
func (m SourceMap) find(off int) (edit, bool) {
	lo, hi := 0, len(m.edits)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if m.edits[mid].text <= off {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo == 0 {
		return edit{}, false
	}
	return m.edits[lo-1], true
}

// Range is a byte range [Start, End) of a text.
type Range struct {
	Start, End int32
}

// SourceRanges returns the byte range of each sentence of d in raw, the text d was analysed
// from ([Analyzer.Analyze] of raw): where [NewSourceMap] puts the sentence's first and last
// characters. A sentence whose edge characters were rewritten by normalisation (a curly quote,
// a CRLF) keeps them whole. It returns nil for a document without sentences.
func (d *Document) SourceRanges(raw string) []Range {
	if len(d.Sentences) == 0 {
		return nil
	}
	m := NewSourceMap(raw, d.Text)
	out := make([]Range, len(d.Sentences))
	for i, s := range d.Sentences {
		out[i] = Range{int32(m.Start(int(s.Start))), int32(m.End(int(s.End)))}
	}
	return out
}
