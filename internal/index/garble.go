package index

import (
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// The meta entries from which dedupe check resolves the decision for the archive
// (verify.Params.ResolveDecision) and warns of OCR'd pages among clean text
// (verify.MixedText): how many documents' garble share was measured (sketch.Sketch.Garble),
// how many of them have a share of at most GarbleClean, and how many look OCR'd, a share above
// verify.OCRLike times GarbleClean. An index written before them has none: its archive's text
// is unknown, and check applies the standard decision.
const (
	metaGarbleDocs  = "garble_documents"
	metaGarbleClean = "garble_clean"
	metaGarbleOCR   = "garble_ocr"
)

// GarbleClean is the garble share at most which the index counts a document as clean text:
// the default of verify.Params.StrictGarble, fixed when the counts are kept.
var GarbleClean = verify.DefaultParams().StrictGarble

// GarbleCounts are the counts of the documents of an index by their garble share, clean at
// most GarbleClean.
type GarbleCounts struct {
	verify.Texts
	Known bool // false for an index written before the counts were kept: all are 0
}

// garbleKeys are the meta entries of the counts, in the order of garbleDelta's fields.
var garbleKeys = [...]string{metaGarbleDocs, metaGarbleClean, metaGarbleOCR}

// garbleDelta holds the pending changes of the counts, in the order of garbleKeys.
type garbleDelta [len(garbleKeys)]int

// countGarble adds sign (+1 or -1) to the pending counts for the document of sk, indexed or
// unindexed.
func (w *writer) countGarble(sk *sketch.Sketch, sign int) {
	var t verify.Texts
	t.Add(sk.Garble(), GarbleClean)
	w.garble[0] += sign * t.Measured
	w.garble[1] += sign * t.Clean
	w.garble[2] += sign * t.OCR
}

// flushGarble applies the pending counts of countGarble to the meta entries, when the index
// has them.
func (w *writer) flushGarble() error {
	if w.garble == (garbleDelta{}) {
		return nil
	}
	meta := w.tx.Bucket(bucketMeta)
	for i, key := range garbleKeys {
		v := meta.Get([]byte(key))
		if v == nil {
			return nil // an index older than the counts
		}
		n, err := strconv.Atoi(string(v))
		if err != nil || n+w.garble[i] < 0 {
			return fmt.Errorf("%w: %s %q", ErrCorrupt, key, v)
		}
		if err := meta.Put([]byte(key), []byte(strconv.Itoa(n+w.garble[i]))); err != nil {
			return err
		}
	}
	w.garble = garbleDelta{}
	return nil
}

// Garble returns the counts of the indexed documents by their garble share.
func (ix *Index) Garble() (GarbleCounts, error) {
	var c GarbleCounts
	err := ix.view(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		var n [len(garbleKeys)]int
		for i, key := range garbleKeys {
			v := meta.Get([]byte(key))
			if v == nil {
				return nil
			}
			var err error
			if n[i], err = strconv.Atoi(string(v)); err != nil {
				return fmt.Errorf("%w: %s %q", ErrCorrupt, key, v)
			}
		}
		c = GarbleCounts{Texts: verify.Texts{Measured: n[0], Clean: n[1], OCR: n[2]}, Known: true}
		return nil
	})
	return c, err
}
