package index_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dedupe-dev/dedupe/internal/index"
	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// smallIndex returns the bytes of an index of three documents, and the first of them.
func smallIndex(t testing.TB) ([]byte, index.Document) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "small.db")
	ix, err := index.Create(path, index.TestParams(), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs := []index.Document{article(t, "a.txt", 1), article(t, "b.txt", 2), article(t, "c.txt", 3)}
	if _, err := ix.Add(docs); err != nil {
		t.Fatal(err)
	}
	if err := ix.Remove("b.txt"); err != nil { // frees pages, so that the freelist is not empty
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	b := testfs.ReadFile(t, path)
	return b, docs[0]
}

// useDamaged writes b to a file and uses it as every command does: opened read-only and for
// writing, every read, a write and the integrity check. Any of them may fail, none may crash
// the process, and a failed Open must leave the file as it was. It returns the first error.
func useDamaged(t *testing.T, b []byte, doc index.Document) error {
	path := filepath.Join(t.TempDir(), "damaged.db")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	var first error
	keep := func(err error) {
		if first == nil {
			first = err
		}
	}
	for _, ro := range []bool{true, false} {
		ix, err := index.Open(path, index.Options{ReadOnly: ro, LockTimeout: time.Second})
		if err != nil {
			if after, _ := os.ReadFile(path); !bytes.Equal(after, b) {
				t.Fatalf("Open(ReadOnly: %v) failed with %v and changed the file", ro, err)
			}
			keep(err)
			continue
		}
		_, err = ix.Stats()
		keep(err)
		_, err = ix.Lookup(doc.Path)
		keep(err)
		_, _, err = ix.Query(&doc.Sketch, index.QueryOptions{})
		keep(err)
		_, err = ix.QueryBatch([]*sketch.Sketch{&doc.Sketch}, index.QueryOptions{Workers: 2})
		keep(err)
		keep(ix.CheckIntegrity(t.Context()))
		if !ro {
			_, err = ix.Add([]index.Document{doc})
			keep(err)
			keep(ix.Remove(doc.Path))
		}
		ix.Close()
	}
	return first
}

// TestOpenDamaged checks the repros of issue 19, item 3: an index truncated to half, and 64
// random bytes written at offsets across it, made bbolt panic or fault.
func TestOpenDamaged(t *testing.T) {
	good, doc := smallIndex(t)
	if err := useDamaged(t, good, doc); err != nil {
		t.Fatalf("intact index: %v", err)
	}
	for _, n := range []int{len(good) / 2, 4096 + 100, 100} {
		err := useDamaged(t, good[:n], doc)
		if !errors.Is(err, index.ErrCorrupt) {
			t.Errorf("truncated to %d bytes: %v; want ErrCorrupt", n, err)
		}
	}
	r := rand.New(rand.NewPCG(19, 3))
	for range 30 {
		b, off := index.Overwritten(r, good, 64)
		if err := useDamaged(t, b, doc); err != nil && !errors.Is(err, index.ErrCorrupt) {
			t.Errorf("64 random bytes at %d: %v; want nil or ErrCorrupt", off, err)
		}
	}
}

// TestOpenCycle checks that a branch page naming itself as a child, which made bbolt's cursor
// loop until the memory ran out on a read-only open, is ErrCorrupt at Open, read-only or not.
// The test finds the branch pages by their headers (16 bytes: id, flags, count, overflow) and
// points each element's child (the 8 bytes after its offset and key size) back at the page.
// A branch page on the freelist, which smallIndex's removal leaves, is not in the tree and
// its damage harmless, so at least one, not every, damaged file must be ErrCorrupt.
func TestOpenCycle(t *testing.T) {
	const pageSize, branch = 4096, 0x01
	good, doc := smallIndex(t)
	corrupt := 0
	for id := 2; id < len(good)/pageSize; id++ {
		page := good[id*pageSize:]
		if binary.NativeEndian.Uint16(page[8:]) != branch {
			continue
		}
		for i := range int(binary.NativeEndian.Uint16(page[10:])) {
			b := bytes.Clone(good)
			binary.NativeEndian.PutUint64(b[id*pageSize+16+i*16+8:], uint64(id))
			switch err := useDamaged(t, b, doc); {
			case errors.Is(err, index.ErrCorrupt):
				corrupt++
			case err != nil:
				t.Errorf("branch page %d, child %d named as the page itself: %v; want nil or ErrCorrupt", id, i, err)
			}
		}
	}
	if corrupt == 0 {
		t.Fatal("no branch page named as its own child made the index ErrCorrupt")
	}
}

// TestOpenEmpty checks that a file of 0 bytes, as mktemp makes, is ErrEmpty for Open, is left
// empty, and becomes a new index with Create (issue 19, item 8).
func TestOpenEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, ro := range []bool{true, false} {
		if _, err := index.Open(path, index.Options{ReadOnly: ro}); !errors.Is(err, index.ErrEmpty) {
			t.Errorf("Open(ReadOnly: %v) = %v; want ErrEmpty", ro, err)
		}
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() != 0 {
		t.Fatalf("after Open: %v, %v; want an empty file", fi, err)
	}
	ix, err := index.Create(path, index.TestParams(), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n, err := ix.Len(); n != 0 || err != nil {
		t.Errorf("Len = %d, %v; want 0", n, err)
	}
}

// FuzzOpen damages a small valid index: data overwrites its bytes from off (modulo its size),
// and a cut other than 0 truncates it to cut modulo its size. Every use of it must work or fail
// with an error, never crash the process as bbolt did on such files (issue 19, item 3).
func FuzzOpen(f *testing.F) {
	good, doc := smallIndex(f)
	f.Add(uint32(0), []byte{}, uint32(0))
	f.Add(uint32(0), []byte{}, uint32(len(good)/2))
	f.Add(uint32(16), []byte{1}, uint32(0)) // meta 0's magic
	f.Add(uint32(4096+16), []byte{1}, uint32(0))
	for off := 2 * 4096; off < len(good); off += 4096 { // every page header and first elements
		f.Add(uint32(off), bytes.Repeat([]byte{0xa5}, 64), uint32(0))
		f.Add(uint32(off+16), []byte{0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0, 0xff, 0xff}, uint32(0))
	}
	f.Fuzz(func(t *testing.T, off uint32, data []byte, cut uint32) {
		b := bytes.Clone(good)
		copy(b[int(off)%len(b):], data)
		if cut != 0 {
			b = b[:int(cut)%len(b)]
		}
		useDamaged(t, b, doc)
	})
}

// TestCheckNamesFewProblems: bbolt's check finds a problem per damaged key, thousands on a few
// damaged pages; CheckIntegrity names the first five and counts the rest (40 damaged pages
// printed 220 KB on one line).
func TestCheckNamesFewProblems(t *testing.T) {
	path := filepath.Join(t.TempDir(), "many.db")
	ix, err := index.Create(path, index.TestParams(), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var docs []index.Document
	for i := range 300 {
		docs = append(docs, article(t, fmt.Sprintf("d%03d.txt", i), uint64(i)))
	}
	if _, err := ix.Add(docs); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	b := testfs.ReadFile(t, path)
	// Bad bytes in the keys and values of 40 leaf pages from the middle third on, past each
	// page's header and element headers: damage there makes pages that Open's walk of the
	// tree accepts (a branch page's would point outside the file, which Open finds).
	damaged := 0
	for off := len(b) / 3 / 4096 * 4096; damaged < 40 && off+4096 <= len(b); off += 4096 {
		flags, count := binary.LittleEndian.Uint16(b[off+8:]), int(binary.LittleEndian.Uint16(b[off+10:]))
		if start := off + 16 + 16*count; flags == 0x02 && start+200 <= off+4096 { // bbolt's leaf page
			copy(b[start:start+200], bytes.Repeat([]byte{0xaa}, 200))
			damaged++
		}
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	ix, err = index.Open(path, index.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("Open: %v; want the damage, inside pages, found by the check only", err)
	}
	defer ix.Close()
	err = ix.CheckIntegrity(t.Context())
	if !errors.Is(err, index.ErrCorrupt) {
		t.Fatalf("CheckIntegrity = %v; want ErrCorrupt", err)
	}
	if lines := strings.Count(err.Error(), "\n") + 1; lines > 6 || len(err.Error()) > 2000 {
		t.Errorf("CheckIntegrity named %d problems in %d bytes; want at most 5 and a count:\n%.500s", lines, len(err.Error()), err)
	}
}
