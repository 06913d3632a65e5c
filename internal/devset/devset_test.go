package devset_test

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/devset"
)

// TestReadSets reads the four labelled chronam-1916 sets of testdata: every pair is labelled
// and both its articles are there.
func TestReadSets(t *testing.T) {
	for _, tc := range []struct {
		dir   string
		pairs int // labelled pairs but the SKIPped
	}{
		{"../../testdata/chronam", 472},
		{"../../testdata/chronam-holdout", 158},
		{"../../testdata/chronam-sample", 120},
		{"../../testdata/chronam-sample2", 120},
	} {
		pairs, err := devset.Read(tc.dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(pairs) != tc.pairs {
			t.Errorf("%s: %d pairs, want %d", tc.dir, len(pairs), tc.pairs)
		}
		for _, p := range pairs {
			for _, path := range []string{p.A, p.B} {
				if _, err := os.Stat(path); err != nil {
					t.Errorf("%s: pair %s: %v", tc.dir, p.ID, err)
				}
			}
		}
	}
}

// TestReadCourt reads testdata/court: 62 newspaper stories, each with its wire story, 24
// wholly derived (COPY), 21 partially (PARTIAL) and 17 independent (NOT), all there.
func TestReadCourt(t *testing.T) {
	pairs, err := devset.Court("../../testdata/court")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, p := range pairs {
		got[p.Label]++
		if p.Pool != "court" || filepath.Base(p.B) != p.ID || filepath.Base(p.A)[:2] != p.ID[:2] {
			t.Errorf("pair %+v: want pool court, B the story named by ID, A the wire story of its event", p)
		}
		for _, path := range []string{p.A, p.B} {
			if _, err := os.Stat(path); err != nil {
				t.Errorf("pair %s: %v", p.ID, err)
			}
		}
	}
	if want := map[string]int{"COPY": 24, "PARTIAL": 21, "NOT": 17}; !maps.Equal(got, want) {
		t.Errorf("labels %v, want %v", got, want)
	}
}

// TestReadRejects: a pair without a label, or with a label the rules do not have, is an error
// naming the pair, not a pair left out.
func TestReadRejects(t *testing.T) {
	for _, tc := range []struct {
		name, labels, want string
	}{
		{"unlabelled", "id\tlabel\tnote\nx1\tCOPY\t\n", `pair "x2" has no label`},
		{"unknown label", "id\tlabel\tnote\nx1\tCOPY\t\nx2\tDUPE\t\n", `pair "x2": label "DUPE" is none of`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, filepath.Join(dir, "pairs.tsv"), "id\tpool\ta_path\tb_path\nx1\ta\t1.txt\t2.txt\nx2\ta\t1.txt\t3.txt\n")
			write(t, filepath.Join(dir, "labels.tsv"), tc.labels)
			_, err := devset.Read(dir)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Read: %v; want an error containing %q", err, tc.want)
			}
		})
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
