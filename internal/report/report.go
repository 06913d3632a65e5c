// Package report defines dedupe's output, the JSON contract other tools depend on, and writes it
// as JSON, JSON lines or text.
//
// The field names of Report and everything it holds are a public contract: add fields, never
// rename or remove them, and bump Version when a change would break a reader. Ratios are
// rounded to four decimals so that output is stable and readable.
package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/dedupe-dev/dedupe/internal/input"
)

// Version is the version of the JSON contract. Version 2: paths are the paths named on the
// command line joined with the path below them, relative to Root when they are relative;
// version 1 showed the documents of a single folder relative to that folder.
const Version = 2

// Report is the result of a scan.
type Report struct {
	Version int `json:"version"`
	// Root is the absolute working directory of the run (escaped as paths are): relative paths
	// are relative to it. Empty when it could not be found.
	Root string `json:"root"`
	// Inputs are the paths named on the command line, as given, in order.
	Inputs   []string  `json:"inputs"`
	Params   Params    `json:"params"`
	Stats    Stats     `json:"stats"`
	Clusters []Cluster `json:"clusters"`
	// Links are verified pairs whose documents ended in different clusters (or in none): a
	// document that partly copies two unrelated ones joins one cluster and links to the other.
	Links    []Pair    `json:"links"`
	Skipped  []Skip    `json:"skipped"`
	Warnings []Warning `json:"warnings"`
}

// Params records every setting that shaped the result, so a result can be reproduced: one
// Param per setting, written as one JSON object in this order. The keys and their order come
// from the settings' tables (scan.Specs); keys are added, never renamed or reordered.
type Params []Param

// Param is one recorded setting.
type Param struct {
	Key string
	// Value is an int, a uint64, a string or a float64 (written as a Ratio) in a report built
	// by a scan; a report read from JSON has a json.Number for a number.
	Value any
}

// Get returns the value recorded under key, or nil.
func (p Params) Get(key string) any {
	for _, kv := range p {
		if kv.Key == key {
			return kv.Value
		}
	}
	return nil
}

// MarshalJSON writes p as one JSON object, keys in order, float64 values as Ratio; nil is {}.
func (p Params) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, kv := range p {
		if i > 0 {
			b = append(b, ',')
		}
		k, err := json.Marshal(kv.Key)
		if err != nil {
			return nil, err
		}
		v := kv.Value
		if f, ok := v.(float64); ok {
			v = Ratio(f)
		}
		val, err := json.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("param %s: %w", kv.Key, err)
		}
		b = append(append(append(b, k...), ':'), val...)
	}
	return append(b, '}'), nil
}

// UnmarshalJSON reads a JSON object into p, keeping the order of its keys; numbers are read as
// json.Number, so that writing p again gives them as they were.
func (p *Params) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return errors.New("params: not a JSON object")
	}
	var out Params
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		kv := Param{Key: t.(string)}
		if err := dec.Decode(&kv.Value); err != nil {
			return err
		}
		out = append(out, kv)
	}
	*p = out
	return nil
}

// Stats counts what the scan did.
type Stats struct {
	Documents            int `json:"documents"`
	Skipped              int `json:"skipped"`
	CandidatePairs       int `json:"candidate_pairs"`
	VerifiedPairs        int `json:"verified_pairs"`
	Clusters             int `json:"clusters"`
	ClusteredDocs        int `json:"clustered_documents"`
	OversizedBuckets     int `json:"oversized_buckets"`
	BoilerplateSentences int `json:"boilerplate_sentences"`
	SeriesPairs          int `json:"series_pairs"` // candidate pairs of one series (--series), not compared
	// BelowFloorPairs counts the pairs only the bands proposed whose signatures estimate a
	// Jaccard below the candidate floor (--candidate-floor), not compared.
	BelowFloorPairs int `json:"below_floor_pairs"`
	// Decision is the decision the scan applied, "standard" or "strict" for clean text
	// (see verify.Params.ResolveDecision), and GarbleMedian the corpus's median share of words that
	// look like OCR debris, -1 when not measured (no document in English); both absent
	// where no corpus was scanned (dedupe check).
	Decision     string `json:"decision,omitempty"`
	GarbleMedian *Ratio `json:"garble_median,omitempty"`
	// GarbleDocuments counts the documents whose garble share was measured (those in
	// English), from which the decision was taken.
	GarbleDocuments int `json:"garble_documents,omitempty"`
}

