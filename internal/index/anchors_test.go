package index_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/anchor"
	"github.com/dedupe-dev/dedupe/internal/index"
	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// anchorSet returns the distinct anchors of sk with the parameters of p, as package anchor
// picks them for a scan.
func anchorSet(sk *sketch.Sketch, p index.Params) []uint32 {
	as, _ := anchor.Document(nil, nil, sk, p.ShingleSize, p.Anchor.Window)
	slices.Sort(as)
	return slices.Compact(as)
}

// TestQueryAnchors checks the candidates of shared rare anchors: a passage shared with an
// archived document that is a small part of both makes it a candidate with no band key in
// common; an anchor counts while the archived documents holding it and the query number at
// most Anchor.MaxDocs, so that a query finds what a scan of the archive and the query would;
// adding documents past MaxDocs makes the passage's anchors common, and removing them makes
// them rare again, listing their documents anew.
func TestQueryAnchors(t *testing.T) {
	p := index.TestParams()
	p.Anchor.MaxDocs = 3
	ix := create(t, p)
	r := rand.New(rand.NewPCG(3, 3))
	passage := text(r, 4)
	// Each holder's own text is five times the passage: their shingle Jaccard is low.
	holder := func(path string) index.Document { return index.TestDocument(t, path, text(r, 20)+passage) }
	query := index.TestDocument(t, "new.txt", passage+text(r, 20))
	other := article(t, "other.txt", 5)
	docs := map[string]index.Document{"other.txt": other}
	// With every band key asked for, only the anchors make candidates.
	opts := index.QueryOptions{MinShared: p.Bands}
	qa := anchorSet(&query.Sketch, p)

	// want returns the candidates the anchors of the documents in docs make and the query's
	// anchors that are not rare, counted from each document's anchors.
	want := func() (map[string]int, int) {
		holders := map[uint32][]string{}
		for path, d := range docs {
			for _, a := range anchorSet(&d.Sketch, p) {
				holders[a] = append(holders[a], path)
			}
		}
		shared, notRare := map[string]int{}, 0
		for _, a := range qa {
			switch n := len(holders[a]); {
			case n+1 > p.Anchor.MaxDocs:
				notRare++
			default:
				for _, path := range holders[a] {
					shared[path]++
				}
			}
		}
		for path, n := range shared {
			if n < p.Anchor.MinShared {
				delete(shared, path)
			}
		}
		return shared, notRare
	}
	steps := []struct {
		name       string
		add        []string
		remove     []string
		candidates []string
		notRare    bool // the query's anchors of the passage are not rare
		common     bool // the passage's anchors are common: no posting list kept
	}{
		{"one holder", []string{"a.txt", "other.txt"}, nil, []string{"a.txt"}, false, false},
		{"two holders and the query: rare", []string{"b.txt"}, nil, []string{"a.txt", "b.txt"}, false, false},
		{"three holders and the query: not rare", []string{"c.txt"}, nil, nil, true, false},
		{"four holders: common", []string{"d.txt"}, nil, nil, true, true},
		{"three holders again: listed, not rare", nil, []string{"d.txt"}, nil, true, false},
		{"two holders again: rare", nil, []string{"c.txt"}, []string{"a.txt", "b.txt"}, false, false},
	}
	for _, s := range steps {
		var add []index.Document
		for _, path := range s.add {
			if _, ok := docs[path]; !ok {
				docs[path] = holder(path)
			}
			add = append(add, docs[path])
		}
		if _, err := ix.Add(add); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if len(s.remove) > 0 {
			if err := ix.Remove(s.remove...); err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
			for _, path := range s.remove {
				delete(docs, path)
			}
		}
		if err := ix.CheckIntegrity(t.Context()); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		cands, st, err := ix.Query(&query.Sketch, opts)
		if err != nil {
			t.Fatal(err)
		}
		shared, notRare := want()
		got := map[string]int{}
		var paths []string
		for _, c := range cands {
			got[c.Path] = c.Anchors
			paths = append(paths, c.Path)
			if c.Shared >= p.Bands {
				t.Errorf("%s: %s shares %d band keys", s.name, c.Path, c.Shared)
			}
		}
		if !slices.Equal(paths, s.candidates) || !reflect.DeepEqual(got, shared) {
			t.Errorf("%s: candidates %v; want %v (anchors shared: want %v)", s.name, got, s.candidates, shared)
		}
		if st.NotRare != notRare || (notRare > 0) != s.notRare {
			t.Errorf("%s: %d anchors not rare; want %d, some: %v", s.name, st.NotRare, notRare, s.notRare)
		}
		ist, err := ix.Stats()
		if err != nil {
			t.Fatal(err)
		}
		if (ist.CommonAnchors > 0) != s.common {
			t.Errorf("%s: %d common anchors; want common %v", s.name, ist.CommonAnchors, s.common)
		}
	}
}

