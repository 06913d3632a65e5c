// Package param describes a group of settings once, as a table of [Spec]s, and derives from it
// what every consumer of the settings needs: defaults, command-line flags, range checks and the
// values recorded with a result.
//
// The package that owns a group of settings (package verify for the verifier's thresholds,
// package scan for the scan's) keeps its table beside the struct that holds them. A Spec names
// its struct field, so adding a setting is adding a field and a row: flags, the JSON params,
// reports and docs follow from the row. [Table.Check] reports a field without a row or a row
// without a field; the owners' tests call it.
//
// Tables are read by reflection over the settings struct. Fields must be of type int, int64,
// uint64, float64 or string.
package param

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Spec describes one setting.
type Spec struct {
	Field   string // Go field of the settings struct; a dotted path into nested structs: "Verify.MinScore"
	Flag    string // command-line flag, without the dashes
	Key     string // key in the recorded params (JSON, index); empty: not recorded
	Name    string // what it is, for people: report rows and docs
	Default any    // default value, of the field's type
	// Range is the valid values in interval notation, "[0, 1]", "(0, 1]" or "[1, ∞)"; empty
	// for strings and for settings checked only by their owner's code.
	Range string
	Help  string // flag usage; a `word` in back quotes names the value
}

// Table is a group of settings, in the order they are recorded and documented.
type Table []Spec

// FlagSet is what a table needs of a flag set; both *flag.FlagSet and *pflag.FlagSet have it.
type FlagSet interface {
	IntVar(p *int, name string, value int, usage string)
	Int64Var(p *int64, name string, value int64, usage string)
	Uint64Var(p *uint64, name string, value uint64, usage string)
	Float64Var(p *float64, name string, value float64, usage string)
	StringVar(p *string, name string, value string, usage string)
}

// field returns the field of the struct that ptr points to named by path, addressable.
// It panics when the path names no field: tables are checked by their owners' tests.
func field(ptr any, path string) reflect.Value {
	v := reflect.ValueOf(ptr).Elem()
	for name := range strings.SplitSeq(path, ".") {
		v = v.FieldByName(name)
		if !v.IsValid() {
			panic(fmt.Sprintf("param: %T has no field %q", ptr, path))
		}
	}
	return v
}

// Get returns the value of s's field in the struct that ptr points to.
func (s *Spec) Get(ptr any) any { return field(ptr, s.Field).Interface() }

