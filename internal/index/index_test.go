package index_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dedupe-dev/dedupe/internal/index"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/testfs"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// text returns n sentences of random pseudo-words drawn from a vocabulary of 2,000, so that
// two texts made from different generators share few word pairs.
func text(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		for w := range 8 + r.IntN(10) {
			if w > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "w%xq", r.IntN(2000))
		}
		b.WriteString(". ")
	}
	return b.String()
}

// create returns a new index with parameters p in a temporary folder, closed when the test ends.
func create(t *testing.T, p index.Params) *index.Index {
	t.Helper()
	ix, err := index.Create(filepath.Join(t.TempDir(), "test.db"), p, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// createBandsOnly creates an index of [index.TestParams] but anchor_min_shared 0: it stores no
// anchors, and its candidates are those of the band keys alone.
func createBandsOnly(t *testing.T) *index.Index {
	t.Helper()
	p := index.TestParams()
	p.Anchor.MinShared = 0
	return create(t, p)
}

// article returns a random document at path made from seed.
func article(t testing.TB, path string, seed uint64) index.Document {
	return index.TestDocument(t, path, text(rand.New(rand.NewPCG(seed, 1)), 12))
}

func TestCreateAndOpen(t *testing.T) {
	ix := index.TestIndex(t)
	path := ix.Path()
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix = index.TestOpen(t, path, index.Options{ReadOnly: true})
	if got, want := ix.Params(), index.TestParams(); got != want {
		t.Errorf("Params() = %+v; want %+v", got, want)
	}
	st, err := ix.Stats()
	if err != nil {
		t.Fatal(err)
	}
	want := []index.Field{
		{Key: "anchor_hash", Value: "winnow-low32-unquoted"},
		{Key: "anchor_max_docs", Value: "20"},
		{Key: "anchor_min_shared", Value: "4"},
		{Key: "anchor_window", Value: "3"},
		{Key: "band_hash", Value: "xxh3-seeded-le32-onebin"},
		{Key: "bands", Value: "128"},
		{Key: "common_documents", Value: "0"},
		{Key: "format", Value: fmt.Sprint(index.FormatVersion)},
		{Key: "garble_clean", Value: "0"},
		{Key: "garble_documents", Value: "0"},
		{Key: "garble_ocr", Value: "0"},
		{Key: "language", Value: "english"},
		{Key: "magic", Value: "dedupe-index"},
		{Key: "minhash", Value: "oph-densified-mix64"},
		{Key: "normalizer_version", Value: fmt.Sprint(normalize.Version)},
		{Key: "num_perm", Value: "128"},
		{Key: "rows", Value: "1"},
		{Key: "seed", Value: "1"},
		{Key: "shingle_df", Value: "0.01"},
		{Key: "shingle_hash", Value: "splitmix64-chain"},
		{Key: "shingle_size", Value: "2"},
		{Key: "term_hash", Value: "xxh3-64-low32"},
	}
	if !reflect.DeepEqual(st.Meta, want) {
		t.Errorf("Meta = %v; want %v", st.Meta, want)
	}
	if st.Documents != 0 || st.BandEntries != 0 || st.Size <= 0 {
		t.Errorf("Stats = %d documents, %d band entries, %d bytes; want 0, 0, > 0", st.Documents, st.BandEntries, st.Size)
	}
}

func TestParamMismatch(t *testing.T) {
	ix := index.TestIndex(t)
	path := ix.Path()
	ix.Close()
	tests := []struct {
		name        string
		change      func(p *index.Params)
		param, have string
		want        string
	}{
		{"language", func(p *index.Params) { p.Language = "french" }, "language", "english", "french"},
		{"shingle size", func(p *index.Params) { p.ShingleSize = 3 }, "shingle_size", "2", "3"},
		{"permutations", func(p *index.Params) { p.NumPerm, p.Bands = 64, 64 }, "num_perm", "128", "64"},
		{"bands", func(p *index.Params) { p.Bands, p.Rows = 64, 2 }, "bands", "128", "64"},
		{"seed", func(p *index.Params) { p.Seed = 42 }, "seed", "1", "42"},
		{"common shingles", func(p *index.Params) { p.ShingleDF = 0 }, "shingle_df", "0.01", "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := index.TestParams()
			tt.change(&p)
			ix, err := index.Create(path, p, index.Options{})
			if err == nil {
				ix.Close()
				t.Fatal("Create with other parameters succeeded")
			}
			var pe *index.ParamError
			if !errors.As(err, &pe) {
				t.Fatalf("Create: %v; want a *ParamError", err)
			}
			if pe.Param != tt.param || pe.Index != tt.have || pe.Want != tt.want {
				t.Errorf("ParamError = %q %q %q; want %q %q %q", pe.Param, pe.Index, pe.Want, tt.param, tt.have, tt.want)
			}
		})
	}
	_, err := index.Create(path, func() index.Params { p := index.TestParams(); p.Language = "french"; return p }(), index.Options{})
	if want := fmt.Sprintf("index %q was built with language english, not french", path); err == nil || err.Error() != want {
		t.Errorf("error = %v; want %s", err, want)
	}
	// The same parameters open the index.
	ix, err = index.Create(path, index.TestParams(), index.Options{})
	if err != nil {
		t.Fatalf("Create with equal parameters: %v", err)
	}
	ix.Close()
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte(strings.Repeat("not a database\n", 500)), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		open func() (*index.Index, error)
		want error
	}{
		{"missing", func() (*index.Index, error) { return index.Open(filepath.Join(dir, "nope.db"), index.Options{}) }, fs.ErrNotExist},
		{"text file", func() (*index.Index, error) { return index.Open(text, index.Options{}) }, index.ErrNotIndex},
		{"create over a text file", func() (*index.Index, error) { return index.Create(text, index.TestParams(), index.Options{}) }, index.ErrNotIndex},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix, err := tt.open()
			if err == nil {
				ix.Close()
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("error = %v; want %v", err, tt.want)
			}
		})
	}
	if _, err := index.Create(filepath.Join(dir, "ro.db"), index.TestParams(), index.Options{ReadOnly: true}); err == nil {
		t.Error("Create read-only succeeded")
	}
	bad := index.TestParams()
	bad.Bands = 200
	if _, err := index.Create(filepath.Join(dir, "bad.db"), bad, index.Options{}); err == nil {
		t.Error("Create with 200 bands of 128 permutations succeeded")
	}
}

