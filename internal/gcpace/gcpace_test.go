package gcpace_test

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/dedupe-dev/dedupe/internal/gcpace"
)

// gogc returns the collector's pace, GOGC, leaving it as it is.
func gogc() int {
	pace := debug.SetGCPercent(100)
	debug.SetGCPercent(pace)
	return pace
}

// waitFor collects until the pace is want, or fails after a few seconds: the pace changes in
// a finalizer, which runs on its own goroutine after a collection.
func waitFor(t *testing.T, want int, what string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for gogc() != want {
		if time.Now().After(deadline) {
			t.Fatalf("%s: GOGC %d; want %d", what, gogc(), want)
		}
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
}

// TestStart: the pace is loose while less than the threshold is live, tight once more is,
// and loose again once it is freed.
func TestStart(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	gcpace.Start(100, 25, 16<<20)
	if got := gogc(); got != 100 {
		t.Fatalf("GOGC after Start %d; want 100", got)
	}
	live := make([]byte, 64<<20)
	waitFor(t, 25, "64 MiB live")
	runtime.KeepAlive(live)
	live = nil
	waitFor(t, 100, "64 MiB freed")
}
