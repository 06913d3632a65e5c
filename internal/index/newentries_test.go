package index

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// randomDocs returns n documents of random pseudo-words named prefix0.txt, prefix1.txt ...
func randomDocs(t *testing.T, prefix string, n int, seed uint64) []Document {
	r := rand.New(rand.NewPCG(seed, 2))
	docs := make([]Document, n)
	for i := range docs {
		var b strings.Builder
		for range 12 {
			for range 10 {
				fmt.Fprintf(&b, "w%xq ", r.IntN(3000))
			}
			b.WriteString("end. ")
		}
		docs[i] = TestDocument(t, fmt.Sprintf("%s%d.txt", prefix, i), b.String())
	}
	return docs
}

// newEntries returns the band entries in new_bands and in bands.
func newEntries(t *testing.T, ix *Index) (inNew, inBands int) {
	t.Helper()
	err := ix.view(func(tx *bolt.Tx) error {
		var err error
		if b := tx.Bucket(bucketNewBands); b != nil {
			if inNew, err = countPostings(b); err != nil {
				return err
			}
		}
		inBands, err = countPostings(tx.Bucket(bucketBands))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return inNew, inBands
}

// candidates returns what querying each document finds, asking for minShared band keys: the
// paths and shared keys of its candidates.
func candidates(t *testing.T, ix *Index, docs []Document, minShared int) []string {
	t.Helper()
	var out []string
	for _, d := range docs {
		cands, _, err := ix.Query(&d.Sketch, QueryOptions{MinShared: minShared})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cands {
			out = append(out, fmt.Sprintf("%s~%s:%d", d.Path, c.Path, c.Shared))
		}
	}
	return out
}

// TestNewBands: a small batch added to a larger index goes to new_bands, where queries,
// replacements, removals and the integrity check find its entries as in bands, and merging
// them into bands changes no query's answer.
func TestNewBands(t *testing.T) {
	ix := TestIndex(t)
	bulk := randomDocs(t, "bulk", 100, 1)
	if _, err := ix.Add(bulk); err != nil {
		t.Fatal(err)
	}
	if inNew, inBands := newEntries(t, ix); inNew != 0 || inBands == 0 {
		t.Fatalf("a first batch left %d entries in new_bands, %d in bands; want all in bands", inNew, inBands)
	}
	small := randomDocs(t, "small", 3, 2)
	for _, d := range small {
		if _, err := ix.Add([]Document{d}); err != nil {
			t.Fatal(err)
		}
	}
	inNew, inBands := newEntries(t, ix)
	if inNew != 3*ix.params.Bands {
		t.Errorf("%d entries in new_bands after three single documents; want %d", inNew, 3*ix.params.Bands)
	}
	// A copy of a small document (in new_bands) and of a bulk one (in bands), both queried.
	copies := []Document{{Path: "copy-of-small", Sketch: small[1].Sketch}, {Path: "copy-of-bulk", Sketch: bulk[7].Sketch}}
	got := candidates(t, ix, copies, ix.params.Bands/2)
	if want := []string{fmt.Sprintf("copy-of-small~small1.txt:%d", ix.params.Bands), fmt.Sprintf("copy-of-bulk~bulk7.txt:%d", ix.params.Bands)}; !slices.Equal(got, want) {
		t.Errorf("candidates of the copies %q; want %q", got, want)
	}
	// Replace a document of each bucket by another text, remove one of each.
	other := randomDocs(t, "other", 2, 3)
	other[0].Path, other[1].Path = small[0].Path, bulk[0].Path
	for _, d := range other {
		if _, err := ix.Add([]Document{d}); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Remove(small[2].Path, bulk[1].Path); err != nil {
		t.Fatal(err)
	}
	if err := ix.CheckIntegrity(t.Context()); err != nil {
		t.Fatal(err)
	}
	all := slices.Concat(bulk, small, other)
	before := candidates(t, ix, all, 1)
	if _, err := ix.mergeNew(t.Context(), true); err != nil {
		t.Fatal(err)
	}
	n, m := newEntries(t, ix)
	if n != 0 || m != inNew+inBands-2*ix.params.Bands {
		t.Errorf("after the merge: %d entries in new_bands, %d in bands; want 0, %d", n, m, inNew+inBands-2*ix.params.Bands)
	}
	if err := ix.CheckIntegrity(t.Context()); err != nil {
		t.Fatal(err)
	}
	if after := candidates(t, ix, all, 1); !slices.Equal(after, before) {
		t.Errorf("the merge changed the candidates:\n%q\nwant\n%q", after, before)
	}
}

// TestNewBandsMerge: MergeNew merges new_bands into bands once it holds a newShare-th of the
// index's entries, not before; a cancelled context merges nothing.
func TestNewBandsMerge(t *testing.T) {
	defer func(m int) { newMin = m }(newMin)
	newMin = 0
	ix := TestIndex(t)
	if _, err := ix.Add(randomDocs(t, "bulk", 200, 1)); err != nil {
		t.Fatal(err)
	}
	limit := 200 * ix.params.Bands / newShare
	pending := 0
	for i, d := range randomDocs(t, "small", 20, 2) {
		if _, err := ix.Add([]Document{d}); err != nil {
			t.Fatal(err)
		}
		cancelled, cancel := context.WithCancel(t.Context())
		cancel()
		if merged, err := ix.MergeNew(cancelled); merged {
			t.Fatalf("add %d: a cancelled MergeNew merged (%v)", i, err)
		}
		merged, err := ix.MergeNew(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		inNew, _ := newEntries(t, ix)
		if merged != (inNew == 0) {
			t.Fatalf("add %d: MergeNew says merged %v with %d entries left", i, merged, inNew)
		}
		if pending+ix.params.Bands < limit {
			if inNew != pending+ix.params.Bands {
				t.Fatalf("add %d: %d entries in new_bands; want %d, below %d", i, inNew, pending+ix.params.Bands, limit)
			}
		} else if inNew != 0 {
			t.Fatalf("add %d: %d entries in new_bands; want them merged at %d", i, inNew, limit)
		} else {
			if err := ix.CheckIntegrity(t.Context()); err != nil {
				t.Fatal(err)
			}
			return
		}
		pending = inNew
	}
	t.Fatal("new_bands was never merged")
}

// TestNewEntriesUnchanged: a batch is small by the documents it changes: an archive added
// again whole with a few new documents writes them to the new buckets.
func TestNewEntriesUnchanged(t *testing.T) {
	ix := TestIndex(t)
	bulk := randomDocs(t, "bulk", 100, 1)
	if _, err := ix.Add(bulk); err != nil {
		t.Fatal(err)
	}
	st, err := ix.Add(append(bulk, randomDocs(t, "new", 2, 2)...))
	if err != nil || st.Added != 2 || st.Unchanged != 100 {
		t.Fatalf("Add = %+v, %v; want 2 added, 100 unchanged", st, err)
	}
	if inNew, _ := newEntries(t, ix); inNew != 2*ix.params.Bands {
		t.Errorf("%d entries in new_bands; want the 2 new documents' %d", inNew, 2*ix.params.Bands)
	}
}

// TestOpenFormat6: an index of format 6, without new_bands, is read as it is and gets the
// bucket, and format 7, with its first small batch.
func TestOpenFormat6(t *testing.T) {
	ix := TestIndex(t)
	docs := randomDocs(t, "d", 40, 1)
	if _, err := ix.Add(docs); err != nil {
		t.Fatal(err)
	}
	ix, err := reopenAfter(t, ix, func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketMeta).Put([]byte(metaFormat), []byte("6")); err != nil {
			return err
		}
		return tx.DeleteBucket(bucketNewBands)
	})
	if err != nil {
		t.Fatal(err)
	}
	if ix.Format() != 6 {
		t.Errorf("Format() = %d; want 6", ix.Format())
	}
	query := []Document{{Path: "copy", Sketch: docs[3].Sketch}}
	if got, want := candidates(t, ix, query, ix.params.Bands/2), fmt.Sprintf("copy~d3.txt:%d", ix.params.Bands); !slices.Equal(got, []string{want}) {
		t.Errorf("candidates of a copy in a format-6 index: %q; want %q", got, want)
	}
	if _, err := ix.Add(randomDocs(t, "new", 1, 2)); err != nil {
		t.Fatal(err)
	}
	if inNew, _ := newEntries(t, ix); inNew != ix.params.Bands {
		t.Errorf("%d entries in new_bands; want the new document's %d", inNew, ix.params.Bands)
	}
	ix = reopenedAfterAdd(t, ix)
	if err := ix.CheckIntegrity(t.Context()); err != nil {
		t.Error(err)
	}
}

// dfOf returns the document frequencies ix reads, df and new_df together.
func dfOf(t *testing.T, ix *Index) map[uint32]uint32 {
	t.Helper()
	got := map[uint32]uint32{}
	if err := ix.view(func(tx *bolt.Tx) error { return readDF(tx, func(term, n uint32) { got[term] = n }) }); err != nil {
		t.Fatal(err)
	}
	return got
}

// answers returns what querying each document finds, by path: its candidates' paths, shared
// band keys and anchors.
func answers(t *testing.T, ix *Index, docs []Document) []string {
	t.Helper()
	var out []string
	for _, d := range docs {
		cands, _, err := ix.Query(&d.Sketch, QueryOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cands {
			out = append(out, fmt.Sprintf("%s~%s:%d:%d", d.Path, c.Path, c.Shared, c.Anchors))
		}
	}
	slices.Sort(out) // the two indexes number the documents differently
	return out
}

// TestNewEntriesMatchBulk: an index that took single documents, replacements and removals into
// its new buckets answers every query, and counts every term, as one that took the final
// documents in one batch; once merged, its counts of entries and common anchors are the same
// too. Two passages that 36 of the documents share each make their anchors common (more than
// Anchor.MaxDocs documents) in the bulk, and are added to in new_anchors; the removals bring
// the first back to a list.
func TestNewEntriesMatchBulk(t *testing.T) {
	passages := []string{
		" The harbour board met on Monday and voted to dredge the channel before the spring tides, the chairman said. Ships of deep draught ran aground twice this winter.",
		" Prizes for the best dairy herd went to a farmer from the valley, whose cows gave more milk than any in the state. The judges praised the new barns.",
	}
	withPassage := func(docs []Document, every int, seed uint64) {
		r := rand.New(rand.NewPCG(seed, 3))
		for i := range docs {
			text := fmt.Sprintf("Story %d of %d about the county fair and its prize cattle.", r.IntN(1000), i)
			switch i % every {
			case 0:
				text += passages[0]
			case 1:
				text += passages[1]
			default:
				continue
			}
			docs[i] = TestDocument(t, docs[i].Path, text+" "+fmt.Sprint(r.Uint64()))
		}
	}
	bulk := randomDocs(t, "bulk", 90, 1)
	withPassage(bulk, 3, 1) // 30 documents each passage
	small := randomDocs(t, "small", 12, 2)
	withPassage(small, 2, 2) // 6 documents each
	replacements := randomDocs(t, "r", 3, 4)
	replacements[0].Path, replacements[1].Path, replacements[2].Path = small[0].Path, small[1].Path, bulk[0].Path
	var removed []string
	for i := 3; i < 45; i += 3 {
		removed = append(removed, bulk[i].Path) // 14 holding the first passage
	}
	removed = append(removed, small[2].Path, small[5].Path)
	// The first passage is left in 15 + 4 documents, the second in 30 + 4.

	b := TestIndex(t)
	if _, err := b.Add(bulk); err != nil {
		t.Fatal(err)
	}
	for _, d := range slices.Concat(small, replacements) {
		if _, err := b.Add([]Document{d}); err != nil {
			t.Fatal(err)
		}
	}
	if inNew, _ := newEntries(t, b); inNew == 0 {
		t.Fatal("no entry in new_bands: the test adds nothing to the new buckets")
	}
	if err := b.Remove(removed...); err != nil {
		t.Fatal(err)
	}
	if err := b.CheckIntegrity(t.Context()); err != nil {
		t.Fatal(err)
	}

	final := map[string]Document{}
	for _, d := range slices.Concat(bulk, small, replacements) {
		final[d.Path] = d
	}
	for _, p := range removed {
		delete(final, p)
	}
	var docs []Document
	for _, p := range slices.Sorted(maps.Keys(final)) {
		docs = append(docs, final[p])
	}
	a := TestIndex(t)
	if _, err := a.Add(docs); err != nil {
		t.Fatal(err)
	}

	want, wantDF := answers(t, a, docs), dfOf(t, a)
	if got := answers(t, b, docs); !slices.Equal(got, want) {
		t.Errorf("answers with new entries:\n%q\nwant\n%q", got, want)
	}
	if got := dfOf(t, b); !maps.Equal(got, wantDF) {
		t.Errorf("document frequencies with new entries differ: %d terms, want %d", len(got), len(wantDF))
	}
	if _, err := b.mergeNew(t.Context(), true); err != nil {
		t.Fatal(err)
	}
	if err := b.CheckIntegrity(t.Context()); err != nil {
		t.Fatal(err)
	}
	if got := answers(t, b, docs); !slices.Equal(got, want) {
		t.Errorf("answers after the merge:\n%q\nwant\n%q", got, want)
	}
	if got := dfOf(t, b); !maps.Equal(got, wantDF) {
		t.Errorf("document frequencies after the merge differ: %d terms, want %d", len(got), len(wantDF))
	}
	sa, err := a.Stats()
	if err != nil {
		t.Fatal(err)
	}
	sb, err := b.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if sb.BandEntries != sa.BandEntries || sb.NewBandEntries != 0 || sb.AnchorEntries != sa.AnchorEntries || sb.CommonAnchors != sa.CommonAnchors || sa.CommonAnchors == 0 {
		t.Errorf("after the merge: %d band entries (%d new), %d anchor entries, %d common anchors; want %d (0), %d, %d (not 0)",
			sb.BandEntries, sb.NewBandEntries, sb.AnchorEntries, sb.CommonAnchors, sa.BandEntries, sa.AnchorEntries, sa.CommonAnchors)
	}
}
