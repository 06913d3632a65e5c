package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// Inputs of the bad corpus that cannot be committed: they are too big, or are file names and
// links that not every checkout can hold. badCorpus makes them.
const (
	hugeLine = "huge-line.txt"        // one line of text longer than --max-bytes
	huge     = "huge.txt"             // lines of text, longer than --max-bytes
	oddName  = "line\nbreak\xff.txt"  // a newline and a byte that is not UTF-8
	oddJSON  = "line\nbreak\\xff.txt" // oddName as dedupe names it (input.EscapeName)
	loopFile = "loop.txt"             // a symlink to itself
	loopDir  = "loopdir"              // a symlink to the folder it is in
	locked   = "locked"               // a folder without permissions, holding a.txt
)

// Default limits on inputs (flags.go).
const (
	defaultMaxBytes     = 16 << 20
	defaultMaxLineBytes = 64 << 20
)

// badLimits are the limits the bad corpus is scanned with and the sizes of the inputs that
// exceed them. Line 7 of records.jsonl is one byte longer than maxLineBytes.
type badLimits struct {
	maxBytes     int // --max-bytes
	maxLineBytes int // --max-line-bytes
	hugeLine     int // bytes of hugeLine
	huge         int // bytes of huge
}

// newBadLimits returns limits larger than the read buffers (64 KiB for JSONL) and inputs
// larger than twice them, 6 MB in all; at full size (see fullSize) the default limits and
// inputs of 50 and 200 MB.
func newBadLimits() badLimits {
	if fullSize {
		return badLimits{maxBytes: defaultMaxBytes, maxLineBytes: defaultMaxLineBytes, hugeLine: 50 << 20, huge: 200 << 20}
	}
	return badLimits{maxBytes: 256 << 10, maxLineBytes: 1 << 20, hugeLine: 1 << 20, huge: 4 << 20}
}

// flags returns the command-line flags that set the limits, none for the defaults.
func (l badLimits) flags() []string {
	var flags []string
	if l.maxBytes != defaultMaxBytes {
		flags = append(flags, "--max-bytes", strconv.Itoa(l.maxBytes))
	}
	if l.maxLineBytes != defaultMaxLineBytes {
		flags = append(flags, "--max-line-bytes", strconv.Itoa(l.maxLineBytes))
	}
	return flags
}

// afterOverlong is line 8 of the JSONL file: a record read after the overlong line.
const afterOverlong = `{"id":"after","text":"Read after the overlong line."}`

