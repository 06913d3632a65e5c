package corpusgen_test

import (
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/dedupe-dev/dedupe/tools/gencorpus/corpusgen"
)

// issues returns the issues of testCorpus by series, in issue order.
func issues(t *testing.T) map[string][]corpusgen.Article {
	t.Helper()
	m := map[string][]corpusgen.Article{}
	for _, a := range testCorpus() {
		if (a.Kind == corpusgen.KindTemplate) != (a.Series != "") || a.Kind == corpusgen.KindTemplate && a.Group != "" {
			t.Fatalf("article %s: kind %q, series %q, group %q", a.ID, a.Kind, a.Series, a.Group)
		}
		if a.Series != "" {
			m[a.Series] = append(m[a.Series], a)
		}
	}
	return m
}

// frame masks the figures and names of an issue's lines: a word with a
// digit becomes "#", a capitalised one "A". Issues of one layout share most
// of their frames.
func frame(text string) map[string]bool {
	lines := map[string]bool{}
	for l := range strings.SplitSeq(text, "\n") {
		ws := strings.Fields(l)
		for i, w := range ws {
			switch {
			case strings.ContainsAny(w, "0123456789"):
				ws[i] = "#"
			case unicode.IsUpper([]rune(w)[0]):
				ws[i] = "A"
			}
		}
		lines[strings.Join(ws, " ")] = true
	}
	return lines
}

// figures returns the words of text that hold a digit, in order.
func figures(text string) []string {
	var out []string
	for _, w := range strings.Fields(text) {
		if strings.ContainsAny(w, "0123456789") {
			out = append(out, w)
		}
	}
	return out
}

// TestSeriesLayout: every issue of a series has the title of the series'
// layout and shares at least a third of its masked lines with every other
// issue, while at most half of the figures of two issues agree, place for
// place, and no line of text but the fixed ones repeats in all of them.
func TestSeriesLayout(t *testing.T) {
	kinds := map[string]int{}
	for name, iss := range issues(t) {
		kinds[name[strings.IndexByte(name, '-')+1:]]++
		if len(iss) < 3 {
			t.Errorf("series %s has %d issues; want at least 3", name, len(iss))
		}
		for i, a := range iss {
			if a.Words < 50 {
				t.Errorf("issue %s of %s has %d words; want 50 or more for dedupe to scan it", a.ID, name, a.Words)
			}
			if i > 0 && !a.Date.After(iss[i-1].Date) {
				t.Errorf("issue %s of %s dated %s, the one before %s", a.ID, name, a.Date, iss[i-1].Date)
			}
			for _, b := range iss[i+1:] {
				if fa, fb := frame(a.Title), frame(b.Title); !reflect.DeepEqual(fa, fb) {
					t.Errorf("%s: titles %q and %q differ in layout", name, a.Title, b.Title)
				}
				fa, fb := frame(a.Text), frame(b.Text)
				shared := 0
				for l := range fb {
					if fa[l] {
						shared++
					}
				}
				if 3*shared < len(fb) {
					t.Errorf("%s: issues %s and %s share %d of %d masked lines; want a third", name, a.ID, b.ID, shared, len(fb))
				}
				na, nb := figures(a.Text), figures(b.Text)
				same := 0
				for k := range min(len(na), len(nb)) {
					if na[k] == nb[k] {
						same++
					}
				}
				if 2*same > min(len(na), len(nb)) {
					t.Errorf("%s: issues %s and %s agree on %d of %d figures; want at most half", name, a.ID, b.ID, same, min(len(na), len(nb)))
				}
			}
		}
	}
	if len(kinds) != 6 {
		t.Errorf("series kinds %v; want 6", kinds)
	}
}

// TestSeriesShare: issues of series come after the news articles, 4% as
// many.
func TestSeriesShare(t *testing.T) {
	c, err := corpusgen.New(corpusgen.Config{N: 4000, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if c.Len() != 4160 {
		t.Errorf("Len() = %d; want 4,000 articles and 160 issues", c.Len())
	}
	arts := testCorpus()
	for i, a := range arts {
		if (a.Kind == corpusgen.KindTemplate) != (i >= 4000) {
			t.Fatalf("article %d is of kind %s", i, a.Kind)
		}
	}
	// Below 3 issues (4% of 63 articles, rounded) a corpus has no series.
	for n, want := range map[int]int{62: 62, 63: 66} {
		small, err := corpusgen.New(corpusgen.Config{N: n, Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		if small.Len() != want {
			t.Errorf("Len() = %d of %d articles; want %d", small.Len(), n, want)
		}
	}
}

// TestSeriesIsDeterministic: an issue is the same whatever was built
// before it, and another seed gives other issues.
func TestSeriesIsDeterministic(t *testing.T) {
	arts := testCorpus()
	c, err := corpusgen.New(corpusgen.Config{N: 4000, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	other, err := corpusgen.New(corpusgen.Config{N: 4000, Seed: 8})
	if err != nil {
		t.Fatal(err)
	}
	for i := c.Len() - 1; i >= 4000; i -= 7 {
		if a := c.Article(i); !reflect.DeepEqual(a, arts[i]) {
			t.Errorf("issue %d built alone differs:\n%+v\n%+v", i, a, arts[i])
		}
		if a := other.Article(i); a.Text == arts[i].Text {
			t.Errorf("issue %d is the same with seeds 7 and 8", i)
		}
	}
}
