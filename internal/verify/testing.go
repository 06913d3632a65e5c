package verify

import "testing"

// TestVerifier returns a Verifier with the default parameters for tests, failing tb if it
// cannot be made.
func TestVerifier(tb testing.TB) *Verifier {
	tb.Helper()
	v, err := New(DefaultParams())
	if err != nil {
		tb.Fatal(err)
	}
	return v
}
