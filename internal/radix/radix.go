// Package radix sorts 64-bit words in linear time, for the places where dedupe sorts many of
// them: the band keys of a corpus (package lsh), its sentence hashes (boilerplate detection in
// package scan) and the posting-list ids a query against the index gathers (package index).
//
// A least-significant-digit radix sort with 8-bit digits makes one counting pass and one
// scattering pass over the words per digit: eight passes for whole words, four for the high
// half alone. A digit that is the same in every word is skipped, since its passes would move
// nothing: document ids, which count the documents ever indexed, take two or three passes. On
// many words that is several times faster than a comparison sort's n log n, and it is stable,
// so words equal in the sorted bits keep their order.
package radix

import "slices"

// smallSort is the length below which Sort uses a comparison sort: on few words the radix
// passes' fixed cost, clearing and summing 256 counts per digit, does not pay off.
const smallSort = 1 << 12

// Sorter sorts words, keeping its buffers between calls. The zero value is ready to use; a Sorter
// is not safe for concurrent use.
type Sorter struct {
	scratch []uint64
	counts  [256]uint32
}

// Sort orders words by their bits from bit from (0 or 32) to 63, ascending, and returns them.
// The result may be stored in the Sorter's buffer rather than in words: the Sorter then keeps
// words as its buffer, so the caller must use the result and not words afterwards.
//
// Words equal in the sorted bits keep their order, except for fewer than 4,096 words, which are
// sorted by whole value, a finer order of the same kind.
func (s *Sorter) Sort(words []uint64, from uint) []uint64 {
	if from != 0 && from != 32 {
		panic("radix: Sort from bit 0 or 32 only")
	}
	if len(words) < smallSort {
		slices.Sort(words)
		return words
	}
	if cap(s.scratch) < len(words) {
		s.scratch = make([]uint64, len(words))
	}
	src, dst := words, s.scratch[:len(words)]
	// The first counting pass also finds the bits in which some word differs from the first.
	var differ uint64
	clear(s.counts[:])
	for _, w := range src {
		s.counts[uint8(w>>from)]++
		differ |= w ^ words[0]
	}
	for shift := from; shift < 64; shift += 8 {
		if uint8(differ>>shift) == 0 {
			continue // every word has the same digit: the passes would leave the order as it is
		}
		if shift != from {
			clear(s.counts[:])
			for _, w := range src {
				s.counts[uint8(w>>shift)]++
			}
		}
		sum := uint32(0)
		for d, c := range s.counts {
			s.counts[d] = sum
			sum += c
		}
		for _, w := range src {
			d := uint8(w >> shift)
			dst[s.counts[d]] = w
			s.counts[d]++
		}
		src, dst = dst, src
	}
	s.scratch = dst
	return src
}
