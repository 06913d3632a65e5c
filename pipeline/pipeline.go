// Package pipeline exposes the steps of dedupe scan one document or one pair at a time, for
// programs outside this module that run them on a distributed engine (the Apache Beam pipeline
// in the beam/ module). Go forbids importing internal packages from another module; this
// package is the small, exported door to them. It holds no algorithm of its own: every step
// calls the package that dedupe scan calls, so a distributed run finds the same pairs and
// clusters as a local scan with the same options.
//
// # Steps
//
// A scan is, per document: [Read], [Analyzer.Analyze] (normalise, drop short documents,
// sketch), [SentenceHashes] (counted over the corpus to find boilerplate), [StripBoilerplate],
// [Signer.Keys] (shingle, MinHash, LSH band keys); per candidate pair: [NewVerifier] and
// Verify; per connected group of verified pairs: [Result.Report], which clusters with the
// star rule of package cluster and formats the JSON contract. The corpus-wide quantities a
// distributed run must compute itself are the document count (it sets the candidate threshold,
// see [Options.BandsRows], and the boilerplate limit, see [BoilerplateLimit]) and the number of
// documents each sentence occurs in.
//
// # Keeping in step with scan
//
// The per-document analysis and the boilerplate rule live inside package scan as unexported
// code run over the whole corpus at once; [Analyzer.Analyze], [BoilerplateLimit],
// [SentenceHashes] and [StripBoilerplate] restate them one document at a time. The beam
// module's tests compare its clusters with [Scan] on the same input, which catches any drift.
package pipeline

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/zeebo/xxh3"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/lsh"
	"github.com/dedupe-dev/dedupe/internal/minhash"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// Types of the scan, re-exported under their dedupe names.
type (
	// Options configures a scan; start from [DefaultOptions].
	Options = scan.Options
	// Input is one article as read from disk, before analysis.
	Input = input.Document
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
	// Report is dedupe's JSON contract.
	Report = report.Report
	// Cluster is one cluster of the JSON contract, a line of the JSONL output.
	Cluster = report.Cluster
)

// DefaultOptions returns the defaults of dedupe scan.
func DefaultOptions() Options { return scan.DefaultOptions() }

// Scan runs dedupe scan over paths in this process; see package scan.
func Scan(ctx context.Context, paths []string, opts Options) (*Result, error) {
	return scan.Run(ctx, paths, opts)
}

// WriteJSONL writes the clusters of rep one per line, as dedupe scan --format jsonl does.
func WriteJSONL(w io.Writer, rep *Report) error { return report.WriteJSONL(w, rep) }

// Read reads the file at path as dedupe scan reads a file named on its command line (format by
// extension, gzip, JSONL records, HTML), and reports every document and skip with its display
// path: display replaces path at the start of Input.Path and Skip.Path, so a JSONL record
// "part.jsonl#42" read from "/data/part.jsonl" with display "part.jsonl" keeps its "#42". A
// file that does not exist is an error; everything else wrong with it is a skip.
func Read(ctx context.Context, path, display string, opts *Options, emit func(Input) error, skip func(Skip) error) error {
	rename := func(p string) string {
		if rest, ok := strings.CutPrefix(p, path); ok {
			return display + rest
		}
		return p
	}
	return input.Read(ctx, []string{path}, opts.Input,
		func(d Input) error {
			d.Path = rename(d.Path)
			return emit(d)
		},
		func(s Skip) error {
			s.Path = rename(s.Path)
			return skip(s)
		})
}

// Analyzer turns inputs into documents. It is not safe for concurrent use: give each goroutine
// its own.
type Analyzer struct {
	an   *normalize.Analyzer
	opts *Options
}

// NewAnalyzer returns an Analyzer for the language and limits of opts, which it keeps.
func NewAnalyzer(opts *Options) (*Analyzer, error) {
	an, err := normalize.New(opts.Language)
	if err != nil {
		return nil, err
	}
	return &Analyzer{an: an, opts: opts}, nil
}

// Analyze normalises and sketches in, as dedupe scan does. It returns the document and the
// warnings about it (decoded as Windows-1252, truncated), or a skip when the document has
// fewer than Options.MinWords words (at least one): short documents' signatures collide by
// chance, so they never take part.
func (a *Analyzer) Analyze(in Input) (doc Document, warnings []Skip, skip *Skip) {
	if in.Encoding == "windows-1252" {
		warnings = append(warnings, Skip{Path: in.Path, Reason: "not valid UTF-8: decoded as Windows-1252"})
	}
	if in.Truncated {
		warnings = append(warnings, Skip{Path: in.Path, Reason: fmt.Sprintf("longer than %d bytes: truncated", a.opts.Input.MaxBytes)})
	}
	nd := a.an.Analyze(in.Text)
	if len(nd.Tokens) < max(a.opts.MinWords, 1) {
		reason := "empty document"
		if len(nd.Tokens) > 0 {
			reason = fmt.Sprintf("too short: %d words, --min-words is %d", len(nd.Tokens), a.opts.MinWords)
		}
		return Document{}, warnings, &Skip{Path: in.Path, Reason: reason}
	}
	return Document{
		Path:     in.Path,
		Title:    in.Title,
		Date:     in.Date,
		Encoding: in.Encoding,
		Words:    len(nd.Tokens),
		Sketch:   sketch.New(nd),
	}, warnings, nil
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

// Signer computes the LSH band keys of sketches: content-word shingles, MinHash signature,
// one key per band. Two documents are candidates when they share a key. It is not safe for
// concurrent use.
type Signer struct {
	hasher      *minhash.Hasher
	index       *lsh.Index
	shingleSize int
	sh, wide    []uint64
	sig         minhash.Signature
}

// NewSigner returns a Signer for the permutations, seed and shingle size of opts, cutting
// signatures into bands of rows values (see [Options.BandsRows]).
func NewSigner(opts *Options, bands, rows int) (*Signer, error) {
	h, err := minhash.New(opts.NumPerm, opts.Seed)
	if err != nil {
		return nil, err
	}
	if bands*rows > opts.NumPerm {
		return nil, fmt.Errorf("bands × rows (%d × %d) must not exceed the permutations (%d)", bands, rows, opts.NumPerm)
	}
	ix, err := lsh.NewIndex(bands, rows)
	if err != nil {
		return nil, err
	}
	return &Signer{hasher: h, index: ix, shingleSize: opts.Verify.ShingleSize}, nil
}

// Keys appends the band keys of sk to dst[:0] and returns them; a sketch without shingles has
// none (an empty signature would collide with every other empty one).
func (s *Signer) Keys(dst []uint64, sk *Sketch) []uint64 {
	s.sh, s.wide = sk.Shingles(s.sh, s.wide, s.shingleSize)
	if len(s.sh) == 0 {
		return dst[:0]
	}
	s.sig = s.hasher.Sign(s.sig, s.sh)
	return s.index.Keys(dst, s.sig)
}

// NewVerifier returns a verifier with the parameters of opts.
func NewVerifier(opts *Options) (*Verifier, error) { return verify.New(opts.Verify) }
