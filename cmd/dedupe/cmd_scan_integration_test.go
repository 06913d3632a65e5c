package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// scanJSON runs dedupe with args in-process and decodes its JSON report.
func scanJSON(t *testing.T, args ...string) (jsonReport, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, streams{In: strings.NewReader(""), Out: &out, Err: &errOut})
	if code != exitOK {
		t.Fatalf("dedupe %v: exit %d, stderr:\n%s", args, code, errOut.String())
	}
	var rep jsonReport
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("dedupe %v: invalid JSON: %v\n%s", args, err, out.String())
	}
	return rep, out.String()
}

// jsonReport mirrors the parts of the JSON contract the tests read.
type jsonReport struct {
	Version int      `json:"version"`
	Root    string   `json:"root"`
	Inputs  []string `json:"inputs"`
	Params  struct {
		ShingleSize int     `json:"shingle_size"`
		NumPerm     int     `json:"num_perm"`
		Bands       int     `json:"bands"`
		Rows        int     `json:"rows"`
		Threshold   float64 `json:"threshold"`
		Seed        uint64  `json:"seed"`
	} `json:"params"`
	Stats struct {
		Documents      int `json:"documents"`
		Skipped        int `json:"skipped"`
		CandidatePairs int `json:"candidate_pairs"`
		VerifiedPairs  int `json:"verified_pairs"`
		Clusters       int `json:"clusters"`
	} `json:"stats"`
	Clusters []struct {
		ID             int    `json:"id"`
		Size           int    `json:"size"`
		Representative string `json:"representative"`
		Members        []struct {
			Path  string `json:"path"`
			Words int    `json:"words"`
		} `json:"members"`
		Pairs []struct {
			A, B        string
			Relation    string  `json:"relation"`
			Jaccard     float64 `json:"jaccard"`
			Containment float64 `json:"containment"`
		} `json:"pairs"`
	} `json:"clusters"`
	Links   []json.RawMessage `json:"links"`
	Skipped []struct {
		Path   string `json:"path"`
		Line   int    `json:"line"`
		Reason string `json:"reason"`
	} `json:"skipped"`
}

// clusterPaths returns each cluster's member paths.
func (r jsonReport) clusterPaths() [][]string {
	var out [][]string
	for _, c := range r.Clusters {
		var paths []string
		for _, m := range c.Members {
			paths = append(paths, m.Path)
		}
		out = append(out, paths)
	}
	return out
}

const (
	seed000 = "000_92edbd9511bc3411.txt"
	seed001 = "001_d7e9e624c01eeb52.txt"
	seed002 = "002_c22d86bcb2118a91.txt"
)

// TestScanSeedsBinary builds the dedupe binary and scans the seed articles with the defaults:
// the original, its paraphrase and its spun copy form one cluster; the two independent articles
// stay alone.
func TestScanSeedsBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "dedupe")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "scan", "../../testdata/seeds")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("dedupe scan: %v\n%s", err, stderr.String())
	}
	var rep jsonReport
	if err := json.Unmarshal(out, &rep); err != nil {
		t.Fatalf("invalid JSON: %v", err)
	}
	// Paths as named on the command line, which work from where it ran.
	const dir = "../../testdata/seeds/"
	want := [][]string{{dir + seed000, dir + seed001, dir + seed002}}
	if got := rep.clusterPaths(); !reflect.DeepEqual(got, want) {
		t.Errorf("clusters = %v; want %v", got, want)
	}
	for _, p := range want[0] {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("member path from the working directory: %v", err)
		}
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if rep.Version != 2 || rep.Root != wd || !reflect.DeepEqual(rep.Inputs, []string{"../../testdata/seeds"}) {
		t.Errorf("version %d, root %q, inputs %q; want 2, %q, [../../testdata/seeds]", rep.Version, rep.Root, rep.Inputs, wd)
	}
	if rep.Stats.Documents != 5 || rep.Stats.Skipped != 0 || rep.Stats.Clusters != 1 {
		t.Errorf("stats %+v; want 5 documents, 0 skipped, 1 cluster", rep.Stats)
	}
	c := rep.Clusters[0]
	// Undated, so the representative is the member with the most verified weight: the original.
	if c.ID != 1 || c.Size != 3 || c.Representative != dir+seed000 {
		t.Errorf("cluster id %d size %d representative %q; want 1, 3, %q", c.ID, c.Size, c.Representative, dir+seed000)
	}
	relations := map[string]string{}
	for _, p := range c.Pairs {
		relations[p.A+" "+p.B] = p.Relation
	}
	wantRel := map[string]string{
		dir + seed000 + " " + dir + seed001: "rewrite",
		dir + seed000 + " " + dir + seed002: "rewrite",
		dir + seed001 + " " + dir + seed002: "rewrite",
	}
	if !reflect.DeepEqual(relations, wantRel) {
		t.Errorf("pair relations = %v; want %v", relations, wantRel)
	}
	if !strings.Contains(stderr.String(), "5 documents") {
		t.Errorf("stderr summary missing: %q", stderr.String())
	}
}

