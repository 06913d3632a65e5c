package normalize

import (
	"strings"
	"testing"
)

// TestFoldStart puts one byte that fold changes at every offset of an ASCII text, across the
// eight-byte steps of the fast path, and expects foldStart to stop exactly there.
func TestFoldStart(t *testing.T) {
	base := strings.Repeat("plain ascii text. ", 2)[:29]
	if got := foldStart(base); got != len(base) {
		t.Errorf("foldStart(ASCII) = %d; want %d", got, len(base))
	}
	for _, mark := range []string{"\r", "\u2019", "\xff", "\u00a0"} {
		for i := range len(base) + 1 {
			s := base[:i] + mark + base[i:]
			if got := foldStart(s); got != i {
				t.Errorf("foldStart with %q at %d = %d", mark, i, got)
			}
		}
	}
	// A non-ASCII rune that fold keeps is skipped, wherever the fast path stops.
	for i := range len(base) + 1 {
		if s := base[:i] + "é" + base[i:]; foldStart(s) != len(s) {
			t.Errorf("foldStart stops at the kept rune é at %d: %d", i, foldStart(s))
		}
	}
}
