package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// TestRun scores a scan's report on a labelled set of four pairs: a copy verified and
// clustered, a copy verified but linked across clusters, a copy missed, and a NOT pair
// verified; a SKIPped pair is left out.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	set := filepath.Join(dir, "set")
	testfs.WriteFiles(t, dir, map[string]string{
		"set/pairs.tsv": "id\tpool\ta_path\tb_path\n" +
			"p1\ta\td1/a.txt\td1/b.txt\n" +
			"p2\ta\td1/a.txt\td2/c.txt\n" +
			"p3\tb\td2/d.txt\td2/e.txt\n" +
			"p4\tc\td1/b.txt\td2/e.txt\n" +
			"p5\tc\td2/d.txt\td1/b.txt\n",
		"set/labels.tsv": "id\tlabel\tnote\n" +
			"p1\tCOPY\t\np2\tPARTIAL\t\np3\tCOPY\t\np4\tNOT\t\np5\tSKIP\tunreadable\n",
		"scan.json": `{
  "clusters": [
    {"id": 1, "members": [{"path": "/x/arts/d1/a.txt"}, {"path": "/x/arts/d1/b.txt"}],
     "pairs": [{"a": "/x/arts/d1/a.txt", "b": "/x/arts/d1/b.txt"}]},
    {"id": 2, "members": [{"path": "/x/arts/d2/c.txt"}, {"path": "/x/arts/d2/e.txt"}],
     "pairs": [{"a": "/x/arts/d2/e.txt", "b": "/x/arts/d2/c.txt"}]}
  ],
  "links": [{"a": "/x/arts/d2/c.txt", "b": "/x/arts/d1/a.txt"}, {"a": "/x/arts/d1/b.txt", "b": "/x/arts/d2/e.txt"}]
}`,
	})
	expect(t, dir, set+" verified: precision 0.667 recall 0.667 (tp 2, fp 1, fn 1, tn 0)\n"+
		set+" in one cluster: precision 1.000 recall 0.333 (tp 1, fp 0, fn 2, tn 1)\n")
	var out, errs bytes.Buffer
	if status := run([]string{set}, &out, &errs); status != 2 {
		t.Errorf("no -result: status %d, want 2", status)
	}
}

// TestRecords scores a set of records named by their ids, as testdata/reuters-sample is, on a
// scan that names them by file and id: "#3" is the record of id 3 in whichever file, not 13.
func TestRecords(t *testing.T) {
	dir := t.TempDir()
	set := filepath.Join(dir, "set")
	testfs.WriteFiles(t, dir, map[string]string{
		"set/pairs.tsv":  "id\tpool\ta_path\tb_path\nr1\ta\t#3\t#1005\nr2\ta\t#3\t#13\n",
		"set/labels.tsv": "id\tlabel\tnote\nr1\tCOPY\t\nr2\tNOT\t\n",
		"scan.json": `{
  "clusters": [
    {"id": 1, "members": [{"path": "r/reut2-000.sgm#3"}, {"path": "r/reut2-001.sgm#1005"}],
     "pairs": [{"a": "r/reut2-000.sgm#3", "b": "r/reut2-001.sgm#1005"}]}
  ],
  "links": [{"a": "r/reut2-000.sgm#13", "b": "r/reut2-001.sgm#1005"}]
}`,
	})
	expect(t, dir, set+" verified: precision 1.000 recall 1.000 (tp 1, fp 0, fn 0, tn 1)\n"+
		set+" in one cluster: precision 1.000 recall 1.000 (tp 1, fp 0, fn 0, tn 1)\n")
}

// expect runs labelscan on dir/scan.json and the set dir/set and checks what it prints.
func expect(t *testing.T, dir, want string) {
	t.Helper()
	var out, errs bytes.Buffer
	if status := run([]string{"-result", filepath.Join(dir, "scan.json"), filepath.Join(dir, "set")}, &out, &errs); status != 0 {
		t.Fatalf("status %d: %s", status, errs.String())
	}
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
}
