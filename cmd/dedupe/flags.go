package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/dedupe-dev/dedupe/internal/archive"
	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/param"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// InputOptions are the flags that say what to read and how. They are registered with the
// detector flags (see PipelineOptions.AddFlags), on the input options of scan.Options, their
// one home.
type InputOptions input.Options

// AddFlags adds the input flags to fs, one per spec of input.Specs with o's values as their
// defaults (input.DefaultOptions); folders adds those that choose the files of folders.
func (o *InputOptions) AddFlags(fs *pflag.FlagSet, folders bool) {
	if folders {
		fs.StringSliceVar(&o.Include, "include", nil, "read only files matching `glob` (repeatable; ** matches folders)")
		fs.StringSliceVar(&o.Exclude, "exclude", nil, "skip files and folders matching `glob` (repeatable)")
	}
	input.Specs.AddFlags(fs, (*input.Options)(o))
}

// Finalize checks the input flags.
func (o *InputOptions) Finalize() error {
	return enumFlag("--input-format", o.Format, "auto", "text", "html", "jsonl", "sgml")
}

// PipelineOptions are the flags of the detector itself, shared by scan, compare, index and check,
// with the input flags.
type PipelineOptions struct {
	scan.Options
}

// The settings of scan.Specs each command uses, and so the detector flags it has: help lists
// no flag that a command would ignore. The others keep the defaults of scan.DefaultOptions.
var (
	// scanSpecs: scan uses every setting.
	scanSpecs = scan.Specs
	// compareSpecs: compare verifies two documents as they are: no corpus, no candidates.
	compareSpecs = slices.Concat(scan.Specs.Pick("Language"), verify.Specs.In("Verify"))
	// indexAddSpecs: index add analyses and signs documents with the settings an index stores,
	// and verifies nothing; it removes no boilerplate, which needs a whole corpus.
	indexAddSpecs = slices.Concat(scan.IndexSpecs, scan.Specs.Pick("Threshold", "MinWords", "Workers"))
	// checkSpecs: the settings of a check (archive.Specs), and the threshold, which index add
	// has and a check refuses when it contradicts the index's bands and rows.
	checkSpecs = slices.Concat(archive.Specs, scan.Specs.Pick("Threshold"))
)

// AddFlags adds to fs the input flags (folders: with those choosing the files of folders) and
// a detector flag for each of specs, a part of scan.Specs, with the defaults of
// scan.DefaultOptions.
func (o *PipelineOptions) AddFlags(fs *pflag.FlagSet, specs param.Table, folders bool) {
	o.Options = scan.DefaultOptions()
	(*InputOptions)(&o.Input).AddFlags(fs, folders)
	specs.AddFlags(fs, &o.Options)
}

// PathOptions are the flags of the commands that read inputs by path (scan, check, index add,
// passages): the inputs listed beside the command line's paths, and what a problem with one
// of them means.
type PathOptions struct {
	FilesFrom string // a file listing more inputs; "-": standard input
	Null      bool   // the list is NUL-separated
	Strict    bool   // a skipped input, or one read with a warning, fails the command
}

// AddFlags adds --files-from, -0 and --strict to fs.
func (o *PathOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.FilesFrom, "files-from", "", "also read the inputs listed in `file`, one a line (\"-\": standard input)")
	fs.BoolVarP(&o.Null, "null", "0", false, "the --files-from list is separated by NUL bytes (find -print0)")
	fs.BoolVar(&o.Strict, "strict", false, "exit with status 2 when any input was skipped or read with a warning (truncated, not UTF-8, a bad JSONL line), after the work is done; of the inputs only, not the strict decision of --decision")
}

// inputProblems counts the inputs a command skipped and the warnings about the inputs it
// read (see input.Document.AllWarnings), which --strict makes a failure. Warnings about the
// results (an alignment bounded on repeated text, a large cluster) are not problems of an
// input and do not count.
type inputProblems struct {
	skipped, warnings int
	read              int // documents read
	noText            int // of skipped, the records without a text field (see missingText)
	listedNoText      int // of noText, those listed one by one, not counted past a file's first 1,000
	malformed         int // of skipped, the lines that hold no JSON object (see malformedLine)
	noTextValue       int // of skipped, the records whose text field holds no text (see emptyText)
}

