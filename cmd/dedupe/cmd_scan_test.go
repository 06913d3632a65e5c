package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/testfs"
	"github.com/dedupe-dev/dedupe/internal/ui"
)

// stderrFile returns a file for the progress bar to draw on, safe for its goroutines, and a
// function that returns what was written to it.
func stderrFile(t *testing.T) (*os.File, func() string) {
	t.Helper()
	f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, func() string {
		b := testfs.ReadFile(t, f.Name())
		return string(b)
	}
}

// redraw is what mpb writes to draw over its last line: the cursor up one line, and the screen
// cleared below it.
const redraw = "\x1b[1A\x1b[J"

// progressLine matches a progress line: a stage, the share done, the bar and the counts, or
// the bytes and documents read while their total is not known.
var progressLine = regexp.MustCompile(`^(reading|counting boilerplate|removing boilerplate|counting shingles|signing|` +
	`grouping candidates|anchoring|verifying|counting words|counting n-grams|indexing n-grams|aligning|grouping passages) ( *[0-9]+% \[[=> ]*\] [0-9,.]+ (k?B )?of [0-9,.]+ [a-zA-Z ,0-9]+|` +
	`[0-9.]+ k?B, [0-9]+ documents? · [0-9]+s so far)( · [0-9hms]+ left)?$`)

// TestScanProgress checks that the bar of scan and of passages is drawn on stderr only when
// it is a terminal and the user did not ask for quiet, that the summary line follows it, and
// that stdout is the same.
func TestScanProgress(t *testing.T) {
	const summary = "dedupe: 5 documents ("
	tests := []struct {
		name    string
		args    []string
		tty     bool
		bar     bool // stderr shows the bar
		summary bool // stderr ends with the summary
	}{
		{"terminal", nil, true, true, true},
		{"pipe", nil, false, false, true},
		{"quiet terminal", []string{"--quiet"}, true, false, false},
	}
	for _, command := range []string{"scan", "passages"} {
		var want string
		for _, tt := range tests {
			t.Run(command+" "+tt.name, func(t *testing.T) {
				args := append(append([]string{command}, tt.args...), "../../testdata/seeds")
				var out bytes.Buffer
				errOut, written := stderrFile(t)
				if code := run(args, streams{In: strings.NewReader(""), Out: &out, Err: errOut, ErrTTY: tt.tty}); code != exitOK {
					t.Fatalf("dedupe %q: exit %d, stderr:\n%s", args, code, written())
				}
				stderr := written()
				// mpb draws every frame but the first after moving the cursor up over the last one,
				// and at the end moves it up once more and clears the line: the summary follows.
				frames := strings.Split(stderr, redraw)
				if got := len(frames) > 2; got != tt.bar {
					t.Errorf("stderr redraws a line: %v; want %v; stderr:\n%q", got, tt.bar, stderr)
				}
				// Which stages are drawn depends on how fast the five seeds go through them: each
				// frame is one line of a stage, no wider than 80 columns (stderr's width unknown).
				for _, f := range frames[:len(frames)-1] {
					line, ok := strings.CutSuffix(f, "\n")
					if !ok || !progressLine.MatchString(line) || len(line) > 80 {
						t.Errorf("frame %q; want one line of a stage, at most 80 columns", f)
					}
				}
				if got := strings.HasPrefix(frames[len(frames)-1], summary); got != tt.summary {
					t.Errorf("stderr ends with the summary: %v; want %v; stderr:\n%q", got, tt.summary, stderr)
				}
				if want == "" {
					want = out.String()
				} else if out.String() != want {
					t.Errorf("stdout differs from the first run's")
				}
			})
		}
	}
}

// TestScanVerboseStages checks that scan -v times each stage, clustering and writing the
// report apart from verifying, and that passages -v times its own.
func TestScanVerboseStages(t *testing.T) {
	for _, tt := range []struct {
		command string
		want    []string
	}{
		{"scan", []string{"reading", "counting words", "signing", "grouping candidates", "anchoring", "verifying", "reporting"}},
		{"passages", []string{"reading", "counting n-grams", "indexing n-grams", "aligning", "grouping passages"}},
	} {
		var out, errOut bytes.Buffer
		args := []string{tt.command, "-v", "../../testdata/seeds"}
		if code := run(args, streams{In: strings.NewReader(""), Out: &out, Err: &errOut}); code != exitOK {
			t.Fatalf("dedupe %q: exit %d, stderr:\n%s", args, code, errOut.String())
		}
		stages := regexp.MustCompile(`(?m)^stages: (.*)$`).FindStringSubmatch(errOut.String())
		if stages == nil {
			t.Fatalf("no stages in the stderr of %s:\n%s", tt.command, errOut.String())
		}
		var names []string
		for _, st := range strings.Split(stages[1], ", ") {
			names = append(names, st[:strings.LastIndexByte(st, ' ')])
		}
		if !slices.Equal(names, tt.want) {
			t.Errorf("%s stages %q; want %q", tt.command, names, tt.want)
		}
	}
}

