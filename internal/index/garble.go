package index

import (
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// The meta entries from which dedupe check resolves the decision for the archive
// (verify.Params.ResolveDecision): how many documents' garble share was measured
// (sketch.Sketch.Garble), and how many of them have a share of at most GarbleClean. An index
// written before them has neither: its archive's text is unknown, and check applies the
// standard decision.
const (
	metaGarbleDocs  = "garble_documents"
	metaGarbleClean = "garble_clean"
)

// GarbleClean is the garble share at most which the index counts a document as clean text:
// the default of verify.Params.StrictGarble, fixed when the counts are kept.
var GarbleClean = verify.DefaultParams().StrictGarble

// countGarble adds sign (+1 or -1) to the pending counts of measured and clean documents for
// the document of sk, indexed or unindexed.
func (w *writer) countGarble(sk *sketch.Sketch, sign int) {
	g := sk.Garble()
	if g < 0 {
		return
	}
	w.garbleDocs += sign
	if g <= GarbleClean {
		w.garbleClean += sign
	}
}

// flushGarble applies the pending counts of countGarble to the meta entries, when the index
// has them.
func (w *writer) flushGarble() error {
	if w.garbleDocs == 0 && w.garbleClean == 0 {
		return nil
	}
	meta := w.tx.Bucket(bucketMeta)
	for _, c := range []struct {
		key string
		d   int
	}{{metaGarbleDocs, w.garbleDocs}, {metaGarbleClean, w.garbleClean}} {
		v := meta.Get([]byte(c.key))
		if v == nil {
			return nil // an index older than the counts
		}
		n, err := strconv.Atoi(string(v))
		if err != nil || n+c.d < 0 {
			return fmt.Errorf("%w: %s %q", ErrCorrupt, c.key, v)
		}
		if err := meta.Put([]byte(c.key), []byte(strconv.Itoa(n+c.d))); err != nil {
			return err
		}
	}
	w.garbleDocs, w.garbleClean = 0, 0
	return nil
}

// Garble returns how many of the indexed documents had their garble share measured, and how
// many of those have a share of at most GarbleClean; ok is false for an index written before
// the counts were kept.
func (ix *Index) Garble() (docs, clean int, ok bool, err error) {
	err = ix.view(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		d, c := meta.Get([]byte(metaGarbleDocs)), meta.Get([]byte(metaGarbleClean))
		if d == nil || c == nil {
			return nil
		}
		var err1, err2 error
		docs, err1 = strconv.Atoi(string(d))
		clean, err2 = strconv.Atoi(string(c))
		if err1 != nil || err2 != nil {
			return fmt.Errorf("%w: %s %q, %s %q", ErrCorrupt, metaGarbleDocs, d, metaGarbleClean, c)
		}
		ok = true
		return nil
	})
	return docs, clean, ok, err
}
