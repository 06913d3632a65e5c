package verify

import (
	"slices"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// TestIDPostings checks that of returns each id's places in increasing order, none for an id
// without postings, and most the most places of an id, also when the index is built again in
// its own memory for fewer postings and then for more.
func TestIDPostings(t *testing.T) {
	tests := []struct {
		n        int      // ids below n
		postings []uint64 // id<<32 | place
		want     [][]uint32
	}{
		{4, []uint64{2<<32 | 0, 3<<32 | 0, 2<<32 | 1, 0<<32 | 2, 2<<32 | 3, 1<<32 | 3}, [][]uint32{{2}, {3}, {0, 1, 3}, {0}}},
		{3, []uint64{1<<32 | 4}, [][]uint32{nil, {4}, nil}},
		{2, nil, [][]uint32{nil, nil}},
		{6, []uint64{3<<32 | 0, 4<<32 | 0, 3<<32 | 1, 4<<32 | 1, 3<<32 | 2, 5<<32 | 5, 4<<32 | 8, 3<<32 | 9, 0<<32 | 9},
			[][]uint32{{9}, nil, nil, {0, 1, 2, 9}, {0, 1, 8}, {5}}},
	}
	var index idPostings
	for _, tt := range tests {
		index.build(tt.n, tt.postings)
		most := 0
		for id, want := range tt.want {
			if got := index.of(uint32(id)); !slices.Equal(got, want) {
				t.Errorf("postings %x: of(%d) = %v; want %v", tt.postings, id, got, want)
			}
			most = max(most, len(want))
		}
		if index.most != uint32(most) {
			t.Errorf("postings %x: most %d; want %d", tt.postings, index.most, most)
		}
	}
}

// TestTermMap checks that a pair's map of terms sends each term of either document to the id
// of the same term in the other, or to none when the other lacks it, whichever document has
// the more distinct terms, also when made again in its own memory.
func TestTermMap(t *testing.T) {
	one := &sketch.Sketch{Terms: []uint32{5, 1, 5, 9, 2, 1, 7, 0}, Ends: []uint32{3, 8}}
	other := &sketch.Sketch{Terms: []uint32{2, 2, 8, 5, 0, 6, 4, 3, 3, 11}, Ends: []uint32{4, 4, 10}}
	var m termMap
	for _, pair := range [][2]*sketch.Sketch{{one, other}, {other, one}, {one, one}, {other, one}} {
		a, b := pair[0], pair[1]
		sa, sb := setsOf(a, nil), setsOf(b, nil)
		m.build(sa, sb)
		// check checks that toOf maps each term of from to its id plus one in to, or to 0.
		check := func(from, to *sentences, toOf []uint32) {
			t.Helper()
			for id, term := range from.vocab {
				got, want := toOf[id], uint32(0)
				if k := slices.Index(to.vocab, term); k >= 0 {
					want = uint32(k) + 1
				}
				if got != want {
					t.Errorf("%v ~ %v: term %d maps to %d; want %d", a.Terms, b.Terms, term, got, want)
				}
			}
		}
		check(sa, sb, m.bOfA)
		check(sb, sa, m.aOfB)
	}
}