// badCorpus copies testdata/bad (see testdata/bad.md) into a temporary folder and adds the
// generated inputs listed above, sized to exceed lim. It reports whether the locked folder can
// still be read, as it can by root.
func badCorpus(t *testing.T, lim badLimits) (dir string, lockedReadable bool) {
	t.Helper()
	dir = t.TempDir()
	files := testfs.ReadDir(t, "../../testdata/bad")
	overlong := append(bytes.Repeat([]byte("x"), lim.maxLineBytes+1), "\n"+afterOverlong+"\n"...)
	files["records.jsonl"] = append(files["records.jsonl"], overlong...)
	testfs.WriteFiles(t, dir, files)
	randomText(t, filepath.Join(dir, hugeLine), 1, lim.hugeLine, false)
	randomText(t, filepath.Join(dir, huge), 2, lim.huge, true)
	writeFile(t, filepath.Join(dir, oddName), []byte("A short note.\n"))
	for name, target := range map[string]string{loopFile: loopFile, loopDir: "."} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	lockedDir := filepath.Join(dir, locked)
	if err := os.Mkdir(lockedDir, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(lockedDir, "a.txt"), []byte("Locked.\n"))
	if err := os.Chmod(lockedDir, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(lockedDir, 0o755) })
	_, err := os.ReadDir(lockedDir)
	return dir, err == nil
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// randomText writes size bytes of sentences of made-up words, from a 1 MiB block repeated, so
// that no two generated files (seeded differently) share phrases with each other or with a
// real article. With lines, each block ends in a newline; without, the file is one line.
func randomText(t *testing.T, name string, seed uint64, size int, lines bool) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, seed))
	var block []byte
	for words := 0; len(block) < 1<<20; words++ {
		if words%12 == 11 {
			block = append(block, ". "...)
		} else if words > 0 {
			block = append(block, ' ')
		}
		for range 3 + rng.IntN(7) {
			block = append(block, byte('a'+rng.IntN(26)))
		}
	}
	if lines {
		block[len(block)-1] = '\n'
	}
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for n := 0; n < size; n += len(block) {
		w.Write(block[:min(len(block), size-n)])
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestScanBadInput scans the bad-input corpus: every input that cannot be used is listed under
// skipped with its reason, every one used despite a problem under warnings, both also on
// stderr; the one planted duplicate pair is the only cluster, and the scan exits 0. It runs
// with limits of 256 KiB and 1 MiB on inputs of a few MB (full size: the default limits on
// 300 MB, see fullSize).
func TestScanBadInput(t *testing.T) {
	lim := newBadLimits()
	if testing.Short() && fullSize {
		t.Skip("writes and reads 300 MB")
	}
	dir, lockedReadable := badCorpus(t, lim)
	var out, errOut bytes.Buffer
	// From inside the folder, so that the expectations name the files below it; with -v, which
	// prints every skipped input (more than problemsShown are too short).
	t.Chdir(dir)
	args := append(append([]string{"scan", "-v", "--singletons"}, lim.flags()...), ".")
	code := run(args, streams{In: strings.NewReader(""), Out: &out, Err: &errOut})
	if code != exitOK {
		t.Fatalf("exit %d; want %d; stderr:\n%s", code, exitOK, errOut.String())
	}
	var rep report.Report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("invalid JSON: %v", err)
	}

	// Root reads a folder whatever its mode: then the file inside is read, and is too short.
	lockedSkip := report.Skip{Path: locked, Reason: "permission denied"}
	if lockedReadable {
		lockedSkip = report.Skip{Path: locked + "/a.txt", Reason: "too short: 1 word, --min-words is 30"}
	}
	wantSkipped := []report.Skip{
		{Path: "binary.txt", Reason: "binary file"},
		{Path: "empty.txt", Reason: "empty file"},
		{Path: oddJSON, Reason: "too short: 3 words, --min-words is 30"},
		lockedSkip,
		{Path: loopFile, Reason: "symlink loop"},
		{Path: loopDir, Reason: "symlink to a directory, not followed (name it to read it)"},
		{Path: "nested.html", Reason: "html nested deeper than 512 elements"},
		{Path: "one-word.txt", Reason: "too short: 1 word, --min-words is 30"},
		{Path: "records.jsonl#ok-short", Line: 1, Reason: "too short: 8 words, --min-words is 30"},
		{Path: "records.jsonl", Line: 2, Reason: "invalid JSON: unexpected EOF"},
		{Path: "records.jsonl", Line: 3, Reason: "not a JSON object"},
		{Path: "records.jsonl", Line: 4, Reason: `no text field (tried "text", "content", "body", "article", "html"); the record has "headline", "id"`},
		{Path: "records.jsonl", Line: 5, Reason: `empty text field "text"`},
		{Path: "records.jsonl", Line: 6, Reason: "invalid JSON: data after the value"},
		{Path: "records.jsonl", Line: 7, Reason: fmt.Sprintf("line longer than %d bytes (--max-line-bytes)", lim.maxLineBytes)},
		{Path: "records.jsonl#after", Line: 8, Reason: "too short: 5 words, --min-words is 30"},
		{Path: "records.sgml", Line: 1, Reason: "text outside <DOC> or <REUTERS> records, not read"},
		{Path: "records.sgml", Line: 2, Reason: "no <TEXT> element"},
		{Path: "records.sgml#short", Line: 6, Reason: "too short: 4 words, --min-words is 30"},
		{Path: "records.sgml", Line: 12, Reason: "record not closed by </DOC> before the end of the input"},
		// Everything after an unclosed <title> is title text, in browsers too.
		{Path: "unclosed-title.html", Reason: "no article text found"},
	}
	truncated := fmt.Sprintf("longer than %d bytes (--max-bytes): truncated", lim.maxBytes)
	wantWarnings := []report.Warning{
		{Path: hugeLine, Message: truncated},
		{Path: huge, Message: truncated},
		{Path: "latin1.txt", Message: "not valid UTF-8: decoded as Windows-1252"},
	}
	if !reflect.DeepEqual(rep.Skipped, wantSkipped) {
		t.Errorf("skipped:\n got %+v\nwant %+v", rep.Skipped, wantSkipped)
	}
	if !reflect.DeepEqual(rep.Warnings, wantWarnings) {
		t.Errorf("warnings:\n got %+v\nwant %+v", rep.Warnings, wantWarnings)
	}
	for _, s := range wantSkipped {
		if line := fmt.Sprintf("skipped %s: %s\n", location(s.Path, s.Line), s.Reason); !strings.Contains(errOut.String(), line) {
			t.Errorf("stderr lacks %q", line)
		}
	}
	for _, w := range wantWarnings {
		if line := fmt.Sprintf("warning: %s: %s\n", location(w.Path, w.Line), w.Message); !strings.Contains(errOut.String(), line) {
			t.Errorf("stderr lacks %q", line)
		}
	}

	// With --singletons every document is in a cluster: the planted pair, then the rest alone.
	var members jsonReport
	if err := json.Unmarshal(out.Bytes(), &members); err != nil {
		t.Fatalf("invalid JSON: %v", err)
	}
	clusters := members.clusterPaths()
	wantClusters := [][]string{{"wire-edited.txt", "wire.txt"}, {hugeLine}, {huge}, {"latin1.txt"}, {"unclosed-tags.html"}}
	if !reflect.DeepEqual(clusters, wantClusters) {
		t.Errorf("clusters = %q; want %q", clusters, wantClusters)
	}
	if s := rep.Stats; s.Documents != 6 || s.Skipped != len(wantSkipped) || s.Clusters != 1 || s.VerifiedPairs != 1 {
		t.Errorf("stats = %+v; want 6 documents, %d skipped, 1 cluster of the 1 verified pair", s, len(wantSkipped))
	}
}

