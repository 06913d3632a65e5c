// Package randtest gives randomised tests a random generator whose seed they log, so that a
// failure seen once can be replayed: go test -run TestX -seed N.
package randtest

import (
	"flag"
	"math/rand/v2"
	"testing"
	"time"
)

var seedFlag = flag.Uint64("seed", 0, "seed for randomised tests (0: derive from the clock)")

// New returns a generator for a randomised test, seeded by -seed or, without it, by the clock,
// and logs the seed.
func New(t testing.TB) *rand.Rand {
	t.Helper()
	seed := *seedFlag
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (replay with -seed=%d)", seed, seed)
	return rand.New(rand.NewPCG(seed, seed))
}
