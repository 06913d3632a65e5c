package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"runtime/debug"

	bolt "go.etcd.io/bbolt"
)

// bbolt's file layout (go.etcd.io/bbolt/internal/common, which cannot be imported): every page
// starts with a header of its id, flags, element count and overflow; pages 0 and 1 hold a meta
// each, the newer (by transaction id) of the valid ones being in use. Fields are in the byte
// order of the machine that wrote the file, which bbolt requires to be this one's.
const (
	boltMagic        = 0xED0CDAED
	boltVersion      = 2
	pageHeaderSize   = 16 // id uint64, flags uint16, count uint16, overflow uint32
	metaSize         = 64 // magic, version, page size, flags, root, sequence, freelist, pgid, txid, checksum
	metaSummed       = 56 // the checksum covers the meta up to itself
	freelistPageFlag = 0x10
	branchPageFlag   = 0x01
	leafPageFlag     = 0x02
	bucketLeafFlag   = 0x01 // a leaf element whose value is a bucket
	elementSize      = 16   // of a branch or leaf element
	noFreelist       = ^uint64(0)
)

// boltMeta is a decoded meta page.
type boltMeta struct {
	magic, version, pageSize uint32
	root, freelist, pgid     uint64 // pgid is the high water mark: the pages in use
	txid, checksum, sum      uint64
}

// valid reports whether m is a meta bbolt would use.
func (m *boltMeta) valid() bool {
	return m.magic == boltMagic && m.version == boltVersion && m.checksum == m.sum
}

// readMeta decodes the meta of the page at offset off of f, or returns false when the file
// ends before it.
func readMeta(f io.ReaderAt, off int64) (boltMeta, bool) {
	var b [pageHeaderSize + metaSize]byte
	if _, err := f.ReadAt(b[:], off); err != nil {
		return boltMeta{}, false
	}
	m := b[pageHeaderSize:]
	e := binary.NativeEndian
	h := fnv.New64a()
	h.Write(m[:metaSummed])
	return boltMeta{
		magic: e.Uint32(m), version: e.Uint32(m[4:]), pageSize: e.Uint32(m[8:]),
		root: e.Uint64(m[16:]), freelist: e.Uint64(m[32:]), pgid: e.Uint64(m[40:]),
		txid: e.Uint64(m[48:]), checksum: e.Uint64(m[56:]), sum: h.Sum64(),
	}, true
}

// checkFile checks what bbolt trusts without checking before it maps the file: bbolt reads any
// page a meta or a branch names straight from the mapping, and a page past the end of the file
// faults, which kills the process (issue 19: a half-truncated index did). So the meta in use
// must be valid, and the file must hold all its pages; the freelist, which bbolt reads when it
// opens a file for writing and panics on when damaged, must be a freelist naming pages in use;
// and every page of the tree must be reached once and lie in the file (see pageWalker), since
// bbolt follows a branch or a bucket that names its own page or an ancestor's forever, beyond
// any recover. It reads the file only, in time proportional to its size. It returns ErrNotIndex
// for a file without bbolt's meta pages and an error wrapping ErrCorrupt for a damaged one.
func checkFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	size := fi.Size()
	m, err := currentMeta(f, size)
	if err != nil {
		return err
	}
	ps := uint64(m.pageSize)
	switch {
	case uint64(size)%ps != 0:
		return fmt.Errorf("%w: size %d is not a multiple of the page size %d: truncated?", ErrCorrupt, size, ps)
	case m.pgid > uint64(size)/ps:
		return fmt.Errorf("%w: truncated: %d bytes, but its %d pages of %d bytes need %d", ErrCorrupt, size, m.pgid, ps, m.pgid*ps)
	case m.root < 2 || m.root >= m.pgid:
		return fmt.Errorf("%w: root page %d outside pages 2 to %d", ErrCorrupt, m.root, m.pgid-1)
	}
	if flags, _, _, err := pageHeader(f, m.root, ps); err != nil || flags != branchPageFlag && flags != leafPageFlag {
		return fmt.Errorf("%w: root page %d is not a branch or a leaf", ErrCorrupt, m.root)
	}
	if m.freelist != noFreelist {
		if err := checkFreelist(f, m); err != nil {
			return err
		}
	}
	w := pageWalker{f: f, pageSize: ps, pages: m.pgid, seen: make([]uint64, (m.pgid+63)/64)}
	return w.page(m.root)
}

// currentMeta returns the meta bbolt would use: the valid one of the two with the higher
// transaction id. Like bbolt, it finds the second meta page at the page size the first names,
// or else at every page size bbolt supports.
func currentMeta(f io.ReaderAt, size int64) (boltMeta, error) {
	m0, _ := readMeta(f, 0)
	offsets := []int64{int64(m0.pageSize)}
	if !m0.valid() {
		offsets = offsets[:0]
		for i := range 15 {
			offsets = append(offsets, 1024<<i)
		}
	}
	m1, magic := boltMeta{}, m0.magic == boltMagic
	for _, off := range offsets {
		if m, ok := readMeta(f, off); ok {
			magic = magic || m.magic == boltMagic
			if m.valid() && int64(m.pageSize) == off {
				m1 = m
				break
			}
		}
	}
	switch {
	case !m0.valid() && !m1.valid() && !magic:
		return boltMeta{}, ErrNotIndex
	case !m0.valid() && !m1.valid():
		return boltMeta{}, fmt.Errorf("%w: both meta pages are damaged (%d bytes)", ErrCorrupt, size)
	case !m1.valid() || m0.valid() && m0.txid > m1.txid:
		return checkPageSize(m0)
	default:
		return checkPageSize(m1)
	}
}