// TestScanLimitDefaults checks the default --max-bytes, --max-line-bytes, --max-file-bytes
// and --max-lines, which TestScanBadInput runs into only at full size or not at all.
func TestScanLimitDefaults(t *testing.T) {
	flags := newScanCommand(&GlobalOptions{}, streams{}).Flags()
	for _, tt := range []struct {
		name string
		want int
	}{
		{"max-bytes", defaultMaxBytes},
		{"max-line-bytes", defaultMaxLineBytes},
		{"max-file-bytes", 4 << 30},
		{"max-lines", 10_000_000},
	} {
		if got := flags.Lookup(tt.name).DefValue; got != strconv.Itoa(tt.want) {
			t.Errorf("--%s defaults to %s; want %d", tt.name, got, tt.want)
		}
	}
}

// TestStrict checks that --strict turns the committed bad inputs into exit status 2 in every
// command that reads inputs by path, after it has done its work (the report written, the
// documents read added to the index), and that a warning about the results rather than an
// input (a cluster above --max-cluster) does not count.
func TestStrict(t *testing.T) {
	const bad, seeds = "../../testdata/bad", "../../testdata/seeds"
	db := filepath.Join(t.TempDir(), "a.db")
	const strictLine = "dedupe: --strict: 15 inputs skipped and 1 warning\n"
	tests := []struct {
		name     string
		args     []string
		code     exitCode
		lastLine string // the end of stderr
		docs     int    // the documents the report holds, or the index after index add
	}{
		{"scan", []string{"scan", "--strict", bad}, exitError, strictLine, 4},
		{"index add", []string{"index", "add", "--strict", "--db", db, bad}, exitError, strictLine, 4},
		{"check", []string{"check", "--strict", "--db", db, bad}, exitError, strictLine, 4},
		{"passages", []string{"passages", "--strict", bad}, exitError, strictLine, 4},
		{"scan, a large cluster", []string{"scan", "--strict", "--max-cluster", "2", seeds}, exitOK,
			"dedupe: standard decision (", 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runWith(t, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit %d; want %d; stderr:\n%s", code, tt.code, errOut)
			}
			lines := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n")
			if last := lines[len(lines)-1] + "\n"; !strings.HasPrefix(last, tt.lastLine) {
				t.Errorf("stderr ends %q; want it to start %q", last, tt.lastLine)
			}
			if got := strictDocs(t, tt.args[0], db, out); got != tt.docs {
				t.Errorf("%d documents; want %d", got, tt.docs)
			}
		})
	}
}

