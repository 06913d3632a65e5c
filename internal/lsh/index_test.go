package lsh_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/lsh"
	"github.com/dedupe-dev/dedupe/internal/minhash"
	"github.com/dedupe-dev/dedupe/internal/randtest"
)

func mustIndex(t testing.TB, bands, rows int) *lsh.Index {
	t.Helper()
	ix, err := lsh.NewIndex(bands, rows)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestNewIndex(t *testing.T) {
	tests := []struct {
		bands, rows int
		wantErr     bool
	}{
		{0, 4, true},
		{4, 0, true},
		{-1, -1, true},
		{1, 1, false},
		{20, 5, false},
	}
	for _, tt := range tests {
		ix, err := lsh.NewIndex(tt.bands, tt.rows)
		if (err != nil) != tt.wantErr {
			t.Errorf("NewIndex(%d, %d) error = %v; want error %v", tt.bands, tt.rows, err, tt.wantErr)
			continue
		}
		if err == nil && (ix.Bands() != tt.bands || ix.Rows() != tt.rows) {
			t.Errorf("NewIndex(%d, %d): Bands() = %d, Rows() = %d", tt.bands, tt.rows, ix.Bands(), ix.Rows())
		}
	}
}

// TestKeysGolden pins the band key function: keys are persisted, so any
// change here breaks every existing index.
func TestKeysGolden(t *testing.T) {
	ix := mustIndex(t, 3, 2)
	got := ix.Keys(nil, minhash.Signature{1, 2, 3, 4, 0xFFFFFFFF, 0, 99})
	want := []uint64{0x0389e2c8892d5450, 0x4ed8f7a119795f16, 0xce070ece3e800e68}
	if !slices.Equal(got, want) {
		t.Errorf("Keys = %#v; want %#v", got, want)
	}
}

func TestKeys(t *testing.T) {
	ix := mustIndex(t, 2, 3)
	keys := ix.Keys(nil, minhash.Signature{7, 8, 9, 7, 8, 9})
	if len(keys) != 2 || keys[0] == keys[1] {
		t.Errorf("Keys of equal bands = %v; want two different keys", keys)
	}
	// Only the first bands*rows values count.
	if got := ix.Keys(nil, minhash.Signature{7, 8, 9, 7, 8, 9, 1, 2}); !slices.Equal(got, keys) {
		t.Errorf("Keys with trailing values = %v; want %v", got, keys)
	}
	if got := ix.Keys(nil, minhash.Signature{7, 8, 9, 7, 8, 0}); got[0] != keys[0] || got[1] == keys[1] {
		t.Errorf("Keys after changing band 1 = %v; want band 0 %x kept and band 1 %x changed", got, keys[0], keys[1])
	}
}

func TestKeysLongBands(t *testing.T) {
	// Bands of more than 64 rows take the heap path; the key definition is
	// the same.
	sig := make(minhash.Signature, 200)
	for i := range sig {
		sig[i] = uint32(i)
	}
	long := mustIndex(t, 2, 100).Keys(nil, sig)
	sig[150]++
	changed := mustIndex(t, 2, 100).Keys(nil, sig)
	if long[0] != changed[0] || long[1] == changed[1] {
		t.Errorf("Keys = %v, after changing value 150 %v; want only key 1 to change", long, changed)
	}
}

func TestKeysAllocs(t *testing.T) {
	ix := mustIndex(t, 32, 4)
	sig := make(minhash.Signature, 128)
	dst := make([]uint64, 0, 32)
	if n := testing.AllocsPerRun(100, func() { dst = ix.Keys(dst, sig) }); n != 0 {
		t.Errorf("Keys with capacity allocates %v times; want 0", n)
	}
}

func TestKeysPanicsOnShortSignature(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Keys of 5 values for 2 bands × 3 rows did not panic")
		}
	}()
	mustIndex(t, 2, 3).Keys(nil, minhash.Signature{1, 2, 3, 4, 5})
}

// smallIndex returns an index of 2 bands × 2 rows with two buckets: band 0
// values (1, 2) shared by ids 0-3, band 1 values (5, 6) shared by ids 3 and 4.
// Id 0 is added twice, which must not change anything but Entries.
func smallIndex(t *testing.T) *lsh.Index {
	t.Helper()
	ix := mustIndex(t, 2, 2)
	for id, sig := range []minhash.Signature{
		{1, 2, 9, 0},
		{1, 2, 9, 1},
		{1, 2, 9, 2},
		{1, 2, 5, 6},
		{2, 3, 5, 6},
		{3, 4, 6, 7},
	} {
		ix.Add(uint32(id), sig)
	}
	ix.Add(0, minhash.Signature{1, 2, 9, 0})
	return ix
}