// TestScanDeterministic checks that output is byte-identical across runs and worker counts, on
// the seeds, Clough-Stevenson and the chronam dev set's 862 real articles (OCR noise,
// mastheads, templates, and 500 verified pairs in 245 clusters).
func TestScanDeterministic(t *testing.T) {
	dirs := []string{"../../testdata/seeds", "../../testdata/clough-stevenson/corpus-20090418", "../../testdata/chronam/articles"}
	for _, dir := range dirs {
		var first string
		for _, workers := range []string{"1", "2", "7", "1"} {
			_, out := scanJSON(t, "scan", "-q", "--workers", workers, dir)
			if first == "" {
				first = out
			} else if out != first {
				t.Fatalf("%s: output with --workers %s differs from --workers 1", dir, workers)
			}
		}
	}
}

func TestScanExitCodes(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		args    []string
		code    exitCode
		wantErr string
	}{
		{"duplicates found are not a failure by default", []string{"scan", "../../testdata/seeds"}, exitOK, ""},
		{"fail on duplicates", []string{"scan", "--fail-on-duplicates", "../../testdata/seeds"}, exitDuplicates, ""},
		{"no duplicates with fail flag", []string{"scan", "--fail-on-duplicates", "../../testdata/seeds/003_38899e923ba17ffe.txt"}, exitOK, ""},
		{"missing path", []string{"scan", filepath.Join(dir, "nope")}, exitError, `open "` + filepath.Join(dir, "nope") + `": no such file or directory`},
		{"no path", []string{"scan"}, exitError, "no input: name files or folders, or --files-from a list"},
		{"bad format", []string{"scan", "--format", "xml", "."}, exitError, `invalid --format "xml": valid values are json, jsonl, text`},
		{"bad flag", []string{"scan", "--no-such-flag", "."}, exitError, "unknown flag: --no-such-flag"},
		{"bad language", []string{"scan", "--lang", "klingon", "."}, exitError, `invalid --lang "klingon"`},
		{"bands without rows", []string{"scan", "--bands", "4", "."}, exitError, "--bands and --rows go together"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(tt.args, streams{In: strings.NewReader(""), Out: &out, Err: &errOut})
			if code != tt.code {
				t.Errorf("exit = %d; want %d (stderr %q)", code, tt.code, errOut.String())
			}
			if !strings.Contains(errOut.String(), tt.wantErr) {
				t.Errorf("stderr = %q; want it to contain %q", errOut.String(), tt.wantErr)
			}
		})
	}
}

