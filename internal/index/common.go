package index

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"github.com/dedupe-dev/dedupe/internal/shingle"
)

// The common-shingle rule: see the package documentation.
const (
	// CommonSample is the number of documents the common shingles are learned from: they are
	// learned once, when the index first holds at least this many.
	CommonSample = 1000
	// commonMinDocs is the fewest documents a common shingle occurs in, whatever ShingleDF.
	commonMinDocs = 10
)

// commonSet is the set of shingles left out of signatures, immutable once published. The
// shingles are exact hashes ([shingle.Exact]), not scan's counter slots: they are counted
// exactly on a sample and stored, and a document added later must be filtered by exactly them.
type commonSet struct {
	docs     int             // the documents it was learned from; 0 while not learned yet
	shingles *shingle.Common // nil while not learned yet
}

// filter returns the shingle filter for [lsh.Signer.Keys], or nil when there is nothing to drop.
func (c *commonSet) filter() func([]uint64) []uint64 { return c.shingles.Filter() }

// commonIn returns the common shingles as of transaction tx. The set is cached: it is read
// from the file only when the cached one is not the one tx sees, which happens once, after the
// transaction that learned it, and never in a process that only reads.
func (ix *Index) commonIn(tx *bolt.Tx) (*commonSet, error) {
	cached := ix.common.Load()
	v := tx.Bucket(bucketMeta).Get([]byte(metaCommonDocs))
	docs, err := strconv.Atoi(string(v))
	if err != nil {
		return nil, fmt.Errorf("%w: %s %q", ErrCorrupt, metaCommonDocs, v)
	}
	if docs == cached.docs {
		return cached, nil
	}
	b := tx.Bucket(bucketCommon)
	if b == nil {
		return nil, fmt.Errorf("%w: bucket %q missing", ErrCorrupt, bucketCommon)
	}
	var hashes []uint64
	err = b.ForEach(func(k, _ []byte) error {
		if len(k) != keyLen {
			return fmt.Errorf("%w: common shingle of %d bytes", ErrCorrupt, len(k))
		}
		hashes = append(hashes, binary.BigEndian.Uint64(k))
		return nil
	})
	if err != nil {
		return nil, err
	}
	cs := &commonSet{docs: docs, shingles: shingle.NewCommon(shingle.Exact, hashes)}
	ix.common.CompareAndSwap(cached, cs)
	return cs, nil
}

// learnCommon finds the shingles that occur in at least max(commonMinDocs, ⌈ShingleDF·n⌉) of
// the n documents indexed so far ([shingle.CommonLimit], uncapped), stores them, and rebuilds
// the band entries of every document without them. It counts exactly, in a map: the sample is
// small, and the stored set must not depend on counter collisions.
func (w *writer) learnCommon() (*commonSet, error) {
	df := make(map[uint64]uint32)
	var sh []uint64
	n := 0
	err := eachRecord(w.docs, func(rec *Record) error {
		n++
		sh = rec.Sketch.Shingles(sh, w.params.ShingleSize)
		for _, h := range sh {
			df[h]++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	limit, _ := shingle.CommonLimit(n, w.params.ShingleDF, commonMinDocs, 0)
	var sorted []uint64
	for h, c := range df {
		if int(c) >= limit {
			sorted = append(sorted, h)
		}
	}
	slices.Sort(sorted)
	cs := &commonSet{docs: n, shingles: shingle.NewCommon(shingle.Exact, sorted)}
	common := w.tx.Bucket(bucketCommon)
	for _, h := range sorted {
		if err := common.Put(putID(nil, h), nil); err != nil {
			return nil, err
		}
	}
	if err := w.tx.Bucket(bucketMeta).Put([]byte(metaCommonDocs), []byte(strconv.Itoa(n))); err != nil {
		return nil, err
	}

	// Every document was signed without the filter: sign them all again, into bands.
	if err := w.tx.DeleteBucket(bucketBands); err != nil {
		return nil, err
	}
	if w.bands, err = w.tx.CreateBucket(bucketBands); err != nil {
		return nil, err
	}
	if w.newBands != nil {
		if err := w.tx.DeleteBucket(bucketNewBands); err != nil {
			return nil, err
		}
		if w.newBands, err = w.tx.CreateBucket(bucketNewBands); err != nil {
			return nil, err
		}
	}
	toNew := w.toNew
	w.toNew = false // every document's entries in bands, the anchors and terms where they are
	defer func() { w.toNew = toNew }()
	w.common, w.filter = cs, cs.filter()
	err = eachRecord(w.docs, func(rec *Record) error {
		w.keys = w.signer.Keys(w.keys, &rec.Sketch, w.filter)
		for _, k := range w.keys {
			w.pending = append(w.pending, entry{k, rec.ID})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return cs, w.flush()
}
