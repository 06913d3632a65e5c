package scan

import (
	"context"
	"encoding/binary"
	"iter"
	"slices"

	"github.com/zeebo/xxh3"

	"github.com/dedupe-dev/dedupe/internal/shingle"
	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/splitmix"
)

// BoilerplateLimit returns the number of documents, out of n, from which a sentence is
// boilerplate: max(BoilerplateMinDocs, ⌈BoilerplateDF·n⌉), with ⌈x⌉ computed as ⌊x + 0.999999⌋
// as in [shingle.CommonLimit]. With fewer documents than the limit nothing is boilerplate.
//
// Below BoilerplateMinDocs/BoilerplateDF documents a share means little (5% of 40 documents is
// two), so only BoilerplateMinDocs applies and the report marks the corpus as small.
func (o *Options) BoilerplateLimit(n int) int {
	return max(o.BoilerplateMinDocs, int(o.BoilerplateDF*float64(n)+0.999999))
}

// SiteBoilerplateLimit returns the number of documents, out of the m documents of one site,
// from which a sentence is that site's boilerplate: max(SiteBoilerplateMinDocs,
// ⌈BoilerplateDF·m⌉), as BoilerplateLimit counts. It is 0, none, when SiteBoilerplateMinDocs
// is 0 or above m. A site may be the whole corpus (one newsroom's archive, or pages behind a
// link shortener): its boilerplate is then counted from a lower floor than the corpus's, and
// kept in fewer documents (see StripBoilerplate).
func (o *Options) SiteBoilerplateLimit(m int) int {
	if o.SiteBoilerplateMinDocs == 0 || m < o.SiteBoilerplateMinDocs {
		return 0
	}
	return max(o.SiteBoilerplateMinDocs, int(o.BoilerplateDF*float64(m)+0.999999))
}

// stripBoilerplate removes from every sketch the sentences that occur in too many documents:
// site banners, "listen to this article" lines, donation appeals and footers that an outlet
// prints under every story. Shared by unrelated articles, they are the classic cause of giant
// false clusters. A sentence is boilerplate when it occurs in at least [Options.BoilerplateLimit]
// of the n documents, or of the documents of its document's site (see siteBoilerplate); small
// reports that n is below BoilerplateMinDocs/BoilerplateDF. removed counts the boilerplate
// sentences, once for the corpus and once for each site that has them.
//
// Counting keeps one hash per distinct sentence per document ([SentenceHashes]) instead of
// filling a map: eight bytes per sentence, and no hashing of a map's buckets (see frequent). Documents are
// hashed on the workers, each into its own part of the buffers, which keep each document's
// hashes of sentences with content words: only the documents that hold one of boilerplate are
// hashed again to be stripped (5,121 of the 59,433 articles cut from the chronam-1916 pages,
// whose boilerplate is one sentence and the empty one). When ctx is
// cancelled some documents may be left unstripped; the caller checks ctx.Err(). obs (not nil)
// is told of the two passes over the documents, counting and removing, as stages.
func stripBoilerplate(ctx context.Context, docs []Document, o *Options, obs Observer) (removed int, small bool) {
	n := len(docs)
	limit := o.BoilerplateLimit(n)
	small = float64(n)*o.BoilerplateDF < float64(o.BoilerplateMinDocs)
	if n < limit {
		return 0, small
	}
	// Document i's distinct hashes of sentences with content words go to all[start[i]:],
	// sorted, at most one per sentence; counts[i] says how many there are, and empty[i] whether
	// it has a sentence without content words, whose hash is emptySentence in every document.
	start := make([]int, n+1)
	for i := range docs {
		start[i+1] = start[i] + docs[i].Sketch.Sentences()
	}
	all := make([]uint64, start[n])
	counts := make([]int, n)
	empty := make([]bool, n)
	obs.Stage("counting boilerplate", n, "documents")
	parallel(ctx, o.workers(), n, func() func(i int) {
		var hashes []uint64
		return func(i int) {
			sk := &docs[i].Sketch
			hashes = sentenceHashes(hashes[:0], sk)
			own := all[start[i]:start[i]]
			for s, h := range hashes {
				if len(sk.Sentence(s)) == 0 {
					empty[i] = true
				} else {
					own = append(own, h)
				}
			}
			slices.Sort(own)
			counts[i] = len(slices.Compact(own))
			obs.Advance(1)
		}
	})
	// Each document's distinct hashes, as SentenceHashes gives them.
	hashes := func(yield func(uint64) bool) {
		for i := range docs {
			own := all[start[i] : start[i]+counts[i]]
			for _, h := range own {
				if !yield(h) {
					return
				}
			}
			if _, found := slices.BinarySearch(own, emptySentence); empty[i] && !found && !yield(emptySentence) {
				return
			}
		}
	}
	own := func(i int) []uint64 { return all[start[i] : start[i]+counts[i]] }
	boiler := frequent(hashes, limit)
	if least, _ := o.FrameRange(n); least < limit && n >= least {
		boiler = append(boiler, templateFrames(ctx, docs, own, least, limit, o.workers())...)
		slices.Sort(boiler)
	}
	keys, siteBoiler := siteBoilerplate(ctx, docs, own, o)
	if len(boiler) == 0 && len(siteBoiler) == 0 {
		return 0, small
	}
	isBoiler := hashSet(boiler).Has
	obs.Stage("removing boilerplate", n, "documents")
	parallel(ctx, o.workers(), n, func() func(i int) {
		return func(i int) {
			var isSite func(h uint64) bool
			if keys != nil && keys[i] != 0 {
				isSite = func(h uint64) bool {
					_, found := slices.BinarySearch(siteBoiler, SiteSentence(keys[i], h))
					return found
				}
			}
			// StripBoilerplate changes a document only if one of its sentences with
			// content words is boilerplate.
			if slices.ContainsFunc(own(i), isBoiler) || isSite != nil && slices.ContainsFunc(own(i), isSite) {
				StripBoilerplate(&docs[i].Sketch, isBoiler, isSite)
			}
			obs.Advance(1)
		}
	})
	return len(boiler) + len(siteBoiler), small
}

