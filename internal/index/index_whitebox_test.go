package index

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/sketch"
)

const storyText = "The harbour strike entered its third day on Tuesday as talks between the union and the port authority broke down. Dock workers blocked the gates at dawn."

func TestRecordRoundTrip(t *testing.T) {
	sk := TestDocument(t, "x", storyText).Sketch
	tests := []struct {
		name string
		doc  Document
	}{
		{"undated", Document{Path: "a.txt", Sketch: sk}},
		{"dated with nanoseconds", Document{Path: "wire.jsonl#AP-1", Title: "Strike", Date: time.Date(2025, 12, 2, 9, 30, 0, 123, time.UTC), Sketch: sk}},
		{"before 1970", Document{Path: "old.txt", Date: time.Date(1912, 4, 15, 2, 20, 0, 0, time.UTC), Sketch: sk}},
		{"empty sketch", Document{Path: "ünïcode/\n.txt", Title: "t"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := encodeRecord(&tt.doc)
			if err != nil {
				t.Fatal(err)
			}
			got, err := decodeRecord(7, b)
			if err != nil {
				t.Fatal(err)
			}
			want := Record{ID: 7, Document: tt.doc}
			if want.Sketch.Terms == nil {
				want.Sketch.Terms, want.Sketch.Ends = []uint32{}, []uint32{}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("decodeRecord(encodeRecord(d)) = %+v; want %+v", got, want)
			}
			if d, err := recordDigest(b); err != nil || d != tt.doc.Sketch.Digest {
				t.Errorf("recordDigest = %x, %v; want %x", d, err, tt.doc.Sketch.Digest)
			}
		})
	}
}

func TestDecodeRecordErrors(t *testing.T) {
	good, err := encodeRecord(&Document{Path: "a.txt", Title: "T", Sketch: TestDocument(t, "a", storyText).Sketch})
	if err != nil {
		t.Fatal(err)
	}
	wrongDigest := append([]byte(nil), good...)
	wrongDigest[1] ^= 1
	tests := []struct {
		name string
		b    []byte
		want string
	}{
		{"empty", nil, "corrupt index: document 3: unknown record version or short record"},
		{"unknown version", append([]byte{2}, good[1:]...), "corrupt index: document 3: unknown record version or short record"},
		{"path longer than the record", append(good[:9:9], 200, 'a'), "corrupt index: document 3: bad path"},
		{"cut in the sketch", good[:len(good)-3], "corrupt index: document 3: corrupt sketch"},
		{"digest of another text", wrongDigest, "corrupt index: document 3: digest differs from its sketch's"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeRecord(3, tt.b)
			if !errors.Is(err, ErrCorrupt) || err.Error() != tt.want {
				t.Errorf("decodeRecord = %v; want %q", err, tt.want)
			}
		})
	}
}

// TestCorruptIndex damages an index behind its back and checks that every read reports
// ErrCorrupt instead of a wrong answer or a panic.
func TestCorruptIndex(t *testing.T) {
	a := TestDocument(t, "a.txt", storyText)
	tests := []struct {
		name   string
		damage func(tx *bolt.Tx) error
		// which operations must fail
		lookup, query, open bool
	}{
		{"garbage record", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketDocs).Put(putID(nil, 1), []byte("garbage"))
		}, true, true, false},
		{"record deleted", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketDocs).Delete(putID(nil, 1))
		}, true, true, false},
		{"meta key deleted", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketMeta).Delete([]byte("num_perm"))
		}, false, false, true},
		{"meta value garbled", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketMeta).Put([]byte("bands"), []byte("many"))
		}, false, false, true},
		{"posting list garbled", func(tx *bolt.Tx) error {
			c := tx.Bucket(bucketBands).Cursor()
			k, _ := c.First()
			return c.Bucket().Put(bytes.Clone(k), []byte{3, 1})
		}, false, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := TestIndex(t)
			if _, err := ix.Add([]Document{a}); err != nil {
				t.Fatal(err)
			}
			if err := ix.db.Update(tt.damage); err != nil {
				t.Fatal(err)
			}
			if _, err := ix.Lookup("a.txt"); tt.lookup != errors.Is(err, ErrCorrupt) {
				t.Errorf("Lookup: %v; want corrupt %v", err, tt.lookup)
			}
			if _, _, err := ix.Query(&a.Sketch, QueryOptions{}); tt.query != errors.Is(err, ErrCorrupt) {
				t.Errorf("Query: %v; want corrupt %v", err, tt.query)
			}
			if err := ix.CheckIntegrity(t.Context()); (tt.lookup || tt.query) && !errors.Is(err, ErrCorrupt) {
				t.Errorf("CheckIntegrity: %v; want ErrCorrupt", err)
			}
			path := ix.Path()
			ix.Close()
			ix2, err := Open(path, Options{})
			if err == nil {
				ix2.Close()
			}
			if tt.open != errors.Is(err, ErrCorrupt) {
				t.Errorf("Open: %v; want corrupt %v", err, tt.open)
			}
		})
	}
}

