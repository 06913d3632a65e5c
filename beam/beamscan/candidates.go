package beamscan

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/dedupe-dev/dedupe/pipeline"
)

func init() {
	register.Function2x1[doc, func(uint64), error](sentenceHashesFn)
	register.DoFn5x0[context.Context, uint64, int, int, func(uint64)](&boilerFn{})
	register.DoFn3x1[doc, func(*uint64) bool, func(doc), error](&stripFn{})
	register.DoFn3x1[doc, int, func(uint64), error](&slotsFn{})
	register.DoFn4x0[uint64, int, int, func(uint64)](&commonFn{})
	register.DoFn6x1[context.Context, doc, int, func(*uint64) bool, func(uint64, doc), func(uint64, uint64), error](&signFn{})
	register.DoFn4x0[context.Context, uint64, func(*uint64) bool, func(pairKey)](&bucketFn{})
	register.Function3x0[context.Context, pairKey, func(uint64, pairKey)](pairEndsFn)
	register.Function4x1[uint64, func(*doc) bool, func(*pairKey) bool, func(pairKey, doc), error](attachFn)
	register.DoFn4x1[context.Context, pairKey, func(*doc) bool, func(edge), error](&verifyFn{})
	register.Emitter1[uint64]()
	register.Emitter1[pairKey]()
	register.Emitter1[edge]()
	register.Emitter2[uint64, doc]()
	register.Emitter2[uint64, uint64]()
	register.Emitter2[uint64, pairKey]()
	register.Emitter2[pairKey, doc]()
	register.Iter1[uint64]()
	register.Iter1[doc]()
	register.Iter1[pairKey]()
}

var (
	boilerplateSentences = beam.NewCounter(Namespace, CounterBoilerplate)
	oversizedBuckets     = beam.NewCounter(Namespace, CounterOversizedBuckets)
	candidates           = beam.NewCounter(Namespace, CounterCandidates)
	verifiedPairs        = beam.NewCounter(Namespace, CounterVerified)
)

// sentenceHashesFn emits each distinct sentence of d once, to be counted over the corpus.
func sentenceHashesFn(d doc, emit func(uint64)) error {
	var sk pipeline.Sketch
	if err := sk.UnmarshalBinary(d.Sketch); err != nil {
		return fmt.Errorf("sketch of %q: %w", d.Meta.Path, err)
	}
	for _, h := range pipeline.SentenceHashes(nil, &sk) {
		emit(h)
	}
	return nil
}

// boilerFn keeps the sentences found in enough of the n documents to be boilerplate.
type boilerFn struct {
	Opts options

	opts *pipeline.Options
}

// Setup decodes the options, once per DoFn instance.
func (fn *boilerFn) Setup() (err error) {
	fn.opts, err = fn.Opts.decode()
	return err
}

