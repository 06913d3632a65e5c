// Package lsh finds candidate pairs of similar documents from their MinHash
// signatures by banding (locality-sensitive hashing, Leskovec, Rajaraman and
// Ullman, Mining of Massive Datasets, ch. 3.4), without comparing all pairs.
//
// Candidates are only candidates: a later stage verifies each pair. LSH
// decides which pairs are worth verifying; it is tuned for recall, and its
// false positives cost verification time, not wrong answers.
//
// # Banding and the S-curve
//
// A signature of numPerm values is cut into b bands of r values each
// (b*r <= numPerm; extra values are unused). Each band is hashed to a key, and
// two documents become a candidate pair when any of their keys match. For
// documents with Jaccard similarity s, one signature position matches with
// probability s, a whole band with s^r, and at least one band with
//
//	P(s) = 1 - (1 - s^r)^b
//
// ([Probability]). P is an S-shaped curve rising from 0 to 1, steepest near
//
//	t ≈ (1/b)^(1/r)
//
// Rows sharpen the curve and shift it right (fewer chance matches); bands
// shift it left (fewer misses). With 128 permutations, b=25 and r=5 place the
// step near 0.5, b=9 and r=13 near 0.8.
//
// # Choosing the parameters
//
// [OptimalParams] picks b and r for a similarity threshold t as datasketch's
// MinHashLSH does: it minimises fpWeight*FP + fnWeight*FN, where
//
//	FP = ∫_0^t P(s) ds       (pairs below t that become candidates)
//	FN = ∫_t^1 1 - P(s) ds   (pairs above t that are missed)
//
// over all b, r with b*r <= numPerm. Missed pairs are lost for good while
// false candidates are only verified and dropped, so weigh false negatives
// more (e.g. 0.1 and 0.9) when recall matters. The curve is no step: pairs
// just above t are found only about half the time, so set t somewhat below
// the similarity the verifier accepts, where P is already close to 1, and
// check with [Probability]. More permutations make the curve steeper at the
// cost of signing time and index size.
//
// # Band keys
//
// Key i of a signature is xxh3.HashSeed of the little-endian bytes of band i's
// values, seeded with i, so that equal values in different bands do not
// collide. Keys are stored in indexes, so this definition is fixed, like the
// MinHash functions. Unrelated keys collide with probability 2^-64; [Index],
// which keeps 32 bits of each, with 2^-32 within a band. A collision only adds
// a candidate that verification rejects.
//
// [Signer] computes a document's keys from its sketch (shingles, less those a
// filter leaves out, then MinHash and bands), the one definition that scans
// and the persistent index share.
//
// # Grouping
//
// [Index] keeps the keys band by band and, for each band, radix-sorts
// (key, id) words; each run of equal keys is a bucket whose ids are pairwise
// candidates. Sorting needs no per-bucket memory, touches memory sequentially
// and gives the same output whatever the insertion order, and the bands are
// sorted in parallel. Buckets larger than a limit are skipped: a key shared by
// thousands of documents is boilerplate (a standard disclaimer, a byline
// block) and would yield millions of useless pairs.
package lsh