// TestQueryAnchorShare checks that a query proposes by its anchors exactly the archived
// documents that package anchor pairs with it in a corpus of the archive and the query
// (anchor.Pairs, as scan proposes them), at shares 0, 0.1 and 0.3 of the rare anchors of the
// document with fewer: documents made of passages drawn from a pool and text of their own, so
// that an anchor is held by one to several of them, past MaxDocs 4, and documents have few or
// many rare anchors. Some pairs are kept by the query's count of rare anchors, some by the
// archived document's alone, which counts the query among each anchor's documents (an anchor
// of the archived document and the query held by one or MaxDocs archived documents), and the
// share leaves some out.
func TestQueryAnchorShare(t *testing.T) {
	p := index.TestParams()
	p.Anchor.MaxDocs, p.Anchor.MinShared = 4, 3
	ix := create(t, p)
	r := rand.New(rand.NewPCG(13, 13))
	pool := make([]string, 40)
	for i := range pool {
		pool[i] = text(r, 1+r.IntN(3))
	}
	doc := func(path string) index.Document {
		var b strings.Builder
		for range 1 + r.IntN(10) {
			b.WriteString(pool[r.IntN(len(pool))])
		}
		b.WriteString(text(r, r.IntN(8)))
		return index.TestDocument(t, path, b.String())
	}
	archive := make([]index.Document, 30)
	for i := range archive {
		archive[i] = doc(fmt.Sprintf("a%02d.txt", i))
	}
	queries := make([]index.Document, 30)
	sks := make([]*sketch.Sketch, len(queries))
	for i := range queries {
		queries[i] = doc(fmt.Sprintf("q%02d.txt", i))
		sks[i] = &queries[i].Sketch
	}
	if _, err := ix.Add(archive); err != nil {
		t.Fatal(err)
	}
	anchors := make([][]uint32, len(archive)+1)
	for i := range archive {
		anchors[i] = anchorSet(&archive[i].Sketch, p)
	}
	var byQuery, byArchived, left int
	for _, share := range []float64{0, 0.1, 0.3} {
		// Every band key asked for, and one more: only the anchors make candidates.
		res, err := ix.QueryBatch(sks, index.QueryOptions{MinShared: p.Bands + 1, AnchorMinShare: share, Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		ap := p.Anchor
		ap.MinShare = share
		for qi := range queries {
			q := len(archive)
			anchors[q] = anchorSet(&queries[qi].Sketch, p)
			held := map[uint32]int{}
			for _, as := range anchors {
				for _, a := range as {
					held[a]++
				}
			}
			rare := func(as []uint32) int {
				return len(slices.DeleteFunc(slices.Clone(as), func(a uint32) bool { return !ap.Rare(held[a]) }))
			}
			var want []string
			for _, pr := range anchor.Pairs(anchors, ap, 1) {
				if int(pr.B) != q {
					continue
				}
				want = append(want, archive[pr.A].Path)
				shared := len(slices.DeleteFunc(slices.Clone(anchors[pr.A]), func(a uint32) bool {
					_, found := slices.BinarySearch(anchors[q], a)
					return !found || !ap.Rare(held[a])
				}))
				if ap.Enough(shared, rare(anchors[q])) {
					byQuery++
				} else {
					byArchived++
				}
			}
			if share > 0 {
				for _, pr := range anchor.Pairs(anchors, p.Anchor, 1) {
					if int(pr.B) == q && !slices.Contains(want, archive[pr.A].Path) {
						left++
					}
				}
			}
			var got []string
			for _, c := range res[qi].Candidates {
				got = append(got, c.Path)
			}
			if !slices.Equal(got, want) {
				t.Errorf("share %g, %s: candidates %v; want %v", share, queries[qi].Path, got, want)
			}
		}
	}
	if byQuery == 0 || byArchived == 0 || left == 0 {
		t.Errorf("pairs kept by the query's count %d, by the archived document's %d, left out by the share %d: want some of each", byQuery, byArchived, left)
	}
	t.Logf("pairs kept by the query's count %d, by the archived document's %d, left out by the share %d", byQuery, byArchived, left)
}

// TestQueryAnchorsOff checks that an index built with anchor_min_shared 0 stores no anchors
// and proposes by band keys alone.
func TestQueryAnchorsOff(t *testing.T) {
	ix := createBandsOnly(t)
	r := rand.New(rand.NewPCG(3, 3))
	passage := text(r, 4)
	if _, err := ix.Add([]index.Document{index.TestDocument(t, "a.txt", text(r, 20)+passage)}); err != nil {
		t.Fatal(err)
	}
	query := index.TestDocument(t, "new.txt", passage+text(r, 20))
	cands, _, err := ix.Query(&query.Sketch, index.QueryOptions{MinShared: ix.Params().Bands})
	if err != nil || len(cands) != 0 {
		t.Errorf("Query = %v, %v; want no candidates", cands, err)
	}
	st, err := ix.Stats()
	if err != nil || st.AnchorEntries != 0 || st.CommonAnchors != 0 {
		t.Errorf("Stats = %d anchor entries, %d common, %v; want none", st.AnchorEntries, st.CommonAnchors, err)
	}
}
