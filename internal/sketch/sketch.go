// Package sketch holds the compact per-document summary that verification needs, so that a
// scan or an index keeps a few bytes per word instead of the whole text.
//
// A Sketch keeps the content words of a document (stop words removed, stemmed, hashed to 32
// bits) in text order, and where each sentence ends. Everything the verifier measures is derived
// from it: content-word k-shingles for Jaccard and containment, and per-sentence word sets for
// sentence alignment. Thirty-two bits per word are enough: the verifier compares two documents
// at a time, and the chance that two different words of a pair collide is about n²/2³³, under
// 10⁻⁴ for documents of a thousand words.
//
// The top bit of a term says whether the word is a number (it holds a digit: "600,000", "1916",
// "g7"); the other 31 bits are its hash. Numbers are the specifics that tell a copy from a
// template: two earnings tables or two days' weather reports share their layout words, a copy
// shares its figures too. The bit is a function of the term, so equal words have equal terms,
// and numbers sort after every other word.
//
// Terms are lower-cased, so bitsets beside them keep what the verifier needs to know of a word
// where it stands: inside quotation marks (Quoted), a unit of a script written without spaces
// (Units), written with a capital letter not at the start of its sentence (Capitals), a name:
// two documents that fill one formula with other towns' names are not copies of each other,
// and a rewrite's rare synonym is no name.
package sketch

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"

	"github.com/zeebo/xxh3"

	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/shingle"
)

// Sketch is the compact summary of one document. The zero value is an empty document.
type Sketch struct {
	// Terms holds the content words' terms in text order: the low 31 bits of the term hash, and
	// NumberBit for a number.
	Terms []uint32
	// Ends holds, for each sentence of the analysed document, the index in Terms just past its
	// last content word; it is non-decreasing and its last element is len(Terms). A sentence
	// without content words has the same end as the one before it.
	Ends []uint32
	// Words counts all words of the document, stop words included.
	Words int
	// WordEnds holds, for each sentence, the number of words of the document, stop words
	// included, up to its end: as Ends, but counting every word. The verifier reads from it
	// how much of an aligned sentence is stop words, which tells prose (40-50% of its words)
	// from a table, a masthead or a list of names (10-25%). Nil in a sketch decoded from an
	// encoding before version 4.
	WordEnds []uint32
	// Digest is a hash of the whole token stream, stop words included: two documents with equal
	// digests have the same normalised words (an exact duplicate).
	Digest uint64
	// Quoted marks the terms inside quotation marks, bit i%64 of word i/64 for Terms[i]; nil when
	// the document quotes nobody.
	Quoted []uint64
	// Units marks, as Quoted does, the terms that are units of a script written without spaces
	// (normalize.Token.Unit): overlapping character bigrams, which the verifier counts as half a
	// word each (see [Sketch.WordEquivalents]); nil when the document has none.
	Units []uint64
	// Capitals marks, as Quoted does, the terms of words written with a capital letter that do
	// not begin their sentence: names, as the verifier tells a name swapped for another in one
	// formula from a rare word a rewrite swapped for a synonym (the sketch's terms are
	// lower-cased). Nil when the document has none, and in a sketch decoded from an encoding
	// before version 5.
	Capitals []uint64
	// Garbled and Counted are the document's words that look like OCR debris and those judged
	// (normalize.Document.Garbled, Counted), from which the decision for a corpus is resolved
	// (see [Sketch.Garble]). Both 0 when not measured, and in a sketch decoded from an
	// encoding before version 6.
	Garbled, Counted int
	// Headline reports that the first sentence is the document's headline
	// (normalize.Document.Headline), which the strict decision aligns with nothing. False in a
	// sketch decoded from an encoding before version 7.
	Headline bool
}

// Garble returns the share of the document's words that look like OCR debris
// (normalize.Document.Garble), or -1 when it was not measured.
func (s *Sketch) Garble() float64 { return normalize.GarbleShare(s.Garbled, s.Counted) }

// IsQuoted reports whether Terms[i] stands inside quotation marks.
func (s *Sketch) IsQuoted(i int) bool { return hasBit(s.Quoted, i) }

// IsUnit reports whether Terms[i] is a unit of a script written without spaces.
func (s *Sketch) IsUnit(i int) bool { return hasBit(s.Units, i) }

// IsCapital reports whether Terms[i] was written with a capital letter and does not begin its
// sentence.
func (s *Sketch) IsCapital(i int) bool { return hasBit(s.Capitals, i) }

