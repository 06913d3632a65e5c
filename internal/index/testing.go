package index

import (
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