// siteBoilerplate finds the boilerplate of each site (Document.Site): the sentences found in
// at least [Options.SiteBoilerplateLimit] of the m documents of one site. A site's own
// tagline, author box or standing note, printed inside the article where the chrome of a page
// is not, made every pair of its pages share a passage; in a corpus of many sites, each a few
// percent of the documents or less, such a sentence never reached the corpus-wide limit (on
// 4,912 scraped pages of 100 sites, 55 of them with such text: 2,671 verified pairs of two
// different articles of one site, 13 with the sites' boilerplate). A wire story that a site
// prints once counts once for the site. The floor is lower than the corpus's: a staff
// writer's biography under a few of a small site's pages is boilerplate too.
//
// It returns each document's site key (see SiteKey; 0 for a document without a site, nil
// when none has one) and, sorted, the [SiteSentence] keys of the sites' boilerplate
// sentences. own(i) is document i's distinct hashes of sentences with content words.
func siteBoilerplate(ctx context.Context, docs []Document, own func(i int) []uint64, o *Options) (keys, boiler []uint64) {
	bySite := map[string][]int32{}
	for i := range docs {
		if site := docs[i].Site; site != "" {
			bySite[site] = append(bySite[site], int32(i))
		}
	}
	var sites [][]int32 // the documents of each site that can have boilerplate of its own
	for _, members := range bySite {
		if o.SiteBoilerplateLimit(len(members)) > 0 {
			sites = append(sites, members)
		}
	}
	if len(sites) == 0 {
		return nil, nil
	}
	// One site at a time, each worker counting in a buffer of its own: sorted, a site's keys
	// take eight bytes a sentence of the largest site, not of all.
	keys = make([]uint64, len(docs))
	found := make([][]uint64, len(sites))
	parallel(ctx, o.workers(), len(sites), func() func(s int) {
		var buf []uint64
		return func(s int) {
			key := SiteKey(docs[sites[s][0]].Site)
			buf = buf[:0]
			for _, i := range sites[s] {
				keys[i] = key
				buf = SiteSentences(buf, key, own(int(i)))
			}
			slices.Sort(buf)
			limit := o.SiteBoilerplateLimit(len(sites[s]))
			for i := 0; i < len(buf); {
				j := i + 1
				for j < len(buf) && buf[j] == buf[i] {
					j++
				}
				if j-i >= limit {
					found[s] = append(found[s], buf[i])
				}
				i = j
			}
		}
	})
	boiler = slices.Concat(found...)
	slices.Sort(boiler)
	return keys, boiler
}

// SiteSentences appends to dst the keys ([SiteSentence]) under which the sentences of
// hashes, those of a document of the site of key site ([SentenceHashes]), count for the site,
// and returns it. A sentence without content words, the same in every document, is no
// site's.
func SiteSentences(dst []uint64, site uint64, hashes []uint64) []uint64 {
	for _, h := range hashes {
		if h != emptySentence {
			dst = append(dst, SiteSentence(site, h))
		}
	}
	return dst
}

// emptySentence is the hash (see SentenceHashes) of a sentence without content words.
var emptySentence = xxh3.Hash(nil)

// SiteKey returns the key of a site's name, never 0: see [SiteSentence].
func SiteKey(site string) uint64 { return max(xxh3.HashString(site), 1) }

// SiteSentence returns the key under which the sentence of hash h (see [SentenceHashes]) is
// counted among the documents of the site of key site ([SiteKey]): a sentence counted for
// one site is not counted for another.
func SiteSentence(site, h uint64) uint64 { return splitmix.Mix(h ^ site) }

