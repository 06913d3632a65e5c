package verify

import "github.com/dedupe-dev/dedupe/internal/prefault"

// termSlots is the open-addressing table that a document's sentence sets (the ids of its
// terms), runTable's pairs, Weights and DocFreq find a term by: each slot holds a 32-bit term (a word's or a shingle's hash) and a non-zero 32-bit value
// of its user's, term<<32 | value, 0 marking an empty slot, in the slot the term's Fibonacci
// hash names or, when another term holds that one, the next free one. Term and value share a
// word so that a lookup in a large table (the weights of a corpus's million terms) misses the
// processor's cache once, not once for the term and once for its value. The table is a power
// of two at least twice its terms, so probes stay short; a user with more to keep per term
// keeps it in a slice of the same size, indexed by slot. The zero value is empty.
type termSlots struct {
	keys []uint64
	mask uint64
}

// fibonacci is 2^64 divided by the golden ratio: a term times it, modulo 2^64, is its
// Fibonacci hash, whose high bits are well mixed.
const fibonacci = 0x9E3779B97F4A7C15

// reset empties the table and sizes it for n terms, reusing its memory. It returns the size,
// for the user's slices of values.
func (s *termSlots) reset(n int) int {
	size := 8
	for size < 2*n {
		size <<= 1
	}
	if cap(s.keys) < size {
		s.keys = prefault.Make[uint64](size) // probed before it is written
	}
	s.keys, s.mask = s.keys[:size], uint64(size-1)
	clear(s.keys)
	return size
}

// home returns the slot term t goes to when no other term holds it.
func (s *termSlots) home(t uint32) uint64 { return (uint64(t) * fibonacci >> 20) & s.mask }

// slot returns the slot of term t: its own, or the empty one where it would go.
func (s *termSlots) slot(t uint32) uint64 {
	i := s.home(t)
	for s.keys[i] != 0 && uint32(s.keys[i]>>32) != t {
		i = (i + 1) & s.mask
	}
	return i
}

// put stores term t with value val, not 0, if the table does not hold t yet, and returns its
// slot.
func (s *termSlots) put(t, val uint32) uint64 {
	i := s.slot(t)
	if s.keys[i] == 0 {
		s.keys[i] = uint64(t)<<32 | uint64(val)
	}
	return i
}

// set stores term t with value val, not 0, in slot i: the slot find returned for t, its own or
// the empty one where it goes.
func (s *termSlots) set(i uint64, t, val uint32) {
	s.keys[i] = uint64(t)<<32 | uint64(val)
}

// find returns the slot of term t, its value and whether the table holds t.
func (s *termSlots) find(t uint32) (slot uint64, val uint32, ok bool) {
	i := s.slot(t)
	return i, uint32(s.keys[i]), s.keys[i] != 0
}

// grow doubles the table, keeping its entries, for a user that learns its terms as it goes
// (DocFreq); the terms change slots, so a user with slices indexed by slot cannot grow.
func (s *termSlots) grow() {
	old := s.keys
	size := max(2*len(old), 8)
	s.keys, s.mask = prefault.Make[uint64](size), uint64(size-1) // probed before it is written
	for _, e := range old {
		if e != 0 {
			s.keys[s.slot(uint32(e>>32))] = e
		}
	}
}
