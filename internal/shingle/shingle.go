package shingle

import "slices"

// Hashes returns the sorted, de-duplicated hashes of the k-shingles of the
// term hashes in terms. A shingle's hash combines its k terms in order with
// [mix], so (a, b, c) and (c, b, a) differ, and a 1-shingle's hash is its
// term's hash: for k=1 the result is the set of terms. With fewer than k terms
// (but at least one) the result is the one shingle of all of them, so that
// short texts still have a non-empty set; with no terms it is nil. k below 1
// counts as 1.
//
// Hashes appends to dst[:0] and returns it, so a caller may pass the previous
// result to reuse its memory; the result is then only valid until the next
// such call.
func Hashes(dst []uint64, terms []uint64, k int) []uint64 {
	if len(terms) == 0 {
		return nil
	}
	k = max(1, min(k, len(terms)))
	n := len(terms) - k + 1
	dst = slices.Grow(dst[:0], n)
	for i := range n {
		h := terms[i]
		for _, t := range terms[i+1 : i+k] {
			h = mix(h) ^ t
		}
		dst = append(dst, h)
	}
	slices.Sort(dst)
	return slices.Compact(dst)
}

// mix is the finaliser of SplitMix64 (Steele, Lea and Flood 2014; constants
// from Stafford's "Mix13"), a bijection of uint64 with full avalanche. A
// shingle's hash is h₁ = t₁, hᵢ = mix(hᵢ₋₁) ^ tᵢ: mixing the running hash
// before each new term makes the result depend on the order of the terms,
// and since mix is a bijection two shingles that differ only in their last
// term never collide.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Intersect returns |a ∩ b| for two sorted slices without duplicates, such as
// those that [Hashes] returns, by one linear merge. Either may be empty or nil.
func Intersect(a, b []uint64) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}