// add counts the problems of one item of scan.Analyze.
func (p *inputProblems) add(it scan.Item) {
	p.warnings += len(it.Warnings)
	if it.Doc != nil {
		p.read++
	}
	if it.Skip != nil {
		p.skip(it.Skip.Reason, it.Inputs())
	}
}

// skip counts n inputs skipped for reason.
func (p *inputProblems) skip(reason string, n int) {
	p.skipped += n
	switch {
	case missingText(reason):
		p.noText += n
		if strings.HasPrefix(reason, noTextField) {
			p.listedNoText += n
		}
	case malformedLine(reason):
		p.malformed += n
	case emptyText(reason):
		p.noTextValue += n
	}
}

// skipProblems returns the problems of a command that read read documents and skipped
// skipped, with warnings warnings.
func skipProblems(skipped []report.Skip, warnings, read int) inputProblems {
	p := inputProblems{warnings: warnings, read: read}
	for _, sk := range skipped {
		p.skip(sk.Reason, max(sk.Count, 1))
	}
	return p
}

// missingText reports whether a skip's reason is a JSONL record's missing text field, or the
// count of lines a file skipped past those it lists (which are all that, when the field is
// mistyped).
func missingText(reason string) bool {
	return strings.HasPrefix(reason, noTextField) || strings.Contains(reason, " more lines skipped from here on")
}

// noTextField starts the reason of a JSONL record skipped for want of a text field.
const noTextField = "no text field (tried "

// malformedLine reports whether a skip's reason is a JSONL line that holds no object to look
// for a text field in: invalid JSON (the cut last line of an export), or too long to read.
func malformedLine(reason string) bool {
	return strings.HasPrefix(reason, "invalid JSON") || reason == "not a JSON object" || strings.HasPrefix(reason, "line longer than")
}

// emptyText reports whether a skip's reason is a JSONL record whose text field holds no text:
// null, blank, or a value of another kind (see input's missingText).
func emptyText(reason string) bool {
	return strings.HasPrefix(reason, "empty text field ") ||
		strings.HasPrefix(reason, "text field ") && (strings.HasSuffix(reason, " is null") || strings.HasSuffix(reason, "not a string or an array of strings"))
}

// noDocumentError returns the error that ends a command that read no document, or nil when
// it read one. scan, passages and extract (always) fail whenever they read none: an empty
// report is no result, which a CI job with --fail-on-duplicates or a nightly one would take
// for "no duplicates", and -o's file keeps the last good one. It says how many inputs were
// skipped, and why when every input skipped but for malformed lines was a record without
// its text field (--text-field, field; "" for the defaults), one listed at least (a file's
// lines past the first 1,000 skipped are counted, not read for why), or with no text in it
// (null, blank, not a string: a scraper that failed on every page); each skip names the
// fields its record has. index add and check, which a CI job runs on what may hold no
// article yet (an empty folder makes an empty index), fail only then (!always): a mistyped
// field skips every record, and so does a file whose records name their text otherwise than
// the defaults do.
func (p inputProblems) noDocumentError(field string, always bool) error {
	if p.read > 0 {
		return nil
	}
	cause := p.textFieldCause(field)
	switch {
	case cause != "":
		cause = ": " + cause
	case !always:
		return nil
	case p.skipped == 0:
		// A typo in a path pattern or --include, or an empty folder.
		return errors.New("no document was read: no input found (check the paths and --include)")
	}
	return fmt.Errorf("no document was read%s (%s skipped)", cause, report.Count(p.skipped, "input", "inputs"))
}

// textFieldCause returns why no record had text when every input skipped but for malformed
// lines lacked the text field or held no text in it (see noDocumentError), or "".
func (p inputProblems) textFieldCause(field string) string {
	switch {
	case p.skipped == 0 || p.noText+p.malformed+p.noTextValue < p.skipped:
		return ""
	case p.noTextValue > 0:
		// Some records have the field, null or blank: naming the field would mislead.
		return "no record has text in its text field: missing, null, empty or not a string"
	case p.listedNoText == 0:
		return ""
	case field == "":
		return fmt.Sprintf("no record has a text field of the defaults (%s): name it with --text-field", strings.Join(input.DefaultTextFields, ", "))
	}
	return fmt.Sprintf("no record has --text-field %q", field)
}

// strictError returns the error that ends a command with --strict after problems p, or nil
// when there were none or --strict is not set. The command has done its work and written its
// report first: the error only sets the exit status and says why.
func (o *PathOptions) strictError(p inputProblems) error {
	if !o.Strict || p.skipped+p.warnings == 0 {
		return nil
	}
	return fmt.Errorf("--strict: %s skipped and %s", report.Count(p.skipped, "input", "inputs"),
		report.Count(p.warnings, "warning", "warnings"))
}

