package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/anchor"
	"github.com/dedupe-dev/dedupe/internal/index"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// TestIndexParamsFromTable checks that an index stores every setting of scan.IndexSpecs, under
// its key, and nothing else; that a new index takes each from the options and gives each back
// to them; and that each of their flags, given with another value than the index's, is an
// error naming the setting. The stored settings get values that differ from each other and
// from their defaults, so that a setting copied from the wrong field fails.
func TestIndexParamsFromTable(t *testing.T) {
	stored, must := index.ParamSpecs.Keys(), scan.IndexSpecs.Keys()
	for _, k := range must {
		if !slices.Contains(stored, k) {
			t.Errorf("the index does not store %q (scan.IndexSpecs): add it to index.Params and index.ParamSpecs", k)
		}
	}
	for _, k := range stored {
		if !slices.Contains(must, k) {
			t.Errorf("the index stores %q, which is not in scan.IndexSpecs", k)
		}
	}

	o := scan.DefaultOptions()
	o.Language, o.Verify.ShingleSize, o.NumPerm, o.Bands, o.Rows, o.Seed, o.ShingleDF = "french", 3, 64, 16, 4, 42, 0.02
	// The index does not store the share of rare anchors (index.Params.Anchor): the default stays.
	o.Anchor = anchor.Params{Window: 4, MaxDocs: 10, MinShared: 3, MinShare: o.Anchor.MinShare}
	p, err := indexParams(&o)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range index.ParamSpecs {
		if got, want := s.Text(&p), scan.IndexSpecs.Lookup(s.Key).Text(&o); got != want {
			t.Errorf("new index: %s = %s; want %s from the options", s.Key, got, want)
		}
	}
	ix, err := index.Create(filepath.Join(t.TempDir(), "params.db"), p, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	back := scan.DefaultOptions()
	if err := useIndexParams(ix, &back, nil); err != nil || !reflect.DeepEqual(back, o) {
		t.Errorf("options from the index %+v, %v; want %+v", back, err, o)
	}

	other := scan.DefaultOptions()
	other.Language, other.Verify.ShingleSize, other.NumPerm, other.Bands, other.Rows, other.Seed, other.ShingleDF = "spanish", 4, 128, 8, 2, 7, 0.03
	other.Anchor = anchor.Params{Window: 5, MaxDocs: 30, MinShared: 2}
	for _, s := range append(scan.IndexSpecs, *scan.Specs.Lookup("threshold")) {
		if !slices.Contains(paramFlags, s.Flag) {
			t.Errorf("--%s is not among paramFlags", s.Flag)
		}
		same := o
		if err := useIndexParams(ix, &same, []string{s.Flag}); err != nil {
			t.Errorf("--%s with the index's value: %v", s.Flag, err)
		}
		q := other
		err := useIndexParams(ix, &q, []string{s.Flag})
		want := s.Key
		if s.Key == "threshold" || s.Key == "rows" {
			want = "bands" // they decide bands and rows together
		}
		if pe := (*index.ParamError)(nil); !errors.As(err, &pe) || pe.Param != want {
			t.Errorf("--%s with another value: %v; want a ParamError naming %s", s.Flag, err, want)
		}
	}
}

// TestIndexAddFailedFirst: an index add that fails before committing a document leaves no
// index behind (none, or the empty file it found), so that its parameters do not bind the
// next run.
func TestIndexAddFailedFirst(t *testing.T) {
	dir := t.TempDir()
	db, empty := filepath.Join(dir, "new.db"), filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "nope")
	for _, file := range []string{db, empty} {
		if code, _, errOut := dedupe(t, "index", "add", "-q", "--db", file, "--shingle-size", "3", missing); code != exitError || !strings.Contains(errOut, "no such file") {
			t.Errorf("index add of a missing input: exit %d, stderr %q; want 2 naming it", code, errOut)
		}
	}
	if _, err := os.Stat(db); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the failed index add left %s: %v", db, err)
	}
	if fi, err := os.Stat(empty); err != nil || fi.Size() != 0 {
		t.Errorf("the failed index add left %s with %v, %v; want it empty", empty, fi, err)
	}
	if code, _, errOut := dedupe(t, "index", "add", "-q", "--db", db, "../../testdata/seeds"); code != exitOK {
		t.Errorf("index add after the failure: exit %d, stderr %q", code, errOut)
	}
	if code, out, _ := dedupe(t, "index", "stats", "--db", db); code != exitOK || !strings.Contains(out, "shingle_size        2\n") {
		t.Errorf("index stats: exit %d, %q; want the default shingle size 2", code, out)
	}
}

