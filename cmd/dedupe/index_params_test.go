package main

import (
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/anchor"
	"github.com/dedupe-dev/dedupe/internal/index"
	"github.com/dedupe-dev/dedupe/internal/scan"
)

// TestIndexParamsFromTable checks that an index stores every setting of scan.IndexSpecs, under
// its key, and nothing else; that a new index takes each from the options and gives each back
// to them; and that each of their flags, given with another value than the index's, is an
// error naming the setting. The stored settings get values that differ from each other and
// from their defaults, so that a setting copied from the wrong field fails.
func TestIndexParamsFromTable(t *testing.T) {
	stored, must := index.ParamSpecs.Keys(), scan.IndexSpecs.Keys()
	for _, k := range must {
		if !slices.Contains(stored, k) {
			t.Errorf("the index does not store %q (scan.IndexSpecs): add it to index.Params and index.ParamSpecs", k)
		}
	}
	for _, k := range stored {
		if !slices.Contains(must, k) {
			t.Errorf("the index stores %q, which is not in scan.IndexSpecs", k)
		}
	}

	o := scan.DefaultOptions()
	o.Language, o.Verify.ShingleSize, o.NumPerm, o.Bands, o.Rows, o.Seed, o.ShingleDF = "french", 3, 64, 16, 4, 42, 0.02
	// The index does not store the share of rare anchors (index.Params.Anchor): the default stays.
	o.Anchor = anchor.Params{Window: 4, MaxDocs: 10, MinShared: 3, MinShare: o.Anchor.MinShare}
	p, err := indexParams(&o)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range index.ParamSpecs {
		if got, want := s.Text(&p), scan.IndexSpecs.Lookup(s.Key).Text(&o); got != want {
			t.Errorf("new index: %s = %s; want %s from the options", s.Key, got, want)
		}
	}
	ix, err := index.Create(filepath.Join(t.TempDir(), "params.db"), p, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	back := scan.DefaultOptions()
	if err := useIndexParams(ix, &back, nil); err != nil || !reflect.DeepEqual(back, o) {
		t.Errorf("options from the index %+v, %v; want %+v", back, err, o)
	}

	other := scan.DefaultOptions()
	other.Language, other.Verify.ShingleSize, other.NumPerm, other.Bands, other.Rows, other.Seed, other.ShingleDF = "spanish", 4, 128, 8, 2, 7, 0.03
	other.Anchor = anchor.Params{Window: 5, MaxDocs: 30, MinShared: 2}
	for _, s := range append(scan.IndexSpecs, *scan.Specs.Lookup("threshold")) {
		if !slices.Contains(paramFlags, s.Flag) {
			t.Errorf("--%s is not among paramFlags", s.Flag)
		}
		same := o
		if err := useIndexParams(ix, &same, []string{s.Flag}); err != nil {
			t.Errorf("--%s with the index's value: %v", s.Flag, err)
		}
		q := other
		err := useIndexParams(ix, &q, []string{s.Flag})
		want := s.Key
		if s.Key == "threshold" || s.Key == "rows" {
			want = "bands" // they decide bands and rows together
		}
		if pe := (*index.ParamError)(nil); !errors.As(err, &pe) || pe.Param != want {
			t.Errorf("--%s with another value: %v; want a ParamError naming %s", s.Flag, err, want)
		}
	}
}
