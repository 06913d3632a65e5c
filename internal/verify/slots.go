package verify

// termSlots is the open-addressing table that postingIndex and Weights find a term's value by:
// a 32-bit term (a word's or a shingle's hash) is stored as term+1, so that 0 marks an empty
// slot, in the slot its Fibonacci hash names or, when another term holds that one, the next
// free one. The table is a power of two at least twice its terms, so probes stay short; its
// user keeps the values in a slice of the same size, indexed by slot. The zero value is empty.
type termSlots struct {
	keys []uint64
	mask uint64
}

// reset empties the table and sizes it for n terms, reusing its memory. It returns the size,
// for the user's slice of values.
func (s *termSlots) reset(n int) int {
	size := 8
	for size < 2*n {
		size <<= 1
	}
	if cap(s.keys) < size {
		s.keys = make([]uint64, size)
	}
	s.keys, s.mask = s.keys[:size], uint64(size-1)
	clear(s.keys)
	return size
}

// slot returns the slot of term t: its own, or the empty one where it would go.
func (s *termSlots) slot(t uint32) uint64 {
	i := (uint64(t) * 0x9E3779B97F4A7C15 >> 20) & s.mask
	for s.keys[i] != 0 && s.keys[i] != uint64(t)+1 {
		i = (i + 1) & s.mask
	}
	return i
}

// put stores term t, if it is not in the table yet, and returns its slot.
func (s *termSlots) put(t uint32) uint64 {
	i := s.slot(t)
	s.keys[i] = uint64(t) + 1
	return i
}

// find returns the slot of term t and whether the table holds t.
func (s *termSlots) find(t uint32) (uint64, bool) {
	i := s.slot(t)
	return i, s.keys[i] != 0
}
