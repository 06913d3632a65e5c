package verify

import (
	"slices"
	"testing"
)

// TestPostingIndex checks that lookup returns each word's places in increasing order and none
// for a word the list does not hold, also when the index is built again in its own memory for
// fewer postings and then for more.
func TestPostingIndex(t *testing.T) {
	tests := []struct {
		postings []uint64 // word<<32 | place
		want     map[uint32][]uint32
	}{
		{
			[]uint64{7<<32 | 0, 9<<32 | 0, 7<<32 | 1, 0<<32 | 2, 7<<32 | 3, 1<<32 | 3},
			map[uint32][]uint32{7: {0, 1, 3}, 9: {0}, 0: {2}, 1: {3}, 8: nil, 2: nil},
		},
		{
			[]uint64{5<<32 | 4},
			map[uint32][]uint32{5: {4}, 7: nil, 9: nil, 0: nil},
		},
		{
			nil,
			map[uint32][]uint32{5: nil, 0: nil},
		},
		{
			[]uint64{3<<32 | 0, 4<<32 | 0, 3<<32 | 1, 4<<32 | 1, 3<<32 | 2, 6<<32 | 5, 4<<32 | 8, 3<<32 | 9, 1<<63 | 9},
			map[uint32][]uint32{3: {0, 1, 2, 9}, 4: {0, 1, 8}, 6: {5}, 1 << 31: {9}, 5: nil, 7: nil, 9: nil},
		},
	}
	var index postingIndex
	for _, tt := range tests {
		index.build(tt.postings)
		for w, want := range tt.want {
			if got := index.lookup(w); !slices.Equal(got, want) {
				t.Errorf("postings %x: lookup(%d) = %v; want %v", tt.postings, w, got, want)
			}
		}
	}
}
