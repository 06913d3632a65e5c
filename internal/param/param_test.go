package param_test

import (
	"flag"
	"reflect"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/param"
)

type inner struct {
	Share float64
}

type settings struct {
	Count int
	Bytes int64
	Seed  uint64
	Name  string
	In    inner
	Skip  int
}

var table = param.Table{
	{Field: "Count", Flag: "count", Key: "count", Name: "Count", Default: 3, Range: "[1, ∞)", Help: "`n` things"},
	{Field: "Bytes", Flag: "bytes", Key: "bytes", Name: "Bytes", Default: int64(1 << 40), Range: "[0, ∞)", Help: "`n` bytes"},
	{Field: "Seed", Flag: "seed", Key: "seed", Name: "Seed", Default: uint64(1), Help: "`seed`"},
	{Field: "Name", Flag: "name", Name: "Name", Default: "x", Help: "`name`"},
	{Field: "In.Share", Flag: "share", Key: "share", Name: "Share", Default: 0.5, Range: "(0, 1]", Help: "`s`"},
}

func TestCheck(t *testing.T) {
	typ := reflect.TypeFor[settings]()
	if err := table.Check(typ, "Skip"); err != nil {
		t.Fatalf("Check: %v", err)
	}
	bad := func(edit func(*param.Spec)) param.Table {
		t := append(param.Table(nil), table...)
		edit(&t[0])
		return t
	}
	tests := []struct {
		name  string
		table param.Table
		want  string
	}{
		{"field without spec", table.Omit("In.Share"), "field In.Share of"},
		{"spec without field", bad(func(s *param.Spec) { s.Field = "Missing" }), `spec "Missing": `},
		{"flag twice", bad(func(s *param.Spec) { s.Flag = "seed" }), `flag "seed" empty or used twice`},
		{"key twice", bad(func(s *param.Spec) { s.Key = "share" }), `key "share" used twice`},
		{"default of another type", bad(func(s *param.Spec) { s.Default = 3.0 }), "is not of the field's type int"},
		{"default out of range", bad(func(s *param.Spec) { s.Default = 0 }), "--count must be in [1, ∞), got 0"},
		{"bad range", bad(func(s *param.Spec) { s.Range = "1..2" }), "is not of the form"},
		{"no help", bad(func(s *param.Spec) { s.Help = "" }), "no name or help"},
	}
	for _, tt := range tests {
		if err := tt.table.Check(typ, "Skip"); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Check = %v; want an error containing %q", tt.name, err, tt.want)
		}
	}
	if err := table.Check(typ); err == nil || !strings.Contains(err.Error(), "field Skip of") {
		t.Errorf("Check without skipping Skip = %v", err)
	}
}

func TestDefaultsFlagsValidate(t *testing.T) {
	s := param.Defaults[settings](table)
	if want := (settings{Count: 3, Bytes: 1 << 40, Seed: 1, Name: "x", In: inner{Share: 0.5}}); s != want {
		t.Fatalf("Defaults = %+v; want %+v", s, want)
	}
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	table.AddFlags(fs, &s)
	if err := fs.Parse([]string{"--count", "5", "--bytes", "8589934592", "--seed", "7", "--name", "y", "--share", "0.25"}); err != nil {
		t.Fatal(err)
	}
	if want := (settings{Count: 5, Bytes: 8 << 30, Seed: 7, Name: "y", In: inner{Share: 0.25}}); s != want {
		t.Fatalf("after flags %+v; want %+v", s, want)
	}
	if got := table.Lookup("share").Get(&s); got != 0.25 {
		t.Errorf(`Lookup("share").Get = %v`, got)
	}
	for _, tt := range []struct {
		share float64
		count int
		want  string
	}{
		{0.25, 1, ""},
		{1, 1, ""},
		{0, 1, "--share must be in (0, 1], got 0"},
		{1.5, 1, "--share must be in (0, 1], got 1.5"},
		{0.5, 0, "--count must be in [1, ∞), got 0"},
	} {
		s.In.Share, s.Count = tt.share, tt.count
		got := ""
		if err := table.Validate(&s); err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("Validate(share %v, count %d) = %q; want %q", tt.share, tt.count, got, tt.want)
		}
	}
}

func TestTextCopy(t *testing.T) {
	s := settings{Count: -4, Bytes: -1 << 40, Seed: 1 << 63, Name: "a b", In: inner{Share: 0.1}}
	var back settings
	for _, spec := range table {
		if err := spec.SetText(&back, spec.Text(&s)); err != nil {
			t.Fatalf("%s: SetText(Text) = %v", spec.Field, err)
		}
	}
	if back != s {
		t.Errorf("through Text and SetText %+v; want %+v", back, s)
	}
	if got := table.Lookup("share").Text(&s); got != "0.1" {
		t.Errorf(`Text of 0.1 = %q`, got)
	}
	if err := table.Lookup("count").SetText(&back, "x"); err == nil {
		t.Error(`SetText("x") of an int succeeded`)
	}

	// A table of other fields under the same keys: Copy goes by key and leaves the rest.
	type other struct {
		N     int
		Share float64
		Name  string
	}
	keyed := param.Table{{Field: "N", Key: "count"}, {Field: "Share", Key: "share", Range: "[0, 0.5]"}, {Field: "Name", Key: "other"}}
	o := other{Name: "kept"}
	keyed.Copy(&o, table, &s)
	if want := (other{N: -4, Share: 0.1, Name: "kept"}); o != want {
		t.Errorf("Copy = %+v; want %+v", o, want)
	}
	if got := keyed.Keys(); !reflect.DeepEqual(got, []string{"count", "share", "other"}) {
		t.Errorf("Keys = %q", got)
	}
	if got := table.Flags(); !reflect.DeepEqual(got, []string{"count", "bytes", "seed", "name", "share"}) {
		t.Errorf("Flags = %q", got)
	}
	o.Share = 0.75
	if err := keyed.Validate(&o); err == nil || err.Error() != "share must be in [0, 0.5], got 0.75" {
		t.Errorf("Validate without a flag = %v; want the key named", err)
	}
}