// frequent returns, sorted, the hashes that hashes yields at least limit times; it ranges
// over hashes twice.
//
// Only the hashes whose top frequentBits bits are shared by limit hashes or more can be, and
// those are kept, sorted and counted: a few thousand, where copying and sorting all of them
// (1.3 million sentences for the articles cut from the chronam-1916 pages) took a tenth of a
// second on one goroutine. The hashes are uniform, so each counter holds about one hash in a
// million: at a million documents of 22 sentences (the mean of those articles), 21 hashes a
// counter, below the boilerplate limit (a share of the documents) and below the frames' 100
// documents (Options.FrameDocs), which stay 100 whatever the corpus's size. With 16 bits it
// would be 336 hashes a counter, and every hash would be kept and sorted. At worst, many are
// kept.
func frequent(hashes iter.Seq[uint64], limit int) []uint64 {
	counts := make([]uint32, 1<<frequentBits)
	for h := range hashes {
		counts[h>>(64-frequentBits)]++
	}
	var heavy []uint64
	for h := range hashes {
		if int(counts[h>>(64-frequentBits)]) >= limit {
			heavy = append(heavy, h)
		}
	}
	slices.Sort(heavy)
	var out []uint64
	for i := 0; i < len(heavy); {
		j := i
		for j < len(heavy) && heavy[j] == heavy[i] {
			j++
		}
		if j-i >= limit {
			out = append(out, heavy[i])
		}
		i = j
	}
	return out
}

// hashSet returns the set of hashes, whose Has the workers may call at once. Each sentence of
// each document is looked up in the boilerplate and in the frames' heavy sentences: binary
// searches of them took 476 M instructions under cachegrind on the chronam articles (0.9% of
// the scan), the set's lookups 112 M and the searches left for the heavy sentences found 27 M.
// The hashes are xxh3's, as well mixed as shingles'.
func hashSet(hashes []uint64) *shingle.Set {
	s := new(shingle.Set)
	s.Reset(len(hashes))
	for _, h := range hashes {
		s.Add(h)
	}
	return s
}

// frequentBits is how many top bits of a hash choose its counter in frequent: 2^20 counters of
// 4 bytes.
const frequentBits = 20

// SentenceHashes appends to dst[:0] the hash of each sentence's content words of sk, sorted
// and de-duplicated, and returns it: the sentences to count once for this document when
// counting in how many documents each occurs. The hash is xxh3 of the sentence's 32-bit terms
// in order, little-endian; an empty sentence has a hash too, the same in every document.
func SentenceHashes(dst []uint64, sk *sketch.Sketch) []uint64 {
	dst = sentenceHashes(dst[:0], sk)
	slices.Sort(dst)
	return slices.Compact(dst)
}

// StripBoilerplate removes from sk the content words of the sentences whose hash (see
// [SentenceHashes]) boilerplate, the corpus's boilerplate, or site, its site's (nil: none),
// reports, keeping the sentence count (a stripped sentence becomes empty), and reports whether
// it removed any. sk is left untouched when it removed none; otherwise it gets new Terms, Ends
// and marks of the terms kept (see [sketch.Sketch.EmptySentences]), and the old ones are not
// written to.
//
// A document whose corpus boilerplate holds more than half of the content words its site's
// leaves keeps it all. Boilerplate is what documents carry beside their own text (a wire
// credit, a footer); a document made mostly of sentences that many documents hold is one of
// the copies of a text printed many times, which stripped would leave nothing to be found by:
// a story in ten of a hundred documents, or in ten thousand identical files, was in no
// cluster. Its site's boilerplate it keeps only when it is more than three quarters of it: a
// brief under a site's tagline and a writer's biography is often shorter than they are, and
// was a copy of every other brief of the site (on the scraped pages of 100 sites, 470 pages of
// one site made 254 false pairs), while a story the site holds under several addresses, or
// in several updates, is all of its pages or nearly.
func StripBoilerplate(sk *sketch.Sketch, boilerplate, site func(hash uint64) bool) bool {
	hashes := sentenceHashes(nil, sk)
	isSite := func(h uint64) bool { return site != nil && site(h) }
	// Most documents hold no boilerplate but empty sentences, whose hash, the same in every
	// document, usually is: they are left as they are without copying their terms.
	own, shared := 0, 0 // content words of the site's boilerplate, of the corpus's
	for s, h := range hashes {
		switch n := len(sk.Sentence(s)); {
		case n == 0:
		case isSite(h):
			own += n
		case boilerplate(h):
			shared += n
		}
	}
	keepOwn := 4*own > 3*len(sk.Terms)
	if keepOwn {
		own = 0
	}
	keepShared := 2*shared > len(sk.Terms)-own
	if own == 0 && (shared == 0 || keepShared) {
		return false
	}
	return sk.EmptySentences(func(s int) bool {
		h := hashes[s]
		return isSite(h) && !keepOwn || !keepShared && boilerplate(h)
	})
}

// sentenceHashes appends the hash of each sentence of sk to dst, in sentence order.
func sentenceHashes(dst []uint64, sk *sketch.Sketch) []uint64 {
	var buf []byte
	for s := range sk.Sentences() {
		buf = buf[:0]
		for _, t := range sk.Sentence(s) {
			buf = binary.LittleEndian.AppendUint32(buf, t)
		}
		dst = append(dst, xxh3.Hash(buf))
	}
	return dst
}