// TestMeasureInput checks that the size of the inputs reaches the progress line, which then
// shows the share read from byte 0, and that standard input or an error leaves the bytes read
// alone.
func TestMeasureInput(t *testing.T) {
	const (
		share = "reading   0% [                            ] 0 B of 21.6 kB, 0 documents\n"
		bytes = "reading 0 B, 0 documents · 0s so far\n"
	)
	tests := []struct {
		paths []string
		want  string
	}{
		{[]string{"../../testdata/seeds"}, share},
		{[]string{"-", "../../testdata/seeds"}, bytes},
		{[]string{"nonexistent"}, bytes},
	}
	for _, tt := range tests {
		errOut, stderr := stderrFile(t)
		p := ui.NewProgress(errOut, true)
		measureInput(context.Background(), tt.paths, input.Options{}, p)
		p.Done() // draws the last frame, then clears it
		frames := strings.Split(stderr(), redraw)
		if got := frames[len(frames)-2]; got != tt.want {
			t.Errorf("measureInput(%q): last line %q; want %q", tt.paths, got, tt.want)
		}
	}
}

// TestIndexAddProgress checks that a skipped input index add reports while reading comes as a
// whole line above the progress line, not within it, and that a reading line that knows the
// inputs' size shows it as a percentage. Whether a frame knows the size is a race: the size is
// measured on a goroutine beside an add of 6 documents that takes a few milliseconds, and on a
// loaded machine every frame can come first; TestMeasureInput checks the measuring itself.
func TestIndexAddProgress(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../testdata/seeds")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "short.txt"), []byte("Too short to index."), 0o644); err != nil {
		t.Fatal(err)
	}
	errOut, written := stderrFile(t)
	args := []string{"index", "add", "--db", filepath.Join(t.TempDir(), "ix.db"), dir}
	if code := run(args, streams{In: strings.NewReader(""), Out: io.Discard, Err: errOut, ErrTTY: true}); code != exitOK {
		t.Fatalf("dedupe %q: exit %d, stderr:\n%s", args, code, written())
	}
	stderr := written()
	skipped := fmt.Sprintf("skipped \"%s\": too short: 4 words, --min-words is 30\n", filepath.Join(dir, "short.txt"))
	above := false
	for _, f := range strings.Split(stderr, redraw) {
		// A frame is the lines written above the progress line, if any, then the line.
		line := f[strings.LastIndex(strings.TrimSuffix(f, "\n"), "\n")+1:]
		above = above || strings.HasPrefix(f, skipped) && progressLine.MatchString(strings.TrimSuffix(line, "\n"))
		if strings.HasPrefix(line, "reading ") && strings.Contains(line, " of ") && !strings.Contains(line, "% [") {
			t.Errorf("reading line knows the size but shows no share: %q", line)
		}
	}
	if !above {
		t.Errorf("no skipped line above the progress line; stderr:\n%q", stderr)
	}
}

// TestScanTextStdinCopy checks the text report of a scan where standard input is a
// byte-identical copy of a seed: both show "exact", naming each other, as the JSON pairs do,
// and not their rewrite relation to the representative. The small-corpus note is on stderr
// only with -v: on six documents it changes nothing.
func TestScanTextStdinCopy(t *testing.T) {
	const copied = "../../testdata/seeds/002_c22d86bcb2118a91.txt"
	text := testfs.ReadFile(t, copied)
	const note = "note: 6 documents are too few for boilerplate frequencies; only sentences in 10 or more documents (or 5 of one site's) count as boilerplate\n"
	for _, verbose := range []bool{false, true} {
		args := []string{"scan", "--format", "text", "-", "../../testdata/seeds"}
		if verbose {
			args = append(args, "-v")
		}
		var out, errOut bytes.Buffer
		if code := run(args, streams{In: bytes.NewReader(text), Out: &out, Err: &errOut}); code != exitOK {
			t.Fatalf("dedupe %q: exit %d, stderr:\n%s", args, code, errOut.String())
		}
		lines := strings.Split(out.String(), "\n")
		want := []string{
			"6 documents scanned, 0 skipped: 4 in 1 cluster (15 candidate pairs, 6 verified)",
			"",
			"cluster 1: 4 documents, representative ../../testdata/seeds/000_92edbd9511bc3411.txt (the member the others align to)",
			"  ../../testdata/seeds/000_92edbd9511bc3411.txt  624 words  representative",
			"  -                                              638 words  exact    score 1.00  jaccard 1.00  of " + copied,
			"  ../../testdata/seeds/001_d7e9e624c01eeb52.txt  673 words  rewrite  score 0.97  jaccard 0.23",
			"  " + copied + "  638 words  exact    score 1.00  jaccard 1.00  of -",
			"",
		}
		if got := strings.Join(lines, "\n"); got != strings.Join(want, "\n") {
			t.Errorf("dedupe %q printed\n%s\nwant\n%s", args, got, strings.Join(want, "\n"))
		}
		if got := strings.Contains(errOut.String(), note); got != verbose {
			t.Errorf("dedupe %q: stderr has the small-corpus note: %v; want %v; stderr:\n%s", args, got, verbose, errOut.String())
		}
	}
}

