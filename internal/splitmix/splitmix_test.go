package splitmix_test

import (
	"testing"

	"github.com/dedupe-dev/dedupe/internal/splitmix"
)

// TestNext pins the first outputs of the generator seeded with 1234567, the reference values of
// Vigna's splitmix64.c: the constants are part of dedupe's file formats.
func TestNext(t *testing.T) {
	state := uint64(1234567)
	for i, want := range []uint64{6457827717110365317, 3203168211198807973, 9817491932198370423} {
		if got := splitmix.Next(&state); got != want {
			t.Errorf("output %d = %d; want %d", i, got, want)
		}
	}
}
