package beamscan

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/dedupe-dev/dedupe/internal/lsh"
	"github.com/dedupe-dev/dedupe/internal/minhash"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/shingle"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

func init() {
	register.Function2x1[doc, func(uint32, uint64), error](sentenceHashesFn)
	register.DoFn5x0[uint32, tally, int, func(uint64), func(string, int64)](&boilerFn{})
	register.DoFn3x1[doc, func(*uint64) bool, func(doc), error](&stripFn{})
	register.Function2x0[doc, func(string, int64)](siteFn)
	register.DoFn3x1[doc, func(*string, *int64) bool, func(uint64, int), error](&siteSentencesFn{})
	register.Function4x0[uint64, func(*int) bool, func(uint64), func(string, int64)](siteBoilerFn)
	register.Iter1[int]()
	register.Iter2[string, int64]()
	register.DoFn3x1[doc, int, func(uint32, uint64), error](&slotsFn{})
	register.DoFn4x0[uint32, tally, int, func(uint64)](&commonFn{})
	register.DoFn7x1[context.Context, doc, int, func(*uint64) bool, func(*string, *int64) bool, func(uint64, doc), func(uint32, rec), error](&signFn{})
	register.DoFn5x1[uint32, []byte, int, func(uint32, rec), func(string, int64), error](&bucketFn{})
	register.Function2x0[[]byte, func(uint32, rec)](noPairsFn)
	register.Function5x1[uint32, func(*[]byte) bool, func(*[]byte) bool, func(uint64, second), func(string, int64), error](pairEndsFn)
	register.Function4x1[uint64, func(*doc) bool, func(*second) bool, func(uint64, sent), error](sendFn)
	register.Function2x1[doc, func(uint32, uint64), error](termsFn)
	register.DoFn9x1[context.Context, uint64, func(*doc) bool, func(*sent) bool, int, func(*uint32, *tally) bool, func(*string, *int64) bool, func(edge), func(string, int64), error](&verifyFn{})
	register.Iter2[uint32, tally]()
	register.Emitter1[uint64]()
	register.Emitter1[edge]()
	register.Emitter2[uint32, uint64]()
	register.Emitter2[uint32, rec]()
	register.Emitter2[uint64, doc]()
	register.Emitter2[uint64, uint64]()
	register.Emitter2[uint64, second]()
	register.Emitter2[uint64, sent]()
	register.Iter1[uint64]()
	register.Iter1[doc]()
	register.Iter1[second]()
	register.Iter1[sent]()
	register.Iter1[[]byte]()
}

// sentenceHashesFn emits each distinct sentence of d once, by shard, to be counted over the
// corpus.
func sentenceHashesFn(d doc, emit func(uint32, uint64)) error {
	sk, err := d.decodeSketch()
	if err != nil {
		return err
	}
	for _, h := range scan.SentenceHashes(nil, &sk) {
		emit(shard(h, countShardBits), h)
	}
	return nil
}

// boilerFn keeps the sentences found in enough of the n documents to be boilerplate.
type boilerFn struct {
	optionsFn
}

// ProcessElement emits the sentence hashes of a shard whose count reaches the boilerplate
// limit for n documents, and their count as boilerplate sentences.
func (fn *boilerFn) ProcessElement(_ uint32, t tally, n int, emit func(uint64), counts func(string, int64)) {
	limit, found := fn.opts.BoilerplateLimit(n), 0
	for h, c := range t {
		if int(c) >= limit {
			found++
			emit(h)
		}
	}
	count(counts, CounterBoilerplate, found)
}

// siteFn emits the site of a document that has one, to count the documents of each site.
func siteFn(d doc, emit func(string, int64)) {
	if d.Meta.Site != "" {
		emit(d.Meta.Site, 1)
	}
}

// siteSentencesFn emits the key (scan.SiteSentences) of each distinct sentence of a document
// whose site has enough documents to have boilerplate of its own, with the site's limit.
type siteSentencesFn struct {
	optionsFn
	sizes map[string]int64 // the documents of each site, the side input read once per instance
}

