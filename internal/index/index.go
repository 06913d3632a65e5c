package index

import (
	"encoding/binary"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/dedupe-dev/dedupe/internal/lsh"
	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// Index is a persistent, crash-safe index of document sketches and their LSH band keys in a
// bbolt file. Its methods are safe for concurrent use; writes are serialised by bbolt.
type Index struct {
	db       *bolt.DB
	path     string
	readOnly bool
	format   int // see Format
	params   Params
	proto    *lsh.Signer               // cloned into signers
	signers  sync.Pool                 // of *lsh.Signer, for Query
	common   atomic.Pointer[commonSet] // cache of the common shingles, see commonIn
}

// Document is what the index keeps of an article: no text, only what checking needs.
type Document struct {
	Path   string // the id: unique in the index, 1 to 32,768 bytes
	Title  string
	Date   time.Time // the zero time when unknown
	Sketch sketch.Sketch
}

// Record is an indexed document.
type Record struct {
	ID uint64 // assigned when the path is first added, never reused
	Document
}

// Candidate is an indexed document that shares band keys or rare anchors with a query.
type Candidate struct {
	Record
	Shared  int // band keys shared with the query
	Anchors int // anchors shared with the query that are rare in the archive and the query
}

// Close releases the file and its lock.
func (ix *Index) Close() error { return ix.db.Close() }

// Path returns the index file's path.
func (ix *Index) Path() string { return ix.path }

// Lookup returns the document indexed under path, or an error matching ErrNotFound.
func (ix *Index) Lookup(path string) (Record, error) {
	var rec Record
	err := ix.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketPaths).Get([]byte(path))
		if v == nil {
			return fmt.Errorf("%q: %w", path, ErrNotFound)
		}
		var err error
		rec, err = getRecord(tx.Bucket(bucketDocs), v)
		return err
	})
	return rec, err
}

// Digests returns the sketch digest of each of paths that the index holds, in one read
// transaction; a path it does not hold has no entry. Two documents with one digest have the
// same text, as far as the sketch keeps it.
func (ix *Index) Digests(paths []string) (map[string]uint64, error) {
	found := make(map[string]uint64)
	err := ix.view(func(tx *bolt.Tx) error {
		byPath, docs := tx.Bucket(bucketPaths), tx.Bucket(bucketDocs)
		for _, p := range paths {
			v := byPath.Get([]byte(p))
			if v == nil {
				continue
			}
			rec := docs.Get(v)
			if rec == nil {
				return fmt.Errorf("%w: %q is referenced but missing", ErrCorrupt, p)
			}
			digest, err := recordDigest(rec)
			if err != nil {
				return fmt.Errorf("%q: %w", p, err)
			}
			found[p] = digest
		}
		return nil
	})
	return found, err
}

// getRecord reads and decodes the record under idKey.
func getRecord(docs *bolt.Bucket, idKey []byte) (Record, error) {
	if len(idKey) != keyLen {
		return Record{}, fmt.Errorf("%w: id of %d bytes", ErrCorrupt, len(idKey))
	}
	id := binary.BigEndian.Uint64(idKey)
	v := docs.Get(idKey)
	if v == nil {
		return Record{}, fmt.Errorf("%w: document %d is referenced but missing", ErrCorrupt, id)
	}
	return decodeRecord(id, v)
}

// eachRecord calls fn for every record of docs in id order.
func eachRecord(docs *bolt.Bucket, fn func(*Record) error) error {
	return docs.ForEach(func(k, v []byte) error {
		if len(k) != keyLen {
			return fmt.Errorf("%w: id of %d bytes", ErrCorrupt, len(k))
		}
		rec, err := decodeRecord(binary.BigEndian.Uint64(k), v)
		if err != nil {
			return err
		}
		return fn(&rec)
	})
}
