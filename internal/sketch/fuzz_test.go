package sketch_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// FuzzSketch feeds the same bytes to both ends of the codec. As an encoded sketch, data must
// either fail with ErrCorrupt or decode to a valid sketch that survives another round trip. As
// a text, data is analysed, and its sketch must survive a round trip unchanged.
func FuzzSketch(f *testing.F) {
	an := english(f)
	f.Add(seedText(f))
	for _, text := range []string{"", "One sentence here. And another one.", "the of and"} {
		s := sketch.New(an.Analyze(text))
		b, err := s.MarshalBinary()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		f.Add([]byte(text))
	}
	f.Add([]byte{0xD5, 1, 0x80, 0x80})
	f.Add([]byte{0xD5, 2})
	f.Fuzz(func(t *testing.T, data []byte) {
		var got sketch.Sketch
		if err := got.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, sketch.ErrCorrupt) {
				t.Fatalf("UnmarshalBinary(%x) = %v; want ErrCorrupt", data, err)
			}
		} else {
			checkSketch(t, &got)
			roundTrip(t, &got)
		}
		if len(data) > 1<<16 {
			return
		}
		s := sketch.New(an.Analyze(string(data)))
		checkSketch(t, &s)
		roundTrip(t, &s)
	})
}

// checkSketch fails unless s keeps the invariants documented on Sketch.
func checkSketch(t *testing.T, s *sketch.Sketch) {
	t.Helper()
	prev := uint32(0)
	for i, e := range s.Ends {
		if e < prev {
			t.Fatalf("Ends[%d] = %d after %d", i, e, prev)
		}
		prev = e
	}
	if int(prev) != len(s.Terms) {
		t.Fatalf("last end %d; want len(Terms) %d", prev, len(s.Terms))
	}
	n := 0
	for i := range s.Sentences() {
		n += len(s.Sentence(i))
	}
	if n != len(s.Terms) {
		t.Fatalf("sentences hold %d terms of %d", n, len(s.Terms))
	}
}

// roundTrip fails unless s decodes to itself after encoding, and returns the encoding and
// the decoded sketch for a test's own checks. Empty and nil slices encode alike, and
// slices.Equal compares them alike.
func roundTrip(t *testing.T, s *sketch.Sketch) ([]byte, sketch.Sketch) {
	t.Helper()
	b, err := s.MarshalBinary()
	if err != nil {
		t.Fatalf("MarshalBinary: %v", err)
	}
	var back sketch.Sketch
	if err := back.UnmarshalBinary(b); err != nil {
		t.Fatalf("UnmarshalBinary(MarshalBinary(%+v)): %v", s, err)
	}
	if !slices.Equal(back.Terms, s.Terms) || !slices.Equal(back.Ends, s.Ends) ||
		!slices.Equal(back.WordEnds, s.WordEnds) || !slices.Equal(back.Quoted, s.Quoted) ||
		!slices.Equal(back.Units, s.Units) || !slices.Equal(back.Capitals, s.Capitals) ||
		back.Words != s.Words || back.Digest != s.Digest || back.Headline != s.Headline {
		t.Fatalf("round trip changed the sketch:\n got %+v\nwant %+v", back, *s)
	}
	return b, back
}