// WordEquivalents returns the number of words the terms stand for: a word counts 1 and a unit
// of a script written without spaces 1/2. Units are overlapping character bigrams, so a run of
// n of them spans n+1 characters and holds about n/2 bigrams that do not overlap; a bigram is
// the analyser's stand-in for a word of these scripts (most Chinese and Japanese words are of
// one or two characters, and a Thai, Lao, Khmer or Myanmar word of one or more syllables spans
// two characters or more). Without units it is len(s.Terms).
func (s *Sketch) WordEquivalents() float64 {
	units := 0
	for _, w := range s.Units {
		units += bits.OnesCount64(w)
	}
	return float64(len(s.Terms)) - float64(units)/2
}

// hasBit reports whether bit i of the bitset set is set.
func hasBit(set []uint64, i int) bool { return i/64 < len(set) && set[i/64]&(1<<(i%64)) != 0 }

// setBit sets bit i of the bitset *set, growing it as needed.
func setBit(set *[]uint64, i int) {
	for len(*set) <= i/64 {
		*set = append(*set, 0)
	}
	(*set)[i/64] |= 1 << (i % 64)
}

// markBit is setBit for a bitset of a sketch of n terms being built: the first bit set gives
// it room for all n at once, where setBit let it grow a word at a time, each time into new
// memory (the capitals of a page of names and headings take a few dozen words).
func markBit(set *[]uint64, i, n int) {
	if *set == nil {
		*set = make([]uint64, 0, (n+63)/64)
	}
	setBit(set, i)
}

// NumberBit marks the terms of numbers in [Sketch.Terms].
const NumberBit = 1 << 31

// IsNumber reports whether term is the term of a number.
func IsNumber(term uint32) bool { return term&NumberBit != 0 }

// Term returns the sketch term of token t: the low 31 bits of its hash, with NumberBit when
// the word holds a digit (normalize.Token.Number).
func Term(t normalize.Token) uint32 {
	h := uint32(t.Hash) &^ NumberBit
	if t.Number {
		h |= NumberBit
	}
	return h
}

// New builds the sketch of an analysed document.
func New(doc normalize.Document) Sketch {
	s := Sketch{Words: len(doc.Tokens), Ends: make([]uint32, len(doc.Sentences)), WordEnds: make([]uint32, len(doc.Sentences)),
		Garbled: doc.Garbled, Counted: doc.Counted, Headline: doc.Headline()}
	content := 0
	for _, t := range doc.Tokens {
		if !t.Stop {
			content++
		}
	}
	s.Terms = make([]uint32, 0, content)
	// The digest is the xxh3 of the token hashes' little-endian bytes, fed to the hasher a
	// block at a time: one Write per token cost more than the hashing.
	h := xxh3.New()
	var block [512]byte
	n := 0
	for i, sent := range doc.Sentences {
		for k, t := range doc.Tokens[sent.First:sent.Last] {
			if n == len(block) {
				h.Write(block[:])
				n = 0
			}
			binary.LittleEndian.PutUint64(block[n:], t.Hash)
			n += 8
			if !t.Stop {
				if t.Quoted {
					markBit(&s.Quoted, len(s.Terms), content)
				}
				if t.Unit {
					markBit(&s.Units, len(s.Terms), content)
				} else if k > 0 && t.Capital {
					markBit(&s.Capitals, len(s.Terms), content)
				}
				s.Terms = append(s.Terms, Term(t))
			}
		}
		s.Ends[i] = uint32(len(s.Terms))
		s.WordEnds[i] = uint32(sent.Last)
	}
	h.Write(block[:n])
	s.Digest = h.Sum64()
	return s
}

// SentenceWords returns the number of words of sentence i, stop words included, and false
// when the sketch does not hold them (WordEnds is nil).
func (s *Sketch) SentenceWords(i int) (int, bool) {
	if s.WordEnds == nil {
		return 0, false
	}
	start := uint32(0)
	if i > 0 {
		start = s.WordEnds[i-1]
	}
	return int(s.WordEnds[i] - start), true
}

// Sentences returns the number of sentences.
func (s *Sketch) Sentences() int { return len(s.Ends) }

// Sentence returns the content-word hashes of sentence i, in text order. The slice aliases
// s.Terms and must not be modified.
func (s *Sketch) Sentence(i int) []uint32 {
	start := uint32(0)
	if i > 0 {
		start = s.Ends[i-1]
	}
	return s.Terms[start:s.Ends[i]]
}

