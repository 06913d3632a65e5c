package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dedupe-dev/dedupe/internal/archive"
	"github.com/dedupe-dev/dedupe/internal/index"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// TestMain lets the test binary run as dedupe: with DEDUPE_TEST_MAIN=1 in its environment it
// runs the command line it was given instead of the tests, so that tests can start the real
// tool in a child process and kill it (as prometheus's promtool tests do). There
// DEDUPE_TEST_ADD_BATCH=n sets addBatch, so that a child commits small batches.
func TestMain(m *testing.M) {
	if os.Getenv("DEDUPE_TEST_MAIN") == "1" {
		if s := os.Getenv("DEDUPE_TEST_ADD_BATCH"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 {
				fmt.Fprintf(os.Stderr, "DEDUPE_TEST_ADD_BATCH=%q: want a positive number\n", s)
				os.Exit(int(exitError))
			}
			addBatch = n
		}
		main()
	}
	os.Exit(m.Run())
}

// fullSize reports whether DEDUPE_CRASH_TESTS=1 asks for the crash and input-limit tests at
// full size, as `make crash-test` runs them: SIGKILL during an add of 20,000 documents in the
// default batches, and inputs larger than the default --max-bytes and --max-line-bytes
// (300 MB written and read). By default they run on a few hundred documents in small batches
// and on inputs a few MB long with limits to match, which take the same code paths.
var fullSize = os.Getenv("DEDUPE_CRASH_TESTS") == "1"

// The seed articles: 001 paraphrases 000, 002 is a spun copy of it, 003 and 004 are
// independent reports of the same event (see testdata/seeds.md).
var (
	seedOriginal    = filepath.Join("..", "..", "testdata", "seeds", "000_92edbd9511bc3411.txt")
	seedParaphrase  = filepath.Join("..", "..", "testdata", "seeds", "001_d7e9e624c01eeb52.txt")
	seedSpun        = filepath.Join("..", "..", "testdata", "seeds", "002_c22d86bcb2118a91.txt")
	seedIndependent = filepath.Join("..", "..", "testdata", "seeds", "003_38899e923ba17ffe.txt")
	seedOther       = filepath.Join("..", "..", "testdata", "seeds", "004_e5f86a3492c09562.txt")
)

// dedupe runs the command line in-process and returns its exit code, stdout and stderr.
func dedupe(t *testing.T, args ...string) (exitCode, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, streams{In: strings.NewReader(""), Out: &out, Err: &errOut})
	return code, out.String(), errOut.String()
}

// indexSeeds indexes the seeds without 001 and 002 into a new index and returns its path.
func indexSeeds(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "archive.db")
	if code, _, errOut := dedupe(t, "index", "add", "--db", db, seedOriginal, seedIndependent, seedOther); code != exitOK {
		t.Fatalf("index add: exit %d\n%s", code, errOut)
	}
	return db
}

// checkJSON is the part of check's report the tests read.
type checkJSON struct {
	Version int      `json:"version"`
	Root    string   `json:"root"`
	Inputs  []string `json:"inputs"`
	Index   string   `json:"index"`
	Stats   struct {
		Archived   int `json:"archived"`
		Checked    int `json:"checked"`
		Duplicates int `json:"duplicates"`
		MinShared  int `json:"min_shared"`
		Added      int `json:"added"`
		// ArchivedMatches: matches of a checked article's archived version, not reported.
		ArchivedMatches int `json:"archived_matches"`
	} `json:"stats"`
	Documents []struct {
		Path      string            `json:"path"`
		Duplicate bool              `json:"duplicate"`
		Matches   []json.RawMessage `json:"matches"`
	} `json:"documents"`
}

// pairJSON holds every figure of a report.Pair.
type pairJSON struct {
	A, B         string
	Relation     string  `json:"relation"`
	Source       string  `json:"source"`
	Score        float64 `json:"score"`
	Jaccard      float64 `json:"jaccard"`
	Containment  float64 `json:"containment"`
	ContainmentA float64 `json:"containment_a"`
	ContainmentB float64 `json:"containment_b"`
	CoverageA    float64 `json:"coverage_a"`
	CoverageB    float64 `json:"coverage_b"`
	Aligned      int     `json:"aligned_sentences"`
}

