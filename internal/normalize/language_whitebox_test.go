package normalize

import "testing"

// TestWordSet checks that a word set finds each of its words, and none of the words that pass
// its filter without being in it: words of a member's length with its first and last bytes
// ("tee" beside "the"), which share its bit, and words that share a bit by chance.
func TestWordSet(t *testing.T) {
	s := setOf("the", "of", "themselves", "i")
	for _, w := range []string{"the", "of", "themselves", "i"} {
		if !s.has(w) {
			t.Errorf("has(%q) = false; want true", w)
		}
	}
	for _, w := range []string{"tee", "tie", "oof", "tselves", "themselve", "", "I", "The", "ofs"} {
		if s.has(w) {
			t.Errorf("has(%q) = true; want false", w)
		}
	}
	// A word outside the set whose bit is set reaches the map, which answers no.
	bit := func(w string) bool { b := filterBit(w); return s.filter[b/64]&(1<<(b%64)) != 0 }
	if !bit("tee") || bit("tea") {
		t.Errorf("filter bits: tee %v, tea %v; want true, false", bit("tee"), bit("tea"))
	}
	for w := range englishStop.words {
		if !isEnglishStop(w) {
			t.Errorf("isEnglishStop(%q) = false for a word of the list", w)
		}
	}
	for _, w := range []string{"war", "thee", "ours's", "ourselve", "mr", "dr"} {
		if isEnglishStop(w) {
			t.Errorf("isEnglishStop(%q) = true; want false", w)
		}
	}
	for w, want := range map[string]int{"Mr": abbrevTitle, "Capt": abbrevTitle, "Jr": abbrevOther, "Sept": abbrevOther, "Mar": abbrevOther, "Map": abbrevNone, "Mrs2": abbrevNone} {
		if kind := abbrevKind(w); kind != want {
			t.Errorf("abbrevKind(%q) = %d; want %d", w, kind, want)
		}
	}
}