func TestAddReplaceRemove(t *testing.T) {
	ix := index.TestIndex(t)
	a, b, c := article(t, "a.txt", 1), article(t, "b.txt", 2), article(t, "c.txt", 3)
	changed := article(t, "b.txt", 4)
	steps := []struct {
		name    string
		do      func() (index.AddStats, error)
		want    index.AddStats
		docs    int
		lookups map[string]uint64 // path → digest of the indexed content
	}{
		{"add", func() (index.AddStats, error) { return ix.Add([]index.Document{a, b}) },
			index.AddStats{Added: 2}, 2, map[string]uint64{"a.txt": a.Sketch.Digest, "b.txt": b.Sketch.Digest}},
		{"re-add is a no-op", func() (index.AddStats, error) { return ix.Add([]index.Document{b, a}) },
			index.AddStats{Unchanged: 2}, 2, map[string]uint64{"a.txt": a.Sketch.Digest, "b.txt": b.Sketch.Digest}},
		{"changed content replaces", func() (index.AddStats, error) { return ix.Add([]index.Document{changed, c}) },
			index.AddStats{Added: 1, Replaced: 1}, 3, map[string]uint64{"b.txt": changed.Sketch.Digest, "c.txt": c.Sketch.Digest}},
		{"twice in one batch", func() (index.AddStats, error) { return ix.Add([]index.Document{b, changed}) },
			index.AddStats{Replaced: 2}, 3, map[string]uint64{"b.txt": changed.Sketch.Digest}},
		{"remove", func() (index.AddStats, error) { return index.AddStats{}, ix.Remove("a.txt", "c.txt") },
			index.AddStats{}, 1, map[string]uint64{"b.txt": changed.Sketch.Digest}},
	}
	for _, s := range steps {
		got, err := s.do()
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if got != s.want {
			t.Errorf("%s: stats %+v; want %+v", s.name, got, s.want)
		}
		st, err := ix.Stats()
		if err != nil {
			t.Fatal(err)
		}
		n, err := ix.Len()
		if err != nil || n != s.docs || st.Documents != s.docs || st.BandEntries != s.docs*128 {
			t.Errorf("%s: Len %d (%v), Stats %d documents, %d band entries; want %d, %d, %d",
				s.name, n, err, st.Documents, st.BandEntries, s.docs, s.docs, s.docs*128)
		}
		for path, digest := range s.lookups {
			rec, err := ix.Lookup(path)
			if err != nil || rec.Sketch.Digest != digest {
				t.Errorf("%s: Lookup(%q) = digest %x, %v; want %x", s.name, path, rec.Sketch.Digest, err, digest)
			}
		}
		if err := ix.CheckIntegrity(t.Context()); err != nil {
			t.Errorf("%s: CheckIntegrity: %v", s.name, err)
		}
	}
	if _, err := ix.Lookup("a.txt"); !errors.Is(err, index.ErrNotFound) {
		t.Errorf("Lookup of a removed path: %v; want ErrNotFound", err)
	}
	// The document frequencies are those of the one document left (CheckIntegrity recounted
	// them after every step).
	var want verify.DocFreq
	want.Add(&changed.Sketch)
	if df, err := ix.DocFreq(); err != nil || df.Docs != 1 || !maps.Equal(maps.Collect(df.All()), maps.Collect(want.All())) {
		t.Errorf("DocFreq after the steps: %d documents, %d terms, %v; want 1, %d", df.Docs, df.Len(), err, want.Len())
	}
	// A replaced document keeps its id, and an unknown path makes Remove change nothing.
	if rec, _ := ix.Lookup("b.txt"); rec.ID != 2 {
		t.Errorf("replaced document has id %d; want 2", rec.ID)
	}
	if err := ix.Remove("b.txt", "nope.txt"); !errors.Is(err, index.ErrNotFound) || err.Error() != `"nope.txt": not in the index` {
		t.Errorf("Remove of an unknown path: %v", err)
	}
	if _, err := ix.Lookup("b.txt"); err != nil {
		t.Errorf("failed Remove removed b.txt: %v", err)
	}
}