// score returns the score of a match of check's JSON.
func score(t *testing.T, m json.RawMessage) float64 {
	t.Helper()
	var p pairJSON
	if err := json.Unmarshal(m, &p); err != nil {
		t.Fatal(err)
	}
	return p.Score
}

func decodeCheck(t *testing.T, out string) checkJSON {
	t.Helper()
	var rep checkJSON
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, out)
	}
	return rep
}

// spunMatch checks 002 against the index db and returns its first match from the JSON report,
// whose figures the other formats must repeat: the verifier's tuning is not their tests'
// business.
func spunMatch(t *testing.T, db string) pairJSON {
	t.Helper()
	_, out, _ := dedupe(t, "check", "--db", db, seedSpun)
	rep := decodeCheck(t, out)
	if len(rep.Documents) != 1 || len(rep.Documents[0].Matches) == 0 {
		t.Fatalf("check 002: no match\n%s", out)
	}
	var m pairJSON
	if err := json.Unmarshal(rep.Documents[0].Matches[0], &m); err != nil {
		t.Fatalf("check 002: match: %v\n%s", err, out)
	}
	return m
}

// TestCheckSeeds is the acceptance test: with the seeds but 001 and 002 indexed, both
// are reported as rewrites of 000 with exit status 1, with the figures scan gives those pairs,
// and the independent 003 passes with status 0.
func TestCheckSeeds(t *testing.T) {
	db := indexSeeds(t)
	code, out, errOut := dedupe(t, "check", "--db", db, seedParaphrase, seedSpun)
	if code != exitDuplicates {
		t.Fatalf("check 001 002: exit %d; want %d\n%s", code, exitDuplicates, errOut)
	}
	rep := decodeCheck(t, out)
	if rep.Stats.Archived != 3 || rep.Stats.Checked != 2 || rep.Stats.Duplicates != 2 || rep.Stats.MinShared != 1 {
		t.Errorf("stats = %+v; want 3 archived, 2 checked, 2 duplicates, min_shared 1", rep.Stats)
	}
	if wd, _ := os.Getwd(); rep.Version != 2 || rep.Root != wd || !reflect.DeepEqual(rep.Inputs, []string{seedParaphrase, seedSpun}) {
		t.Errorf("version %d, root %q, inputs %q; want 2, %q and the paths checked", rep.Version, rep.Root, rep.Inputs, wd)
	}
	// scan's figures for the same pairs: 000 comes first there too, so it is "a". check weighs
	// words by their document frequency in the archive, counting the new document as holding
	// every word (verify.NewWeights, extra 1), so the scan of the archive and that document
	// gives the same figures but a score within 0.01.
	for i, path := range []string{seedParaphrase, seedSpun} {
		_, scanOut, _ := dedupe(t, "scan", "-q", seedOriginal, seedIndependent, seedOther, path)
		var scanned struct {
			Clusters []struct {
				Pairs []json.RawMessage `json:"pairs"`
			} `json:"clusters"`
		}
		if err := json.Unmarshal([]byte(scanOut), &scanned); err != nil || len(scanned.Clusters) != 1 {
			t.Fatalf("scan: %v, %d clusters\n%s", err, len(scanned.Clusters), scanOut)
		}
		scanPairs := map[string]pairJSON{}
		for _, raw := range scanned.Clusters[0].Pairs {
			var p pairJSON
			json.Unmarshal(raw, &p)
			scanPairs[p.A+" "+p.B] = p
		}
		d := rep.Documents[i]
		if d.Path != path || !d.Duplicate || len(d.Matches) != 1 {
			t.Fatalf("document %d = %s, duplicate %v, %d matches; want %s, a duplicate of 000 only", i, d.Path, d.Duplicate, len(d.Matches), path)
		}
		var got pairJSON
		json.Unmarshal(d.Matches[0], &got)
		if got.A != seedOriginal || got.B != path || got.Relation != "rewrite" {
			t.Errorf("match of %s = %s ~ %s %s; want %s, rewrite", path, got.A, got.B, got.Relation, seedOriginal)
		}
		want := scanPairs[seedOriginal+" "+path]
		if math.Abs(got.Score-want.Score) <= 0.01 {
			got.Score = want.Score
		}
		if got != want {
			t.Errorf("match of %s = %+v;\nscan's pair  %+v", path, got, want)
		}
	}

	code, out, errOut = dedupe(t, "check", "--db", db, seedIndependent)
	if code != exitOK {
		t.Fatalf("check 003: exit %d; want 0\n%s", code, errOut)
	}
	if rep := decodeCheck(t, out); rep.Stats.Checked != 1 || rep.Stats.Duplicates != 0 || rep.Documents[0].Duplicate {
		t.Errorf("check 003: %+v; want one document, no duplicate", rep)
	}
}

