package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// actionCorpus writes news.jsonl to a new folder and returns its path and its lines: the
// seeds' original (undated, the representative: the others align to it), paraphrase (dated 2
// January, the longest) and spun copy (dated 1 January, the earliest), the two independent
// articles, and a line that is not JSON. The records' spacing is not encoding/json's, so that a
// record written again as it was read shows.
func actionCorpus(t *testing.T) (string, []string) {
	t.Helper()
	seeds := []string{seedOriginal, seedParaphrase, seedSpun, seedIndependent, seedOther}
	dates := []string{"", "2024-01-02", "2024-01-01", "2024-01-03", "2024-01-04"}
	var lines []string
	for i, path := range seeds {
		text := testfs.ReadFile(t, path)
		body, _ := json.Marshal(string(text))
		line := `{"id": "a` + string(rune('0'+i)) + `",  "text": ` + string(body)
		if dates[i] != "" {
			line += `, "date": "` + dates[i] + `"`
		}
		lines = append(lines, line+"}")
	}
	lines = append(lines, "not json")
	file := filepath.Join(t.TempDir(), "news.jsonl")
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return file, lines
}

// TestScanPrintCopies checks the paths --print-copies prints for each --keep rule, one a line
// or NUL-ended with -0, instead of the report.
func TestScanPrintCopies(t *testing.T) {
	file, _ := actionCorpus(t)
	tests := []struct {
		args []string
		want string
	}{
		// The defaults: the earliest member, the spun copy, kept, and a member a copy when at
		// least half of it is found in it.
		{nil, file + "#a0\n" + file + "#a1\n"},
		{[]string{"--keep", "representative"}, file + "#a1\n" + file + "#a2\n"},
		{[]string{"--keep", "earliest"}, file + "#a0\n" + file + "#a1\n"},
		{[]string{"--keep", "longest"}, file + "#a0\n" + file + "#a2\n"},
		{[]string{"--keep", "longest", "-0"}, file + "#a0\x00" + file + "#a2\x00"},
		// The paraphrase holds 82% of itself in the original, the spun copy 61%.
		{[]string{"--keep", "representative", "--copy-share", "0.7"}, file + "#a1\n"},
		{[]string{"--keep", "representative", "--copy-share", "0.9"}, ""},
		{[]string{"--keep", "representative", "--copy-share", "0"}, file + "#a1\n" + file + "#a2\n"},
	}
	for _, tt := range tests {
		args := append(append([]string{"scan", "-q", "--print-copies"}, tt.args...), file)
		code, out, errOut := dedupe(t, args...)
		if code != exitOK || out != tt.want {
			t.Errorf("dedupe %q: exit %d, stdout %q; want exit 0, %q; stderr:\n%s", args, code, out, tt.want, errOut)
		}
	}
	// The seeds as files: paths as the report has them, the folder named joined with the file.
	code, out, _ := dedupe(t, "scan", "-q", "--print-copies", "--keep", "longest", "../../testdata/seeds")
	if want := "../../testdata/seeds/000_92edbd9511bc3411.txt\n../../testdata/seeds/002_c22d86bcb2118a91.txt\n"; code != exitOK || out != want {
		t.Errorf("scan --print-copies --keep longest seeds: exit %d, %q; want %q", code, out, want)
	}
}

