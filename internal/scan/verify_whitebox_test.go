package scan

import (
	"context"
	"fmt"
	"math"
	"os"
	"slices"
	"sync"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/cputime"
	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/lsh"
)

// TestNextUses checks when each document is needed again after each run of candidates, on
// runs of documents 0 (with 1 and 2), 1 (with 2 and 3) and 2 (with 3).
func TestNextUses(t *testing.T) {
	candidates := []lsh.Pair{{A: 0, B: 1}, {A: 0, B: 2}, {A: 1, B: 2}, {A: 1, B: 3}, {A: 2, B: 3}}
	runs := []int{0, 2, 4, 5}
	nextA, nextB := nextUses(candidates, runs, 5)
	never := int32(math.MaxInt32)
	if want := []int32{never, never, never}; !slices.Equal(nextA, want) {
		t.Errorf("nextA = %v; want %v", nextA, want)
	}
	// Document 1 is the first of run 1 and 2 the first of run 2; 2 and 3 are second in run 1
	// and again in run 2 (2 as the first), 3 in run 2.
	if want := []int32{1, 1, 2, 2, never}; !slices.Equal(nextB, want) {
		t.Errorf("nextB = %v; want %v", nextB, want)
	}
	// A first document met again as a second one.
	candidates = []lsh.Pair{{A: 0, B: 2}, {A: 1, B: 0}}
	nextA, nextB = nextUses(candidates, []int{0, 1, 2}, 3)
	if want := []int32{1, never}; !slices.Equal(nextA, want) {
		t.Errorf("nextA = %v; want %v", nextA, want)
	}
	if want := []int32{never, never}; !slices.Equal(nextB, want) {
		t.Errorf("nextB = %v; want %v", nextB, want)
	}
}

// TestInSegments checks that inSegments calls the work for every item once, each goroutine
// its own items in increasing order but for those it takes from others' segments, for costs
// even, skewed and with empty items, with fewer items than goroutines too.
func TestInSegments(t *testing.T) {
	costs := map[string]func(i int) int{
		"even":   func(int) int { return 1 },
		"skewed": func(i int) int { return 1 + i*i },
		"first":  func(i int) int { return map[bool]int{true: 1000, false: 1}[i == 0] },
		"empty":  func(i int) int { return i % 2 },
	}
	for name, c := range costs {
		for _, n := range []int{1, 3, 64, 65, 1000} {
			for _, w := range []int{1, 2, 3, 8} {
				cost := []int{0}
				for i := range n {
					cost = append(cost, cost[i]+c(i))
				}
				var mu sync.Mutex
				calls := make([]int, n)
				inSegments(context.Background(), w, cost, func() func(i int) {
					return func(i int) {
						mu.Lock()
						calls[i]++
						mu.Unlock()
					}
				})
				for i, k := range calls {
					if k != 1 {
						t.Fatalf("%s costs, %d items on %d goroutines: item %d done %d times", name, n, w, i, k)
					}
				}
			}
		}
	}
}

// TestInSegmentsOrder checks that each goroutine starts at the beginning of a segment of its
// own and takes the items of it in order: with two goroutines whose first items wait for each
// other, the first item of each is where its segment starts, 0 and half of the cost.
func TestInSegmentsOrder(t *testing.T) {
	n := 1000
	cost := []int{0}
	for i := range n {
		cost = append(cost, cost[i]+1+i%3)
	}
	half, _ := slices.BinarySearch(cost[:n], cost[n]/2)
	var mu sync.Mutex
	var started sync.WaitGroup
	started.Add(2)
	items := map[int][]int{} // by first item
	inSegments(context.Background(), 2, cost, func() func(i int) {
		first := -1
		return func(i int) {
			if first < 0 {
				first = i
				started.Done()
				started.Wait()
			}
			mu.Lock()
			items[first] = append(items[first], i)
			mu.Unlock()
		}
	})
	if len(items[0]) == 0 || len(items[half]) == 0 || len(items) != 2 {
		t.Fatalf("the goroutines started at other items than 0 and %d: %v", half, items)
	}
	for _, seg := range [][2]int{{0, half}, {half, n}} {
		var own []int
		for _, i := range items[seg[0]] {
			if i >= seg[0] && i < seg[1] {
				own = append(own, i)
			}
		}
		if !slices.IsSorted(own) || own[0] != seg[0] {
			t.Errorf("the goroutine of segment [%d, %d) took its items in the order %v", seg[0], seg[1], own)
		}
	}
}