// Cluster is a group of documents that are copies or rewrites of its representative.
type Cluster struct {
	ID             int    `json:"id"`
	Size           int    `json:"size"`
	Representative string `json:"representative"`
	// RepresentativeRule says how the representative was chosen: "most_aligned" (the member
	// the others are aligned to), or "only_member" for a document alone (--singletons).
	// Earlier versions of dedupe wrote "earliest_date" when every member had a date.
	RepresentativeRule string   `json:"representative_rule"`
	Members            []Member `json:"members"`
	Pairs              []Pair   `json:"pairs"`
}

// Member is one document of a cluster.
type Member struct {
	Path     string `json:"path"`
	Words    int    `json:"words"`
	Lang     string `json:"lang,omitempty"` // the language the document was analysed in, detected or forced
	Title    string `json:"title,omitempty"`
	Date     string `json:"date,omitempty"`     // RFC 3339, when known
	Site     string `json:"site,omitempty"`     // the site it comes from (input.Document.Site), when known
	Encoding string `json:"encoding,omitempty"` // set when the input was not plain UTF-8 (SourceEncoding)
	// Line is the line of a JSONL record in its file, or the line an SGML record starts on:
	// what names it when its id was renamed (a second "x1" is "x1~2") or it has none.
	Line int `json:"line,omitempty"`
}

// Pair is a verified duplicate pair with its figures.
type Pair struct {
	A            string `json:"a"`
	B            string `json:"b"`
	Relation     string `json:"relation"`
	Source       string `json:"source,omitempty"` // the path of the likely original, when known
	Score        Ratio  `json:"score"`
	Jaccard      Ratio  `json:"jaccard"`
	Containment  Ratio  `json:"containment"`
	ContainmentA Ratio  `json:"containment_a"`
	ContainmentB Ratio  `json:"containment_b"`
	CoverageA    Ratio  `json:"coverage_a"`
	CoverageB    Ratio  `json:"coverage_b"`
	Aligned      int    `json:"aligned_sentences"`
	LongestRun   int    `json:"longest_run"` // the longest run of content words both share, in order
	// Passages are the pair's aligned passages, by byte offsets into each document's decoded
	// text; absent when there are none or the texts' sentence offsets are not known (check's
	// archived documents).
	Passages []Passage `json:"passages,omitempty"`
	ClusterA int       `json:"cluster_a,omitempty"` // links only: A's cluster id, 0 when alone
	ClusterB int       `json:"cluster_b,omitempty"`
	// EncodingA and EncodingB are those of a and b when not plain UTF-8, as a member's: the
	// text the passages' offsets index. A link's document in no cluster has no member to say.
	// Last, so that they are the last columns of WritePairs.
	EncodingA string `json:"encoding_a,omitempty"`
	EncodingB string `json:"encoding_b,omitempty"`
}

// ShareOf returns how much of the document path is found in the pair's other one: the larger
// of its coverage and its containment; false when path is neither A nor B.
func (p *Pair) ShareOf(path string) (Ratio, bool) {
	switch path {
	case p.A:
		return max(p.CoverageA, p.ContainmentA), true
	case p.B:
		return max(p.CoverageB, p.ContainmentB), true
	}
	return 0, false
}

// Passage is one passage of a pair that the alignment found in both documents: a run of
// aligned sentences that follow one another in both (see verify.Passages).
type Passage struct {
	A         Span `json:"a"`         // the passage in the pair's document a
	B         Span `json:"b"`         // and in b
	Sentences int  `json:"sentences"` // aligned sentence pairs in it
	Verbatim  bool `json:"verbatim"`  // every pair has the same content words in order; else rewritten
}

