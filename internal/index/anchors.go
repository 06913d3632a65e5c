package index

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"maps"
	"math"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/dedupe-dev/dedupe/internal/anchor"
	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// The anchors bucket holds, for every anchor of the indexed documents (package anchor), the
// documents that hold it while they are at most Anchor.MaxDocs: a posting list, as the bands
// bucket's (appendPostings). An anchor in more documents is common: it can never make a
// candidate again until documents are removed, and its list would grow with the archive, so
// its value becomes a count alone, a 0 byte (which no posting list begins with: a list is
// never empty) and the number of documents holding it as a uvarint. A removal that brings a
// common anchor back to MaxDocs documents finds them again in the records (rebuildAnchors).
const anchorKeyLen = 4

// anchorsOf returns the distinct anchors of sk in increasing order, the anchors of the index's
// parameters, appended to dst[:0]; seq is the scratch of anchor.Document.
func (p *Params) anchorsOf(dst []uint32, seq *[]uint64, sk *sketch.Sketch) []uint32 {
	dst, *seq = anchor.Document(dst[:0], *seq, sk, p.ShingleSize, p.Anchor.Window)
	slices.Sort(dst)
	return slices.Compact(dst)
}

// anchorValue decodes a value of the anchors bucket: the number of documents holding the
// anchor, and its posting list, nil when the anchor is common. A nil v, a missing key, is an
// anchor of no document.
func anchorValue(v []byte) (n int, list []byte, err error) {
	if v == nil {
		return 0, nil, nil
	}
	if v[0] == 0 {
		c, k := binary.Uvarint(v[1:])
		if k <= 0 || 1+k != len(v) || c == 0 {
			return 0, nil, errCorruptPostings
		}
		return int(c), nil, nil
	}
	if n, _, err = postingsLen(v); err != nil {
		return 0, nil, err
	}
	return n, v, nil
}

// anchorEntry is document id holding anchor a, waiting in writer.anchorAdds.
type anchorEntry struct {
	a  uint32
	id uint64
}

// addAnchors queues the anchors of document id, whose sketch is sk, for flushAnchors.
func (w *writer) addAnchors(id uint64, sk *sketch.Sketch) {
	if w.anchors == nil {
		return
	}
	w.anchorBuf = w.params.anchorsOf(w.anchorBuf, &w.seq, sk)
	for _, a := range w.anchorBuf {
		w.anchorAdds = append(w.anchorAdds, anchorEntry{a, id})
	}
}

// flushAnchors merges the queued anchors into the bucket, in anchor order as flush does the
// band entries, making common the anchors that pass Anchor.MaxDocs documents.
func (w *writer) flushAnchors() error {
	if len(w.anchorAdds) == 0 {
		return nil
	}
	slices.SortFunc(w.anchorAdds, func(x, y anchorEntry) int { return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.id, y.id)) })
	var ids []uint64
	for i := 0; i < len(w.anchorAdds); {
		j := i + 1
		for j < len(w.anchorAdds) && w.anchorAdds[j].a == w.anchorAdds[i].a {
			j++
		}
		key := w.anchorKey(w.anchorAdds[i].a)
		if w.toNew { // a list in new_anchors, whatever anchors holds
			if ids, err := appendIDs(ids[:0], w.newAnchors.Get(key)); err != nil {
				return fmt.Errorf("%w (new anchor %08x)", err, w.anchorAdds[i].a)
			} else if err := w.putPostings(w.newAnchors, key, appendAnchorIDs(ids, w.anchorAdds[i:j])); err != nil {
				return err
			}
			i = j
			continue
		}
		n, list, err := anchorValue(w.anchors.Get(key))
		if err != nil {
			return fmt.Errorf("%w (anchor %08x)", err, w.anchorAdds[i].a)
		}
		if list == nil && n > 0 {
			err = w.putAnchorCount(key, n+j-i)
		} else {
			if ids, err = appendIDs(ids[:0], list); err != nil {
				return fmt.Errorf("%w (anchor %08x)", err, w.anchorAdds[i].a)
			}
			err = w.putAnchor(key, appendAnchorIDs(ids, w.anchorAdds[i:j]))
		}
		if err != nil {
			return err
		}
		i = j
	}
	w.anchorAdds = w.anchorAdds[:0]
	return nil
}

