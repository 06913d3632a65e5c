// Package pipeline exposes the steps of dedupe scan one document or one pair at a time, for
// programs outside this module that run them on a distributed engine (the Apache Beam pipeline
// in the beam/ module). Go forbids importing internal packages from another module; this
// package is the small, exported door to them. It holds no algorithm of its own: every step
// calls the package that dedupe scan calls, so a distributed run finds the same pairs and
// clusters as a local scan with the same options.
//
// # Steps
//
// A scan is, per document: [Analyze] (read, normalise, drop short documents, sketch),
// [SentenceHashes] (counted over the corpus to find boilerplate), [StripBoilerplate], shingle
// slots (counted over the corpus to find common shingles, see [ShingleSlots]) and
// [Signer.Keys] of [Options.Signer] (shingle, MinHash, LSH band keys, common shingles filtered out) grouped by
// [BucketKey]; per candidate
// pair: [NewVerifier] and Verify; per connected group of verified pairs: [Result.Report], which
// clusters with the star rule of package cluster and formats the JSON contract. The
// corpus-wide quantities a distributed run computes itself are the document count (it sets
// the permutations, bands and rows, see [Options.Signer], and the limits [BoilerplateLimit] and
// [CommonShingleLimit]), the number of documents each sentence occurs in and the count of each
// shingle slot.
//
// # Keeping in step with scan
//
// The boilerplate rule and the shingle counters live inside package scan as unexported code
// run over the whole corpus at once; [BoilerplateLimit], [SentenceHashes], [StripBoilerplate]
// and [ShingleSlots] restate them one document at a time ([CommonShingleLimit] calls scan's
// exported rule). The beam module's tests compare its output with [Scan] on the same input,
// byte for byte, which catches any drift; exporting these rules from package scan would
// remove the restatement.
package pipeline

import (
	"context"
	"encoding/binary"
	"io"
	"math/bits"
	"slices"
	"strings"

	"github.com/zeebo/xxh3"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/lsh"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// Types of the scan, re-exported under their dedupe names.
type (
	// Options configures a scan; start from [DefaultOptions].
	Options = scan.Options
	// Skip is an input that gave no document, with the reason.
	Skip = input.Skip
	// Document is an analysed document: metadata and sketch.
	Document = scan.Document
	// Sketch is the compact summary of a document that verification needs.
	Sketch = sketch.Sketch
	// Pair is a verified pair of documents, by index in [Result.Documents].
	Pair = scan.Pair
	// Result is what a scan found; [Result.Report] clusters it and formats the JSON contract.
	Result = scan.Result
	// VerifyResult holds the measures and the decision for one pair.
	VerifyResult = verify.Result
	// Verifier measures pairs of sketches; not safe for concurrent use.
	Verifier = verify.Verifier
	// Item is one analysed input: a document or a skip, and warnings.
	Item = scan.Item
	// Signer turns a sketch into its LSH band keys; not safe for concurrent use.
	Signer = lsh.Signer
	// Report is dedupe's JSON contract.
	Report = report.Report
	// Cluster is one cluster of the JSON contract, a line of the JSONL output.
	Cluster = report.Cluster
)

// DefaultOptions returns the defaults of dedupe scan.
func DefaultOptions() Options { return scan.DefaultOptions() }

// Scan runs dedupe scan over paths in this process; see package scan.
func Scan(ctx context.Context, paths []string, opts Options) (*Result, error) {
	return scan.Run(ctx, paths, nil, opts, nil)
}

// WriteJSONL writes the clusters of rep one per line, as dedupe scan --format jsonl does.
func WriteJSONL(w io.Writer, rep *Report) error { return report.WriteJSONL(w, rep) }

// Analyze reads the file at path as dedupe scan reads a file named on its command line (format
// by extension, gzip, JSONL records, HTML), analyses its documents as scan does (documents
// shorter than Options.MinWords become skips) and calls fn once per input in file order (see
// [scan.Analyze]). display replaces path at the start of every path reported, so that a JSONL
// record "part.jsonl#42" read from "/tmp/x/part.jsonl" with display "part.jsonl" keeps its "#42".
// A file that does not exist is an error; everything else wrong with it is a skip.
func Analyze(ctx context.Context, path, display string, opts Options, fn func(Item) error) error {
	rename := func(p string) string {
		if rest, ok := strings.CutPrefix(p, path); ok {
			return display + rest
		}
		return p
	}
	return scan.Analyze(ctx, []string{path}, nil, opts, nil, func(it Item) error {
		it.Rename(rename)
		return fn(it)
	})
}

// BoilerplateLimit returns the number of documents, out of n, from which a sentence is
// boilerplate: max(Options.BoilerplateMinDocs, ⌈Options.BoilerplateDF·n⌉). A sentence in fewer
// documents is kept; with fewer than the limit documents nothing is boilerplate.
func BoilerplateLimit(n int, opts *Options) int {
	return max(opts.BoilerplateMinDocs, int(opts.BoilerplateDF*float64(n)+0.999999))
}

// SentenceHashes appends to dst[:0] the hash of each sentence's content words of sk, sorted
// and de-duplicated, and returns it: the sentences to count once for this document.
func SentenceHashes(dst []uint64, sk *Sketch) []uint64 {
	dst = sentenceHashes(dst[:0], sk)
	slices.Sort(dst)
	return slices.Compact(dst)
}

// sentenceHashes appends the hash of each sentence of sk to dst, in sentence order.
func sentenceHashes(dst []uint64, sk *Sketch) []uint64 {
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

// StripBoilerplate removes from sk the content words of the sentences whose hash is
// boilerplate, keeping the sentence count (a stripped sentence becomes empty), and reports
// whether it removed any. sk is left untouched when nothing is boilerplate.
func StripBoilerplate(sk *Sketch, boilerplate func(hash uint64) bool) bool {
	hashes := sentenceHashes(nil, sk)
	terms := sk.Terms[:0:0]
	ends := make([]uint32, len(sk.Ends))
	for s, h := range hashes {
		if !boilerplate(h) {
			terms = append(terms, sk.Sentence(s)...)
		}
		ends[s] = uint32(len(terms))
	}
	if len(terms) == len(sk.Terms) {
		return false
	}
	sk.Terms, sk.Ends = terms, ends
	return true
}

// BucketKey returns the key by which scan groups key, the band key of band: scan's LSH index
// keeps the low 32 bits of each band's keys and makes candidates of the documents whose keys of
// one band agree in them (package lsh). A distributed run that groups by BucketKey finds
// exactly scan's candidate pairs, chance collisions of the 32 bits included.
func BucketKey(band int, key uint64) uint64 { return uint64(band)<<32 | key&(1<<32-1) }

// CommonShingleLimit returns the number of documents, out of n, from which a shingle is too
// common to sign, and whether any shingle can reach it ([scan.Options.CommonLimit]).
func CommonShingleLimit(n int, opts *Options) (limit int, drop bool) {
	return opts.CommonLimit(n)
}

// ShingleSlots returns the mask that maps a shingle hash to its counter when scan counts the
// shingles of n documents: scan counts in 2^k counters, about 64 per document, between 2^10
// and 2^26, indexed by hash & mask, and shingles sharing a counter share its count. A
// distributed count per slot (one per distinct shingle of each document) therefore reproduces
// scan's counts exactly.
func ShingleSlots(n int) (mask uint64) {
	k := bits.Len(uint(max(n, 1)*64 - 1))
	k = min(max(k, 10), 26)
	return 1<<k - 1
}

// NewVerifier returns a verifier with the parameters of opts.
func NewVerifier(opts *Options) (*Verifier, error) { return verify.New(opts.Verify) }