// TestLongPostingLists indexes one text under many paths, so that every band key's posting
// list holds thousands of ids, more than fit in small buffers.
func TestLongPostingLists(t *testing.T) {
	p := index.TestParams()
	p.ShingleDF = 0 // else the shingles of so many copies are common and none is signed
	p.NumPerm, p.Bands = 16, 16
	ix := create(t, p)
	a := article(t, "a", 1)
	const n = 4500 // a list of 4,500 ids takes 4,502 bytes
	docs := make([]index.Document, n)
	for i := range docs {
		docs[i] = a
		docs[i].Path = fmt.Sprint(i)
	}
	if _, err := ix.Add(docs); err != nil {
		t.Fatal(err)
	}
	if err := ix.Remove("17"); err != nil {
		t.Fatal(err)
	}
	if err := ix.CheckIntegrity(t.Context()); err != nil {
		t.Fatal(err)
	}
	// Ctrl-C stops the check between documents.
	cancelled, cancel := context.WithCancel(t.Context())
	cancel()
	if err := ix.CheckIntegrity(cancelled); !errors.Is(err, context.Canceled) {
		t.Errorf("CheckIntegrity after Ctrl-C = %v; want context.Canceled", err)
	}
	cands, st, err := ix.Query(&a.Sketch, index.QueryOptions{MinShared: p.Bands})
	if err != nil || len(cands) != n-1 || st.Postings != (n-1)*p.Bands {
		t.Errorf("Query = %d candidates, %+v, %v; want %d, each sharing every key", len(cands), st, err, n-1)
	}
	_, st, err = ix.Query(&a.Sketch, index.QueryOptions{MaxBucket: n - 2})
	if err != nil || st.Oversized != p.Bands || st.Postings != 0 {
		t.Errorf("Query with MaxBucket %d = %+v, %v; want every key skipped", n-2, st, err)
	}
}

