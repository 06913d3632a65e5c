package verify_test

import (
	"reflect"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

func TestPassages(t *testing.T) {
	an := normalize.TestAnalyzer(t)
	sk := func(text string) *sketch.Sketch {
		s := sketch.New(an.Analyze(text))
		return &s
	}
	// a: 0 title, 1 a line of stop words only, 2, 3, 4 (unrelated), 5, 6 (figures).
	a := sk("Storm hits coast\nAnd so it was.\nHeavy rain flooded the harbour district on Monday night.\n" +
		"Fishermen moored their boats far up the river before the waves arrived.\n" +
		"Meanwhile the council debated parking fees downtown for hours.\n" +
		"Officials expect the water to recede slowly over the coming week.\n" +
		"Damage reached 40 houses and 12 shops.\n")
	b := sk("Storm hits coast\nHeavy rain flooded the harbour district on Monday night.\n" +
		"Fishermen moored their small boats far up the river before the big waves came.\n" +
		"Officials expect the water to recede slowly over the coming week.\n" +
		"Damage reached 70 houses and 31 shops.\n")
	r := verify.TestVerifier(t).Explain
	res, err := r(t.Context(), a, b)
	if err != nil {
		t.Fatal(err)
	}
	got := verify.Passages(a, b, res.Aligned)
	want := []verify.Passage{
		{A: 0, AEnd: 4, B: 0, BEnd: 3, Sentences: 3, Verbatim: false}, // title, the stop words, 2, 3 with 0, 1, 2
		{A: 5, AEnd: 6, B: 3, BEnd: 4, Sentences: 1, Verbatim: true},  // 6 and 4 differ in figures: a template
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Passages = %+v\nalignment %+v\nwant %+v", got, res.Aligned, want)
	}
	if got := verify.Passages(a, b, nil); got != nil {
		t.Errorf("Passages of no alignment = %+v; want nil", got)
	}
}