func TestOpenOtherFormat(t *testing.T) {
	tests := []struct {
		format int
		want   string
	}{
		{FormatVersion + 1, fmt.Sprintf("has format %d, newer than this dedupe reads (%d): upgrade dedupe", FormatVersion+1, FormatVersion)},
		// Format 1 filed every band entry as its own key: its bands bucket cannot be read as
		// posting lists.
		{1, "has format 1, which this dedupe cannot migrate: rebuild it (delete the file, then add the archive again with dedupe index add)"},
		// Format 2 has no df bucket: check could not weigh evidence as scan does.
		{2, "has format 2, without the words' document frequencies that format 9 stores for weighing evidence: rebuild it (delete the file, then add the archive again with dedupe index add)"},
		// Format 3's sketches have no word ends: check could not measure the stop words of
		// aligned sentences as scan does.
		{3, "has format 3, whose sketches lack the sentences' word counts that format 9 stores for weighing evidence: rebuild it (delete the file, then add the archive again with dedupe index add)"},
		// Format 4's sketches have no capitals: check could not tell names that two documents
		// fill one formula with from other words, as scan does.
		{4, "has format 4, whose sketches lack the capitals that format 9 stores for telling names from other words: rebuild it (delete the file, then add the archive again with dedupe index add)"},
	}
	for _, tt := range tests {
		_, err := reopenAfter(t, TestIndex(t), func(tx *bolt.Tx) error {
			return tx.Bucket(bucketMeta).Put([]byte(metaFormat), []byte(fmt.Sprint(tt.format)))
		})
		if err == nil || !strings.HasSuffix(err.Error(), tt.want) {
			t.Errorf("format %d: Open = %v; want ...%q", tt.format, err, tt.want)
		}
	}
}

// reopenAfter changes ix's file by change, closes ix and opens the file again, as a later
// command would, and returns what Open returns.
func reopenAfter(t *testing.T, ix *Index, change func(tx *bolt.Tx) error) (*Index, error) {
	t.Helper()
	if err := ix.db.Update(change); err != nil {
		t.Fatal(err)
	}
	path := ix.Path()
	ix.Close()
	return Open(path, Options{})
}

// reopenedAfterAdd closes ix, an index of an older format just added to, and opens its file
// again, closed when t ends, reporting an error unless the add made it FormatVersion.
func reopenedAfterAdd(t *testing.T, ix *Index) *Index {
	t.Helper()
	path := ix.Path()
	ix.Close()
	ix = TestOpen(t, path, Options{})
	if ix.Format() != FormatVersion {
		t.Errorf("Format() after an add = %d; want %d", ix.Format(), FormatVersion)
	}
	return ix
}

func TestOtherCode(t *testing.T) {
	_, err := reopenAfter(t, TestIndex(t), func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put([]byte("normalizer_version"), []byte("0"))
	})
	var pe *ParamError
	if !errors.As(err, &pe) || pe.Param != "normalizer_version" || pe.Index != "0" {
		t.Errorf("Open = %v; want a ParamError on normalizer_version", err)
	}
	want := fmt.Sprintf("was built with normalizer_version 0, not %d (this dedupe): %s", normalize.Version, Rebuild)
	if err == nil || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("Open = %v; want it to end %q", err, want)
	}
	// An index of a newer dedupe: that one can read it, and deleting it would throw it away.
	newer := strconv.Itoa(normalize.Version + 1)
	_, err = reopenAfter(t, TestIndex(t), func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put([]byte("normalizer_version"), []byte(newer))
	})
	want = fmt.Sprintf("was built with normalizer_version %s, not %d (this dedupe): a newer dedupe built it; use that one, or delete the file and add the archive again with this one", newer, normalize.Version)
	if err == nil || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("Open = %v; want it to end %q", err, want)
	}
}

func FuzzDecodeRecord(f *testing.F) {
	for _, d := range []Document{
		{Path: "a.txt", Sketch: sketch.Sketch{Terms: []uint32{1, 2, 3}, Ends: []uint32{2, 3}, Words: 5, Digest: 9}},
		{Path: "b#1", Title: "t", Date: time.Unix(1e9, 5).UTC()},
	} {
		b, err := encodeRecord(&d)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		rec, err := decodeRecord(1, b)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error %v does not wrap ErrCorrupt", err)
			}
			return
		}
		again, err := encodeRecord(&rec.Document)
		if err != nil {
			t.Fatal(err)
		}
		rec2, err := decodeRecord(1, again)
		if err != nil || !reflect.DeepEqual(rec, rec2) {
			t.Fatalf("round trip: %+v, %v; want %+v", rec2, err, rec)
		}
	})
}

