package index

import (
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestFormat7 checks that an index of format 7, written before the garble counts, opens with
// its archive's text unknown (the standard decision) and that its first write makes it the
// current format, which a dedupe of format 7, unable to decode the sketches written then,
// refuses.
func TestFormat7(t *testing.T) {
	ix, err := reopenAfter(t, TestIndex(t), func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		for _, k := range garbleKeys {
			if err := meta.Delete([]byte(k)); err != nil {
				return err
			}
		}
		return meta.Put([]byte(metaFormat), []byte("7"))
	})
	if err != nil {
		t.Fatal(err)
	}
	if ix.Format() != 7 {
		t.Errorf("Format() = %d; want 7", ix.Format())
	}
	if g, err := ix.Garble(); g.Known || err != nil {
		t.Errorf("Garble() of a format-7 index: %+v, %v; want not known, nil", g, err)
	}
	if err := ix.CheckIntegrity(t.Context()); err != nil { // read only: no upgrade
		t.Fatal(err)
	}
	if _, err := ix.Add(randomDocs(t, "new", 1, 2)); err != nil {
		t.Fatal(err)
	}
	ix = reopenedAfterAdd(t, ix)
	if g, err := ix.Garble(); g.Known || err != nil {
		t.Errorf("Garble() after an add: %+v, %v; want not known, nil: the documents added before are not counted", g, err)
	}
}

// TestFormat8 checks that an index of format 8, whose sketches do not say whether their
// documents begin with a headline, opens and checks as it is, and that its first write makes
// it format 9, which a dedupe of format 8, unable to decode the sketches written then, refuses.
func TestFormat8(t *testing.T) {
	ix, err := reopenAfter(t, TestIndex(t), func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put([]byte(metaFormat), []byte("8"))
	})
	if err != nil {
		t.Fatal(err)
	}
	if ix.Format() != 8 {
		t.Errorf("Format() = %d; want 8", ix.Format())
	}
	if err := ix.CheckIntegrity(t.Context()); err != nil { // read only: no upgrade
		t.Fatal(err)
	}
	if ix.Format() != 8 {
		t.Errorf("Format() after a check = %d; want 8", ix.Format())
	}
	if _, err := ix.Add(randomDocs(t, "new", 1, 2)); err != nil {
		t.Fatal(err)
	}
	reopenedAfterAdd(t, ix)
}