// EmptySentences removes the terms of the sentences i for which empty(i) reports true, keeping
// the sentence count (such a sentence becomes empty, as its word ends stay), and the marks of
// the terms kept (Quoted, Units, Capitals) on those terms. It reports whether it removed any
// term; when it did, s gets new Terms, Ends and marks, and the old ones are not written to.
func (s *Sketch) EmptySentences(empty func(i int) bool) bool {
	terms := s.Terms[:0:0]
	ends := make([]uint32, len(s.Ends))
	var quoted, units, capitals []uint64
	for i := range s.Ends {
		if !empty(i) {
			first := 0
			if i > 0 {
				first = int(s.Ends[i-1])
			}
			for k, t := range s.Sentence(i) {
				if s.IsQuoted(first + k) {
					setBit(&quoted, len(terms))
				}
				if s.IsUnit(first + k) {
					setBit(&units, len(terms))
				}
				if s.IsCapital(first + k) {
					setBit(&capitals, len(terms))
				}
				terms = append(terms, t)
			}
		}
		ends[i] = uint32(len(terms))
	}
	if len(terms) == len(s.Terms) {
		return false
	}
	s.Terms, s.Ends, s.Quoted, s.Units, s.Capitals = terms, ends, quoted, units, capitals
	return true
}

// Shingles appends to dst[:0] the sorted, de-duplicated hashes of the content-word k-shingles
// and returns it ([shingle.Hashes]).
func (s *Sketch) Shingles(dst []uint64, k int) []uint64 {
	return shingle.Hashes(dst, s.Terms, k)
}

// ShingleSequence appends to dst[:0] the hashes of the content-word k-shingles in text order,
// repeats included, and returns it ([shingle.Sequence]).
func (s *Sketch) ShingleSequence(dst []uint64, k int) []uint64 {
	return shingle.Sequence(dst, s.Terms, k)
}

// sketchMagic starts every encoded sketch; the byte after it is the encoding version. Version 2
// added the quoted terms, version 3 the units, version 4 the sentences' word ends (WordEnds),
// version 5 the capitals, version 6 the garbled and counted words, version 7 the headline;
// older sketches decode with none (a garble not measured, no headline).
const (
	sketchMagic   = 0xD5
	sketchVersion = 7
)

// ErrCorrupt reports an encoded sketch that cannot be decoded.
var ErrCorrupt = errors.New("corrupt sketch")

// MarshalBinary encodes the sketch: magic, version, then uvarints for Words, Digest, the number
// of terms, the terms (fixed 4 bytes each), the number of sentences and the sentence ends as
// deltas, then the number of words of the quoted bitset and its words (fixed 8 bytes each),
// the units' bitset likewise, the number of word ends with the word ends as deltas, the
// capitals' bitset, uvarints for Garbled and Counted, and a byte for Headline (1 or 0).
func (s *Sketch) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, 2+3*binary.MaxVarintLen64+4*len(s.Terms)+2*len(s.Ends))
	b = append(b, sketchMagic, sketchVersion)
	b = binary.AppendUvarint(b, uint64(s.Words))
	b = binary.LittleEndian.AppendUint64(b, s.Digest)
	b = binary.AppendUvarint(b, uint64(len(s.Terms)))
	for _, t := range s.Terms {
		b = binary.LittleEndian.AppendUint32(b, t)
	}
	b = binary.AppendUvarint(b, uint64(len(s.Ends)))
	prev := uint32(0)
	for _, e := range s.Ends {
		b = binary.AppendUvarint(b, uint64(e-prev))
		prev = e
	}
	b = appendBits(b, s.Quoted)
	b = appendBits(b, s.Units)
	b = binary.AppendUvarint(b, uint64(len(s.WordEnds)))
	prev = 0
	for _, e := range s.WordEnds {
		b = binary.AppendUvarint(b, uint64(e-prev))
		prev = e
	}
	b = appendBits(b, s.Capitals)
	b = binary.AppendUvarint(b, uint64(s.Garbled))
	b = binary.AppendUvarint(b, uint64(s.Counted))
	headline := byte(0)
	if s.Headline {
		headline = 1
	}
	b = append(b, headline)
	return b, nil
}

