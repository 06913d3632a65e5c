package input_test

import (
	"reflect"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/input"
)

// TestSpecs checks that every setting of Options has its row in input.Specs, so that dedupe's
// commands and dedupe-beam both have its flag.
func TestSpecs(t *testing.T) {
	if err := input.Specs.Check(reflect.TypeFor[input.Options](), "Include", "Exclude", "Raw"); err != nil {
		t.Fatal(err)
	}
	want := input.Options{Format: "auto", MaxBytes: 16 << 20, MaxLineBytes: 64 << 20, MaxFileBytes: 4 << 30, MaxLines: 10_000_000}
	if got := input.DefaultOptions(); !reflect.DeepEqual(got, want) {
		t.Errorf("DefaultOptions() = %+v; want %+v", got, want)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		edit func(*input.Options)
		want string
	}{
		{func(*input.Options) {}, ""},
		{func(o *input.Options) { o.Format = "" }, ""},
		{func(o *input.Options) { o.Format = "xml" }, `unknown format "xml" (want auto, text, html, jsonl or sgml)`},
		{func(o *input.Options) { o.MaxBytes = -1 }, "--max-bytes must be in [0, ∞), got -1"},
		{func(o *input.Options) { o.MaxLines = -5 }, "--max-lines must be in [0, ∞), got -5"},
		{func(o *input.Options) { o.Exclude = []string{"a[b"} }, `pattern "a[b": syntax error in pattern`},
	}
	for _, tt := range tests {
		o := input.DefaultOptions()
		tt.edit(&o)
		got := ""
		if err := o.Validate(); err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("Validate(%+v) = %q; want %q", o, got, tt.want)
		}
	}
}
