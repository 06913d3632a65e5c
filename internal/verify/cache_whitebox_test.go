package verify

import (
	"slices"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// cached returns the documents c holds, by their names in docs, sorted.
func cached(c *docCache, docs map[*sketch.Sketch]string) []string {
	var names []string
	for sk := range c.byDoc {
		names = append(names, docs[sk])
	}
	slices.Sort(names)
	return names
}

// TestDocCacheDue checks which documents a full cache evicts: the one due last, never the one
// it is told to keep; with a caller's schedule, the one needed furthest ahead, and without
// one, the least recently used.
func TestDocCacheDue(t *testing.T) {
	docs := map[*sketch.Sketch]string{}
	doc := map[string]*sketch.Sketch{}
	for _, name := range []string{"a", "b", "c", "d", "e", "f"} {
		sk := &sketch.Sketch{Terms: make([]uint32, 10)}
		docs[sk], doc[name] = name, sk
	}
	c := docCache{limit: 30, byDoc: map[*sketch.Sketch]*prepared{}}
	step := func(name string, due int, keep string, want ...string) {
		t.Helper()
		if c.get(doc[name], due) == nil {
			c.add(doc[name], c.byDoc[doc[keep]], due)
		}
		if got := cached(&c, docs); !slices.Equal(got, want) {
			t.Fatalf("after %s, due %d: the cache holds %v; want %v", name, due, got, want)
		}
		if c.terms != 10*len(want) {
			t.Fatalf("after %s: the cache counts %d terms; want %d", name, c.terms, 10*len(want))
		}
	}
	step("a", 5, "", "a")
	step("b", 2, "", "a", "b")
	step("c", 9, "", "a", "b", "c")
	step("d", 4, "", "a", "b", "d")  // c is needed last
	step("a", 1, "", "a", "b", "d")  // a is needed sooner now
	step("e", 3, "", "a", "b", "e")  // d, due 4, goes
	step("f", 8, "e", "a", "e", "f") // e, due last, is kept: b goes
	step("e", 7, "", "a", "e", "f")
	step("b", 6, "", "a", "b", "e") // f, due 8, goes
	step("c", 9, "", "a", "b", "c") // e, due 7, goes: the document measured is cached

	// Without a schedule: the least recently used goes.
	c.clear()
	step("a", c.recent(), "", "a")
	step("b", c.recent(), "", "a", "b")
	step("c", c.recent(), "", "a", "b", "c")
	step("a", c.recent(), "", "a", "b", "c")
	step("d", c.recent(), "", "a", "c", "d")  // b was used least recently
	step("e", c.recent(), "c", "c", "d", "e") // a goes; c, used before it, is kept
}
