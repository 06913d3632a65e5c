package explain_test

import (
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/explain"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// TestSentencesAsWritten: the aligned sentences a comparison shows are the article's own
// characters, not the normalised ones ("4½", not "41⁄2"; curly quotes kept), with the line
// breaks of a hard-wrapped text undone and a word hyphenated across one whole again.
func TestSentencesAsWritten(t *testing.T) {
	an, v, err := explain.Tools("english", verify.DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	a := "The envoys said on Monday that the troops held 600,000 km² and 4½ fronts on the “eastern” line. " +
		"They would not yield any of it before the talks resumed at Geneva in the spring of next year."
	b := "The envoys said on Monday that the troops held 600,000 km² and 4½ fronts on\r\n" +
		"the “eastern” line. They would not yield any of it before the talks re-\r\n" +
		"sumed at Geneva in the spring of next year, the ministry said in a state-\r\n" +
		"ment read to the press at noon.\r\n"
	c, err := explain.Compare(t.Context(), an, v, explain.Document{Path: "a"}, explain.Document{Path: "b"}, a, b)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"The envoys said on Monday that the troops held 600,000 km² and 4½ fronts on the “eastern” line.",
		"They would not yield any of it before the talks resumed at Geneva in the spring of next year, the ministry said in a statement read to the press at noon.",
	}
	if len(c.B.Sentences) != 2 || c.B.Sentences[0] != want[0] || c.B.Sentences[1] != want[1] {
		t.Errorf("sentences of b:\n %q\nwant %q", c.B.Sentences, want)
	}
	if len(c.Aligned) == 0 || !strings.Contains(c.Aligned[0].TextA, "4½") {
		t.Errorf("aligned %+v; want the first pair, as written", c.Aligned)
	}
}