// TestReplaceUnderNewerIDs replaces a document whose band keys later documents share, so that
// its old id goes back into posting lists that already hold larger ids.
func TestReplaceUnderNewerIDs(t *testing.T) {
	ix := index.TestIndex(t)
	r := rand.New(rand.NewPCG(5, 1))
	base, extra := text(r, 12), text(r, 2)
	a := index.TestDocument(t, "a.txt", base)
	copies := []index.Document{a}
	for _, p := range []string{"b.txt", "c.txt"} {
		d := a
		d.Path = p
		copies = append(copies, d)
	}
	if _, err := ix.Add(copies); err != nil {
		t.Fatal(err)
	}
	edited := index.TestDocument(t, "a.txt", base+" "+extra)
	if st, err := ix.Add([]index.Document{edited}); err != nil || st.Replaced != 1 {
		t.Fatalf("Add = %+v, %v; want one replaced", st, err)
	}
	if err := ix.CheckIntegrity(t.Context()); err != nil {
		t.Fatal(err)
	}
	cands, _, err := ix.Query(&edited.Sketch, index.QueryOptions{})
	if err != nil || len(cands) != 3 || cands[0].Path != "a.txt" || cands[0].Shared != ix.Params().Bands {
		t.Fatalf("Query of the edited document = %+v, %v; want a.txt sharing every key, then b.txt and c.txt", cands, err)
	}
}

// TestQueryBatch checks that a batch query finds for each document what Query finds alone,
// whatever the number of workers, with copies among the indexed and the new documents.
func TestQueryBatch(t *testing.T) {
	ix := index.TestIndex(t)
	r := rand.New(rand.NewPCG(9, 9))
	var archived, queries []index.Document
	for i := range 120 {
		d := index.TestDocument(t, fmt.Sprintf("%03d.txt", i), text(r, 6))
		archived = append(archived, d)
		if i%3 == 0 { // a copy among the new documents
			queries = append(queries, d)
		}
		if i%10 == 0 { // a copy in the archive
			c := d
			c.Path += ".copy"
			archived = append(archived, c)
		}
	}
	for i := range 40 {
		queries = append(queries, index.TestDocument(t, fmt.Sprintf("new%d.txt", i), text(r, 6)))
	}
	queries = append(queries, index.TestDocument(t, "empty.txt", ""))
	if _, err := ix.Add(archived); err != nil {
		t.Fatal(err)
	}
	sks := make([]*sketch.Sketch, len(queries))
	for i := range queries {
		sks[i] = &queries[i].Sketch
	}
	for _, opts := range []index.QueryOptions{{MinShared: 1}, {MinShared: 3, MaxBucket: 2}} {
		want := make([]index.QueryResult, len(queries))
		for i, sk := range sks {
			var err error
			if want[i].Candidates, want[i].Stats, err = ix.Query(sk, opts); err != nil {
				t.Fatal(err)
			}
		}
		for _, workers := range []int{0, 1, 2, 3, 7, 200} {
			opts.Workers = workers
			got, err := ix.QueryBatch(sks, opts)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("QueryBatch with %+v differs from Query one by one", opts)
			}
		}
	}
}

