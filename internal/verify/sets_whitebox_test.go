package verify

import (
	"slices"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// TestTermWeights checks that the sentence sets give each term of the document, in text order,
// its weight, looked up once per distinct term, and each sentence's set the same weights; and
// each distinct term an id, in order of first occurrence, that its places and its sets' words
// know it by.
func TestTermWeights(t *testing.T) {
	// Term 1 is in 99 of 100 documents, 2 in 50, 3 in 10, 4 in one, 5 in none counted.
	df := DocFreq{Docs: 100}
	for term, docs := range map[uint32]uint32{1: 99, 2: 50, 3: 10, 4: 1} {
		df.AddCount(term, docs)
	}
	w := NewWeights(&df, 0)
	sk := &sketch.Sketch{Terms: []uint32{3, 1, 1, 5, 2, 4, 1, 3}, Ends: []uint32{3, 3, 8}}
	var s sentences
	scratch := new(setScratch)
	for range 2 { // built again in its own buffers
		s.build(sk, w, scratch)
		for k, term := range sk.Terms {
			if got, want := s.termWts[k], w.Of(term); got != want {
				t.Errorf("termWts[%d] (term %d) = %v; want %v", k, term, got, want)
			}
			if id := s.termIDs[k]; s.vocab[id] != term {
				t.Errorf("termIDs[%d] (term %d) = %d, the id of %d", k, term, id, s.vocab[id])
			}
		}
		if want := []uint32{3, 1, 5, 2, 4}; !slices.Equal(s.vocab, want) {
			t.Errorf("vocab %v; want %v", s.vocab, want)
		}
		if id, ok := s.id(6); ok {
			t.Errorf("id(6) = %d, true for a term the document lacks", id)
		}
		wantSets := [][]uint32{{1, 3}, {}, {1, 2, 3, 4, 5}}
		for i, want := range wantSets {
			if got := s.set(i); !slices.Equal(got, want) {
				t.Errorf("set(%d) = %v; want %v", i, got, want)
			}
			for x, term := range s.set(i) {
				if got := s.weights(i)[x]; got != w.Of(term) {
					t.Errorf("weights(%d)[%d] (term %d) = %v; want %v", i, x, term, got, w.Of(term))
				}
				if id, ok := s.id(term); !ok || s.setIDs(i)[x] != id {
					t.Errorf("setIDs(%d)[%d] (term %d) = %d; want %d (%v)", i, x, term, s.setIDs(i)[x], id, ok)
				}
			}
		}
		// Sentence 0: 3 once and 1 twice; its set each once.
		if got, want := s.weight[0], w.Of(3)+2*w.Of(1); got != want {
			t.Errorf("weight[0] = %v; want %v", got, want)
		}
		if got, want := s.setWt[0], w.Of(1)+w.Of(3); got != want {
			t.Errorf("setWt[0] = %v; want %v", got, want)
		}
	}
}
