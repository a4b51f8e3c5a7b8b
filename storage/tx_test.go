package storage

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/register"
)

func TestTx(t *testing.T) {
	db, _ := initStore(t, newFolder(t, t.TempDir(), nil))
	putAll(t, db, map[string]any{
		"pupil/b": pupil{Seq: 2},
		"pupil/a": pupil{Seq: 1},
		"pupil/c": pupil{Seq: 3},
		"pupils":  "not under the prefix pupil/",
		"answer/": 9,
	})

	t.Run("Scan walks the prefix in order, decoding on demand", func(t *testing.T) {
		var keys []string
		var seqs []int
		err := db.View(func(tx register.Tx) error {
			return tx.Scan("pupil/", func(key string, decode func(any) error) error {
				keys = append(keys, key)
				if key == "pupil/b" {
					return nil // not decoded
				}
				var p pupil
				err := decode(&p)
				seqs = append(seqs, p.Seq)
				return err
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"pupil/a", "pupil/b", "pupil/c"}, keys); diff != "" {
			t.Errorf("keys (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]int{1, 3}, seqs); diff != "" {
			t.Errorf("decoded (-want +got):\n%s", diff)
		}
	})

	t.Run("Scan stops at the callback's error", func(t *testing.T) {
		stop := errors.New("stop")
		n := 0
		err := db.View(func(tx register.Tx) error {
			return tx.Scan("", func(string, func(any) error) error { n++; return stop })
		})
		if !errors.Is(err, stop) || n != 1 {
			t.Errorf("got %v after %d keys, want %v after 1", err, n, stop)
		}
	})

	t.Run("Get missing, Delete, Delete missing", func(t *testing.T) {
		err := db.Update(func(tx register.Tx) error {
			var p pupil
			if ok, err := tx.Get("pupil/zz", &p); ok || err != nil {
				t.Errorf("Get of a missing key: %v, %v", ok, err)
			}
			if err := tx.Delete("pupil/a"); err != nil {
				return err
			}
			if ok, err := tx.Get("pupil/a", &p); ok || err != nil {
				t.Errorf("Get after Delete in the same transaction: %v, %v", ok, err)
			}
			return tx.Delete("pupil/zz")
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := getPupil(t, db, "pupil/a"); ok {
			t.Error("deleted key still there")
		}
	})

	t.Run("a failing Update leaves nothing behind", func(t *testing.T) {
		boom := errors.New("boom")
		err := db.Update(func(tx register.Tx) error {
			if err := tx.Put("pupil/new", pupil{Seq: 99}); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("got %v, want %v", err, boom)
		}
		if _, ok := getPupil(t, db, "pupil/new"); ok {
			t.Error("a failed Update's write was committed")
		}
	})

	t.Run("blobs round trip and are copied", func(t *testing.T) {
		blob := bytes.Repeat([]byte{0, 1, 2, 0xff}, 300_000) // 1.2 MB: goes to the value log
		err := db.Update(func(tx register.Tx) error {
			err := tx.PutBlob("scan/1", blob)
			blob[0] = 42 // the caller reuses its buffer before commit
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		var got []byte
		var ok bool
		err = db.View(func(tx register.Tx) error {
			got, ok, err = tx.GetBlob("scan/1")
			return err
		})
		if err != nil || !ok || got[0] != 0 || len(got) != len(blob) {
			t.Errorf("GetBlob: %d bytes starting %v, found %v, %v", len(got), got[:1], ok, err)
		}
	})
}

func TestTxRefusals(t *testing.T) {
	db, _ := initStore(t, newFolder(t, t.TempDir(), nil))
	tests := []struct {
		name string
		do   func(register.Tx) error
		want error // nil: any error
	}{
		{"empty key", func(tx register.Tx) error { return tx.Put("", 1) }, nil},
		{"Badger's reserved prefix", func(tx register.Tx) error { return tx.Put("!badger!head", 1) }, nil},
		{"long key", func(tx register.Tx) error { return tx.Put(strings.Repeat("k", maxKeySize+1), 1) }, ErrTooLarge},
		{"huge value", func(tx register.Tx) error { return tx.PutBlob("k", make([]byte, maxValueSize+1)) }, ErrTooLarge},
		{"unencodable value", func(tx register.Tx) error { return tx.Put("k", func() {}) }, nil},
		{"transaction too big", func(tx register.Tx) error {
			for i := range 10_000 {
				if err := tx.Put(recordKey(i), pupil{Notes: strings.Repeat("x", 1000)}); err != nil {
					return err
				}
			}
			return nil
		}, ErrTxnTooBig},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := db.Update(tt.do)
			if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "kkkkkkkk") {
				t.Errorf("the error quotes the key: %.100s", err)
			}
		})
	}
}

func TestTxUsedAfterEnd(t *testing.T) {
	db, _ := initStore(t, newFolder(t, t.TempDir(), nil))
	putAll(t, db, map[string]any{"a": 1})
	var kept register.Tx
	var keptDecode func(any) error
	err := db.View(func(tx register.Tx) error {
		kept = tx
		return tx.Scan("", func(_ string, decode func(any) error) error {
			keptDecode = decode
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	var v int
	if _, err := kept.Get("a", &v); !errors.Is(err, errTxDone) {
		t.Errorf("Get on a finished Tx: %v", err)
	}
	if err := kept.Scan("", func(string, func(any) error) error { return nil }); !errors.Is(err, errTxDone) {
		t.Errorf("Scan on a finished Tx: %v", err)
	}
	if err := keptDecode(&v); !errors.Is(err, errTxDone) {
		t.Errorf("decode after its Scan step: %v", err)
	}
}

func TestClosedDB(t *testing.T) {
	db, _ := initStore(t, newFolder(t, t.TempDir(), nil))
	closeDB(t, db)
	closeDB(t, db) // twice is fine
	nop := func(register.Tx) error { return nil }
	for name, err := range map[string]error{
		"View":        db.View(nop),
		"Update":      db.Update(nop),
		"SetPassword": db.SetPassword(headID, "head", "x"),
		"RemoveSlot":  db.RemoveSlot(headID),
	} {
		if !errors.Is(err, ErrClosed) {
			t.Errorf("%s after Close: got %v, want %v", name, err, ErrClosed)
		}
	}
}
