package scan

import "testing"

// TestDocumentBlocks checks that documents gathered in blocks come back whole and in order,
// for no document, part of a block, and a count that ends inside a later block.
func TestDocumentBlocks(t *testing.T) {
	for _, n := range []int{0, 1, documentBlock - 1, documentBlock, 2*documentBlock + 7} {
		var b documentBlocks
		for i := range n {
			b.add(&Document{Words: i})
		}
		docs := b.join()
		if len(docs) != n || n == 0 && docs != nil {
			t.Fatalf("%d documents added: join returned %d (nil: %t)", n, len(docs), docs == nil)
		}
		for i, d := range docs {
			if d.Words != i {
				t.Fatalf("%d documents added: document %d is the one added as %d", n, i, d.Words)
			}
		}
	}
}
