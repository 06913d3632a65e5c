package index

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"time"

	"github.com/dedupe-dev/dedupe/internal/normalize"
)

// The constants of the file format, described in docs/format.md. Any change to the buckets, the
// keys or the values needs a new FormatVersion and a migration in Open.
const (
	magic         = "dedupe-index" // value of the meta key "magic"
	FormatVersion = 9              // value of the meta key "format"; 3 added the df bucket, 4 the sketches' word ends, 5 their capitals, 6 the anchors, 7 new_bands, 8 the garble counts and the sketches' garbled words, 9 the sketches' headlines
	recordVersion = 1              // first byte of every documents value

	// FormatAnchors is the first format with anchors; dedupe reads format 5, which has none.
	FormatAnchors = 6
)

// Bucket names.
var (
	bucketMeta    = []byte("meta")      // text key → text value: magic, format, parameters
	bucketDocs    = []byte("documents") // id (8 bytes BE) → record
	bucketPaths   = []byte("paths")     // path → id (8 bytes BE)
	bucketBands   = []byte("bands")     // band key (8 bytes BE) → posting list, see appendPostings
	bucketCommon  = []byte("common")    // shingle hash (8 bytes BE) → empty
	bucketDF      = []byte("df")        // term (4 bytes BE) → documents holding it (uvarint)
	bucketAnchors = []byte("anchors")   // anchor (4 bytes BE) → posting list, or a count, see anchors.go

	// The entries of documents added in small batches, until they merge into the buckets above:
	// see newentries.go.
	bucketNewBands   = []byte("new_bands")   // as bands
	bucketNewAnchors = []byte("new_anchors") // anchor (4 bytes BE) → posting list
	bucketNewDF      = []byte("new_df")      // term (4 bytes BE) → change of its document frequency (varint, not 0)
)

// Meta keys that are not parameters.
const (
	metaMagic       = "magic"
	metaFormat      = "format"
	metaCommonDocs  = "common_documents" // documents the common shingles were learned from; 0: not yet
	keyLen          = 8                  // bytes of an id, a band key or a shingle hash
	recordFixedPart = 1 + 8              // version byte and digest
)

// codeFields name the algorithms behind the stored values, which no flag changes but a new
// version of dedupe might: an index built by other code must not be mixed with new keys. Bump
// a value whenever the matching code changes its output.
var codeFields = []Field{
	{"normalizer_version", strconv.Itoa(normalize.Version)},
	{"term_hash", "xxh3-64-low32"},           // sketch terms: low 32 bits of the xxh3 hash of the stemmed term
	{"shingle_hash", "splitmix64-chain"},     // package shingle: h = mix(h) ^ term
	{"minhash", "oph-densified-mix64"},       // package minhash: one-permutation hashing with optimal densification
	{"band_hash", "xxh3-seeded-le32-onebin"}, // package lsh: xxh3 of the band's little-endian values, seeded with the band; one-bin bands keyed by the whole signature
	anchorCode,
}

// anchorCode names the algorithm behind the stored anchors (package anchor): the low 32 bits of
// the smallest shingle hash of each window, shingles with a quoted word left out. A format-5
// index, which stores no anchors, lacks it.
var anchorCode = Field{"anchor_hash", "winnow-low32-unquoted"}

// Field is one entry of the meta bucket.
type Field struct {
	Key, Value string
}

func putID(b []byte, id uint64) []byte { return binary.BigEndian.AppendUint64(b, id) }

// appendPostings appends the posting list of ids, which must be sorted and distinct, to dst:
// the number of ids as a uvarint, then each id minus the one before (the first minus 0) as a
// uvarint. The count comes first so that a query can skip an oversized list without decoding
// it; the deltas keep lists short, one or two bytes an id in an index of 100,000 documents.
func appendPostings(dst []byte, ids []uint64) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(ids)))
	prev := uint64(0)
	for _, id := range ids {
		dst = binary.AppendUvarint(dst, id-prev)
		prev = id
	}
	return dst
}

// postingsLen returns the number of ids in posting list b and the bytes after the count.
func postingsLen(b []byte) (int, []byte, error) {
	n, k := binary.Uvarint(b)
	// Every id takes at least one byte, which bounds n before anything is allocated.
	if k <= 0 || n > uint64(len(b)-k) {
		return 0, nil, errCorruptPostings
	}
	return int(n), b[k:], nil
}

