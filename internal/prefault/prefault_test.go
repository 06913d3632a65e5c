package prefault

import (
	"testing"
	"unsafe"
)

// TestMake checks that Make returns zeroed slices of the length asked for, for element
// types with and without pointers and for sizes around the page size.
func TestMake(t *testing.T) {
	type withPointer struct {
		p *int
		n [37]byte
	}
	for _, n := range []int{0, 1, 7, int(pageSize) - 1, int(pageSize), int(pageSize) + 1, 5 * int(pageSize)} {
		b := Make[byte](n)
		if len(b) != n || cap(b) != n {
			t.Fatalf("Make[byte](%d): len %d, cap %d", n, len(b), cap(b))
		}
		for i, c := range b {
			if c != 0 {
				t.Fatalf("Make[byte](%d)[%d] = %d; want 0", n, i, c)
			}
		}
		w := Make[withPointer](n)
		if len(w) != n {
			t.Fatalf("Make[withPointer](%d): len %d", n, len(w))
		}
		for i := range w {
			if w[i] != (withPointer{}) {
				t.Fatalf("Make[withPointer](%d)[%d] is not zero", n, i)
			}
		}
	}
}

// TestTouch checks that touch writes one byte in every page of the range, the first of the
// range or of the page, and nothing outside it, wherever the range starts within a page.
func TestTouch(t *testing.T) {
	const page = 64
	buf := make([]byte, 8*page)
	base := uintptr(unsafe.Pointer(&buf[0]))
	first := int((page - base%page) % page) // the first index of buf that starts a page
	for _, start := range []int{first, first + 1, first + 8, first + page - 1} {
		for _, size := range []int{1, 8, page - 1, page, page + 1, 3*page + 5} {
			for i := range buf {
				buf[i] = 0xff
			}
			touch(unsafe.Pointer(&buf[start]), uintptr(size), page)
			for i, c := range buf {
				inside := start <= i && i < start+size
				want := byte(0xff)
				if inside && (i == start || (base+uintptr(i))%page == 0) {
					want = 0
				}
				if c != want {
					t.Fatalf("start %d, size %d: buf[%d] = %#x; want %#x (inside %v)", start-first, size, i, c, want, inside)
				}
			}
		}
	}
}
