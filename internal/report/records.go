package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
)

// Record types: the "type" that begins every line of the JSON lines format.
const (
	RecordCluster = "cluster" // a Cluster
	RecordLink    = "link"    // a Pair of Links
	RecordSkipped = "skipped" // a Skip
	RecordWarning = "warning" // a Warning
	RecordStats   = "stats"   // the rest of the Report, last
)

// The lines of JSON lines but the last: the type, then the fields of what each holds.
type (
	clusterRecord struct {
		Type string `json:"type"`
		*Cluster
	}
	linkRecord struct {
		Type string `json:"type"`
		*Pair
	}
	skipRecord struct {
		Type string `json:"type"`
		*Skip
	}
	warningRecord struct {
		Type string `json:"type"`
		*Warning
	}
)

// statsRecord is the last line of JSON lines: the Report but its lists.
type statsRecord struct {
	Type    string   `json:"type"`
	Version int      `json:"version"`
	Root    string   `json:"root"`
	Inputs  []string `json:"inputs"`
	Params  Params   `json:"params"`
	Stats   Stats    `json:"stats"`
}

// WriteJSONL writes rep as JSON lines, for pipes: every cluster, link, skipped input and
// warning on a line of its own, in the order of the JSON report, each object beginning with
// its "type" (RecordCluster...) followed by the fields it has in the JSON report, then one
// RecordStats line with the report's version, root, inputs, params and stats.
func WriteJSONL(w io.Writer, rep *Report) error {
	enc := newLineEncoder(w)
	var app jsonAppender
	for i := range rep.Clusters {
		if err := writeClusterRecord(w, enc, &app, &rep.Clusters[i]); err != nil {
			return err
		}
	}
	for i := range rep.Links {
		app.reset(false, "")
		if app.pair(&rep.Links[i], RecordLink) {
			if _, err := w.Write(append(app.b, '\n')); err != nil {
				return err
			}
			continue
		}
		if err := enc.Encode(linkRecord{RecordLink, &rep.Links[i]}); err != nil {
			return err
		}
	}
	if err := writeProblemRecords(enc, rep.Skipped, rep.Warnings); err != nil {
		return err
	}
	return enc.Encode(statsRecord{RecordStats, rep.Version, rep.Root, rep.Inputs, rep.Params, rep.Stats})
}

// WriteProblemRecords writes a RecordSkipped line for each of skipped and a RecordWarning line
// for each of warnings, as WriteJSONL does, for the JSON lines of other reports (dedupe check).
func WriteProblemRecords(w io.Writer, skipped []Skip, warnings []Warning) error {
	return writeProblemRecords(newLineEncoder(w), skipped, warnings)
}

func writeProblemRecords(enc *json.Encoder, skipped []Skip, warnings []Warning) error {
	for i := range skipped {
		if err := enc.Encode(skipRecord{RecordSkipped, &skipped[i]}); err != nil {
			return err
		}
	}
	for i := range warnings {
		if err := enc.Encode(warningRecord{RecordWarning, &warnings[i]}); err != nil {
			return err
		}
	}
	return nil
}

// WriteClusterRecord writes c as one RecordCluster line of WriteJSONL, for writers of
// clusters alone (dedupe-beam).
func WriteClusterRecord(w io.Writer, c *Cluster) error {
	var app jsonAppender
	return writeClusterRecord(w, nil, &app, c)
}

// writeClusterRecord writes c as one RecordCluster line with app or, when app cannot write it,
// with enc (nil: a new encoder of w).
func writeClusterRecord(w io.Writer, enc *json.Encoder, app *jsonAppender, c *Cluster) error {
	app.reset(false, "")
	app.out = w
	if app.cluster(c, RecordCluster) {
		if app.err != nil {
			return app.err
		}
		_, err := w.Write(append(app.b, '\n'))
		return err
	}
	if enc == nil {
		enc = newLineEncoder(w)
	}
	return enc.Encode(clusterRecord{RecordCluster, c})
}

func newLineEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}

// PairColumns are the columns of [WritePairs]: the JSON names of the fields of Pair that hold
// one value, in the order of the JSON pair. pairFields are those fields' indexes in Pair.
var PairColumns, pairFields = pairColumns()

func pairColumns() (names []string, fields []int) {
	t := reflect.TypeFor[Pair]()
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch f.Type.Kind() {
		case reflect.String, reflect.Int, reflect.Float64, reflect.Bool:
			if name != "" && name != "-" {
				names = append(names, name)
				fields = append(fields, i)
			}
		}
	}
	return names, fields
}

// WritePairs writes every verified pair of rep as a table, one row per pair under a header
// row of PairColumns, with encoding/csv and comma as the separator (',' for CSV, '\t' for
// TSV): the pairs of each cluster, in cluster order, then the links. A pair in a cluster
// has that cluster's id as cluster_a and cluster_b; a link has its own (0: alone). Ratios are
// written as in JSON.
func WritePairs(w io.Writer, rep *Report, comma rune) error {
	cw := csv.NewWriter(w)
	cw.Comma = comma
	if err := cw.Write(PairColumns); err != nil {
		return err
	}
	row := make([]string, len(PairColumns))
	write := func(p Pair) error {
		v := reflect.ValueOf(p)
		for i, f := range pairFields {
			cell, err := csvCell(v.Field(f))
			if err != nil {
				return fmt.Errorf("pair %s ~ %s: %w", p.A, p.B, err)
			}
			row[i] = cell
		}
		return cw.Write(row)
	}
	for _, c := range rep.Clusters {
		for _, p := range c.Pairs {
			p.ClusterA, p.ClusterB = c.ID, c.ID
			if err := write(p); err != nil {
				return err
			}
		}
	}
	for _, p := range rep.Links {
		if err := write(p); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvCell returns the value v of a field of PairColumns as a cell: a Ratio as in JSON, other
// values in Go's decimal form.
func csvCell(v reflect.Value) (string, error) {
	if m, ok := v.Interface().(json.Marshaler); ok {
		b, err := m.MarshalJSON()
		return string(b), err
	}
	switch v.Kind() {
	case reflect.String:
		return v.String(), nil
	case reflect.Int:
		return strconv.FormatInt(v.Int(), 10), nil
	case reflect.Bool:
		return strconv.FormatBool(v.Bool()), nil
	}
	return strconv.FormatFloat(v.Float(), 'f', -1, 64), nil
}
