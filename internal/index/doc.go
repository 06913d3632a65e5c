// Package index keeps a persistent index of an archive's documents, so that new articles can be
// checked against it without the archive's text: for each document its path, title, date and
// sketch (package sketch: four bytes per content word, all the verifier needs), its LSH band
// keys and its anchors, in one bbolt file. It is the only package that knows bbolt; the file format is
// described in docs/format.md.
//
// # Why bbolt
//
// go.etcd.io/bbolt is a B+tree in a single memory-mapped file, used by etcd and Consul. Every
// write transaction copies the pages it changes and commits by writing a new meta page after
// an fsync of the data, so a process killed at any moment leaves the file as of the last
// commit: [Index.Add] is one transaction, and a caller adding a large archive in batches keeps
// every batch committed before a crash. A file lock lets one writer or many readers in; others
// wait up to Options.LockTimeout and then get ErrLocked. No home-made format, no recovery code.
//
// The cost of copy-on-write is that a transaction rewrites every page it touches. Band keys
// are uniformly random, so a batch of b documents with k keys each touches up to b·k leaf
// pages of the bands bucket: once the index holds more than about b·k/100 documents' keys,
// each commit rewrites most of that bucket. The bucket is kept small, one posting list of
// delta-coded ids per band key instead of one entry per key and document, and callers adding
// many documents make their batches grow with the index (dedupe index add commits an eighth
// of the documents indexed so far at a time), so that the pages rewritten per document added
// stay bounded instead of growing with the index. A batch small beside the index (a day's
// articles) writes to small buckets of new entries instead, merged into the large ones once
// they hold a 32nd of the index, a range of keys per transaction (newentries.go): a two-level
// LSM tree, whose price is a second lookup per key.
//
// # Parameters
//
// The parameters that decide band keys and anchors (language, shingle size, permutations,
// bands, rows, seed, common shingles, anchors) are fixed when the index is created and stored in its meta bucket,
// with identifiers of the code behind them: the normaliser version and the names of the term,
// shingle, MinHash and band hashes. Opening an index built otherwise is a *ParamError naming
// the parameter, never a silent mix of incomparable keys. Band keys and shingles are stable
// hashes (xxh3, splitmix64), never hash/maphash, whose seeds live only for one process.
//
// # Common shingles
//
// A shingle that occurs in many documents ("prime minister said", an outlet's sign-off) makes
// unrelated documents share MinHash values, so scan leaves shingles found in more than
// --shingle-df of the documents out of the signatures. An index cannot recount them at every
// addition: every stored key would change. It learns them once, when it first holds
// CommonSample documents (shingles in at least max(10, ShingleDF·n) of them), stores them,
// re-signs the documents it holds in the same transaction, and signs every later document and
// query the same way. Before that it signs every shingle, like scan on a small corpus.
//
// # Candidates
//
// [Index.Query] signs a document as [Index.Add] would, reads the posting list of every band
// key in the bands bucket and counts, per indexed document, the keys it shares. With one-row
// bands a band key is one MinHash value, and the number of keys two documents of shingle
// Jaccard J share follows Binomial(bands, J): it estimates J. QueryOptions.MinShared keeps the
// documents that share at least m keys. One key (m = 1) is scan's candidate rule, right for a
// small archive. In a large one the unrelated documents that share a key or two grow in
// number: against 100,000 generated articles with 256 bands, a new article shares at least one
// key with about 5,400 of them, three with 200 and seven with fewer than one, while every
// planted copy shares more than twenty. [MinShared] picks the largest m that still finds a
// given share of the pairs at a given J: 7 of 256 keep 97% of the pairs at J = 0.05.
//
// The index also stores each document's anchors (package anchor: winnowed shingle hashes, which
// scan uses to propose the documents that share a rare passage, however small a part of either
// it is), a posting list per anchor in the anchors bucket while it is in at most
// Params.Anchor.MaxDocs documents and a count beyond (see anchors.go). A query counts, per
// indexed document, the anchors it shares with the query that are rare among the indexed
// documents and the query, and a document sharing Params.Anchor.MinShared of them, and
// QueryOptions.AnchorMinShare of the rare anchors of the one with fewer, is a candidate too:
// the candidates are those of a scan of the archive and the query. An indexed document's count
// of rare anchors depends on the query, so it is not stored: its anchors are picked again
// from its record and their documents read from the anchors bucket, for the candidates whose
// share of the query's rare anchors is too small.
//
// Looking up 256 random keys touches about 256 pages spread over the file, which is most of
// what a check costs against a large index. [Index.QueryBatch] queries many documents at once
// and looks up all their keys in key order, touching each page once and in file order.
//
// # Concurrency
//
// An Index is safe for concurrent use by several goroutines: bbolt serialises writers and
// lets readers proceed in parallel, each on a consistent snapshot.
package index