// checkPageSize returns m if its page size is one bbolt may have written: a power of two from
// 1 KiB to 16 MiB (a valid checksum makes anything else unlikely, but the size divides).
func checkPageSize(m boltMeta) (boltMeta, error) {
	if ps := m.pageSize; ps < 1024 || ps > 1<<24 || ps&(ps-1) != 0 {
		return boltMeta{}, fmt.Errorf("%w: page size %d", ErrCorrupt, ps)
	}
	return m, nil
}

// pageHeader returns the flags and element count of page id, and its overflow: the pages that
// follow it as its continuation.
func pageHeader(f io.ReaderAt, id, pageSize uint64) (flags uint16, count int, overflow uint64, err error) {
	var b [pageHeaderSize]byte
	if _, err := f.ReadAt(b[:], int64(id*pageSize)); err != nil {
		return 0, 0, 0, err
	}
	e := binary.NativeEndian
	if e.Uint64(b[:]) != id {
		return 0, 0, 0, errors.New("page id differs")
	}
	return e.Uint16(b[8:]), int(e.Uint16(b[10:])), uint64(e.Uint32(b[12:])), nil
}

// checkFreelist checks that the freelist of m is a freelist page whose ids fit in its pages and
// name pages in use, not the meta pages: bbolt hands them out to writers unchecked.
func checkFreelist(f io.ReaderAt, m boltMeta) error {
	ps := uint64(m.pageSize)
	if m.freelist < 2 || m.freelist >= m.pgid {
		return fmt.Errorf("%w: freelist page %d outside pages 2 to %d", ErrCorrupt, m.freelist, m.pgid-1)
	}
	flags, count, overflow, err := pageHeader(f, m.freelist, ps)
	if err != nil || flags != freelistPageFlag {
		return fmt.Errorf("%w: page %d is not the freelist", ErrCorrupt, m.freelist)
	}
	var b [8]byte
	start := m.freelist*ps + pageHeaderSize
	if count == 0xFFFF {
		// A longer list keeps its length in its first element.
		if _, err := f.ReadAt(b[:], int64(start)); err != nil {
			return fmt.Errorf("%w: freelist: %v", ErrCorrupt, err)
		}
		n := binary.NativeEndian.Uint64(b[:])
		if n > m.pgid {
			return fmt.Errorf("%w: freelist of %d pages in a file of %d", ErrCorrupt, n, m.pgid)
		}
		count, start = int(n), start+8
	}
	end := start + uint64(count)*8
	if m.freelist+overflow >= m.pgid || end > (m.freelist+overflow+1)*ps {
		return fmt.Errorf("%w: freelist of %d pages overruns its page %d", ErrCorrupt, count, m.freelist)
	}
	ids := make([]byte, end-start)
	if _, err := f.ReadAt(ids, int64(start)); err != nil {
		return fmt.Errorf("%w: freelist: %v", ErrCorrupt, err)
	}
	for i := 0; i < len(ids); i += 8 {
		if id := binary.NativeEndian.Uint64(ids[i:]); id < 2 || id >= m.pgid {
			return fmt.Errorf("%w: freelist names page %d, outside pages 2 to %d", ErrCorrupt, id, m.pgid-1)
		}
	}
	return nil
}

// guard runs fn, which reads the memory-mapped file through bbolt, and makes a panic or a
// memory fault in it an error wrapping ErrCorrupt; an error fn returns that wraps ErrCorrupt
// gets the file's name. A recover is needed here because bbolt trusts the file: on a damaged page
// it panics (a page that is not the one expected, an invalid freelist) or follows a page number
// out of the mapping. Such a fault is a fatal error no recover catches unless SetPanicOnFault
// makes it a panic, which is what it is for with memory-mapped files. It covers the calling
// goroutine only: goroutines that read the file call guard themselves. A bug of dedupe's own
// that panics in fn reads as corruption too; "index check" on the file tells them apart.
func guard(path string, fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: bbolt failed reading it: %v", ErrCorrupt, r)
		}
		var named *corruptError
		if errors.Is(err, ErrCorrupt) && !errors.As(err, &named) {
			err = &corruptError{path, err}
		}
	}()
	return fn()
}

// corruptError names the file of an error wrapping ErrCorrupt, once however many guards it
// passes: "index "f": corrupt index: what".
type corruptError struct {
	path string
	err  error
}

func (e *corruptError) Error() string { return fmt.Sprintf("index %q: %v", e.path, e.err) }
func (e *corruptError) Unwrap() error { return e.err }

// view runs fn in a read transaction, under guard.
func (ix *Index) view(fn func(*bolt.Tx) error) error {
	return guard(ix.path, func() error { return ix.db.View(fn) })
}

// update runs fn in a write transaction, under guard. bbolt rolls the transaction back when fn
// panics, so a damaged page met while writing leaves the file as it was.
func (ix *Index) update(fn func(*bolt.Tx) error) error {
	return guard(ix.path, func() error { return ix.db.Update(fn) })
}
