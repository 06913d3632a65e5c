package index

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Errors returned when opening an index.
var (
	// ErrLocked is returned, wrapped, when another process holds the index's lock for longer
	// than Options.LockTimeout: a writer excludes every other opener, readers exclude writers.
	// The message reads "index "f" is locked by another process".
	ErrLocked = errors.New("locked")

	// ErrNotIndex is returned, wrapped, for a file that is not a dedupe index: not a bbolt
	// database, or a bbolt database without dedupe's meta bucket.
	ErrNotIndex = errors.New("not a dedupe index")

	// ErrEmpty is returned, wrapped, by Open for a file of 0 bytes, as mktemp makes: Create
	// makes it a new index. The message reads "index "f" is an empty file".
	ErrEmpty = errors.New("an empty file")
)

// Errors returned by reads and writes.
var (
	// ErrNotFound is returned, wrapped with the path, by Lookup and Remove for a path that is
	// not in the index.
	ErrNotFound = errors.New("not in the index")

	// ErrReadOnly is returned by Add and Remove on an index opened with Options.ReadOnly.
	ErrReadOnly = errors.New("index opened read-only")

	// ErrCorrupt is returned, wrapped with what is wrong, when stored data cannot be decoded or
	// contradicts the rest of the index: a record that does not decode, a path or band entry
	// naming a missing document, a missing meta entry, a file shorter than its pages, a page
	// bbolt cannot read. The message names the file: index "f": corrupt index: what.
	ErrCorrupt = errors.New("corrupt index")
)

// ParamError reports an index whose parameters differ from those asked for, or whose values
// were computed by code that differs from the running one (the normaliser version and the hash
// functions). Its documents' band keys could not be compared with new ones, so the index cannot
// be used with these settings.
type ParamError struct {
	Path  string // the index file
	Param string // the meta key, as in docs/format.md: "language", "num_perm", "normalizer_version" ...
	Index string // the value stored in the index
	Want  string // the value asked for, or the running code's
	// Code reports that the value identifies the code that built the index (Want is the
	// running code's): no flag can make this dedupe use it, and the message says to rebuild
	// it. A new normaliser version makes every index of an older one such.
	Code bool
}

func (e *ParamError) Error() string {
	msg := fmt.Sprintf("index %q was built with %s %s, not %s", e.Path, e.Param, e.Index, e.Want)
	if e.Code && e.Param == "normalizer_version" && e.newer() {
		// A rollback, or two versions sharing a CI cache: deleting the index would throw
		// away what the newer dedupe built.
		return msg + ": a newer dedupe built it; use that one, or delete the file and add the archive again with this one"
	}
	if e.Code {
		msg += ": " + Rebuild
	}
	return msg
}

// newer reports whether the index's value, a version number, is above the running code's.
func (e *ParamError) newer() bool {
	have, err1 := strconv.Atoi(e.Index)
	want, err2 := strconv.Atoi(strings.TrimSuffix(e.Want, " (this dedupe)"))
	return err1 == nil && err2 == nil && have > want
}
