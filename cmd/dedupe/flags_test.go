package main

import (
	"fmt"
	"testing"

	"github.com/spf13/pflag"

	"github.com/dedupe-dev/dedupe/internal/scan"
)

// TestPipelineFlags checks that every setting of scan.Specs has its flag, with its help and
// default, and that the flag sets the spec's field of the options.
func TestPipelineFlags(t *testing.T) {
	for _, s := range scan.Specs {
		var o PipelineOptions
		fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
		o.AddFlags(fs)
		f := fs.Lookup(s.Flag)
		if f == nil {
			t.Errorf("%s: no flag --%s", s.Field, s.Flag)
			continue
		}
		if f.Usage != s.Help || f.DefValue != fmt.Sprint(s.Default) {
			t.Errorf("--%s: usage %q, default %s; want %q, %v", s.Flag, f.Usage, f.DefValue, s.Help, s.Default)
		}
		value := map[string]string{"int": "7", "uint64": "7", "float64": "0.77", "string": "dutch"}[f.Value.Type()]
		if err := fs.Parse([]string{"--" + s.Flag, value}); err != nil {
			t.Fatalf("--%s %s: %v", s.Flag, value, err)
		}
		if got := fmt.Sprint(s.Get(&o.Options)); got != value {
			t.Errorf("--%s %s sets %s to %s", s.Flag, value, s.Field, got)
		}
	}
}