// TestKeysOneBin: a band whose values hold one bin's minimum (equal low 31 bits, borrowed or
// not) is keyed by the whole signature, so that two documents sharing only that bin are no
// candidates, while identical signatures still share every key and one-row bands are keyed as
// ever.
func TestKeysOneBin(t *testing.T) {
	const borrowed = 1 << 31
	ix := mustIndex(t, 2, 2)
	a := minhash.Signature{7, 7 | borrowed, 9, 10}
	b := minhash.Signature{7, 7 | borrowed, 9, 11} // band 0 as a's, band 1 not
	c := minhash.Signature{8 | borrowed, 8 | borrowed, 9, 10}
	ka, kb := ix.Keys(nil, a), ix.Keys(nil, b)
	// The keys are persisted: band 0's, of the whole signature, as Keys gave it when it
	// encoded the signature again for each such band.
	if want := []uint64{0x4b3742cbde0390bd, 0x874fcb7d173893fc}; !slices.Equal(ka, want) {
		t.Errorf("Keys(%v) = %#x; want %#x", a, ka, want)
	}
	long := make(minhash.Signature, 700) // more than the stack's 512 values, in chunks of 64 and a rest
	for k := range long {
		long[k] = uint32(k * 2654435761)
	}
	long[1] = long[0] | borrowed
	if got, want := mustIndex(t, 2, 2).Keys(nil, long)[0], uint64(0x71e77db5607d1236); got != want {
		t.Errorf("one-bin key of a signature of 700 values = %#x; want %#x", got, want)
	}
	if ka[0] == kb[0] {
		t.Errorf("one-bin band 0 of %v and %v has the same key %#x", a, b, ka[0])
	}
	if again := ix.Keys(nil, slices.Clone(a)); !slices.Equal(again, ka) {
		t.Errorf("Keys(%v) = %#x, then %#x", a, ka, again)
	}
	if ka[1] != ix.Keys(nil, c)[1] {
		t.Errorf("band 1 (9, 10) keyed apart in %v and %v", a, c)
	}
	ix.Add(0, a)
	ix.Add(1, b)
	ix.Add(2, c)
	if got, _ := ix.Candidates(0, 1, nil); !slices.Equal(got, []lsh.Pair{{0, 2}}) {
		t.Errorf("Candidates = %v; want [{0 2}] (band 1 only)", got)
	}
	one := mustIndex(t, 2, 1)
	if got, want := one.Keys(nil, minhash.Signature{7, 7 | borrowed}), one.Keys(nil, minhash.Signature{7, 7 | borrowed, 1}); !slices.Equal(got, want) {
		t.Errorf("one-row keys depend on values past the bands: %#x, %#x", got, want)
	}
}

func TestCandidates(t *testing.T) {
	all := []lsh.Pair{{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}, {3, 4}}
	tests := []struct {
		maxBucket int
		want      []lsh.Pair
		wantStats lsh.Stats
	}{
		{0, all, lsh.Stats{Entries: 14, Buckets: 2, LargestBucket: 4, Pairs: 7}},
		{-1, all, lsh.Stats{Entries: 14, Buckets: 2, LargestBucket: 4, Pairs: 7}},
		{4, all, lsh.Stats{Entries: 14, Buckets: 2, LargestBucket: 4, Pairs: 7}},
		{3, []lsh.Pair{{3, 4}}, lsh.Stats{Entries: 14, Buckets: 2, OversizedBuckets: 1, LargestBucket: 4, Pairs: 1}},
		{1, nil, lsh.Stats{Entries: 14, Buckets: 2, OversizedBuckets: 2, LargestBucket: 4}},
	}
	for _, tt := range tests {
		got, st := smallIndex(t).Candidates(tt.maxBucket, 2, nil)
		if !slices.Equal(got, tt.want) || st != tt.wantStats {
			t.Errorf("Candidates(%d) = %v, %+v; want %v, %+v", tt.maxBucket, got, st, tt.want, tt.wantStats)
		}
	}
}

