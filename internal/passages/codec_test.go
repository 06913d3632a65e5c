package passages

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/normalize"
)

// TestMarshalDocument checks that a document, dated, of a series and not UTF-8, comes back from
// MarshalBinary and UnmarshalBinary as it was, and that cut encodings are refused.
func TestMarshalDocument(t *testing.T) {
	an, err := normalize.New("english")
	if err != nil {
		t.Fatal(err)
	}
	var scratch normalize.Document
	d := Analyze(an, &scratch, input.Document{Path: "sn1/19160104/page.txt", Date: time.Date(1916, 1, 4, 0, 0, 0, 0, time.UTC), Text: "The steamer Persia was sunk off Crete on Thursday, caf\u00e9 owners said.", Encoding: "windows-1252"})
	d.Place(func(string) string { return "sn1" })
	b, err := d.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var got Document
	if err := got.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if !got.date.Equal(time.Date(1916, 1, 4, 0, 0, 0, 0, time.UTC)) || len(d.terms) != 8 || got.encoding != "windows-1252" {
		t.Errorf("date %v, %d terms, encoding %q; want 1916-01-04, 8 and windows-1252", got.date, len(d.terms), got.encoding)
	}
	got.date, d.date = time.Time{}, time.Time{}
	if !reflect.DeepEqual(got, d) {
		t.Errorf("decoded %+v\nwant    %+v", got, d)
	}
	for _, n := range []int{0, 5, len(b) - 1} {
		if err := got.UnmarshalBinary(b[:n]); err == nil {
			t.Errorf("%d of %d bytes decoded without error", n, len(b))
		}
	}
}

// TestForAlignment: AlignPair finds the same passages in documents reduced by ForAlignment as
// in the documents, and a reduced one encodes in about half the bytes.
func TestForAlignment(t *testing.T) {
	an, err := normalize.New("english")
	if err != nil {
		t.Fatal(err)
	}
	story := "The British steamer Persia was sunk off Crete on Thursday by a submarine, and of her passengers most were saved by the boats of a passing ship, which landed them at Alexandria. " +
		"Charles Grant of Boston, one of the two Americans known to have been on board, told today how the vessel went down within five minutes after the explosion. " +
		"Grant was picked up by a boat after floating about on the wreckage until four o'clock in the morning, when he saw five boats. " +
		"Those in one boat sang hymns while the others were calling out good-bye to the sinking ship."
	var scratch normalize.Document
	a := Analyze(an, &scratch, input.Document{Path: "a.txt", Text: "Other news of the day came first, about the markets and the weather. " + story})
	b := Analyze(an, &scratch, input.Document{Path: "b.txt", Text: story + " The consul met them at the quay."})
	o := DefaultOptions()
	ga, gb := a.NGrams(nil, o.NGram), b.NGrams(nil, o.NGram)
	var ms []Match
	for i, x := range ga {
		for j, y := range gb {
			if x == y {
				ms = append(ms, Match{A: int32(i), B: int32(j)})
			}
		}
	}
	want, _ := AlignPair(&a, &b, ms, &o)
	la, lb := a.ForAlignment(), b.ForAlignment()
	got, _ := AlignPair(&la, &lb, ms, &o)
	if len(want) == 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("passages of the reduced documents %v; want those of the documents, %v", got, want)
	}
	// A page's worth of words: the size of what a pipeline sends is in its content words.
	long := Analyze(an, &scratch, input.Document{Path: "c.txt", Text: strings.Repeat(story+" ", 40)})
	light := long.ForAlignment()
	fb, _ := long.MarshalBinary()
	lb2, _ := light.MarshalBinary()
	if 10*len(lb2) > 6*len(fb) {
		t.Errorf("reduced document: %d bytes encoded; want at most 60%% of the document's %d", len(lb2), len(fb))
	}
}