// Span is the byte range [Start, End) of a passage in a document's text as dedupe decoded it:
// the file's own bytes for UTF-8 files (after the byte order mark, if any), the UTF-8 text
// decoded from UTF-16 and Windows-1252 files, the extracted text of HTML and JSONL documents.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Skip is an input that gave no document.
type Skip struct {
	Path   string `json:"path"`
	Line   int    `json:"line,omitempty"`
	Reason string `json:"reason"`
	// Count is present when the entry stands for several skipped inputs (the lines of a file
	// past the first 1,000 skipped): how many. See CountSkipped.
	Count int `json:"count,omitempty"`
}

// CountSkipped returns the inputs skips stand for: one an entry, or its Count.
func CountSkipped(skips []Skip) int {
	n := 0
	for _, s := range skips {
		n += max(1, s.Count)
	}
	return n
}

// Warning is something the user should know about a document that was still used.
type Warning struct {
	Path    string `json:"path,omitempty"` // "" for a warning about the run, not an input (--series)
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// AppendSkips appends the inputs that package input skipped to dst, as the JSON lists them.
func AppendSkips(dst []Skip, skipped []input.Skip) []Skip {
	for _, s := range skipped {
		dst = append(dst, Skip{Path: s.Path, Line: s.Line, Reason: s.Reason, Count: s.Count})
	}
	return dst
}

// AppendWarnings appends the warnings of package input to dst, as the JSON lists them: an
// input.Skip's reason is a Warning's message.
func AppendWarnings(dst []Warning, warnings []input.Skip) []Warning {
	for _, w := range warnings {
		dst = append(dst, Warning{Path: w.Path, Line: w.Line, Message: w.Reason})
	}
	return dst
}

// Ratio is a number in [0, 1] written with at most four decimals.
type Ratio float64

// MarshalJSON writes r rounded to four decimals. Values of 10¹¹ and more are written as they
// are: scaling them by 10⁴ could overflow, and their spacing is too coarse for the rounding to be
// exact, so writing, reading and writing again would not give the same bytes. NaN and the
// infinities have no JSON form and are an error.
func (r Ratio) MarshalJSON() ([]byte, error) {
	b, ok := appendRatio(nil, r)
	if !ok {
		return nil, fmt.Errorf("ratio %v is not a finite number", float64(r))
	}
	return b, nil
}

// appendRatio appends r as MarshalJSON writes it and reports whether it could: not for NaN and
// the infinities, which leave b as it was.
func appendRatio(b []byte, r Ratio) ([]byte, bool) {
	f := float64(r)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return b, false
	}
	if math.Abs(f) < 1e11 {
		f = math.Round(f*1e4) / 1e4
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64), true
}

