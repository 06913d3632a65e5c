package scan

import (
	"encoding/binary"
	"slices"

	"github.com/zeebo/xxh3"

	"github.com/dedupe-dev/dedupe/internal/radix"
)

// stripBoilerplate removes from every sketch the sentences that occur in too many documents:
// site banners, "listen to this article" lines, donation appeals and footers that an outlet
// prints under every story. Shared by unrelated articles, they are the classic cause of giant
// false clusters. A sentence is boilerplate when it occurs in at least max(minDocs, df·n) of the
// n documents. Below minDocs/df documents frequencies mean little, so only minDocs applies and
// small is reported true.
//
// Counting sorts one hash per distinct sentence per document instead of filling a map: eight
// bytes per sentence, and no hashing of a map's buckets.
func stripBoilerplate(docs []Document, df float64, minDocs int) (removed int, small bool) {
	n := len(docs)
	limit := max(minDocs, int(df*float64(n)+0.999999))
	small = float64(n)*df < float64(minDocs)
	if n < limit {
		return 0, small
	}
	var all []uint64
	var seen []uint64
	for i := range docs {
		seen = sentenceHashes(seen[:0], &docs[i])
		slices.Sort(seen)
		all = append(all, slices.Compact(seen)...)
	}
	var sorter radix.Sorter
	all = sorter.Sort(all, 0)
	var boiler []uint64
	for i := 0; i < len(all); {
		j := i
		for j < len(all) && all[j] == all[i] {
			j++
		}
		if j-i >= limit {
			boiler = append(boiler, all[i])
		}
		i = j
	}
	if len(boiler) == 0 {
		return 0, small
	}
	var hashes []uint64
	for i := range docs {
		sk := &docs[i].Sketch
		hashes = sentenceHashes(hashes[:0], &docs[i])
		terms := sk.Terms[:0:0]
		ends := make([]uint32, len(sk.Ends))
		for s, h := range hashes {
			if _, found := slices.BinarySearch(boiler, h); !found {
				terms = append(terms, sk.Sentence(s)...)
			}
			ends[s] = uint32(len(terms))
		}
		if len(terms) != len(sk.Terms) {
			sk.Terms, sk.Ends = terms, ends
		}
	}
	return len(boiler), small
}

// sentenceHashes appends the hash of each sentence's content words of d to dst.
func sentenceHashes(dst []uint64, d *Document) []uint64 {
	var buf []byte
	for s := range d.Sketch.Sentences() {
		buf = buf[:0]
		for _, t := range d.Sketch.Sentence(s) {
			buf = binary.LittleEndian.AppendUint32(buf, t)
		}
		dst = append(dst, xxh3.Hash(buf))
	}
	return dst
}