// TestIndexAddEmptyTakesParams: an index add that read nothing (an empty folder) makes an
// empty index, and the next add, the first to bring documents, gives it the parameters of its
// flags; once it holds documents, other flags are refused. The second add was refused: "was
// built with shingle_size 2".
func TestIndexAddEmptyTakesParams(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "archive.db")
	if code, _, errOut := dedupe(t, "index", "add", "-q", "--db", db, dir); code != exitOK {
		t.Fatalf("index add of an empty folder: exit %d, stderr %q", code, errOut)
	}
	if code, _, errOut := dedupe(t, "index", "add", "-q", "--db", db, "--shingle-size", "3", seedsDir); code != exitOK {
		t.Fatalf("index add --shingle-size 3 to the empty index: exit %d, stderr %q; want 0", code, errOut)
	}
	if code, out, _ := dedupe(t, "index", "stats", "--db", db); code != exitOK || !strings.Contains(out, "shingle_size        3\n") {
		t.Errorf("index stats: exit %d, %q; want shingle size 3", code, out)
	}
	code, _, errOut := dedupe(t, "index", "add", "-q", "--db", db, "--shingle-size", "4", seedsDir)
	if want := "was built with shingle_size 3, not 4"; code != exitError || !strings.Contains(errOut, want) {
		t.Errorf("index add --shingle-size 4 to the index of 5 documents: exit %d, stderr %q; want 2 and %q", code, errOut, want)
	}
}

