package index

import (
	"fmt"

	"github.com/dedupe-dev/dedupe/internal/anchor"
	"github.com/dedupe-dev/dedupe/internal/lsh"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/param"
)

// Params are the settings an index is built with. They decide every stored band key and
// anchor, so they are fixed when the index is created and checked whenever it is opened.
type Params struct {
	Language    string  // language setting of the normaliser: a language, or normalize.Auto
	ShingleSize int     // content words per shingle
	NumPerm     int     // MinHash permutations
	Bands       int     // LSH bands
	Rows        int     // LSH rows per band
	Seed        uint64  // MinHash seed
	ShingleDF   float64 // share of the sample documents from which a shingle is common and not signed; 0 signs all
	// Anchor decides the anchors stored and the candidates of shared rare passages (package
	// anchor); Anchor.MinShared 0 stores none. Anchor.MinShare is not stored and always 0: it
	// decides no stored entry, and a query asks for it (QueryOptions.AnchorMinShare), counting
	// an archived candidate's rare anchors from the anchors bucket.
	Anchor anchor.Params
}

// ParamSpecs says how the index stores each field of Params: in the meta bucket under its
// Key, as param.Spec.Text writes it, in the order of docs/format.md. The keys are those of
// the same settings in dedupe's JSON params, whose rows in scan.Specs give their flags,
// defaults and help; the ranges are those of a built index, where nothing is left to be
// derived (0 permutations, bands or rows).
var ParamSpecs = param.Table{
	{Field: "Language", Key: "language"},
	{Field: "ShingleSize", Key: "shingle_size", Range: "[1, ∞)"},
	{Field: "NumPerm", Key: "num_perm", Range: "[1, ∞)"},
	{Field: "Bands", Key: "bands", Range: "[1, ∞)"},
	{Field: "Rows", Key: "rows", Range: "[1, ∞)"},
	{Field: "Seed", Key: "seed"},
	{Field: "ShingleDF", Key: "shingle_df", Range: "[0, 1]"},
	{Field: "Anchor.Window", Key: "anchor_window", Range: "[1, ∞)"},
	{Field: "Anchor.MaxDocs", Key: "anchor_max_docs", Range: "[2, ∞)"},
	{Field: "Anchor.MinShared", Key: "anchor_min_shared", Range: "[0, ∞)"},
}

// Validate reports the first parameter out of range.
func (p *Params) Validate() error {
	if !normalize.IsLanguage(p.Language) {
		return fmt.Errorf("unknown language %q", p.Language)
	}
	if err := ParamSpecs.Validate(p); err != nil {
		return err
	}
	if p.Bands*p.Rows > p.NumPerm {
		return fmt.Errorf("bands × rows (%d × %d) must not exceed the permutations (%d)", p.Bands, p.Rows, p.NumPerm)
	}
	return nil
}

// signer returns the parameters that decide the signer's band keys. The language and the
// common-shingle share act before the signer (analysis) and through its filter.
func (p *Params) signer() lsh.SignerParams {
	return lsh.SignerParams{ShingleSize: p.ShingleSize, NumPerm: p.NumPerm, Seed: p.Seed, Bands: p.Bands, Rows: p.Rows}
}

// Params returns the parameters the index was built with.
func (ix *Index) Params() Params { return ix.params }

// CheckParams returns a *ParamError naming the first parameter in which want differs from
// the index's, in the order of docs/format.md, or nil if they are equal.
func (ix *Index) CheckParams(want Params) error {
	w := want.fields()
	for i, f := range ix.params.fields() {
		if f.Value != w[i].Value {
			return &ParamError{Path: ix.path, Param: f.Key, Index: f.Value, Want: w[i].Value}
		}
	}
	return nil
}

// fields returns the meta entries recording p, in the order of ParamSpecs.
func (p *Params) fields() []Field {
	fields := make([]Field, len(ParamSpecs))
	for i, s := range ParamSpecs {
		fields[i] = Field{s.Key, s.Text(p)}
	}
	return fields
}

// parseParams reads the parameters from the meta values that get returns.
func parseParams(get func(key string) (string, error)) (Params, error) {
	var p Params
	for _, s := range ParamSpecs {
		v, err := get(s.Key)
		if err != nil {
			return Params{}, err
		}
		if err := s.SetText(&p, v); err != nil {
			return Params{}, fmt.Errorf("meta %q: %w", s.Key, err)
		}
	}
	return p, nil
}
