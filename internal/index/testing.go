package index

import (
	"bytes"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/dedupe-dev/dedupe/internal/anchor"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/param"
	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// TestParams returns the parameters of [TestIndex]: English, two-word shingles, seed 1,
// common shingles from 1% and the default anchors, as a new index has by default, but 128
// permutations in 128 one-row bands where the default is 256 in 256.
func TestParams() Params {
	p := Params{Language: "english", ShingleSize: 2, NumPerm: 128, Bands: 128, Rows: 1, Seed: 1, ShingleDF: 0.01,
		Anchor: param.Defaults[anchor.Params](anchor.Specs)}
	p.Anchor.MinShare = 0 // not stored: see Params.Anchor
	return p
}

// TestIndex creates an empty index with [TestParams] in a temporary directory of t and closes
// it when the test ends. Its file is [Index.Path].
func TestIndex(t testing.TB) *Index {
	t.Helper()
	ix, err := Create(filepath.Join(t.TempDir(), "test.db"), TestParams(), Options{LockTimeout: time.Second})
	return closedAtEnd(t, ix, err)
}

// TestOpen opens the index at path with opts, failing t if it cannot, and closes it when the
// test ends.
func TestOpen(t testing.TB, path string, opts Options) *Index {
	t.Helper()
	ix, err := Open(path, opts)
	return closedAtEnd(t, ix, err)
}

// closedAtEnd returns ix, which is closed when t ends, or fails t with err, the error of
// creating or opening it.
func closedAtEnd(t testing.TB, ix *Index, err error) *Index {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// TestDocument returns the document at path with the given text, analysed as English like
// dedupe does.
func TestDocument(t testing.TB, path, text string) Document {
	t.Helper()
	an, err := normalize.New("english")
	if err != nil {
		t.Fatal(err)
	}
	return Document{Path: path, Sketch: sketch.New(an.Analyze(text))}
}

// Overwritten returns a copy of file with n bytes drawn from r written at an offset drawn from
// r, and that offset: the damage of issue 19, item 3 (64 random bytes at 30 offsets of an
// index made bbolt panic), which the index's tests and those of dedupe's commands both do to
// an index file. The same r gives the same damage.
func Overwritten(r *rand.Rand, file []byte, n int) (b []byte, off int) {
	b = bytes.Clone(file)
	off = r.IntN(len(b) - n)
	for i := range n {
		b[off+i] = byte(r.Uint32())
	}
	return b, off
}
