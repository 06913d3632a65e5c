package index

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// The common-shingle rule: see the package documentation.
const (
	// CommonSample is the number of documents the common shingles are learned from: they are
	// learned once, when the index first holds at least this many.
	CommonSample = 1000
	// commonMinDocs is the fewest documents a common shingle occurs in, whatever ShingleDF.
	commonMinDocs = 10
)

// Params are the settings an index is built with. They decide every stored band key, so they
// are fixed when the index is created and checked whenever it is opened.
type Params struct {
	Language    string  // snowball language of the normaliser
	ShingleSize int     // content words per shingle
	NumPerm     int     // MinHash permutations
	Bands       int     // LSH bands
	Rows        int     // LSH rows per band
	Seed        uint64  // MinHash seed
	ShingleDF   float64 // share of the sample documents from which a shingle is common and not signed; 0 signs all
}

// Validate reports the first parameter out of range.
func (p *Params) Validate() error {
	switch {
	case !slices.Contains(normalize.Languages(), p.Language):
		return fmt.Errorf("unknown language %q", p.Language)
	case p.ShingleSize < 1 || p.NumPerm < 1 || p.Bands < 1 || p.Rows < 1:
		return fmt.Errorf("shingle size, permutations, bands and rows must be at least 1, got %d, %d, %d and %d",
			p.ShingleSize, p.NumPerm, p.Bands, p.Rows)
	case p.Bands*p.Rows > p.NumPerm:
		return fmt.Errorf("bands × rows (%d × %d) must not exceed the permutations (%d)", p.Bands, p.Rows, p.NumPerm)
	case !(p.ShingleDF >= 0 && p.ShingleDF <= 1):
		return fmt.Errorf("shingle document frequency must be in [0, 1], got %v", p.ShingleDF)
	}
	return nil
}

func (p *Params) signer() scan.SignerParams {
	return scan.SignerParams{ShingleSize: p.ShingleSize, NumPerm: p.NumPerm, Seed: p.Seed, Bands: p.Bands, Rows: p.Rows}
}

// Options control how an index file is opened.
type Options struct {
	// LockTimeout is how long to wait for another process's lock before failing with
	// ErrLocked. Zero waits for ever.
	LockTimeout time.Duration
	// ReadOnly takes a shared lock, so that any number of readers may open the index at once,
	// and makes Add and Remove fail.
	ReadOnly bool
}

// Document is what the index keeps of an article: no text, only what checking needs.
type Document struct {
	Path   string // the id: unique in the index, 1 to 32,768 bytes
	Title  string
	Date   time.Time // the zero time when unknown
	Sketch sketch.Sketch
}

// Record is an indexed document.
type Record struct {
	ID uint64 // assigned when the path is first added, never reused
	Document
}

// Candidate is an indexed document that shares band keys with a query.
type Candidate struct {
	Record
	Shared int // band keys shared with the query
}

// Index is a persistent, crash-safe index of document sketches and their LSH band keys in a
// bbolt file. Its methods are safe for concurrent use; writes are serialised by bbolt.
type Index struct {
	db       *bolt.DB
	path     string
	readOnly bool
	params   Params
	proto    *scan.Signer              // cloned into signers
	signers  sync.Pool                 // of *scan.Signer, for Query
	common   atomic.Pointer[commonSet] // cache of the common shingles, see commonIn
}

// commonSet is the set of shingles left out of signatures, immutable once published.
type commonSet struct {
	docs   int // the documents it was learned from; 0 while not learned yet
	hashes map[uint64]struct{}
}

// filter returns the shingle filter for scan.Signer.Keys, or nil when there is nothing to drop.
func (c *commonSet) filter() func([]uint64) []uint64 {
	if len(c.hashes) == 0 {
		return nil
	}
	return func(sh []uint64) []uint64 {
		kept := sh[:0]
		for _, h := range sh {
			if _, common := c.hashes[h]; !common {
				kept = append(kept, h)
			}
		}
		return kept
	}
}

