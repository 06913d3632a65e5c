package index

import (
	"fmt"
	"math"
	"os"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// Stats describes an index.
type Stats struct {
	Params          Params
	Meta            []Field // every meta entry, in key order
	Documents       int
	BandEntries     int
	NewBandEntries  int // of BandEntries, those in new_bands, not yet moved to bands (see newbands.go)
	AnchorEntries   int // documents in the posting lists of the rare anchors
	CommonAnchors   int // anchors in more than Anchor.MaxDocs documents, whose lists are not kept
	CommonShingles  int // shingles left out of signatures
	CommonDocuments int // documents the common shingles were learned from; 0 while not learned
	Size            int64
}

// Len returns the number of documents in the index. It counts the entries of the paths bucket,
// the smallest, so it is cheaper than Stats.
func (ix *Index) Len() (int, error) {
	var n int
	err := ix.view(func(tx *bolt.Tx) error {
		n = countKeys(tx.Bucket(bucketPaths), math.MaxInt)
		return nil
	})
	return n, err
}

// Paths returns the paths of the documents whose path starts with prefix, in byte order.
func (ix *Index) Paths(prefix string) ([]string, error) {
	var out []string
	err := ix.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketPaths).Cursor()
		for k, _ := c.Seek([]byte(prefix)); k != nil && strings.HasPrefix(string(k), prefix); k, _ = c.Next() {
			out = append(out, string(k))
		}
		return nil
	})
	return out, err
}

// Stats counts the documents, band entries (the ids in the posting lists) and anchors and reports the
// size of the file. It walks the pages of the buckets, so it takes time in proportion to the size of the index.
func (ix *Index) Stats() (Stats, error) {
	st := Stats{Params: ix.params}
	err := ix.view(func(tx *bolt.Tx) error {
		err := tx.Bucket(bucketMeta).ForEach(func(k, v []byte) error {
			st.Meta = append(st.Meta, Field{string(k), string(v)})
			return nil
		})
		if err != nil {
			return err
		}
		cs, err := ix.commonIn(tx)
		if err != nil {
			return err
		}
		st.CommonShingles, st.CommonDocuments = cs.shingles.Len(), cs.docs
		st.Documents = countKeys(tx.Bucket(bucketDocs), math.MaxInt)
		if st.BandEntries, err = countPostings(tx.Bucket(bucketBands)); err != nil {
			return err
		}
		if b := tx.Bucket(bucketNewBands); b != nil {
			if st.NewBandEntries, err = countPostings(b); err != nil {
				return err
			}
			st.BandEntries += st.NewBandEntries
		}
		st.AnchorEntries, st.CommonAnchors, err = countAnchors(tx)
		st.Size = tx.Size()
		return err
	})
	if fi, err := os.Stat(ix.path); err == nil {
		st.Size = fi.Size()
	}
	return st, err
}

// countKeys returns the number of keys in b, counting up to limit. It counts with a cursor, not
// with Bucket.Stats: Stats also counts the keys of nested buckets, which an index has none of,
// by recursing into every element flagged as one, and a damaged page whose bucket element names
// its own page made that recursion endless, a stack overflow no recover catches (FuzzOpen found
// it). A cursor steps over such an element. It also sees the writes of its own transaction,
// which Stats does not.
func countKeys(b *bolt.Bucket, limit int) int {
	n := 0
	c := b.Cursor()
	for k, _ := c.First(); k != nil && n < limit; k, _ = c.Next() {
		n++
	}
	return n
}

// countPostings returns the number of ids in the posting lists of bands.
func countPostings(bands *bolt.Bucket) (int, error) {
	n := 0
	err := bands.ForEach(func(k, v []byte) error {
		m, _, err := postingsLen(v)
		if err != nil || len(k) != keyLen {
			return fmt.Errorf("%w (band key %x)", errCorruptPostings, k)
		}
		n += m
		return nil
	})
	return n, err
}
