// Package minhash computes MinHash signatures of shingle sets, compact
// sketches from which the Jaccard similarity |A∩B|/|A∪B| of two sets can be
// estimated without the sets themselves (Broder 1997).
//
// Signatures are computed by one-permutation hashing (Li, Owen and Zhang
// 2012) with optimal densification (Shrivastava 2017): one hash per shingle
// instead of one per shingle and signature position, so signing a set of n
// shingles into k positions costs about n + k operations rather than n·k.
//
// # One-permutation hashing
//
// Each shingle x is hashed once to 64 bits, h(x). The high 32 bits pick one
// of k bins, b(x) = ⌊hi(x)·k / 2^32⌋, which works for any k, not only powers
// of two (Lemire's fastrange); the low 31 bits are the value v(x). Position i
// of the signature of a set S is min v(x) over the shingles of S in bin i.
//
// Model h as random. Given how many elements of A∪B fall into each bin,
// which elements they are is uniformly random, so the element of A∪B with
// the smallest value in an occupied bin is a uniformly random element of
// A∪B: it lies in A∩B with probability J, and exactly then the two sets have
// the same minimum in that bin. Otherwise it belongs to one set only, whose
// minimum is then smaller than the other's (or the other's bin is empty), and
// the positions differ. Every position occupied in A∪B thus matches with
// probability J, and the fraction of equal positions estimates J without
// bias. The bins split the union into disjoint parts, so for sets much larger
// than k the positions are sampled without replacement and the standard
// error is at most the binomial one of k independent functions,
//
//	sqrt(J(1-J)/k)
//
// e.g. 0.031 at J=0.5 with 256 bins, 0 for identical or disjoint sets.
//
// # Optimal densification
//
// A set of n shingles leaves about k·e^(-n/k) bins empty: 65 of 256 for 350
// shingles, 227 for 30. Empty positions cannot be left as they are (two
// unrelated small sets would match there), so each is filled from an
// occupied bin. Empty bin i probes the bins p(i,0), p(i,1), ... and copies
// the value of the first occupied one, with bit 31 set ("borrowed") so that
// it never equals the value of a bin occupied in its own right.
//
// The probe sequence depends only on the seed, i and the attempt, never on
// the set, so two sets probe identically. Let q be the first probe occupied
// in A∪B. If q is occupied in both sets, both copy it, and they match exactly
// when the minimum of A∪B in q lies in A∩B. If q is occupied in only one
// set, that minimum lies outside A∩B, and indeed that set copies q while the
// other probes on and copies a different value. Either way the position
// matches with probability J, since q is decided by which bins of A∪B are
// empty, not by which elements fill them: the estimate stays unbiased for
// small sets and large. A position whose bin is occupied in one set and empty
// in the other never matches (one value is borrowed, the other not), as the
// minimum of A∪B there lies outside A∩B.
//
// Random probes keep positions almost independent: two empty bins copy the
// same bin with probability about 1/m for m occupied bins, the least
// possible (Shrivastava 2017), whereas copying from the next occupied bin
// (Shrivastava and Li 2014) makes runs of empty bins copy the same one.
// Still, a set smaller than k has fewer distinct minima than positions: the
// measured standard error is 1.2 to 1.25 times the binomial one for
// 20-element unions into 256 bins, 1.1 times for 100, and at or below it
// from 400 on. LSH bands of consecutive positions match as if positions were
// independent: with 128 bands of 2 rows, the share of pairs with an equal
// band stays within 0.02 of 1-(1-J²)^128 at J = 0.1, 0.2 and 0.3, for unions
// of 20 to 5,000 elements.
//
// Probing costs k/m attempts per empty bin on average. With n ≥ k/2
// shingles at most about 60% of the bins are empty and the whole
// densification costs at most about 1.5·k probes, so Sign costs O(n + k);
// smaller sets cost about k²/n probes, and a single shingle k² on average and
// 2k² at most.
//
// # Hash and probe derivation
//
// Signatures are persisted in on-disk indexes, so the following derivation
// is part of the file format and must never change; it is guarded by a
// golden test. It replaces the multiply-shift family h_i(x) = (a_i·x + b_i)
// >> 32 of earlier versions: signatures of the two schemes are not
// comparable, and an index must record which one built it.
//
// With splitmix64 (Steele, Lea and Flood 2014), whose output function is the
// bijection
//
//	mix(z) = z ^ z>>31, after z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
//	                          z = (z ^ z>>27) * 0x94d049bb133111eb
//
// and whose state advances by γ = 0x9e3779b97f4a7c15, two keys are drawn
// from the seed: state = seed; hashKey = mix(state += γ); probeKey =
// mix(state += γ). All arithmetic is modulo 2^64. Then
//
//	h(x)    = mix(hashKey + x·γ)
//	b(x)    = (h(x) >> 32) · k >> 32
//	v(x)    = h(x) & 0x7fffffff
//	p(i, a) = (mix(probeKey + (i·2^32 + a)·γ) >> 32) · k >> 32,  0 ≤ a < k
//	p(i, a) = (i + 1 + a - k) mod k,                               k ≤ a < 2k-1
//
// h(x) is the x-th output of a splitmix64 stream started at hashKey, a
// well-tested generator, so even structured input (counters, arithmetic
// progressions) is spread evenly: {0..299} against {100..399} averages 0.500
// over 2,000 seeds with 256 bins, where the multiply-shift family gave 0.43.
// Since mix and multiplication by the odd γ are bijections, distinct shingles
// never share a 64-bit hash. The last k-1 probes sweep the bins after i in
// circular order, so probing ends even in the rare case that k random probes
// all miss; with m occupied bins that happens with probability
// (1-m/k)^k < e^(-m). A borrowed position holds v | 0x80000000. numPerm is
// limited to 65,536, so that i and a fit in 32 bits and the worst case stays
// below 2^33 probes.
//
// hash/maphash (seeded per process) and math/rand (whose streams are not
// promised to stay fixed) cannot be used.
//
// # Why 31 bits suffice
//
// A position only matches falsely when the minima of A and B come from
// different shingles that happen to share a 31-bit value. That needs one of
// at most max(|A|,|B|) values to hit one particular value, probability about
// max(|A|,|B|)/2^31: 4.7e-6 for 10,000-shingle documents, against a
// standard error of several percent. Thirty-two-bit positions halve the
// memory of signatures and band keys against 64 bits.
//
// # Empty sets
//
// The signature of an empty set is all 0xFFFFFFFF, so any two empty sets
// compare as identical. Their Jaccard similarity is undefined: callers must
// never treat empty sets as similar, and the pipeline drops documents without
// shingles before signing.
package minhash
