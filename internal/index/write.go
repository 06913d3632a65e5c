package index

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"github.com/dedupe-dev/dedupe/internal/lsh"
	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// AddStats counts what [Index.Add] did.
type AddStats struct {
	Added     int // new paths
	Replaced  int // paths already indexed with other content
	Unchanged int // paths already indexed with the same content: nothing was written
}

// Add indexes docs in one transaction: either all of them are in the index afterwards or, on
// error, none. A path already indexed with the same content (equal sketch digests) is left as
// it is; with other content its entry is replaced and keeps its id. Callers adding many
// documents call Add once per batch, so that a crash loses at most the batch being written.
//
// When the index first reaches CommonSample documents and Params.ShingleDF is not 0, Add also
// learns the common shingles from the documents indexed so far and re-signs all of them in the
// same transaction.
//
// Fewer new or changed documents than a 32nd of the index go to the buckets of new entries
// (newentries.go), which the caller merges into the large buckets with MergeNew once it has
// reported what it added.
func (ix *Index) Add(docs []Document) (AddStats, error) {
	if ix.readOnly {
		return AddStats{}, ErrReadOnly
	}
	var st AddStats
	var learned *commonSet
	err := ix.update(func(tx *bolt.Tx) error {
		st, learned = AddStats{}, nil
		w, err := ix.newWriter(tx)
		if err != nil {
			return err
		}
		if ix.format == 7 || ix.format == 8 { // see Open: the sketches added now are format 9's
			if err := tx.Bucket(bucketMeta).Put([]byte(metaFormat), []byte(strconv.Itoa(FormatVersion))); err != nil {
				return err
			}
		}
		if toNew(w.changed(docs), countKeys(w.paths, math.MaxInt)) && ix.format >= 6 {
			if err := w.useNew(); err != nil {
				return err
			}
		}
		for i := range docs {
			if err := w.add(&docs[i], &st); err != nil {
				return err
			}
		}
		if st.Added == 0 && st.Replaced == 0 {
			// Rolled back: a commit of nothing still rewrites the meta and freelist pages and
			// the file's time, which a re-add of an unchanged archive should not.
			return errNothingAdded
		}
		if err := w.flush(); err != nil {
			return err
		}
		if err := w.rebuildAnchors(); err != nil {
			return err
		}
		if err := w.flushDF(); err != nil {
			return err
		}
		if w.common.docs > 0 || ix.params.ShingleDF == 0 {
			return nil
		}
		if countKeys(w.docs, CommonSample) < CommonSample {
			return nil
		}
		learned, err = w.learnCommon()
		return err
	})
	if errors.Is(err, errNothingAdded) {
		return st, nil
	}
	if err != nil {
		return AddStats{}, err
	}
	if learned != nil {
		ix.common.Store(learned) // only once the transaction that stores it has committed
	}
	return st, nil
}

// changed counts the documents of docs that Add would write: new paths, or paths indexed with
// other content. An archive added again whole, a few hundred new files among thousands, is a
// small batch.
func (w *writer) changed(docs []Document) int {
	n := 0
	for i := range docs {
		v := w.paths.Get([]byte(docs[i].Path))
		if v == nil {
			n++
			continue
		}
		old := w.docs.Get(v)
		if old == nil {
			n++ // w.add reports the damage
			continue
		}
		if digest, err := recordDigest(old); err != nil || digest != docs[i].Sketch.Digest {
			n++
		}
	}
	return n
}

// errNothingAdded rolls back the transaction of an Add that found every document unchanged.
var errNothingAdded = errors.New("nothing added")

// Remove deletes the documents with the given paths in one transaction. If any path is not in
// the index it returns an error matching ErrNotFound and removes nothing.
func (ix *Index) Remove(paths ...string) error {
	if ix.readOnly {
		return ErrReadOnly
	}
	return ix.update(func(tx *bolt.Tx) error {
		w, err := ix.newWriter(tx)
		if err != nil {
			return err
		}
		for _, p := range paths {
			v := w.paths.Get([]byte(p))
			if v == nil {
				return fmt.Errorf("%q: %w", p, ErrNotFound)
			}
			rec, err := w.record(p, v)
			if err != nil {
				return err
			}
			if err := w.unindex(rec.ID, &rec.Sketch); err != nil {
				return err
			}
			if err := w.docs.Delete(v); err != nil {
				return err
			}
			if err := w.paths.Delete([]byte(p)); err != nil {
				return err
			}
		}
		if err := w.rebuildAnchors(); err != nil {
			return err
		}
		return w.flushDF()
	})
}