// TestInSegmentsCancelled: a cancelled context stops the goroutines after their chunk.
func TestInSegmentsCancelled(t *testing.T) {
	cost := make([]int, 10001)
	for i := range cost {
		cost[i] = i
	}
	if done := doneAfterCancel(func(ctx context.Context, newWorker func() func(int)) { inSegments(ctx, 2, cost, newWorker) }); done > 2*64 {
		t.Errorf("%d items done after the context was cancelled at the first; want at most a chunk a goroutine", done)
	}
}

// doneAfterCancel returns how many items run's workers did when the context it was given was
// cancelled at the first.
func doneAfterCancel(run func(ctx context.Context, newWorker func() func(int))) int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	done := 0
	run(ctx, func() func(int) {
		return func(int) {
			mu.Lock()
			done++
			mu.Unlock()
			cancel()
		}
	})
	return done
}

// TestParallel checks that parallel calls its workers on every item once, with one function
// per goroutine, and that a cancelled context stops the goroutines after their chunk.
func TestParallel(t *testing.T) {
	const n = 1000
	var mu sync.Mutex
	seen := make([]int, n)
	workers := 0
	parallel(context.Background(), 3, n, func() func(i int) {
		mu.Lock()
		workers++
		mu.Unlock()
		return func(i int) {
			mu.Lock()
			seen[i]++
			mu.Unlock()
		}
	})
	if workers != 3 || slices.ContainsFunc(seen, func(k int) bool { return k != 1 }) {
		t.Errorf("%d worker functions, items seen %v; want 3, each once", workers, seen)
	}
	if done := doneAfterCancel(func(ctx context.Context, newWorker func() func(int)) { parallel(ctx, 2, 10000, newWorker) }); done > 2*64 {
		t.Errorf("%d items done after the context was cancelled at the first; want at most a chunk a goroutine", done)
	}
}

// BenchmarkVerifying measures the verifying stage of a scan (verifyCandidates) on 1 and 2
// goroutines, in wall and CPU time (the process's: on a shared machine the wall time says
// little), after the stages before it have run once: the candidate pairs of a corpus of real
// text, with its weights. It scans $VERIFY_BENCH_DIR (the 59,433 articles cut from the
// chronam-1916 pages: 98,158 candidate pairs, most of them sharing a little text by chance,
// 25,350 duplicates), or without it the 862 articles of testdata/chronam/articles.
func BenchmarkVerifying(b *testing.B) {
	dir := "../../testdata/chronam/articles"
	if d := os.Getenv("VERIFY_BENCH_DIR"); d != "" {
		dir = d
	}
	opts := DefaultOptions()
	res := &Result{}
	ctx := context.Background()
	if err := analyzeAll(ctx, input.ReadPaths([]string{dir}, nil, opts.Input), &opts, noObserver{}, res); err != nil {
		b.Fatal(err)
	}
	candidates, weights, err := findCandidates(ctx, &opts, res, noObserver{})
	if err != nil {
		b.Fatal(err)
	}
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			opts.Workers = w
			cpu := cputime.Process()
			for b.Loop() {
				res.Pairs = res.Pairs[:0]
				verifyCandidates(ctx, &opts, res, candidates, weights, noObserver{})
			}
			b.ReportMetric(float64(cputime.Process()-cpu)/float64(b.N), "cpu-ns/op")
			b.ReportMetric(float64(b.N*len(candidates))/b.Elapsed().Seconds(), "pairs/s")
			b.ReportMetric(float64(len(res.Pairs)), "duplicates")
		})
	}
}

// TestBoundedWarnings: the document in most bounded pairs (a page of repeated text) gets one
// warning naming its partners, three of them and a count of the rest; a pair it is not in
// gets a warning of its own, on its first document.
func TestBoundedWarnings(t *testing.T) {
	var docs []Document
	for _, name := range []string{"a", "page", "c", "d", "e", "f"} {
		docs = append(docs, Document{Path: name})
	}
	capped := []Pair{{A: 0, B: 1}, {A: 1, B: 2}, {A: 1, B: 3}, {A: 1, B: 4}, {A: 1, B: 5}, {A: 2, B: 3}}
	got := boundedWarnings(docs, capped)
	want := []input.Skip{
		{Path: "page", Reason: "repeated text: the alignments with 5 documents (a, c, d and 2 more) were bounded; coverage and longest runs may be understated"},
		{Path: "c", Reason: "repeated text: the alignment with d was bounded; coverage and longest run may be understated"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("boundedWarnings =\n%+v\nwant\n%+v", got, want)
	}
	got = boundedWarnings(docs, capped[1:3])
	want = []input.Skip{{Path: "page", Reason: "repeated text: the alignments with 2 documents (c and d) were bounded; coverage and longest runs may be understated"}}
	if !slices.Equal(got, want) {
		t.Errorf("boundedWarnings of two pairs =\n%+v\nwant\n%+v", got, want)
	}
}