// Open opens the existing index at path and checks that it is a dedupe index of a known format
// built by compatible code (see ParamError). Its parameters are then [Index.Params]. A missing
// file is an error matching fs.ErrNotExist.
func Open(path string, opts Options) (*Index, error) {
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("index %q: %w", path, fs.ErrNotExist)
		}
		return nil, fmt.Errorf("open index: %w", err)
	}
	return open(path, nil, opts)
}

// Create opens the index at path, creating it with parameters p if the file does not exist or
// is empty. An existing index must have been built with exactly p: otherwise Create returns a
// *ParamError naming the first parameter that differs.
func Create(path string, p Params, opts Options) (*Index, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if opts.ReadOnly {
		return nil, errors.New("cannot create an index read-only")
	}
	return open(path, &p, opts)
}

func open(path string, create *Params, opts Options) (*Index, error) {
	db, err := bolt.Open(path, 0o666, &bolt.Options{
		Timeout:  opts.LockTimeout,
		ReadOnly: opts.ReadOnly,
		// The hashmap freelist finds free pages in O(1); the default array scans, which
		// shows once rewrites have freed many pages.
		FreelistType: bolt.FreelistMapType,
	})
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return nil, fmt.Errorf("index %q is %w by another process", path, ErrLocked)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrChecksum),
		// bbolt has no sentinel for a file shorter than its two meta pages.
		err != nil && strings.HasPrefix(err.Error(), "file size too small"):
		return nil, fmt.Errorf("%q is %w (%v)", path, ErrNotIndex, err)
	case err != nil:
		return nil, fmt.Errorf("open index: %w", err)
	}
	ix := &Index{db: db, path: path, readOnly: opts.ReadOnly}
	load := func(tx *bolt.Tx) error { return ix.load(tx, create) }
	if create != nil {
		err = db.Update(load)
	} else {
		err = db.View(load)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	ix.signers.New = func() any { return ix.proto.Clone() }
	return ix, nil
}

// load reads and checks the meta bucket, or writes it when creating a new index.
func (ix *Index) load(tx *bolt.Tx, create *Params) error {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		empty := true
		tx.ForEach(func([]byte, *bolt.Bucket) error { empty = false; return nil })
		if create == nil || !empty {
			return fmt.Errorf("%q is %w", ix.path, ErrNotIndex)
		}
		return ix.initialize(tx, *create)
	}
	get := func(key string) (string, error) {
		v := meta.Get([]byte(key))
		if v == nil {
			return "", fmt.Errorf("%w: meta key %q missing", ErrCorrupt, key)
		}
		return string(v), nil
	}
	if m, _ := get(metaMagic); m != magic {
		return fmt.Errorf("%q is %w (magic %q)", ix.path, ErrNotIndex, m)
	}
	v, err := get(metaFormat)
	if err != nil {
		return err
	}
	switch format, err := strconv.Atoi(v); {
	case err != nil:
		return fmt.Errorf("%w: format %q", ErrCorrupt, v)
	case format > FormatVersion:
		return fmt.Errorf("index %q has format %d, newer than this dedupe reads (%d): upgrade dedupe", ix.path, format, FormatVersion)
	case format < FormatVersion:
		return fmt.Errorf("index %q has format %d, which this dedupe cannot migrate: rebuild it", ix.path, format)
	}
	for _, f := range codeFields {
		v, err := get(f.Key)
		if err != nil {
			return err
		}
		if v != f.Value {
			return &ParamError{Path: ix.path, Param: f.Key, Index: v, Want: f.Value + " (this dedupe)"}
		}
	}
	p, err := parseParams(get)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	if err := p.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	if err := ix.setParams(p); err != nil {
		return err
	}
	if create != nil {
		if err := ix.CheckParams(*create); err != nil {
			return err
		}
	}
	ix.common.Store(&commonSet{})
	_, err = ix.commonIn(tx)
	return err
}

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
	cs := &commonSet{docs: docs, hashes: make(map[uint64]struct{})}
	err = b.ForEach(func(k, _ []byte) error {
		if len(k) != keyLen {
			return fmt.Errorf("%w: common shingle of %d bytes", ErrCorrupt, len(k))
		}
		cs.hashes[binary.BigEndian.Uint64(k)] = struct{}{}
		return nil
	})
	if err != nil {
		return nil, err
	}
	ix.common.CompareAndSwap(cached, cs)
	return cs, nil
}

