package normalize

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestStemCache stores more words than the cache holds, with both stop flags, and reads them
// back through the front cache and the table; past maxCache words the table starts over with
// only the words found in it, and the front cache keeps what it holds.
func TestStemCache(t *testing.T) {
	c := newStemCache(16)
	entryOf := func(i int) entry { return entry{hash: uint64(i) * 0x9e3779b97f4a7c15, stop: i%3 == 0} }
	keyOf := func(i int) uint64 { return cacheKey("word-" + strconv.Itoa(i)) }
	fill := func(from int) { // up to maxCache words
		for i := from; c.n < maxCache; i++ {
			if _, ok := c.get(keyOf(i)); ok {
				t.Fatalf("word %d found before it was stored", i)
			}
			c.put(keyOf(i), entryOf(i))
		}
	}
	fill(0)
	if c.n != maxCache || len(c.slots) != maxSlots {
		t.Fatalf("table holds %d words in %d slots; want %d in %d", c.n, len(c.slots), maxCache, maxSlots)
	}
	found := []int{0, 1, 2, 3, 1000, maxCache - 1}
	for _, i := range found {
		if got, ok := c.getTable(keyOf(i)); !ok || got != entryOf(i) {
			t.Errorf("getTable(word %d) = %+v, %v; want %+v, true", i, got, ok, entryOf(i))
		}
	}
	hot := keyOf(maxCache - 2) // stored last but one, so in the front cache
	c.put(keyOf(maxCache), entryOf(maxCache))
	if c.n != len(found)+1 {
		t.Errorf("after overflow: %d words in the table; want %d", c.n, len(found)+1)
	}
	if got, ok := c.getHot(hot); !ok || got != entryOf(maxCache-2) {
		t.Errorf("after overflow: front cache gives %+v, %v for a word it held; want %+v, true", got, ok, entryOf(maxCache-2))
	}
	for _, i := range []int{5, 999, maxCache - 2} {
		if _, ok := c.getTable(keyOf(i)); ok {
			t.Errorf("after overflow: the table holds word %d, never found in it", i)
		}
	}
	for _, i := range append(found, maxCache) {
		if got, ok := c.get(keyOf(i)); !ok || got != entryOf(i) {
			t.Errorf("after overflow: get(word %d) = %+v, %v; want %+v, true", i, got, ok, entryOf(i))
		}
	}
	// The words kept lost their mark: those not found again are dropped at the next overflow.
	c.getTable(keyOf(1))
	fill(2 * maxCache)
	c.put(keyOf(4*maxCache), entryOf(4*maxCache))
	if _, ok := c.getTable(keyOf(1)); !ok {
		t.Error("after the second overflow: word 1, found again, is not in the table")
	}
	if _, ok := c.getTable(keyOf(0)); ok {
		t.Error("after the second overflow: word 0, not found again, is still in the table")
	}
}

// TestStemCacheRestart starts small tables over with some of their words marked as found and
// checks that exactly those are found after it, wherever their probe sequences ran (many keys
// share a few home slots, some at the table's end, so that sequences wrap around).
func TestStemCacheRestart(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 2000 {
		size := 16 << rng.IntN(3)
		c := &stemCache{slots: make([]cacheSlot, size), hot: make([]cacheSlot, size)}
		var keys []uint64
		marked := map[uint64]bool{}
		for len(keys) < size*3/4 {
			home := uint64(size - 1 - rng.IntN(4))
			if rng.IntN(2) == 0 {
				home = uint64(rng.IntN(size))
			}
			k := (rng.Uint64()<<12 | home) << 3
			if _, ok := c.getTable(k); ok || k == 0 {
				continue
			}
			keys = append(keys, k)
			c.insert(makeSlot(k, entry{hash: k + 1}))
			if rng.IntN(3) == 0 {
				c.getTable(k) // marks it
				marked[k] = true
			}
		}
		c.restart()
		if c.n != len(marked) {
			t.Fatalf("round %d: %d words after restart; want %d", round, c.n, len(marked))
		}
		for _, k := range keys {
			if e, ok := c.getTable(k); ok != marked[k] || ok && e.hash != k+1 {
				t.Fatalf("round %d: getTable(%#x) = %+v, %v after restart; want found %v", round, k, e, ok, marked[k])
			}
		}
	}
}

// TestStemCachePutAgain stores a word that the table holds already, as resolve does for a word
// missed twice in one document whose front-cache slot another word took in between: the table
// keeps one copy of it, with the new entry, wherever on its probe sequence it stood.
func TestStemCachePutAgain(t *testing.T) {
	c := newStemCache(16) // 32 slots, of which the front cache has as many
	mask := uint64(len(c.slots) - 1)
	home := uint64(5)
	keyAt := func(high uint64) uint64 { return (high*(mask+1) | home) << 3 } // all share slot 5
	a, b, d := keyAt(1), keyAt(2), keyAt(3)
	c.put(a, entry{hash: 1})
	c.put(b, entry{hash: 2}) // takes a's front-cache slot; in the table, the slot after a's
	c.put(d, entry{hash: 3})
	if _, ok := c.getHot(b); ok {
		t.Fatal("front cache holds b after d took its slot")
	}
	c.put(b, entry{hash: 20, number: true})
	if c.n != 3 {
		t.Errorf("%d words in the table after b was stored again; want 3", c.n)
	}
	for k, want := range map[uint64]entry{a: {hash: 1}, b: {hash: 20, number: true}, d: {hash: 3}} {
		if got, ok := c.getTable(k); !ok || got != want {
			t.Errorf("getTable(%#x) = %+v, %v; want %+v, true", k, got, ok, want)
		}
	}
	used := 0
	for _, s := range c.slots {
		if s.key != 0 {
			used++
		}
	}
	if used != 3 {
		t.Errorf("%d slots used; want 3", used)
	}
}
