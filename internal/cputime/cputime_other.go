//go:build !unix

package cputime

import "time"

// Process returns 0: CPU time is read on Unix only (cputime_unix.go).
func Process() time.Duration { return 0 }
