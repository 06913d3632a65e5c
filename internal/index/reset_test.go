package index_test

import (
	"context"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/index"
)

// TestReset: an index that holds no document takes new parameters, which it keeps when opened
// again, and gives the next document a new id, not one of a document removed; one that holds
// a document refuses them and keeps its own.
func TestReset(t *testing.T) {
	ix := index.TestIndex(t)
	if _, err := ix.Add([]index.Document{article(t, "a.txt", 1)}); err != nil {
		t.Fatal(err)
	}
	first, err := ix.Lookup("a.txt")
	if err != nil {
		t.Fatal(err)
	}
	p := index.TestParams()
	p.ShingleSize, p.NumPerm, p.Bands = 3, 64, 64
	if err := ix.Reset(p); err == nil || ix.Params() != index.TestParams() {
		t.Errorf("Reset of an index holding a document: %v, parameters %+v; want an error and the old ones", err, ix.Params())
	}
	if err := ix.Remove("a.txt"); err != nil {
		t.Fatal(err)
	}
	if err := ix.Reset(p); err != nil || ix.Params() != p {
		t.Fatalf("Reset of an empty index: %v, parameters %+v; want %+v", err, ix.Params(), p)
	}
	path := ix.Path()
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix = index.TestOpen(t, path, index.Options{})
	if ix.Params() != p {
		t.Errorf("opened again: parameters %+v; want %+v", ix.Params(), p)
	}
	if _, err := ix.Add([]index.Document{article(t, "b.txt", 2)}); err != nil {
		t.Fatal(err)
	}
	if rec, err := ix.Lookup("b.txt"); err != nil || rec.ID <= first.ID {
		t.Errorf("the document added after Reset has id %d (%v); want more than the removed one's %d", rec.ID, err, first.ID)
	}
	if err := ix.CheckIntegrity(context.Background()); err != nil {
		t.Errorf("CheckIntegrity after Reset: %v", err)
	}
}