// TestQuery checks the band keys' candidates, in an index without anchors (see
// TestQueryAnchors).
func TestQuery(t *testing.T) {
	ix := createBandsOnly(t)
	r := rand.New(rand.NewPCG(7, 7))
	story := text(r, 12)
	// The copy keeps the story's first eight sentences and adds two of its own.
	sentences := strings.SplitAfter(story, ". ")
	copied := strings.Join(sentences[:8], "") + text(r, 2)
	docs := []index.Document{
		index.TestDocument(t, "story.txt", story),
		article(t, "other.txt", 99),
		index.TestDocument(t, "twin.txt", story),
	}
	if _, err := ix.Add(docs); err != nil {
		t.Fatal(err)
	}
	query := index.TestDocument(t, "copy.txt", copied)
	tests := []struct {
		name      string
		opts      index.QueryOptions
		want      []string
		oversized int
	}{
		{"default", index.QueryOptions{}, []string{"story.txt", "twin.txt"}, 0},
		{"more shared keys than the copy has", index.QueryOptions{MinShared: 128}, nil, 0},
		{"buckets of the story and its twin skipped", index.QueryOptions{MaxBucket: 1}, nil, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cands, st, err := ix.Query(&query.Sketch, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range cands {
				got = append(got, c.Path)
				if c.Shared < 30 || c.Shared >= 128 {
					t.Errorf("%s shares %d of 128 keys; want a large minority", c.Path, c.Shared)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("candidates = %v; want %v", got, tt.want)
			}
			if tt.oversized >= 0 && st.Oversized != tt.oversized || tt.oversized < 0 && st.Oversized == 0 {
				t.Errorf("oversized = %d; want %d (-1: some)", st.Oversized, tt.oversized)
			}
		})
	}
	// A document finds itself through all of its keys.
	cands, _, err := ix.Query(&docs[1].Sketch, index.QueryOptions{MinShared: 128})
	if err != nil || len(cands) != 1 || cands[0].Path != "other.txt" || cands[0].Shared != 128 || cands[0].ID != 2 {
		t.Errorf("self query = %+v, %v; want other.txt, id 2, 128 shared", cands, err)
	}
}

func TestLocked(t *testing.T) {
	ix := index.TestIndex(t)
	path := ix.Path()
	_, err := index.Open(path, index.Options{LockTimeout: 50 * time.Millisecond, ReadOnly: true})
	if !errors.Is(err, index.ErrLocked) {
		t.Fatalf("Open while a writer holds the index: %v; want ErrLocked", err)
	}
	if want := fmt.Sprintf("index %q is locked by another process", path); err.Error() != want {
		t.Errorf("error = %q; want %q", err, want)
	}
	// Waiting is called once the lock is found held, when the wait is longer than the probe.
	for _, tt := range []struct {
		timeout time.Duration
		calls   int
	}{{50 * time.Millisecond, 0}, {400 * time.Millisecond, 1}} {
		calls := 0
		_, err := index.Open(path, index.Options{LockTimeout: tt.timeout, ReadOnly: true, Waiting: func() { calls++ }})
		if !errors.Is(err, index.ErrLocked) || calls != tt.calls {
			t.Errorf("Open with a wait of %v: %v, Waiting called %d times; want ErrLocked and %d", tt.timeout, err, calls, tt.calls)
		}
	}
	ix.Close()

	// Readers share the index, and keep writers out.
	var readers []*index.Index
	for range 2 {
		r, err := index.Open(path, index.Options{LockTimeout: 50 * time.Millisecond, ReadOnly: true})
		if err != nil {
			t.Fatalf("second reader: %v", err)
		}
		readers = append(readers, r)
	}
	if _, err := index.Open(path, index.Options{LockTimeout: 50 * time.Millisecond}); !errors.Is(err, index.ErrLocked) {
		t.Errorf("writer while readers hold the index: %v; want ErrLocked", err)
	}
	if _, err := readers[0].Add([]index.Document{article(t, "a.txt", 1)}); !errors.Is(err, index.ErrReadOnly) {
		t.Errorf("Add on a reader: %v; want ErrReadOnly", err)
	}
	for _, r := range readers {
		r.Close()
	}
}

// TestCommonShingles adds CommonSample documents that all carry one boilerplate sentence: its
// shingles are learned as common, left out of every signature, and the index stays consistent.
func TestCommonShingles(t *testing.T) {
	ix := index.TestIndex(t)
	const boiler = "Subscribe to the Daily Courier newsletter for breaking stories delivered every morning."
	docs := make([]index.Document, index.CommonSample)
	for i := range docs {
		r := rand.New(rand.NewPCG(uint64(i), 3))
		docs[i] = index.TestDocument(t, fmt.Sprintf("%04d.txt", i), text(r, 6)+boiler)
	}
	// One batch short of the sample learns nothing; the batch that reaches it learns.
	for _, batch := range [][]index.Document{docs[:500], docs[500:]} {
		if _, err := ix.Add(batch); err != nil {
			t.Fatal(err)
		}
	}
	b := index.TestDocument(t, "boiler.txt", boiler)
	boilerShingles := b.Sketch.Shingles(nil, 2)
	st, err := ix.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.CommonDocuments != index.CommonSample || st.CommonShingles != len(boilerShingles) {
		t.Errorf("common shingles %d from %d documents; want %d from %d",
			st.CommonShingles, st.CommonDocuments, len(boilerShingles), index.CommonSample)
	}
	if err := ix.CheckIntegrity(t.Context()); err != nil {
		t.Fatal(err)
	}
	// The boilerplate alone now has no signed shingle and finds nothing.
	if cands, _, err := ix.Query(&b.Sketch, index.QueryOptions{}); err != nil || len(cands) != 0 {
		t.Errorf("boilerplate query = %d candidates, %v; want none", len(cands), err)
	}
	// The set is stored: a reopened index signs the same way.
	path := ix.Path()
	ix.Close()
	ix, err = index.Open(path, index.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	cands, _, err := ix.Query(&docs[7].Sketch, index.QueryOptions{MinShared: 128})
	if err != nil || len(cands) != 1 || cands[0].Path != "0007.txt" {
		t.Errorf("self query after reopening = %v, %v; want 0007.txt with every key", cands, err)
	}
}

func TestConcurrentQueries(t *testing.T) {
	ix := index.TestIndex(t)
	docs := make([]index.Document, 50)
	for i := range docs {
		docs[i] = article(t, fmt.Sprintf("%02d.txt", i), uint64(i))
	}
	if _, err := ix.Add(docs); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(docs); i += 4 {
				cands, _, err := ix.Query(&docs[i].Sketch, index.QueryOptions{MinShared: 128})
				if err != nil || len(cands) != 1 || cands[0].Path != docs[i].Path {
					t.Errorf("query %s = %v, %v", docs[i].Path, cands, err)
				}
			}
		})
	}
	wg.Wait()
}

