package corpusgen_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/tools/gencorpus/corpusgen"
)

// spin is what a rewrite did to the sentences of its original, measured on
// the text.
type spin struct {
	sentences int // in the original
	dropped   int // original sentences not in the rewrite
	added     int // rewrite sentences not in the original
	content   int // content words of the sentences kept
	replaced  int // of those, words the rewrite changed
}

// measureSpin matches the sentences of a rewrite to those of its original
// by their skeleton: a spinner replaces content words one for one and keeps
// stop words, names and numbers in place.
func measureSpin(stop map[string]bool, orig, rewrite []string) spin {
	m := spin{sentences: len(orig)}
	src := map[string][]string{}
	for _, s := range orig {
		w := strings.Fields(s)
		src[skeleton(stop, w)] = w
	}
	for _, s := range rewrite {
		w := strings.Fields(s)
		key := skeleton(stop, w)
		o, ok := src[key]
		if !ok {
			m.added++
			continue
		}
		delete(src, key)
		for i := range w {
			if isContent(stop, i, o[i]) {
				m.content++
				if w[i] != o[i] {
					m.replaced++
				}
			}
		}
	}
	m.dropped = len(src)
	return m
}

// isContent reports whether word i of a sentence is a content word: a
// lower-case word that is no stop word. The first word is left out, as its
// capital hides whether it is a content word or a name.
func isContent(stop map[string]bool, i int, word string) bool {
	w := strings.Trim(word, `",.`)
	if i == 0 || w == "" || stop[w] {
		return false
	}
	for _, c := range []byte(w) {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func skeleton(stop map[string]bool, words []string) string {
	masked := slices.Clone(words)
	masked[0] = "*"
	for i, w := range masked {
		if isContent(stop, i, w) {
			masked[i] = "_"
		}
	}
	return strings.Join(masked, " ")
}

func stopSet() map[string]bool {
	stop := map[string]bool{}
	for _, w := range corpusgen.StopWords {
		stop[w] = true
	}
	return stop
}

func TestRewrites(t *testing.T) {
	stop := stopSet()
	for _, a := range copiesOf(t, corpusgen.KindRewrite, 100) {
		o := a.orig
		m := measureSpin(stop, sentences(o.Text), sentences(a.Text))
		if r := float64(m.replaced) / float64(m.content); r < 0.30 || r > 0.60 {
			t.Errorf("rewrite %s replaced %d of %d content words of %s (%.2f); want 30-60%%", a.ID, m.replaced, m.content, o.ID, r)
		}
		// 10-25% of the sentences, rounded, unless that leaves too few words.
		if r := float64(m.dropped) / float64(m.sentences); r < 0.07 || r > 0.27 {
			t.Errorf("rewrite %s dropped %d of %d sentences of %s (%.2f); want 10-25%%", a.ID, m.dropped, m.sentences, o.ID, r)
		}
		if m.added > 3 {
			t.Errorf("rewrite %s added %d sentences to %s; want at most 3", a.ID, m.added, o.ID)
		}
		if a.Title == o.Title {
			t.Errorf("rewrite %s kept the title of %s: %q", a.ID, o.ID, a.Title)
		}
	}
}

func TestPartials(t *testing.T) {
	for _, a := range copiesOf(t, corpusgen.KindPartial, 50) {
		o := a.orig
		op, ap := paragraphs(o.Text), paragraphs(a.Text)
		var at []int // where the kept paragraphs are in the original
		words := 0
		for _, p := range ap {
			if i := slices.Index(op, p); i >= 0 {
				at = append(at, i)
				words += len(strings.Fields(p))
			}
		}
		if len(at) < 3 || len(at) > 6 || at[len(at)-1]-at[0] != len(at)-1 {
			t.Errorf("partial %s keeps paragraphs %v of %s; want 3-6 consecutive ones", a.ID, at, o.ID)
		}
		if fresh := len(ap) - len(at); fresh < 1 || fresh > 2 {
			t.Errorf("partial %s has %d new paragraphs; want 1-2", a.ID, fresh)
		}
		if cover := float64(words) / float64(len(strings.Fields(o.Text))); cover < 0.30 {
			t.Errorf("partial %s covers %.2f of %s; want >= 0.30", a.ID, cover, o.ID)
		}
	}
}

// TestSameEventReports checks that articles of one event by different
// owners (planted groups or unique articles) share exactly one sentence,
// the event's quote, unless one is a partial copy, which may have cut it.
// quotation matches a quoted sentence: `"Words ...," said First Last.`.
var quotation = regexp.MustCompile(`^"[^"]+," said [A-Z][a-z]+ [A-Z][a-z]+\.$`)

func TestSameEventReports(t *testing.T) {
	byEvent := map[string][]corpusgen.Article{}
	for _, a := range testCorpus() {
		byEvent[a.Event] = append(byEvent[a.Event], a)
	}
	pairs := 0
	for _, arts := range byEvent {
		for i, a := range arts {
			for _, b := range arts[i+1:] {
				if a.Group == b.Group && a.Group != "" {
					continue
				}
				var common []string
				for _, s := range sentences(a.Text) {
					if slices.Contains(sentences(b.Text), s) {
						common = append(common, s)
					}
				}
				partial := a.Kind == corpusgen.KindPartial || b.Kind == corpusgen.KindPartial
				if partial && len(common) == 0 {
					continue
				}
				pairs++
				if len(common) != 1 || !quotation.MatchString(common[0]) {
					t.Errorf("%s %s and %s %s of %s share %q; want just the event's quote", a.Kind, a.ID, b.Kind, b.ID, a.Event, common)
				}
			}
		}
	}
	if pairs < 500 {
		t.Fatalf("%d pairs of independent same-event reports; want at least 500", pairs)
	}
}