// appendAnchorIDs adds the documents of entries to the sorted ids, keeping them sorted.
func appendAnchorIDs(ids []uint64, entries []anchorEntry) []uint64 {
	for _, e := range entries {
		ids = append(ids, e.id)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// anchorKey returns the key of anchor a, from the arena.
func (w *writer) anchorKey(a uint32) []byte {
	key := w.alloc(anchorKeyLen)
	binary.BigEndian.PutUint32(key, a)
	return key
}

// putAnchor stores ids as the documents of the anchor of key: deleted when none, a count when
// more than Anchor.MaxDocs.
func (w *writer) putAnchor(key []byte, ids []uint64) error {
	if len(ids) > w.params.Anchor.MaxDocs {
		return w.putAnchorCount(key, len(ids))
	}
	return w.putPostings(w.anchors, key, ids)
}

// putAnchorCount stores n as the count of the common anchor of key.
func (w *writer) putAnchorCount(key []byte, n int) error {
	free := w.alloc(0)
	v := binary.AppendUvarint(append(free, 0), uint64(n))
	if len(v) <= cap(free) {
		w.arena = w.arena[:len(w.arena)+len(v)]
	}
	return w.anchors.Put(key, v)
}

// unindexAnchors takes document id, whose sketch is sk, out of its anchors. A common anchor
// that it brings back to Anchor.MaxDocs documents keeps its count until rebuildAnchors lists
// them.
func (w *writer) unindexAnchors(id uint64, sk *sketch.Sketch) error {
	if w.anchors == nil {
		return nil
	}
	w.anchorBuf = w.params.anchorsOf(w.anchorBuf, &w.seq, sk)
	var ids []uint64
	for _, a := range w.anchorBuf {
		key := w.anchorKey(a)
		if removed, err := w.removeNewAnchor(key, id); err != nil || removed {
			if err != nil {
				return fmt.Errorf("%w (new anchor %08x)", err, a)
			}
			continue
		}
		n, list, err := anchorValue(w.anchors.Get(key))
		if err != nil {
			return fmt.Errorf("%w (anchor %08x)", err, a)
		}
		switch {
		case n == 0:
			continue // missing, as a band entry may be: CheckIntegrity reports it
		case list == nil:
			if n-1 <= w.params.Anchor.MaxDocs {
				if w.rebuild == nil {
					w.rebuild = map[uint32]bool{}
				}
				w.rebuild[a] = true
			}
			err = w.putAnchorCount(key, n-1)
		default:
			if ids, err = appendIDs(ids[:0], list); err != nil {
				return fmt.Errorf("%w (anchor %08x)", err, a)
			}
			if i, found := slices.BinarySearch(ids, id); found {
				err = w.putAnchor(key, slices.Delete(ids, i, i+1))
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// removeNewAnchor takes document id out of the list of the anchor of key in new_anchors, and
// reports whether it was there.
func (w *writer) removeNewAnchor(key []byte, id uint64) (bool, error) {
	if w.newAnchors == nil {
		return false, nil
	}
	ids, err := appendIDs(nil, w.newAnchors.Get(key))
	if err != nil {
		return false, err
	}
	i, found := slices.BinarySearch(ids, id)
	if !found {
		return false, nil
	}
	return true, w.putPostings(w.newAnchors, key, slices.Delete(ids, i, i+1))
}

// rebuildAnchors lists again the documents of the common anchors that removals brought back
// to Anchor.MaxDocs documents or fewer, reading the anchors of every record. It runs once a
// transaction, after its last write to the records: a removal from an anchor in more than
// MaxDocs documents is rare, and the index keeps no list of its documents to spare the pass.
func (w *writer) rebuildAnchors() error {
	if len(w.rebuild) == 0 {
		return nil
	}
	if err := w.flushAnchors(); err != nil {
		return err
	}
	lists := make(map[uint32][]uint64, len(w.rebuild))
	err := eachRecord(w.docs, func(rec *Record) error {
		w.anchorBuf = w.params.anchorsOf(w.anchorBuf, &w.seq, &rec.Sketch)
		for _, a := range w.anchorBuf {
			if w.rebuild[a] {
				lists[a] = append(lists[a], rec.ID)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, a := range slices.Sorted(maps.Keys(w.rebuild)) {
		key := w.anchorKey(a)
		if err := w.putAnchor(key, lists[a]); err != nil {
			return err
		}
		if w.newAnchors != nil { // the list holds them all
			if err := w.newAnchors.Delete(key); err != nil {
				return err
			}
		}
	}
	clear(w.rebuild)
	return nil
}

// checkAnchors reports whether the anchors and new_anchors buckets of tx hold exactly the
// anchors of the documents, which CheckIntegrity collected in want (an anchor and a document's
// id in each entry, in any order).
func checkAnchors(tx *bolt.Tx, p *Params, want []anchorEntry) error {
	b, nb := tx.Bucket(bucketAnchors), tx.Bucket(bucketNewAnchors)
	if b == nil {
		if len(want) > 0 {
			return fmt.Errorf("%w: bucket %q missing", ErrCorrupt, bucketAnchors)
		}
		return nil
	}
	slices.SortFunc(want, func(x, y anchorEntry) int { return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.id, y.id)) })
	var ids, got, pending []uint64
	var key [anchorKeyLen]byte
	inAnchors, inNew := 0, 0 // the keys of each bucket that documents hold
	for i := 0; i < len(want); {
		j := i + 1
		for j < len(want) && want[j].a == want[i].a {
			j++
		}
		a := want[i].a
		binary.BigEndian.PutUint32(key[:], a)
		v, newV := b.Get(key[:]), []byte(nil)
		if nb != nil {
			newV = nb.Get(key[:])
		}
		if v == nil && newV == nil {
			return fmt.Errorf("%w: anchor %08x of %d documents missing", ErrCorrupt, a, j-i)
		}
		inAnchors += min(len(v), 1)
		inNew += min(len(newV), 1)
		n, list, err := anchorValue(v)
		if err == nil {
			got, err = appendIDs(got[:0], list)
		}
		if err == nil {
			pending, err = appendIDs(pending[:0], newV)
		}
		if err != nil {
			return fmt.Errorf("%w (anchor %08x)", err, a)
		}
		ids = ids[:0]
		for _, e := range want[i:j] {
			ids = append(ids, e.id)
		}
		common := n > 0 && list == nil
		got = append(got, pending...)
		slices.Sort(got)
		switch {
		case n+len(pending) != len(ids):
			return fmt.Errorf("%w: anchor %08x in %d documents, the anchors buckets say %d", ErrCorrupt, a, len(ids), n+len(pending))
		case common && n <= p.Anchor.MaxDocs, !common && n > p.Anchor.MaxDocs:
			return fmt.Errorf("%w: anchor %08x of %d documents stored as common %v", ErrCorrupt, a, n, common)
		case !common && !slices.Equal(got, ids):
			return fmt.Errorf("%w: anchor %08x lists documents %v, not %v", ErrCorrupt, a, got, ids)
		case common && !isSubset(pending, ids):
			return fmt.Errorf("%w: new anchor %08x lists documents %v, not all of %v", ErrCorrupt, a, pending, ids)
		}
		i = j
	}
	if n := countKeys(b, math.MaxInt); n != inAnchors {
		return fmt.Errorf("%w: %d anchors of no document", ErrCorrupt, n-inAnchors)
	}
	if nb != nil {
		if n := countKeys(nb, math.MaxInt); n != inNew {
			return fmt.Errorf("%w: %d new anchors of no document", ErrCorrupt, n-inNew)
		}
	}
	return nil
}

// isSubset reports whether every element of the sorted sub is in the sorted set.
func isSubset(sub, set []uint64) bool {
	for _, x := range sub {
		if _, found := slices.BinarySearch(set, x); !found {
			return false
		}
	}
	return true
}

// countAnchors returns the documents in the posting lists of the anchors and new_anchors
// buckets of tx and the common anchors; 0 and 0 without the anchors bucket (a format-5 index).
func countAnchors(tx *bolt.Tx) (entries, common int, err error) {
	b := tx.Bucket(bucketAnchors)
	if b == nil {
		return 0, 0, nil
	}
	err = b.ForEach(func(k, v []byte) error {
		n, list, err := anchorValue(v)
		if err != nil || len(k) != anchorKeyLen {
			return fmt.Errorf("%w (anchor %x)", errCorruptPostings, k)
		}
		if list == nil {
			common++
		} else {
			entries += n
		}
		return nil
	})
	if nb := tx.Bucket(bucketNewAnchors); nb != nil && err == nil {
		err = nb.ForEach(func(k, v []byte) error {
			n, err := listLen(v)
			if err != nil || len(k) != anchorKeyLen {
				return fmt.Errorf("%w (new anchor %x)", errCorruptPostings, k)
			}
			entries += n
			return nil
		})
	}
	return entries, common, err
}
