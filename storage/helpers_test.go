package storage

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"photoconsent/app/register"
)

// Test accounts. Passwords need not meet the app's policy here.
const (
	headID   = "acct-head"
	headPW   = "Correct-Horse-9"
	officeID = "acct-office"
	officePW = "Battery-Staple-7"
)

// clock is a settable time source for the backoff.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// newFolder opens a fresh data folder with the cheap test KDF.
func newFolder(t testing.TB, dir string, c *clock) *Folder {
	t.Helper()
	opt := Options{KDF: InsecureTestKDF}
	if c != nil {
		opt.Now = c.Now
	}
	f, err := OpenFolder(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// initStore makes a store with a head account and returns it open, with the
// recovery key. The DB is closed at the end of the test if still open.
func initStore(t testing.TB, f *Folder) (*DB, string) {
	t.Helper()
	db, recovery, err := f.Init(headID, "head", headPW)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { closeDB(t, db) })
	return db, recovery
}

func closeDB(t testing.TB, db *DB) {
	t.Helper()
	if err := db.Close(); err != nil {
		t.Error(err)
	}
}

func unlock(t testing.TB, f *Folder, login, pw string) *DB {
	t.Helper()
	db, _, err := f.Unlock(login, pw)
	if err != nil {
		t.Fatalf("Unlock(%q): %v", login, err)
	}
	t.Cleanup(func() { closeDB(t, db) })
	return db
}

// pupil is a pupil-like record, the shape the register stores.
type pupil struct {
	Seq     int    `json:"seq"`
	Surname string `json:"surname"`
	UPN     string `json:"upn"`
	Email   string `json:"email"`
	Notes   string `json:"notes"`
}

func putAll(t testing.TB, db *DB, kv map[string]any) {
	t.Helper()
	err := db.Update(func(tx register.Tx) error {
		for k, v := range kv {
			if err := tx.Put(k, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func getPupil(t testing.TB, db *DB, key string) (pupil, bool) {
	t.Helper()
	var p pupil
	var ok bool
	err := db.View(func(tx register.Tx) error {
		var err error
		ok, err = tx.Get(key, &p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return p, ok
}

// badgerLocked reports whether db/ is held open: Badger writes a LOCK file
// (the holder's pid) while it runs and removes it on Close.
func badgerLocked(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, dbDirName, "LOCK"))
	return !errors.Is(err, os.ErrNotExist)
}

func contains(b []byte, s string) bool { return bytes.Contains(b, []byte(s)) }

func recordKey(i int) string { return fmt.Sprintf("pupil/%06d", i) }
