package index

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/dedupe-dev/dedupe/internal/anchor"
	"github.com/dedupe-dev/dedupe/internal/lsh"
	"github.com/dedupe-dev/dedupe/internal/param"
)

// Options control how an index file is opened.
type Options struct {
	// LockTimeout is how long to wait for another process's lock before failing with
	// ErrLocked. Zero waits for ever.
	LockTimeout time.Duration
	// ReadOnly takes a shared lock, so that any number of readers may open the index at once,
	// and makes Add and Remove fail.
	ReadOnly bool
	// Waiting, when not nil, is called once when another process holds the lock and Open
	// begins to wait for it (after lockProbe), so that a command can say why it waits: a check
	// during an index add of an archive waited in silence for as long as the add ran.
	Waiting func()
}

// lockProbe is how long Open tries for the lock before it calls Options.Waiting.
const lockProbe = 200 * time.Millisecond

// Open opens the existing index at path and checks that it is a dedupe index of a known format
// built by compatible code (see ParamError). Its parameters are then [Index.Params]. A missing
// file is an error matching fs.ErrNotExist, an empty one matches ErrEmpty, and a damaged one
// ErrCorrupt; a failed Open leaves the file as it was.
func Open(path string, opts Options) (*Index, error) {
	fi, err := os.Stat(path)
	var pe *fs.PathError
	switch {
	case errors.As(err, &pe) && errors.Is(err, fs.ErrNotExist):
		// The system's words, as dedupe's other commands give them: `open index "a.db": no
		// such file or directory`, not fs.ErrNotExist's "file does not exist".
		return nil, fmt.Errorf("open index %q: %w", path, pe.Err)
	case err != nil:
		return nil, fmt.Errorf("open index: %w", err)
	case fi.Size() == 0:
		return nil, fmt.Errorf("index %q is %w", path, ErrEmpty)
	}
	return open(path, nil, opts)
}

// Create opens the index at path, creating it with parameters p if the file does not exist or
// is empty. An existing index must have been built with exactly p: otherwise Create returns a
// *ParamError naming the first parameter that differs.
func Create(path string, p Params, opts Options) (*Index, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if opts.ReadOnly {
		return nil, errors.New("cannot create an index read-only")
	}
	return open(path, &p, opts)
}

// open opens the bbolt file and loads its meta bucket, initialising a new file when create is
// not nil. An existing file is first opened read-only and checked (see checkFile), so that
// neither bbolt nor a write can touch a damaged file. Every page of the tree is checked, for
// reads as for writes: bbolt frees the pages a write replaces without checking them (one damaged
// page header made it free billions of pages until the memory ran out), and a read that meets a
// branch naming itself loops until the memory or the stack runs out, which no guard catches
// (FuzzOpen found it). This reads the whole file, at the speed of the disk or the page cache
// (80 ms for 100 MB cached). It maps bbolt's errors to ErrLocked, ErrNotIndex and ErrCorrupt,
// so that callers need not know bbolt.
func open(path string, create *Params, opts Options) (*Index, error) {
	var db *bolt.DB
	if fi, err := os.Stat(path); err == nil && fi.Size() > 0 {
		if db, err = openChecked(path, opts); err != nil {
			return nil, err
		}
	}
	if db != nil && !opts.ReadOnly {
		db.Close()
		db = nil
	}
	if db == nil {
		var err error
		if db, err = boltOpen(path, opts); err != nil {
			return nil, err
		}
	}
	ix := &Index{db: db, path: path, readOnly: opts.ReadOnly}
	load := func(tx *bolt.Tx) error { return ix.load(tx, create) }
	var err error
	if create != nil {
		err = ix.update(load)
	} else {
		err = ix.view(load)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	ix.signers.New = func() any { return ix.proto.Clone() }
	return ix, nil
}

// openChecked opens the existing file at path read-only and checks it with checkFile while it
// holds a reader's lock, under which no writer can be between commits. bbolt reads only the
// meta pages when it opens a file read-only, so a damaged file cannot crash it yet; when bbolt
// rejects the file, checkFile says why.
func openChecked(path string, opts Options) (*bolt.DB, error) {
	ro := opts
	ro.ReadOnly = true
	db, err := boltOpen(path, ro)
	var invalid bool
	if err != nil {
		if invalid = errors.Is(err, ErrNotIndex); !invalid {
			return nil, err
		}
	}
	switch cerr := checkFile(path); {
	case errors.Is(cerr, ErrNotIndex):
		err = fmt.Errorf("%q is %w (no bbolt meta page)", path, ErrNotIndex)
	case cerr != nil:
		err = &corruptError{path, cerr}
	case invalid:
		// checkFile accepts what bbolt rejected: a meta page of another bbolt version.
		return nil, err
	default:
		return db, nil
	}
	if db != nil {
		db.Close()
	}
	return nil, err
}

// maxReplaced is how many times in a row boltOpen opens the file again because [Compact] put
// a new one in its place while it waited for the lock.
const maxReplaced = 10

// boltOpen opens the bbolt file under guard, mapping bbolt's errors to ErrLocked and
// ErrNotIndex. The lock bbolt takes is on the file it opened: when path names another file
// once the lock is held, [Compact] replaced the file while boltOpen waited, and boltOpen opens
// path again rather than read or write a file no name leads to.
func boltOpen(path string, opts Options) (*bolt.DB, error) {
	var db *bolt.DB
	err := guard(path, func() error {
		for range maxReplaced {
			before, statErr := os.Stat(path)
			var err error
			db, err = openLocked(path, opts)
			if err != nil || statErr != nil { // a file bbolt created cannot have been replaced yet
				return err
			}
			if after, err := os.Stat(path); err == nil && os.SameFile(before, after) {
				return nil
			}
			db.Close()
		}
		db = nil
		return fmt.Errorf("index %q was replaced %d times while opening it", path, maxReplaced)
	})
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return nil, fmt.Errorf("index %q is %w by another process", path, ErrLocked)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrChecksum),
		// bbolt has no sentinel for a file shorter than its two meta pages.
		err != nil && strings.HasPrefix(err.Error(), "file size too small"):
		return nil, fmt.Errorf("%q is %w (%v)", path, ErrNotIndex, err)
	case errors.Is(err, ErrCorrupt):
		return nil, err
	case err != nil:
		return nil, fmt.Errorf("open index: %w", err)
	}
	return db, nil
}

