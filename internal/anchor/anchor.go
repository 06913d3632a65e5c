// Package anchor proposes candidate pairs of documents that share a passage, however little
// of either document the passage is: the copies that MinHash banding (package lsh) misses.
//
// Banding finds pairs whose shingle sets are alike as wholes (Jaccard similarity). A copied
// passage that is a small part of one document is not: a wire story printed with other items
// glued to it, a story cut to its first paragraph beside the whole, an OCR'd reprint whose
// errors leave only short runs of words intact. A scan of the 59,433 articles cut from the
// chronam-1916 pages with banding alone verified 232 of the 307 labelled copies and partial
// copies of the dev set (testdata/chronam); with every pair of documents a candidate it
// verified 271. The 39 lost had a shingle Jaccard of 0.03 to 0.16.
//
// # Anchors
//
// A document's anchors are the shingles picked from it by winnowing (Schleimer, Wilkerson and
// Aiken, "Winnowing: local algorithms for document fingerprinting", SIGMOD 2003): of every
// window of w consecutive shingle hashes, the smallest. Two documents that share a run of w
// shingles, w+k-1 content words for shingles of k words, share that window's anchor, whatever
// text surrounds the run; and since the smallest of a window is often the smallest of the next
// window too, a document keeps about 2/(w+1) of its shingles, not all of them.
//
// An anchor counts when it is rare: in at least two documents and at most MaxDocs. A common
// one is a beat's stock phrase or a template's wording, and an anchor in n documents would
// cost n(n-1)/2 pairs. Two documents that share at least MinShared rare anchors, and at
// least MinShare of the rare anchors of the one with fewer, are a candidate pair. Like
// banding's, these candidates are only candidates: the verifier decides.
//
// The share is for long documents; taken of the one with fewer rare anchors, it lets a short
// copy inside a long document through. An OCR'd front page of about 22 KB has 380 rare anchors
// (the median of the chronam pages; 210 to 580 for eight pages in ten), and two pages share 5
// of them by chance, through OCR noise and standing matter, so often that MinShared alone made
// 55,166 candidates of the 4,492 pages (12.3 a page, against 2,373 from banding) and verifying
// them took 83% of the scan. With MinShare 0.04 (the default) two such pages must share about
// 15: 13,280 candidates (2.96 a page), of which 8,296 verify, against 12,488 without the share.
// The pairs lost mostly share a paragraph or two of a wire story or an advertisement, 500 to
// 1,400 bytes of two 22 KB pages (11 of 12 sampled; the other a paper's standing matter): two
// pages that share only that much are often not proposed, which is one more reason to cut
// pages into articles (tools/chronamsplit). Nine chronam articles in ten have at most 62 rare
// anchors, and the share asks for more than MinShared only of documents with more than 125 (100
// with MinShared 4): with MinShared 5, on the articles it dropped 168 of 111,651 candidates and 12 of 31,244 verified pairs, none of them
// labelled; the labelled copies the anchors find share 13% to 80% of the rare anchors of the
// shorter article.
//
// On the chronam articles, with w = 3, MaxDocs = 20, MinShared = 5 and MinShare = 0.04
// (shingles of two content words), anchors raised the candidate pairs from 98,158 to 111,483
// (1.88 a document) and the labelled copies a scan verifies from 232 to 264 of 307 (precision
// 0.899 to 0.892), and on the held-out set from 70 to 87 of 100 (precision 0.933 to 0.926);
// measured with tools/labelscan. MinShared = 4 (the default) makes 119,080 candidates (2.00 a
// document) and finds 5 more of the dev set's copies, 277 of 307, and 2 more of the held-out
// set's, 91 of 100, with no more false positives on either (32 and 7); 3 made 135,021
// candidates for 1 more. It costs the generated corpus of 100,000 articles 8 more joins of
// independent reports of one event (20 of its 35,020 verified pairs; pair precision 0.9677 to
// 0.9672); on the 4,492 pages, where the share bounds most pairs, it adds 65 candidates to
// 13,280 and 8 verified pairs to 8,406.
// Anchors in quotations too found 5 more copies of the dev set and 1 of the held-out set, for
// 4,555 more candidates, and tripled the joins of independent reports of one event in the
// generated corpus (9 without anchors, 29 with, 11 with quotations left out).
package anchor

