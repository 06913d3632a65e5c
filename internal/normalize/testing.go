package normalize

import "testing"

// TestAnalyzer returns an English Analyzer for tests, failing tb if it cannot be made.
func TestAnalyzer(tb testing.TB) *Analyzer {
	tb.Helper()
	a, err := New("english")
	if err != nil {
		tb.Fatal(err)
	}
	return a
}
