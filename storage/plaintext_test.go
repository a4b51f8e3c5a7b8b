package storage

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"photoconsent/app/register"
)

// needles are pupil-like strings that must never appear on disk in the clear.
var needles = []string{
	"Wójcik",                    // a surname with a diacritic
	"Przybyszewska",             // a long plain surname
	"K999200119014",             // a UPN-like identifier
	"amelia.wojcik@example.com", // a parent's email
	"Łucja-Zoë",                 // a forename with two diacritics
	"Ørsted-Kowalski",           // used only in keys
}

// keyNeedle is the needle written only into keys, never values or blobs.
const keyNeedle = 5

// needleRecord is a record full of needles, padded to about 1 KB.
func needleRecord(seq int) pupil {
	return pupil{
		Seq:     seq,
		Surname: needles[0] + " " + needles[1],
		UPN:     needles[2],
		Email:   needles[3],
		Notes:   needles[4] + " " + strings.Repeat("consent form returned; ", 38),
	}
}

// putNeedleBatch writes n needle records from seq, one more record with
// needles in its key, and now and then a scanned-form blob (small ones stay
// in Badger's tree, big ones go to its value log).
func putNeedleBatch(tx register.Tx, seq, n int) error {
	for i := seq; i < seq+n; i++ {
		if err := tx.Put(recordKey(i), needleRecord(i)); err != nil {
			return err
		}
	}
	key := fmt.Sprintf("index/%s/%06d", needles[keyNeedle], seq)
	if err := tx.Put(key, seq); err != nil {
		return err
	}
	if seq%(50*n) == 0 {
		size := 20_000
		if seq%(100*n) == 0 {
			size = 1_500_000
		}
		return tx.PutBlob(fmt.Sprintf("scan/%06d", seq), needleBlob(size))
	}
	return nil
}

func needleBlob(size int) []byte {
	line := []byte("Consent form: " + strings.Join(needles[:keyNeedle], ", ") + "\n")
	return bytes.Repeat(line, size/len(line)+1)[:size]
}

// forms are the encodings a needle could take on disk: UTF-8 as the app
// writes it, JSON's \u escapes, and UTF-16 (little- and big-endian).
func forms(s string) map[string][]byte {
	var esc strings.Builder
	for _, r := range s {
		if r < 0x80 {
			esc.WriteRune(r)
		} else {
			fmt.Fprintf(&esc, `\u%04x`, r)
		}
	}
	u16 := utf16.Encode([]rune(s))
	le, be := make([]byte, 2*len(u16)), make([]byte, 2*len(u16))
	for i, c := range u16 {
		binary.LittleEndian.PutUint16(le[2*i:], c)
		binary.BigEndian.PutUint16(be[2*i:], c)
	}
	return map[string][]byte{"utf-8": []byte(s), "json": []byte(esc.String()), "utf-16le": le, "utf-16be": be}
}

// findNeedles reads every file under dir and returns which needles it finds,
// in which file and form.
func findNeedles(t *testing.T, dir string) (found map[string][]string, files, bytesRead int) {
	t.Helper()
	found = map[string][]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files++
		bytesRead += len(b)
		for _, n := range needles {
			for form, enc := range forms(n) {
				if bytes.Contains(b, enc) {
					found[n] = append(found[n], fmt.Sprintf("%s (%s)", filepath.Base(p), form))
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found, files, bytesRead
}

func assertNoNeedles(t *testing.T, dir string) {
	t.Helper()
	found, files, n := findNeedles(t, dir)
	for needle, where := range found {
		t.Errorf("%q is on disk in the clear: %v", needle, where)
	}
	t.Logf("scanned %d files, %d bytes: no needles", files, n)
}

func assertAllNeedles(t *testing.T, dir string) {
	t.Helper()
	found, files, n := findNeedles(t, dir)
	t.Logf("control: %v", found)
	for _, needle := range needles {
		// The value log holds only big blobs; records and keys live in the
		// tables and the memtable's log, so the control must find them there.
		if !slices.ContainsFunc(found[needle], func(where string) bool { return !strings.Contains(where, ".vlog") }) {
			t.Errorf("control: %q not found outside the value log in %d files (%d bytes) of an unencrypted store; the scan proves nothing", needle, files, n)
		}
	}
}

// writeNeedles fills db with needle records, keys and blobs, and closes it.
func writeNeedles(t *testing.T, db *DB) {
	t.Helper()
	for seq := 0; seq < 5_000; seq += 100 {
		if err := db.Update(func(tx register.Tx) error { return putNeedleBatch(tx, seq, 100) }); err != nil {
			t.Fatal(err)
		}
	}
	closeDB(t, db)
}

func TestNoPlaintextAfterClose(t *testing.T) {
	dir := t.TempDir()
	f := newFolder(t, dir, nil)
	db, _ := initStore(t, f)
	writeNeedles(t, db)
	assertNoNeedles(t, dir)

	// Reopen, change a password, read everything back, close again.
	db = unlock(t, f, "head", headPW)
	if err := db.SetPassword(officeID, "office", officePW); err != nil {
		t.Fatal(err)
	}
	n := 0
	err := db.View(func(tx register.Tx) error {
		return tx.Scan("pupil/", func(_ string, decode func(any) error) error {
			n++
			var p pupil
			return decode(&p)
		})
	})
	if err != nil || n != 5_000 {
		t.Fatalf("read back %d records: %v", n, err)
	}
	closeDB(t, db)
	assertNoNeedles(t, dir)
}

func TestNoPlaintextControlAfterClose(t *testing.T) {
	dir := t.TempDir()
	writeNeedles(t, openPlain(t, dir))
	assertAllNeedles(t, dir)
}
