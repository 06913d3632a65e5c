package normalize

import "github.com/zeebo/xxh3"

// maxCache bounds the stem cache of an Analyzer. News vocabularies stay well
// below it; a stream of unique tokens (IDs, numbers) only makes the cache start
// over, at 24 bytes a slot and at most 2·maxCache slots.
const maxCache = 1 << 17

// stemCache maps the surface form of a word to its cached [entry].
//
// It is an open-addressing table with linear probing, keyed by the 64-bit
// xxh3 hash of the surface form rather than by the string. A Go map keyed by
// substrings of the text compares every hit with the stored key, which lives
// elsewhere on the heap; with the vocabulary of a large corpus that second
// cache miss made the lookup the most expensive step of a scan. Here a hit
// costs one hash of a few bytes and, usually, one cache line. Two surface
// forms share a key with probability about n²/2⁶⁵ for n distinct forms:
// about 10⁻⁹ for a million, far below the chance that the 64-bit term hashes
// of two different terms collide, which every later stage already accepts.
//
// In front of the table sits a small direct-mapped cache of recently used
// words that stays in the CPU's fast caches: word frequencies follow Zipf's
// law, so a few thousand words make most of the tokens of any text, and
// most lookups never touch the large table.
type stemCache struct {
	slots []cacheSlot // len is a power of two; at most half are used
	n     int         // used slots
	hot   [hotSlots]cacheSlot
}

// hotSlots is the size of the direct-mapped front cache: 96 KiB.
const hotSlots = 1 << 12

type cacheSlot struct {
	key   uint64 // hash of the surface form; 0 marks a free slot
	entry entry
}

// newStemCache returns an empty cache with room for n words before it grows.
func newStemCache(n int) *stemCache {
	size := 1
	for size < 2*n {
		size *= 2
	}
	return &stemCache{slots: make([]cacheSlot, size)}
}

// cacheKey returns the key of a surface form, never 0.
func cacheKey(word string) uint64 {
	return max(xxh3.HashString(word), 1)
}

// get returns the entry stored under key, if any.
func (c *stemCache) get(key uint64) (entry, bool) {
	hot := &c.hot[key&(hotSlots-1)]
	if hot.key == key {
		return hot.entry, true
	}
	mask := uint64(len(c.slots) - 1)
	for i := key & mask; ; i = (i + 1) & mask {
		s := &c.slots[i]
		if s.key == key {
			*hot = *s
			return s.entry, true
		}
		if s.key == 0 {
			return entry{}, false
		}
	}
}

// put stores e under key, which must not be present. When the cache holds
// maxCache words it is emptied first; below that it doubles when half full,
// so that probe sequences stay short.
func (c *stemCache) put(key uint64, e entry) {
	if c.n >= maxCache {
		clear(c.slots)
		clear(c.hot[:])
		c.n = 0
	}
	if 2*(c.n+1) > len(c.slots) {
		old := c.slots
		c.slots = make([]cacheSlot, 2*len(old))
		c.n = 0
		for _, s := range old {
			if s.key != 0 {
				c.insert(s.key, s.entry)
			}
		}
	}
	c.insert(key, e)
	c.hot[key&(hotSlots-1)] = cacheSlot{key, e}
}

// insert stores e under key in a free slot; the table must have one.
func (c *stemCache) insert(key uint64, e entry) {
	mask := uint64(len(c.slots) - 1)
	i := key & mask
	for c.slots[i].key != 0 {
		i = (i + 1) & mask
	}
	c.slots[i] = cacheSlot{key, e}
	c.n++
}
