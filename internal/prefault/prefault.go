// Package prefault allocates slices whose memory is written before anything reads it.
//
// A page fresh from the kernel that a process reads before it writes is mapped to the
// kernel's shared zero page; the first write then faults a second time, copies the zero page
// and, in a process running on several processors (a Go program always is), flushes the old
// mapping from each of them by an inter-processor interrupt. Go hands out large allocations in
// such pages without writing them, since they already hold zeros, and two common patterns
// read them first: an open-addressing table probes a slot before it stores into it, and while
// the collector runs, its write barrier reads each pointer that a copy is about to overwrite.
// On the 2-core virtual machine of the chronam benchmark a page read and then written cost
// 45-60 µs of system time, one first written 10-20 µs (64 MiB touched a page at a time, fresh
// processes); in a scan of the 59,433 articles the second fault and its interrupts were about
// 4% of the CPU time (perf, cpu-clock samples in do_wp_page), most of them under the stem
// cache's and the document-frequency table's growth and the documents' final array.
//
// Make writes one byte of each page of a new slice, with the zero it already holds: one fault
// a page, the cheap kind, and nothing for the pages the runtime had written already. It is for
// large slices that are probed or copied into; a slice that is filled from its start by plain
// writes gains nothing.
package prefault

import (
	"os"
	"unsafe"
)

// pageSize is the size of the pages that Make writes one byte of.
var pageSize = uintptr(os.Getpagesize())

// Make returns make([]T, n), its n elements zero, after writing a zero byte to each page of
// its memory. It panics as make does when n is negative.
func Make[T any](n int) []T {
	s := make([]T, n)
	size := uintptr(n) * unsafe.Sizeof(*new(T))
	if size == 0 {
		return s
	}
	touch(unsafe.Pointer(unsafe.SliceData(s)), size, pageSize)
	return s
}

// touch writes a zero to the first of the size bytes at base and to the first byte of each
// later page of size page that they reach. Make passes memory that holds zeros, so that
// pointers among its fields stay nil for the collector, which may read them meanwhile.
func touch(base unsafe.Pointer, size, page uintptr) {
	for off := uintptr(0); off < size; off += page - (uintptr(base)+off)%page {
		*(*byte)(unsafe.Add(base, off)) = 0
	}
}
