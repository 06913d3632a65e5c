package index

import (
	"encoding/binary"
	"fmt"
	"io"
)

// pageWalker checks, reading the file and not bbolt's mapping of it, that every page of the
// tree stays in the file: each page is a branch or a leaf in use and reached once, and the keys,
// values, child pages and nested buckets its elements point to lie within it. bbolt follows
// these pointers unchecked; tx.Check does so on a goroutine of its own, where a pointer out of
// the file faults beyond any recover (see guard), so CheckIntegrity walks the tree first.
type pageWalker struct {
	f        io.ReaderAt
	pageSize uint64
	pages    uint64   // the high water mark: pages 0 to pages-1 are in use or free
	seen     []uint64 // bit set of the pages reached
	bufs     [][]byte // a page buffer for each level of the tree, reused from page to page
	depth    int      // the level of the page being read
}

// page checks the page id and the pages below it. It reads the page with one call, its first
// page's size, and the rest only when the header says it overflows: on a 1 GB index of the
// 1916 articles the walk, which Open makes, was half of what dedupe check took, most of it
// in the two reads it made of every page.
func (w *pageWalker) page(id uint64) error {
	if id < 2 || id >= w.pages {
		return fmt.Errorf("%w: page %d is referenced, outside pages 2 to %d", ErrCorrupt, id, w.pages-1)
	}
	if w.seen[id/64]&(1<<(id%64)) != 0 {
		return fmt.Errorf("%w: page %d is referenced twice", ErrCorrupt, id)
	}
	w.seen[id/64] |= 1 << (id % 64)
	if w.depth == len(w.bufs) {
		w.bufs = append(w.bufs, make([]byte, w.pageSize))
	}
	p := w.bufs[w.depth][:w.pageSize]
	if _, err := w.f.ReadAt(p, int64(id*w.pageSize)); err != nil {
		return fmt.Errorf("%w: page %d: %v", ErrCorrupt, id, err)
	}
	if binary.NativeEndian.Uint64(p) != id {
		return fmt.Errorf("%w: page %d: page id differs", ErrCorrupt, id)
	}
	if overflow := uint64(binary.NativeEndian.Uint32(p[12:])); overflow > 0 {
		if id+overflow >= w.pages {
			return fmt.Errorf("%w: page %d runs %d pages past the pages in use", ErrCorrupt, id, id+overflow+1-w.pages)
		}
		p = append(p, make([]byte, overflow*w.pageSize)...)
		if _, err := w.f.ReadAt(p[w.pageSize:], int64((id+1)*w.pageSize)); err != nil {
			return fmt.Errorf("%w: page %d: %v", ErrCorrupt, id, err)
		}
		w.bufs[w.depth] = p
	}
	w.depth++
	defer func() { w.depth-- }()
	return w.elements(id, p)
}

// elements checks the elements of p, a page or an inline bucket's page read from page id, and
// the pages they reference. An element's key and value are at an offset from the element.
func (w *pageWalker) elements(id uint64, p []byte) error {
	e := binary.NativeEndian
	flags, count := e.Uint16(p[8:]), uint64(e.Uint16(p[10:]))
	if pageHeaderSize+count*elementSize > uint64(len(p)) {
		return fmt.Errorf("%w: page %d: %d elements do not fit", ErrCorrupt, id, count)
	}
	for i := range count {
		el := pageHeaderSize + i*elementSize
		var pos, ksize, vsize uint64
		switch flags {
		case branchPageFlag:
			pos, ksize = uint64(e.Uint32(p[el:])), uint64(e.Uint32(p[el+4:]))
		case leafPageFlag:
			pos, ksize, vsize = uint64(e.Uint32(p[el+4:])), uint64(e.Uint32(p[el+8:])), uint64(e.Uint32(p[el+12:]))
		default:
			return fmt.Errorf("%w: page %d is not a branch or a leaf (flags %#x)", ErrCorrupt, id, flags)
		}
		end := el + pos + ksize + vsize
		if end > uint64(len(p)) {
			return fmt.Errorf("%w: page %d: element %d overruns its page", ErrCorrupt, id, i)
		}
		var err error
		switch {
		case flags == branchPageFlag:
			err = w.page(e.Uint64(p[el+8:]))
		case e.Uint32(p[el:])&bucketLeafFlag != 0:
			err = w.bucket(id, p[el+pos+ksize:end])
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// bucket checks the nested bucket whose value v page id holds: its root page's number, or 0
// and its page inline.
func (w *pageWalker) bucket(id uint64, v []byte) error {
	const header = 16 // the root page and the sequence
	if len(v) < header {
		return fmt.Errorf("%w: page %d: bucket value of %d bytes", ErrCorrupt, id, len(v))
	}
	if root := binary.NativeEndian.Uint64(v); root != 0 {
		return w.page(root)
	}
	inline := v[header:]
	if len(inline) < pageHeaderSize || binary.NativeEndian.Uint16(inline[8:]) != leafPageFlag {
		return fmt.Errorf("%w: page %d: inline bucket is not a leaf", ErrCorrupt, id)
	}
	return w.elements(id, inline)
}
