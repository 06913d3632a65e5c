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

// flushDF applies the pending document frequencies to the df bucket, in term order, deleting
// the terms no document holds any more.
func (w *writer) flushDF() error {
	b := w.tx.Bucket(bucketDF)
	for _, t := range slices.Sorted(maps.Keys(w.dfDelta)) {
		d := w.dfDelta[t]
		if d == 0 {
			continue
		}
		key := binary.BigEndian.AppendUint32(w.alloc(0)[:0], t)
		w.arena = w.arena[:len(w.arena)+len(key)]
		n, err := dfValue(b.Get(key))
		if err != nil {
			return fmt.Errorf("%w (term %08x)", err, t)
		}
		switch n += int64(d); {
		case n < 0:
			return fmt.Errorf("%w: document frequency of term %08x below 0", ErrCorrupt, t)
		case n == 0:
			if err := b.Delete(key); err != nil {
				return err
			}
		default:
			v := binary.AppendUvarint(w.alloc(0)[:0], uint64(n))
			w.arena = w.arena[:len(w.arena)+len(v)]
			if err := b.Put(key, v); err != nil {
				return err
			}
		}
	}
	clear(w.dfDelta)
	return nil
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

// readDF reads the df bucket of tx, calling add with each term and its count.
func readDF(tx *bolt.Tx, add func(term, docs uint32)) error {
	return tx.Bucket(bucketDF).ForEach(func(k, v []byte) error {
		n, err := dfValue(v)
		if err == nil && (len(k) != 4 || n > 1<<32-1) {
			err = fmt.Errorf("%w: df entry %x", ErrCorrupt, k)
		}
		if err != nil {
			return err
		}
		add(binary.BigEndian.Uint32(k), uint32(n))
		return nil
	})
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
