package main

import (
	"flag"
	"fmt"
	"reflect"
	"strconv"
	"testing"

	"github.com/dedupe-dev/dedupe/beam/beamscan"
	"github.com/dedupe-dev/dedupe/internal/param"
	"github.com/dedupe-dev/dedupe/internal/passages"
	"github.com/dedupe-dev/dedupe/internal/scan"
)

// TestFlags checks that every setting of scan.Specs is a flag of dedupe-beam with dedupe
// scan's help and default, that none collides with a flag the Beam SDK registers on the
// command line (flag would panic at start), and that the flags, each given a value of its
// own, set every setting; and that --language still sets the language.
func TestFlags(t *testing.T) {
	cfg := beamscan.Config{Options: scan.DefaultOptions()}
	fs := flag.NewFlagSet("dedupe-beam", flag.ContinueOnError)
	addFlags(fs, &cfg)
	checkSpecFlags(t, fs, scan.Specs, &cfg.Options, func(i int) string { return strconv.Itoa(100 + i) })
	if err := fs.Parse([]string{"--language", "french"}); err != nil || cfg.Options.Language != "french" {
		t.Errorf("deprecated --language french: language %q, %v", cfg.Options.Language, err)
	}
}

// TestPassagesFlags checks that every setting of passages.Specs is a flag of dedupe-beam
// passages with dedupe passages' help and default, none a flag of the Beam SDK, and that the
// flags set the settings.
func TestPassagesFlags(t *testing.T) {
	cfg := beamscan.PassagesConfig{Options: passages.DefaultOptions()}
	fs := flag.NewFlagSet("dedupe-beam passages", flag.ContinueOnError)
	addPassagesFlags(fs, &cfg)
	// 0 or 1 fits every setting's type.
	checkSpecFlags(t, fs, passages.Specs, &cfg.Options, func(i int) string { return strconv.Itoa(i % 2) })
}

// checkSpecFlags checks that every setting of specs is a flag of fs with its help and default,
// none a flag of the Beam SDK (flag would panic at start), and that the flags, the i-th given
// value(i), set every setting of *opts, which fs's flags write to.
func checkSpecFlags[O any](t *testing.T, fs *flag.FlagSet, specs param.Table, opts *O, value func(i int) string) {
	t.Helper()
	want := *opts
	var args []string
	for i, s := range specs {
		if flag.CommandLine.Lookup(s.Flag) != nil {
			t.Errorf("--%s is also a flag of the Beam SDK", s.Flag)
		}
		if f := fs.Lookup(s.Flag); f == nil || f.Usage != s.Help || f.DefValue != fmt.Sprint(s.Default) {
			t.Errorf("%s: flag %+v; want --%s, default %v, usage %q", s.Field, f, s.Flag, s.Default, s.Help)
		}
		v := value(i)
		if err := s.SetText(&want, v); err != nil {
			t.Fatal(err)
		}
		args = append(args, "--"+s.Flag+"="+v)
	}
	if err := fs.Parse(args); err != nil || !reflect.DeepEqual(*opts, want) {
		t.Errorf("%q: %v\noptions %+v\nwant    %+v", args, err, *opts, want)
	}
}