// Text returns the value of s's field in the struct that ptr points to as text: integers in
// decimal, floats in the shortest form that parses back to the same value ('g'), strings as
// they are.
func (s *Spec) Text(ptr any) string {
	switch v := s.Get(ptr).(type) {
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case uint64:
		return strconv.FormatUint(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case string:
		return v
	default:
		panic(fmt.Sprintf("param: field %q of %T has unsupported type %T", s.Field, ptr, v))
	}
}

// SetText sets s's field in the struct that ptr points to to the value that text, as Text
// writes it, holds.
func (s *Spec) SetText(ptr any, text string) error {
	v := field(ptr, s.Field)
	var err error
	switch v.Kind() {
	case reflect.Int:
		var x int
		x, err = strconv.Atoi(text)
		v.SetInt(int64(x))
	case reflect.Int64:
		var x int64
		x, err = strconv.ParseInt(text, 10, 64)
		v.SetInt(x)
	case reflect.Uint64:
		var x uint64
		x, err = strconv.ParseUint(text, 10, 64)
		v.SetUint(x)
	case reflect.Float64:
		var x float64
		x, err = strconv.ParseFloat(text, 64)
		v.SetFloat(x)
	case reflect.String:
		v.SetString(text)
	default:
		panic(fmt.Sprintf("param: field %q of %T has unsupported type %v", s.Field, ptr, v.Type()))
	}
	return err
}

// Pick returns the specs of t whose fields are among fields, in t's order.
func (t Table) Pick(fields ...string) Table {
	return slices.DeleteFunc(slices.Clone(t), func(s Spec) bool { return !slices.Contains(fields, s.Field) })
}

// Omit returns the specs of t whose fields are not among fields, in t's order.
func (t Table) Omit(fields ...string) Table {
	return slices.DeleteFunc(slices.Clone(t), func(s Spec) bool { return slices.Contains(fields, s.Field) })
}

// In returns t for a struct that holds t's struct in its field named outer: every Field is
// prefixed with outer and a dot.
func (t Table) In(outer string) Table {
	out := slices.Clone(t)
	for i := range out {
		out[i].Field = outer + "." + out[i].Field
	}
	return out
}

// Lookup returns the spec recorded under key, or nil.
func (t Table) Lookup(key string) *Spec {
	for i := range t {
		if t[i].Key == key {
			return &t[i]
		}
	}
	return nil
}

// Flags returns the flags of t's specs, in order.
func (t Table) Flags() []string {
	flags := make([]string, len(t))
	for i, s := range t {
		flags[i] = s.Flag
	}
	return flags
}

// Keys returns the keys of t's specs, in order.
func (t Table) Keys() []string {
	keys := make([]string, len(t))
	for i, s := range t {
		keys[i] = s.Key
	}
	return keys
}

// Copy sets every field of t in the struct that dst points to to the value of the field that
// src records under the same key in the struct that srcPtr points to; fields whose key src
// does not record are left alone. It panics when the two fields are of different types.
func (t Table) Copy(dst any, src Table, srcPtr any) {
	for _, s := range t {
		if from := src.Lookup(s.Key); s.Key != "" && from != nil {
			field(dst, s.Field).Set(field(srcPtr, from.Field))
		}
	}
}

// SetDefaults sets every field of t in the struct that ptr points to to its default.
func (t Table) SetDefaults(ptr any) {
	for _, s := range t {
		field(ptr, s.Field).Set(reflect.ValueOf(s.Default))
	}
}

// Defaults returns a T (a struct the specs of tables describe) with every field of tables set
// to its default and the others zero: the defaults of the owner of the tables, such as a
// command's own table and, in its field, the table of a group of settings it holds.
func Defaults[T any](tables ...Table) T {
	var v T
	for _, t := range tables {
		t.SetDefaults(&v)
	}
	return v
}

// AddFlags adds a flag for every spec of t to fs, bound to its field in the struct that ptr
// points to, with the field's current value as the flag's default.
func (t Table) AddFlags(fs FlagSet, ptr any) {
	for _, s := range t {
		switch p := field(ptr, s.Field).Addr().Interface().(type) {
		case *int:
			fs.IntVar(p, s.Flag, *p, s.Help)
		case *int64:
			fs.Int64Var(p, s.Flag, *p, s.Help)
		case *uint64:
			fs.Uint64Var(p, s.Flag, *p, s.Help)
		case *float64:
			fs.Float64Var(p, s.Flag, *p, s.Help)
		case *string:
			fs.StringVar(p, s.Flag, *p, s.Help)
		default:
			panic(fmt.Sprintf("param: field %q of %T has unsupported type %T", s.Field, ptr, p))
		}
	}
}

// Validate returns an error naming the first setting of the struct that ptr points to that is
// outside its spec's Range, by its flag, "--min-score must be in [0, 1], got 1.5", or by
// its key when it has no flag.
func (t Table) Validate(ptr any) error {
	for _, s := range t {
		if s.Range == "" {
			continue
		}
		r, err := parseRange(s.Range)
		if err != nil {
			return fmt.Errorf("param %q: %w", s.Field, err)
		}
		v := field(ptr, s.Field)
		var x float64
		switch v.Kind() {
		case reflect.Int, reflect.Int64:
			x = float64(v.Int())
		case reflect.Uint64:
			x = float64(v.Uint())
		case reflect.Float64:
			x = v.Float()
		}
		if !r.contains(x) {
			name := "--" + s.Flag
			if s.Flag == "" {
				name = s.Key
			}
			return fmt.Errorf("%s must be in %s, got %v", name, s.Range, v.Interface())
		}
	}
	return nil
}

// interval is a parsed Range.
type interval struct {
	lo, hi         float64
	loOpen, hiOpen bool
}

func (r interval) contains(x float64) bool {
	return (x > r.lo || (!r.loOpen && x == r.lo)) && (x < r.hi || (!r.hiOpen && x == r.hi))
}

// parseRange parses interval notation: "[0, 1]", "(0, 1]", "[1, ∞)".
func parseRange(s string) (interval, error) {
	bad := fmt.Errorf("range %q is not of the form [a, b], (a, b], [a, ∞)", s)
	if len(s) < 2 || !strings.ContainsRune("[(", rune(s[0])) || !strings.ContainsRune("])", rune(s[len(s)-1])) {
		return interval{}, bad
	}
	lo, hi, ok := strings.Cut(s[1:len(s)-1], ", ")
	if !ok {
		return interval{}, bad
	}
	bound := func(b string) (float64, error) {
		switch b {
		case "∞":
			return math.Inf(1), nil
		case "-∞":
			return math.Inf(-1), nil
		}
		return strconv.ParseFloat(b, 64)
	}
	r := interval{loOpen: s[0] == '(', hiOpen: s[len(s)-1] == ')'}
	var err1, err2 error
	r.lo, err1 = bound(lo)
	r.hi, err2 = bound(hi)
	if err1 != nil || err2 != nil || r.lo > r.hi {
		return interval{}, bad
	}
	return r, nil
}

// Check reports the first inconsistency between t and the settings struct typ: a field of typ
// with no spec (fields named in skip, and the struct fields holding them, are not settings), a
// spec with no field or of an unsupported type, a flag or key used twice, a default that is
// not of the field's type or outside the range, a range that does not parse, or a spec without
// a name or help. Tests of the package that owns a table call it.
func (t Table) Check(typ reflect.Type, skip ...string) error {
	byField := make(map[string]bool, len(t))
	flags, keys := map[string]bool{}, map[string]bool{}
	zero := reflect.New(typ).Interface()
	for _, s := range t {
		f, ok := lookupField(typ, s.Field)
		switch {
		case !ok:
			return fmt.Errorf("spec %q: %v has no such field", s.Field, typ)
		case !slices.Contains([]reflect.Kind{reflect.Int, reflect.Int64, reflect.Uint64, reflect.Float64, reflect.String}, f.Type.Kind()):
			return fmt.Errorf("spec %q: field of unsupported type %v", s.Field, f.Type)
		case byField[s.Field]:
			return fmt.Errorf("spec %q: field listed twice", s.Field)
		case s.Flag == "" || flags[s.Flag]:
			return fmt.Errorf("spec %q: flag %q empty or used twice", s.Field, s.Flag)
		case s.Key != "" && keys[s.Key]:
			return fmt.Errorf("spec %q: key %q used twice", s.Field, s.Key)
		case s.Name == "" || s.Help == "":
			return fmt.Errorf("spec %q: no name or help", s.Field)
		case reflect.TypeOf(s.Default) != f.Type:
			return fmt.Errorf("spec %q: default %#v is not of the field's type %v", s.Field, s.Default, f.Type)
		}
		byField[s.Field], flags[s.Flag], keys[s.Key] = true, true, s.Key != ""
	}
	t.SetDefaults(zero)
	if err := t.Validate(zero); err != nil {
		return fmt.Errorf("a default is out of range: %w", err)
	}
	var walk func(st reflect.Type, prefix string) error
	walk = func(st reflect.Type, prefix string) error {
		for i := range st.NumField() {
			f := st.Field(i)
			path := prefix + f.Name
			switch {
			case !f.IsExported() || slices.Contains(skip, path):
			case f.Type.Kind() == reflect.Struct:
				if err := walk(f.Type, path+"."); err != nil {
					return err
				}
			case !byField[path]:
				return fmt.Errorf("field %s of %v has no spec", path, typ)
			}
		}
		return nil
	}
	return walk(typ, "")
}

// lookupField returns the field of typ named by a dotted path.
func lookupField(typ reflect.Type, path string) (reflect.StructField, bool) {
	var f reflect.StructField
	for name := range strings.SplitSeq(path, ".") {
		if typ.Kind() != reflect.Struct {
			return f, false
		}
		var ok bool
		if f, ok = typ.FieldByName(name); !ok {
			return f, false
		}
		typ = f.Type
	}
	return f, true
}

// Markdown returns the table as the rows of a Markdown table, its header first: each setting's
// name, flag, JSON key ("(not recorded)" without one), default, range and flag help. The
// parameter tables of the docs are generated from it.
func (t Table) Markdown() string {
	var b strings.Builder
	b.WriteString("| Setting | Flag | JSON key | Default | Range | Flag help |\n|---------|------|----------|---------|-------|-----------|\n")
	for _, s := range t {
		key := "(not recorded)"
		if s.Key != "" {
			key = "`" + s.Key + "`"
		}
		fmt.Fprintf(&b, "| %s | `--%s` | %s | %v | %s | %s |\n", s.Name, s.Flag, key, s.Default, s.Range, s.Help)
	}
	return b.String()
}
