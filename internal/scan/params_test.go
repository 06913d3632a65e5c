package scan_test

import (
	"flag"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// TestSpecs checks that Specs describes every setting of Options (all but Input, which says
// what to read and how), each once, with a default of the field's type in
// its range, and that DefaultOptions gives those defaults.
func TestSpecs(t *testing.T) {
	if err := scan.Specs.Check(reflect.TypeFor[scan.Options](), "Input"); err != nil {
		t.Fatal(err)
	}
	o := scan.DefaultOptions()
	for _, s := range scan.Specs {
		if got := s.Get(&o); got != s.Default {
			t.Errorf("DefaultOptions().%s = %v; Specs say %v", s.Field, got, s.Default)
		}
	}
}

// TestReportParams checks that every setting of Specs with a key is recorded in the report's
// params, in the order of Specs, with the value of its own field: each field is given a value
// no other has, so that a spec reading the wrong field fails.
func TestReportParams(t *testing.T) {
	o := scan.DefaultOptions()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	scan.Specs.AddFlags(fs, &o)
	for i, s := range scan.Specs {
		v := fmt.Sprint(i + 2)
		if _, ok := s.Default.(float64); ok {
			v = fmt.Sprintf("0.%02d", i+2)
		}
		if err := fs.Set(s.Flag, v); err != nil {
			t.Fatal(err)
		}
	}
	p := o.ReportParams(o.Threshold, o.NumPerm, o.Bands, o.Rows, scan.Specs)
	var keys []string
	for _, s := range scan.Specs {
		if s.Key == "" {
			continue
		}
		keys = append(keys, s.Key)
		if got, want := p.Get(s.Key), s.Get(&o); got != want {
			t.Errorf("params[%q] = %v; want %v, the value of %s", s.Key, got, want, s.Field)
		}
	}
	var got []string
	for _, kv := range p {
		got = append(got, kv.Key)
	}
	if want := append(keys, "normalizer_version"); !reflect.DeepEqual(got, want) {
		t.Errorf("params keys %q; want %q", got, want)
	}
}

// TestParametersDoc checks that docs/parameters.md is the table that Specs gives; run
// go test ./internal/scan -run TestParametersDoc -update to rewrite it after changing Specs.
func TestParametersDoc(t *testing.T) {
	const file = "../../docs/parameters.md"
	var b strings.Builder
	b.WriteString(`# Parameters

<!-- Generated from scan.Specs (internal/scan and internal/verify) and input.Specs by TestParametersDoc in
internal/scan/params_test.go; do not edit. After changing a table, run
go test ./internal/scan -run TestParametersDoc -update -->

Every setting of the detector, as a flag of ` + "`dedupe scan`" + ` and of ` + "`dedupe-beam`" + ` (see
[beam/README.md](../beam/README.md)); ` + "`compare`, `check` and `index add`" + ` have the flags of the settings they use
(` + "`dedupe help <command>`" + `). The settings with a JSON key are recorded in the
` + "`params`" + ` object of the JSON output, in this order and followed by ` + "`normalizer_version`" + `, and listed
in the HTML report. An index records the settings that decide its band keys when it is created,
under the same keys (` + "`" + strings.Join(scan.IndexSpecs.Keys(), "`, `") + "`" + `; see
[format.md](format.md)); later commands take them from the index.

`)
	b.WriteString(scan.Specs.Markdown())
	b.WriteString(`
## Input

How documents are read, from input.Specs (internal/input): flags of every command that reads
documents (` + "`scan`, `check`, `index add`, `compare`, `passages`" + `) and of ` + "`dedupe-beam`" + `, none
recorded with a result. See [limits.md](limits.md) for what each limit does to an input.

`)
	b.WriteString(input.Specs.Markdown())
	if *update {
		if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := testfs.ReadFile(t, file)
	if string(got) != b.String() {
		t.Errorf("%s is stale: run go test ./internal/scan -run TestParametersDoc -update", file)
	}
}
