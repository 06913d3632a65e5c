package shingle_test

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/zeebo/xxh3"

	"github.com/dedupe-dev/dedupe/internal/randtest"
	"github.com/dedupe-dev/dedupe/internal/shingle"
)

// TestHashes pins exact values: shingle hashes are stored in indexes, so a
// change here is a format change.
func TestHashes(t *testing.T) {
	tests := []struct {
		name  string
		terms []uint64
		k     int
		want  []uint64
	}{
		{"nil", nil, 3, nil},
		{"empty", []uint64{}, 3, nil},
		{"one term fewer than k", []uint64{5}, 3, []uint64{5}},
		{"two terms fewer than k", []uint64{1, 2}, 3, []uint64{0x5692161d100b05e7}},
		{"k=2", []uint64{1, 2, 3}, 2, []uint64{0x5692161d100b05e7, 0xdbd238973a2b1489}},
		{"k=3", []uint64{1, 2, 3}, 3, []uint64{0xef30b01c2974aee8}},
		{"k=3 reversed", []uint64{3, 2, 1}, 3, []uint64{0x685873dc5799652b}},
		{"duplicates removed", []uint64{1, 2, 1, 2, 1, 2}, 2, []uint64{0x5692161d100b05e7, 0xdbd238973a2b148b}},
		{"k=1 is the set of terms", []uint64{3, 1, 3, 2}, 1, []uint64{1, 2, 3}},
		{"k=0 counts as 1", []uint64{3, 1}, 0, []uint64{1, 3}},
		{"negative k counts as 1", []uint64{3, 1}, -2, []uint64{1, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := shingle.Hashes(nil, tt.terms, tt.k); !slices.Equal(got, tt.want) || (got == nil) != (tt.want == nil) {
				t.Errorf("Hashes(nil, %v, %d) = %#x; want %#x", tt.terms, tt.k, got, tt.want)
			}
		})
	}
}

func TestHashesOrderSensitive(t *testing.T) {
	terms := []uint64{xxh3.HashString("a"), xxh3.HashString("b"), xxh3.HashString("c")}
	for k := 2; k <= 3; k++ {
		fwd := shingle.Hashes(nil, terms, k)
		rev := shingle.Hashes(nil, []uint64{terms[2], terms[1], terms[0]}, k)
		if n := shared(fwd, rev); n != 0 {
			t.Errorf("k=%d: (a b c) and (c b a) share %d shingles; want 0", k, n)
		}
	}
}

func TestHashesReusesDst(t *testing.T) {
	terms := make([]uint64, 500)
	for i := range terms {
		terms[i] = uint64(i) * 0x9e3779b97f4a7c15
	}
	dst := shingle.Hashes(nil, terms, 3)
	want := slices.Clone(dst)
	if n := testing.AllocsPerRun(10, func() { dst = shingle.Hashes(dst, terms, 3) }); n != 0 {
		t.Errorf("Hashes with a large enough dst allocates %v times; want 0", n)
	}
	if !slices.Equal(dst, want) {
		t.Errorf("Hashes into a reused dst = %#x; want %#x", dst, want)
	}
}

// TestJaccardMatchesStrings compares Hashes and Set with the plain
// definition: sets of space-joined words in a map.
func TestJaccardMatchesStrings(t *testing.T) {
	rng := randtest.New(t)
	vocab := make([]string, 12) // small, so that random streams share shingles
	for i := range vocab {
		vocab[i] = string(rune('a' + i))
	}
	stream := func() []string {
		words := make([]string, rng.IntN(60))
		for i := range words {
			words[i] = vocab[rng.IntN(len(vocab))]
		}
		return words
	}
	for range 300 {
		a, b := stream(), stream()
		for k := 1; k <= 4; k++ {
			ha, hb := shingle.Hashes(nil, hashAll(a), k), shingle.Hashes(nil, hashAll(b), k)
			sa, sb := stringShingles(a, k), stringShingles(b, k)
			if got, want := jaccard(len(ha), len(hb), shared(ha, hb)), jaccard(len(sa), len(sb), stringIntersect(sa, sb)); got != want {
				t.Fatalf("k=%d, %q vs %q: Jaccard %v; want %v", k, a, b, got, want)
			}
			if len(ha) != len(sa) {
				t.Fatalf("k=%d, %q: %d hashed shingles; want %d", k, a, len(ha), len(sa))
			}
		}
	}
}

func hashAll(words []string) []uint64 {
	h := make([]uint64, len(words))
	for i, w := range words {
		h[i] = xxh3.HashString(w)
	}
	return h
}

func stringShingles(words []string, k int) map[string]struct{} {
	set := make(map[string]struct{})
	if len(words) == 0 {
		return set
	}
	k = min(k, len(words))
	for i := 0; i+k <= len(words); i++ {
		set[strings.Join(words[i:i+k], " ")] = struct{}{}
	}
	return set
}

func stringIntersect(a, b map[string]struct{}) int {
	n := 0
	for s := range a {
		if _, ok := b[s]; ok {
			n++
		}
	}
	return n
}

func jaccard(na, nb, inter int) float64 {
	if na+nb == 0 {
		return 0
	}
	return float64(inter) / float64(na+nb-inter)
}

func BenchmarkHashes(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	terms := make([]uint64, 700) // a 4 kB article
	for i := range terms {
		terms[i] = rng.Uint64()
	}
	for _, k := range []int{1, 3, 5} {
		b.Run("k="+strconv.Itoa(k), func(b *testing.B) {
			dst := shingle.Hashes(nil, terms, k)
			if len(dst) != len(terms)-k+1 {
				b.Fatalf("%d shingles of %d random terms; want %d", len(dst), len(terms), len(terms)-k+1)
			}
			b.SetBytes(int64(8 * len(terms)))
			b.ReportAllocs()
			for b.Loop() {
				dst = shingle.Hashes(dst, terms, k)
			}
		})
	}
}

// shared returns |a ∩ b| for two sets without duplicates, through a Set.
func shared(a, b []uint64) int {
	var s shingle.Set
	s.Unique(slices.Clone(a))
	n := 0
	for _, h := range b {
		if s.Has(h) {
			n++
		}
	}
	return n
}

// BenchmarkSequence shingles a 4 kB article's 700 terms (in 32 bits, as a sketch holds them)
// with the default size, 2, and with 3, without sorting.
func BenchmarkSequence(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	terms := make([]uint32, 700)
	for i := range terms {
		terms[i] = rng.Uint32()
	}
	for _, k := range []int{2, 3} {
		b.Run("k="+strconv.Itoa(k), func(b *testing.B) {
			dst := shingle.Sequence(nil, terms, k)
			b.SetBytes(int64(4 * len(terms)))
			b.ReportAllocs()
			for b.Loop() {
				dst = shingle.Sequence(dst, terms, k)
			}
		})
	}
}
