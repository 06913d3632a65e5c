package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/archive"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// TestCheckGitHub: --format github writes one error annotation per duplicate, on the new
// article, and a warning per skipped input, with the workflow commands' escaping.
func TestCheckGitHub(t *testing.T) {
	db := indexSeeds(t)
	m := spunMatch(t, db)
	binary := filepath.Join(t.TempDir(), "a,b:c.txt")
	if err := os.WriteFile(binary, []byte("x\x00y"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := dedupe(t, "check", "--db", db, "--format", "github", seedSpun, seedIndependent, binary)
	escaped := strings.NewReplacer(":", "%3A", ",", "%2C").Replace(binary)
	want := fmt.Sprintf("::error file=%s,title=Copy of an archived article (dedupe)::1 match in the archive: %s (rewrite, score %.2f, jaccard %.2f)\n"+
		"::warning file=%s,title=Not checked by dedupe::binary file\n", seedSpun, seedOriginal, m.Score, m.Jaccard, escaped)
	if code != exitDuplicates || out != want {
		t.Errorf("github: exit %d, output\n%s\nwant\n%s", code, out, want)
	}
}

// TestCheckGitHubRecords: two JSONL records of one file copying the archive get an annotation
// each, on the file, told apart by the record's name starting the message; a text read with a
// problem (a byte not UTF-8) is a warning annotation, which --strict fails on.
func TestCheckGitHubRecords(t *testing.T) {
	db := indexSeeds(t)
	text := testfs.ReadFile(t, seedSpun)
	body, _ := json.Marshal(string(text))
	dir := t.TempDir()
	jl := filepath.Join(dir, "new.jsonl")
	if err := os.WriteFile(jl, []byte(`{"id": "r1", "text": `+string(body)+"}\n"+`{"id": "r2", "text": `+string(body)+"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cp := filepath.Join(dir, "cp.txt")
	if err := os.WriteFile(cp, []byte(strings.ReplaceAll(string(text), "’", "\x92")), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := dedupe(t, "check", "--strict", "--db", db, "--format", "github", jl, cp)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != exitError || len(lines) != 4 {
		t.Fatalf("exit %d, %d annotations; want 2 (--strict) and 4:\n%s", code, len(lines), out)
	}
	for i, want := range []string{
		"::error file=" + jl + ",title=Copy of an archived article (dedupe)::" + jl + "#r1: 1 match in the archive: ",
		"::error file=" + jl + ",title=Copy of an archived article (dedupe)::" + jl + "#r2: 1 match in the archive: ",
		"::error file=" + cp + ",title=Copy of an archived article (dedupe)::1 match in the archive: ",
		"::warning file=" + cp + ",title=Read with a problem (dedupe)::not valid UTF-8: ",
	} {
		if !strings.HasPrefix(lines[i], want) {
			t.Errorf("annotation %d:\n%s\nwant it to start\n%s", i, lines[i], want)
		}
	}
}

// TestCheckParams: a check records the settings it used (archive.Specs), in scan's order and
// with the index's values, then the normaliser's version; none that needs a corpus
// (boilerplate, clusters) and not the threshold, which the index's bands and rows replace.
func TestCheckParams(t *testing.T) {
	db := indexSeeds(t)
	_, out, _ := dedupe(t, "check", "-q", "--db", db, seedSpun)
	var rep struct{ Params json.RawMessage }
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	// The keys in order: the object's tokens are key, value, key, value (every value a scalar).
	var keys []string
	dec := json.NewDecoder(bytes.NewReader(rep.Params))
	if _, err := dec.Token(); err != nil { // {
		t.Fatal(err)
	}
	for dec.More() {
		k, err := dec.Token()
		if _, verr := dec.Token(); err != nil || verr != nil {
			t.Fatalf("params %s: %v %v", rep.Params, err, verr)
		}
		keys = append(keys, k.(string))
	}
	var want []string
	for _, s := range scan.Specs {
		if s.Key != "" && archive.Specs.Lookup(s.Key) != nil {
			want = append(want, s.Key)
		}
	}
	want = append(want, "normalizer_version")
	for _, k := range []string{"threshold", "max_cluster", "cluster_share", "boilerplate_df", "frame_docs"} {
		if slices.Contains(keys, k) {
			t.Errorf("check's params record %s, which a check does not use", k)
		}
	}
	if !slices.Equal(keys, want) || !slices.Contains(keys, "bands") {
		t.Errorf("check's params %s; want the keys %q, in order", rep.Params, want)
	}
}

// TestStdinNotArchived: index add and check --add refuse standard input read as one
// document, which would be archived as "-", each replacing the last, and would hide a copy
// checked from standard input later; JSONL records on standard input, named by their ids, are
// archived, found there without --input-format, gzipped or not, as are SGML records.
func TestStdinNotArchived(t *testing.T) {
	db := indexSeeds(t)
	before := testfs.ReadFile(t, db)
	text := testfs.ReadFile(t, seedSpun)
	const want = `dedupe: standard input ("-") has no name to archive it under: save it to a file and name that, or give JSON Lines or SGML records, whose ids name them` + "\n"
	for _, args := range [][]string{{"index", "add", "--db", db, "-"}, {"check", "--add", "--db", db, "-"}} {
		var out, errOut bytes.Buffer
		code := run(args, streams{In: bytes.NewReader(text), Out: &out, Err: &errOut})
		if code != exitError || !strings.HasPrefix(errOut.String(), want) {
			t.Errorf("dedupe %q: exit %d, stderr %q; want 2 and %q", args, code, errOut.String(), want)
		}
	}
	if after, err := os.ReadFile(db); err != nil || !bytes.Equal(after, before) {
		t.Errorf("the index changed: %d bytes, %v; want the %d it had", len(after), err, len(before))
	}
	body, _ := json.Marshal(string(text))
	jsonl := `{"id": "s1", "text": ` + string(body) + "}\n"
	for _, in := range []struct {
		name, format, data string
		added              string
	}{
		{"JSONL, --input-format jsonl", "jsonl", jsonl, "1 added"},
		{"JSONL", "auto", jsonl, "0 added, 0 replaced, 1 unchanged"},
		{"gzipped JSONL", "auto", testfs.Gzip(t, jsonl), "0 added, 0 replaced, 1 unchanged"},
		{"SGML", "auto", "<DOC>\n<DOCNO> AP1 </DOCNO>\n<TEXT>\n" + string(text) + "\n</TEXT>\n</DOC>\n", "1 added"},
	} {
		args := []string{"index", "add", "--input-format", in.format, "--db", db, "-"}
		var errOut bytes.Buffer
		if code := run(args, streams{In: strings.NewReader(in.data), Out: &bytes.Buffer{}, Err: &errOut}); code != exitOK || !strings.Contains(errOut.String(), in.added) {
			t.Errorf("%s: dedupe %q: exit %d, stderr %q; want 0 and %q", in.name, args, code, errOut.String(), in.added)
		}
	}
}

// TestStdinJSONArray: a JSON array of objects piped to index add or check --add is skipped
// with the jq command that makes JSON Lines of it, as scan skips it, the run going on; it was
// refused as a text that has no name to archive it under, with no word of jq. scan, for which
// it is all there is to read, fails saying so.
func TestStdinJSONArray(t *testing.T) {
	db := indexSeeds(t)
	const array = `[{"id": "s1", "text": "an article"}]`
	const hint = `skipped "-": a JSON array: dedupe reads JSON Lines, an object a line (jq -c '.[]' > records.jsonl)` + "\n"
	for _, args := range [][]string{{"index", "add", "--db", db, "-"}, {"check", "--add", "--db", db, "-"}, {"scan", "-"}} {
		var errOut bytes.Buffer
		code := run(args, streams{In: strings.NewReader(array), Out: &bytes.Buffer{}, Err: &errOut})
		want := exitOK
		if args[0] == "scan" {
			want = exitError
		}
		if code != want || !strings.HasPrefix(errOut.String(), hint) {
			t.Errorf("dedupe %q: exit %d, stderr %q; want %d and %q", args, code, errOut.String(), want, hint)
		}
	}
}