// TestCPUProfileOnFailure checks that the hidden --cpuprofile flag writes a profile also when
// the command ends with a non-zero exit code, as check and --fail-on-duplicates do by design.
func TestCPUProfileOnFailure(t *testing.T) {
	prof := filepath.Join(t.TempDir(), "cpu.prof")
	var out, errOut bytes.Buffer
	code := run([]string{"scan", "--cpuprofile", prof, "--fail-on-duplicates", "../../testdata/seeds"}, streams{In: strings.NewReader(""), Out: &out, Err: &errOut})
	if code != exitDuplicates {
		t.Fatalf("exit = %d; want %d (stderr %q)", code, exitDuplicates, errOut.String())
	}
	if fi, err := os.Stat(prof); err != nil {
		t.Errorf("no profile after exit %d: %v", code, err)
	} else if fi.Size() == 0 {
		t.Errorf("empty profile after exit %d", code)
	}
}

// TestScanSkipsBadInput checks that unusable inputs are listed, named, and do not stop the scan.
func TestScanSkipsBadInput(t *testing.T) {
	seed := testfs.ReadFile(t, "../../testdata/seeds/"+seed000)
	testfs.WorkIn(t, map[string][]byte{
		"a.txt": seed, "b.txt": seed, "empty.txt": nil,
		"short1.txt": []byte("Putin meets envoy."), "short2.txt": []byte("Putin meets envoy."),
		"binary.txt": []byte("ab\x00cd"),
	})
	rep, _ := scanJSON(t, "scan", "-q", ".")
	if got, want := rep.clusterPaths(), [][]string{{"a.txt", "b.txt"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("clusters = %v; want %v", got, want)
	}
	var skipped []string
	for _, s := range rep.Skipped {
		skipped = append(skipped, s.Path+": "+s.Reason)
	}
	sort.Strings(skipped)
	want := []string{
		"binary.txt: binary file",
		"empty.txt: empty file",
		"short1.txt: too short: 3 words, --min-words is 30",
		"short2.txt: too short: 3 words, --min-words is 30",
	}
	if !reflect.DeepEqual(skipped, want) {
		t.Errorf("skipped = %q; want %q", skipped, want)
	}
	if rep.Stats.Skipped != 4 || rep.Stats.Documents != 2 {
		t.Errorf("stats = %+v; want 2 documents, 4 skipped", rep.Stats)
	}
}

// TestCompareCapped: compare marks a pair whose verification was bounded on repeated text with
// "capped" in JSON and a line in text, and leaves both out for ordinary articles.
func TestCompareCapped(t *testing.T) {
	seed := testfs.ReadFile(t, "../../testdata/seeds/000_92edbd9511bc3411.txt")
	repeated := filepath.Join(t.TempDir(), "repeated.txt")
	if err := os.WriteFile(repeated, bytes.Repeat(append(seed, "\n\n"...), 300), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		a, b   string
		capped bool
	}{
		{repeated, repeated, true},
		{"../../testdata/seeds/000_92edbd9511bc3411.txt", "../../testdata/seeds/002_c22d86bcb2118a91.txt", false},
	} {
		var out, errOut bytes.Buffer
		args := []string{"compare", "--format", "json", tt.a, tt.b}
		if code := run(args, streams{In: strings.NewReader(""), Out: &out, Err: &errOut}); code != exitOK {
			t.Fatalf("dedupe %v: exit %d, stderr:\n%s", args, code, errOut.String())
		}
		var got struct {
			Capped *bool `json:"capped"`
		}
		if err := json.Unmarshal(out.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		if (got.Capped != nil) != tt.capped || (got.Capped != nil && !*got.Capped) {
			t.Errorf("compare %s %s: capped = %v; want present and true: %v", tt.a, tt.b, got.Capped, tt.capped)
		}
		out.Reset()
		args = []string{"compare", tt.a, tt.b}
		if code := run(args, streams{In: strings.NewReader(""), Out: &out, Err: &errOut}); code != exitOK {
			t.Fatalf("dedupe %v: exit %d, stderr:\n%s", args, code, errOut.String())
		}
		if got := strings.Contains(out.String(), "\nbounded "); got != tt.capped {
			t.Errorf("compare %s %s (text): bounded line %v; want %v", tt.a, tt.b, got, tt.capped)
		}
	}
}
