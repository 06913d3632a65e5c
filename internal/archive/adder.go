package archive

import (
	"github.com/dedupe-dev/dedupe/internal/index"
	"github.com/dedupe-dev/dedupe/internal/scan"
)

// An Adder writes documents in transactions (batches) of a multiple of its batch, AddBatch
// documents unless asked otherwise: one batch while the index is small, then about an
// addGrowth-th of the documents already indexed, up to maxAddBatches batches. A crash loses at
// most the transaction being written. Band keys are
// random, so a commit of many documents to a large index copies most pages of its bands bucket
// (see docs/format.md): batches that grow with the index keep the pages copied per document
// added bounded, where fixed batches make a bulk load quadratic. (A batch small beside the
// index goes to its buckets of new entries instead, see index.Index.Add.)
const (
	AddBatch      = 1000
	addGrowth     = 8
	maxAddBatches = 25
)

// addBatchSize returns the documents to write in the next transaction to an index of indexed
// documents: a multiple of batch.
func addBatchSize(indexed, batch int) int {
	return min(max(indexed/addGrowth/batch, 1), maxAddBatches) * batch
}

// Adder adds documents to an index in batches of growing size, one transaction each (see
// AddBatch). It is not safe for concurrent use.
type Adder struct {
	ix        *index.Index
	unit      int         // the first batch, of which later ones are multiples
	committed func(n int) // told of the documents committed so far after each commit; may be nil
	batch     []index.Document
	indexed   int // documents in the index, as of the last commit
	total     index.AddStats
	n         int // documents in committed batches
	respelled []Respelling
}

// NewAdder returns an Adder to ix whose transactions are multiples of batch documents (0 or
// less: AddBatch; tests make them small to crash between commits). committed, when not nil,
// is called after every commit with the number of documents committed so far.
func NewAdder(ix *index.Index, batch int, committed func(n int)) (*Adder, error) {
	n, err := ix.Len()
	if err != nil {
		return nil, err
	}
	if batch <= 0 {
		batch = AddBatch
	}
	return &Adder{ix: ix, unit: batch, committed: committed, indexed: n}, nil
}

// Add queues d, committing the batch once it is full. The index keeps d's path (its id),
// title, date and sketch.
func (a *Adder) Add(d *scan.Document) error {
	a.batch = append(a.batch, index.Document{Path: d.Path, Title: d.Title, Date: d.Date, Sketch: d.Sketch})
	if len(a.batch) < addBatchSize(a.indexed, a.unit) {
		return nil
	}
	return a.Flush()
}

// Flush commits the queued documents, if any.
func (a *Adder) Flush() error {
	if len(a.batch) == 0 {
		return nil
	}
	respelled, err := a.findRespelled()
	if err != nil {
		return err
	}
	st, err := a.ix.Add(a.batch)
	if err != nil {
		return err
	}
	a.respelled = append(a.respelled, respelled...)
	a.indexed += st.Added
	a.total.Added += st.Added
	a.total.Replaced += st.Replaced
	a.total.Unchanged += st.Unchanged
	a.n += len(a.batch)
	clear(a.batch) // let the sketches go
	a.batch = a.batch[:0]
	if a.committed != nil {
		a.committed(a.n)
	}
	return nil
}

// findRespelled returns the documents of the queued batch that are new to the index but
// indexed, with the same text, under one of their otherSpellings that is their file or no
// file from here (the name an add from another folder gave it): two read transactions, one
// for the batch's names and one for the other spellings of those the index does not hold.
func (a *Adder) findRespelled() ([]Respelling, error) {
	names := make([]string, len(a.batch))
	for i := range a.batch {
		names[i] = a.batch[i].Path
	}
	held, err := a.ix.Digests(names)
	if err != nil {
		return nil, err
	}
	others := make([][]string, len(a.batch))
	names = names[:0]
	for i := range a.batch {
		if _, ok := held[a.batch[i].Path]; !ok {
			others[i] = otherSpellings(a.batch[i].Path)
			names = append(names, others[i]...)
		}
	}
	if len(names) == 0 {
		return nil, nil
	}
	if held, err = a.ix.Digests(names); err != nil {
		return nil, err
	}
	var found []Respelling
	for i := range a.batch {
		for _, name := range others[i] {
			// A name that is another file here is a copy of the text, not a respelling.
			if digest, ok := held[name]; ok && digest == a.batch[i].Sketch.Digest && fileOf(name, a.batch[i].Path) != otherFile {
				found = append(found, Respelling{Path: a.batch[i].Path, Indexed: name})
				break
			}
		}
	}
	return found, nil
}

// Respelled returns the documents the committed batches added that the index already held,
// with the same text, under another name of their file or one no file has from here (see
// [Respelling] and findRespelled), in the order added.
func (a *Adder) Respelled() []Respelling { return a.respelled }

// Stats returns what the committed batches did: documents added, replaced and unchanged.
func (a *Adder) Stats() index.AddStats { return a.total }

// Committed returns the number of documents in committed batches, which a crash or an error
// leaves in the index.
func (a *Adder) Committed() int { return a.n }