// WriteJSON writes rep as one indented JSON document, as json.Encoder with two-space indentation
// and without HTML escaping writes it. The clusters and links are written one at a time: a
// report of a million documents is a few hundred megabytes of JSON, which the encoder would
// otherwise build twice in memory (compact, then indented) before writing a byte.
func WriteJSON(w io.Writer, rep *Report) error {
	bw := bufio.NewWriter(w)
	enc := newIndentEncoder(bw)
	app := jsonAppender{out: bw}
	bw.WriteString("{\n")
	fields := []struct {
		name  string
		value any
	}{
		{"version", rep.Version},
		{"root", rep.Root},
		{"inputs", rep.Inputs},
		{"params", rep.Params},
		{"stats", rep.Stats},
		{"clusters", rep.Clusters},
		{"links", rep.Links},
		{"skipped", rep.Skipped},
		{"warnings", rep.Warnings},
	}
	for i, f := range fields {
		fmt.Fprintf(bw, "  %q: ", f.name)
		var err error
		switch v := f.value.(type) {
		case []Cluster:
			err = writeArray(bw, enc, v, func(c *Cluster) bool {
				app.reset(true, "    ")
				return app.cluster(c, "")
			}, &app)
		case []Pair:
			err = writeArray(bw, enc, v, func(p *Pair) bool {
				app.reset(true, "    ")
				return app.pair(p, "")
			}, &app)
		default:
			err = enc.encode(v, "  ")
		}
		if err != nil {
			return err
		}
		if i < len(fields)-1 {
			bw.WriteByte(',')
		}
		bw.WriteByte('\n')
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

// writeArray writes items as an indented JSON array at the second level of the document:
// each as app holds it after appendItem, or, when appendItem reports that it could not write
// it, as enc writes it.
func writeArray[T any](bw *bufio.Writer, enc *indentEncoder, items []T, appendItem func(*T) bool, app *jsonAppender) error {
	switch {
	case items == nil:
		bw.WriteString("null")
		return nil
	case len(items) == 0:
		bw.WriteString("[]")
		return nil
	}
	bw.WriteByte('[')
	for i := range items {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		if appendItem(&items[i]) {
			bw.Write(app.b)
			continue
		}
		if err := enc.encode(&items[i], "    "); err != nil {
			return err
		}
	}
	bw.WriteString("\n  ]")
	return nil
}

// indentEncoder encodes one value at a time, indented as part of a larger document.
type indentEncoder struct {
	w   io.Writer
	buf bytes.Buffer
}

func newIndentEncoder(w io.Writer) *indentEncoder { return &indentEncoder{w: w} }

// encode writes v indented by two spaces a level, its lines after the first starting with
// prefix, without the newline json.Encoder ends a value with.
func (e *indentEncoder) encode(v any, prefix string) error {
	e.buf.Reset()
	enc := json.NewEncoder(&e.buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := e.w.Write(bytes.TrimSuffix(e.buf.Bytes(), []byte("\n")))
	return err
}

// WriteIndented writes v as one JSON document indented by two spaces a level, without HTML
// escaping, as every JSON report of dedupe is written: those of passages, check and compare,
// which are built whole (scan's, which is streamed, is WriteJSON's).
func WriteIndented(w io.Writer, v any) error {
	enc := newLineEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// WriteLines writes each item as one JSON object per line, without HTML escaping: the JSON
// lines form of outputs with one kind of record (dedupe passages).
func WriteLines[T any](w io.Writer, items []T) error {
	enc := newLineEncoder(w)
	for i := range items {
		if err := enc.Encode(&items[i]); err != nil {
			return err
		}
	}
	return nil
}

// Closest returns the pair of c that holds path with the highest score, and the other member
// of that pair: the one path is the closest copy of, as the JSON's pairs say. Of pairs with
// equal scores, the one with the representative wins, then the first. ok is false when no
// pair holds path, as for a cluster of one.
func (c *Cluster) Closest(path string) (p Pair, other string, ok bool) {
	for _, q := range c.Pairs {
		o := q.B
		switch path {
		case q.A:
		case q.B:
			o = q.A
		default:
			continue
		}
		if !ok || q.Score > p.Score || q.Score == p.Score && o == c.Representative && other != c.Representative {
			p, other, ok = q, o, true
		}
	}
	return p, other, ok
}

// SourceEncoding returns the encoding of an input as a report names it: "" for plain UTF-8,
// the common case, which is left out; else enc.
func SourceEncoding(enc string) string {
	if enc == "utf-8" {
		return ""
	}
	return enc
}

// FormatDate returns t as a member's date is written: RFC 3339 in UTC, to the second; "" for
// the zero time, a document without a date.
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// ShortDate shortens a member's date (RFC 3339) for people, as the text and HTML reports show
// it: the day, and the time of day in UTC when it is not midnight. Any other string, "" among
// them, is returned as it is.
func ShortDate(date string) string {
	t, err := time.Parse(time.RFC3339, date)
	switch {
	case err != nil:
		return date
	case t.UTC().Truncate(24 * time.Hour).Equal(t):
		return t.UTC().Format(time.DateOnly)
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}