// writer holds the buckets and scratch state of one transaction.
type writer struct {
	tx                 *bolt.Tx
	params             *Params
	docs, paths, bands *bolt.Bucket
	// The buckets of the entries not yet merged (newentries.go): nil in an index of format 6
	// until its first small batch, and new_anchors in an index without anchors.
	newBands, newAnchors, newDF *bolt.Bucket
	toNew                       bool // entries go to the new buckets (useNew)
	common                      *commonSet
	signer                      *lsh.Signer
	filter                      func([]uint64) []uint64
	keys                        []uint64
	pending                     []entry          // band entries to put, sorted at flush
	arena                       []byte           // see alloc
	dfDelta                     map[uint32]int32 // document frequencies to add at flushDF
	terms                       []uint32         // scratch of countTerms
	anchors                     *bolt.Bucket     // nil when the index stores no anchors
	anchorAdds                  []anchorEntry    // anchors to put, sorted at flushAnchors
	rebuild                     map[uint32]bool  // common anchors to list again, see rebuildAnchors
	anchorBuf                   []uint32         // scratch of the anchor functions
	seq                         []uint64         // scratch of anchor.Document
	garble                      garbleDelta      // changes of the meta garble counts, see flushGarble
}

// entry is a band entry waiting in writer.pending: document id under band key key.
type entry struct{ key, id uint64 }

// newWriter returns a writer for tx, with the common shingles tx sees ([Index.commonIn]), so
// that the keys the writer stores and removes are those that queries compute. It fails where
// the common shingles cannot be read.
func (ix *Index) newWriter(tx *bolt.Tx) (*writer, error) {
	cs, err := ix.commonIn(tx)
	if err != nil {
		return nil, err
	}
	w := &writer{
		tx:     tx,
		params: &ix.params,
		docs:   tx.Bucket(bucketDocs),
		paths:  tx.Bucket(bucketPaths),
		bands:  tx.Bucket(bucketBands),
		common: cs,
		signer: ix.proto.Clone(),
		filter: cs.filter(),
	}
	w.newBands, w.newDF = tx.Bucket(bucketNewBands), tx.Bucket(bucketNewDF)
	if ix.params.Anchor.MinShared > 0 {
		w.anchors, w.newAnchors = tx.Bucket(bucketAnchors), tx.Bucket(bucketNewAnchors)
	}
	return w, nil
}

// bandsOut returns the bucket flush puts band entries in.
func (w *writer) bandsOut() *bolt.Bucket {
	if w.toNew {
		return w.newBands
	}
	return w.bands
}

// add writes one document; its band entries wait in pending until flush.
func (w *writer) add(d *Document, st *AddStats) error {
	if d.Path == "" || len(d.Path) > bolt.MaxKeySize {
		return fmt.Errorf("document path %q: must be 1 to %d bytes", d.Path, bolt.MaxKeySize)
	}
	var idKey []byte
	if v := w.paths.Get([]byte(d.Path)); v != nil {
		old := w.docs.Get(v)
		if old == nil || len(v) != keyLen {
			return fmt.Errorf("%w: path %q maps to a missing document", ErrCorrupt, d.Path)
		}
		digest, err := recordDigest(old)
		if err != nil {
			return fmt.Errorf("%w (document %d)", err, binary.BigEndian.Uint64(v))
		}
		if digest == d.Sketch.Digest {
			st.Unchanged++
			return nil
		}
		// The old entries may still be pending if the path came twice in this batch.
		if err := w.flush(); err != nil {
			return err
		}
		rec, err := w.record(d.Path, v)
		if err != nil {
			return err
		}
		if err := w.unindex(rec.ID, &rec.Sketch); err != nil {
			return err
		}
		idKey = bytes.Clone(v) // v is only valid until the next write
		st.Replaced++
	} else {
		id, err := w.docs.NextSequence()
		if err != nil {
			return err
		}
		idKey = putID(nil, id)
		if err := w.paths.Put([]byte(d.Path), idKey); err != nil {
			return err
		}
		st.Added++
	}
	rec, err := encodeRecord(d)
	if err != nil {
		return err
	}
	if err := w.docs.Put(idKey, rec); err != nil {
		return err
	}
	id := binary.BigEndian.Uint64(idKey)
	w.countTerms(&d.Sketch, 1)
	w.countGarble(&d.Sketch, 1)
	w.keys = w.signer.Keys(w.keys, &d.Sketch, w.filter)
	for _, k := range w.keys {
		w.pending = append(w.pending, entry{k, id})
	}
	w.addAnchors(id, &d.Sketch)
	return nil
}

