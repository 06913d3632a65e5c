package index

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// The entries of documents added in small batches go to three small buckets, new_bands,
// new_anchors and new_df, instead of bands, anchors and df. The keys of those three are random
// (hashes), so a transaction changes a page of them for nearly every key it adds, and bbolt
// holds each page it changes in memory, decoded, until it commits: a check --add of 261
// articles to an index of 50,000 changed 43,000 pages of bands alone and took 1.5 GB, where
// the analysis of the articles takes tens of megabytes, and it undid a compaction. The new
// buckets are small, so such a transaction changes few pages. Once new_bands holds more than
// a newShare-th of the band entries, every new entry moves to the large buckets
// (Index.mergeNew), in transactions of a range of keys each: every page of the large
// buckets is then rewritten once for many new entries, instead of once per entry.
//
// What the two buckets of a kind hold together is what the large one alone would: a document's
// entry under a band key or an anchor is in one of them, never both, and queries read both
// lists of a key as one; a term's document frequency is its count in df plus the signed change
// in new_df. An anchor stays listed in new_anchors while anchors counts it as common (more
// than Anchor.MaxDocs documents), and it may hold more than Anchor.MaxDocs documents in the two
// lists together until they merge: either way a query counts every document holding it, and a
// merge stores the anchor as anchors would have.
const (
	// newShare is the share of the band entries that new_bands may hold before the new entries
	// merge: a 32nd keeps new_bands to a few thousand pages for 50,000 documents.
	newShare = 32
	// mergeEntries is about how many entries of bands one merge transaction rewrites the
	// pages of: about 5,000 pages, 100 MB of memory.
	mergeEntries = 1 << 19
)

// newMin is the fewest band entries new_bands holds before the new entries merge: a small
// index would otherwise merge at every add. A variable for the tests.
var newMin = 1 << 16

// toNew reports whether a batch of n documents added to an index of indexed documents goes to
// the new buckets: a batch of at least a newShare-th of the index changes most pages of the
// large buckets anyway (the batches of a bulk load grow with the index to an eighth of it, see
// archive.Adder), and goes there directly.
func toNew(n, indexed int) bool {
	return n*newShare < indexed
}

// useNew makes w put its entries in the new buckets, creating them in an index of format 6,
// which predates them, and making it format 7.
func (w *writer) useNew() error {
	created := false
	get := func(name []byte) (*bolt.Bucket, error) {
		if b := w.tx.Bucket(name); b != nil {
			return b, nil
		}
		created = true
		return w.tx.CreateBucket(name)
	}
	var err error
	if w.newBands, err = get(bucketNewBands); err != nil {
		return err
	}
	if w.newDF, err = get(bucketNewDF); err != nil {
		return err
	}
	if w.anchors != nil {
		if w.newAnchors, err = get(bucketNewAnchors); err != nil {
			return err
		}
	}
	w.toNew = true
	if !created {
		return nil
	}
	return w.tx.Bucket(bucketMeta).Put([]byte(metaFormat), []byte(fmt.Sprint(FormatVersion)))
}

// MergeNew moves the new entries into the large buckets when new_bands holds more than a
// newShare-th of the band entries of the index's documents, in transactions of a range of keys
// each (newentries.go), and reports whether it merged. A caller adding documents calls it once
// it has reported them: a merge takes longer than a small add, and a crash or a cancelled ctx
// (checked between transactions) leaves every entry in one bucket or the other, the rest to
// merge by a later call.
func (ix *Index) MergeNew(ctx context.Context) (bool, error) {
	return ix.mergeNew(ctx, false)
}