// ProcessElement emits d's sentences, counted for its site.
func (fn *siteSentencesFn) ProcessElement(d doc, sizes func(*string, *int64) bool, emit func(uint64, int)) error {
	if fn.sizes == nil {
		fn.sizes = map[string]int64{}
		var site string
		var m int64
		for sizes(&site, &m) {
			fn.sizes[site] = m
		}
	}
	limit := fn.opts.SiteBoilerplateLimit(int(fn.sizes[d.Meta.Site]))
	if d.Meta.Site == "" || limit == 0 {
		return nil
	}
	sk, err := d.decodeSketch()
	if err != nil {
		return err
	}
	for _, key := range scan.SiteSentences(nil, scan.SiteKey(d.Meta.Site), scan.SentenceHashes(nil, &sk)) {
		emit(key, limit)
	}
	return nil
}

// siteBoilerFn emits the key of a sentence of a site found in at least the site's limit of
// its documents (each gave the limit), and counts it as a boilerplate sentence.
func siteBoilerFn(key uint64, limits func(*int) bool, emit func(uint64), counts func(string, int64)) {
	var limit, found int
	for limits(&limit) {
		found++
	}
	if found >= limit {
		emit(key)
		count(counts, CounterBoilerplate, 1)
	}
}

// stripFn removes the boilerplate sentences from a document's sketch; verification and
// signing both use the stripped sketch, as in dedupe scan.
type stripFn struct {
	boiler map[uint64]bool // the boilerplate side input, read once per DoFn instance
}

// ProcessElement strips d.
func (fn *stripFn) ProcessElement(d doc, boiler func(*uint64) bool, emit func(doc)) error {
	if fn.boiler == nil {
		fn.boiler = readSet(boiler)
	}
	if len(fn.boiler) == 0 {
		emit(d)
		return nil
	}
	sk, err := d.decodeSketch()
	if err != nil {
		return err
	}
	var isSite func(h uint64) bool // d's site's boilerplate, which the side input holds too
	if d.Meta.Site != "" {
		site := scan.SiteKey(d.Meta.Site)
		isSite = func(h uint64) bool { return fn.boiler[scan.SiteSentence(site, h)] }
	}
	if scan.StripBoilerplate(&sk, func(h uint64) bool { return fn.boiler[h] }, isSite) {
		b, err := sk.MarshalBinary()
		if err != nil {
			return err
		}
		d.Sketch = b
	}
	emit(d)
	return nil
}

// readSet reads a side input of hashes into a set.
func readSet(iter func(*uint64) bool) map[uint64]bool {
	set := map[uint64]bool{}
	var h uint64
	for iter(&h) {
		set[h] = true
	}
	return set
}

// slotsFn emits the counter slot of each distinct shingle of a document, by shard, as scan
// counts them.
type slotsFn struct {
	optionsFn

	sh []uint64
}

// ProcessElement emits the slots of d among n documents; nothing when no shingle can be common.
func (fn *slotsFn) ProcessElement(d doc, n int, emit func(uint32, uint64)) error {
	if _, drop := fn.opts.CommonLimit(n); !drop {
		return nil
	}
	sk, err := d.decodeSketch()
	if err != nil {
		return err
	}
	mask := shingle.CounterMask(n)
	fn.sh = sk.Shingles(fn.sh, fn.opts.Verify.ShingleSize)
	for _, h := range fn.sh {
		emit(shard(h&mask, countShardBits), h&mask)
	}
	return nil
}

// commonFn keeps the shingle slots counted in too many documents.
type commonFn struct {
	optionsFn
}

// ProcessElement emits the slots of a shard whose count reaches the common-shingle limit for
// n documents.
func (fn *commonFn) ProcessElement(_ uint32, counts tally, n int, emit func(uint64)) {
	limit, drop := fn.opts.CommonLimit(n)
	if !drop {
		return
	}
	for slot, c := range counts {
		if int(c) >= limit {
			emit(slot)
		}
	}
}

