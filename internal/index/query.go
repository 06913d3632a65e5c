package index

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"

	bolt "go.etcd.io/bbolt"

	"github.com/dedupe-dev/dedupe/internal/anchor"
	"github.com/dedupe-dev/dedupe/internal/lsh"
	"github.com/dedupe-dev/dedupe/internal/radix"
	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// QueryOptions control [Index.Query].
type QueryOptions struct {
	// MinShared is the fewest band keys a document must share with the query to be a
	// candidate; below 1 counts as 1. See the package documentation for why checks against a
	// large index ask for more than one.
	MinShared int
	// MaxBucket skips band keys shared by more than this many indexed documents, as scan's
	// --max-bucket does (0: no cap). Such keys come from text that many documents share.
	MaxBucket int
	// AnchorMinShare is the share of the rare anchors of the document with fewer that a
	// candidate by anchors must share too, as scan's --anchor-min-share asks
	// (anchor.Params.MinShare): each document's rare anchors are counted among the indexed
	// documents and the query, as a scan of both would count them. 0 counts shared anchors
	// alone. A candidate by band keys needs no share.
	AnchorMinShare float64
	// Workers is the number of goroutines [Index.QueryBatch] signs, looks up and counts with;
	// below 1 counts as 1. The results do not depend on it.
	Workers int
}

// QueryStats counts what [Index.Query] read.
type QueryStats struct {
	Postings  int // band entries read, in buckets that were not skipped
	Oversized int // band keys skipped for holding more than MaxBucket documents
	NotRare   int // anchors skipped for being in Anchor.MaxDocs indexed documents or more
}

// Query returns the indexed documents that share at least opts.MinShared band keys, or at
// least Params.Anchor.MinShared rare anchors and opts.AnchorMinShare of the rare anchors of
// the one with fewer, with the document whose sketch is sk, in id order, each with its
// decoded record. sk is signed with the index's parameters and common shingles, so the keys
// are those the document would get if it were added. An anchor is rare when the indexed
// documents holding it and the query number 2 to Anchor.MaxDocs: a scan of the archive and the
// query would count it so (package anchor). A document without shingles has no candidates.
func (ix *Index) Query(sk *sketch.Sketch, opts QueryOptions) ([]Candidate, QueryStats, error) {
	res, err := ix.QueryBatch([]*sketch.Sketch{sk}, opts)
	if err != nil {
		return nil, QueryStats{}, err
	}
	return res[0].Candidates, res[0].Stats, nil
}

// QueryResult is what [Index.QueryBatch] finds for one document.
type QueryResult struct {
	Candidates []Candidate
	Stats      QueryStats
}

// QueryBatch returns for each sketch what [Index.Query] would. It looks up the band keys of
// all the documents in key order, reading each posting list once however many of the
// documents share its key, and reads the candidates' records in id order, decoding each once:
// both walk the file's pages from left to right, instead of jumping from page to page as a
// document's random keys do. Against a large index, touching pages out of order costs more
// than anything else a check does: checking 1,000 documents against 20,000 took less than
// half the CPU time in one batch that it took one by one. opts.Workers goroutines share the work, the lookups by ranges of
// keys, so that each page is read by one of them. Candidates of several documents may share
// their Record's slices, which callers must not modify.
func (ix *Index) QueryBatch(sks []*sketch.Sketch, opts QueryOptions) ([]QueryResult, error) {
	res := make([]QueryResult, len(sks))
	workers := max(opts.Workers, 1)
	err := ix.view(func(tx *bolt.Tx) error {
		cs, err := ix.commonIn(tx)
		if err != nil {
			return err
		}
		share := ix.params.Anchor
		share.MinShare = opts.AnchorMinShare
		q := &batchQuery{ix: ix, tx: tx, workers: workers, maxBucket: opts.MaxBucket, share: share,
			bands: postingSet{bucket: bucketBands, newBucket: bucketNewBands}, anchors: postingSet{bucket: bucketAnchors, newBucket: bucketNewAnchors, anchors: true}}
		q.sign(sks, cs.filter())
		if err := q.lookUp(&q.bands); err != nil {
			return err
		}
		if err := q.lookUp(&q.anchors); err != nil {
			return err
		}
		q.count(max(opts.MinShared, 1), res)
		return q.records(res)
	})
	return res, err
}

// batchQuery holds the state of one [Index.QueryBatch].
type batchQuery struct {
	ix        *Index
	tx        *bolt.Tx
	workers   int
	maxBucket int
	share     anchor.Params // the index's, with the query's MinShare
	bands     postingSet    // the documents' band keys
	anchors   postingSet    // the documents' anchors, none when the index stores none
	hits      []candidate   // candidates of all the documents
	txMu      sync.Mutex    // serialises the use of tx by workers, see lookUp
}