// TestBucketKey: the index pairs documents whose keys of one band agree in their low 32 bits,
// even when the high bits differ, and never for equal keys of different bands; BucketKey must
// agree with it in both cases.
func TestBucketKey(t *testing.T) {
	a, b := uint64(0xAABBCCDD_11223344), uint64(0x01020304_11223344)
	ix := mustIndex(t, 5, 1)
	ix.AddKeys(1, []uint64{10, 11, 12, a, 14})
	ix.AddKeys(2, []uint64{20, 21, 22, b, 24}) // band 3 agrees with document 1 in the low bits
	ix.AddKeys(3, []uint64{30, 31, 32, 33, a}) // band 4 holds document 1's key of band 3
	if got, _ := ix.Candidates(0, 1, nil); !slices.Equal(got, []lsh.Pair{{1, 2}}) {
		t.Errorf("Candidates = %v; want [{1 2}]", got)
	}
	if lsh.BucketKey(3, a) != lsh.BucketKey(3, b) {
		t.Errorf("BucketKey(3, %#x) != BucketKey(3, %#x); want equal (same low 32 bits)", a, b)
	}
	if lsh.BucketKey(3, a) == lsh.BucketKey(4, a) {
		t.Errorf("BucketKey(3, %#x) == BucketKey(4, %#x); want bands apart", a, a)
	}
}

func TestCandidatesEmpty(t *testing.T) {
	got, st := mustIndex(t, 4, 4).Candidates(0, 1, nil)
	if got != nil || st != (lsh.Stats{}) {
		t.Errorf("Candidates of empty index = %v, %+v; want nil, zero stats", got, st)
	}
}

// corpus returns n random shingle sets drawn from a few stories: each
// document keeps a random fraction of its story's shingles and adds some of
// its own, so pair similarities spread over (0, 1), with some identical.
func corpus(r *rand.Rand, n, stories int) [][]uint64 {
	base := make([][]uint64, stories)
	for i := range base {
		base[i] = make([]uint64, 100+r.IntN(100))
		for j := range base[i] {
			base[i][j] = r.Uint64()
		}
	}
	docs := make([][]uint64, n)
	for i := range docs {
		story := base[r.IntN(stories)]
		keep := r.Float64()
		if i%10 == 0 {
			keep = 1 // exact copies
		}
		for _, x := range story {
			if r.Float64() < keep {
				docs[i] = append(docs[i], x)
			}
		}
		for range r.IntN(int(20*(1-keep)) + 1) {
			docs[i] = append(docs[i], r.Uint64())
		}
	}
	return docs
}

