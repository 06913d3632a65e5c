package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/dedupe-dev/dedupe/internal/param"
	"github.com/dedupe-dev/dedupe/internal/scan"
)

// TestPipelineFlags checks that every setting of scan.Specs has its flag, with its help and
// default, and that the flag sets the spec's field of the options.
func TestPipelineFlags(t *testing.T) {
	for _, s := range scan.Specs {
		var o PipelineOptions
		fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
		o.AddFlags(fs, scan.Specs, true)
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

// TestCommandFlags checks that each command's help lists the detector and input flags it
// uses and none of the others (issue 17, item 6): compare reads two named documents and
// verifies them, so it has no --include, --workers or --boilerplate-df; check and index add
// remove no boilerplate and build no clusters.
func TestCommandFlags(t *testing.T) {
	folders := []string{"include", "exclude", "files-from", "null"}
	tests := []struct {
		cmd   []string
		specs param.Table
		input bool // --include, --exclude, --files-from, -0
	}{
		{[]string{"scan"}, scanSpecs, true},
		{[]string{"compare"}, compareSpecs, false},
		{[]string{"check"}, checkSpecs, true},
		{[]string{"index", "add"}, indexAddSpecs, true},
	}
	for _, tt := range tests {
		code, help, _ := dedupe(t, append(tt.cmd, "--help")...)
		if code != exitOK {
			t.Fatalf("%s --help: exit %d", tt.cmd, code)
		}
		has := func(flag string) bool { return strings.Contains(help, "--"+flag+" ") }
		for _, s := range scan.Specs {
			if want := slices.ContainsFunc(tt.specs, func(c param.Spec) bool { return c.Field == s.Field }); has(s.Flag) != want {
				t.Errorf("%s --help lists --%s: %v; want %v", tt.cmd, s.Flag, has(s.Flag), want)
			}
		}
		for _, f := range folders {
			if has(f) != tt.input {
				t.Errorf("%s --help lists --%s: %v; want %v", tt.cmd, f, has(f), tt.input)
			}
		}
	}
	for _, want := range []string{"--include", "--workers", "--boilerplate-df", "--cluster-share", "--min-words"} {
		if code, _, errOut := dedupe(t, "compare", want, "1", "a", "b"); code != exitError || !strings.HasPrefix(errOut, "dedupe: unknown flag: "+want) {
			t.Errorf("compare %s: exit %d, %q; want an unknown flag", want, code, errOut)
		}
	}
}
