package storage

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/register"
)

// TestKillDurability SIGKILLs a child mid-write at several points. Every
// record it was told was committed must be there, the store must open
// cleanly, and nothing may be on disk in the clear, not even the write-ahead
// log of the batch it was killed in.
func TestKillDurability(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns writer processes")
	}
	for _, killAt := range []int{20, 2_000, 20_000} { // the last crosses a memtable flush
		t.Run(fmt.Sprint(killAt), func(t *testing.T) {
			dir := t.TempDir()
			db, _ := initStore(t, newFolder(t, dir, nil))
			closeDB(t, db)

			acked := startChild(t, "write", dir).killAfter(t, killAt)
			assertNoNeedles(t, dir)

			db = unlock(t, newFolder(t, dir, nil), "head", headPW)
			checkAcked(t, db, acked)
			closeDB(t, db)
			assertNoNeedles(t, dir)
		})
	}
}

// TestKillControl proves the scan after a kill would see plaintext: the same
// child writing to an unencrypted Badger leaves every needle on disk.
func TestKillControl(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns writer processes")
	}
	dir := t.TempDir()
	startChild(t, "write", dir, helperPlain+"=1").killAfter(t, 200)
	assertAllNeedles(t, dir)
}

// checkAcked reads every acknowledged record back and scans the rest.
func checkAcked(t *testing.T, db *DB, acked int) {
	t.Helper()
	n := 0
	err := db.View(func(tx register.Tx) error {
		for i := range acked {
			var p pupil
			ok, err := tx.Get(recordKey(i), &p)
			if err != nil {
				return err
			}
			if diff := cmp.Diff(needleRecord(i), p); !ok || diff != "" {
				return fmt.Errorf("acked record %d (found %v), -want +got:\n%s", i, ok, diff)
			}
		}
		return tx.Scan("pupil/", func(_ string, decode func(any) error) error {
			n++
			var p pupil
			return decode(&p)
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < acked || n > acked+writeBatch {
		t.Errorf("the store holds %d records after %d were acked; want at most the batch in flight more", n, acked)
	}
	t.Logf("%d acked, %d on disk", acked, n)
}

// TestInUseAcrossProcesses: while one process has the store open, another
// gets ErrInUse, having opened nothing.
func TestInUseAcrossProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a writer process")
	}
	dir := t.TempDir()
	db, _ := initStore(t, newFolder(t, dir, nil))
	closeDB(t, db)
	c := startChild(t, "write", dir)
	if c.readAcks(t, 1) < 1 {
		t.Fatalf("child never wrote; stderr:\n%s", c.stderr)
	}
	db, _, err := newFolder(t, dir, nil).Unlock("head", headPW)
	if !errors.Is(err, ErrInUse) || db != nil {
		t.Errorf("Unlock while another process has the store: got %v, %v; want %v", db, err, ErrInUse)
	}
}