func (ix *Index) setParams(p Params) error {
	s, err := scan.NewSigner(p.signer())
	if err != nil {
		return err
	}
	ix.params, ix.proto = p, s
	return nil
}

// initialize writes the buckets and the meta entries of a new index.
func (ix *Index) initialize(tx *bolt.Tx, p Params) error {
	for _, name := range [][]byte{bucketMeta, bucketDocs, bucketPaths, bucketBands, bucketCommon} {
		if _, err := tx.CreateBucket(name); err != nil {
			return err
		}
	}
	meta := tx.Bucket(bucketMeta)
	fields := []Field{{metaMagic, magic}, {metaFormat, strconv.Itoa(FormatVersion)}}
	fields = append(fields, p.fields()...)
	fields = append(fields, codeFields...)
	fields = append(fields, Field{metaCommonDocs, "0"})
	for _, f := range fields {
		if err := meta.Put([]byte(f.Key), []byte(f.Value)); err != nil {
			return err
		}
	}
	ix.common.Store(&commonSet{})
	return ix.setParams(p)
}

// Close releases the file and its lock.
func (ix *Index) Close() error { return ix.db.Close() }

// Path returns the index file's path.
func (ix *Index) Path() string { return ix.path }

// Params returns the parameters the index was built with.
func (ix *Index) Params() Params { return ix.params }

// CheckParams returns a *ParamError naming the first parameter in which want differs from
// the index's, in the order of docs/format.md, or nil if they are equal.
func (ix *Index) CheckParams(want Params) error {
	w := want.fields()
	for i, f := range ix.params.fields() {
		if f.Value != w[i].Value {
			return &ParamError{Path: ix.path, Param: f.Key, Index: f.Value, Want: w[i].Value}
		}
	}
	return nil
}

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
func (ix *Index) Add(docs []Document) (AddStats, error) {
	if ix.readOnly {
		return AddStats{}, ErrReadOnly
	}
	var st AddStats
	var learned *commonSet
	err := ix.db.Update(func(tx *bolt.Tx) error {
		st, learned = AddStats{}, nil
		cs, err := ix.commonIn(tx)
		if err != nil {
			return err
		}
		w := ix.newWriter(tx, cs)
		for i := range docs {
			if err := w.add(&docs[i], &st); err != nil {
				return err
			}
		}
		if err := w.flush(); err != nil {
			return err
		}
		if w.common.docs > 0 || ix.params.ShingleDF == 0 {
			return nil
		}
		// Count with a cursor: Bucket.Stats does not see this transaction's writes.
		n := 0
		c := w.docs.Cursor()
		for k, _ := c.First(); k != nil && n < CommonSample; k, _ = c.Next() {
			n++
		}
		if n < CommonSample {
			return nil
		}
		learned, err = w.learnCommon()
		return err
	})
	if err != nil {
		return AddStats{}, err
	}
	if learned != nil {
		ix.common.Store(learned) // only once the transaction that stores it has committed
	}
	return st, nil
}

// Remove deletes the documents with the given paths in one transaction. If any path is not in
// the index it returns an error matching ErrNotFound and removes nothing.
func (ix *Index) Remove(paths ...string) error {
	if ix.readOnly {
		return ErrReadOnly
	}
	return ix.db.Update(func(tx *bolt.Tx) error {
		cs, err := ix.commonIn(tx)
		if err != nil {
			return err
		}
		w := ix.newWriter(tx, cs)
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
		return nil
	})
}

