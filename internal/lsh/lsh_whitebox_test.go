package lsh

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"

	"github.com/zeebo/xxh3"
)

func TestParamsBetter(t *testing.T) {
	tests := []struct {
		name string
		p, q params
		want bool
	}{
		{"lower cost", params{bands: 2, rows: 2, cost: 0.1}, params{bands: 4, rows: 4, cost: 0.2}, true},
		{"higher cost", params{bands: 4, rows: 4, cost: 0.2}, params{bands: 2, rows: 2, cost: 0.1}, false},
		{"tie, more permutations", params{bands: 4, rows: 4, cost: 0.1}, params{bands: 5, rows: 3, cost: 0.1}, true},
		{"tie, fewer permutations", params{bands: 5, rows: 3, cost: 0.1}, params{bands: 4, rows: 4, cost: 0.1}, false},
		{"tie, same permutations, fewer bands", params{bands: 2, rows: 8, cost: 0.1}, params{bands: 8, rows: 2, cost: 0.1}, true},
		{"tie, same permutations, more bands", params{bands: 8, rows: 2, cost: 0.1}, params{bands: 2, rows: 8, cost: 0.1}, false},
		{"identical", params{bands: 2, rows: 8, cost: 0.1}, params{bands: 2, rows: 8, cost: 0.1}, false},
	}
	for _, tt := range tests {
		if got := tt.p.better(tt.q); got != tt.want {
			t.Errorf("%s: %+v.better(%+v) = %v; want %v", tt.name, tt.p, tt.q, got, tt.want)
		}
	}
}

// TestShortKey: shortKey is xxh3.HashSeed of the little-endian bytes of bands of one and two
// values, for values and seeds at the edges and at random, band keys being persisted.
func TestShortKey(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	edges := []uint32{0, 1, 0x7fffffff, 0x80000000, 0xffffffff}
	for n := range 3000 {
		a, b, seed := r.Uint32(), r.Uint32(), r.Uint64()
		if n < len(edges)*len(edges) {
			a, b, seed = edges[n%len(edges)], edges[n/len(edges)], uint64(n)
		}
		for rows, band := range [][]uint32{{a}, {a, b}} {
			buf := binary.LittleEndian.AppendUint32(nil, band[0])
			if len(band) == 2 {
				buf = binary.LittleEndian.AppendUint32(buf, band[1])
			}
			if got, want := shortKey(band[0], band[len(band)-1], rows+1, seed), xxh3.HashSeed(buf, seed); got != want {
				t.Fatalf("shortKey(%#x, %#x, %d, %#x) = %#x; want xxh3's %#x", band[0], band[len(band)-1], rows+1, seed, got, want)
			}
		}
	}
}
