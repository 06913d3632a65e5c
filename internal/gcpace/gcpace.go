// Package gcpace paces Go's garbage collector by the size of the live heap: a loose pace while
// what the program keeps is small, a tight one once it is large.
//
// GOGC says how far the heap may grow past what the last collection found live before the
// next one starts: 100 lets it double, 25 lets it grow by a quarter. A scan keeps a compact
// sketch of every document until it ends and makes little garbage beside them, so a tight
// pace keeps its peak near the live data, which decides whether a million documents fit in a
// few gigabytes. But reading HTML makes much garbage (a parse tree and Readability's copies of
// it for every page) over a small live heap, and at GOGC 25 the collector ran so often that
// 4,280 scraped pages took 2.4-2.8 s against 1.5-1.6 s at 100 while little was live.
package gcpace

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// Start sets the collector's pace to loose (a GOGC value) while the live heap is under
// threshold bytes and to tight from there, checked after every collection, for the rest of
// the program. The heap then peaks at about threshold·(1+loose/100) bytes, or at the live
// heap's (1+tight/100) times, whichever is more.
func Start(loose, tight int, threshold uint64) {
	p := &pacer{loose: loose, tight: tight, threshold: threshold, current: loose,
		sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	debug.SetGCPercent(loose)
	p.arm()
}

// pacer holds the pace and the sample it reads the live heap into.
type pacer struct {
	loose, tight int
	threshold    uint64
	current      int
	sample       []metrics.Sample
}

// arm has the collector call p.adjust when it next frees a sentinel, that is after the next
// collection: a finalizer runs once the object it guards is found unreachable.
func (p *pacer) arm() {
	runtime.SetFinalizer(new(sentinel), func(*sentinel) { p.adjust(); p.arm() })
}

// sentinel is an object allocated only to be collected. It holds a pointer: an object of a
// few bytes without one may share a block with others (the tiny allocator), and its finalizer
// then need not run.
type sentinel struct{ _ *byte }

// adjust sets the pace for the live heap that the last collection found.
func (p *pacer) adjust() {
	metrics.Read(p.sample)
	if p.sample[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	want := p.loose
	if p.sample[0].Value.Uint64() >= p.threshold {
		want = p.tight
	}
	if want != p.current {
		p.current = want
		debug.SetGCPercent(want)
	}
}