func TestMinShared(t *testing.T) {
	tests := []struct {
		bands, rows     int
		jaccard, recall float64
		want            int
	}{
		{256, 1, 0.05, 0.95, 7}, // P(shared >= 7) = 0.974, P(shared >= 8) = 0.94
		{128, 1, 0.05, 0.95, 3}, // 0.957
		{64, 1, 0.05, 0.95, 1},  // 0.963
		{256, 1, 0.1, 0.99, 15},
		{128, 2, 0.05, 0.95, 1}, // 0.0025 per band: even one shared band is unlikely
		{256, 1, 0, 0.95, 1},
		{256, 1, 1, 0.95, 1},
		{10000, 1, 0.05, 0.95, 464}, // (1-p)^bands underflows outside log space
	}
	for _, tt := range tests {
		if got := index.MinShared(tt.bands, tt.rows, tt.jaccard, tt.recall); got != tt.want {
			t.Errorf("MinShared(%d, %d, %v, %v) = %d; want %d", tt.bands, tt.rows, tt.jaccard, tt.recall, got, tt.want)
		}
	}
}

// TestAddUnchangedWritesNothing: adding documents the index holds with the same content leaves
// the file byte for byte as it was (a commit of nothing rewrote its meta and freelist pages,
// and a backup copied it again).
func TestAddUnchangedWritesNothing(t *testing.T) {
	ix := index.TestIndex(t)
	docs := []index.Document{article(t, "a.txt", 1), article(t, "b.txt", 2)}
	if _, err := ix.Add(docs); err != nil {
		t.Fatal(err)
	}
	before := testfs.ReadFile(t, ix.Path())
	st, err := ix.Add(docs)
	if err != nil || st != (index.AddStats{Unchanged: 2}) {
		t.Fatalf("Add again = %+v, %v; want 2 unchanged", st, err)
	}
	if after, err := os.ReadFile(ix.Path()); err != nil || !bytes.Equal(after, before) {
		t.Errorf("the file changed on an add of unchanged documents (%d bytes, %v)", len(after), err)
	}
}