// signFn computes the band keys of a document, leaving out the common shingles. It emits the
// document by id, with the bits of its signature when a candidate floor applies (as dedupe
// scan keeps them), and one (bucket key, id) record per band (see lsh.BucketKey), keyed by the
// bucket key's shard.
type signFn struct {
	Opts options

	signer *lsh.Signer
	filter func([]uint64) []uint64 // of the common slots side input, read once per DoFn instance
	bits   int                     // shard bits of the band keys
	floor  float64                 // the candidate floor of the corpus (scan.Options.Floor)
	keys   []uint64
}

// ProcessElement handles d; n is the number of documents and texts the sums of the counters of
// the files read (see textCounts), which set the bands and rows as in dedupe scan
// (scan.CorpusOf).
func (fn *signFn) ProcessElement(ctx context.Context, d doc, n int, common func(*uint64) bool, texts func(*string, *int64) bool,
	emitDoc func(uint64, doc), emitKey func(uint32, rec)) error {
	if fn.signer == nil {
		opts, err := fn.Opts.decode()
		if err != nil {
			return err
		}
		c := textCounts(readMap(texts))
		corpus := scan.CorpusOf(n, opts.Verify.ResolveDecision(c.Measured, c.Clean), c)
		if fn.signer, err = opts.Signer(corpus); err != nil {
			return err
		}
		fn.floor = opts.Floor(corpus)
		var slots []uint64
		var slot uint64
		for common(&slot) {
			slots = append(slots, slot)
		}
		fn.filter = shingle.NewCommon(shingle.CounterMask(n), slots).Filter()
		fn.bits = shardBits(n * fn.signer.Bands())
	}
	sk, err := d.decodeSketch()
	if err != nil {
		return err
	}
	fn.keys = fn.signer.Keys(fn.keys, &sk, fn.filter)
	if fn.floor > 0 && fn.keys != nil {
		d.Bits = fn.signer.AppendBits(nil)
	}
	emitDoc(d.ID, d)
	for b, k := range fn.keys {
		k = lsh.BucketKey(b, k)
		emitKey(shard(k, fn.bits), rec{A: k, B: d.ID})
	}
	return nil
}

// bucketFn turns the documents sharing a band key into candidate pairs, for the band keys of
// one shard. A bucket of k documents gives k(k-1)/2 pairs, so buckets of more than MaxBucket
// documents (usually boilerplate that escaped the sentence filter) are skipped and counted, as
// in dedupe scan. Two documents share several band keys, in several shards: the pairs are
// de-duplicated within the shard here, then keyed by a shard of their own for packFn.
type bucketFn struct {
	MaxBucket int

	recs, pairs []rec
}

// pairsPerDocument is a generous estimate of the candidate pair records per document, one per
// band key two documents share, that sets the number of shards of the pairs.
const pairsPerDocument = 32

// ProcessElement emits the pairs of the buckets packed in recs, (band key, id) records, and
// the count of oversized buckets; n is the number of documents.
func (fn *bucketFn) ProcessElement(_ uint32, recs []byte, n int, emit func(uint32, rec), counts func(string, int64)) error {
	var err error
	if fn.recs, err = unpackSorted(fn.recs[:0], recs); err != nil {
		return err
	}
	fn.recs = slices.Compact(fn.recs)
	fn.pairs = fn.pairs[:0]
	oversized := 0
	for bucket := range chunkBy(fn.recs) {
		if len(bucket) < 2 {
			continue
		}
		if fn.MaxBucket > 0 && len(bucket) > fn.MaxBucket {
			oversized++
			continue
		}
		for i, a := range bucket {
			for _, b := range bucket[i+1:] {
				fn.pairs = append(fn.pairs, rec{A: a.B, B: b.B})
			}
		}
	}
	slices.SortFunc(fn.pairs, compareRecs)
	bits := shardBits(n * pairsPerDocument)
	for _, p := range slices.Compact(fn.pairs) {
		emit(shard(p.A^p.B, bits), p)
	}
	count(counts, CounterOversizedBuckets, oversized)
	return nil
}

// compareRecs orders records by A, then B.
func compareRecs(x, y rec) int { return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B)) }