// TestScanWriteUnique checks that --write-unique writes the records that are not copies byte
// for byte, gzip-compressed for a .gz name, from a file and from standard input, and that the
// report still goes to stdout.
func TestScanWriteUnique(t *testing.T) {
	file, lines := actionCorpus(t)
	dir := t.TempDir()
	// --keep longest keeps a1, the paraphrase; the line that is not JSON goes.
	want := lines[1] + "\n" + lines[3] + "\n" + lines[4] + "\n"

	out := filepath.Join(dir, "unique.jsonl")
	code, stdout, errOut := dedupe(t, "scan", "--keep", "longest", "--write-unique", out, file)
	if code != exitOK {
		t.Fatalf("scan --write-unique: exit %d, stderr:\n%s", code, errOut)
	}
	if got, err := os.ReadFile(out); err != nil || string(got) != want {
		t.Errorf("--write-unique wrote %q, %v; want %q", got, err, want)
	}
	// The last line, after the summary: it came before it.
	if msg := `dedupe: wrote 3 records to "` + out + `", 2 copies left out` + "\n"; !strings.HasSuffix(errOut, msg) {
		t.Errorf("stderr:\n%s\nwant it to end with %q", errOut, msg)
	}
	var rep jsonReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil || rep.Stats.Clusters != 1 {
		t.Errorf("stdout: %v, %d clusters; want the JSON report of 1 cluster", err, rep.Stats.Clusters)
	}

	text := testfs.ReadFile(t, file)
	gz := filepath.Join(dir, "unique.jsonl.gz")
	args := []string{"scan", "-q", "--keep", "longest", "--input-format", "jsonl", "--write-unique", gz, "-"}
	var errBuf bytes.Buffer
	if code := run(args, streams{In: bytes.NewReader(text), Out: &bytes.Buffer{}, Err: &errBuf}); code != exitOK {
		t.Fatalf("dedupe %q: exit %d, stderr:\n%s", args, code, errBuf.String())
	}
	f, err := os.Open(gz)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if _, err := got.ReadFrom(zr); err != nil || got.String() != want {
		t.Errorf("--write-unique %s from stdin wrote %q, %v; want %q", gz, got.String(), err, want)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("%s holds %d files; want the 2 written, no temporary file", dir, len(entries))
	}
}

// TestScanWriteUniqueMixed checks that a cluster whose kept member would be a text file keeps
// one of its JSONL records in --write-unique's output instead: the text file has no line to
// write, and keeping it lost the story from the corpus written.
func TestScanWriteUniqueMixed(t *testing.T) {
	_, lines := actionCorpus(t)
	dir := t.TempDir()
	// The original, which the others align to and the report makes the representative, is a
	// text file; its paraphrase and spun copy are records.
	text := testfs.ReadFile(t, seedOriginal)
	if err := os.WriteFile(filepath.Join(dir, "original.txt"), text, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "news.jsonl"), []byte(lines[1]+"\n"+lines[2]+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "unique.jsonl")
	for _, rule := range []string{"representative", "earliest", "longest"} {
		code, stdout, errOut := dedupe(t, "scan", "--keep", rule, "--write-unique", out, dir)
		if code != exitOK {
			t.Fatalf("scan --keep %s --write-unique: exit %d, stderr:\n%s", rule, code, errOut)
		}
		var rep jsonReport
		if err := json.Unmarshal([]byte(stdout), &rep); err != nil || rep.Stats.Clusters != 1 || len(rep.Clusters[0].Members) != 3 {
			t.Fatalf("--keep %s: %v, report %+v; want one cluster of the three", rule, err, rep)
		}
		if !strings.Contains(stdout, `"message": "--write-unique leaves out 1 document not JSONL`) {
			t.Errorf("--keep %s: the report's warnings do not name the document left out:\n%.2000s", rule, stdout)
		}
		// earliest keeps the spun copy a2, dated first; the others keep the first record, a1.
		want, id := lines[1]+"\n", "a1"
		if rule == "earliest" {
			want, id = lines[2]+"\n", "a2"
		}
		if got, err := os.ReadFile(out); err != nil || string(got) != want {
			t.Errorf("--keep %s --write-unique wrote %d bytes, %v; want record %s alone", rule, len(got), err, id)
		}
		for _, msg := range []string{
			`warning: "` + out + `": --write-unique leaves out 1 document not JSONL (text, HTML and SGML have no line to write; dedupe extract --format jsonl makes lines of them)` + "\n",
			`dedupe: wrote 1 record to "` + out + `", 1 copy and 1 document not JSONL left out` + "\n",
		} {
			if !strings.Contains(errOut, msg) {
				t.Errorf("--keep %s: stderr:\n%s\nwant %q", rule, errOut, msg)
			}
		}
	}
}

