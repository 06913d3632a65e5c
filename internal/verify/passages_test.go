package verify_test

import (
	"reflect"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

func TestPassages(t *testing.T) {
	sk := textSketcher(t)
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

	// Verifier.Passages gives the same passages whether it reuses the alignment of the pair
	// just verified or aligns the pair again: after Verify of (a, b), after Verify of (b, a),
	// inside VerifyEach, and after a pair that shares too little to be aligned.
	v := verify.TestVerifier(t)
	check := func(what string) {
		t.Helper()
		got, err := v.Passages(t.Context(), a, b)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Verifier.Passages %s = %+v; want %+v", what, got, want)
		}
	}
	if !v.Verify(a, b).Duplicate {
		t.Fatal("a and b are not verified as duplicates")
	}
	check("after Verify(a, b)")
	v.Verify(b, a)
	check("after Verify(b, a)")
	if err := v.VerifyEach(t.Context(), a, []*sketch.Sketch{b}, func(int, verify.Result) { check("inside VerifyEach") }); err != nil {
		t.Fatal(err)
	}
	v.Verify(a, sk("Nothing here is like the other text at all, not one sentence of it."))
	check("after a pair that was not aligned")
}