func TestCheckFormats(t *testing.T) {
	db := indexSeeds(t)
	m := spunMatch(t, db)
	code, out, _ := dedupe(t, "check", "--db", db, "--format", "text", seedSpun, seedIndependent)
	want := fmt.Sprintf(`2 documents checked against 3 archived, 0 skipped: 1 duplicate

%s (638 words) duplicates:
  %s  rewrite  score %.2f  jaccard %.2f
`, seedSpun, seedOriginal, m.Score, m.Jaccard)
	if code != exitDuplicates || out != want {
		t.Errorf("text: exit %d, output\n%s\nwant\n%s", code, out, want)
	}
	empty := filepath.Join(t.TempDir(), "empty.txt")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, out, _ = dedupe(t, "check", "-q", "--db", db, "--format", "jsonl", seedSpun, seedIndependent, empty)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], `{"path":"`+seedSpun+`","words":638,"lang":"english","duplicate":true,"matches":[{"a":"`+seedOriginal) ||
		lines[1] != `{"path":"`+seedIndependent+`","words":1093,"lang":"english","duplicate":false,"matches":[]}` ||
		lines[2] != `{"type":"skipped","path":"`+empty+`","reason":"empty file"}` {
		t.Errorf("jsonl:\n%s", out)
	}
}

// TestCheckAddAndRemove: --add archives the checked documents; a document is never reported as
// a duplicate of its own path; rm takes a document out.
func TestCheckAddAndRemove(t *testing.T) {
	db := indexSeeds(t)
	code, out, _ := dedupe(t, "check", "--db", db, "--add", seedParaphrase)
	if rep := decodeCheck(t, out); code != exitDuplicates || rep.Stats.Added != 1 {
		t.Fatalf("check --add: exit %d, added %d; want 1, 1", code, rep.Stats.Added)
	}
	// 001 is archived now: 002 copies both 000 and 001.
	_, out, _ = dedupe(t, "check", "--db", db, seedSpun)
	if d := decodeCheck(t, out).Documents[0]; len(d.Matches) != 2 || score(t, d.Matches[0]) < score(t, d.Matches[1]) {
		t.Errorf("002 after adding 001: %d matches %s; want 2, the strongest first", len(d.Matches), d.Matches)
	}
	if code, _, errOut := dedupe(t, "index", "rm", "--db", db, seedOriginal); code != exitOK {
		t.Fatalf("index rm: exit %d\n%s", code, errOut)
	}
	// 001 against itself and 003, 004: no duplicate.
	code, out, _ = dedupe(t, "check", "--db", db, seedParaphrase)
	if rep := decodeCheck(t, out); code != exitOK || rep.Stats.Archived != 3 || rep.Documents[0].Duplicate {
		t.Errorf("check 001 after rm 000: exit %d, %+v; want 0, 3 archived, no duplicate", code, rep)
	}
	code, _, errOut := dedupe(t, "index", "add", "--db", db, seedParaphrase, seedIndependent)
	if code != exitOK || !strings.Contains(errOut, "0 added, 0 replaced, 2 unchanged, 0 skipped") {
		t.Errorf("re-adding archived documents: exit %d, stderr %q", code, errOut)
	}
}

