package input

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
)

// Lookup reads the one document that [Read] gives the name name, as scan prints it: a file
// ("story.txt"), standard input ("-"), or a JSONL record ("archive.jsonl#a0",
// "archive.jsonl.gz#L12", "-#a0" for records on standard input, and names with "~2"
// appended). A name that is an existing file is that file, whatever it holds; otherwise the
// file part of a record's name is the longest part before a "#" that is an existing file
// (ids may hold "#" too), and the record is found by reading that file as Read does, so that
// an id, "L<line>" and "~2" mean what they mean in Read's output.
//
// The error names name: it does not exist, no record of the file has the name, the input was
// skipped (with Read's reason), or a file or stdin holds several documents and must be named
// with a record's id. Errors Read returns (cancellation, invalid options) are returned as
// they are.
//
// A name as Read prints it, with the escapes of [EscapeName] ("bad\xffname.txt"), is taken
// back to the file's raw name when no file has the name as given.
func Lookup(ctx context.Context, name string, stdin io.Reader, opts Options) (Document, error) {
	d, err := lookupName(ctx, name, stdin, opts)
	if raw := UnescapeName(name); raw != name && errors.Is(err, fs.ErrNotExist) {
		if d, rerr := lookupName(ctx, raw, stdin, opts); !errors.Is(rerr, fs.ErrNotExist) {
			return d, rerr
		}
	}
	return d, err
}

// lookupName is Lookup for the name as given.
func lookupName(ctx context.Context, name string, stdin io.Reader, opts Options) (Document, error) {
	_, statErr := os.Stat(name)
	if name == "-" || statErr == nil {
		return lookupAll(ctx, name, stdin, opts)
	}
	if file, ok := recordFile(name); ok {
		want := EscapeName(CleanName(file) + name[len(file):])
		if file == "-" {
			want = EscapeName(name)
		}
		return lookupRecord(ctx, file, want, name, name[len(file)+1:], stdin, opts)
	}
	// The system's words, as a scan of the missing file says: `open "x": no such file or
	// directory` (a syscall.Errno, which matches fs.ErrNotExist), not fs.ErrNotExist's "file
	// does not exist".
	var pe *fs.PathError
	if errors.As(statErr, &pe) {
		statErr = pe.Err
	}
	return Document{}, fmt.Errorf("open %q: %w", name, statErr)
}

// recordFile returns the file part of name read as a record's name: the longest part before
// a "#" that is an existing file, or "-" for a record on standard input; false when none is.
func recordFile(name string) (string, bool) {
	for i := len(name) - 1; i > 0; i-- {
		if name[i] != '#' {
			continue
		}
		file := name[:i]
		if fi, err := os.Stat(file); file == "-" || err == nil && !fi.IsDir() {
			return file, true
		}
	}
	return "", false
}

// FileOf returns the file that [Lookup] reads for name: name itself when a file has it, else
// the file part of a record's name, taking the name back from the escapes of [EscapeName] when
// no file has it as given; "" for standard input and for a name that no file matches. A
// command that writes a file checks it is none of those it looks documents up in.
func FileOf(name string) string {
	for _, n := range []string{name, UnescapeName(name)} {
		if _, err := os.Stat(n); n != "-" && err == nil {
			return n
		}
		if file, ok := recordFile(n); ok && file != "-" {
			return file
		}
	}
	return ""
}

// lookupAll reads path, which must give one document.
func lookupAll(ctx context.Context, path string, stdin io.Reader, opts Options) (Document, error) {
	var docs []Document
	var skips []Skip
	err := Read(ctx, []string{path}, stdin, opts,
		func(d Document) error { docs = append(docs, d); return nil },
		func(s Skip) error { skips = append(skips, s); return nil })
	switch {
	case err != nil:
		return Document{}, err
	case len(docs) == 1:
		return docs[0], nil
	case len(docs) > 1:
		return Document{}, fmt.Errorf("%q holds %d documents: name one as %q, as scan does", path, len(docs), docs[0].Path)
	case len(skips) > 0:
		return Document{}, fmt.Errorf("%q: %s", path, skips[0].Reason)
	}
	return Document{}, fmt.Errorf("%q: no document", path)
}

// errFound stops the reading of a file once the record looked up is found.
var errFound = errors.New("found")

// lookupRecord reads the record of file that Read names want; name is what the user gave,
// id its part after file and "#".
func lookupRecord(ctx context.Context, file, want, name, id string, stdin io.Reader, opts Options) (Document, error) {
	var found *Document
	var skipped *Skip
	var lines []Skip // the records skipped, unnamed: the one wanted may be among them
	err := Read(ctx, []string{file}, stdin, opts,
		func(d Document) error {
			if d.Path != want {
				return nil
			}
			found = &d
			return errFound
		},
		func(s Skip) error {
			switch {
			case s.Path == want || s.Path == EscapeName(CleanName(file)) && s.Line == 0:
				skipped = &s
			case s.Line > 0:
				lines = append(lines, s)
			}
			return nil
		})
	switch {
	case found != nil:
		return *found, nil
	case err != nil:
		return Document{}, err
	case skipped != nil:
		return Document{}, fmt.Errorf("%q: %s", name, skipped.Reason)
	}
	msg := fmt.Sprintf("%q: no record named %q in %q", name, id, file)
	if file == "-" && opts.Format != FormatJSONL && opts.Format != FormatSGML {
		// Standard input has no extension to tell its format by: it was one text.
		msg += ": standard input is read as one text unless it starts with \"{\" or --input-format says jsonl or sgml"
	}
	if len(lines) > 0 {
		// A record skipped for want of text has no name yet: say which were, so that a
		// record that is there but unreadable is not taken for a missing one.
		var each []string
		for _, l := range lines[:min(len(lines), 3)] {
			each = append(each, fmt.Sprintf("line %d: %s", l.Line, l.Reason))
		}
		more := -len(each)
		for _, l := range lines {
			more += max(l.Count, 1) // the lines past those a file lists are one entry
		}
		if more > 0 {
			each = append(each, fmt.Sprintf("%d more", more))
		}
		msg += fmt.Sprintf(", unless it is a record of it that was skipped (%s)", strings.Join(each, "; "))
	}
	return Document{}, errors.New(msg)
}
