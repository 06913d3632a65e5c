// Package beamscan builds dedupe scan (Build) and dedupe passages (BuildPassages) as Apache
// Beam pipelines, so that archives too large for one machine are deduplicated, or searched for
// reprinted passages, on Flink, Spark, Dataflow or any other Beam runner, with the same
// algorithm, parameters and JSON lines output as the commands. Every step calls the code
// dedupe scan calls, in the root module's internal packages (scan, shingle, lsh, verify,
// report): Go allows internal imports by import path, and this module's path lies under the
// root's. This package holds no rule of its own; it only moves data between the steps.
//
// # Stages
//
//	match files (glob) -> reshuffle -> read + analyse (ParDo)        documents, skipped inputs
//	documents by garble share (verify.Texts), per file -> sum         side input: the decision
//	sentence hashes -> count per shard (CombinePerKey) -> boilerplate side input
//	document count                                                   side input
//	strip boilerplate -> shingle slots -> count per shard -> common   side input
//	distinct terms -> count per shard (CombinePerKey)                 document frequencies, side input
//	sign (ParDo) -> (band key, doc id) records packed per shard (CombinePerKey)
//	buckets per shard -> pairs (buckets over --max-bucket skipped)    oversized buckets
//	pairs packed per shard -> distinct pairs                          candidates
//	CoGroupByKey first document -> its sketch to the second document
//	CoGroupByKey second document -> verify, weighing words by DF       verified pairs
//	connected components of the verified pairs (large-star/small-star)
//	GroupByKey component -> star clusters per component -> number -> JSONL   clusters
//
// On the right, what a stage gives besides its output: side inputs and counters. The stages
// emit their counts as data, summed per counter and added to the counters by one element at
// the end (see counters.go), so that the counters are exact on every runner.
//
// Values that come by the hundred per document (sentence hashes, shingle slots, band keys,
// candidate pairs) are keyed by one of a few thousand shards and combined before the shuffle,
// see shuffle.go: this keeps the shuffle small on every runner, and the local prism runner
// within a few GB for 100,000 documents.
//
// The candidate threshold and the boilerplate limit depend on the number of documents, as in
// dedupe scan; both are computed from a count and passed as side inputs. So is the decision
// (--decision auto): the verifying stage resolves it with verify.Params.ResolveDecision from
// the documents counted by their garble share over the collection, as dedupe scan counts them. So are the document
// frequencies of the content words, by which the verifier weighs evidence (verify.Weights):
// each verifying DoFn instance reads them once into a table, a few MB for 100,000 documents.
//
// # Clusters are not connected components
//
// dedupe's clusters are greedy stars (package cluster): a document that borrows from two
// unrelated stories links them without joining them. Components are therefore only the unit of
// work: every verified pair lies inside one component and the star rule never looks across
// components, so running it on each component alone, with the documents in input order, gives
// exactly the clusters of a whole-corpus scan. Components of verified duplicates are small
// (copies of one story), so each fits in one worker's memory.
//
// Components are found with the alternating large-star/small-star iteration of Kiveris et al.,
// "Connected Components in MapReduce and Beyond" (SoCC 2014): each round shuffles the edge
// list twice and the number of rounds grows with the logarithm of the component diameter. A
// Beam graph is static, so the rounds are unrolled (Config.Rounds); the pipeline then checks
// that both ends of every verified pair got the same label, and fails naming the flag to raise
// rather than write wrong clusters.
//
// # Input order
//
// Cluster ties are broken by input order, which dedupe scan defines as its walk order: folders
// in lexical order of their entries, JSONL records in file order. Every document carries an
// order key (pattern index, path compared segment by segment, record number) that sorts the
// same way, and each component is clustered with its documents in that order. Document ids are
// 64-bit hashes of the order key; a collision is detected where sketches are joined to pairs
// and fails the pipeline.
//
// # Passages
//
// BuildPassages maps the stages of package passages onto Beam, each calling that package:
//
//	match files -> reshuffle -> read + analyse (passages.Analyze)    documents, by id
//	n-gram count                                                     side input
//	postings (n-gram hash, document, place) packed per shard of the hash (CombinePerKey)
//	n-grams in 2 to --max-df documents (Options.Indexed) -> matches  shared n-grams
//	matches packed per shard of the pair -> pairs with --min-matches
//	CoGroupByKey first document: sent with the matches to the second
//	CoGroupByKey second document -> passages.AlignPair               passages
//	spans by document (GroupByKey) -> passages.Overlapping            span edges
//	connected components of spans (large-star/small-star), as for scan
//	GroupByKey component -> passages.ClusterLinks                    occurrences
//	CoGroupByKey document -> Document.Occurrence -> GroupByKey cluster -> Cluster.Sorted
//	number (size, then first occurrence in input order) -> JSONL
//
// A reprint cluster is exactly a connected component of spans, the two spans of a passage
// joined and so are two overlapping spans of one document; ClusterLinks applied to one
// component's passages therefore gives that cluster as dedupe passages gives it. Unlike
// documents, which share many stories on a newspaper page, spans are joined only through one
// text, so a component is one cluster and fits a worker.
package beamscan