// appendIDs appends the ids of posting list b to dst, in increasing order. A nil b, what bbolt
// returns for a missing key, holds no ids.
func appendIDs(dst []uint64, b []byte) ([]uint64, error) {
	if b == nil {
		return dst, nil
	}
	n, b, err := postingsLen(b)
	if err != nil {
		return dst, err
	}
	id := uint64(0)
	for i := range n {
		d, k := binary.Uvarint(b)
		if k <= 0 || (d == 0 && i > 0) {
			return dst, errCorruptPostings
		}
		id += d
		dst = append(dst, id)
		b = b[k:]
	}
	if len(b) != 0 {
		return dst, errCorruptPostings
	}
	return dst, nil
}

// errCorruptPostings is the error of the posting list decoders.
var errCorruptPostings = fmt.Errorf("%w: bad posting list", ErrCorrupt)

// encodeRecord encodes d as a documents value: the record version, the sketch digest (8 bytes,
// little-endian, so that a re-added document is recognised without decoding its sketch), the
// path and the title as uvarint-length-prefixed bytes, the date as a uvarint flag (0: none)
// followed by a varint of Unix seconds and a uvarint of nanoseconds, and the encoded sketch to
// the end.
func encodeRecord(d *Document) ([]byte, error) {
	sk, err := d.Sketch.MarshalBinary()
	if err != nil {
		return nil, err
	}
	b := make([]byte, 0, recordFixedPart+len(d.Path)+len(d.Title)+4*binary.MaxVarintLen64+len(sk))
	b = append(b, recordVersion)
	b = binary.LittleEndian.AppendUint64(b, d.Sketch.Digest)
	b = binary.AppendUvarint(b, uint64(len(d.Path)))
	b = append(b, d.Path...)
	b = binary.AppendUvarint(b, uint64(len(d.Title)))
	b = append(b, d.Title...)
	if d.Date.IsZero() {
		b = binary.AppendUvarint(b, 0)
	} else {
		b = binary.AppendUvarint(b, 1)
		b = binary.AppendVarint(b, d.Date.Unix())
		b = binary.AppendUvarint(b, uint64(d.Date.Nanosecond()))
	}
	return append(b, sk...), nil
}

// recordDigest returns the digest of an encoded record.
func recordDigest(b []byte) (uint64, error) {
	if len(b) < recordFixedPart || b[0] != recordVersion {
		return 0, errCorruptRecord
	}
	return binary.LittleEndian.Uint64(b[1:]), nil
}

// errCorruptRecord is wrapped with the document's id by the callers of the record decoders.
var errCorruptRecord = fmt.Errorf("%w: bad record", ErrCorrupt)

// decodeRecord decodes the record of document id. It copies what it keeps, so b may be a bbolt
// value that is only valid during its transaction.
func decodeRecord(id uint64, b []byte) (Record, error) {
	corrupt := func(what string) (Record, error) {
		return Record{}, fmt.Errorf("%w: document %d: %s", ErrCorrupt, id, what)
	}
	digest, err := recordDigest(b)
	if err != nil {
		return corrupt("unknown record version or short record")
	}
	b = b[recordFixedPart:]
	str := func() (string, bool) {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) {
			return "", false
		}
		s := string(b[k : k+int(n)])
		b = b[k+int(n):]
		return s, true
	}
	r := Record{ID: id}
	var ok bool
	if r.Path, ok = str(); !ok {
		return corrupt("bad path")
	}
	if r.Title, ok = str(); !ok {
		return corrupt("bad title")
	}
	hasDate, k := binary.Uvarint(b)
	if k <= 0 || hasDate > 1 {
		return corrupt("bad date")
	}
	b = b[k:]
	if hasDate == 1 {
		sec, k := binary.Varint(b)
		if k <= 0 {
			return corrupt("bad date")
		}
		b = b[k:]
		nsec, k := binary.Uvarint(b)
		if k <= 0 || nsec >= uint64(time.Second) {
			return corrupt("bad date")
		}
		b = b[k:]
		r.Date = time.Unix(sec, int64(nsec)).UTC()
	}
	if err := r.Sketch.UnmarshalBinary(b); err != nil {
		return corrupt(err.Error())
	}
	if r.Sketch.Digest != digest {
		return corrupt("digest differs from its sketch's")
	}
	return r, nil
}
