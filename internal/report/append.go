package report

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
)

// jsonAppender writes clusters and pairs, the bulk of a scan's report, as json.Encoder with
// SetEscapeHTML(false) writes them, indented (SetIndent(prefix, "  ")) or compact, without
// reflection. Encoding the 4,157 clusters and 24,873 pairs of the articles cut from the
// chronam-1916 pages took json.Encoder 0.3-0.5 s of CPU on the one goroutine that writes the
// report, most of it re-reading its own output to indent it.
//
// Strings that hold nothing json.Encoder would escape (printable ASCII but '"' and '\') are
// written as they are; any other string, and any value the appender cannot write as the
// encoder would (a Ratio that is not finite, whose error is the encoder's), goes through
// json.Encoder, so the bytes are the encoder's whatever the input. The zero value writes
// compact JSON; it is not safe for concurrent use.
type jsonAppender struct {
	b      []byte
	indent bool   // two spaces a level after prefix on each new line; false: compact
	prefix string // what each new line of an indented value starts with
	depth  int    // objects and arrays open
	more   bool   // the innermost open object or array has a member already
	enc    *json.Encoder
	encBuf bytes.Buffer
	// out, when not nil, takes what the appender holds whenever it reaches spillSize bytes
	// between two members or pairs of a cluster (see spill); err is the first error it
	// returned.
	out io.Writer
	err error
}

// spillSize is how much of a cluster the appender holds before it writes it to out. A story
// printed a thousand times is one cluster of half a million pairs, 680 MB of JSON: held whole,
// the buffer was copied as it grew and the collector waited on the copies (20 s of a 42 s
// scan, and 2.6 GB).
const spillSize = 1 << 16

// spill writes what the appender holds to out and empties it, when there is an out and the
// appender holds spillSize bytes or more. After a spill, a value the appender cannot write
// (see ratio) leaves its start written: the encoder that the caller then tries fails as well,
// and the report is not used.
func (a *jsonAppender) spill() {
	if a.out == nil || len(a.b) < spillSize || a.err != nil {
		return
	}
	_, a.err = a.out.Write(a.b)
	a.b = a.b[:0]
}

// reset empties the output and starts a value whose lines after the first begin with prefix,
// indented when indent is set.
func (a *jsonAppender) reset(indent bool, prefix string) {
	a.b, a.indent, a.prefix, a.depth, a.more = a.b[:0], indent, prefix, 0, false
}

// newline starts a line of an indented value at the current depth.
func (a *jsonAppender) newline() {
	if !a.indent {
		return
	}
	a.b = append(a.b, '\n')
	a.b = append(a.b, a.prefix...)
	for range a.depth {
		a.b = append(a.b, ' ', ' ')
	}
}

// open starts an object or an array, which must get at least one member before close: the
// encoder writes an empty one as "{}" or "[]", with no line break.
func (a *jsonAppender) open(c byte) {
	a.b = append(a.b, c)
	a.depth++
	a.more = false
}

// close ends the innermost object or array with c.
func (a *jsonAppender) close(c byte) {
	a.depth--
	a.newline()
	a.b = append(a.b, c)
	a.more = true
}

// key starts the member k of an object; k needs no escaping.
func (a *jsonAppender) key(k string) {
	a.elem()
	a.b = append(a.b, '"')
	a.b = append(a.b, k...)
	a.b = append(a.b, '"', ':')
	if a.indent {
		a.b = append(a.b, ' ')
	}
}

// elem starts the next member of an object or element of an array.
func (a *jsonAppender) elem() {
	if a.more {
		a.b = append(a.b, ',')
	}
	a.more = true
	a.newline()
}

func (a *jsonAppender) int(n int) { a.b = strconv.AppendInt(a.b, int64(n), 10) }

func (a *jsonAppender) bool(v bool) { a.b = strconv.AppendBool(a.b, v) }

// string writes s quoted, escaped as the encoder escapes it without HTML escaping.
func (a *jsonAppender) string(s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			a.encode(s)
			return
		}
	}
	a.b = append(a.b, '"')
	a.b = append(a.b, s...)
	a.b = append(a.b, '"')
}

// ratio writes r as Ratio.MarshalJSON does and reports whether it could: not for NaN and the
// infinities, which the encoder turns into its own error.
func (a *jsonAppender) ratio(r Ratio) bool {
	b, ok := appendRatio(a.b, r)
	a.b = b
	return ok
}

