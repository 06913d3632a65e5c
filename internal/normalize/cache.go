package normalize

import (
	"github.com/zeebo/xxh3"

	"github.com/dedupe-dev/dedupe/internal/prefault"
)

// maxSlots bounds the table of an Analyzer's stem cache: 2^18 slots of 16 bytes, 4 MiB. A table
// doubles when half full until it has maxSlots; that one fills to maxCache words, three
// quarters, and then starts over (see [stemCache.put]). News vocabularies stay well below it;
// a stream of unique tokens (IDs, numbers, OCR noise) only makes the cache start over.
const (
	maxSlots = 1 << 18
	maxCache = maxSlots / 4 * 3
)

// stemCache maps the surface form of a word to its cached [entry].
//
// It is an open-addressing table with linear probing, keyed by a 64-bit
// hash of the surface form (cacheKey) rather than by the string. A Go map keyed by
// substrings of the text compares every hit with the stored key, which lives
// elsewhere on the heap; with the vocabulary of a large corpus that second
// cache miss made the lookup the most expensive step of a scan. Here a hit
// costs one hash of a few bytes and, usually, one cache line. Two surface
// forms share a key with probability about n²/2⁶⁴ for n distinct forms (the
// key keeps 62 bits of the hash): about 10⁻⁷ for a million, below the chance
// that the 64-bit term hashes of two different terms collide, which every
// later stage already accepts.
//
// A slot is 16 bytes, the key with the entry's flags in its three lowest bits and
// the term hash, so that four share a cache line and the table of a large
// vocabulary (2¹⁸ slots, 4 MiB) misses the CPU caches as rarely as it can.
// In front of it sits a direct-mapped cache of recently used words, 1 MiB,
// small enough to stay in the second-level cache of current server CPUs: word
// frequencies follow Zipf's law, so the most frequent sixty thousand words
// make nearly all the tokens of any text (measured on generated articles: 85%
// of lookups hit a 16,384-slot front cache; 65,536 slots made the reading
// stage of a 100k scan about 8% faster).
type stemCache struct {
	slots []cacheSlot // len is a power of two; at most half are used, three quarters at maxSlots
	n     int         // used slots
	hot   []cacheSlot // a power of two in length, at most hotSlots, indexed by the key's low bits
}

// hotSlots is the size of the direct-mapped front cache of a large vocabulary. A smaller
// table has a front cache of its own size, which grows with it: with [Auto] an Analyzer
// keeps a cache for each language it meets, and OCR noise makes a few documents of a large
// archive pass for a dozen other languages, whose caches would each hold 1 MiB of front cache
// for a few hundred words.
const hotSlots = 1 << 16

// cacheSlot holds one word: key is its cacheKey with the entry's stop flag in
// bit 0, its number flag in bit 1 and, in the table, bit 2 (usedBit) set once the word was
// found there (0 marks a free slot); hash is the entry's term hash.
type cacheSlot struct {
	key, hash uint64
}

// usedBit marks a word of the table that a lookup found there since it was stored or since
// the table last started over: [stemCache.put] keeps those words when it starts over.
const usedBit = 4

// matches reports whether the slot holds the word of key k.
func (s *cacheSlot) matches(k uint64) bool { return s.key&^7 == k }

func (s *cacheSlot) entry() entry {
	return entry{hash: s.hash, stop: s.key&1 != 0, number: s.key&2 != 0}
}

func makeSlot(k uint64, e entry) cacheSlot {
	if e.stop {
		k |= 1
	}
	if e.number {
		k |= 2
	}
	return cacheSlot{key: k, hash: e.hash}
}

// newStemCache returns an empty cache with room for n words before it grows.
func newStemCache(n int) *stemCache {
	size := 1
	for size < 2*n {
		size *= 2
	}
	// prefault: the cache's lookups read a slot before put writes it.
	return &stemCache{slots: prefault.Make[cacheSlot](size), hot: prefault.Make[cacheSlot](min(size, hotSlots))}
}

// cacheKey returns the key of a surface form: its hash with bits 0 to 2 clear
// (room for the flags), never 0.
//
// The hash is not xxh3's, which takes a call, but one that plainWords computes inline where it
// cuts words: a word of up to eight bytes, read as one little-endian number, through mix64, and
// a word of up to sixteen bytes from its first and its last eight bytes, each through mix64;
// words longer than sixteen bytes, a few in a thousand, take xxh3's hash. mix64 is a bijection,
// so two different words of up to eight bytes (which hold no zero byte) never share a hash,
// and longer words share one as seldom as with any good 64-bit hash.
func cacheKey(word string) uint64 {
	n := len(word)
	var h uint64
	switch {
	case n <= 8:
		var v uint64
		for i := n - 1; i >= 0; i-- {
			v = v<<8 | uint64(word[i])
		}
		h = mix64(v)
	case n <= 16:
		h = mix2(load64(word), load64(word[n-8:]), n)
	default:
		h = xxh3.HashString(word)
	}
	return max(h&^7, 8)
}