// TestIndexAddPrune: index add --prune removes the documents of the folders named that the add
// no longer met (deleted, renamed) or now skipped (emptied), and no others.
func TestIndexAddPrune(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i, text := range testfs.ReadFiles(t, testfs.Glob(t, "../../testdata/seeds/*.txt")) {
		files[fmt.Sprintf("arch/s%d.txt", i)] = text
	}
	files["other/o.txt"] = files["arch/s4.txt"]
	files["arch/p.html"] = "<html><body><article><p>" + files["arch/s0.txt"] + "</p></article></body></html>"
	testfs.WriteFiles(t, dir, files)
	t.Chdir(dir)
	if code, _, errOut := dedupe(t, "index", "add", "-q", "--db", "a.db", "arch", "other"); code != exitOK {
		t.Fatalf("index add: exit %d, %s", code, errOut)
	}
	if err := os.Remove("arch/s1.txt"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("arch/s2.txt", nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename("arch/s3.txt", "arch/s3b.txt"); err != nil {
		t.Fatal(err)
	}
	// A page whose article is gone is read and found empty, as an emptied file is.
	if err := os.WriteFile("arch/p.html", []byte("<html><body><script>x()</script></body></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A file --exclude leaves out is not read, as a deleted one is not: the two are refused
	// together, and nothing is removed.
	if code, _, errOut := dedupe(t, "index", "add", "--db", "a.db", "--prune", "--exclude", "s4.txt", "arch"); code != exitError ||
		!strings.HasPrefix(errOut, "dedupe: --prune cannot tell a file that --include or --exclude leaves out from a deleted one") {
		t.Errorf("index add --prune --exclude: exit %d, stderr %q; want 2 and the refusal", code, errOut)
	}
	code, _, errOut := dedupe(t, "index", "add", "--db", "a.db", "--prune", "arch")
	if want := "dedupe: 1 added, 0 replaced, 2 unchanged, 4 removed, 2 skipped in "; code != exitOK || !strings.Contains(errOut, want) || strings.Contains(errOut, "--prune kept") {
		t.Errorf("index add --prune: exit %d, stderr %q; want 0 and %q", code, errOut, want)
	}
	ix := index.TestOpen(t, "a.db", index.Options{ReadOnly: true})
	got, err := ix.Paths("")
	if want := []string{"arch/s0.txt", "arch/s3b.txt", "arch/s4.txt", "other/o.txt"}; err != nil || !slices.Equal(got, want) {
		t.Errorf("the index holds %q, %v; want %q", got, err, want)
	}
}

// TestIndexAddPruneKeepsUnread: index add --prune removes a record emptied since, but keeps
// the records of a file it could not read whole (a line that is no record, a gzip file cut
// short, --max-lines reached): they are unseen, not gone.
func TestIndexAddPruneKeepsUnread(t *testing.T) {
	dir := t.TempDir()
	texts := testfs.ReadFiles(t, testfs.Glob(t, "../../testdata/seeds/*.txt"))
	jsonl := func(ids string, text func(i int) string) []byte {
		var b bytes.Buffer
		for i, id := range strings.Split(ids, "") {
			line, err := json.Marshal(map[string]string{"id": id, "text": text(i)})
			if err != nil {
				t.Fatal(err)
			}
			b.Write(append(line, '\n'))
		}
		return b.Bytes()
	}
	whole := func(i int) string { return texts[i] }
	cut := testfs.Gzip(t, jsonl("xyz", whole))
	testfs.WriteFiles(t, dir, map[string]string{
		"good.jsonl":   string(jsonl("abc", whole)),
		"bad.jsonl":    string(jsonl("def", whole)),
		"cut.jsonl.gz": string(cut),
	})
	t.Chdir(dir)
	if code, _, errOut := dedupe(t, "index", "add", "-q", "--db", "a.db", "good.jsonl", "bad.jsonl", "cut.jsonl.gz"); code != exitOK {
		t.Fatalf("index add: exit %d, %s", code, errOut)
	}
	good := jsonl("abc", func(i int) string {
		if i == 1 {
			return " "
		}
		return texts[i]
	})
	bad := bytes.Replace(jsonl("def", whole), []byte(`{"id":"e"`), []byte(`{"id":"e" oops`), 1)
	for name, data := range map[string][]byte{"good.jsonl": good, "bad.jsonl": bad, "cut.jsonl.gz": cut[:len(cut)/2]} {
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, _, errOut := dedupe(t, "index", "add", "--db", "a.db", "--prune", "good.jsonl", "bad.jsonl", "cut.jsonl.gz")
	if code != exitOK || !strings.Contains(errOut, ", 1 removed, ") || !strings.Contains(errOut, "dedupe: --prune kept ") {
		t.Errorf("index add --prune: exit %d, stderr %q; want 0, 1 removed and the documents kept", code, errOut)
	}
	// --max-lines leaves the rest of a file unread: none of it goes.
	if code, _, errOut := dedupe(t, "index", "add", "--db", "a.db", "--prune", "--max-lines", "1", "good.jsonl"); code != exitOK || !strings.Contains(errOut, ", 0 removed, ") {
		t.Errorf("index add --prune --max-lines 1: exit %d, stderr %q; want 0 and none removed", code, errOut)
	}
	ix := index.TestOpen(t, "a.db", index.Options{ReadOnly: true})
	got, err := ix.Paths("")
	want := []string{"bad.jsonl#d", "bad.jsonl#e", "bad.jsonl#f", "cut.jsonl.gz#x", "cut.jsonl.gz#y", "cut.jsonl.gz#z", "good.jsonl#a", "good.jsonl#c"}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("the index holds %q, %v; want %q", got, err, want)
	}
}

// TestIndexAddPruneOtherFile: pruning the file "a" keeps the records of the file "a#x.jsonl",
// whose names start as a record of "a" would ("a#x.jsonl#r0"), while that file is there.
func TestIndexAddPruneOtherFile(t *testing.T) {
	texts := testfs.ReadFiles(t, []string{seedOriginal, seedIndependent})
	record, err := json.Marshal(map[string]string{"id": "r0", "text": texts[1]})
	if err != nil {
		t.Fatal(err)
	}
	testfs.WorkIn(t, map[string]string{"a": texts[0], "a#x.jsonl": string(record) + "\n"})
	if code, _, errOut := dedupe(t, "index", "add", "-q", "--db", "i.db", "a", "a#x.jsonl"); code != exitOK {
		t.Fatalf("index add: exit %d, %s", code, errOut)
	}
	if code, _, errOut := dedupe(t, "index", "add", "--db", "i.db", "--prune", "a"); code != exitOK || !strings.Contains(errOut, ", 0 removed, ") {
		t.Errorf("index add --prune a: exit %d, stderr %q; want 0 and none removed", code, errOut)
	}
}