// ProcessElement emits hash when count reaches the boilerplate limit for n documents.
func (fn *boilerFn) ProcessElement(ctx context.Context, hash uint64, count, n int, emit func(uint64)) {
	if count >= pipeline.BoilerplateLimit(n, fn.opts) {
		boilerplateSentences.Inc(ctx, 1)
		emit(hash)
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
	var sk pipeline.Sketch
	if err := sk.UnmarshalBinary(d.Sketch); err != nil {
		return fmt.Errorf("sketch of %q: %w", d.Meta.Path, err)
	}
	if pipeline.StripBoilerplate(&sk, func(h uint64) bool { return fn.boiler[h] }) {
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

// slotsFn emits the counter slot of each distinct shingle of a document, as scan counts them.
type slotsFn struct {
	Opts options

	opts *pipeline.Options
	sh   []uint64
}

// Setup decodes the options, once per DoFn instance.
func (fn *slotsFn) Setup() (err error) {
	fn.opts, err = fn.Opts.decode()
	return err
}

// ProcessElement emits the slots of d among n documents; nothing when no shingle can be common.
func (fn *slotsFn) ProcessElement(d doc, n int, emit func(uint64)) error {
	if _, drop := pipeline.CommonShingleLimit(n, fn.opts); !drop {
		return nil
	}
	var sk pipeline.Sketch
	if err := sk.UnmarshalBinary(d.Sketch); err != nil {
		return fmt.Errorf("sketch of %q: %w", d.Meta.Path, err)
	}
	mask := pipeline.ShingleSlots(n)
	fn.sh = sk.Shingles(fn.sh, fn.opts.Verify.ShingleSize)
	for _, h := range fn.sh {
		emit(h & mask)
	}
	return nil
}

// commonFn keeps the shingle slots counted in too many documents.
type commonFn struct {
	Opts options

	opts *pipeline.Options
}

// Setup decodes the options, once per DoFn instance.
func (fn *commonFn) Setup() (err error) {
	fn.opts, err = fn.Opts.decode()
	return err
}

// ProcessElement emits slot when count reaches the common-shingle limit for n documents.
func (fn *commonFn) ProcessElement(slot uint64, count, n int, emit func(uint64)) {
	if limit, drop := pipeline.CommonShingleLimit(n, fn.opts); drop && count >= limit {
		emit(slot)
	}
}

// signFn computes the band keys of a document, leaving out the common shingles. It emits the
// document by id and one (band key, id) per band.
type signFn struct {
	Opts options

	signer *pipeline.Signer
	common map[uint64]bool // the common slots side input, read once per DoFn instance
	mask   uint64
	keys   []uint64
}

// ProcessElement handles d; n is the number of documents, which sets the bands and rows as in
// dedupe scan.
func (fn *signFn) ProcessElement(ctx context.Context, d doc, n int, common func(*uint64) bool,
	emitDoc func(uint64, doc), emitKey func(uint64, uint64)) error {
	if fn.signer == nil {
		opts, err := fn.Opts.decode()
		if err != nil {
			return err
		}
		bands, rows, err := opts.BandsRows(n)
		if err != nil {
			return err
		}
		if fn.signer, err = pipeline.NewSigner(opts, bands, rows); err != nil {
			return err
		}
		fn.common, fn.mask = readSet(common), pipeline.ShingleSlots(n)
	}
	var sk pipeline.Sketch
	if err := sk.UnmarshalBinary(d.Sketch); err != nil {
		return fmt.Errorf("sketch of %q: %w", d.Meta.Path, err)
	}
	emitDoc(d.ID, d)
	var filter func([]uint64) []uint64
	if len(fn.common) > 0 {
		filter = func(sh []uint64) []uint64 {
			out := sh[:0]
			for _, h := range sh {
				if !fn.common[h&fn.mask] {
					out = append(out, h)
				}
			}
			return out
		}
	}
	fn.keys = fn.signer.Keys(fn.keys, &sk, filter)
	for _, k := range fn.keys {
		emitKey(k, d.ID)
	}
	return nil
}

// bucketFn turns the documents sharing a band key into candidate pairs. A bucket of k
// documents gives k(k-1)/2 pairs, so buckets of more than MaxBucket documents (usually
// boilerplate that escaped the sentence filter) are skipped and counted, as in dedupe scan.
type bucketFn struct {
	MaxBucket int

	ids []uint64
}

// ProcessElement emits the pairs of the bucket of key.
func (fn *bucketFn) ProcessElement(ctx context.Context, key uint64, ids func(*uint64) bool, emit func(pairKey)) {
	fn.ids = fn.ids[:0]
	var id uint64
	for ids(&id) {
		fn.ids = append(fn.ids, id)
	}
	slices.Sort(fn.ids)
	fn.ids = slices.Compact(fn.ids)
	if len(fn.ids) < 2 {
		return
	}
	if fn.MaxBucket > 0 && len(fn.ids) > fn.MaxBucket {
		oversizedBuckets.Inc(ctx, 1)
		return
	}
	for i, a := range fn.ids {
		for _, b := range fn.ids[i+1:] {
			emit(pairKey{Lo: a, Hi: b})
		}
	}
}

// pairEndsFn counts a distinct candidate pair and keys it by each of its documents, to be
// joined with their sketches.
func pairEndsFn(ctx context.Context, p pairKey, emit func(uint64, pairKey)) {
	candidates.Inc(ctx, 1)
	emit(p.Lo, p)
	emit(p.Hi, p)
}

// errCollision reports two documents whose ids collide.
var errCollision = errors.New("two documents have the same 64-bit id")

// attachFn sends the document id to every candidate pair it is part of.
func attachFn(id uint64, docs func(*doc) bool, pairs func(*pairKey) bool, emit func(pairKey, doc)) error {
	var d, other doc
	if !docs(&d) {
		return fmt.Errorf("candidate pair names unknown document %d", id)
	}
	if docs(&other) {
		return fmt.Errorf("%w: %q and %q", errCollision, d.Meta.Path, other.Meta.Path)
	}
	var p pairKey
	for pairs(&p) {
		emit(p, d)
	}
	return nil
}

// verifyFn verifies one candidate pair and emits it when it is a duplicate.
type verifyFn struct {
	Opts options

	v *pipeline.Verifier
}

// Setup builds the verifier, once per DoFn instance.
func (fn *verifyFn) Setup() error {
	opts, err := fn.Opts.decode()
	if err != nil {
		return err
	}
	fn.v, err = pipeline.NewVerifier(opts)
	return err
}

// ProcessElement verifies the two documents of p, the earlier in input order as A, as dedupe
// scan does.
func (fn *verifyFn) ProcessElement(ctx context.Context, p pairKey, docs func(*doc) bool, emit func(edge)) error {
	var two [2]doc
	if !docs(&two[0]) || !docs(&two[1]) {
		return fmt.Errorf("candidate pair %d-%d lacks a document", p.Lo, p.Hi)
	}
	a, b := &two[0], &two[1]
	if b.Meta.Order < a.Meta.Order {
		a, b = b, a
	}
	var ska, skb pipeline.Sketch
	if err := ska.UnmarshalBinary(a.Sketch); err != nil {
		return fmt.Errorf("sketch of %q: %w", a.Meta.Path, err)
	}
	if err := skb.UnmarshalBinary(b.Sketch); err != nil {
		return fmt.Errorf("sketch of %q: %w", b.Meta.Path, err)
	}
	r := fn.v.Verify(&ska, &skb)
	if !r.Duplicate {
		return nil
	}
	verifiedPairs.Inc(ctx, 1)
	res, err := json.Marshal(&r)
	if err != nil {
		return err
	}
	emit(edge{A: a.ID, B: b.ID, MetaA: a.Meta, MetaB: b.Meta, Result: res})
	return nil
}