// Lookup returns the document indexed under path, or an error matching ErrNotFound.
func (ix *Index) Lookup(path string) (Record, error) {
	var rec Record
	err := ix.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketPaths).Get([]byte(path))
		if v == nil {
			return fmt.Errorf("%q: %w", path, ErrNotFound)
		}
		var err error
		rec, err = getRecord(tx.Bucket(bucketDocs), v)
		return err
	})
	return rec, err
}

// QueryOptions control [Index.Query].
type QueryOptions struct {
	// MinShared is the fewest band keys a document must share with the query to be a
	// candidate; below 1 counts as 1. See the package documentation for why checks against a
	// large index ask for more than one.
	MinShared int
	// MaxBucket skips band keys shared by more than this many indexed documents, as scan's
	// --max-bucket does (0: no cap). Such keys come from text that many documents share.
	MaxBucket int
	// Workers is the number of goroutines [Index.QueryBatch] signs, looks up and counts with;
	// below 1 counts as 1. The results do not depend on it.
	Workers int
}

// MinShared returns the most band keys a query can require of its candidates while still
// finding a document of shingle Jaccard similarity jaccard with probability at least recall,
// and at least 1. Two such documents agree on a band with probability jaccard^rows, so the
// number of bands they share follows Binomial(bands, jaccard^rows): MinShared is the largest m
// whose upper tail P(shared >= m) is at least recall.
func MinShared(bands, rows int, jaccard, recall float64) int {
	p := math.Pow(jaccard, float64(rows))
	if bands < 1 || !(p > 0 && p < 1) {
		return 1
	}
	// Walk the probability mass function in log space, where (1-p)^bands cannot underflow.
	logPMF := float64(bands) * math.Log1p(-p) // log P(shared = m), from m = 0
	atMost := 0.0                             // P(shared <= m)
	for m := 0; m < bands; m++ {
		atMost += math.Exp(logPMF)
		if atMost > 1-recall { // P(shared >= m+1) < recall: m is the most to require
			return max(m, 1)
		}
		logPMF += math.Log(float64(bands-m)/float64(m+1)) + math.Log(p) - math.Log1p(-p)
	}
	return bands
}

// QueryStats counts what [Index.Query] read.
type QueryStats struct {
	Postings  int // band entries read, in buckets that were not skipped
	Oversized int // band keys skipped for holding more than MaxBucket documents
}

