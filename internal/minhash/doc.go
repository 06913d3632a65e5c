// Package minhash computes MinHash signatures of shingle sets, compact
// sketches from which the Jaccard similarity |A∩B|/|A∪B| of two sets can be
// estimated without the sets themselves (Broder 1997).
//
// # Estimator
//
// For a random hash function h, the element of A∪B with the smallest hash
// lies in A∩B with probability J = |A∩B|/|A∪B|, and exactly then
// min h(A) = min h(B). A signature keeps min h_i(S) for numPerm independent
// functions h_i, so the fraction of equal positions of two signatures is an
// unbiased estimate of J: it is a binomial proportion with standard error
//
//	sqrt(J(1-J)/numPerm)
//
// e.g. 0.044 at J=0.5 with 128 functions, 0 for identical or disjoint sets.
//
// # Hash family
//
// Shingles arrive as 64-bit xxh3 hashes, already uniformly spread, so the
// functions need not be strong; they only have to differ from one another.
// Function i is multiply-add-shift (Dietzfelbinger, Hagerup, Katajainen and
// Penttonen 1997):
//
//	h_i(x) = ((a_i*x + b_i) mod 2^64) >> 32,   a_i odd
//
// taking the high 32 bits, which depend on every bit of x (the low bits of a
// product do not). With odd a_i the family is universal up to a factor 2 on
// those bits: two distinct shingles collide with probability at most 2^-31.
// One multiply and one add per shingle and function keep signing cheap.
//
// The family is not min-wise independent by itself: it relies on the input
// being hashed. An affine map keeps the structure of structured input, and
// sets of consecutive integers (or any arithmetic progression) measurably
// bias the estimate, e.g. 0.43 instead of 0.5 for {0..299} against
// {100..399}. Pass hashes of shingles, never raw numbers or counters.
//
// The coefficients come from splitmix64 (Steele, Lea and Flood 2014) started
// at the seed: a_0 = next()|1, b_0 = next(), a_1 = next()|1, and so on, where
//
//	state += 0x9e3779b97f4a7c15
//	z := state
//	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
//	z = (z ^ z>>27) * 0x94d049bb133111eb
//	next() = z ^ z>>31
//
// Signatures are persisted in on-disk indexes, so this derivation is part of
// the file format and must never change: it is spelled out here and guarded
// by a golden test. hash/maphash (seeded per process) and math/rand (whose
// streams are not promised to stay fixed) cannot be used.
//
// # Why 32 bits suffice
//
// A position only matches falsely when the minima of A and B come from
// different shingles that happen to share a 32-bit value. Given the minimum of
// A∪B lies outside the intersection, that needs one of at most max(|A|,|B|)
// values to hit one particular value, probability about max(|A|,|B|)/2^32:
// 2.3e-6 for 10,000-shingle documents, against a standard error of several
// percent. Halving the width halves the memory of signatures and band keys.
//
// # Empty sets
//
// The signature of an empty set is all 0xFFFFFFFF, so any two empty sets
// compare as identical. Their Jaccard similarity is undefined: callers must
// never treat empty sets as similar, and the pipeline drops documents without
// shingles before signing.
package minhash