func TestIndexStats(t *testing.T) {
	db := indexSeeds(t)
	code, out, _ := dedupe(t, "index", "stats", "--db", db, "--format", "json")
	var st struct {
		Documents       int               `json:"documents"`
		BandEntries     int               `json:"band_entries"`
		SizeBytes       int64             `json:"size_bytes"`
		CommonDocuments int               `json:"common_documents"`
		Meta            map[string]string `json:"meta"`
	}
	if err := json.Unmarshal([]byte(out), &st); code != exitOK || err != nil {
		t.Fatalf("stats: exit %d, %v\n%s", code, err, out)
	}
	bands := st.Meta["bands"]
	if st.Documents != 3 || fmt.Sprint(st.BandEntries/3) != bands || st.SizeBytes <= 0 || st.CommonDocuments != 0 ||
		st.Meta["format"] != fmt.Sprint(index.FormatVersion) || st.Meta["language"] != "auto" || st.Meta["rows"] != "1" {
		t.Errorf("stats = %+v", st)
	}
	// The text: no line ends in spaces ("meta" did, padded to the column of the entries
	// below it).
	code, out, _ = dedupe(t, "index", "stats", "--db", db)
	if code != exitOK || !strings.Contains(out, "\nmeta\n  anchor_hash ") || strings.Contains(out, " \n") {
		t.Errorf("stats: exit %d, a line ending in spaces, or no meta line:\n%s", code, out)
	}
}

func TestIndexExitCodes(t *testing.T) {
	db := indexSeeds(t)
	missing := filepath.Join(t.TempDir(), "missing.db")
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"no --db", []string{"check", seedSpun}, "--db is required"},
		{"missing index", []string{"check", "--db", missing, seedSpun}, fmt.Sprintf("open index %q: no such file or directory", missing)},
		{"other language", []string{"check", "--db", db, "--lang", "french", seedSpun},
			fmt.Sprintf("index %q was built with language auto, not french; leave the flag out to use the index's value", db)},
		{"other permutations", []string{"index", "add", "--db", db, "--num-perm", "64", seedSpun}, "was built with num_perm"},
		{"other threshold", []string{"check", "--db", db, "--threshold", "0.5", seedSpun},
			fmt.Sprintf("--threshold 0.5 gives 42 bands of 6 rows: index %q was built with bands 256, not 42; leave the flag out to use the index's value", db)},
		{"other bands", []string{"check", "--db", db, "--bands", "128", "--rows", "2", seedSpun}, "was built with bands 256, not 128"},
		{"unknown id", []string{"index", "rm", "--db", db, seedSpun}, fmt.Sprintf("%q: not in the index; nothing was removed", seedSpun)},
		{"bad format", []string{"check", "--db", db, "--format", "xml", seedSpun}, `invalid --format "xml"`},
		{"not an index", []string{"index", "stats", "--db", seedSpun}, "is not a dedupe index"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := dedupe(t, tt.args...)
			if code != exitError || !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, exitError, tt.wantErr)
			}
		})
	}
	// Flags equal to the index's parameters are accepted.
	if code, _, errOut := dedupe(t, "check", "--db", db, "--lang", "auto", "--shingle-size", "2", seedIndependent); code != exitOK {
		t.Errorf("check with the index's own parameters: exit %d\n%s", code, errOut)
	}
}

