package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/testfs"
	"golang.org/x/text/encoding/charmap"
)

// TestCompareNames checks that compare takes every name scan prints for a pair, JSONL
// records of a gzip file among them, and finds what scan found (issue 17, item 3).
func TestCompareNames(t *testing.T) {
	var records bytes.Buffer
	enc := json.NewEncoder(&records)
	for i, seed := range []string{seedOriginal, seedParaphrase, seedSpun, seedIndependent} {
		text := testfs.ReadFile(t, seed)
		if err := enc.Encode(map[string]string{"id": "a" + string(rune('0'+i)), "text": string(text)}); err != nil {
			t.Fatal(err)
		}
	}
	testfs.WorkIn(t, map[string][]byte{"archive.jsonl.gz": testfs.Gzip(t, records.Bytes())})

	code, out, errOut := dedupe(t, "scan", "-q", "--format", "csv", "archive.jsonl.gz")
	if code != exitOK {
		t.Fatalf("scan: exit %d: %s", code, errOut)
	}
	rows := strings.Split(strings.TrimSpace(out), "\n")[1:]
	if len(rows) != 3 {
		t.Fatalf("scan found %d pairs; want the seeds' 3:\n%s", len(rows), out)
	}
	for _, row := range rows {
		cells := strings.Split(row, ",")
		a, b, relation := cells[0], cells[1], cells[2]
		code, out, errOut := dedupe(t, "compare", a, b)
		if want := "A: " + a + " ("; code != exitOK || !strings.HasPrefix(out, want) || !strings.Contains(out, "verdict      duplicates: "+relation) {
			t.Errorf("compare %s %s: exit %d, stderr %q, stdout:\n%s\nwant it to begin %q and find a %s", a, b, code, errOut, out, want, relation)
		}
	}

	code, _, errOut = dedupe(t, "compare", "archive.jsonl.gz#a0", "archive.jsonl.gz#a9")
	if want := "dedupe: cannot compare: \"archive.jsonl.gz#a9\": no record named \"a9\" in \"archive.jsonl.gz\"\n"; code != exitError || errOut != want {
		t.Errorf("compare of a missing record: exit %d, stderr %q; want %d, %q", code, errOut, exitError, want)
	}
}

// TestCompareEncoding: a side decoded from Windows-1252 says so, as a scan member does (its
// passages' offsets index the decoded text), in the JSON and the text, and compare warns of
// it on standard error; each side names the language it was analysed in.
func TestCompareEncoding(t *testing.T) {
	text := testfs.ReadFile(t, seedOriginal)
	cp, err := charmap.Windows1252.NewEncoder().Bytes(text)
	if err != nil {
		t.Fatal(err)
	}
	testfs.WorkIn(t, map[string][]byte{"utf.txt": text, "cp.txt": cp})
	code, out, errOut := dedupe(t, "compare", "--format", "json", "utf.txt", "cp.txt")
	var c struct {
		A, B struct{ Encoding, Lang string }
	}
	if err := json.Unmarshal([]byte(out), &c); err != nil || code != exitOK {
		t.Fatalf("compare: exit %d, %v, stderr %s", code, err, errOut)
	}
	if c.A.Encoding != "" || c.B.Encoding != "windows-1252" || c.A.Lang != "english" || c.B.Lang != "english" {
		t.Errorf("a %+v, b %+v; want b decoded from windows-1252, both english", c.A, c.B)
	}
	if want := `warning: "cp.txt": not valid UTF-8: decoded as Windows-1252` + "\n"; errOut != want {
		t.Errorf("stderr %q; want %q", errOut, want)
	}
	_, out, _ = dedupe(t, "compare", "utf.txt", "cp.txt")
	if !strings.Contains(out, "B: cp.txt (624 words, 28 sentences, decoded from windows-1252)\n") {
		t.Errorf("text output lacks B's encoding:\n%.300s", out)
	}
}

// TestCompareSource: compare names the pair's likely source as scan does, the earlier of two
// documents dated differently (it named only the verifier's source of a partial copy).
func TestCompareSource(t *testing.T) {
	var records bytes.Buffer
	enc := json.NewEncoder(&records)
	dates := []string{"2024-03-03", "2024-03-01", "2024-03-02"}
	for i, seed := range []string{seedOriginal, seedParaphrase, seedSpun} {
		text := testfs.ReadFile(t, seed)
		if err := enc.Encode(map[string]string{"id": "a" + string(rune('0'+i)), "date": dates[i], "text": string(text)}); err != nil {
			t.Fatal(err)
		}
	}
	testfs.WorkIn(t, map[string][]byte{"archive.jsonl": records.Bytes()})

	code, out, errOut := dedupe(t, "scan", "-q", "archive.jsonl")
	if code != exitOK {
		t.Fatalf("scan: exit %d: %s", code, errOut)
	}
	var scanned struct {
		Clusters []struct {
			Pairs []struct{ A, B, Source string }
		}
	}
	if err := json.Unmarshal([]byte(out), &scanned); err != nil || len(scanned.Clusters) != 1 || len(scanned.Clusters[0].Pairs) != 3 {
		t.Fatalf("scan: %v, %s; want the seeds' cluster of 3 pairs", err, out)
	}
	for _, p := range scanned.Clusters[0].Pairs {
		_, out, _ := dedupe(t, "compare", "--format", "json", p.A, p.B)
		var compared struct{ Source string }
		if err := json.Unmarshal([]byte(out), &compared); err != nil {
			t.Fatal(err)
		}
		dateOf := func(path string) string { return dates[path[len(path)-1]-'0'] } // "archive.jsonl#a<i>"
		want := p.A
		if dateOf(p.B) < dateOf(p.A) {
			want = p.B
		}
		if compared.Source != want || p.Source != want {
			t.Errorf("compare %s %s: source %q, scan's %q; want the earlier, %q", p.A, p.B, compared.Source, p.Source, want)
		}
	}
}

// TestCompareUnscoredVerdict: a pair a gate decided says so on its verdict line, so that a
// score above --min-score beside "not duplicates" does not read as a contradiction.
func TestCompareUnscoredVerdict(t *testing.T) {
	code, out, errOut := dedupe(t, "compare", "--min-copied", "2000", seedOriginal, seedSpun)
	if want := "\nverdict      not duplicates (not scored: too few copied words; the score would be "; code != exitOK || !strings.Contains(out, want) {
		t.Errorf("exit %d, stderr %q, stdout:\n%s\nwant it to hold %q", code, errOut, out, want)
	}
}

// TestScoreText: a score is written to two decimals but where they would round it onto the
// other side of --min-score, which the verdict beside it contradicted.
func TestScoreText(t *testing.T) {
	for _, tt := range []struct {
		score, min float64
		want       string
	}{
		{0.5981, 0.6, "0.5981"}, // "0.60" beside "not duplicates"
		{0.6, 0.6, "0.60"},
		{0.6049, 0.6, "0.60"},
		{0.8251, 0.83, "0.8251"},
		{0.8349, 0.835, "0.83"}, // below on both counts
		{0.8351, 0.835, "0.84"},
		{0.4, 0.6, "0.40"},
		{0.999, 0.6, "1.00"},
	} {
		if got := scoreText(tt.score, tt.min); got != tt.want {
			t.Errorf("scoreText(%v, %v) = %q; want %q", tt.score, tt.min, got, tt.want)
		}
	}
}