// strictDocs returns how many documents a command of TestStrict has done its work on: those
// of the report it wrote, or those of the index db for index add.
func strictDocs(t *testing.T, command, db, out string) int {
	t.Helper()
	if command == "index" {
		_, stdout, _ := runWith(t, "", "index", "stats", "--db", db, "--format", "json")
		var stats struct{ Documents int }
		if err := json.Unmarshal([]byte(stdout), &stats); err != nil {
			t.Fatalf("index stats: %v", err)
		}
		return stats.Documents
	}
	var rep struct {
		Stats struct{ Documents, Checked int }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("report: %v", err)
	}
	return rep.Stats.Documents + rep.Stats.Checked
}

// TestScanMaxCluster checks the warning on clusters larger than --max-cluster.
func TestScanMaxCluster(t *testing.T) {
	tests := []struct {
		max  int
		want []report.Warning
	}{
		{3, []report.Warning{}},
		{0, []report.Warning{}},
		{2, []report.Warning{{Path: filepath.Join("../../testdata/seeds", seed000), Message: "cluster 1 has 3 documents: usually boilerplate (--max-cluster is 2)"}}},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		code := run([]string{"scan", "--max-cluster", strconv.Itoa(tt.max), "../../testdata/seeds"}, streams{In: strings.NewReader(""), Out: &out, Err: &errOut})
		var rep report.Report
		if err := json.Unmarshal(out.Bytes(), &rep); err != nil || code != exitOK {
			t.Fatalf("--max-cluster %d: exit %d, %v; stderr %s", tt.max, code, err, errOut.String())
		}
		if !reflect.DeepEqual(rep.Warnings, tt.want) || rep.Params.Get("max_cluster") != json.Number(strconv.Itoa(tt.max)) {
			t.Errorf("--max-cluster %d: warnings %+v, params.max_cluster %v; want %+v", tt.max, rep.Warnings, rep.Params.Get("max_cluster"), tt.want)
		}
	}
}

