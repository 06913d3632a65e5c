package beamscan

import (
	"encoding/binary"
	"errors"
	"math/bits"
	"reflect"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

// The stages that shuffle many small values (sentence hashes, shingle slots, band keys and
// candidate pairs: hundreds per document) do not group them one key per value. They key each
// value by one of a few thousand shards and combine the values of a shard before the shuffle:
// counts as maps, pairs of 64-bit values as packed 16-byte records. Beam lifts the combiners
// into the workers that produce the values, so the shuffle carries a few large elements per
// bundle and shard instead of one small element per value.
//
// This matters most for prism, the local runner, which keeps about 200 bytes per element and
// some bookkeeping per key of every GroupByKey until the run ends, and hands a grouped stage
// all its keys in one bundle: grouped one element per band key and one key per distinct
// sentence, shingle slot and pair, 20,000 documents ran out of 11 GB. A cluster runner pays
// less per key, but still frames and sorts every element, so packing saves its shuffle too. A
// shard's values are processed in one call, which is why the number of shards of band keys and
// pairs grows with the corpus (see shardBits).
func init() {
	register.Combiner2[tally, uint64](&tallyFn{})
	register.Combiner2[[]byte, rec](&packFn{})
	beam.RegisterCoder(reflect.TypeFor[tally](), encodeTally, decodeTally)
}

// countShardBits sets the 1,024 shards of the counts of sentence hashes and shingle slots,
// which are taken before the number of documents is known. A shard's tally holds one entry
// per distinct value, 12 bytes encoded: 100 million documents of 30 sentences give 35 MB a
// shard.
const countShardBits = 10

// shard returns which of 2^bits shards x belongs to. Fibonacci hashing spreads both uniform
// hashes and small values (shingle slots) over the shards.
func shard(x uint64, bits int) uint32 {
	return uint32((x * 0x9e3779b97f4a7c15) >> (64 - bits))
}

// shardBits returns the shard bits for records 16-byte records: 1,024 shards, or more so that
// a shard holds about 65,536 records (1 MiB) on average.
func shardBits(records int) int {
	return max(countShardBits, bits.Len(uint(records>>16)))
}

// tally counts occurrences of 64-bit values.
type tally map[uint64]uint32

// tallyFn counts the values of a shard.
type tallyFn struct{}

// CreateAccumulator returns an empty tally.
func (*tallyFn) CreateAccumulator() tally { return tally{} }

// AddInput counts x.
func (*tallyFn) AddInput(t tally, x uint64) tally {
	t[x]++
	return t
}

// MergeAccumulators adds the smaller tally to the larger.
func (*tallyFn) MergeAccumulators(a, b tally) tally {
	if len(a) < len(b) {
		a, b = b, a
	}
	for x, c := range b {
		a[x] += c
	}
	return a
}

// encodeTally writes t as 12-byte records, value then count.
func encodeTally(t tally) []byte {
	b := make([]byte, 0, 12*len(t))
	for x, c := range t {
		b = binary.LittleEndian.AppendUint64(b, x)
		b = binary.LittleEndian.AppendUint32(b, c)
	}
	return b
}

// decodeTally reads a tally written by encodeTally.
func decodeTally(b []byte) (tally, error) {
	if len(b)%12 != 0 {
		return nil, errors.New("tally: length not a multiple of 12")
	}
	t := make(tally, len(b)/12)
	for ; len(b) > 0; b = b[12:] {
		t[binary.LittleEndian.Uint64(b)] += binary.LittleEndian.Uint32(b[8:])
	}
	return t, nil
}

// rec is a record of two 64-bit values: a band key and a document id before candidates are
// grouped, the two document ids of a candidate pair (smaller first) after.
type rec struct {
	A, B uint64
}

// packFn packs the records of a shard into one byte slice, 16 bytes each, in no order.
type packFn struct{}

// CreateAccumulator returns no records.
func (*packFn) CreateAccumulator() []byte { return nil }

// AddInput appends r.
func (*packFn) AddInput(b []byte, r rec) []byte {
	b = binary.LittleEndian.AppendUint64(b, r.A)
	return binary.LittleEndian.AppendUint64(b, r.B)
}

// MergeAccumulators concatenates a and b.
func (*packFn) MergeAccumulators(a, b []byte) []byte { return append(a, b...) }

// unpackSorted appends the records packed in b to dst and returns it sorted by (A, B)
// (compareRecs): the order every stage that takes packed records works in.
func unpackSorted(dst []rec, b []byte) ([]rec, error) {
	dst, err := unpack(dst, b)
	if err != nil {
		return dst, err
	}
	slices.SortFunc(dst, compareRecs)
	return dst, nil
}

// unpack appends the records packed in b to dst and returns it.
func unpack(dst []rec, b []byte) ([]rec, error) {
	if len(b)%16 != 0 {
		return dst, errors.New("packed records: length not a multiple of 16")
	}
	for ; len(b) > 0; b = b[16:] {
		dst = append(dst, rec{A: binary.LittleEndian.Uint64(b), B: binary.LittleEndian.Uint64(b[8:])})
	}
	return dst, nil
}
