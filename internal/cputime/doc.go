// Package cputime reads the CPU time the process has used, for benchmarks that report it
// beside the wall time: on a shared machine another job's load stretches the wall time of a
// run far more than its CPU time.
package cputime
