package scan

import (
	"cmp"
	"context"
	"slices"

	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// A template's frame is a sentence that a templated series prints in every issue, between
// sentences of its own: "Standings (played, won, drawn, lost, goals for, against, points):"
// under other results, "A yes vote is a vote to pass the bill." above another roll call. Such
// a sentence is found in hundreds of documents, each time beside other sentences. A story
// reprinted as often keeps its sentences together: a sentence of it is found, in most of its
// documents, beside the sentence that follows it in the story. So a sentence in at least
// Options.FrameDocs documents is boilerplate when neither of its neighbours in any document
// (the sentence with content words before it and the one after it) is beside it in half of
// its documents or more (IsFrame).
//
// The share of documents (BoilerplateDF) cannot see frames in a large corpus: a series of a
// few hundred issues is under 1% of 100,000 documents. Among the 104,000 generated articles of
// make bench, 529 pairs of issues of league tables were in one cluster through their frames
// (their rows share small numbers by chance), 26 with frames from 100 documents left out. On
// the 59,433 articles cut from the chronam-1916 pages, 8 sentences are frames: wire credits
// ("[United Press Leased Wire Service]") and a paper's standing lines ("PRICE TWO CENTS").

// frameWords is the fewest content words of a frame. Shorter sentences in hundreds of
// documents are datelines ("London."), single words and OCR debris ("t.", "Ii."): 150 of them
// in the chronam-1916 articles. Left out, they took a word or two from each document and
// moved labelled pairs both ways: of the dev set a copy lost and one found, of the held-out
// set a copy out of its cluster and a false pair into one (testdata/chronam*).
const frameWords = 3

// Neighbour is a sentence, by its hash (see [SentenceHashes]), and a sentence beside it in
// one document: the hash of the pair, which tells the one before from the one after.
type Neighbour struct {
	Sentence, Pair uint64
}

// Neighbours appends to dst[:0] the neighbours of sk's sentences of frameWords content words
// or more that heavy reports (those found in at least Options.FrameDocs documents), each
// once, sorted, and returns it. Sentences without content words are passed over: they are
// not counted as sentences, and a frame beside an empty line is beside the sentence after it.
func Neighbours(dst []Neighbour, sk *sketch.Sketch, heavy func(hash uint64) bool) []Neighbour {
	dst = dst[:0]
	hashes := sentenceHashes(nil, sk)
	prev := -1
	for s := range hashes {
		if len(sk.Sentence(s)) == 0 {
			continue
		}
		if prev >= 0 {
			a, b := hashes[prev], hashes[s]
			pair := a*0x9E3779B97F4A7C15 ^ (b+0x632BE59BD9B4E019)*0xC2B2AE3D27D4EB4F
			if len(sk.Sentence(prev)) >= frameWords && heavy(a) {
				dst = append(dst, Neighbour{a, pair})
			}
			if len(sk.Sentence(s)) >= frameWords && heavy(b) {
				dst = append(dst, Neighbour{b, pair})
			}
		}
		prev = s
	}
	slices.SortFunc(dst, func(x, y Neighbour) int {
		return cmp.Or(cmp.Compare(x.Sentence, y.Sentence), cmp.Compare(x.Pair, y.Pair))
	})
	return slices.Compact(dst)
}

// IsFrame reports whether a sentence found in docs documents, whose most frequent neighbour
// is beside it in nearest of them, is a template's frame: some neighbour, none in half of
// them. A sentence never beside another is no frame.
func IsFrame(docs, nearest int) bool { return nearest > 0 && 2*nearest < docs }

// FrameRange returns the numbers of documents, out of n, in which a sentence may be a
// template's frame: from least up to limit, excluded, the boilerplate limit
// ([Options.BoilerplateLimit]). With FrameDocs 0, least is limit: none may be.
func (o *Options) FrameRange(n int) (least, limit int) {
	limit = o.BoilerplateLimit(n)
	if o.FrameDocs == 0 {
		return limit, limit
	}
	return min(o.FrameDocs, limit), limit
}

// templateFrames returns, sorted, the hashes of the frames of docs (see IsFrame) found in
// least to limit (excluded) of them, given each document's distinct hashes of sentences with
// content words (own(i)).
func templateFrames(ctx context.Context, docs []Document, own func(i int) []uint64, least, limit, workers int) []uint64 {
	heavy := frequent(func(yield func(uint64) bool) {
		for i := range docs {
			for _, h := range own(i) {
				if !yield(h) {
					return
				}
			}
		}
	}, least)
	if len(heavy) == 0 {
		return nil
	}
	isHeavy := hashSet(heavy).Has
	df := make([]int, len(heavy))
	lists := make([][]Neighbour, len(docs))
	parallel(ctx, workers, len(docs), func() func(i int) {
		return func(i int) {
			if slices.ContainsFunc(own(i), isHeavy) {
				lists[i] = Neighbours(nil, &docs[i].Sketch, isHeavy)
			}
		}
	})
	pairs := map[Neighbour]int{}
	for i := range docs {
		for _, h := range own(i) {
			if isHeavy(h) {
				k, _ := slices.BinarySearch(heavy, h)
				df[k]++
			}
		}
		for _, nb := range lists[i] {
			pairs[nb]++
		}
	}
	nearest := make([]int, len(heavy))
	for nb, c := range pairs {
		k, _ := slices.BinarySearch(heavy, nb.Sentence)
		nearest[k] = max(nearest[k], c)
	}
	var frames []uint64
	for k, h := range heavy {
		if df[k] < limit && IsFrame(df[k], nearest[k]) {
			frames = append(frames, h)
		}
	}
	return frames
}
