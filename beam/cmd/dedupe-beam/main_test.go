package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/dedupe-dev/dedupe/beam/beamscan"
	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/param"
	"github.com/dedupe-dev/dedupe/internal/passages"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// TestMain initialises Beam, which prism's in-process workers need.
func TestMain(m *testing.M) { ptest.Main(m) }

// TestSummary runs both modes on prism and checks the line each prints, with the stats of
// "dedupe scan --format json ." inside testdata/seeds and of "dedupe passages --series
// '([^/]+)-ed-' --max-bytes 30000 --format json 19160106" inside testdata/passages/pages (the
// 124 pages of 6 January 1916, 16 of them longer than 30,000 bytes, truncated there with a
// warning each): the counters are exact (see beamscan's counters.go), and dedupe-beam cuts
// documents where dedupe does.
func TestSummary(t *testing.T) {
	if testing.Short() {
		t.Skip("runs two pipelines: skipped with -short")
	}
	testdata := testfs.Abs(t, "../../../testdata")
	ctx := context.Background()
	var log bytes.Buffer
	cfg := beamscan.Config{Options: scan.DefaultOptions(), Inputs: []string{filepath.Join(testdata, "seeds", "*.txt")}, Output: filepath.Join(t.TempDir(), "clusters.jsonl")}
	if code := run(ctx, cfg, &log); code != 0 {
		t.Fatalf("run: exit status %d, %s", code, log.String())
	}
	const want = "5 documents, 0 skipped, 0 with warnings: 1 cluster (10 candidate pairs, 3 verified, 0 oversized buckets, 0 boilerplate sentences); standard decision (5 of 5 documents in English clean)\n"
	if log.String() != want {
		t.Errorf("scan printed %q; want %q", log.String(), want)
	}

	// The Clough-Stevenson corpus with --strict-min-docs 100: clean text, large enough for the
	// strict decision, with 11 of its 100 files that look OCR'd, which dedupe scan warns of, and
	// so does dedupe-beam, before the line that names the decision, as "dedupe scan
	// --strict-min-docs 100" inside the folder does (17 files decoded as Windows-1252 warned).
	log.Reset()
	cfg.Inputs = []string{filepath.Join(testdata, "clough-stevenson", "corpus-20090418", "*.txt")}
	cfg.Options.Verify.StrictMinDocs = 100
	if code := run(ctx, cfg, &log); code != 0 {
		t.Fatalf("run: exit status %d, %s", code, log.String())
	}
	const wantStrict = "warning: 11 of the 100 documents in English look OCR'd (more than 3% of their words debris), the others clean: the strict decision, for clean text, may miss the copies of the OCR'd ones, which --decision standard finds\n" +
		"100 documents, 0 skipped, 17 with warnings: 8 clusters (795 candidate pairs, 159 verified, 0 oversized buckets, 1 boilerplate sentence); strict decision (73 of 100 documents in English clean)\n"
	if log.String() != wantStrict {
		t.Errorf("scan --strict-min-docs 100 printed %q; want %q", log.String(), wantStrict)
	}

	log.Reset()
	// The folder is a pattern, so that paths are shown as "19160106/..." and dated by it, as
	// dedupe passages shows them from inside pages/.
	pages := filepath.Join(testdata, "passages", "pages", "1916010[6]", "*.txt.gz")
	pcfg := beamscan.PassagesConfig{Options: passages.DefaultOptions(), Inputs: []string{pages}, Output: filepath.Join(t.TempDir(), "reprints.jsonl")}
	pcfg.Options.Series = `([^/]+)-ed-`
	pcfg.Options.Input.MaxBytes = 30000
	if code := runPassages(ctx, pcfg, &log); code != 0 {
		t.Fatalf("runPassages: exit status %d, %s", code, log.String())
	}
	const wantPassages = "124 documents, 0 skipped, 16 with warnings: 115 reprinted passages with 366 occurrences (6,992 shared n-grams, 478 matches between two documents, 9 within one series left out)\n"
	if log.String() != wantPassages {
		t.Errorf("passages printed %q; want %q", log.String(), wantPassages)
	}
}

// TestFlags checks that every setting of scan.Specs and input.Specs is a flag of dedupe-beam
// with dedupe scan's help and default, that none collides with a flag the Beam SDK registers on the
// command line (flag would panic at start), and that the flags, each given a value of its
// own, set every setting; and that --language still sets the language.
func TestFlags(t *testing.T) {
	cfg := beamscan.Config{Options: scan.DefaultOptions()}
	fs := flag.NewFlagSet("dedupe-beam", flag.ContinueOnError)
	addFlags(fs, &cfg)
	checkSpecFlags(t, fs, scanSpecs, &cfg.Options, func(i int) string { return strconv.Itoa(100 + i) })
	checkSpecFlags(t, fs, input.Specs, &cfg.Options.Input, func(i int) string { return strconv.Itoa(100 + i) })
	if err := fs.Parse([]string{"--language", "french"}); err != nil || cfg.Options.Language != "french" {
		t.Errorf("deprecated --language french: language %q, %v", cfg.Options.Language, err)
	}
}

// TestPassagesFlags checks that every setting of passages.Specs and input.Specs is a flag of
// dedupe-beam passages with dedupe passages' help and default, none a flag of the Beam SDK, and that the
// flags set the settings.
func TestPassagesFlags(t *testing.T) {
	cfg := beamscan.PassagesConfig{Options: passages.DefaultOptions()}
	fs := flag.NewFlagSet("dedupe-beam passages", flag.ContinueOnError)
	addPassagesFlags(fs, &cfg)
	// 0 or 1 fits every setting's type.
	checkSpecFlags(t, fs, passages.Specs, &cfg.Options, func(i int) string { return strconv.Itoa(i % 2) })
	checkSpecFlags(t, fs, input.Specs, &cfg.Options.Input, func(i int) string { return strconv.Itoa(i % 2) })
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

// TestArgsError: an argument that is no flag, as a shell-expanded --input pattern leaves, is an
// error naming it, not a silent stop before the flags after it.
func TestArgsError(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--input", "a.txt", "--output", "o.jsonl"}, ""},
		{[]string{"--input", "a.txt", "b.txt", "--output", "o.jsonl"}, `unexpected argument "b.txt": every input is an --input pattern (quote it, so that the shell does not expand it), and flags come before anything else`},
	} {
		fs := flag.NewFlagSet("dedupe-beam", flag.ContinueOnError)
		cfg := beamscan.Config{Options: scan.DefaultOptions()}
		addFlags(fs, &cfg)
		if err := fs.Parse(tt.args); err != nil {
			t.Fatal(err)
		}
		got := ""
		if err := argsError(fs); err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("argsError after %q = %q; want %q", tt.args, got, tt.want)
		}
	}
}
