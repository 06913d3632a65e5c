package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/input"
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
		b, err := os.ReadFile(f.Name())
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
}

// TestScanProgress checks that the bar is drawn on stderr only when it is a terminal and the
// user did not ask for quiet, that the summary line follows it, and that stdout is the same.
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
	var want string
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			errOut, written := stderrFile(t)
			args := append(append([]string{"scan"}, tt.args...), "../../testdata/seeds")
			if code := run(args, streams{In: strings.NewReader(""), Out: &out, Err: errOut, ErrTTY: tt.tty}); code != exitOK {
				t.Fatalf("dedupe %q: exit %d, stderr:\n%s", args, code, written())
			}
			stderr := written()
			// How far the reading bar got before the five seeds were read depends on timing: only
			// its name is certain.
			if got := strings.Contains(stderr, "reading") && strings.Contains(stderr, "verifying (5 documents)"); got != tt.bar {
				t.Errorf("stderr shows the bar's stages: %v; want %v; stderr:\n%q", got, tt.bar, stderr)
			}
			if got := strings.Contains(stderr, "\r"); got != tt.bar {
				t.Errorf("stderr redraws a line: %v; want %v", got, tt.bar)
			}
			lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
			// The bar clears its line with a carriage return, and the summary is written over it.
			last := lines[len(lines)-1]
			last = last[strings.LastIndex(last, "\r")+1:]
			if got := strings.HasPrefix(last, summary); got != tt.summary {
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

// TestMeasureInput checks that the size of the inputs reaches the bar, which then shows a
// percentage, and that standard input leaves a spinner.
func TestMeasureInput(t *testing.T) {
	tests := []struct {
		paths   []string
		percent bool
	}{
		{[]string{"../../testdata/seeds"}, true},
		{[]string{"-", "../../testdata/seeds"}, false},
		{[]string{"nonexistent"}, false},
	}
	for _, tt := range tests {
		errOut, stderr := stderrFile(t)
		p := ui.NewProgress(errOut, true)
		// Nothing was drawn yet, so the bar draws the new total at once.
		measureInput(context.Background(), tt.paths, input.Options{}, p)
		p.Done()
		if got := strings.Contains(stderr(), "%"); got != tt.percent {
			t.Errorf("measureInput(%q): bar shows a percentage: %v; want %v; output %q", tt.paths, got, tt.percent, stderr())
		}
	}
}

// TestScanTextStdinCopy checks the text report of a scan where standard input is a
// byte-identical copy of a seed: both show "exact", naming each other, as the JSON pairs do,
// and not their rewrite relation to the representative. The small-corpus note is on stderr
// only with -v: on six documents it changes nothing.
func TestScanTextStdinCopy(t *testing.T) {
	const copied = "../../testdata/seeds/002_c22d86bcb2118a91.txt"
	text, err := os.ReadFile(copied)
	if err != nil {
		t.Fatal(err)
	}
	const note = "note: 6 documents are too few for boilerplate frequencies; only sentences in 10 or more documents count as boilerplate\n"
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
	const note = "note: 12 documents are too few for boilerplate frequencies; only sentences in 10 or more documents count as boilerplate\n"
	if code != exitOK || !strings.Contains(errOut, note) {
		t.Errorf("scan: exit %d, stderr:\n%s\nwant exit 0 and %q", code, errOut, note)
	}
}