// TestScanSmallCorpusNote checks that the small-corpus note is printed without -v when the
// floor of --boilerplate-min-docs decided what was dropped: twelve articles that share a
// footer, which is then boilerplate.
func TestScanSmallCorpusNote(t *testing.T) {
	dir := t.TempDir()
	writeArticles(t, dir, 12)
	for i := range 12 {
		f, err := os.OpenFile(filepath.Join(dir, fmt.Sprintf("%05d.txt", i)), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(f, "Send your news tips to the newsroom by phone or by mail any day of the week.")
		f.Close()
	}
	code, _, errOut := dedupe(t, "scan", dir)
	const note = "note: 12 documents are too few for boilerplate frequencies; only sentences in 10 or more documents (or 5 of one site's) count as boilerplate\n"
	if code != exitOK || !strings.Contains(errOut, note) {
		t.Errorf("scan: exit %d, stderr:\n%s\nwant exit 0 and %q", code, errOut, note)
	}
}

// TestBoundedWarningsCounted: a scan prints the first boundedShown warnings about alignments
// bounded on repeated text and counts the others in one line, saying whether the report lists
// them; -v prints them all; the JSON report lists them all either way.
func TestBoundedWarningsCounted(t *testing.T) {
	dir := t.TempDir()
	// Three versions of one article, each repeated 300 times: every pair is bounded, the first
	// document's two pairs make one warning and the third pair another (scan.boundedWarnings).
	for name, seed := range map[string]string{"a.txt": seedOriginal, "b.txt": seedParaphrase, "c.txt": seedSpun} {
		text := testfs.ReadFile(t, seed)
		if err := os.WriteFile(filepath.Join(dir, name), bytes.Repeat(append(text, "\n\n"...), 300), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	defer func(n int) { boundedShown = n }(boundedShown)
	boundedShown = 1
	const repeated = "repeated text: the alignment"
	for _, tt := range []struct {
		args    []string
		printed int    // warnings about bounded alignments printed on stderr
		more    string // the line that counts the others, "" for none
	}{
		{[]string{"scan", dir}, 1, `warning: 1 more document with alignments bounded on repeated text (listed under "warnings" in the report; -v prints every one)`},
		{[]string{"scan", "--format", "csv", dir}, 1, "warning: 1 more document with alignments bounded on repeated text (-v prints every one)"},
		{[]string{"scan", "-v", dir}, 2, ""},
	} {
		code, out, errOut := dedupe(t, tt.args...)
		if code != exitOK {
			t.Fatalf("%v: exit %d\n%s", tt.args, code, errOut)
		}
		if n := strings.Count(errOut, repeated); n != tt.printed {
			t.Errorf("%v: %d warnings about bounded alignments on stderr; want %d:\n%s", tt.args, n, tt.printed, errOut)
		}
		if got := strings.Contains(errOut, "bounded on repeated text ("); tt.more == "" && got || tt.more != "" && !strings.Contains(errOut, tt.more+"\n") {
			t.Errorf("%v: stderr\n%s\nwant the line %q", tt.args, errOut, tt.more)
		}
		if tt.args[1] != "--format" {
			var rep report.Report
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(fmt.Sprint(rep.Warnings), repeated); n != 2 {
				t.Errorf("%v: the report lists %d warnings about bounded alignments; want 2: %+v", tt.args, n, rep.Warnings)
			}
		}
	}
}

// TestSummaryWidth: the summary of a scan says one thing a line, each within 100 columns with
// the figures of the AP-style archive under the strict decision; on one line it ran to 190.
func TestSummaryWidth(t *testing.T) {
	median := report.Ratio(0)
	rep := &report.Report{Stats: report.Stats{Documents: 7983, Skipped: 87, CandidatePairs: 60057, VerifiedPairs: 1286,
		Clusters: 264, Decision: "strict", GarbleMedian: &median, GarbleDocuments: 7948}}
	opts := scan.DefaultOptions()
	var b strings.Builder
	printSummary(&b, rep, &scan.Result{}, &opts, ui.NewProgress(io.Discard, false), false, true)
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	want := []string{
		"dedupe: 7,983 documents (0 B) in 0s, 87 skipped",
		"dedupe: 60,057 candidate pairs, 1,286 verified; 264 clusters",
		"dedupe: strict decision (median garble share 0 across 7,948 documents in English)",
		"note: --decision standard also finds heavy rewrites and partial copies",
	}
	for i, line := range lines {
		if len(line) > 100 {
			t.Errorf("line %d is %d columns wide: %q", i+1, len(line), line)
		}
		// The time is measured, whatever it is: read as 0s.
		if i == 0 {
			line = regexp.MustCompile(` in [^,]+,`).ReplaceAllString(line, " in 0s,")
		}
		if i >= len(want) || line != want[i] {
			t.Errorf("line %d = %q; want %q", i+1, line, want[min(i, len(want)-1)])
		}
	}
	if len(lines) != len(want) {
		t.Errorf("%d lines; want %d:\n%s", len(lines), len(want), b.String())
	}
}
