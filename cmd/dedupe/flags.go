package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/scan"
)

// InputOptions are the flags that say what to read and how. They are registered with the
// detector flags (see PipelineOptions.AddFlags), on the input options of scan.Options, their
// one home.
type InputOptions input.Options

// AddFlags adds the input flags to fs.
func (o *InputOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringSliceVar(&o.Include, "include", nil, "read only files matching `glob` (repeatable; ** matches folders)")
	fs.StringSliceVar(&o.Exclude, "exclude", nil, "skip files and folders matching `glob` (repeatable)")
	fs.StringVar(&o.Format, "input-format", "auto", "read inputs as `format`: auto, text, html or jsonl")
	fs.StringVar(&o.IDField, "id-field", "", "JSONL `field` holding the article id (default id, then url)")
	fs.StringVar(&o.TextField, "text-field", "", "JSONL `field` holding the text (default text, content, body, article)")
	fs.StringVar(&o.DateField, "date-field", "", "JSONL `field` holding the date (default date, published, published_at, pubDate)")
	fs.StringVar(&o.TitleField, "title-field", "", "JSONL `field` holding the title (default title, headline)")
	fs.Int64Var(&o.MaxBytes, "max-bytes", 16<<20, "truncate documents longer than `n` bytes, with a warning (0: no limit)")
	fs.IntVar(&o.MaxLineBytes, "max-line-bytes", 64<<20, "skip JSONL lines longer than `n` bytes, naming the line")
	fs.Int64Var(&o.MaxFileBytes, "max-file-bytes", 4<<30, "read at most `n` bytes of a file after gunzip, naming the file (0: no limit)")
	fs.IntVar(&o.MaxLines, "max-lines", 10_000_000, "read at most `n` lines of a JSONL file, naming the file (0: no limit)")
}

// Finalize checks the input flags.
func (o *InputOptions) Finalize() error {
	return enumFlag("--input-format", o.Format, "auto", "text", "html", "jsonl")
}

// PipelineOptions are the flags of the detector itself, shared by scan, compare, index and check,
// with the input flags.
type PipelineOptions struct {
	scan.Options
}

// AddFlags adds the input flags and the detector flags, one per spec of scan.Specs, to fs,
// with the defaults of scan.DefaultOptions.
func (o *PipelineOptions) AddFlags(fs *pflag.FlagSet) {
	o.Options = scan.DefaultOptions()
	(*InputOptions)(&o.Input).AddFlags(fs)
	scan.Specs.AddFlags(fs, &o.Options)
}

// Finalize checks the input and detector flags.
func (o *PipelineOptions) Finalize() error {
	if err := (*InputOptions)(&o.Input).Finalize(); err != nil {
		return err
	}
	if !slices.Contains(normalize.Languages(), o.Language) {
		return &flagError{fmt.Errorf("invalid --lang %q: valid languages are %s", o.Language, strings.Join(normalize.Languages(), ", "))}
	}
	if err := o.Options.Validate(); err != nil {
		return &flagError{err}
	}
	return nil
}

// enumFlag checks that value is one of valid, naming them in the error.
func enumFlag(name, value string, valid ...string) error {
	if slices.Contains(valid, value) {
		return nil
	}
	return &flagError{fmt.Errorf("invalid %s %q: valid values are %s", name, value, strings.Join(valid, ", "))}
}