func jaccard(a, b []uint64) float64 {
	in := make(map[uint64]bool, len(a))
	for _, x := range a {
		in[x] = true
	}
	inter := 0
	for _, x := range b {
		if in[x] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// TestCandidatesReference compares Candidates with a brute-force search for
// pairs with a band of identical signature values, and checks that every
// pair of Jaccard similarity >= 0.9 is found (missed with probability
// (1-0.9^4)^16 < 4e-8 each).
func TestCandidatesReference(t *testing.T) {
	const bands, rows = 16, 4
	r := randtest.New(t)
	docs := corpus(r, 300, 30)
	h := minhash.TestHasher(t, bands*rows, r.Uint64())
	ix := mustIndex(t, bands, rows)
	sigs := make([]minhash.Signature, len(docs))
	for i, d := range docs {
		sigs[i] = h.Sign(nil, d)
		ix.Add(uint32(i), sigs[i])
	}

	var want []lsh.Pair
	for a := range sigs {
		for b := a + 1; b < len(sigs); b++ {
			for band := range bands {
				lo, hi := band*rows, (band+1)*rows
				if slices.Equal(sigs[a][lo:hi], sigs[b][lo:hi]) {
					want = append(want, lsh.Pair{A: uint32(a), B: uint32(b)})
					break
				}
			}
		}
	}
	got, st := ix.Candidates(0, 3, nil)
	if !slices.Equal(got, want) {
		t.Fatalf("Candidates gives %d pairs, brute force %d", len(got), len(want))
	}
	if st.Pairs != len(want) || st.Entries != len(docs)*bands {
		t.Errorf("Stats = %+v; want Pairs %d, Entries %d", st, len(want), len(docs)*bands)
	}

	similar := 0
	for a := range docs {
		for b := a + 1; b < len(docs); b++ {
			if j := jaccard(docs[a], docs[b]); j >= 0.9 {
				similar++
				if _, found := slices.BinarySearchFunc(got, lsh.Pair{A: uint32(a), B: uint32(b)}, comparePairs); !found {
					t.Errorf("pair %d, %d with Jaccard %.3f is no candidate", a, b, j)
				}
			}
		}
	}
	t.Logf("%d candidate pairs, %d pairs with Jaccard >= 0.9 among %d documents", len(got), similar, len(docs))
	if similar == 0 {
		t.Error("corpus has no pair with Jaccard >= 0.9 to check")
	}
}

func comparePairs(p, q lsh.Pair) int {
	if p.A != q.A {
		return int(p.A) - int(q.A)
	}
	return int(p.B) - int(q.B)
}

// TestCandidatesLargeBands compares Candidates with a map of buckets on bands
// large enough for the radix sort, with keys that agree in their low 32 bits
// only when planted, buckets over the limit, and a document added twice.
func TestCandidatesLargeBands(t *testing.T) {
	const docs, bands, maxBucket = 20_000, 3, 5
	r := randtest.New(t)
	keys := make([][]uint64, docs)
	for i := range keys {
		keys[i] = make([]uint64, bands)
		for b := range keys[i] {
			keys[i][b] = r.Uint64()
			switch {
			case i%7 == 0 && i > 0: // share band b with a random earlier document
				keys[i][b] = keys[r.IntN(i)][b]
			case i%1000 == 1: // one bucket per band over the limit
				keys[i][b] = uint64(b) << 40
			}
		}
	}
	ix := mustIndex(t, bands, 1)
	for _, i := range r.Perm(docs) {
		ix.AddKeys(uint32(i), keys[i])
	}
	ix.AddKeys(9, keys[9])

	want := make(map[lsh.Pair]bool)
	buckets, oversized, largest := 0, 0, 0
	for b := range bands {
		bucket := make(map[uint32][]uint32)
		for i := range keys {
			k := uint32(keys[i][b])
			bucket[k] = append(bucket[k], uint32(i))
		}
		for _, ids := range bucket {
			if len(ids) < 2 {
				continue
			}
			buckets++
			largest = max(largest, len(ids))
			if len(ids) > maxBucket {
				oversized++
				continue
			}
			for x, a := range ids {
				for _, c := range ids[x+1:] {
					want[lsh.Pair{A: a, B: c}] = true
				}
			}
		}
	}
	got, st := ix.Candidates(maxBucket, 2, nil)
	if len(got) != len(want) || !slices.IsSortedFunc(got, comparePairs) {
		t.Fatalf("Candidates gives %d pairs (sorted: %v), buckets give %d", len(got), slices.IsSortedFunc(got, comparePairs), len(want))
	}
	for _, p := range got {
		if !want[p] {
			t.Fatalf("pair %v is no bucket's", p)
		}
	}
	if want := (lsh.Stats{Entries: (docs + 1) * bands, Buckets: buckets, OversizedBuckets: oversized, LargestBucket: largest, Pairs: len(want)}); st != want {
		t.Errorf("Stats = %+v; want %+v", st, want)
	}
}

// TestCandidatesOrderIndependent adds the same keys in two random orders,
// split into concurrent-style batches, and expects identical results.
func TestCandidatesOrderIndependent(t *testing.T) {
	const bands, rows = 8, 2
	r := randtest.New(t)
	docs := corpus(r, 200, 10)
	h := minhash.TestHasher(t, bands*rows, 1)
	keys := make([][]uint64, len(docs))
	ix := mustIndex(t, bands, rows)
	for i, d := range docs {
		keys[i] = ix.Keys(nil, h.Sign(nil, d))
	}
	var results [2][]lsh.Pair
	var stats [2]lsh.Stats
	for run := range results {
		ix := mustIndex(t, bands, rows)
		for _, i := range r.Perm(len(docs)) {
			ix.AddKeys(uint32(i), keys[i])
		}
		results[run], stats[run] = ix.Candidates(10, 1+2*run, nil) // 1 worker, then 3
	}
	if !reflect.DeepEqual(results[0], results[1]) || stats[0] != stats[1] {
		t.Errorf("two insertion orders give %d pairs %+v and %d pairs %+v",
			len(results[0]), stats[0], len(results[1]), stats[1])
	}
	if stats[0].OversizedBuckets == 0 || len(results[0]) == 0 {
		t.Errorf("Stats = %+v; want a corpus exercising both emitted and skipped buckets", stats[0])
	}
}

// TestCandidateRate checks the S-curve empirically: of many pairs with exact
// Jaccard similarity s, the fraction that become candidates must lie within 4
// binomial standard deviations of Probability(s, bands, rows).
func TestCandidateRate(t *testing.T) {
	const (
		bands, rows = 20, 5
		pairs       = 1000
		union       = 200
	)
	r := randtest.New(t)
	h := minhash.TestHasher(t, bands*rows, r.Uint64())
	ix := mustIndex(t, bands, rows)
	sims := []float64{0.2, 0.4, 0.5, 0.6, 0.8}
	var sig minhash.Signature
	var keys []uint64
	var id uint32
	for _, s := range sims {
		for range pairs {
			// Pair (id, id+1): union elements, s*union of them shared.
			var a, b []uint64
			for i := range union {
				x := r.Uint64()
				switch {
				case i < int(s*union):
					a, b = append(a, x), append(b, x)
				case i%2 == 0:
					a = append(a, x)
				default:
					b = append(b, x)
				}
			}
			for _, set := range [][]uint64{a, b} {
				sig = h.Sign(sig, set)
				keys = ix.Keys(keys, sig)
				ix.AddKeys(id, keys)
				id++
			}
		}
	}
	got, _ := ix.Candidates(0, 2, nil)
	hits := make([]int, len(sims))
	stray := 0 // candidates pairing documents of different, disjoint pairs
	for _, p := range got {
		if p.A%2 != 0 || p.B != p.A+1 {
			stray++
			continue
		}
		hits[int(p.A)/2/pairs]++
	}
	// The index keeps 32 bits of each key: n documents share one by chance about n²/2³³ times
	// per band, 0.23 times here over 20 bands. More than 3 (probability < 2·10⁻⁴) is a bug.
	if stray > 3 {
		t.Errorf("%d candidates pair documents of different, disjoint pairs; want at most 3", stray)
	}
	for i, s := range sims {
		p := lsh.Probability(s, bands, rows)
		mean, sd := pairs*p, math.Sqrt(pairs*p*(1-p))
		t.Logf("s = %.1f: %d of %d candidates, expected %.1f ± %.1f", s, hits[i], pairs, mean, sd)
		if math.Abs(float64(hits[i])-mean) > 4*sd+1 {
			t.Errorf("s = %.1f: %d of %d pairs are candidates; want %.1f ± 4×%.1f", s, hits[i], pairs, mean, sd)
		}
	}
}

// BenchmarkKeys computes the band keys of a signature: of 3 shingles in 32 bands of 4 rows,
// most bands one bin's; and of 60 and 300 shingles in the 256 bands of 2 rows of a large scan.
func BenchmarkKeys(b *testing.B) {
	for _, bc := range []struct{ bands, rows, shingles int }{{32, 4, 3}, {256, 2, 60}, {256, 2, 300}} {
		b.Run(fmt.Sprintf("bands=%d/rows=%d/shingles=%d", bc.bands, bc.rows, bc.shingles), func(b *testing.B) {
			ix := mustIndex(b, bc.bands, bc.rows)
			set := make([]uint64, bc.shingles)
			for i := range set {
				set[i] = uint64(i + 1)
			}
			sig := minhash.TestHasher(b, bc.bands*bc.rows, 1).Sign(nil, set)
			dst := make([]uint64, 0, bc.bands)
			b.SetBytes(int64(len(sig) * 4))
			b.ReportAllocs()
			for b.Loop() {
				dst = ix.Keys(dst, sig)
			}
		})
	}
}

// BenchmarkCandidates indexes 100,000 documents × 32 bands, where one in ten
// documents shares 4 bands with an earlier one, and lists the candidates.
func BenchmarkCandidates(b *testing.B) {
	const docs, bands = 100_000, 32
	r := rand.New(rand.NewPCG(1, 2))
	keys := make([][]uint64, docs)
	for i := range keys {
		keys[i] = make([]uint64, bands)
		for j := range keys[i] {
			keys[i][j] = r.Uint64()
		}
		if i > 0 && i%10 == 0 {
			copy(keys[i][:4], keys[r.IntN(i)][:4])
		}
	}
	run := func() ([]lsh.Pair, lsh.Stats) {
		ix := mustIndex(b, bands, 4)
		for i, k := range keys {
			ix.AddKeys(uint32(i), k)
		}
		return ix.Candidates(100, runtime.NumCPU(), nil)
	}
	if got, st := run(); len(got) < docs/10-1 || st.Entries != docs*bands {
		b.Fatalf("Candidates = %d pairs, %+v; want >= %d pairs, %d entries", len(got), st, docs/10-1, docs*bands)
	}
	b.SetBytes(docs * bands * 8)
	b.ReportAllocs()
	for b.Loop() {
		run()
	}
}