// openLocked opens the bbolt file at path, waiting up to opts.LockTimeout for its lock, and
// calls opts.Waiting once the lock is found held.
func openLocked(path string, opts Options) (*bolt.DB, error) {
	open := func(timeout time.Duration) (*bolt.DB, error) {
		return bolt.Open(path, 0o666, &bolt.Options{
			Timeout:  timeout,
			ReadOnly: opts.ReadOnly,
			// The hashmap freelist finds free pages in O(1); the default array scans, which
			// shows once rewrites have freed many pages.
			FreelistType: bolt.FreelistMapType,
		})
	}
	if opts.Waiting == nil || opts.LockTimeout > 0 && opts.LockTimeout <= lockProbe {
		return open(opts.LockTimeout)
	}
	db, err := open(lockProbe)
	if !errors.Is(err, berrors.ErrTimeout) {
		return db, err
	}
	opts.Waiting()
	rest := time.Duration(0) // bbolt waits for ever
	if opts.LockTimeout > 0 {
		rest = opts.LockTimeout - lockProbe
	}
	return open(rest)
}

// Rebuild is what an error about an index of an older format tells the user to do, and dedupe
// check's warning about an index of format 5: an index holds no text, so it cannot be
// converted, only built anew from the archive, and `index add` refuses the old file as every
// command does (but for format 5, which it keeps adding to without anchors).
const Rebuild = "rebuild it (delete the file, then add the archive again with dedupe index add)"

// load reads and checks the meta bucket, or writes it when creating a new index.
func (ix *Index) load(tx *bolt.Tx, create *Params) error {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		empty := true
		tx.ForEach(func([]byte, *bolt.Bucket) error { empty = false; return nil })
		if create == nil || !empty {
			return fmt.Errorf("%q is %w", ix.path, ErrNotIndex)
		}
		return ix.initialize(tx, *create)
	}
	get := func(key string) (string, error) {
		v := meta.Get([]byte(key))
		if v == nil {
			return "", fmt.Errorf("%w: meta key %q missing", ErrCorrupt, key)
		}
		return string(v), nil
	}
	if m, _ := get(metaMagic); m != magic {
		if tx.Bucket(bucketDocs) != nil && tx.Bucket(bucketBands) != nil {
			// An index's buckets around damaged meta entries (random bytes written over them).
			return fmt.Errorf("%w: meta key %q is %q, not %q", ErrCorrupt, metaMagic, m, magic)
		}
		return fmt.Errorf("%q is %w (magic %q)", ix.path, ErrNotIndex, m)
	}
	v, err := get(metaFormat)
	if err != nil {
		return err
	}
	format, err := strconv.Atoi(v)
	switch {
	case err != nil:
		return fmt.Errorf("%w: format %q", ErrCorrupt, v)
	case format == 5:
		// Format 5 is format 6 without the anchors: read as an index that stores none.
		get = withoutAnchors(get)
	case format == 6:
		// Format 6 is format 7 without the new buckets, which its first small batch creates
		// (writer.useNew), making it format 8 without the garble counts (see format 7).
	case format == 7:
		// Format 7 is format 8 without the garble counts (Index.Garble): its archive gets the
		// standard decision. Its first write makes it format 9 (see Add), since the
		// sketches written then have the garbled words, which a dedupe of format 7 cannot
		// decode.
	case format == 8:
		// Format 8 is format 9 with sketches that do not say whether their documents begin
		// with a headline: read as sketches of documents without one. Its first write makes
		// it format 9, since a dedupe of format 8 cannot decode the sketches written then.
	case format > FormatVersion:
		return fmt.Errorf("index %q has format %d, newer than this dedupe reads (%d): upgrade dedupe", ix.path, format, FormatVersion)
	case format == 2:
		return fmt.Errorf("index %q has format 2, without the words' document frequencies that format %d stores for weighing evidence: %s", ix.path, FormatVersion, Rebuild)
	case format == 3:
		return fmt.Errorf("index %q has format 3, whose sketches lack the sentences' word counts that format %d stores for weighing evidence: %s", ix.path, FormatVersion, Rebuild)
	case format == 4:
		return fmt.Errorf("index %q has format 4, whose sketches lack the capitals that format %d stores for telling names from other words: %s", ix.path, FormatVersion, Rebuild)
	case format < FormatVersion:
		return fmt.Errorf("index %q has format %d, which this dedupe cannot migrate: %s", ix.path, format, Rebuild)
	}
	for _, f := range codeFields {
		v, err := get(f.Key)
		if err != nil {
			return err
		}
		if v != f.Value {
			return &ParamError{Path: ix.path, Param: f.Key, Index: v, Want: f.Value + " (this dedupe)", Code: true}
		}
	}
	p, err := parseParams(get)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	if err := p.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	if err := ix.setParams(p); err != nil {
		return err
	}
	if create != nil {
		if err := ix.CheckParams(*create); err != nil {
			return err
		}
	}
	ix.format = format
	ix.common.Store(&commonSet{})
	_, err = ix.commonIn(tx)
	return err
}