// flush merges the pending band entries into the posting lists, one Get and one Put per band
// key, in key order: bbolt then walks its tree once from left to right instead of jumping
// between pages; then the pending anchors (flushAnchors).
func (w *writer) flush() error {
	slices.SortFunc(w.pending, func(a, b entry) int {
		return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.id, b.id))
	})
	var ids []uint64
	for i := 0; i < len(w.pending); {
		j := i + 1
		for j < len(w.pending) && w.pending[j].key == w.pending[i].key {
			j++
		}
		key := w.alloc(keyLen)
		binary.BigEndian.PutUint64(key, w.pending[i].key)
		var err error
		if ids, err = appendIDs(ids[:0], w.bandsOut().Get(key)); err != nil {
			return fmt.Errorf("%w (band key %016x)", err, w.pending[i].key)
		}
		old := len(ids)
		for _, e := range w.pending[i:j] {
			ids = append(ids, e.id)
		}
		// New documents have the largest ids, so the old list usually ends below the new ids.
		if old > 0 && ids[old-1] >= ids[old] {
			slices.Sort(ids)
			ids = slices.Compact(ids)
		}
		if err := w.putPostings(w.bandsOut(), key, ids); err != nil {
			return err
		}
		i = j
	}
	w.pending = w.pending[:0]
	return w.flushAnchors()
}

// putPostings stores ids as the posting list of key in b; key must come from alloc.
func (w *writer) putPostings(b *bolt.Bucket, key []byte, ids []uint64) error {
	if len(ids) == 0 {
		return b.Delete(key)
	}
	free := w.alloc(0)
	v := appendPostings(free, ids)
	if len(v) <= cap(free) { // else append gave v memory of its own
		w.arena = w.arena[:len(w.arena)+len(v)]
	}
	return b.Put(key, v)
}

// alloc returns n bytes of the arena; alloc(0) returns its free tail, to append to. bbolt keeps
// the keys and values a transaction puts until it commits, so they cannot share a scratch
// buffer; the arena gives them memory in large chunks instead of one allocation each.
func (w *writer) alloc(n int) []byte {
	const chunk = 1 << 20
	if cap(w.arena)-len(w.arena) < max(n, 4096) {
		w.arena = make([]byte, 0, max(chunk, n))
	}
	b := w.arena[len(w.arena) : len(w.arena)+n : cap(w.arena)]
	w.arena = w.arena[:len(w.arena)+n]
	return b
}

// record decodes the record that path maps to through idKey.
func (w *writer) record(path string, idKey []byte) (Record, error) {
	rec, err := getRecord(w.docs, idKey)
	if err == nil && rec.Path != path {
		err = fmt.Errorf("%w: path %q maps to document %d of path %q", ErrCorrupt, path, rec.ID, rec.Path)
	}
	return rec, err
}

// unindex deletes the band entries and the anchors of document id, re-signing its sketch to
// find them, and takes its terms out of the document frequencies.
func (w *writer) unindex(id uint64, sk *sketch.Sketch) error {
	w.countTerms(sk, -1)
	w.countGarble(sk, -1)
	if err := w.unindexAnchors(id, sk); err != nil {
		return err
	}
	w.keys = w.signer.Keys(w.keys, sk, w.filter)
	var ids []uint64
	for _, k := range w.keys {
		key := w.alloc(keyLen)
		binary.BigEndian.PutUint64(key, k)
		for _, b := range []*bolt.Bucket{w.bands, w.newBands} {
			if b == nil {
				continue
			}
			var err error
			if ids, err = appendIDs(ids[:0], b.Get(key)); err != nil {
				return fmt.Errorf("%w (band key %016x)", err, k)
			}
			if i, found := slices.BinarySearch(ids, id); found {
				if err := w.putPostings(b, key, slices.Delete(ids, i, i+1)); err != nil {
					return err
				}
				break // a document's entry is in one of the two
			}
		}
	}
	return nil
}