// chunkBy yields the runs of records of sorted recs with the same A.
func chunkBy(recs []rec) iter.Seq[[]rec] {
	return func(yield func([]rec) bool) {
		for len(recs) > 0 {
			i := 1
			for i < len(recs) && recs[i].A == recs[0].A {
				i++
			}
			if !yield(recs[:i]) {
				return
			}
			recs = recs[i:]
		}
	}
}

// noPairsFn emits no candidate pair: the pairs of shared passages where none are sought.
func noPairsFn(_ []byte, _ func(uint32, rec)) {}

// second is the second document of a candidate pair, keyed by the first: Bands reports that
// only the bands proposed the pair, not shared rare passages, so that the candidate floor
// applies to it (scan.AutoFloor).
type second struct {
	ID    uint64
	Bands bool
}

// pairEndsFn de-duplicates the candidate pairs of one shard, those of the bands packed in
// bands and those of shared rare passages in anchors, counts them as candidate pairs and keys
// each pair's second document by its first, to be joined with the first document's sketch.
func pairEndsFn(_ uint32, bands, anchors func(*[]byte) bool, emit func(uint64, second), counts func(string, int64)) error {
	unpack := func(packs func(*[]byte) bool) ([]rec, error) {
		var ps []rec
		var pack []byte
		for packs(&pack) {
			var err error
			if ps, err = unpack(ps, pack); err != nil {
				return nil, err
			}
		}
		slices.SortFunc(ps, compareRecs)
		return slices.Compact(ps), nil
	}
	bs, err := unpack(bands)
	if err != nil {
		return err
	}
	as, err := unpack(anchors)
	if err != nil {
		return err
	}
	for _, p := range as {
		emit(p.A, second{ID: p.B})
	}
	n := len(as)
	for _, p := range bs {
		if _, anchored := slices.BinarySearchFunc(as, p, compareRecs); !anchored {
			emit(p.A, second{ID: p.B, Bands: true})
			n++
		}
	}
	count(counts, CounterCandidates, n)
	return nil
}

// errCollision reports two documents whose ids collide.
var errCollision = errors.New("two documents have the same 64-bit id")

// onlyDoc returns the one document of a join on document id.
func onlyDoc(id uint64, docs func(*doc) bool) (doc, error) {
	return only(id, docs, func(d doc) string { return d.Meta.Path })
}

// only returns the one document of a join on document id, of either pipeline; name names
// one in errors.
func only[T any](id uint64, docs func(*T) bool, name func(T) string) (T, error) {
	var d, other T
	if !docs(&d) {
		return d, fmt.Errorf("a pair names unknown document %d", id)
	}
	if docs(&other) {
		return d, fmt.Errorf("%w: %q and %q", errCollision, name(d), name(other))
	}
	return d, nil
}

// sent is a document sent to the second document of a candidate pair, and whether only the
// bands proposed the pair (second.Bands).
type sent struct {
	Doc   doc
	Bands bool
}

// sendFn sends document id to the second document of each candidate pair it is the first of.
// Each pair thus carries one sketch through the shuffle; the second document's own sketch
// joins it in verifyFn.
func sendFn(id uint64, docs func(*doc) bool, seconds func(*second) bool, emit func(uint64, sent)) error {
	d, err := onlyDoc(id, docs)
	if err != nil {
		return err
	}
	var to second
	for seconds(&to) {
		emit(to.ID, sent{Doc: d, Bands: to.Bands})
	}
	return nil
}

// termsFn emits the distinct content words of a document, boilerplate removed, keyed by
// shard: counted per shard, they are the document frequencies dedupe scan weighs evidence by
// (verify.DocFreq).
func termsFn(d doc, emit func(uint32, uint64)) error {
	sk, err := d.decodeSketch()
	if err != nil {
		return err
	}
	terms := slices.Clone(sk.Terms)
	slices.Sort(terms)
	for _, t := range slices.Compact(terms) {
		emit(shard(uint64(t), countShardBits), uint64(t))
	}
	return nil
}

