package index_test

import (
	"testing"

	"github.com/dedupe-dev/dedupe/internal/index"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// TestGarbleCounts checks that the index counts its measured, clean and OCR'd documents as
// they are added, replaced and removed.
func TestGarbleCounts(t *testing.T) {
	ix := index.TestIndex(t)
	check := func(when string, measured, clean, ocr int) {
		t.Helper()
		want := index.GarbleCounts{Texts: verify.Texts{Measured: measured, Clean: clean, OCR: ocr}, Known: true}
		if g, err := ix.Garble(); err != nil || g != want {
			t.Errorf("%s: Garble() = %+v, %v; want %+v", when, g, err, want)
		}
	}
	check("empty", 0, 0, 0)
	cleanText := "The county commissioners met on Tuesday and read the report of the treasurer, who said the roads would be repaired before the spring rains began in earnest this year."
	ocrText := "Tbe county commis sioners , ii met on Tuesday j and read tho report ot the treas urer ; wbo said tbe roads ' would be re paired be fore tbe spring rains began ."
	add := func(path, text string) {
		t.Helper()
		if _, err := ix.Add([]index.Document{index.TestDocument(t, path, text)}); err != nil {
			t.Fatal(err)
		}
	}
	add("a.txt", cleanText)
	add("b.txt", ocrText)
	check("one clean, one OCR'd", 2, 1, 1)
	add("b.txt", cleanText+" Again.") // replaced by a clean text
	check("replaced", 2, 2, 0)
	if err := ix.Remove("a.txt"); err != nil {
		t.Fatal(err)
	}
	check("removed", 1, 1, 0)
}
