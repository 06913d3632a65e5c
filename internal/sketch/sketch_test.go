package sketch_test

import (
	"encoding/binary"
	"slices"
	"strings"
	"testing"

	"github.com/zeebo/xxh3"

	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// seedText returns the text of the first seed article.
func seedText(tb testing.TB) []byte {
	tb.Helper()
	text := testfs.ReadFile(tb, "../../testdata/seeds/000_92edbd9511bc3411.txt")
	return text
}

func english(tb testing.TB) *normalize.Analyzer {
	tb.Helper()
	an := normalize.TestAnalyzer(tb)
	return an
}

func analyzeSeed(tb testing.TB) normalize.Document {
	tb.Helper()
	return english(tb).Analyze(string(seedText(tb)))
}

// TestNew checks a sketch against its definition: the content words' low 31 bits in text
// order with NumberBit on the words with a digit, one end per sentence, and a digest equal to a streaming xxh3 of every token hash (the
// definition stored in indexes).
func TestNew(t *testing.T) {
	doc := analyzeSeed(t)
	s := sketch.New(doc)

	var terms, ends, wordEnds []uint32
	h := xxh3.New()
	for _, sent := range doc.Sentences {
		for _, tok := range doc.Tokens[sent.First:sent.Last] {
			h.Write(binary.LittleEndian.AppendUint64(nil, tok.Hash))
			if !tok.Stop {
				term := uint32(tok.Hash) &^ sketch.NumberBit
				if strings.ContainsAny(doc.Text[tok.Start:tok.End], "0123456789") {
					term |= sketch.NumberBit
				}
				terms = append(terms, term)
			}
		}
		ends = append(ends, uint32(len(terms)))
		wordEnds = append(wordEnds, uint32(sent.Last))
	}
	if !slices.Equal(s.Terms, terms) || !slices.Equal(s.Ends, ends) || !slices.Equal(s.WordEnds, wordEnds) {
		t.Errorf("sketch has %d terms and %d sentences; want %d and %d, and the word ends of the sentences", len(s.Terms), len(s.Ends), len(terms), len(ends))
	}
	if n, ok := s.SentenceWords(1); !ok || n != int(wordEnds[1]-wordEnds[0]) {
		t.Errorf("SentenceWords(1) = %d, %v; want %d, true", n, ok, wordEnds[1]-wordEnds[0])
	}
	numbers := 0
	for _, term := range s.Terms {
		if sketch.IsNumber(term) {
			numbers++
		}
	}
	if numbers == 0 {
		t.Error("the seed article's sketch has no number")
	}
	if s.Words != len(doc.Tokens) || s.Digest != h.Sum64() {
		t.Errorf("Words, Digest = %d, %x; want %d, %x", s.Words, s.Digest, len(doc.Tokens), h.Sum64())
	}
	if empty := sketch.New(normalize.Document{}); len(empty.Terms) != 0 || empty.Sentences() != 0 || empty.Words != 0 {
		t.Errorf("sketch of an empty document = %+v", empty)
	}
}

// TestCapitals checks that the words written with a capital letter are marked, but not one that
// begins its sentence, a number or a stop word; that the marks survive a round trip; and that
// a sketch of encoding version 4, which has no capitals' bitset, decodes without them.
func TestCapitals(t *testing.T) {
	// Content words: Voters(0) town(1) Bennington(2) warned(3) 1916(4) | Meeting(5) Town(6)
	// Hall(7) Élysée(8) noon(9). "Voters" and "Meeting" begin their sentences; "The" and "At"
	// are stop words.
	s := sketch.New(english(t).Analyze("Voters of the town of Bennington are warned in 1916. Meeting at The Town Hall of the Élysée at noon."))
	if len(s.Terms) != 10 {
		t.Fatalf("%d terms; want 10", len(s.Terms))
	}
	var got []int
	for i := range s.Terms {
		if s.IsCapital(i) {
			got = append(got, i)
		}
	}
	if want := []int{2, 6, 7, 8}; !slices.Equal(got, want) {
		t.Errorf("capitals at %v; want %v", got, want)
	}
	b, back := roundTrip(t, &s)
	// Version 4 is version 7 without the capitals' bitset (a count of 1 and one word, 9 bytes),
	// the garbled and counted words (2 bytes) and the headline (1 byte).
	v4 := append([]byte{b[0], 4}, b[2:len(b)-12]...)
	if err := back.UnmarshalBinary(v4); err != nil || !slices.Equal(back.Terms, s.Terms) || back.Capitals != nil {
		t.Errorf("version 4: terms %v, capitals %x, error %v; want terms %v, no capitals", back.Terms, back.Capitals, err, s.Terms)
	}
}

// TestEmptySentences checks that emptying a sentence removes its terms, keeps the sentence
// count and the marks of the terms kept on those terms, and that the result survives a round
// trip.
func TestEmptySentences(t *testing.T) {
	// Content words: voters(0) "met(1) | said(2) "go(3) home"(4) Arlington(5) 中国(6) 国经(7)
	// 经济(8).
	s := sketch.New(english(t).Analyze(`Voters "met". They said "go home" to Arlington 中国经济.`))
	if len(s.Terms) != 9 || !s.IsQuoted(1) || !s.IsQuoted(3) || !s.IsCapital(5) || !s.IsUnit(6) {
		t.Fatalf("%d terms, quoted(1) %v, quoted(3) %v, capital(5) %v, unit(6) %v; want 9, true, true, true, true",
			len(s.Terms), s.IsQuoted(1), s.IsQuoted(3), s.IsCapital(5), s.IsUnit(6))
	}
	want := slices.Clone(s.Terms[2:])
	if !s.EmptySentences(func(i int) bool { return i == 0 }) {
		t.Fatal("EmptySentences removed nothing")
	}
	var quoted, capitals, units []int
	for i := range s.Terms {
		if s.IsQuoted(i) {
			quoted = append(quoted, i)
		}
		if s.IsCapital(i) {
			capitals = append(capitals, i)
		}
		if s.IsUnit(i) {
			units = append(units, i)
		}
	}
	if !slices.Equal(s.Terms, want) || !slices.Equal(s.Ends, []uint32{0, 7}) || !slices.Equal(quoted, []int{1, 2}) ||
		!slices.Equal(capitals, []int{3}) || !slices.Equal(units, []int{4, 5, 6}) {
		t.Errorf("emptied: terms %v, ends %v, quoted %v, capitals %v, units %v; want %v, [0 7], [1 2], [3], [4 5 6]",
			s.Terms, s.Ends, quoted, capitals, units, want)
	}
	roundTrip(t, &s)
	if s.EmptySentences(func(i int) bool { return i == 0 }) {
		t.Error("emptying an empty sentence reported a change")
	}
}

func BenchmarkNew(b *testing.B) {
	doc := analyzeSeed(b)
	b.SetBytes(int64(len(doc.Text)))
	b.ReportAllocs()
	for b.Loop() {
		sketch.New(doc)
	}
}

// TestUnits checks that the units of a script written without spaces are marked, count half a
// word, survive a round trip, and that sketches of encoding versions 2 and 3, which have no
// units' bitset and no word ends, still decode.
func TestUnits(t *testing.T) {
	// Eight Han characters give seven overlapping bigrams; "GDP" and "rose" are words.
	s := sketch.New(english(t).Analyze("中国经济增长很快。GDP rose."))
	if len(s.Terms) != 9 {
		t.Fatalf("%d terms; want 9", len(s.Terms))
	}
	for i := range s.Terms {
		if got, want := s.IsUnit(i), i < 7; got != want {
			t.Errorf("IsUnit(%d) = %v; want %v", i, got, want)
		}
	}
	if got := s.WordEquivalents(); got != 5.5 {
		t.Errorf("WordEquivalents() = %v; want 5.5 (2 words and 7 units)", got)
	}
	_, back := roundTrip(t, &s)

	// Version 4 is version 5 without the capitals' bitset, its last field (a count of 0, 1
	// byte: the sentence's one capital begins it); version 3 is version 4 without the word ends
	// (a count of 1 and one end of 4 words, 2 bytes here), and version 2 is version 3 without
	// the units' bitset (1 byte).
	// Version 5 is version 6 without the garbled and counted words (two bytes here), and
	// version 6 is version 7 without the headline (one byte).
	words := sketch.New(english(t).Analyze("Prices rose again today, tbe l0ve j ot."))
	if words.Garbled != 3 || words.Counted != 8 {
		t.Errorf("garbled %d of %d words; want 3 of 8", words.Garbled, words.Counted)
	}
	v7, err := words.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	v6 := append([]byte{v7[0], 6}, v7[2:len(v7)-1]...)
	if err := back.UnmarshalBinary(v6); err != nil || back.Garbled != 3 || back.Counted != 8 {
		t.Errorf("version 6: garbled %d of %d, error %v; want 3 of 8", back.Garbled, back.Counted, err)
	}
	v5 := append([]byte{v6[0], 5}, v6[2:len(v6)-2]...)
	if err := back.UnmarshalBinary(v5); err != nil || back.Counted != 0 || back.Garble() != -1 {
		t.Errorf("version 5: garbled %d of %d, error %v; want 0 of 0 (not measured)", back.Garbled, back.Counted, err)
	}
	v3 := append([]byte{v5[0], 3}, v5[2:len(v5)-3]...)
	if err := back.UnmarshalBinary(v3); err != nil || !slices.Equal(back.Terms, words.Terms) || back.WordEnds != nil {
		t.Errorf("version 3: terms %v, word ends %v, error %v; want terms %v, no word ends", back.Terms, back.WordEnds, err, words.Terms)
	}
	v2 := append([]byte{v5[0], 2}, v5[2:len(v5)-4]...)
	if err := back.UnmarshalBinary(v2); err != nil || !slices.Equal(back.Terms, words.Terms) || back.Units != nil {
		t.Errorf("version 2: terms %v, units %x, error %v; want terms %v, no units", back.Terms, back.Units, err, words.Terms)
	}
	v4 := append([]byte{v5[0], 4}, v5[2:len(v5)-1]...)
	if err := back.UnmarshalBinary(v4); err != nil || !slices.Equal(back.WordEnds, []uint32{8}) {
		t.Errorf("version 4: word ends %v, error %v; want [8]", back.WordEnds, err)
	}
}

// TestHeadline checks that a sketch says whether its document's first sentence is a headline,
// that the mark survives a round trip and emptying the headline, and that a sketch of encoding
// version 6, which has no headline, decodes without one.
func TestHeadline(t *testing.T) {
	an := english(t)
	s := sketch.New(an.Analyze("Stocks Open Higher\nThe stock market edged up in early trading today."))
	if !s.Headline {
		t.Fatal("no headline in a story headed by one")
	}
	if plain := sketch.New(an.Analyze("The stock market edged up in early trading today.\nGainers led.")); plain.Headline {
		t.Error("a headline in a story headed by none")
	}
	b, back := roundTrip(t, &s)
	if !back.Headline {
		t.Error("the headline lost in a round trip")
	}
	v6 := append([]byte{b[0], 6}, b[2:len(b)-1]...)
	if err := back.UnmarshalBinary(v6); err != nil || back.Headline || !slices.Equal(back.Terms, s.Terms) {
		t.Errorf("version 6: headline %v, terms %v, error %v; want no headline, terms %v", back.Headline, back.Terms, err, s.Terms)
	}
	bad := append(slices.Clone(b[:len(b)-1]), 2)
	if err := back.UnmarshalBinary(bad); err == nil {
		t.Error("a headline byte of 2 decoded")
	}
	if !s.EmptySentences(func(i int) bool { return i == 0 }) || !s.Headline {
		t.Errorf("emptied headline: headline %v; want it kept", s.Headline)
	}
}