// verifyFn verifies document id against each document sent to it, one candidate pair each,
// and emits the duplicates and their count as verified pairs.
type verifyFn struct {
	optionsFn

	v        *verify.Verifier         // built from the side inputs by the first element (see verifier)
	floor    float64                  // the candidate floor of the corpus (see verifier)
	numPerm  int                      // the permutations of the signatures whose bits docs carry
	seriesOf func(path string) string // --series, as dedupe scan names a document's series
}

// Setup decodes the options and builds the series rule, once per DoFn instance.
func (fn *verifyFn) Setup() (err error) {
	if err := fn.optionsFn.Setup(); err != nil {
		return err
	}
	fn.seriesOf, err = scan.SeriesOf(fn.opts.Series)
	return err
}

// verifier builds the verifier of the corpus, once per DoFn instance, as dedupe scan builds
// it: with the decision resolved from the corpus's counts of documents by their garble share
// (verify.Params.ResolveDecision; texts holds the sums of the counters of the files read, by
// name, see textCounts), weighing words by their document frequencies df among the n
// documents. It also sets the corpus's candidate floor, as signFn does.
func (fn *verifyFn) verifier(n int, df func(*uint32, *tally) bool, texts func(*string, *int64) bool) error {
	p := fn.opts.Verify
	c := textCounts(readMap(texts))
	p.Decision = p.ResolveDecision(c.Measured, c.Clean)
	fn.floor = fn.opts.Floor(scan.CorpusOf(n, p.Decision, c))
	fn.numPerm = fn.opts.Permutations(n)
	v, err := verify.New(p)
	if err != nil {
		return err
	}
	freq := verify.DocFreq{Docs: n}
	var shard uint32
	var t tally
	for df(&shard, &t) {
		for term, c := range t {
			freq.AddCount(uint32(term), c)
		}
	}
	v.SetWeights(verify.NewWeights(&freq, 0))
	fn.v = v
	return nil
}

// ProcessElement verifies the pairs of document id and the documents in others, the earlier
// of the two in input order as A, as dedupe scan does, with the verifier of the side inputs
// (see verifier).
func (fn *verifyFn) ProcessElement(ctx context.Context, id uint64, docs func(*doc) bool, others func(*sent) bool, n int, df func(*uint32, *tally) bool, texts func(*string, *int64) bool, emit func(edge), counts func(string, int64)) error {
	if fn.v == nil {
		if err := fn.verifier(n, df, texts); err != nil {
			return err
		}
	}
	d, err := onlyDoc(id, docs)
	if err != nil {
		return err
	}
	sk, err := d.decodeSketch()
	if err != nil {
		return err
	}
	var got sent
	found, series, below := 0, 0, 0
	own := fn.seriesOf(d.Meta.Path)
	for others(&got) {
		o := got.Doc
		// Pairs of the bands alone below the floor, then pairs of one series, are left out
		// unverified and counted, as dedupe scan leaves out its candidates
		// (scan.Result.BelowFloor, SeriesPairs); here the bits and paths are at hand.
		if got.Bands && fn.floor > 0 && minhash.Bits(d.Bits).Similarity(o.Bits, fn.numPerm) < fn.floor {
			below++
			continue
		}
		if own != "" && fn.seriesOf(o.Meta.Path) == own {
			series++
			continue
		}
		osk, err := o.decodeSketch()
		if err != nil {
			return err
		}
		a, b, ska, skb := &d, &o, &sk, &osk
		if b.Meta.Order < a.Meta.Order {
			a, b, ska, skb = b, a, skb, ska
		}
		r := fn.v.Verify(ska, skb)
		if !r.Duplicate {
			continue
		}
		found++
		res, err := json.Marshal(&r)
		if err != nil {
			return err
		}
		ps, err := fn.v.Passages(ctx, ska, skb)
		if err != nil {
			return err
		}
		passages, err := json.Marshal(ps)
		if err != nil {
			return err
		}
		emit(edge{A: a.ID, B: b.ID, MetaA: a.Meta, MetaB: b.Meta, Result: res, Passages: passages})
	}
	count(counts, CounterVerified, found)
	count(counts, CounterSeriesPairs, series)
	count(counts, CounterBelowFloor, below)
	return nil
}