// UnmarshalBinary decodes a sketch written by MarshalBinary. It copies what it keeps, so data may
// be reused afterwards (a bbolt value, say).
func (s *Sketch) UnmarshalBinary(data []byte) error {
	if len(data) < 2 || data[0] != sketchMagic {
		return ErrCorrupt
	}
	version := data[1]
	if version < 1 || version > sketchVersion {
		return fmt.Errorf("%w: unknown version %d", ErrCorrupt, version)
	}
	d := decoder{b: data[2:]}
	words := d.uvarint()
	digest := d.uint64()
	nTerms := d.uvarint()
	if d.err != nil || nTerms > uint64(len(d.b))/4 {
		return ErrCorrupt
	}
	terms := make([]uint32, nTerms)
	for i := range terms {
		terms[i] = d.uint32()
	}
	nEnds := d.uvarint()
	if d.err != nil || nEnds > uint64(len(d.b)) {
		return ErrCorrupt
	}
	ends := d.rising(nEnds, nTerms)
	var quoted, units []uint64
	if version >= 2 {
		quoted = d.bitset(nTerms)
	}
	if version >= 3 {
		units = d.bitset(nTerms)
	}
	var wordEnds []uint32
	if version >= 4 {
		// As many word ends as sentences (or none), non-decreasing, none past Words.
		n := d.uvarint()
		if d.err != nil || (n != 0 && n != nEnds) {
			return ErrCorrupt
		}
		if n > 0 {
			wordEnds = d.rising(n, words)
		}
	}
	var capitals []uint64
	if version >= 5 {
		capitals = d.bitset(nTerms)
	}
	var garbled, counted uint64
	if version >= 6 {
		garbled, counted = d.uvarint(), d.uvarint()
		if garbled > counted || counted > math.MaxInt32 {
			d.err = ErrCorrupt
		}
	}
	headline := false
	if version >= 7 {
		if b := d.take(1); b != nil {
			headline = b[0] == 1
			if b[0] > 1 {
				d.err = ErrCorrupt
			}
		}
	}
	if d.err != nil || len(d.b) != 0 || (nEnds > 0 && uint64(ends[nEnds-1]) != nTerms) || (nEnds == 0 && nTerms > 0) {
		return ErrCorrupt
	}
	*s = Sketch{Terms: terms, Ends: ends, Words: int(words), WordEnds: wordEnds, Digest: digest, Quoted: quoted, Units: units, Capitals: capitals,
		Garbled: int(garbled), Counted: int(counted), Headline: headline}
	return nil
}

// appendBits appends a bitset of terms to b: its number of words, then each word (fixed 8
// bytes).
func appendBits(b []byte, set []uint64) []byte {
	b = binary.AppendUvarint(b, uint64(len(set)))
	for _, w := range set {
		b = binary.LittleEndian.AppendUint64(b, w)
	}
	return b
}

// bitset reads a bitset of appendBits over nTerms terms; nil when it has no word.
func (d *decoder) bitset(nTerms uint64) []uint64 {
	n := d.uvarint()
	if d.err != nil {
		return nil
	}
	if n > uint64(len(d.b))/8 || n > (nTerms+63)/64 {
		d.err = ErrCorrupt
		return nil
	}
	if n == 0 {
		return nil
	}
	set := make([]uint64, n)
	for i := range set {
		set[i] = d.uint64()
	}
	return set
}

// rising reads n non-decreasing values, each written as its difference from the one before
// (Ends and WordEnds are stored so); a value above limit makes the sketch corrupt.
func (d *decoder) rising(n, limit uint64) []uint32 {
	vals := make([]uint32, n)
	at := uint64(0)
	for i := range vals {
		at += d.uvarint()
		if d.err == nil && at > limit {
			d.err = ErrCorrupt
		}
		if d.err != nil {
			return nil
		}
		vals[i] = uint32(at)
	}
	return vals
}

// decoder reads fixed and variable-length integers, remembering the first error.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = ErrCorrupt
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) uint64() uint64 {
	if b := d.take(8); b != nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
}

func (d *decoder) uint32() uint32 {
	if b := d.take(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

// take returns the next n bytes and moves past them, or nil, recording ErrCorrupt, if an error
// came before or fewer than n bytes are left.
func (d *decoder) take(n int) []byte {
	if d.err != nil || len(d.b) < n {
		d.err = ErrCorrupt
		return nil
	}
	b := d.b[:n]
	d.b = d.b[n:]
	return b
}