// mergeNew is MergeNew, merging whatever new_bands holds when all is true.
func (ix *Index) mergeNew(ctx context.Context, all bool) (bool, error) {
	if ix.readOnly {
		return false, nil
	}
	var pending, docs int
	err := ix.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketNewBands)
		if b == nil {
			return nil
		}
		var err error
		pending, err = countPostings(b)
		docs = countKeys(tx.Bucket(bucketPaths), math.MaxInt)
		return err
	})
	estimate := docs * ix.params.Bands // the entries of bands, about
	if err != nil || pending == 0 || !all && pending < max(newMin, estimate/newShare) {
		return false, err
	}
	parts := uint64(max(1, estimate/mergeEntries))
	step := math.MaxUint64 / parts
	for p := range parts {
		if err := ctx.Err(); err != nil {
			return false, err
		}
		lo, hi := p*step, p*step+step-1
		if p == parts-1 {
			hi = math.MaxUint64
		}
		err := ix.update(func(tx *bolt.Tx) error {
			w, err := ix.newWriter(tx)
			if err != nil {
				return err
			}
			return w.mergeRange(lo, hi)
		})
		if err != nil {
			return false, err
		}
	}
	return true, nil
}

// mergeRange moves the new entries whose band keys are in [lo, hi], and whose anchors and terms
// are in the same share of their 32 bits, into the large buckets.
func (w *writer) mergeRange(lo, hi uint64) error {
	if w.newBands == nil {
		return nil
	}
	var ids []uint64
	err := w.moveRange(w.newBands, keyLen, lo, hi, func(key, v []byte) error {
		var err error
		if ids, err = appendIDs(ids[:0], v); err != nil {
			return err
		}
		if ids, err = appendIDs(ids, w.bands.Get(key)); err != nil {
			return err
		}
		slices.Sort(ids) // a replaced document keeps its id, older than those in bands
		return w.putPostings(w.bands, key, ids)
	})
	if err != nil {
		return err
	}
	if w.newAnchors != nil {
		err = w.moveRange(w.newAnchors, anchorKeyLen, lo>>32, hi>>32, func(key, v []byte) error {
			n, list, err := anchorValue(w.anchors.Get(key))
			if err != nil {
				return err
			}
			if n > 0 && list == nil { // common
				m, err := listLen(v)
				if err != nil {
					return err
				}
				return w.putAnchorCount(key, n+m)
			}
			if ids, err = appendIDs(ids[:0], v); err != nil {
				return err
			}
			if ids, err = appendIDs(ids, list); err != nil {
				return err
			}
			slices.Sort(ids)
			return w.putAnchor(key, ids)
		})
		if err != nil {
			return err
		}
	}
	if w.newDF != nil {
		return w.moveRange(w.newDF, termKeyLen, lo>>32, hi>>32, func(key, v []byte) error {
			d, err := dfDelta(v)
			if err != nil {
				return err
			}
			return w.putDF(key, d)
		})
	}
	return nil
}

// moveRange calls move with every key of the new bucket nb, of keys of size bytes, in [lo, hi]
// and its value, then deletes those keys from nb. The key passed to move comes from the arena,
// as putPostings needs it.
func (w *writer) moveRange(nb *bolt.Bucket, size int, lo, hi uint64, move func(key, v []byte) error) error {
	start := binary.BigEndian.AppendUint64(nil, lo)[8-size:]
	var keys [][]byte
	c := nb.Cursor()
	for k, v := c.Seek(start); k != nil; k, v = c.Next() {
		if len(k) != size {
			return fmt.Errorf("%w: key %x in a bucket of %d-byte keys", ErrCorrupt, k, size)
		}
		if keyUint(k) > hi {
			break
		}
		key := w.alloc(size)
		copy(key, k)
		if err := move(key, v); err != nil {
			return fmt.Errorf("%w (new entry %x)", err, k)
		}
		keys = append(keys, key)
	}
	for _, k := range keys {
		if err := nb.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// keyUint returns the big-endian integer of a key of 4 or 8 bytes.
func keyUint(k []byte) uint64 {
	if len(k) == 4 {
		return uint64(binary.BigEndian.Uint32(k))
	}
	return binary.BigEndian.Uint64(k)
}
