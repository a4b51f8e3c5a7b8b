package storage

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"photoconsent/app/register"
)

// TestConcurrentUse runs readers, writers and keyring edits at once, then
// closes the store under them: everything either works or says ErrClosed.
func TestConcurrentUse(t *testing.T) {
	db, _ := initStore(t, newFolder(t, t.TempDir(), nil))
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for w := range 4 {
		wg.Go(func() {
			for i := range 50 {
				key := fmt.Sprintf("pupil/%d/%d", w, i)
				err := db.Update(func(tx register.Tx) error { return tx.Put(key, pupil{Seq: i}) })
				if err == nil {
					err = db.View(func(tx register.Tx) error {
						return tx.Scan("pupil/", func(string, func(any) error) error { return nil })
					})
				}
				if err != nil && !errors.Is(err, ErrClosed) {
					errs <- err
					return
				}
			}
		})
	}
	wg.Go(func() {
		for i := range 5 {
			err := db.SetPassword(fmt.Sprint("acct-", i), fmt.Sprint("staff", i), "pw")
			if err != nil && !errors.Is(err, ErrClosed) {
				errs <- err
				return
			}
		}
	})
	wg.Go(func() { closeDB(t, db) })
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestCloseWithKeyRotation: closing flushes the memtable, and Badger may seal
// a fresh internal key under ours as it does. Our key must still be intact
// then, or the flushed table is sealed under zeros and lost.
func TestCloseWithKeyRotation(t *testing.T) {
	defer func(d time.Duration) { keyRotation = d }(keyRotation)
	keyRotation = time.Nanosecond
	dir := t.TempDir()
	f := newFolder(t, dir, nil)
	db, _ := initStore(t, f)
	putAll(t, db, map[string]any{"pupil/1": pupil{Seq: 1}})
	closeDB(t, db)
	db = unlock(t, f, "head", headPW)
	if p, ok := getPupil(t, db, "pupil/1"); !ok || p.Seq != 1 {
		t.Errorf("after close and reopen: %+v, found %v", p, ok)
	}
}
