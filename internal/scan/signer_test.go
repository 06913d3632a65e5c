package scan_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/lsh"
	"github.com/dedupe-dev/dedupe/internal/minhash"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/scan"
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
	s, err := scan.NewSigner(scan.SignerParams{ShingleSize: 2, NumPerm: 64, Seed: 9, Bands: 16, Rows: 4})
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
			for _, signer := range []*scan.Signer{s, s.Clone()} {
				if got := signer.Keys(nil, &tt.sk, tt.filter); !reflect.DeepEqual(got, tt.want) {
					t.Errorf("Keys = %x; want %x", got, tt.want)
				}
			}
		})
	}
	if s.Bands() != 16 {
		t.Errorf("Bands() = %d; want 16", s.Bands())
	}
	for _, p := range []scan.SignerParams{
		{ShingleSize: 0, NumPerm: 64, Bands: 16, Rows: 4},
		{ShingleSize: 2, NumPerm: 64, Bands: 16, Rows: 5},
		{ShingleSize: 2, NumPerm: 64, Bands: 0, Rows: 4},
	} {
		if _, err := scan.NewSigner(p); err == nil {
			t.Errorf("NewSigner(%+v) succeeded", p)
		}
	}
}

// TestAnalyzeOrder checks that Analyze delivers documents and skips in input order whatever
// the number of workers, and stops at the first error of its callback.
func TestAnalyzeOrder(t *testing.T) {
	dir := t.TempDir()
	var want []string
	for i := range 300 {
		name := fmt.Sprintf("%03d.txt", i)
		text := strings.Repeat(fmt.Sprintf("word%d and more words in sentence %d. ", i, i), 2+i%7)
		if i%10 == 3 {
			text = "too short"
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		want = append(want, name)
	}
	for _, workers := range []int{1, 3, 8} {
		opts := scan.DefaultOptions()
		opts.Workers = workers
		opts.MinWords = 10
		var got []string
		skipped := 0
		err := scan.Analyze(context.Background(), []string{dir}, opts, func(it scan.Item) error {
			switch {
			case it.Doc != nil:
				got = append(got, it.Doc.Path)
			case it.Skip != nil:
				got = append(got, it.Skip.Path)
				skipped++
			}
			return nil
		})
		if err != nil || !reflect.DeepEqual(got, want) || skipped != 30 {
			t.Errorf("workers %d: %v, %d skipped, order kept %v; want 30 skipped, input order", workers, err, skipped, reflect.DeepEqual(got, want))
		}
	}
	stop := errors.New("stop")
	n := 0
	err := scan.Analyze(context.Background(), []string{dir}, scan.DefaultOptions(), func(scan.Item) error {
		if n++; n == 5 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 5 {
		t.Errorf("Analyze = %v after %d items; want the callback's error after 5", err, n)
	}
}