// encode writes v compact, as the encoder writes it, which fails only for what the appender
// writes itself when it can, a string.
func (a *jsonAppender) encode(v any) {
	if a.enc == nil {
		a.enc = json.NewEncoder(&a.encBuf)
		a.enc.SetEscapeHTML(false)
	}
	a.encBuf.Reset()
	_ = a.enc.Encode(v) // a string always encodes
	a.b = append(a.b, bytes.TrimSuffix(a.encBuf.Bytes(), []byte("\n"))...)
}

// object opens an object with a first member "type": typ when typ is not empty (a line of JSON
// lines).
func (a *jsonAppender) object(typ string) {
	a.open('{')
	a.omitEmpty("type", typ)
}

// intMember writes the member k: n.
func (a *jsonAppender) intMember(k string, n int) {
	a.key(k)
	a.int(n)
}

// stringMember writes the member k: s.
func (a *jsonAppender) stringMember(k, s string) {
	a.key(k)
	a.string(s)
}

// omitEmpty writes the member k: s unless s is empty (omitempty).
func (a *jsonAppender) omitEmpty(k, s string) {
	if s != "" {
		a.stringMember(k, s)
	}
}

// omitZero writes the member k: n unless n is 0 (omitempty).
func (a *jsonAppender) omitZero(k string, n int) {
	if n != 0 {
		a.intMember(k, n)
	}
}

// cluster writes c, with a first member "type": typ when typ is not empty, and reports whether
// it could (see ratio).
func (a *jsonAppender) cluster(c *Cluster, typ string) bool {
	a.object(typ)
	a.intMember("id", c.ID)
	a.intMember("size", c.Size)
	a.stringMember("representative", c.Representative)
	a.stringMember("representative_rule", c.RepresentativeRule)
	a.key("members")
	if a.array(len(c.Members), c.Members == nil) {
		for i := range c.Members {
			a.elem()
			a.member(&c.Members[i])
			a.spill()
		}
		a.close(']')
	}
	a.key("pairs")
	if a.array(len(c.Pairs), c.Pairs == nil) {
		for i := range c.Pairs {
			a.elem()
			if !a.pair(&c.Pairs[i], "") {
				return false
			}
			a.spill()
		}
		a.close(']')
	}
	a.close('}')
	return true
}

// array writes null for a nil slice and [] for an empty one, or opens the array of n elements
// and reports that the caller is to write them and close it.
func (a *jsonAppender) array(n int, isNil bool) bool {
	switch {
	case isNil:
		a.b = append(a.b, "null"...)
	case n == 0:
		a.b = append(a.b, "[]"...)
	default:
		a.open('[')
		return true
	}
	return false
}

func (a *jsonAppender) member(m *Member) {
	a.open('{')
	a.stringMember("path", m.Path)
	a.intMember("words", m.Words)
	a.omitEmpty("lang", m.Lang)
	a.omitEmpty("title", m.Title)
	a.omitEmpty("date", m.Date)
	a.omitEmpty("site", m.Site)
	a.omitEmpty("encoding", m.Encoding)
	a.omitZero("line", m.Line)
	a.close('}')
}

// pair writes p, with a first member "type": typ when typ is not empty, and reports whether it
// could (see ratio).
func (a *jsonAppender) pair(p *Pair, typ string) bool {
	a.object(typ)
	a.stringMember("a", p.A)
	a.stringMember("b", p.B)
	a.stringMember("relation", p.Relation)
	a.omitEmpty("source", p.Source)
	for _, r := range []struct {
		key   string
		value Ratio
	}{
		{"score", p.Score}, {"jaccard", p.Jaccard}, {"containment", p.Containment},
		{"containment_a", p.ContainmentA}, {"containment_b", p.ContainmentB},
		{"coverage_a", p.CoverageA}, {"coverage_b", p.CoverageB},
	} {
		a.key(r.key)
		if !a.ratio(r.value) {
			return false
		}
	}
	a.intMember("aligned_sentences", p.Aligned)
	a.intMember("longest_run", p.LongestRun)
	if len(p.Passages) > 0 {
		a.key("passages")
		a.open('[')
		for _, ps := range p.Passages {
			a.elem()
			a.open('{')
			a.key("a")
			a.span(ps.A)
			a.key("b")
			a.span(ps.B)
			a.intMember("sentences", ps.Sentences)
			a.key("verbatim")
			a.bool(ps.Verbatim)
			a.close('}')
		}
		a.close(']')
	}
	a.omitZero("cluster_a", p.ClusterA)
	a.omitZero("cluster_b", p.ClusterB)
	a.omitEmpty("encoding_a", p.EncodingA)
	a.omitEmpty("encoding_b", p.EncodingB)
	a.close('}')
	return true
}

func (a *jsonAppender) span(s Span) {
	a.open('{')
	a.intMember("start", s.Start)
	a.intMember("end", s.End)
	a.close('}')
}
