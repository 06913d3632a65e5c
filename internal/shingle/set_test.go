package shingle_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/shingle"
)

// TestSetAgreesWithHashes builds the same sets both ways, with repeats, 0 and
// small tables that must grow, and checks that they hold the same elements
// and agree on the intersection with another set.
func TestSetAgreesWithHashes(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var s, other shingle.Set
	for trial := range 200 {
		n := rng.IntN(300)
		terms := make([]uint64, n)
		for i := range terms {
			terms[i] = uint64(rng.IntN(40)) // few values: many repeats, and 0
		}
		if trial%3 == 0 {
			for i := range terms {
				terms[i] = rng.Uint64()
			}
		}
		k := 1 + trial%3
		seq := shingle.Sequence(nil, terms, k)
		want := shingle.Hashes(nil, terms, k)

		uniq := s.Unique(slices.Clone(seq))
		if s.Len() != len(want) || len(uniq) != len(want) {
			t.Fatalf("trial %d: Set has %d, Unique kept %d; want %d", trial, s.Len(), len(uniq), len(want))
		}
		if got := slices.Sorted(slices.Values(uniq)); !slices.Equal(got, want) {
			t.Fatalf("trial %d: Unique = %v; want %v", trial, got, want)
		}
		for _, h := range want {
			if !s.Has(h) {
				t.Fatalf("trial %d: Has(%d) = false for a member", trial, h)
			}
		}

		// Intersect with a set built by Add, starting from the zero value's growth.
		otherTerms := slices.Clone(terms)
		for i := range otherTerms {
			if rng.IntN(3) == 0 {
				otherTerms[i] = rng.Uint64()
			}
		}
		other = shingle.Set{}
		inter := 0
		for _, h := range shingle.Sequence(nil, otherTerms, k) {
			if other.Add(h) && s.Has(h) {
				inter++
			}
		}
		if want := shared(want, shingle.Hashes(nil, otherTerms, k)); inter != want {
			t.Fatalf("trial %d: intersection through Set = %d; want %d", trial, inter, want)
		}
	}
}

func TestSetFirstOccurrenceOrder(t *testing.T) {
	var s shingle.Set
	got := s.Unique([]uint64{7, 0, 7, 3, 0, 9, 3})
	if want := []uint64{7, 0, 3, 9}; !slices.Equal(got, want) {
		t.Errorf("Unique = %v; want %v", got, want)
	}
	if s.Has(1) || !s.Has(0) || s.Len() != 4 {
		t.Errorf("after Unique: Has(1) = %v, Has(0) = %v, Len = %d; want false, true, 4", s.Has(1), s.Has(0), s.Len())
	}
	s.Reset(0)
	if s.Has(7) || s.Has(0) || s.Len() != 0 {
		t.Errorf("Reset left elements: Has(7) = %v, Has(0) = %v, Len = %d", s.Has(7), s.Has(0), s.Len())
	}
	var empty shingle.Set
	if empty.Has(0) || empty.Has(5) {
		t.Error("the zero Set has elements")
	}
}

func TestSequence(t *testing.T) {
	terms := []uint32{1, 2, 1, 2}
	seq := shingle.Sequence(nil, terms, 2)
	if len(seq) != 3 || seq[0] != seq[2] || seq[0] == seq[1] {
		t.Errorf("Sequence(1 2 1 2, k=2) = %v; want 3 hashes, the first and last equal", seq)
	}
	if got := shingle.Sequence(seq, []uint32{}, 2); len(got) != 0 {
		t.Errorf("Sequence of no terms = %v; want empty", got)
	}
	wide := shingle.Hashes(nil, []uint64{1, 2, 1, 2}, 2)
	if narrow := shingle.Hashes(nil, terms, 2); !slices.Equal(wide, narrow) {
		t.Errorf("32-bit terms shingle as %v, their 64-bit widening as %v", narrow, wide)
	}
}

func BenchmarkUnique(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	terms := make([]uint64, 700) // a 4 kB article
	for i := range terms {
		terms[i] = rng.Uint64()
	}
	seq := shingle.Sequence(nil, terms, 2)
	buf := make([]uint64, len(seq))
	var s shingle.Set
	b.SetBytes(int64(8 * len(terms)))
	b.ReportAllocs()
	for b.Loop() {
		copy(buf, seq)
		s.Unique(buf)
	}
}
