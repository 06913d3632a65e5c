// Package shingle turns a sequence of term hashes into the set of its word
// k-shingles, the unit in which dedupe measures how much two texts share.
//
// # Shingles
//
// A k-shingle is a run of k consecutive terms: "the talks were productive"
// has the 2-shingles (the talks), (talks were), (were productive). Two texts
// that share long runs of words share many shingles, and the Jaccard index
// |A ∩ B| / |A ∪ B| of their shingle sets estimates how much of one is copied
// in the other. k trades recall for precision: k=1 compares vocabularies,
// which independent reports of one event share, while large k misses copies
// whose words were lightly edited. Order matters inside a shingle, so (a, b, c)
// and (c, b, a) are different shingles.
//
// # Hashing
//
// A shingle is stored as one 64-bit hash of its k term hashes, not as its
// words: fixed-size values make sets cheap to build, compare and store, and
// MinHash works on integers anyway. Collisions do not matter at this size: by
// the birthday bound, n distinct shingles collide with probability about
// n²/2⁶⁵, under 3·10⁻⁸ for a million shingles, and a collision only adds one
// false shared shingle to a pair of sets.
//
// # Sets
//
// [Hashes] returns a set as a sorted slice without duplicates, 8 bytes an
// element, the form to keep or to compare with slices functions. A set that
// is built, used once and dropped, as the verifier does twice for every
// candidate pair and the signer once per document, is cheaper in a [Set], an
// open-addressing table that needs no sort: linear instead of n log n in the
// number of shingles, about 4× faster for an article (BenchmarkUnique against
// BenchmarkHashes in the tests). Its Has method intersects two sets.
package shingle