func TestIndexLocked(t *testing.T) {
	db := indexSeeds(t)
	index.TestOpen(t, db, index.Options{}) // a writer, holding the lock until the test ends
	start := time.Now()
	code, _, errOut := dedupe(t, "check", "--db", db, "--lock-timeout", "200ms", seedSpun)
	if want := fmt.Sprintf("dedupe: index %q is locked by another process (waited 200ms: an index add or check --add holds it for the whole of its run; --lock-timeout sets the wait, 0 for ever)\n", db); code != exitError || errOut != want {
		t.Errorf("exit %d, stderr %q; want %d, %q", code, errOut, exitError, want)
	}
	// bbolt retries the lock every 50ms and gives up at most one retry early.
	if d := time.Since(start); d < 150*time.Millisecond || d > 5*time.Second {
		t.Errorf("gave up after %v; want about 200ms", d)
	}
	// A longer wait is said as it begins, so that a command that waits does not seem stuck.
	code, _, errOut = dedupe(t, "check", "--db", db, "--lock-timeout", "600ms", seedSpun)
	waiting := fmt.Sprintf("dedupe: index %q is held by another process (an index add or check --add holds it for the whole of its run): waiting up to 600ms (--lock-timeout)\n", db)
	if code != exitError || !strings.HasPrefix(errOut, waiting) || !strings.Contains(errOut, "locked by another process (waited 600ms") {
		t.Errorf("exit %d, stderr %q; want %d, %q then the error", code, errOut, exitError, waiting)
	}
}

// TestArchiveNames: documents found in a folder are named from the working directory, however
// many paths were given, so that an index built from a folder recognises its own files.
func TestArchiveNames(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "2024")
	os.Mkdir(sub, 0o755)
	for _, f := range []string{seedOriginal, seedIndependent} {
		b := testfs.ReadFile(t, f)
		os.WriteFile(filepath.Join(sub, filepath.Base(f)), b, 0o644)
	}
	db := filepath.Join(t.TempDir(), "a.db")
	if code, _, errOut := dedupe(t, "index", "add", "--db", db, dir+string(filepath.Separator)); code != exitOK {
		t.Fatalf("index add: %s", errOut)
	}
	own := filepath.Join(sub, filepath.Base(seedIndependent))
	// Named differently on the command line, it is still recognised as itself.
	sep := string(filepath.Separator)
	code, out, _ := dedupe(t, "check", "--db", db, sub+sep+"."+sep+filepath.Base(own))
	if rep := decodeCheck(t, out); code != exitOK || rep.Documents[0].Path != own || rep.Documents[0].Duplicate {
		t.Errorf("checking an archived file: exit %d, %+v; want 0, path %s, no duplicate", code, rep.Documents, own)
	}
	if code, _, errOut := dedupe(t, "index", "rm", "--db", db, own); code != exitOK {
		t.Errorf("rm %s: exit %d, %s", own, code, errOut)
	}
}