// withoutAnchors returns get for the meta bucket of a format-5 index, which predates the
// anchors: the anchor parameters are those of an index that stores none (anchor_min_shared 0,
// the others their defaults) and the anchor code is this dedupe's, so that the index opens
// and its candidates are the band keys' alone, as they always were.
func withoutAnchors(get func(key string) (string, error)) func(key string) (string, error) {
	p := Params{Anchor: param.Defaults[anchor.Params](anchor.Specs)}
	p.Anchor.MinShared = 0
	values := map[string]string{anchorCode.Key: anchorCode.Value}
	for _, f := range p.fields() {
		if strings.HasPrefix(f.Key, "anchor_") {
			values[f.Key] = f.Value
		}
	}
	return func(key string) (string, error) {
		if v, ok := values[key]; ok {
			return v, nil
		}
		return get(key)
	}
}

// Format returns the format version of the index file: FormatVersion, or 5 for an index
// built before the anchors, which stores none.
func (ix *Index) Format() int { return ix.format }

// setParams makes p the index's parameters and builds from them the signer that queries and
// writers clone, so that the two cannot disagree.
func (ix *Index) setParams(p Params) error {
	s, err := lsh.NewSigner(p.signer())
	if err != nil {
		return err
	}
	ix.params, ix.proto = p, s
	return nil
}

// initialize writes the buckets and the meta entries of a new index.
func (ix *Index) initialize(tx *bolt.Tx, p Params) error {
	for _, name := range [][]byte{bucketMeta, bucketDocs, bucketPaths, bucketBands, bucketCommon, bucketDF, bucketAnchors, bucketNewBands, bucketNewAnchors, bucketNewDF} {
		if _, err := tx.CreateBucket(name); err != nil {
			return err
		}
	}
	meta := tx.Bucket(bucketMeta)
	fields := []Field{{metaMagic, magic}, {metaFormat, strconv.Itoa(FormatVersion)}}
	fields = append(fields, p.fields()...)
	fields = append(fields, codeFields...)
	fields = append(fields, Field{metaCommonDocs, "0"}, Field{metaGarbleDocs, "0"}, Field{metaGarbleClean, "0"}, Field{metaGarbleOCR, "0"})
	for _, f := range fields {
		if err := meta.Put([]byte(f.Key), []byte(f.Value)); err != nil {
			return err
		}
	}
	ix.format = FormatVersion
	ix.common.Store(&commonSet{})
	return ix.setParams(p)
}

// Reset gives an index that holds no document the parameters p, as if it had been created
// with them: an add that read nothing into a new index fixed its parameters, and the next add,
// the first to bring documents, was refused for flags of its own ("was built with
// shingle_size 2"). Every bucket is emptied (the common shingles and the garble counts were
// learned with the old parameters) but the sequence of the ids, which are never reused. It
// returns an error, and changes nothing, when the index holds a document or is read-only.
func (ix *Index) Reset(p Params) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if ix.readOnly {
		return ErrReadOnly
	}
	return ix.update(func(tx *bolt.Tx) error {
		if n := countKeys(tx.Bucket(bucketPaths), 1); n > 0 {
			return fmt.Errorf("index %q holds documents: its parameters cannot change", ix.path)
		}
		seq := tx.Bucket(bucketDocs).Sequence()
		var names [][]byte
		if err := tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
			names = append(names, append([]byte(nil), name...))
			return nil
		}); err != nil {
			return err
		}
		for _, name := range names {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		if err := ix.initialize(tx, p); err != nil {
			return err
		}
		return tx.Bucket(bucketDocs).SetSequence(seq)
	})
}
