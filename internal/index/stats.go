package index

import (
	"fmt"
	"os"

	bolt "go.etcd.io/bbolt"
)

// Stats describes an index.
type Stats struct {
	Params          Params
	Meta            []Field // every meta entry, in key order
	Documents       int
	BandEntries     int
	CommonShingles  int // shingles left out of signatures
	CommonDocuments int // documents the common shingles were learned from; 0 while not learned
	Size            int64
}

// Len returns the number of documents in the index. It counts the entries of the paths bucket,
// the smallest, so it is cheaper than Stats.
func (ix *Index) Len() (int, error) {
	var n int
	err := ix.view(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketPaths).Stats().KeyN
		return nil
	})
	return n, err
}

// Stats counts the documents and band entries (the ids in the posting lists) and reports the
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
		st.Documents = tx.Bucket(bucketDocs).Stats().KeyN
		st.BandEntries, err = countPostings(tx.Bucket(bucketBands))
		st.Size = tx.Size()
		return err
	})
	if fi, err := os.Stat(ix.path); err == nil {
		st.Size = fi.Size()
	}
	return st, err
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