import (
	"cmp"
	"context"
	"math"
	"slices"

	"github.com/dedupe-dev/dedupe/internal/lsh"
	"github.com/dedupe-dev/dedupe/internal/parallel"
	"github.com/dedupe-dev/dedupe/internal/param"
	"github.com/dedupe-dev/dedupe/internal/radix"
	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// Params are the settings of the anchor candidates. Specs describes each.
type Params struct {
	Window    int     // shingles per winnowing window (w); a shared run of Window shingles shares an anchor
	MaxDocs   int     // documents an anchor may be in and still count
	MinShared int     // rare anchors two documents must share to be a candidate pair; 0: no anchor candidates
	MinShare  float64 // share of the rare anchors of the document with fewer that the pair must share too
}

// Specs describes every field of Params: its flag, its key in the recorded params, its default
// and its range. The defaults are those measured on the chronam articles (see the package doc).
var Specs = param.Table{
	{Field: "Window", Flag: "anchor-window", Key: "anchor_window", Name: "Anchor winnowing window",
		Default: 3, Range: "[1, ∞)", Help: "shingles per winnowing window (`w`): documents that share a run of w shingles share an anchor"},
	{Field: "MaxDocs", Flag: "anchor-max-docs", Key: "anchor_max_docs", Name: "Most documents of a rare anchor",
		Default: 20, Range: "[2, ∞)", Help: "documents an anchor may be in and still propose candidate pairs (`n`)"},
	{Field: "MinShared", Flag: "anchor-min-shared", Key: "anchor_min_shared", Name: "Rare anchors a candidate shares",
		Default: 4, Range: "[0, ∞)", Help: "rare anchors two documents must share to be a candidate pair whatever their Jaccard (`n`; 0: banding's candidates only)"},
	{Field: "MinShare", Flag: "anchor-min-share", Key: "anchor_min_share", Name: "Share of rare anchors a candidate shares",
		Default: 0.04, Range: "[0, 1]", Help: "share of the rare anchors of the pair's document with fewer that an anchor candidate must share too (`s`): long documents share a few by chance"},
}

// Rare reports whether an anchor held by docs documents counts: it is in at least two and at
// most MaxDocs. Anchors are counted in the whole corpus, so that a pipeline that sees a part
// of it (an index queried with a new document) counts the documents of both.
func (p Params) Rare(docs int) bool {
	return docs >= 2 && docs <= p.MaxDocs
}

// Enough reports whether two documents that share shared rare anchors are a candidate pair
// by the count of one of them, which has rare rare anchors: at least MinShared, and at least
// MinShare of rare. A pair is a candidate when it is Enough by the count of either document,
// that is by the document with fewer rare anchors. Decided one document at a time, so that a
// pipeline that holds the counts of some documents only can decide.
func (p Params) Enough(shared, rare int) bool {
	return p.MinShared > 0 && shared >= p.MinShared && float64(shared) >= p.MinShare*float64(rare)
}

// Document appends to dst the anchors of the document sketched in sk, for shingles of k
// content words and windows of w shingles (Winnow), and returns it with seq, a buffer for
// the shingle hashes that the caller passes again to reuse it. A shingle with a quoted word
// is never an anchor: two reporters in one courtroom quote the same words, and quotations
// are weak evidence of copying (package verify counts them half, and only beside shared
// narration); a copy shares its narration, whose anchors remain.
func Document(dst []uint32, seq []uint64, sk *sketch.Sketch, k, w int) ([]uint32, []uint64) {
	seq = sk.ShingleSequence(seq, k)
	k = min(k, len(sk.Terms)) // ShingleSequence makes one shingle of a shorter sketch
	for i := range seq {
		for j := i; j < i+k; j++ {
			if sk.IsQuoted(j) {
				seq[i] = noAnchor
				break
			}
		}
	}
	return Winnow(dst, seq, w), seq
}

// noAnchor is a shingle hash Winnow never makes an anchor of: Document gives it to shingles
// with a quoted word. A window of nothing else has no anchor.
const noAnchor = math.MaxUint64

// Winnow appends to dst the anchors of a document whose shingle hashes are shingles, in
// order, and returns the extended slice. An anchor is the low half of the smallest hash of
// each window of w consecutive shingles; a document of fewer than w shingles has one anchor,
// the smallest of all. Anchors come in the order they are picked, and one may come more than
// once: Pairs, which takes them, does not need them sorted or distinct, and sorting each
// document's would cost more than removing repeats from all of them at once.
func Winnow(dst []uint32, shingles []uint64, w int) []uint32 {
	if len(shingles) == 0 {
		return dst
	}
	w = min(w, len(shingles))
	// at is where the smallest hash of the window ending at i is; when it leaves the window,
	// the window is searched again (Schleimer et al.'s algorithm, which keeps that search rare:
	// a new smallest hash is usually found by comparing the one that comes in).
	at := -1
	for i := w - 1; i < len(shingles); i++ {
		start := i - w + 1
		switch {
		case at < start:
			at = start
			for j := start + 1; j <= i; j++ {
				if shingles[j] <= shingles[at] {
					at = j
				}
			}
		case shingles[i] <= shingles[at]:
			at = i
		default:
			continue // the same smallest hash as the window before
		}
		if shingles[at] == noAnchor {
			continue
		}
		// The low half: the high half of a window's smallest hash is near zero, the same
		// for many anchors.
		dst = append(dst, uint32(shingles[at]))
	}
	return dst
}

// shards is how many parts of the anchor values Pairs sorts apart, a part a goroutine at a
// time, so that it holds the (anchor, document) words of one part per goroutine, and as much
// again for the sort's buffer, rather than all of them.
const shards = 8

// Pairs returns, sorted by (A, B) with A < B, the pairs of documents that share at least
// p.MinShared anchors each found in 2 to p.MaxDocs documents, and at least p.MinShare of the
// rare anchors of the one with fewer (Params.Enough); anchors[i] holds the anchors of document
// i (Winnow), in any order, repeats allowed. It counts on w goroutines; the pairs do not depend
// on w. It returns nil when p.MinShared is 0.
func Pairs(anchors [][]uint32, p Params, w int) []lsh.Pair {
	if p.MinShared <= 0 || len(anchors) < 2 {
		return nil
	}
	w = max(w, 1)
	post := postings(anchors, p, w)
	return post.shared(len(anchors), p, w)
}

// postingLists holds the documents of each rare anchor: run r is docs[ends[r-1]:ends[r]]
// (ends[-1] being 0), in increasing order of document.
type postingLists struct {
	docs []uint32
	ends []uint32
}

// postings groups the documents by anchor, each shard of the anchors on one of w goroutines,
// and keeps the rare anchors (p.Rare), shard by shard in order.
func postings(anchors [][]uint32, p Params, w int) postingLists {
	parts := make([]postingLists, shards)
	total := 0
	for _, as := range anchors {
		total += len(as)
	}
	parallel.For(context.Background(), w, shards, func() func(shard int) {
		var sorter radix.Sorter
		// Anchors are hashes: a shard holds about a shards-th of them.
		words := make([]uint64, 0, total/shards+total/(4*shards))
		return func(shard int) {
			words = words[:0]
			for d, as := range anchors {
				for _, a := range as {
					if a%shards == uint32(shard) {
						// Documents in increasing order, and the sort is stable: each
						// anchor's documents come out in increasing order.
						words = append(words, uint64(a)<<32|uint64(d))
					}
				}
			}
			sorted := sorter.Sort(words, 32)
			// An anchor a document has twice comes out twice in a row.
			parts[shard] = rareRuns(slices.Compact(sorted), p)
			words = sorted // the Sorter may have kept words as its buffer; reuse the other
		}
	})
	var docs, runs int
	for _, part := range parts {
		docs, runs = docs+len(part.docs), runs+len(part.ends)
	}
	post := postingLists{docs: make([]uint32, 0, docs), ends: make([]uint32, 0, runs)}
	for _, part := range parts {
		base := uint32(len(post.docs))
		post.docs = append(post.docs, part.docs...)
		for _, e := range part.ends {
			post.ends = append(post.ends, base+e)
		}
	}
	return post
}

// rareRuns returns the posting lists of the (anchor, document) words sorted, those of the rare
// anchors (p.Rare).
func rareRuns(sorted []uint64, p Params) postingLists {
	// Two passes, the first to size the lists: most anchors are in one document only, so the
	// lists are far shorter than sorted, and growing them by appending cost more than the pass.
	each := func(run func(docs []uint64)) {
		for i := 0; i < len(sorted); {
			j := i + 1
			for j < len(sorted) && sorted[j]>>32 == sorted[i]>>32 {
				j++
			}
			if p.Rare(j - i) {
				run(sorted[i:j])
			}
			i = j
		}
	}
	var docs, runs int
	each(func(d []uint64) { docs, runs = docs+len(d), runs+1 })
	post := postingLists{docs: make([]uint32, 0, docs), ends: make([]uint32, 0, runs)}
	each(func(d []uint64) {
		for _, wd := range d {
			post.docs = append(post.docs, uint32(wd))
		}
		post.ends = append(post.ends, uint32(len(post.docs)))
	})
	return post
}

// shared counts, for each document a of n, how many anchors it shares with each later
// document b, and returns the pairs (a, b) that share enough of them (p.Enough), sorted.
func (post postingLists) shared(n int, p Params, w int) []lsh.Pair {
	// The runs of each document, grouped by document (a counting sort of post.docs): document
	// d has starts[d+1]-starts[d] rare anchors, each in one run.
	starts := make([]uint32, n+1)
	for _, d := range post.docs {
		starts[d+1]++
	}
	for d := range n {
		starts[d+1] += starts[d]
	}
	// Each of a document's runs as the document's place in post.docs: a run's documents come
	// in increasing order and each once, so those after the place are the run's documents
	// greater than d, which is all the count needs (it passed over the others one by one).
	// The last document of each run is marked with runEnd.
	runs := make([]uint32, len(post.docs))
	fill := slices.Clone(starts[:n])
	begin := uint32(0)
	for _, end := range post.ends {
		for k := begin; k < end; k++ {
			d := post.docs[k]
			runs[fill[d]] = k
			fill[d]++
		}
		post.docs[end-1] |= runEnd // a rare anchor's run holds two documents or more
		begin = end
	}
	rare := func(d uint32) int { return int(starts[d+1] - starts[d]) }

	const chunk = 256
	chunks := (n + chunk - 1) / chunk
	found := make([][]lsh.Pair, chunks)
	parallel.For(context.Background(), w, chunks, func() func(c int) {
		counts := make([]uint32, n)
		var touched []uint32
		return func(c int) {
			var out []lsh.Pair
			for a := uint32(c * chunk); a < uint32(min((c+1)*chunk, n)); a++ {
				for _, k := range runs[starts[a]:starts[a+1]] {
					for d := post.docs[k]; d&runEnd == 0; {
						k++
						d = post.docs[k]
						b := d &^ runEnd
						if counts[b] == 0 {
							touched = append(touched, b)
						}
						counts[b]++
					}
				}
				from := len(out)
				for _, b := range touched {
					if shared := int(counts[b]); p.Enough(shared, rare(a)) || p.Enough(shared, rare(b)) {
						out = append(out, lsh.Pair{A: a, B: b})
					}
					counts[b] = 0
				}
				// Sorted after the count: most documents touched are not kept.
				slices.SortFunc(out[from:], func(p, q lsh.Pair) int { return cmp.Compare(p.B, q.B) })
				touched = touched[:0]
			}
			found[c] = out
		}
	})
	return slices.Concat(found...)
}

// runEnd marks the last document of a run in the posting lists that shared counts: a bit no
// document number has (a scan numbers its documents from 0 in 32 bits, and could not hold 2^31
// of them).
const runEnd = 1 << 31

// Merge returns the pairs of x and y, both sorted by (A, B), sorted and without repeats.
func Merge(x, y []lsh.Pair) []lsh.Pair {
	out := make([]lsh.Pair, 0, len(x)+len(y))
	less := func(p, q lsh.Pair) bool { return p.A < q.A || p.A == q.A && p.B < q.B }
	for len(x) > 0 && len(y) > 0 {
		switch {
		case less(x[0], y[0]):
			out, x = append(out, x[0]), x[1:]
		case less(y[0], x[0]):
			out, y = append(out, y[0]), y[1:]
		default:
			out, x, y = append(out, x[0]), x[1:], y[1:]
		}
	}
	out = append(out, x...)
	return append(out, y...)
}
