package normalize

import (
	"strconv"
	"testing"
)

// TestStemCache stores more words than the cache holds, with both stop flags, and reads them
// back through the front cache and the table; past maxCache words the table starts over and
// the front cache keeps what it holds.
func TestStemCache(t *testing.T) {
	c := newStemCache(16)
	entryOf := func(i int) entry { return entry{hash: uint64(i) * 0x9e3779b97f4a7c15, stop: i%3 == 0} }
	keyOf := func(i int) uint64 { return cacheKey("word-" + strconv.Itoa(i)) }
	for i := range maxCache {
		if _, ok := c.get(keyOf(i)); ok {
			t.Fatalf("word %d found before it was stored", i)
		}
		c.put(keyOf(i), entryOf(i))
	}
	for _, i := range []int{0, 1, 2, 3, 1000, maxCache - 1, 1000, 0} {
		if got, ok := c.get(keyOf(i)); !ok || got != entryOf(i) {
			t.Errorf("get(word %d) = %+v, %v; want %+v, true", i, got, ok, entryOf(i))
		}
	}
	if len(c.slots) != 2*maxCache {
		t.Errorf("table has %d slots for %d words; want %d", len(c.slots), maxCache, 2*maxCache)
	}
	hot := keyOf(maxCache - 1) // read above, so in the front cache
	c.put(keyOf(maxCache), entryOf(maxCache))
	if c.n != 1 {
		t.Errorf("after overflow: %d words in the table; want 1", c.n)
	}
	if got, ok := c.getHot(hot); !ok || got != entryOf(maxCache-1) {
		t.Errorf("after overflow: front cache gives %+v, %v for a word it held; want %+v, true", got, ok, entryOf(maxCache-1))
	}
	for _, i := range []int{5, 1000, maxCache - 2} {
		if got, ok := c.get(keyOf(i)); ok && got != entryOf(i) {
			t.Errorf("after overflow: get(word %d) = %+v; want %+v or nothing", i, got, entryOf(i))
		}
	}
	if got, ok := c.get(keyOf(maxCache)); !ok || got != entryOf(maxCache) {
		t.Errorf("get(newest word) = %+v, %v; want %+v, true", got, ok, entryOf(maxCache))
	}
}