// args checks the command line's paths against the flags: cobra's Args for the commands
// that read inputs.
func (o *PathOptions) args(_ *cobra.Command, args []string) error {
	switch {
	case len(args) == 0 && o.FilesFrom == "":
		return &flagError{errors.New("no input: name files or folders, or --files-from a list")}
	case o.Null && o.FilesFrom == "":
		return &flagError{errors.New("-0 goes with --files-from")}
	case o.FilesFrom == "-" && slices.Contains(args, "-"):
		return &flagError{errors.New(`--files-from - reads the list from standard input, which "-" cannot read as well`)}
	}
	return nil
}

// paths returns args followed by the inputs listed in FilesFrom, read from stdin for "-". It
// is the opening of every command that reads paths, so it first checks the files the command
// will write, given as pairs of flag and file (checkOutputs), and that reading the paths with
// in does not read one of them (notInputs): before any input is read.
func (o *PathOptions) paths(args []string, stdin io.Reader, in input.Options, flagFiles ...string) ([]string, error) {
	if err := checkOutputs(flagFiles...); err != nil {
		return nil, err
	}
	if err := distinctFiles(slices.Concat(flagFiles, []string{"--files-from", o.FilesFrom})...); err != nil {
		return nil, err
	}
	paths, err := o.listed(args, stdin)
	if err != nil {
		return nil, err
	}
	// A name that is no file fails the read, but here, before any input is read: the read
	// failed when it reached the name, so that a typo in the last argument cost a pass over
	// the others, and left index add with the batches it had committed.
	for i, p := range paths {
		if !missing(p) {
			continue
		}
		if i >= len(args) {
			return nil, fmt.Errorf("--files-from %q lists %q: no such file or directory", o.FilesFrom, p)
		}
		return nil, fmt.Errorf("open %q: no such file or directory", p)
	}
	return paths, notInputs(paths, in, flagFiles...)
}

// missing reports whether the input name names nothing: no file has it, nor is it a record's
// name ("file.jsonl#a0", which extract takes) whose file exists. Standard input, "-" and its
// records "-#a0", is never missing; nor is a name that cannot be looked up (permission
// denied), which the read skips, saying why.
func missing(name string) bool {
	if name == "-" || strings.HasPrefix(name, "-#") {
		return false
	}
	_, err := os.Stat(name)
	return errors.Is(err, fs.ErrNotExist) && input.FileOf(name) == ""
}

// notInputs returns an error, naming the flag, for the first file of flagFiles (pairs of flag
// and file) that reading paths with in reads: writing the report over an input (-o with the
// file scanned, or a file in the folder scanned) would destroy it.
func notInputs(paths []string, in input.Options, flagFiles ...string) error {
	for i := 0; i+1 < len(flagFiles); i += 2 {
		if f := flagFiles[i+1]; f != "" && f != "-" && input.Reads(paths, in, f) {
			return &flagError{fmt.Errorf("%s %q is one of the inputs: writing it would destroy it", flagFiles[i], f)}
		}
	}
	return nil
}

// listed returns args followed by the inputs listed in FilesFrom.
func (o *PathOptions) listed(args []string, stdin io.Reader) ([]string, error) {
	if o.FilesFrom == "" {
		return args, nil
	}
	r := stdin
	if o.FilesFrom != "-" {
		f, err := os.Open(o.FilesFrom)
		if err != nil {
			return nil, fmt.Errorf("--files-from: open %q: %w", o.FilesFrom, pathErr(err))
		}
		defer f.Close()
		r = f
	}
	list, err := input.ReadList(r, o.Null)
	if err != nil {
		return nil, fmt.Errorf("--files-from %q: %w", o.FilesFrom, err)
	}
	return slices.Concat(args, list), nil
}

// Finalize checks the input and detector flags.
func (o *PipelineOptions) Finalize() error {
	if err := (*InputOptions)(&o.Input).Finalize(); err != nil {
		return err
	}
	if !normalize.IsLanguage(o.Language) {
		return &flagError{fmt.Errorf("invalid --lang %q: valid languages are %s, %s", o.Language, normalize.Auto, strings.Join(normalize.Languages(), ", "))}
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