func TestPostingsRoundTrip(t *testing.T) {
	for _, ids := range [][]uint64{{}, {1}, {1, 2, 3}, {5, 300, 70000, 1 << 40, math.MaxUint64}} {
		b := appendPostings([]byte{0xff}, ids)[1:]
		got, err := appendIDs([]uint64{9}, b)
		if err != nil || !slices.Equal(got, append([]uint64{9}, ids...)) {
			t.Errorf("appendIDs(appendPostings(%v)) = %v, %v", ids, got, err)
		}
		if n, _, err := postingsLen(b); n != len(ids) || err != nil {
			t.Errorf("postingsLen(appendPostings(%v)) = %d, %v", ids, n, err)
		}
	}
	if ids, err := appendIDs(nil, nil); ids != nil || err != nil {
		t.Errorf("appendIDs of a missing key = %v, %v; want no ids", ids, err)
	}
	good := appendPostings(nil, []uint64{4, 9})
	for _, b := range [][]byte{
		{},                       // no count
		{2, 4},                   // fewer ids than counted
		append(good, 1),          // bytes after the last id
		{2, 4, 0},                // the same id twice
		{1, 0x80},                // cut in a uvarint
		{0xff, 0xff, 0xff, 0x0f}, // a count larger than the list could hold
	} {
		if _, err := appendIDs(nil, b); !errors.Is(err, ErrCorrupt) {
			t.Errorf("appendIDs(%v) = %v; want ErrCorrupt", b, err)
		}
	}
}

// TestParamSpecs checks that ParamSpecs stores every field of Params, once, and that the
// stored text reads back as the same parameters.
func TestParamSpecs(t *testing.T) {
	// The fields of Params, those of its structs (Anchor) by their dotted paths.
	var names []string
	var walk func(typ reflect.Type, prefix string)
	walk = func(typ reflect.Type, prefix string) {
		for i := range typ.NumField() {
			switch f := typ.Field(i); {
			case prefix+f.Name == "Anchor.MinShare": // not stored (see Params.Anchor)
			case f.Type.Kind() == reflect.Struct:
				walk(f.Type, prefix+f.Name+".")
			default:
				names = append(names, prefix+f.Name)
			}
		}
	}
	walk(reflect.TypeFor[Params](), "")
	for _, f := range names {
		if n := len(ParamSpecs.Pick(f)); n != 1 {
			t.Errorf("Params.%s has %d specs in ParamSpecs; want 1", f, n)
		}
	}
	if len(ParamSpecs) != len(names) {
		t.Errorf("%d specs for %d fields of Params", len(ParamSpecs), len(names))
	}
	want := TestParams()
	fields := want.fields()
	got, err := parseParams(func(key string) (string, error) {
		i := slices.IndexFunc(fields, func(f Field) bool { return f.Key == key })
		return fields[i].Value, nil
	})
	if err != nil || got != want {
		t.Errorf("parseParams(fields()) = %+v, %v; want %+v", got, err, want)
	}
}

// TestOpenFormat5 checks that an index of format 5, built before the anchors, opens as an
// index that stores none (anchor_min_shared 0): its candidates are the band keys' alone, and
// documents can be added, removed and checked as before.
func TestOpenFormat5(t *testing.T) {
	ix := TestIndex(t)
	story := TestDocument(t, "story.txt", strings.Repeat("The harbour board met on Monday and voted to dredge the channel. ", 3)+
		"Ships of deep draught have run aground twice this winter, the pilots said.")
	if _, err := ix.Add([]Document{story}); err != nil {
		t.Fatal(err)
	}
	// What format 5 wrote: no anchors bucket, no anchor meta entries.
	ix, err := reopenAfter(t, ix, func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		for _, k := range []string{"anchor_window", "anchor_max_docs", "anchor_min_shared", anchorCode.Key} {
			if err := meta.Delete([]byte(k)); err != nil {
				return err
			}
		}
		if err := meta.Put([]byte(metaFormat), []byte("5")); err != nil {
			return err
		}
		return tx.DeleteBucket(bucketAnchors)
	})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	want := TestParams()
	want.Anchor.MinShared = 0
	if ix.Format() != 5 || ix.Params() != want {
		t.Errorf("format %d, params %+v; want 5, %+v", ix.Format(), ix.Params(), want)
	}
	if _, err := ix.Add([]Document{TestDocument(t, "other.txt", "A different story about the county fair and its prize cattle.")}); err != nil {
		t.Fatal(err)
	}
	cands, _, err := ix.Query(&story.Sketch, QueryOptions{})
	if err != nil || len(cands) != 1 || cands[0].Path != "story.txt" || cands[0].Anchors != 0 {
		t.Errorf("Query = %+v, %v; want story.txt by its band keys", cands, err)
	}
	if err := ix.Remove("other.txt"); err != nil {
		t.Fatal(err)
	}
	if err := ix.CheckIntegrity(t.Context()); err != nil {
		t.Error(err)
	}
}
