package main

import (
	"bytes"
	"context"
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
			if got := strings.HasPrefix(lines[len(lines)-1], summary); got != tt.summary {
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
