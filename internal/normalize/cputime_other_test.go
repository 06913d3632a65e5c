//go:build !unix

package normalize_test

import "time"

// processCPU returns 0: CPU time is read on Unix only (cputime_unix_test.go).
func processCPU() time.Duration { return 0 }
