package index_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/dedupe-dev/dedupe/internal/index"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// queryAll queries every document of docs against ix and returns the candidates' paths and
// shared keys per query.
func queryAll(t *testing.T, ix *index.Index, docs []index.Document) []string {
	t.Helper()
	var out []string
	for _, d := range docs {
		cands, _, err := ix.Query(&d.Sketch, index.QueryOptions{})
		if err != nil {
			t.Fatal(err)
		}
		s := d.Path + ":"
		for _, c := range cands {
			s += fmt.Sprintf(" %s(%d)", c.Path, c.Shared)
		}
		out = append(out, s)
	}
	return out
}

// TestCompact removes a quarter of an index's documents, which frees pages but does not shrink
// the file, then compacts it: the file shrinks, and the index holds and answers the same.
func TestCompact(t *testing.T) {
	ix := index.TestIndex(t)
	path := ix.Path()
	var docs []index.Document
	for i := range 40 {
		docs = append(docs, article(t, fmt.Sprintf("%02d.txt", i), uint64(i)))
		// The copy of a near twin makes some queries find two documents.
		if i%4 == 0 {
			d := docs[i]
			d.Path = fmt.Sprintf("%02d-copy.txt", i)
			docs = append(docs, d)
		}
	}
	for i := 0; i < len(docs); i += 5 { // batches, as index add commits them
		if _, err := ix.Add(docs[i:min(i+5, len(docs))]); err != nil {
			t.Fatal(err)
		}
	}
	var gone []string
	for _, d := range docs[:len(docs)/4] {
		gone = append(gone, d.Path)
	}
	if err := ix.Remove(gone...); err != nil {
		t.Fatal(err)
	}
	want := queryAll(t, ix, docs)
	wantStats, err := ix.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	before := testfs.Size(t, path)

	st, err := index.Compact(path, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	after := testfs.Size(t, path)
	if st.Before != before || st.After != after || st.Documents != len(docs)-len(gone) {
		t.Errorf("Compact = %+v; want Before %d, After %d, Documents %d", st, before, after, len(docs)-len(gone))
	}
	// The live pages of 38 documents' sketches and 128 band keys each fill about a third of the
	// file that held 50 documents and the copies of every batch's pages.
	if after > before/2 {
		t.Errorf("compacted %d bytes to %d; want at most half", before, after)
	}
	if _, err := os.Stat(path + ".compact"); !os.IsNotExist(err) {
		t.Errorf("the temporary file is left: %v", err)
	}
	ix = index.TestOpen(t, path, index.Options{})
	if err := ix.CheckIntegrity(t.Context()); err != nil {
		t.Errorf("CheckIntegrity after Compact: %v", err)
	}
	if got := queryAll(t, ix, docs); !reflect.DeepEqual(got, want) {
		t.Errorf("queries after Compact:\n%q\nwant\n%q", got, want)
	}
	gotStats, err := ix.Stats()
	if err != nil {
		t.Fatal(err)
	}
	wantStats.Size = gotStats.Size
	if !reflect.DeepEqual(gotStats, wantStats) {
		t.Errorf("Stats after Compact = %+v; want %+v", gotStats, wantStats)
	}
	// The next document gets the next id, as if nothing had been compacted.
	if _, err := ix.Add([]index.Document{article(t, "new.txt", 99)}); err != nil {
		t.Fatal(err)
	}
	if rec, err := ix.Lookup("new.txt"); err != nil || rec.ID != uint64(len(docs)+1) {
		t.Errorf("Lookup(new.txt) = id %d, %v; want %d", rec.ID, err, len(docs)+1)
	}
}

func TestShouldCompact(t *testing.T) {
	for _, tt := range []struct {
		before, after int64
		want          bool
	}{
		{131072, 262144, true},
		{131072, 131072, false},
		{100 << 20, 116 << 20, false}, // bbolt's 16 MB step on a large file
		{100 << 20, 126 << 20, true},
		{200, 100, false},
	} {
		if got := index.ShouldCompact(tt.before, tt.after); got != tt.want {
			t.Errorf("ShouldCompact(%d, %d) = %v; want %v", tt.before, tt.after, got, tt.want)
		}
	}
}

// TestOpenAfterReplace: a process that waited for the lock of an index file that was then
// replaced, as Compact replaces it, opens the new file, so that its write is not lost in a
// file no name leads to.
func TestOpenAfterReplace(t *testing.T) {
	ix := index.TestIndex(t)
	path := ix.Path()
	if _, err := ix.Add([]index.Document{article(t, "a.txt", 1)}); err != nil {
		t.Fatal(err)
	}
	// A copy of the file, made while ix holds the lock, takes its place once ix closes.
	data := testfs.ReadFile(t, path)
	next := filepath.Join(filepath.Dir(path), "next.db")
	if err := os.WriteFile(next, data, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() {
		w, err := index.Open(path, index.Options{LockTimeout: 10 * time.Second})
		if err == nil {
			_, err = w.Add([]index.Document{article(t, "b.txt", 2)})
			w.Close()
		}
		done <- err
	}()
	time.Sleep(100 * time.Millisecond) // let the writer wait for the lock (it is right without)
	if err := os.Rename(next, path); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	r := index.TestOpen(t, path, index.Options{ReadOnly: true})
	if _, err := r.Lookup("b.txt"); err != nil {
		t.Errorf("the write of the process that waited: %v; want it in the new file", err)
	}
}