// load64 returns the first eight bytes of s, which has at least eight, as a little-endian number.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// mix64 is the finaliser of MurmurHash3: every bit of x changes about half the bits of the
// result, and it is a bijection.
func mix64(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	return x ^ x>>33
}

// mix2 hashes a word of n bytes, 9 to 16, from its first eight bytes and its last eight.
func mix2(first, last uint64, n int) uint64 {
	return mix64(first ^ mix64(last^uint64(n)*0x9e3779b97f4a7c15))
}

// getHot returns the entry stored under key if the front cache holds it.
func (c *stemCache) getHot(key uint64) (entry, bool) {
	hot := &c.hot[c.hotIndex(key)]
	return hot.entry(), hot.matches(key)
}

// get returns the entry stored under key, if any.
func (c *stemCache) get(key uint64) (entry, bool) {
	if e, ok := c.getHot(key); ok {
		return e, true
	}
	return c.getTable(key)
}

// getTable returns the entry stored under key if the table holds it, and copies it to the
// front cache.
func (c *stemCache) getTable(key uint64) (entry, bool) {
	mask := uint64(len(c.slots) - 1)
	for i := (key >> 3) & mask; ; i = (i + 1) & mask {
		s := &c.slots[i]
		if s.matches(key) {
			s.key |= usedBit
			c.hot[c.hotIndex(key)] = *s
			return s.entry(), true
		}
		if s.key == 0 {
			return entry{}, false
		}
	}
}

// put stores e under key, or replaces what the table holds under it. Below maxSlots the table doubles when
// half full, so that probe sequences stay short; at maxSlots, when it holds maxCache words, it
// starts over (the front cache stays: its words are still right, and the most frequent of
// them would otherwise all be stemmed again) with only the words found in it since they were
// stored: most of the words of OCR text are misreadings met once, which are never found
// again, while a word found once is found again. On the 59,433 chronam articles (two
// analysers, as a scan has; counted in a patched build) the cache missed 1.89 million words
// when it started over empty at 131,072 words (half its slots) and 1.48 million when it fills
// to three quarters and keeps the words found.
func (c *stemCache) put(key uint64, e entry) {
	if c.n >= maxCache {
		c.restart()
	}
	if 2*(c.n+1) > len(c.slots) && len(c.slots) < maxSlots {
		old := c.slots
		c.slots = prefault.Make[cacheSlot](2 * len(old))
		c.n = 0
		if len(c.hot) < hotSlots {
			c.hot = prefault.Make[cacheSlot](min(len(c.slots), hotSlots)) // its words are in the table
		}
		for _, s := range old {
			if s.key != 0 {
				c.insert(s)
			}
		}
	}
	s := makeSlot(key, e)
	c.store(s)
	c.hot[c.hotIndex(key)] = s
}

// store is insert for a word that may be in the table already, which it then replaces.
func (c *stemCache) store(s cacheSlot) {
	mask := uint64(len(c.slots) - 1)
	key := s.key &^ 7
	for i := key >> 3 & mask; ; i = (i + 1) & mask {
		switch t := &c.slots[i]; {
		case t.key == 0:
			*t = s
			c.n++
			return
		case t.matches(key):
			*t = s
			return
		}
	}
}

// restart empties the table but for the words marked as found (usedBit), which stay with
// their marks cleared; if they are more than maxCache/2, it is emptied of all. On the chronam
// articles about a quarter of the words stay (41,000-48,000 of 196,608 at each start).
//
// The words move within the table, which needs no second one: each word that stays is taken
// out and stored again, in table order from a slot that was free before any word was dropped,
// and lands at or before where it stood, in a slot a dropped word left on its probe sequence.
// No probe sequence runs through that free slot, so none of a word stored again runs through
// a word that is yet to move.
func (c *stemCache) restart() {
	free, kept := -1, 0 // free: the first slot free before any word is dropped
	for i := range c.slots {
		s := &c.slots[i]
		switch {
		case s.key == 0:
			if free < 0 {
				free = i
			}
		case s.key&usedBit != 0:
			s.key &^= usedBit
			kept++
		default:
			*s = cacheSlot{}
		}
	}
	c.n = 0
	if kept > maxCache/2 {
		clear(c.slots)
		return
	}
	mask := len(c.slots) - 1
	for k := 1; k <= len(c.slots); k++ {
		i := (free + k) & mask
		if s := c.slots[i]; s.key != 0 {
			c.slots[i] = cacheSlot{}
			c.insert(s)
		}
	}
}

// hotIndex returns the slot of the front cache for key.
func (c *stemCache) hotIndex(key uint64) uint64 { return (key >> 3) & uint64(len(c.hot)-1) }

// insert stores s in a free slot; the table must have one.
func (c *stemCache) insert(s cacheSlot) {
	mask := uint64(len(c.slots) - 1)
	i := (s.key >> 3) & mask
	for c.slots[i].key != 0 {
		i = (i + 1) & mask
	}
	c.slots[i] = s
	c.n++
}