// TestScanActionErrors checks the usage errors of the action flags: exit status 2, a
// message naming the flag, and no file written.
func TestScanActionErrors(t *testing.T) {
	file, _ := actionCorpus(t)
	missing := filepath.Join(t.TempDir(), "no")
	out := filepath.Join(t.TempDir(), "unique.jsonl")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--keep", "newest", "--print-copies"}, `dedupe: invalid --keep "newest": valid values are representative, earliest, longest`},
		{[]string{"--print-copies", "--format", "text"}, "dedupe: --print-copies prints paths instead of the report: --format does not apply"},
		{[]string{"--write-unique", file}, `dedupe: --write-unique "` + file + `" is one of the inputs: writing it would destroy it`},
		{[]string{"-o", file}, `dedupe: --output "` + file + `" is one of the inputs: writing it would destroy it`},
		{[]string{"--html", file}, `dedupe: --html "` + file + `" is one of the inputs: writing it would destroy it`},
		{[]string{"--write-unique", filepath.Join(missing, "u.jsonl")}, `dedupe: --write-unique "` + filepath.Join(missing, "u.jsonl") + `": folder "` + missing + `" does not exist`},
		{[]string{"-0"}, "dedupe: -0 goes with --files-from or --print-copies"},
		{[]string{"--keep", "longest"}, "dedupe: --keep chooses the member --print-copies and --write-unique keep: give one of them"},
		{[]string{"--copy-share", "0.5"}, "dedupe: --copy-share decides the copies --print-copies and --write-unique drop: give one of them"},
		{[]string{"--copy-share", "1.5", "--print-copies"}, "dedupe: --copy-share 1.5: must be in [0, 1]"},
		{[]string{"--write-unique", out, "-o", out}, `dedupe: --output "` + out + `" is the --write-unique file: writing it would destroy it`},
		{[]string{"--write-unique", out, "--html", out}, `dedupe: --html "` + out + `" is the --write-unique file: writing it would destroy it`},
	}
	for _, tt := range tests {
		args := append(append([]string{"scan"}, tt.args...), file)
		code, out, errOut := dedupe(t, args...)
		if first, _, _ := strings.Cut(errOut, "\n"); code != exitError || out != "" || first != tt.want {
			t.Errorf("dedupe %q: exit %d, stdout %q, stderr %q; want exit 2 and %q", args, code, out, errOut, tt.want)
		}
	}
	// A file in the folder scanned is an input too; one the walk passes over (hidden) is not.
	dir := filepath.Dir(file)
	for _, flag := range []string{"--write-unique", "--output"} {
		args := []string{"scan", flag, file, dir}
		want := `dedupe: ` + flag + ` "` + file + `" is one of the inputs: writing it would destroy it`
		code, out, errOut := dedupe(t, args...)
		if first, _, _ := strings.Cut(errOut, "\n"); code != exitError || out != "" || first != want {
			t.Errorf("dedupe %q: exit %d, stdout %q, stderr %q; want exit 2 and %q", args, code, out, errOut, want)
		}
	}
	if b, err := os.ReadFile(file); err != nil || !strings.HasPrefix(string(b), `{"id": "a0"`) {
		t.Errorf("the input was changed: %.40q, %v", b, err)
	}
	hidden := filepath.Join(dir, ".report.json")
	if code, _, errOut := dedupe(t, "scan", "-q", "-o", hidden, dir); code != exitOK {
		t.Errorf("dedupe scan -o %s %s: exit %d, stderr %q; want 0", hidden, dir, code, errOut)
	}
}

// TestScanMemberLines: a JSONL record's member names its line, what identifies it for a
// script whose ids were renamed (a second "x1" is "x1~2") or missing.
func TestScanMemberLines(t *testing.T) {
	file, _ := actionCorpus(t)
	code, out, errOut := dedupe(t, "scan", "-q", file)
	var rep struct {
		Clusters []struct {
			Members []struct {
				Path string
				Line int
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); code != exitOK || err != nil || len(rep.Clusters) != 1 {
		t.Fatalf("exit %d, %v, %s", code, err, errOut)
	}
	for _, m := range rep.Clusters[0].Members {
		if id := strings.TrimPrefix(m.Path, file+"#a"); m.Line != int(id[0]-'0')+1 {
			t.Errorf("member %s has line %d; want %d", m.Path, m.Line, int(id[0]-'0')+1)
		}
	}
}
