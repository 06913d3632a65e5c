package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// compactTxSize is how many bytes of keys and values [Compact] copies per transaction of the
// new file: bbolt keeps a transaction's pages in memory until it commits.
const compactTxSize = 64 << 20

// CompactStats says what [Compact] did.
type CompactStats struct {
	Before, After int64 // the file's size in bytes
	Documents     int   // the documents of the index, the same before and after
}

// Compact rewrites the index at path into a new file that holds only the pages in use, full,
// and puts it in the place of the old one. bbolt never returns the pages of a file to the
// system: a write copies the pages it changes and frees the old ones for later writes (see
// the package documentation), so a file keeps the size of its largest moment. Compact is
// bbolt's [bolt.Compact] with dedupe's checks around it: the index is checked as a write
// would check it, the copy is opened and counted again before it replaces the original, and
// the original is replaced with a rename, so a crash leaves either file whole (and at worst a
// stray "path.compact" beside it, which the next Compact replaces).
//
// Compact holds the writer's lock on the old file until the new one is in place. Another
// process that was waiting for that lock finds on getting it that the file was replaced and
// opens the new one (see boltOpen), so no write goes to the old file.
func Compact(path string, opts Options) (CompactStats, error) {
	if opts.ReadOnly {
		return CompactStats{}, ErrReadOnly
	}
	src, err := Open(path, opts)
	if err != nil {
		return CompactStats{}, err
	}
	defer src.Close()
	st := CompactStats{}
	if st.Documents, err = src.Len(); err != nil {
		return st, err
	}
	fi, err := os.Stat(path)
	if err != nil {
		return st, fmt.Errorf("compact index: %w", err)
	}
	st.Before = fi.Size()
	tmp := path + ".compact"
	if err := os.Remove(tmp); err != nil && !errors.Is(err, os.ErrNotExist) {
		return st, fmt.Errorf("compact index: %w", err)
	}
	if st.After, err = compactInto(tmp, src, st.Documents, fi.Mode().Perm()); err != nil {
		return st, errors.Join(fmt.Errorf("compact index %q: %w", path, err), removeIfExists(tmp))
	}
	if err := os.Rename(tmp, path); err != nil {
		return st, errors.Join(fmt.Errorf("compact index: %w", err), removeIfExists(tmp))
	}
	return st, syncDir(filepath.Dir(path))
}

// compactInto copies src into a new bbolt file tmp, with permissions perm, and checks that the
// copy opens as an index of n documents. It returns the copy's size.
func compactInto(tmp string, src *Index, n int, perm os.FileMode) (int64, error) {
	dst, err := bolt.Open(tmp, perm, &bolt.Options{FreelistType: bolt.FreelistMapType})
	if err != nil {
		return 0, err
	}
	err = guard(src.path, func() error { return bolt.Compact(dst, src.db, compactTxSize) })
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, err
	}
	ix, err := Open(tmp, Options{ReadOnly: true})
	if err != nil {
		return 0, fmt.Errorf("the copy: %w", err)
	}
	defer ix.Close()
	switch m, err := ix.Len(); {
	case err != nil:
		return 0, fmt.Errorf("the copy: %w", err)
	case m != n:
		return 0, fmt.Errorf("the copy holds %d documents, not %d", m, n)
	}
	fi, err := os.Stat(tmp)
	if err != nil {
		return 0, err
	}
	return fi.Size(), nil
}

// ShouldCompact reports whether a write that took an index file from before to after bytes
// left it worth compacting: when it grew by more than a quarter. A write first copies every
// page it changes and frees the old ones only when it commits, so a file with few free pages
// (a new index, or one just compacted) grows on its first removal by about the pages that
// hold the removed documents' band keys: doubled, as bbolt grows a small file, 131 kB to
// 262 kB for the five seed articles. In a file that has grown once, later writes reuse the
// freed pages; a large index grows by a small share, which is not worth a copy of the whole.
func ShouldCompact(before, after int64) bool {
	return after-before > before/4
}

func removeIfExists(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("compact index: %w", err)
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("compact index: sync %q: %w", dir, err)
	}
	return nil
}
