package lsh

import (
	"fmt"

	"github.com/dedupe-dev/dedupe/internal/minhash"
	"github.com/dedupe-dev/dedupe/internal/shingle"
	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// SignerParams are the settings that decide a document's band keys.
type SignerParams struct {
	ShingleSize int    // content words per shingle
	NumPerm     int    // MinHash permutations
	Seed        uint64 // MinHash seed
	Bands, Rows int    // LSH layout; Bands*Rows must not exceed NumPerm
}

// Signer turns a document's sketch into its LSH band keys: the content-word shingles of the
// sketch, less those a filter leaves out, signed with MinHash ([minhash.Hasher.Sign]) and cut
// into bands ([Index.Keys]). Package scan and package index both sign with it, so that a
// document gets the same keys in either for the same parameters and filter. It lives here,
// beside the band keys it computes, so that the index, which stores those keys, depends on
// this package and not on the orchestrator scan.
//
// A Signer keeps scratch buffers between calls and is not safe for concurrent use: give each
// goroutine its own with [Signer.Clone]. The zero value is not usable; call NewSigner.
type Signer struct {
	k      int
	hasher *minhash.Hasher // immutable, shared by clones
	layout *Index          // only its Keys method is used, which is safe for concurrent use

	sh   []uint64    // the document's distinct shingles
	kept []uint64    // those the filter keeps
	set  shingle.Set // de-duplicates them
	sig  minhash.Signature
}

// NewSigner returns a Signer for p.
func NewSigner(p SignerParams) (*Signer, error) {
	if p.ShingleSize < 1 {
		return nil, fmt.Errorf("shingle size must be at least 1, got %d", p.ShingleSize)
	}
	if p.Bands*p.Rows > p.NumPerm {
		return nil, fmt.Errorf("bands × rows (%d × %d) must not exceed the permutations (%d)", p.Bands, p.Rows, p.NumPerm)
	}
	hasher, err := minhash.New(p.NumPerm, p.Seed)
	if err != nil {
		return nil, err
	}
	layout, err := NewIndex(p.Bands, p.Rows)
	if err != nil {
		return nil, err
	}
	return &Signer{k: p.ShingleSize, hasher: hasher, layout: layout}, nil
}

// Clone returns a Signer with the same parameters and its own scratch buffers.
func (s *Signer) Clone() *Signer {
	return &Signer{k: s.k, hasher: s.hasher, layout: s.layout}
}

// Bands returns the number of band keys of a signed document.
func (s *Signer) Bands() int { return s.layout.Bands() }

// Keys computes the band keys of sk, stores them in dst[:0] and returns them, growing dst only
// if its capacity is below [Signer.Bands]. When filter is not nil it is given the distinct
// shingle hashes, in no particular order, and returns those to sign (common shingles left
// out); it may reuse its argument's memory.
//
// A document the filter would leave with less than half of its shingles is signed with all of
// them. That is what a story copied more often than the common-shingle limit looks like, since
// each of its shingles is in every copy: filtered, the copies would keep nothing to be found
// by. Signed whole, they share their keys with one another and with little else.
//
// Keys returns nil when no shingle is left: such a document has no keys and is never a
// candidate, since every empty set has the same signature.
func (s *Signer) Keys(dst []uint64, sk *sketch.Sketch, filter func(shingles []uint64) []uint64) []uint64 {
	all := s.Shingles(sk)
	sign := all
	if filter != nil {
		s.kept = filter(append(s.kept[:0], all...))
		if 2*len(s.kept) >= len(all) {
			sign = s.kept
		}
	}
	if len(sign) == 0 {
		return nil
	}
	s.sig = s.hasher.Sign(s.sig, sign)
	return s.layout.Keys(dst, s.sig)
}

// AppendBits appends to dst the [minhash.Bits] of the signature of the document Keys signed
// last, which must have returned keys, and returns it: what a scan keeps of each document to
// check the pairs its bands propose (see [minhash.Bits.Similarity]).
func (s *Signer) AppendBits(dst minhash.Bits) minhash.Bits { return s.sig.AppendBits(dst) }

// NumPerm returns the MinHash permutations of the signatures.
func (s *Signer) NumPerm() int { return s.hasher.NumPerm() }

// Shingles returns the distinct content-word shingles of sk, in order of first occurrence. The
// result is valid until the next call of Shingles or Keys.
func (s *Signer) Shingles(sk *sketch.Sketch) []uint64 {
	s.sh = sk.ShingleSequence(s.sh, s.k)
	return s.set.Unique(s.sh)
}
