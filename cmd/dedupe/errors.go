package main

import "errors"

// errDuplicatesFound makes the command exit with exitDuplicates; it is not printed.
var errDuplicatesFound = errors.New("duplicates found")

// flagError is a command-line usage error: the only kind after which the usage hint is shown.
type flagError struct{ err error }

func (e *flagError) Error() string { return e.err.Error() }
func (e *flagError) Unwrap() error { return e.err }
