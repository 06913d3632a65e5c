package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/dedupe-dev/dedupe/internal/explain"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/testfs"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// spanPair is a pair of the JSON report with its passages.
type spanPair struct {
	A, B      string
	EncodingA string `json:"encoding_a"`
	EncodingB string `json:"encoding_b"`
	Passages  []struct {
		A, B      struct{ Start, End int }
		Sentences int
		Verbatim  bool
	}
}

// TestScanPassageSpans checks the passages of every verified pair of the seeds against the
// files' bytes, one seed written with CRLF line ends and one in Windows-1252: cut out by their
// byte offsets, each pair of sentences that the HTML report marks as aligned (what explain lays
// out side by side, templates aside) lies inside one passage on both sides, and the passages
// hold as many sentence pairs as the alignment.
func TestScanPassageSpans(t *testing.T) {
	dir := t.TempDir()
	seeds := filepath.Join("..", "..", "testdata", "seeds")
	names, err := filepath.Glob(filepath.Join(seeds, "*.txt"))
	if err != nil || len(names) != 5 {
		t.Fatalf("seeds: %v, %d files", err, len(names))
	}
	files := map[string][]byte{} // name in dir -> bytes
	for i, name := range names {
		b := testfs.ReadFile(t, name)
		base := filepath.Base(name)
		switch i {
		case 0:
			base = "000_crlf.txt"
			b = []byte(strings.ReplaceAll(string(b), "\n", "\r\n"))
		case 1:
			base = "001_cp1252.txt"
			enc, err := charmap.Windows1252.NewEncoder().String(string(b))
			if err != nil {
				t.Fatalf("encode %s as Windows-1252: %v", name, err)
			}
			if utf8.ValidString(enc) {
				t.Fatalf("%s in Windows-1252 is valid UTF-8: the test needs non-ASCII characters", name)
			}
			b = []byte(enc)
		}
		files[base] = b
		writeFile(t, filepath.Join(dir, base), b)
	}

	var rep struct {
		Clusters []struct{ Pairs []spanPair }
		Links    []spanPair
	}
	t.Chdir(dir) // documents named as in files
	_, out := scanJSON(t, "scan", "-q", ".")
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	pairs := rep.Links
	for _, c := range rep.Clusters {
		pairs = append(pairs, c.Pairs...)
	}
	if len(pairs) != 3 {
		t.Fatalf("%d verified pairs; want the seeds' 3", len(pairs))
	}

	an := normalize.TestAnalyzer(t)
	v, err := verify.New(verify.DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	decoded := func(name string) string {
		b := files[name]
		if utf8.Valid(b) {
			return string(b)
		}
		s, err := charmap.Windows1252.NewDecoder().String(string(b))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, p := range pairs {
		// The Windows-1252 file's side names its encoding: its offsets index the text it
		// decodes to.
		for _, side := range [][2]string{{p.A, p.EncodingA}, {p.B, p.EncodingB}} {
			if want := map[bool]string{true: "windows-1252"}[side[0] == "001_cp1252.txt"]; side[1] != want {
				t.Errorf("%s and %s: encoding of %s %q; want %q", p.A, p.B, side[0], side[1], want)
			}
		}
		textA, textB := decoded(p.A), decoded(p.B)
		c, err := explain.Compare(context.Background(), an, v, explain.Document{Path: p.A}, explain.Document{Path: p.B}, textA, textB)
		if err != nil {
			t.Fatal(err)
		}
		cut := func(text string, start, end int) string {
			if start < 0 || start > end || end > len(text) || !utf8.RuneStart(text[start]) || end < len(text) && !utf8.RuneStart(text[end]) {
				t.Fatalf("%s and %s: span [%d, %d) is not a range of runes of a text of %d bytes", p.A, p.B, start, end, len(text))
			}
			return flat(text[start:end])
		}
		sentences, marked := 0, 0
		for _, ps := range p.Passages {
			sentences += ps.Sentences
		}
		for _, sp := range c.Aligned {
			if sp.Template {
				continue
			}
			marked++
			found := false
			for _, ps := range p.Passages {
				if strings.Contains(cut(textA, ps.A.Start, ps.A.End), flat(sp.TextA)) &&
					strings.Contains(cut(textB, ps.B.Start, ps.B.End), flat(sp.TextB)) {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("%s and %s: no passage holds aligned sentences %d (%q) and %d (%q)", p.A, p.B, sp.A+1, sp.TextA, sp.B+1, sp.TextB)
			}
		}
		if marked == 0 || sentences != marked {
			t.Errorf("%s and %s: passages hold %d sentence pairs, the report marks %d", p.A, p.B, sentences, marked)
		}
	}
}

// flat returns text normalised as dedupe shows a sentence: [normalize.Text], with every run of
// white space one space and words hyphenated across a line joined.
func flat(text string) string {
	text = strings.ReplaceAll(normalize.Text(text), "-\n", "")
	return strings.Join(strings.Fields(text), " ")
}

// TestScanPassageSpansUnspaced checks the passages of the Chinese and Japanese fixtures
// (testdata/languages), whose lines hold no ASCII byte for long stretches and whose full-width
// commas and brackets normalisation changes: cut from the file by its offsets, every passage
// begins with the first sentence it holds and ends with the last, on both sides, and not at
// the edges of the paragraph around them.
func TestScanPassageSpansUnspaced(t *testing.T) {
	an, err := normalize.New(normalize.Auto)
	if err != nil {
		t.Fatal(err)
	}
	v, err := verify.New(verify.DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"zh", "ja"} {
		t.Run(lang, func(t *testing.T) {
			dir := filepath.Join("..", "..", "testdata", "languages", lang)
			t.Chdir(dir)
			var rep struct{ Clusters []struct{ Pairs []spanPair } }
			_, out := scanJSON(t, "scan", "-q", ".")
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatal(err)
			}
			if len(rep.Clusters) != 1 || len(rep.Clusters[0].Pairs) < 2 {
				t.Fatalf("clusters %+v; want one of the article and its two edits", rep.Clusters)
			}
			passages := 0
			for _, p := range rep.Clusters[0].Pairs {
				a, errA := os.ReadFile(p.A)
				b, errB := os.ReadFile(p.B)
				if errA != nil || errB != nil {
					t.Fatal(errA, errB)
				}
				c, err := explain.Compare(context.Background(), an, v, explain.Document{Path: p.A}, explain.Document{Path: p.B}, string(a), string(b))
				if err != nil {
					t.Fatal(err)
				}
				var aligned []explain.SentencePair
				for _, sp := range c.Aligned {
					if !sp.Template {
						aligned = append(aligned, sp)
					}
				}
				for _, ps := range p.Passages {
					passages++
					if ps.Sentences < 1 || ps.Sentences > len(aligned) {
						t.Fatalf("%s and %s: a passage of %d sentence pairs, %d left", p.A, p.B, ps.Sentences, len(aligned))
					}
					first, last := aligned[0], aligned[ps.Sentences-1]
					aligned = aligned[ps.Sentences:]
					cutA, cutB := flat(string(a[ps.A.Start:ps.A.End])), flat(string(b[ps.B.Start:ps.B.End]))
					if !strings.HasPrefix(cutA, flat(first.TextA)) || !strings.HasSuffix(cutA, flat(last.TextA)) {
						t.Errorf("%s [%d, %d) cuts %q; want it from %q to %q", p.A, ps.A.Start, ps.A.End, cutA, first.TextA, last.TextA)
					}
					if !strings.HasPrefix(cutB, flat(first.TextB)) || !strings.HasSuffix(cutB, flat(last.TextB)) {
						t.Errorf("%s [%d, %d) cuts %q; want it from %q to %q", p.B, ps.B.Start, ps.B.End, cutB, first.TextB, last.TextB)
					}
				}
			}
			if passages == 0 {
				t.Error("no passages")
			}
		})
	}
}
