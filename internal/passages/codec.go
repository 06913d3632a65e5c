package passages

import (
	"encoding/binary"
	"errors"

	"github.com/dedupe-dev/dedupe/internal/normalize"
)

// MarshalBinary encodes d for a pipeline's shuffle: its path, date, series, encoding and word
// count, then four numbers per content word (term, word index, byte range), as varints, the
// word index and the range's start as the step from the content word before: a byte or two.
func (d *Document) MarshalBinary() ([]byte, error) {
	date, err := d.date.MarshalBinary()
	if err != nil {
		return nil, err
	}
	b := make([]byte, 0, 64+len(d.path)+len(d.series)+len(d.encoding)+12*len(d.terms))
	for _, s := range []string{d.path, string(date), d.series, d.encoding} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = binary.AppendUvarint(b, uint64(d.words))
	b = binary.AppendUvarint(b, uint64(len(d.terms)))
	var word, start int32 // the content word before's
	for i, t := range d.terms {
		r := d.ranges[i]
		b = binary.AppendUvarint(b, uint64(t))
		b = binary.AppendUvarint(b, uint64(d.word[i]-word))
		b = binary.AppendUvarint(b, uint64(r.Start-start))
		b = binary.AppendUvarint(b, uint64(r.End-r.Start))
		word, start = d.word[i], r.Start
	}
	return b, nil
}

// errDocument reports bytes that MarshalBinary did not write.
var errDocument = errors.New("passages: invalid encoded document")

// UnmarshalBinary decodes a document written by MarshalBinary into d.
func (d *Document) UnmarshalBinary(b []byte) error {
	next := func() uint64 {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			b = nil
			return 0
		}
		b = b[n:]
		return v
	}
	var strs [4]string
	for i := range strs {
		n := next()
		if n > uint64(len(b)) {
			return errDocument
		}
		strs[i], b = string(b[:n]), b[n:]
	}
	*d = Document{path: strs[0], series: strs[2], encoding: strs[3], words: int(next())}
	if err := d.date.UnmarshalBinary([]byte(strs[1])); err != nil {
		return err
	}
	n := next()
	if n > uint64(len(b)) { // each content word takes at least four bytes
		return errDocument
	}
	d.terms, d.word, d.ranges = make([]uint32, n), make([]int32, n), make([]normalize.Range, n)
	var word, start int32
	for i := range n {
		d.terms[i] = uint32(next())
		word += int32(next())
		start += int32(next())
		d.word[i] = word
		d.ranges[i] = normalize.Range{Start: start, End: start + int32(next())}
	}
	if b == nil || len(b) != 0 {
		return errDocument
	}
	return nil
}