// TestSkippedCountsLines: past the 1,000 skipped lines a file lists, one entry counts the rest
// (its "count"), and stats.skipped and --strict count every line, not the entries.
func TestSkippedCountsLines(t *testing.T) {
	var lines strings.Builder
	for i := range 1500 {
		fmt.Fprintf(&lines, "bad line %d\n", i)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "many.jsonl"), []byte(lines.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	copySeed(t, dir)
	code, out, errOut := dedupe(t, "scan", "--strict", dir)
	var rep struct {
		Stats   struct{ Skipped int }
		Skipped []struct{ Count int }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if code != exitError || rep.Stats.Skipped != 1500 || len(rep.Skipped) != 1001 || rep.Skipped[1000].Count != 500 {
		t.Errorf("exit %d, stats.skipped %d, %d entries, the last counting %d; want 2, 1500, 1001 and 500", code, rep.Stats.Skipped, len(rep.Skipped), rep.Skipped[len(rep.Skipped)-1].Count)
	}
	if want := "dedupe: --strict: 1,500 inputs skipped and 0 warnings\n"; !strings.HasSuffix(errOut, want) {
		t.Errorf("stderr ends %q; want %q", errOut[max(0, len(errOut)-80):], want)
	}
}

// TestScanNothingRead: a scan, passages or extract that reads no document (a typo in
// --include, an empty folder, a JSON array, files that are all binary) fails with one message
// that counts the inputs skipped, after listing them, and writes no report over -o's file. It
// exited 0 with an empty report, which a CI job with --fail-on-duplicates took for a pass.
// index add and check, run in CI on what may hold no article yet, still pass.
func TestScanNothingRead(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{
		"array.json":  `[{"id": "a", "text": "an article"}]`,
		"bin/a":       "\x00\x01\x02binary\x00",
		"bin/b":       "\x00\x01\x02binary\x00",
		"report.json": "{}\n",
	})
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	last := filepath.Join(dir, "report.json")
	for _, tt := range []struct {
		name    string
		args    []string
		skipped string // the start of stderr
		want    string
	}{
		{"--include typo", []string{"--include", "*.TXT", seedsDir}, "", "no document was read: no input found (check the paths and --include)"},
		{"empty folder", []string{empty}, "", "no document was read: no input found (check the paths and --include)"},
		{"JSON array", []string{filepath.Join(dir, "array.json")}, `skipped "` + filepath.Join(dir, "array.json") + `": a JSON array`, "no document was read (1 input skipped)"},
		{"binary files", []string{filepath.Join(dir, "bin")}, `skipped "` + filepath.Join(dir, "bin", "a") + `": binary file`, "no document was read (2 inputs skipped)"},
	} {
		for _, command := range []string{"scan", "passages", "extract"} {
			code, out, errOut := dedupe(t, append([]string{command, "-o", last}, tt.args...)...)
			if code != exitError || !strings.HasPrefix(errOut, tt.skipped) || !strings.HasSuffix(errOut, "\ndedupe: "+tt.want+"\n") || out != "" {
				t.Errorf("%s %s: exit %d, stdout %q, stderr:\n%s\nwant 2, nothing, %q first and %q last", command, tt.name, code, out, errOut, tt.skipped, tt.want)
			}
			if b, err := os.ReadFile(last); err != nil || string(b) != "{}\n" {
				t.Errorf("%s %s -o: the report file holds %q (%v); want it untouched", command, tt.name, b, err)
			}
		}
		code, _, errOut := dedupe(t, append([]string{"scan", "-q", "--strict"}, tt.args...)...)
		if want := "dedupe: " + tt.want + "\n"; code != exitError || errOut != want {
			t.Errorf("scan --strict %s: exit %d, stderr %q; want 2 and %q", tt.name, code, errOut, want)
		}
	}
	db := filepath.Join(dir, "archive.db")
	for _, args := range [][]string{{"index", "add", "-q", "--db", db, empty}, {"check", "-q", "--db", db, empty}, {"check", "-q", "--db", db, filepath.Join(dir, "bin")}} {
		if code, _, errOut := dedupe(t, args...); code != exitOK {
			t.Errorf("dedupe %q: exit %d, stderr %q; want 0", args, code, errOut)
		}
	}
}

// TestScanTextFieldTypo: a mistyped --text-field skips every record, each skip naming the
// fields its record has, and the scan fails rather than report an empty corpus as its
// result, as it does when no record has a default field; a mistyped --id-field names the
// records by line, with one warning a file.
func TestScanTextFieldTypo(t *testing.T) {
	file := filepath.Join(t.TempDir(), "wire.jsonl")
	text := strings.Repeat("The harbour board met on Monday and voted to dredge the channel. ", 6)
	lines := fmt.Sprintf(`{"id":"a","body":%q}`+"\n"+`{"id":"b","body":%q}`+"\n", text, text+"More.")
	if err := os.WriteFile(file, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	unique := filepath.Join(t.TempDir(), "unique.jsonl")
	code, _, errOut := dedupe(t, "scan", "--text-field", "bdoy", "--write-unique", unique, file)
	wantSkip := fmt.Sprintf("skipped %q:1: no text field (tried \"bdoy\"); the record has \"body\", \"id\"\n", file)
	wantErr := "dedupe: no document was read: no record has --text-field \"bdoy\" (2 inputs skipped)\n"
	if code != exitError || !strings.Contains(errOut, wantSkip) || !strings.HasSuffix(errOut, wantErr) {
		t.Errorf("exit %d, stderr:\n%s\nwant 2, %q and %q", code, errOut, wantSkip, wantErr)
	}
	// check and index add fail alike: a CI check that read nothing passed.
	db := filepath.Join(t.TempDir(), "archive.db")
	for _, args := range [][]string{{"index", "add", "-q", "--db", db}, {"check", "-q", "--db", db}} {
		if args[0] == "check" {
			if code, _, errOut := dedupe(t, "index", "add", "-q", "--db", db, "--text-field", "body", file); code != exitOK {
				t.Fatalf("index add: exit %d, %s", code, errOut)
			}
		}
		code, _, errOut := dedupe(t, append(args, "--text-field", "bdoy", file)...)
		if code != exitError || !strings.HasSuffix(errOut, wantErr) {
			t.Errorf("%s --text-field bdoy: exit %d, stderr %q; want 2 and %q", args[0], code, errOut, wantErr)
		}
		if _, err := os.Stat(db); args[0] == "index" && err == nil {
			t.Errorf("index add --text-field bdoy left an index of nothing behind")
		}
	}
	// Records that name their text otherwise than the defaults fail the scan alike, and
	// so do extract and passages, and a last line cut short (a scraper stopped mid-write) does
	// not hide it.
	story := filepath.Join(t.TempDir(), "story.jsonl")
	if err := os.WriteFile(story, []byte(strings.ReplaceAll(lines, `"body"`, `"story"`)+`{"id":"c","story":"The harb`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, command := range []string{"scan", "extract", "passages"} {
		code, _, errOut = dedupe(t, command, "-q", story)
		if want := "dedupe: no document was read: no record has a text field of the defaults (text, content, body, article, html): name it with --text-field (3 inputs skipped)\n"; code != exitError || errOut != want {
			t.Errorf("%s of records without a default text field: exit %d, stderr %q; want 2 and %q", command, code, errOut, want)
		}
	}
	// An export whose records have the field with no text in it (a scraper that failed on
	// every page), or some none, read nothing either: it fails alike, saying so, the cut last
	// line not hiding it.
	blank := filepath.Join(t.TempDir(), "blank.jsonl")
	if err := os.WriteFile(blank, []byte(`{"id":"a","text":null}`+"\n"+`{"id":"b","text":" "}`+"\n"+`{"id":"c","text":5}`+"\n"+`{"id":"e","title":"no text field"}`+"\n"+`{"id":"d","te`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, command := range []string{"scan", "extract", "passages"} {
		code, out, errOut := dedupe(t, command, "-q", blank)
		if want := "dedupe: no document was read: no record has text in its text field: missing, null, empty or not a string (5 inputs skipped)\n"; code != exitError || errOut != want || out != "" {
			t.Errorf("%s of records with null or blank text: exit %d, stdout %q, stderr %q; want 2, nothing and %q", command, code, out, errOut, want)
		}
	}
	// Nor does a scan that read nothing write its empty report over the last good one.
	last := filepath.Join(t.TempDir(), "report.json")
	if err := os.WriteFile(last, []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, command := range []string{"scan", "passages"} {
		if code, _, _ := dedupe(t, command, "-q", "-o", last, blank); code != exitError {
			t.Errorf("%s -o of records with null text: exit %d; want 2", command, code)
		}
		if b, err := os.ReadFile(last); err != nil || string(b) != "{}\n" {
			t.Errorf("%s -o of records with null text: the report file holds %q (%v); want it untouched", command, b, err)
		}
	}
	// A record with the field that is too short is no mistyped field: the scan, which read
	// no document, fails without naming the field.
	short := filepath.Join(t.TempDir(), "short.jsonl")
	if err := os.WriteFile(short, []byte(`{"id":"s","body":"Too short."}`+"\n"+`{"id":"t","text":"not this field"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := dedupe(t, "scan", "-q", "--text-field", "body", short); code != exitError || errOut != "dedupe: no document was read (2 inputs skipped)\n" {
		t.Errorf("a field held by a short record: exit %d, stderr %q; want 2 and no word of the field", code, errOut)
	}
	code, out, errOut := dedupe(t, "scan", "--text-field", "body", "--id-field", "ident", "--format", "text", file)
	wantWarn := fmt.Sprintf("warning: %q:1: no id field (tried \"ident\"): named by its line, as are the next records without one; the record has \"body\", \"id\"\n", file)
	if code != exitOK || strings.Count(errOut, "no id field") != 1 || !strings.Contains(errOut, wantWarn) || !strings.Contains(out, "#L2") {
		t.Errorf("--id-field ident: exit %d, stderr:\n%s\nout:\n%s\nwant 0, one warning %q, records named by line", code, errOut, out, wantWarn)
	}
}