// Query returns the indexed documents that share at least opts.MinShared band keys with the
// document whose sketch is sk, in id order, each with its decoded record. sk is signed with
// the index's parameters and common shingles, so the keys are those the document would get if
// it were added. A document without shingles has no candidates.
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
	err := ix.db.View(func(tx *bolt.Tx) error {
		cs, err := ix.commonIn(tx)
		if err != nil {
			return err
		}
		q := &batchQuery{ix: ix, tx: tx, workers: workers, maxBucket: opts.MaxBucket}
		q.sign(sks, cs.filter())
		if err := q.lookUp(); err != nil {
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
	keys      [][]uint64  // per document, its band keys
	probes    []probe     // the band keys of all the documents, in key order
	lists     []list      // per distinct key of probes, in order, its posting list
	hits      []candidate // candidates of all the documents
	txMu      sync.Mutex  // serialises the use of tx by workers, see lookUp
}

// probe is a band key of document doc of the batch.
type probe struct {
	key uint64
	doc int32
}

// list is the posting list of a band key: ids[start:end] of the arena of the goroutine that
// looked it up.
type list struct {
	arena      *[]uint64
	start, end int
	oversized  bool // more than maxBucket ids: skipped
}

// candidate is an indexed document sharing shared keys with document doc of the batch.
type candidate struct {
	id          uint64
	doc, shared int32
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

// sign computes the band keys of every sketch and sorts them into q.probes.
func (q *batchQuery) sign(sks []*sketch.Sketch, filter func([]uint64) []uint64) {
	q.keys = make([][]uint64, len(sks))
	q.parallel(len(sks), func(_, lo, hi int) error {
		s := q.ix.signers.Get().(*scan.Signer)
		defer q.ix.signers.Put(s)
		for i := lo; i < hi; i++ {
			q.keys[i] = s.Keys(nil, sks[i], filter)
		}
		return nil
	})
	n := 0
	for _, k := range q.keys {
		n += len(k)
	}
	q.probes = make([]probe, 0, n)
	for doc, keys := range q.keys {
		for _, k := range keys {
			q.probes = append(q.probes, probe{k, int32(doc)})
		}
	}
	slices.SortFunc(q.probes, func(a, b probe) int { return cmp.Compare(a.key, b.key) })
}

// lookUp reads the posting list of every distinct key of q.probes into q.lists, the workers
// each taking a range of keys in a read transaction of their own.
func (q *batchQuery) lookUp() error {
	var distinct []uint64
	for i, p := range q.probes {
		if i == 0 || p.key != q.probes[i-1].key {
			distinct = append(distinct, p.key)
		}
	}
	q.lists = make([]list, len(distinct))
	return q.parallel(len(distinct), func(_, lo, hi int) error {
		arena := new([]uint64)
		if q.workers == 1 {
			return q.lookRange(q.tx, distinct, lo, hi, arena)
		}
		return q.ix.db.View(func(tx *bolt.Tx) error {
			// A writer of this process may have committed since q.tx began: then its snapshot is
			// not q.tx's, and q.tx, which one goroutine at a time may use, does the range.
			if tx.ID() != q.tx.ID() {
				q.txMu.Lock()
				defer q.txMu.Unlock()
				tx = q.tx
			}
			return q.lookRange(tx, distinct, lo, hi, arena)
		})
	})
}

// lookRange looks up keys[lo:hi] in tx, decoding their posting lists into arena: first it finds
// them all and adds up their lengths, so that the arena is allocated once.
func (q *batchQuery) lookRange(tx *bolt.Tx, keys []uint64, lo, hi int, arena *[]uint64) error {
	c := tx.Bucket(bucketBands).Cursor()
	var key [keyLen]byte
	values := make([][]byte, hi-lo) // valid until tx ends
	total := 0
	for i := lo; i < hi; i++ {
		binary.BigEndian.PutUint64(key[:], keys[i])
		found, v := c.Seek(key[:])
		if !bytes.Equal(found, key[:]) {
			continue
		}
		n, _, err := postingsLen(v)
		if err != nil {
			return fmt.Errorf("band key %016x: %w", keys[i], err)
		}
		if q.lists[i].oversized = q.maxBucket > 0 && n > q.maxBucket; !q.lists[i].oversized {
			values[i-lo] = v
			total += n
		}
	}
	*arena = make([]uint64, 0, total)
	for i := lo; i < hi; i++ {
		l := &q.lists[i]
		l.arena, l.start = arena, len(*arena)
		var err error
		if *arena, err = appendIDs(*arena, values[i-lo]); err != nil {
			return fmt.Errorf("band key %016x: %w", keys[i], err)
		}
		l.end = len(*arena)
	}
	return nil
}

// count counts, for each document, the keys it shares with each indexed document, and keeps in
// q.hits those sharing at least minShared.
func (q *batchQuery) count(minShared int, res []QueryResult) {
	// Per document, the lists of its keys, as indexes into q.lists.
	of := make([][]int32, len(q.keys))
	for doc, keys := range q.keys {
		of[doc] = make([]int32, 0, len(keys))
	}
	li := int32(-1)
	for i, p := range q.probes {
		if i == 0 || p.key != q.probes[i-1].key {
			li++
		}
		of[p.doc] = append(of[p.doc], li)
	}
	hits := make([][]candidate, q.workers)
	q.parallel(len(q.keys), func(w, lo, hi int) error {
		var ids, scratch []uint64
		for doc := lo; doc < hi; doc++ {
			ids = ids[:0]
			st := &res[doc].Stats
			for _, li := range of[doc] {
				l := q.lists[li]
				if l.oversized {
					st.Oversized++
				}
				ids = append(ids, (*l.arena)[l.start:l.end]...)
			}
			st.Postings = len(ids)
			if len(scratch) < len(ids) {
				scratch = make([]uint64, len(ids))
			}
			sorted := sortIDs(ids, scratch[:len(ids)])
			for i := 0; i < len(sorted); {
				j := i + 1
				for j < len(sorted) && sorted[j] == sorted[i] {
					j++
				}
				if j-i >= minShared {
					hits[w] = append(hits[w], candidate{sorted[i], int32(doc), int32(j - i)})
				}
				i = j
			}
		}
		return nil
	})
	q.hits = slices.Concat(hits...)
}

// records reads the records of q.hits in id order, each once, into res.
func (q *batchQuery) records(res []QueryResult) error {
	// Sorting by id, then document, keeps each document's candidates in id order.
	slices.SortFunc(q.hits, func(a, b candidate) int { return cmp.Or(cmp.Compare(a.id, b.id), cmp.Compare(a.doc, b.doc)) })
	docs := q.tx.Bucket(bucketDocs)
	var idKey [keyLen]byte
	var rec Record
	for i, h := range q.hits {
		if i == 0 || h.id != q.hits[i-1].id {
			var err error
			if rec, err = getRecord(docs, binary.BigEndian.AppendUint64(idKey[:0], h.id)); err != nil {
				return err
			}
		}
		res[h.doc].Candidates = append(res[h.doc].Candidates, Candidate{Record: rec, Shared: int(h.shared)})
	}
	return nil
}

// sortIDs sorts ids with a least-significant-digit radix sort, one pass per byte up to the
// highest byte any id uses, and returns the sorted slice: ids or scratch, which must be as
// long. Ids count the documents ever added, so two or three passes replace the n log n
// comparisons of a comparison sort, which took a fifth of a query's time with the 7,000
// postings of a query against 100,000 documents.
func sortIDs(ids, scratch []uint64) []uint64 {
	var bits uint64
	for _, id := range ids {
		bits |= id
	}
	src, dst := ids, scratch
	for shift := 0; shift < 64 && bits>>shift != 0; shift += 8 {
		var start [257]int // start[b+1] counts, then start[b] is where byte b goes
		for _, id := range src {
			start[(id>>shift)&0xff+1]++
		}
		for b := 1; b < len(start); b++ {
			start[b] += start[b-1]
		}
		for _, id := range src {
			b := (id >> shift) & 0xff
			dst[start[b]] = id
			start[b]++
		}
		src, dst = dst, src
	}
	return src
}

// getRecord reads and decodes the record under idKey.
func getRecord(docs *bolt.Bucket, idKey []byte) (Record, error) {
	if len(idKey) != keyLen {
		return Record{}, fmt.Errorf("%w: id of %d bytes", ErrCorrupt, len(idKey))
	}
	id := binary.BigEndian.Uint64(idKey)
	v := docs.Get(idKey)
	if v == nil {
		return Record{}, fmt.Errorf("%w: document %d is referenced but missing", ErrCorrupt, id)
	}
	return decodeRecord(id, v)
}

// Stats describes an index.
type Stats struct {
	Params          Params
	Meta            []Field // every meta entry, in key order
	Documents       int
	BandEntries     int
	CommonShingles  int // shingles left out of signatures
	CommonDocuments int // documents the common shingles were learned from; 0 while not learned
	Size            int64
}

// Len returns the number of documents in the index. It counts the entries of the paths bucket,
// the smallest, so it is cheaper than Stats.
func (ix *Index) Len() (int, error) {
	var n int
	err := ix.db.View(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketPaths).Stats().KeyN
		return nil
	})
	return n, err
}

// Stats counts the documents and band entries (the ids in the posting lists) and reports the
// size of the file. It walks the pages of the buckets, so it takes time in proportion to the size of the index.
func (ix *Index) Stats() (Stats, error) {
	st := Stats{Params: ix.params}
	err := ix.db.View(func(tx *bolt.Tx) error {
		err := tx.Bucket(bucketMeta).ForEach(func(k, v []byte) error {
			st.Meta = append(st.Meta, Field{string(k), string(v)})
			return nil
		})
		if err != nil {
			return err
		}
		cs, err := ix.commonIn(tx)
		if err != nil {
			return err
		}
		st.CommonShingles, st.CommonDocuments = len(cs.hashes), cs.docs
		st.Documents = tx.Bucket(bucketDocs).Stats().KeyN
		st.BandEntries, err = countPostings(tx.Bucket(bucketBands))
		st.Size = tx.Size()
		return err
	})
	if fi, err := os.Stat(ix.path); err == nil {
		st.Size = fi.Size()
	}
	return st, err
}

// CheckIntegrity verifies the whole file: bbolt's own consistency check of every page, then
// the index's invariants: every record decodes, paths and documents map one to one, and the
// band entries are exactly the keys of the indexed documents, re-signed from their sketches.
// It reads everything and re-signs every document, so it takes time in proportion to the
// index. The error wraps ErrCorrupt, or holds bbolt's findings.
func (ix *Index) CheckIntegrity() error {
	return ix.db.View(func(tx *bolt.Tx) error {
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		if len(errs) > 0 {
			return fmt.Errorf("%w: %w", ErrCorrupt, errors.Join(errs...))
		}
		cs, err := ix.commonIn(tx)
		if err != nil {
			return err
		}
		w := ix.newWriter(tx, cs)
		entries := 0
		var ids []uint64
		var key [keyLen]byte
		err = eachRecord(w.docs, func(rec *Record) error {
			if id := w.paths.Get([]byte(rec.Path)); len(id) != keyLen || binary.BigEndian.Uint64(id) != rec.ID {
				return fmt.Errorf("%w: document %d: path %q maps to %x", ErrCorrupt, rec.ID, rec.Path, id)
			}
			w.keys = w.signer.Keys(w.keys, &rec.Sketch, w.filter)
			for _, bk := range w.keys {
				var err error
				ids, err = appendIDs(ids[:0], w.bands.Get(putID(key[:0], bk)))
				if _, found := slices.BinarySearch(ids, rec.ID); err != nil || !found {
					return fmt.Errorf("%w: document %d: band key %016x missing", ErrCorrupt, rec.ID, bk)
				}
			}
			entries += len(w.keys)
			return nil
		})
		if err != nil {
			return err
		}
		if n, m := w.docs.Stats().KeyN, w.paths.Stats().KeyN; n != m {
			return fmt.Errorf("%w: %d documents but %d paths", ErrCorrupt, n, m)
		}
		n, err := countPostings(w.bands)
		if err != nil {
			return err
		}
		if n != entries {
			return fmt.Errorf("%w: %d band entries, the documents have %d", ErrCorrupt, n, entries)
		}
		return nil
	})
}

// writer holds the buckets and scratch state of one transaction.
type writer struct {
	tx                 *bolt.Tx
	params             *Params
	docs, paths, bands *bolt.Bucket
	common             *commonSet
	signer             *scan.Signer
	filter             func([]uint64) []uint64
	keys               []uint64
	pending            []entry // band entries to put, sorted at flush
	arena              []byte  // see alloc
}

type entry struct{ key, id uint64 }

func (ix *Index) newWriter(tx *bolt.Tx, cs *commonSet) *writer {
	return &writer{
		tx:     tx,
		params: &ix.params,
		docs:   tx.Bucket(bucketDocs),
		paths:  tx.Bucket(bucketPaths),
		bands:  tx.Bucket(bucketBands),
		common: cs,
		signer: ix.proto.Clone(),
		filter: cs.filter(),
	}
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
			return fmt.Errorf("document %d: %w", binary.BigEndian.Uint64(v), err)
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
	w.keys = w.signer.Keys(w.keys, &d.Sketch, w.filter)
	for _, k := range w.keys {
		w.pending = append(w.pending, entry{k, id})
	}
	return nil
}

// flush merges the pending band entries into the posting lists, one Get and one Put per band
// key, in key order: bbolt then walks its tree once from left to right instead of jumping
// between pages.
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
		if ids, err = appendIDs(ids[:0], w.bands.Get(key)); err != nil {
			return fmt.Errorf("band key %016x: %w", w.pending[i].key, err)
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
		if err := w.putPostings(key, ids); err != nil {
			return err
		}
		i = j
	}
	w.pending = w.pending[:0]
	return nil
}

