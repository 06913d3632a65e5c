package main

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestPassagesCommand(t *testing.T) {
	seeds := "../../testdata/seeds"
	code, out, errOut := dedupe(t, "passages", "--format", "jsonl", seeds)
	if code != exitOK {
		t.Fatalf("passages: exit %d, stderr %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var first struct {
		Size           int
		Representative struct{ Path string }
		Occurrences    []struct {
			Path       string
			Start, End int
		}
	}
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, oc := range first.Occurrences {
		paths = append(paths, oc.Path)
	}
	// The rewrites of the seeds keep long stretches of the original's wording in order.
	want := []string{seeds + "/000_92edbd9511bc3411.txt", seeds + "/001_d7e9e624c01eeb52.txt", seeds + "/002_c22d86bcb2118a91.txt"}
	if len(lines) != 3 || first.Size != 3 || !reflect.DeepEqual(paths, want) {
		t.Errorf("passages --format jsonl: %d lines, first %+v; want 3, the first in %q", len(lines), first, want)
	}

	code, out, _ = dedupe(t, "passages", "-q", "--format", "text", seeds)
	if head, _, _ := strings.Cut(out, "\n"); code != exitOK || head != "5 documents searched, 0 skipped: 3 reprinted passages with 8 occurrences (6 matches between two documents, 0 within one series left out)" {
		t.Errorf("passages --format text: exit %d, first line %q", code, head)
	}

	file := filepath.Join(t.TempDir(), "reprints.html")
	_, page := runHTML(t, nil, file, "passages", "-q", "--html", file, seeds)
	if !strings.Contains(page, "<title>dedupe passages: 3 reprinted in 5 documents</title>") {
		t.Errorf("passages --html: the page lacks its title")
	}

	code, _, errOut = dedupe(t, "passages", "--series", "([", seeds)
	if code != exitError || !strings.Contains(errOut, "invalid --series") {
		t.Errorf("passages --series '([': exit %d, stderr %q; want 2 and the flag named", code, errOut)
	}
}
