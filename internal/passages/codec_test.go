package passages

import (
	"reflect"
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
	d := Analyze(an, &scratch, input.Document{Path: "sn1/19160104/page.txt", Text: "The steamer Persia was sunk off Crete on Thursday, caf\u00e9 owners said.", Encoding: "windows-1252"})
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