// putPostings stores ids as the posting list of key, which must come from alloc.
func (w *writer) putPostings(key []byte, ids []uint64) error {
	if len(ids) == 0 {
		return w.bands.Delete(key)
	}
	free := w.alloc(0)
	v := appendPostings(free, ids)
	if len(v) <= cap(free) { // else append gave v memory of its own
		w.arena = w.arena[:len(w.arena)+len(v)]
	}
	return w.bands.Put(key, v)
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

// unindex deletes the band entries of document id, re-signing its sketch to find them.
func (w *writer) unindex(id uint64, sk *sketch.Sketch) error {
	w.keys = w.signer.Keys(w.keys, sk, w.filter)
	var ids []uint64
	for _, k := range w.keys {
		key := w.alloc(keyLen)
		binary.BigEndian.PutUint64(key, k)
		var err error
		if ids, err = appendIDs(ids[:0], w.bands.Get(key)); err != nil {
			return fmt.Errorf("band key %016x: %w", k, err)
		}
		if i, found := slices.BinarySearch(ids, id); found {
			if err := w.putPostings(key, slices.Delete(ids, i, i+1)); err != nil {
				return err
			}
		}
	}
	return nil
}

// learnCommon finds the shingles that occur in at least max(commonMinDocs, ShingleDF·n) of the
// n documents indexed so far, stores them, and rebuilds the band entries of every document without
// them.
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
	limit := uint32(max(commonMinDocs, int(math.Ceil(w.params.ShingleDF*float64(n)))))
	cs := &commonSet{docs: n, hashes: make(map[uint64]struct{})}
	var sorted []uint64
	for h, c := range df {
		if c >= limit {
			cs.hashes[h] = struct{}{}
			sorted = append(sorted, h)
		}
	}
	slices.Sort(sorted)
	common := w.tx.Bucket(bucketCommon)
	for _, h := range sorted {
		if err := common.Put(putID(nil, h), nil); err != nil {
			return nil, err
		}
	}
	if err := w.tx.Bucket(bucketMeta).Put([]byte(metaCommonDocs), []byte(strconv.Itoa(n))); err != nil {
		return nil, err
	}

	// Every document was signed without the filter: sign them all again.
	if err := w.tx.DeleteBucket(bucketBands); err != nil {
		return nil, err
	}
	if w.bands, err = w.tx.CreateBucket(bucketBands); err != nil {
		return nil, err
	}
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

// countPostings returns the number of ids in the posting lists of bands.
func countPostings(bands *bolt.Bucket) (int, error) {
	n := 0
	err := bands.ForEach(func(k, v []byte) error {
		m, _, err := postingsLen(v)
		if err != nil || len(k) != keyLen {
			return fmt.Errorf("band key %x: %w", k, errCorruptPostings)
		}
		n += m
		return nil
	})
	return n, err
}

// eachRecord calls fn for every record of docs in id order.
func eachRecord(docs *bolt.Bucket, fn func(*Record) error) error {
	return docs.ForEach(func(k, v []byte) error {
		if len(k) != keyLen {
			return fmt.Errorf("%w: id of %d bytes", ErrCorrupt, len(k))
		}
		rec, err := decodeRecord(binary.BigEndian.Uint64(k), v)
		if err != nil {
			return err
		}
		return fn(&rec)
	})
}
