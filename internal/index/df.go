package index

import (
	"encoding/binary"
	"fmt"
	"maps"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// countTerms adds sign (+1 or -1) to the pending document frequency of every distinct term of
// sk: a document indexed or unindexed.
func (w *writer) countTerms(sk *sketch.Sketch, sign int32) {
	if w.dfDelta == nil {
		w.dfDelta = make(map[uint32]int32)
	}
	w.terms = append(w.terms[:0], sk.Terms...)
	slices.Sort(w.terms)
	for _, t := range slices.Compact(w.terms) {
		w.dfDelta[t] += sign
	}
}

// termKeyLen is the size of a key of the df and new_df buckets: a sketch term, 4 bytes big-endian.
const termKeyLen = 4

// flushDF applies the pending document frequencies, in term order: to new_df as signed changes
// when w adds to the new buckets, else to df, with the changes new_df holds for the same terms,
// deleting the terms no document holds any more.
func (w *writer) flushDF() error {
	for _, t := range slices.Sorted(maps.Keys(w.dfDelta)) {
		d := int64(w.dfDelta[t])
		if d == 0 {
			continue
		}
		key := binary.BigEndian.AppendUint32(w.alloc(0)[:0], t)
		w.arena = w.arena[:len(w.arena)+len(key)]
		var pending int64
		if w.newDF != nil {
			v := w.newDF.Get(key)
			if v != nil {
				var err error
				if pending, err = dfDelta(v); err != nil {
					return fmt.Errorf("%w (term %08x)", err, t)
				}
			}
			if v != nil && !w.toNew {
				if err := w.newDF.Delete(key); err != nil {
					return err
				}
			}
		}
		var err error
		switch {
		case !w.toNew:
			err = w.putDF(key, d+pending)
		case d+pending == 0:
			err = w.newDF.Delete(key)
		default:
			v := binary.AppendVarint(w.alloc(0)[:0], d+pending)
			w.arena = w.arena[:len(w.arena)+len(v)]
			err = w.newDF.Put(key, v)
		}
		if err != nil {
			return fmt.Errorf("%w (term %08x)", err, t)
		}
	}
	clear(w.dfDelta)
	return w.flushGarble()
}

// putDF adds d to the document frequency of the term of key in df; key must come from alloc.
func (w *writer) putDF(key []byte, d int64) error {
	b := w.tx.Bucket(bucketDF)
	n, err := dfValue(b.Get(key))
	if err != nil {
		return err
	}
	switch n += d; {
	case n < 0:
		return fmt.Errorf("%w: document frequency below 0", ErrCorrupt)
	case n == 0:
		return b.Delete(key)
	default:
		v := binary.AppendUvarint(w.alloc(0)[:0], uint64(n))
		w.arena = w.arena[:len(w.arena)+len(v)]
		return b.Put(key, v)
	}
}

// dfDelta decodes a value of new_df: a change of a document frequency, never 0.
func dfDelta(v []byte) (int64, error) {
	d, k := binary.Varint(v)
	if k != len(v) || d == 0 {
		return 0, fmt.Errorf("%w: change of a document frequency %x", ErrCorrupt, v)
	}
	return d, nil
}

// dfValue decodes a df bucket value; nil is 0.
func dfValue(v []byte) (int64, error) {
	if v == nil {
		return 0, nil
	}
	n, k := binary.Uvarint(v)
	if k != len(v) || n == 0 {
		return 0, fmt.Errorf("%w: document frequency %x", ErrCorrupt, v)
	}
	return int64(n), nil
}

// DocFreq returns the document frequency of every term of the indexed documents, from which
// dedupe check weighs the evidence of a pair as a scan of the archive would (see
// verify.Weights).
func (ix *Index) DocFreq() (*verify.DocFreq, error) {
	df := &verify.DocFreq{}
	err := ix.view(func(tx *bolt.Tx) error {
		df.Docs = tx.Bucket(bucketDocs).Stats().KeyN
		return readDF(tx, df.AddCount)
	})
	if err != nil {
		return nil, err
	}
	return df, nil
}

// readDF reads the document frequencies of tx, calling add with each term and its count, in
// term order: the counts of df with the changes of new_df.
func readDF(tx *bolt.Tx, add func(term, docs uint32)) error {
	pending := map[uint32]int64{}
	if nb := tx.Bucket(bucketNewDF); nb != nil {
		err := nb.ForEach(func(k, v []byte) error {
			d, err := dfDelta(v)
			if err == nil && len(k) != termKeyLen {
				err = fmt.Errorf("%w: new_df entry %x", ErrCorrupt, k)
			}
			pending[binary.BigEndian.Uint32(k)] = d
			return err
		})
		if err != nil {
			return err
		}
	}
	emit := func(t uint32, n int64) error {
		if n < 0 || n > 1<<32-1 {
			return fmt.Errorf("%w: term %08x in %d documents", ErrCorrupt, t, n)
		}
		if n > 0 {
			add(t, uint32(n))
		}
		return nil
	}
	order := slices.Sorted(maps.Keys(pending))
	j := 0 // order[:j] have been emitted
	err := tx.Bucket(bucketDF).ForEach(func(k, v []byte) error {
		n, err := dfValue(v)
		if err == nil && len(k) != termKeyLen {
			err = fmt.Errorf("%w: df entry %x", ErrCorrupt, k)
		}
		if err != nil {
			return err
		}
		t := binary.BigEndian.Uint32(k)
		for ; j < len(order) && order[j] < t; j++ { // terms that only new_df holds
			if err := emit(order[j], pending[order[j]]); err != nil {
				return err
			}
		}
		if j < len(order) && order[j] == t {
			n += pending[t]
			j++
		}
		return emit(t, n)
	})
	if err != nil {
		return err
	}
	for ; j < len(order); j++ {
		if err := emit(order[j], pending[order[j]]); err != nil {
			return err
		}
	}
	return nil
}

// checkDF reports whether the df bucket of tx holds exactly the counts want, which
// CheckIntegrity counted from the documents.
func checkDF(tx *bolt.Tx, want map[uint32]int32) error {
	got := map[uint32]uint32{}
	if err := readDF(tx, func(t, n uint32) { got[t] = n }); err != nil {
		return err
	}
	for t, n := range want {
		if got[t] != uint32(n) {
			return fmt.Errorf("%w: term %08x in %d documents, the df bucket says %d", ErrCorrupt, t, n, got[t])
		}
	}
	if len(got) != len(want) {
		return fmt.Errorf("%w: the df bucket holds %d terms, the documents %d", ErrCorrupt, len(got), len(want))
	}
	return nil
}
