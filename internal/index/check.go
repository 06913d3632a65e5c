package index

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// CheckIntegrity verifies the whole file: that every page of the tree lies in the file (see
// pageWalker), bbolt's own consistency check of every page, then the index's invariants: every
// record decodes, paths and documents map one to one, the band entries are exactly the keys
// of the indexed documents, re-signed from their sketches, the anchors bucket lists exactly
// their anchors, and the document frequencies are those of their terms. It reads everything and re-signs
// every document, so it takes time in proportion to the index. The page walk reads the file,
// not the transaction's snapshot: Add and Remove on this Index must not run meanwhile (other
// processes cannot write while this one holds the file's lock). The error wraps ErrCorrupt
// and names the file. Cancelling ctx (Ctrl-C) stops it, with ctx.Err(), after bbolt's check
// of the pages, between documents.
// maxCheckErrors is how many of the problems bbolt's check finds CheckIntegrity names.
const maxCheckErrors = 5

func (ix *Index) CheckIntegrity(ctx context.Context) error {
	return ix.view(func(tx *bolt.Tx) error {
		// Before tx.Check, which would fault on a pointer out of the file (see pageWalker).
		if err := checkFile(ix.path); err != nil {
			return err
		}
		// The first few problems name the damage; a damaged page can make thousands (40 pages
		// of bad bytes printed 220 KB on one line).
		var errs []error
		found := 0
		for err := range tx.Check() {
			if found++; len(errs) < maxCheckErrors {
				errs = append(errs, err)
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if found > len(errs) {
			errs = append(errs, fmt.Errorf("and %d more problems", found-len(errs)))
		}
		if len(errs) > 0 {
			return fmt.Errorf("%w: %w", ErrCorrupt, errors.Join(errs...))
		}
		w, err := ix.newWriter(tx)
		if err != nil {
			return err
		}
		entries := 0
		var ids []uint64
		var anchors []anchorEntry
		var key [keyLen]byte
		err = eachRecord(w.docs, func(rec *Record) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if id := w.paths.Get([]byte(rec.Path)); len(id) != keyLen || binary.BigEndian.Uint64(id) != rec.ID {
				return fmt.Errorf("%w: document %d: path %q maps to %x", ErrCorrupt, rec.ID, rec.Path, id)
			}
			w.countTerms(&rec.Sketch, 1)
			w.keys = w.signer.Keys(w.keys, &rec.Sketch, w.filter)
			for _, bk := range w.keys {
				found := false
				for _, b := range []*bolt.Bucket{w.bands, w.newBands} {
					if b == nil || found {
						continue
					}
					var err error
					ids, err = appendIDs(ids[:0], b.Get(putID(key[:0], bk)))
					_, found = slices.BinarySearch(ids, rec.ID)
					if err != nil {
						found = false
						break
					}
				}
				if !found {
					return fmt.Errorf("%w: document %d: band key %016x missing", ErrCorrupt, rec.ID, bk)
				}
			}
			entries += len(w.keys)
			if w.anchors != nil {
				w.anchorBuf = w.params.anchorsOf(w.anchorBuf, &w.seq, &rec.Sketch)
				for _, a := range w.anchorBuf {
					anchors = append(anchors, anchorEntry{a, rec.ID})
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		if n, m := countKeys(w.docs, math.MaxInt), countKeys(w.paths, math.MaxInt); n != m {
			return fmt.Errorf("%w: %d documents but %d paths", ErrCorrupt, n, m)
		}
		n, err := countPostings(w.bands)
		if err != nil {
			return err
		}
		if w.newBands != nil {
			m, err := countPostings(w.newBands)
			if err != nil {
				return err
			}
			n += m // an entry in both buckets would be counted twice: more than the documents have
		}
		if n != entries {
			return fmt.Errorf("%w: %d band entries, the documents have %d", ErrCorrupt, n, entries)
		}
		if err := checkAnchors(tx, w.params, anchors); err != nil {
			return err
		}
		return checkDF(tx, w.dfDelta)
	})
}