// postingSet is what the documents of a batch look up in one bucket.
type postingSet struct {
	bucket    []byte
	newBucket []byte     // the bucket of the entries not yet merged into bucket, read with it
	anchors   bool       // the anchors bucket, not the bands
	keys      [][]uint64 // per document, its keys
	probes    []probe    // the keys of all the documents, in key order
	lists     []list     // per distinct key of probes, in order, its posting list
}

// probe is a key (a band key or an anchor) of document doc of the batch.
type probe struct {
	key uint64
	doc int32
}

// list is the posting list of a key: ids[start:end] of the arena of the goroutine that looked
// it up.
type list struct {
	arena      *[]uint64
	start, end int
	skipped    bool // a band key of more than maxBucket ids, or an anchor that is not rare
}

// candidate is an indexed document sharing shared band keys and anchors rare anchors with
// document doc of the batch. Too few band keys and too small a share of the rare anchors of
// doc leave it to its own count of rare anchors (share), which needs its record: records
// decides.
type candidate struct {
	id                   uint64
	doc, shared, anchors int32
	share                bool
}

// parallel calls fn(lo, hi) for q.workers parts of [0, n) on as many goroutines and returns
// their errors joined.
func (q *batchQuery) parallel(n int, fn func(w, lo, hi int) error) error {
	errs := make([]error, q.workers)
	var wg sync.WaitGroup
	for w := range q.workers {
		lo, hi := n*w/q.workers, n*(w+1)/q.workers
		wg.Go(func() { errs[w] = fn(w, lo, hi) })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// sign computes the band keys and the anchors of every sketch and sorts them into the probes
// of q.bands and q.anchors.
func (q *batchQuery) sign(sks []*sketch.Sketch, filter func([]uint64) []uint64) {
	q.bands.keys = make([][]uint64, len(sks))
	q.anchors.keys = make([][]uint64, len(sks))
	p := &q.ix.params
	q.parallel(len(sks), func(_, lo, hi int) error {
		s := q.ix.signers.Get().(*lsh.Signer)
		defer q.ix.signers.Put(s)
		var anchors []uint32
		var seq []uint64
		for i := lo; i < hi; i++ {
			q.bands.keys[i] = s.Keys(nil, sks[i], filter)
			if p.Anchor.MinShared == 0 {
				continue
			}
			anchors = p.anchorsOf(anchors, &seq, sks[i])
			q.anchors.keys[i] = make([]uint64, len(anchors))
			for j, a := range anchors {
				q.anchors.keys[i][j] = uint64(a)
			}
		}
		return nil
	})
	q.bands.sortProbes()
	q.anchors.sortProbes()
}

// sortProbes fills set.probes with the keys of every document, in key order.
func (set *postingSet) sortProbes() {
	n := 0
	for _, k := range set.keys {
		n += len(k)
	}
	set.probes = make([]probe, 0, n)
	for doc, keys := range set.keys {
		for _, k := range keys {
			set.probes = append(set.probes, probe{k, int32(doc)})
		}
	}
	slices.SortFunc(set.probes, func(a, b probe) int { return cmp.Compare(a.key, b.key) })
}

// lookUp reads the posting list of every distinct key of set.probes into set.lists, the
// workers each taking a range of keys in a read transaction of their own.
func (q *batchQuery) lookUp(set *postingSet) error {
	if len(set.probes) == 0 {
		return nil // an index without anchors has no anchors bucket to read
	}
	var distinct []uint64
	for i, p := range set.probes {
		if i == 0 || p.key != set.probes[i-1].key {
			distinct = append(distinct, p.key)
		}
	}
	set.lists = make([]list, len(distinct))
	return q.parallel(len(distinct), func(_, lo, hi int) error {
		arena := new([]uint64)
		if q.workers == 1 {
			// On a goroutine of its own, which the guard of q.tx's view does not cover.
			return guard(q.ix.path, func() error { return q.lookRange(q.tx, set, distinct, lo, hi, arena) })
		}
		return q.ix.view(func(tx *bolt.Tx) error {
			// A writer of this process may have committed since q.tx began: then its snapshot is
			// not q.tx's, and q.tx, which one goroutine at a time may use, does the range.
			if tx.ID() != q.tx.ID() {
				q.txMu.Lock()
				defer q.txMu.Unlock()
				tx = q.tx
			}
			return q.lookRange(tx, set, distinct, lo, hi, arena)
		})
	})
}

// lookRange looks up keys[lo:hi] of set in tx, decoding their posting lists into arena: first
// it finds them all and adds up their lengths, so that the arena is allocated once. It skips
// the band keys of more than q.maxBucket documents and the anchors that are not rare: common,
// or held by Anchor.MaxDocs indexed documents already, which the query would pass.
func (q *batchQuery) lookRange(tx *bolt.Tx, set *postingSet, keys []uint64, lo, hi int, arena *[]uint64) error {
	b := tx.Bucket(set.bucket)
	if b == nil {
		// A format-5 index lacks the anchors bucket, but it has no anchors to look up (lookUp).
		return fmt.Errorf("%w: bucket %q missing", ErrCorrupt, set.bucket)
	}
	c := b.Cursor()
	var newCursor *bolt.Cursor // nil when there is no new bucket (format 6)
	if nb := tx.Bucket(set.newBucket); nb != nil {
		newCursor = nb.Cursor()
	}
	var buf [keyLen]byte
	key := buf[:]
	if set.anchors {
		key = buf[:anchorKeyLen]
	}
	wrap := func(err error, k uint64) error {
		if set.anchors {
			return fmt.Errorf("%w (anchor %08x)", err, k)
		}
		return fmt.Errorf("%w (band key %016x)", err, k)
	}
	values := make([][2][]byte, hi-lo) // valid until tx ends
	total := 0
	for i := lo; i < hi; i++ {
		if set.anchors {
			binary.BigEndian.PutUint32(key, uint32(keys[i]))
		} else {
			binary.BigEndian.PutUint64(key, keys[i])
		}
		v, newV := seek(c, key), seek(newCursor, key)
		if v == nil && newV == nil {
			continue
		}
		var n int
		var err error
		common := false
		if set.anchors {
			n, v, err = anchorValue(v)
			common = n > 0 && v == nil
		} else {
			n, err = listLen(v)
		}
		if m, newErr := listLen(newV); err == nil {
			n, err = n+m, newErr
		}
		if err != nil {
			return wrap(err, keys[i])
		}
		if set.anchors {
			set.lists[i].skipped = common || !q.share.Rare(n+1)
		} else {
			set.lists[i].skipped = q.maxBucket > 0 && n > q.maxBucket
		}
		if !set.lists[i].skipped {
			values[i-lo] = [2][]byte{v, newV}
			total += n
		}
	}
	*arena = make([]uint64, 0, total)
	for i := lo; i < hi; i++ {
		l := &set.lists[i]
		l.arena, l.start = arena, len(*arena)
		for _, v := range values[i-lo] {
			var err error
			if *arena, err = appendIDs(*arena, v); err != nil {
				return wrap(err, keys[i])
			}
		}
		l.end = len(*arena)
	}
	return nil
}

// listLen returns the number of ids in posting list v; nil, a missing key, holds none.
func listLen(v []byte) (int, error) {
	if v == nil {
		return 0, nil
	}
	n, _, err := postingsLen(v)
	return n, err
}

// seek returns the value of key in the bucket of c, nil when it has none or c is nil.
func seek(c *bolt.Cursor, key []byte) []byte {
	if c == nil {
		return nil
	}
	if k, v := c.Seek(key); bytes.Equal(k, key) {
		return v
	}
	return nil
}

// count counts, for each document, the band keys and the rare anchors it shares with each
// indexed document, and keeps in q.hits those sharing at least minShared keys or enough
// anchors by the document's count of rare anchors (anchor.Params.Enough), and those that may
// share enough by their own count (candidate.share).
func (q *batchQuery) count(minShared int, res []QueryResult) {
	bandsOf, anchorsOf := q.bands.perDocument(), q.anchors.perDocument()
	hits := make([][]candidate, q.workers)
	q.parallel(len(q.bands.keys), func(w, lo, hi int) error {
		var ids, anchorIDs []uint64
		var sorter, anchorSorter radix.Sorter
		for doc := lo; doc < hi; doc++ {
			st := &res[doc].Stats
			ids = q.bands.gather(ids[:0], bandsOf[doc], &st.Oversized)
			st.Postings = len(ids)
			anchorIDs = q.anchors.gather(anchorIDs[:0], anchorsOf[doc], &st.NotRare)
			// The document's rare anchors: those other indexed documents hold, not too many.
			rare := 0
			for _, li := range anchorsOf[doc] {
				if l := q.anchors.lists[li]; !l.skipped && l.end > l.start {
					rare++
				}
			}
			// A radix sort: ids count the documents ever added, so it makes two or three passes
			// where a comparison sort's n log n took a fifth of a query's time with the 7,000
			// postings of a query against 100,000 documents. ids takes the result, whichever
			// buffer the sorter left it in, and the sorter keeps the other.
			ids = sorter.Sort(ids, 0)
			anchorIDs = anchorSorter.Sort(anchorIDs, 0)
			// Both lists in id order: walk them together, each id's run in each.
			for i, j := 0, 0; i < len(ids) || j < len(anchorIDs); {
				id := uint64(math.MaxUint64)
				if i < len(ids) {
					id = ids[i]
				}
				if j < len(anchorIDs) {
					id = min(id, anchorIDs[j])
				}
				c := candidate{id: id, doc: int32(doc)}
				for ; i < len(ids) && ids[i] == id; i++ {
					c.shared++
				}
				for ; j < len(anchorIDs) && anchorIDs[j] == id; j++ {
					c.anchors++
				}
				// A shared anchor is rare for both documents: a candidate that shares too small
				// a share of the query's may share enough of its own, when it has fewer.
				switch {
				case int(c.shared) >= minShared || q.share.Enough(int(c.anchors), rare):
				case q.share.Enough(int(c.anchors), int(c.anchors)):
					c.share = true
				default:
					continue
				}
				hits[w] = append(hits[w], c)
			}
		}
		return nil
	})
	q.hits = slices.Concat(hits...)
}

// perDocument returns, per document, the lists of its keys, as indexes into set.lists.
func (set *postingSet) perDocument() [][]int32 {
	of := make([][]int32, len(set.keys))
	for doc, keys := range set.keys {
		of[doc] = make([]int32, 0, len(keys))
	}
	li := int32(-1)
	for i, p := range set.probes {
		if i == 0 || p.key != set.probes[i-1].key {
			li++
		}
		of[p.doc] = append(of[p.doc], li)
	}
	return of
}

// gather appends to ids the documents of the lists lis of set, counting in skipped the lists
// that were skipped.
func (set *postingSet) gather(ids []uint64, lis []int32, skipped *int) []uint64 {
	for _, li := range lis {
		l := set.lists[li]
		if l.skipped {
			*skipped++
		}
		ids = append(ids, (*l.arena)[l.start:l.end]...)
	}
	return ids
}

// records reads the records of q.hits in id order, each once, into res, leaving out the
// candidates whose own count of rare anchors does not make their share enough either.
func (q *batchQuery) records(res []QueryResult) error {
	// Sorting by id, then document, keeps each document's candidates in id order.
	slices.SortFunc(q.hits, func(a, b candidate) int { return cmp.Or(cmp.Compare(a.id, b.id), cmp.Compare(a.doc, b.doc)) })
	docs := q.tx.Bucket(bucketDocs)
	var idKey [keyLen]byte
	var rec Record
	var held heldAnchors
	read := false // held holds rec's anchors
	for i, h := range q.hits {
		if i == 0 || h.id != q.hits[i-1].id {
			var err error
			if rec, err = getRecord(docs, binary.BigEndian.AppendUint64(idKey[:0], h.id)); err != nil {
				return err
			}
			read = false
		}
		if h.share {
			if !read {
				if err := held.read(q.tx, &q.ix.params, &rec.Sketch); err != nil {
					return err
				}
				read = true
			}
			if !q.share.Enough(int(h.anchors), held.rare(q.share, q.anchors.keys[h.doc])) {
				continue
			}
		}
		res[h.doc].Candidates = append(res[h.doc].Candidates, Candidate{Record: rec, Shared: int(h.shared), Anchors: int(h.anchors)})
	}
	return nil
}

// heldAnchors are the distinct anchors of an indexed document, in increasing order, and the
// number of indexed documents holding each.
type heldAnchors struct {
	anchors []uint32
	held    []int
	seq     []uint64 // scratch of anchor.Document
}

// read picks again the anchors of the indexed document whose sketch is sk and looks up in tx
// how many documents hold each.
func (h *heldAnchors) read(tx *bolt.Tx, p *Params, sk *sketch.Sketch) error {
	h.anchors = p.anchorsOf(h.anchors, &h.seq, sk)
	h.held = h.held[:0]
	c := tx.Bucket(bucketAnchors).Cursor()
	var newCursor *bolt.Cursor
	if nb := tx.Bucket(bucketNewAnchors); nb != nil {
		newCursor = nb.Cursor()
	}
	var key [anchorKeyLen]byte
	for _, a := range h.anchors {
		binary.BigEndian.PutUint32(key[:], a)
		n, _, err := anchorValue(seek(c, key[:])) // nil when missing, which CheckIntegrity reports
		if m, newErr := listLen(seek(newCursor, key[:])); err == nil {
			n, err = n+m, newErr
		}
		if err != nil {
			return fmt.Errorf("%w (anchor %08x)", err, a)
		}
		h.held = append(h.held, n)
	}
	return nil
}

// rare returns how many of the anchors are rare (p.Rare) among the indexed documents and a
// query whose distinct anchors, in increasing order, are query.
func (h *heldAnchors) rare(p anchor.Params, query []uint64) int {
	n, j := 0, 0
	for i, a := range h.anchors {
		for j < len(query) && query[j] < uint64(a) {
			j++
		}
		docs := h.held[i]
		if j < len(query) && query[j] == uint64(a) {
			docs++
		}
		if p.Rare(docs) {
			n++
		}
	}
	return n
}