// writeArticles writes n small random articles to dir, one file each, named in walk order.
func writeArticles(t testing.TB, dir string, n int) {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for i := range n {
		b.Reset()
		for range 4 + r.IntN(4) {
			for w := range 8 + r.IntN(12) {
				if w > 0 {
					b.WriteByte(' ')
				}
				fmt.Fprintf(&b, "w%x", r.IntN(20000))
			}
			b.WriteString(".\n")
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%05d.txt", i)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestIndexAddKilled kills a real dedupe process with SIGKILL while it adds documents, at a
// random moment after it has reported three committed batches, then checks that the index
// opens, passes bbolt's and the index's consistency checks, and holds and finds every document
// of those batches. Adding again completes the index and leaves the committed documents
// unchanged. It adds 400 documents in batches of 10 (full size: 20,000 in the default batches).
func TestIndexAddKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("adds documents in a child process")
	}
	n, batch := 400, 10
	if fullSize {
		n, batch = 20000, addBatch
	}
	dir := filepath.Join(t.TempDir(), "docs")
	os.Mkdir(dir, 0o755)
	writeArticles(t, dir, n)
	db := filepath.Join(t.TempDir(), "a.db")

	cmd := exec.Command(os.Args[0], "index", "add", "-v", "--db", db, dir)
	cmd.Env = append(os.Environ(), "DEDUPE_TEST_MAIN=1", fmt.Sprintf("DEDUPE_TEST_ADD_BATCH=%d", batch))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill after the third commit, at a random moment of the fourth batch: within the time the
	// third took, however fast batches are on this machine.
	committed := 0
	var third time.Duration
	lines := bufio.NewScanner(stderr)
	for last := time.Now(); committed < 3*batch && lines.Scan(); {
		// The count has thousands separators ("committed 1,000 documents").
		if _, err := fmt.Sscanf(strings.ReplaceAll(lines.Text(), ",", ""), "dedupe: committed %d documents", &committed); err == nil {
			third, last = time.Since(last), time.Now()
		}
	}
	time.Sleep(rand.N(third + 1))
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("child was not killed (%v): it ended with %v after %d committed documents", err, cmd.ProcessState, committed)
	}
	if committed < 3*batch {
		t.Fatalf("child reported %d committed documents before ending", committed)
	}

	ix, err := index.Open(db, index.Options{ReadOnly: true, LockTimeout: time.Second})
	if err != nil {
		t.Fatalf("reopening the killed index: %v", err)
	}
	if err := ix.CheckIntegrity(t.Context()); err != nil {
		t.Fatalf("integrity: %v", err)
	}
	st, err := ix.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents < committed || st.Documents%batch != 0 || st.Documents >= n {
		t.Fatalf("index holds %d documents; want a whole number of batches, at least the %d committed", st.Documents, committed)
	}
	t.Logf("killed %v after %d committed documents (a batch took %v); the index holds %d", cmd.ProcessState, committed, third, st.Documents)
	for i := range st.Documents {
		path := filepath.Join(dir, fmt.Sprintf("%05d.txt", i))
		rec, err := ix.Lookup(path)
		if err != nil {
			t.Fatalf("committed document %s: %v", path, err)
		}
		cands, _, err := ix.Query(&rec.Sketch, index.QueryOptions{MinShared: st.Params.Bands})
		if err != nil || len(cands) != 1 || cands[0].ID != rec.ID {
			t.Fatalf("committed document %s does not find itself: %v, %v", path, cands, err)
		}
	}
	ix.Close()

	code, _, errOut := dedupe(t, "index", "add", "--db", db, dir)
	want := fmt.Sprintf("%s added, 0 replaced, %s unchanged, 0 skipped", report.Int(n-st.Documents), report.Int(st.Documents))
	if code != exitOK || !strings.Contains(errOut, want) {
		t.Errorf("adding again: exit %d, stderr %q; want %q", code, errOut, want)
	}
}

// TestCheckCLI checks the help of the new commands names their exit status.
func TestCheckHelp(t *testing.T) {
	for _, args := range [][]string{{"check", "--help"}, {"index", "add", "--help"}, {"index", "--help"}} {
		code, out, _ := dedupe(t, args...)
		if code != exitOK || !strings.Contains(out, "EXIT STATUS") || !strings.Contains(out, "$ dedupe") {
			t.Errorf("%v: exit %d, output lacks EXIT STATUS or examples:\n%s", args, code, out)
		}
	}
}

