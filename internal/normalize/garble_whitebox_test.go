package normalize

import (
	"math/rand/v2"
	"testing"
)

// TestGarbledASCII checks the ASCII path of Garble against the general one on random pieces
// of ASCII text.
func TestGarbledASCII(t *testing.T) {
	a, err := New("english")
	if err != nil {
		t.Fatal(err)
	}
	const alphabet = "aaeiotnnsSTAl0159-/'.&_%,;:!?\"()*|`$+#^"
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		b := make([]byte, 1+r.IntN(6))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		tok := string(b)
		if got, want := garbledASCII(tok, a), garbledWord(tok, a); got != want {
			t.Fatalf("garbledASCII(%q) = %d; garbledWord gives %d", tok, got, want)
		}
	}
}
