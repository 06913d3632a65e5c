package lsh_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/lsh"
	"github.com/dedupe-dev/dedupe/internal/minhash"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// keepSmallest returns the n smallest of sh.
func keepSmallest(sh []uint64, n int) []uint64 {
	slices.Sort(sh)
	return sh[:n]
}

// TestSignerKeys checks Signer against the stages it chains: shingles, MinHash, band keys.
func TestSignerKeys(t *testing.T) {
	an, _ := normalize.New("english")
	sk := sketch.New(an.Analyze("Dock workers walked out at the port on Monday after talks on pay collapsed. The union said the strike would last a week."))
	shingles := sk.Shingles(nil, 2)
	hasher, _ := minhash.New(64, 9)
	layout, _ := lsh.NewIndex(16, 4)
	s, err := lsh.NewSigner(lsh.SignerParams{ShingleSize: 2, NumPerm: 64, Seed: 9, Bands: 16, Rows: 4})
	if err != nil {
		t.Fatal(err)
	}
	// The filter sees the shingles in no particular order: drop the smallest, shingles[0].
	dropSmallest := func(sh []uint64) []uint64 {
		smallest := slices.Min(sh)
		return slices.DeleteFunc(sh, func(h uint64) bool { return h == smallest })
	}
	tests := []struct {
		name   string
		sk     sketch.Sketch
		filter func([]uint64) []uint64
		want   []uint64
	}{
		{"all shingles", sk, nil, layout.Keys(nil, hasher.Sign(nil, shingles))},
		{"filtered", sk, dropSmallest, layout.Keys(nil, hasher.Sign(nil, shingles[1:]))},
		// A document the filter would leave with less than half of its shingles keeps them all.
		{"everything filtered", sk, func([]uint64) []uint64 { return nil }, layout.Keys(nil, hasher.Sign(nil, shingles))},
		{"half kept", sk, func(sh []uint64) []uint64 { return keepSmallest(sh, (len(shingles)+1)/2) }, layout.Keys(nil, hasher.Sign(nil, shingles[:(len(shingles)+1)/2]))},
		{"less than half kept", sk, func(sh []uint64) []uint64 { return keepSmallest(sh, (len(shingles)+1)/2-1) }, layout.Keys(nil, hasher.Sign(nil, shingles))},
		{"empty sketch", sketch.Sketch{}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, signer := range []*lsh.Signer{s, s.Clone()} {
				if got := signer.Keys(nil, &tt.sk, tt.filter); !reflect.DeepEqual(got, tt.want) {
					t.Errorf("Keys = %x; want %x", got, tt.want)
				}
			}
		})
	}
	if s.Bands() != 16 {
		t.Errorf("Bands() = %d; want 16", s.Bands())
	}
	for _, p := range []lsh.SignerParams{
		{ShingleSize: 0, NumPerm: 64, Bands: 16, Rows: 4},
		{ShingleSize: 2, NumPerm: 64, Bands: 16, Rows: 5},
		{ShingleSize: 2, NumPerm: 64, Bands: 0, Rows: 4},
	} {
		if _, err := lsh.NewSigner(p); err == nil {
			t.Errorf("NewSigner(%+v) succeeded", p)
		}
	}
}
