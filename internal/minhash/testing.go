package minhash

import "testing"

// TestHasher returns a Hasher with numPerm permutations and the given seed for tests, failing
// tb if the parameters are invalid.
func TestHasher(tb testing.TB, numPerm int, seed uint64) *Hasher {
	tb.Helper()
	h, err := New(numPerm, seed)
	if err != nil {
		tb.Fatal(err)
	}
	return h
}