// TestCompareWithIndex: compare --db scores a pair as check does against that index, with the
// index's shingle size, and refuses a flag that contradicts it.
func TestCompareWithIndex(t *testing.T) {
	db := filepath.Join(t.TempDir(), "k3.db")
	if code, _, errOut := dedupe(t, "index", "add", "-q", "--db", db, "--shingle-size", "3", seedOriginal, seedIndependent, seedOther); code != exitOK {
		t.Fatalf("index add: exit %d\n%s", code, errOut)
	}
	m := spunMatch(t, db)
	code, out, errOut := dedupe(t, "compare", "--db", db, "--format", "json", seedOriginal, seedSpun)
	var c struct{ Score, Jaccard float64 }
	if err := json.Unmarshal([]byte(out), &c); code != exitOK || err != nil || c.Score != m.Score || c.Jaccard != m.Jaccard {
		t.Errorf("compare --db: exit %d, score %v, jaccard %v (%v, %s); want check's %v and %v", code, c.Score, c.Jaccard, err, errOut, m.Score, m.Jaccard)
	}
	// The text says when words are not weighed, as a scan weighs them.
	const unweighted = "weights      none: every word weighs 1"
	if _, out, _ := dedupe(t, "compare", "--db", db, seedOriginal, seedSpun); strings.Contains(out, unweighted) ||
		!strings.Contains(out, "weights      by their document frequency in the index's archive (--db)") {
		t.Errorf("compare --db does not say its words are weighed by the index:\n%s", out)
	}
	if _, out, _ := dedupe(t, "compare", seedOriginal, seedSpun); !strings.Contains(out, unweighted) {
		t.Errorf("compare without --db does not say its words are not weighed:\n%s", out)
	}
	want := `dedupe: index "` + db + `" was built with shingle_size 3, not 2; leave the flag out to use the index's value` + "\n"
	if code, _, errOut := dedupe(t, "compare", "--db", db, "--shingle-size", "2", seedOriginal, seedSpun); code != exitError || errOut != want {
		t.Errorf("compare --db --shingle-size 2: exit %d, stderr %q; want 2 and %q", code, errOut, want)
	}
}

// TestOutputsDistinct: -o and --html refuse the index file and the --files-from list, which
// writing a report over would destroy, and each other; the index is left as it was.
func TestOutputsDistinct(t *testing.T) {
	db := indexSeeds(t)
	before := testfs.ReadFile(t, db)
	list := filepath.Join(t.TempDir(), "inputs.lst")
	if err := os.WriteFile(list, []byte(seedSpun+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(t.TempDir(), "r.json")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"check", "--db", db, "-o", db, seedSpun}, `--output "` + db + `" is the --db file`},
		{[]string{"check", "--db", db, "--add", "-o", db, seedSpun}, `--output "` + db + `" is the --db file`},
		{[]string{"compare", "--db", db, "--html", db, seedOriginal, seedSpun}, `--html "` + db + `" is the --db file`},
		{[]string{"scan", "--files-from", list, "-o", list}, `--output "` + list + `" is the --files-from file`},
		{[]string{"scan", "-o", report, "--html", report, seedSpun}, `--output "` + report + `" is the --html file`},
	} {
		want := "dedupe: " + tt.want + ": writing it would destroy it\n"
		if code, _, errOut := dedupe(t, tt.args...); code != exitError || !strings.HasPrefix(errOut, want) {
			t.Errorf("dedupe %q: exit %d, stderr %q; want 2 and %q", tt.args, code, errOut, want)
		}
	}
	if after, err := os.ReadFile(db); err != nil || !bytes.Equal(after, before) {
		t.Errorf("the index changed: %d bytes, %v; want the %d it had", len(after), err, len(before))
	}
}

// TestAddAllStops: check --add stops adding on Ctrl-C (a cancelled context), before the
// next document, and commits nothing more.
func TestAddAllStops(t *testing.T) {
	db := indexSeeds(t)
	ix := index.TestOpen(t, db, index.Options{})
	var docs []*scan.Document
	err := scan.Analyze(t.Context(), []string{seedSpun}, nil, scan.DefaultOptions(), nil, func(it scan.Item) error {
		if it.Doc != nil {
			docs = append(docs, it.Doc)
		}
		return nil
	})
	if err != nil || len(docs) != 1 {
		t.Fatalf("analyse: %d documents, %v", len(docs), err)
	}
	a, err := archive.NewAdder(ix, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := addAll(ctx, a, docs); !errors.Is(err, context.Canceled) {
		t.Errorf("addAll with Ctrl-C: %v; want context.Canceled", err)
	}
	if n, err := ix.Len(); err != nil || n != 3 {
		t.Errorf("the index holds %d documents, %v; want the 3 it had", n, err)
	}
	if err := addAll(t.Context(), a, docs); err != nil {
		t.Fatal(err)
	}
	if n, err := ix.Len(); err != nil || n != 4 {
		t.Errorf("after addAll, the index holds %d documents, %v; want 4", n, err)
	}
}
