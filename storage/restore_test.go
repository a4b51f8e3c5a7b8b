package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// headerEnd is where a backup's payload starts.
func headerEnd(t *testing.T, b []byte) int {
	t.Helper()
	return len(backupMagic) + 4 + int(binary.BigEndian.Uint32(b[len(backupMagic):]))
}

// writeVariant writes an edited copy of the backup and returns its path.
func writeVariant(t *testing.T, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "edited.pcbackup")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRestoreRefusesDamage(t *testing.T) {
	path, recovery, _ := backedUpStore(t)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	he := headerEnd(t, b)
	if len(b) < he+3*sealedChunk {
		t.Fatalf("backup of %d bytes is too small to test chunk boundaries", len(b))
	}
	cut := func(n int) []byte { return b[:n] }
	flip := func(i int) []byte {
		c := bytes.Clone(b)
		c[i] ^= 0x20
		return c
	}
	tests := []struct {
		name         string
		file         []byte
		recoveryOnly bool
	}{
		{"empty", cut(0), false},
		{"magic only", cut(len(backupMagic)), false},
		{"header cut short", cut(he - 1), false},
		{"header only", cut(he), false},
		{"first chunk cut short", cut(he + 100), false},
		{"cut at a chunk boundary", cut(he + sealedChunk), false},
		{"cut at the second boundary", cut(he + 2*sealedChunk), false},
		{"last byte missing", cut(len(b) - 1), false},
		{"last tag missing", cut(len(b) - 16), false},
		{"a byte appended", append(bytes.Clone(b), 0), false},
		{"a chunk appended", append(bytes.Clone(b), b[he:he+sealedChunk]...), false},
		{"a chunk dropped", append(bytes.Clone(b[:he]), b[he+sealedChunk:]...), false},
		{"flipped byte in the first chunk", flip(he + 10), false},
		{"flipped byte in the middle", flip(he + sealedChunk + 500), false},
		{"flipped last byte", flip(len(b) - 1), false},
		{"flipped magic", flip(0), false},
		{"flipped format", flip(bytes.Index(b, []byte(backupFormat))), false},
		// The header's salt also keys the sealed logins, so a password finds
		// no slot; the recovery key gets as far as the payload.
		{"flipped header salt", flip(bytes.Index(b, []byte(`"salt":"`)) + 9), true},
		{"header length huge", append([]byte(backupMagic+"\xff\xff\xff\xff"), b[he:]...), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeVariant(t, tt.file)
			opt := Options{KDF: InsecureTestKDF}
			restores := map[string]func(dir string) (int, error){
				"recovery key": func(dir string) (int, error) { return RestoreBackupWithRecovery(p, dir, recovery, opt) },
			}
			if !tt.recoveryOnly {
				restores["password"] = func(dir string) (int, error) { return RestoreBackup(p, dir, "head", headPW, opt) }
			}
			for how, restore := range restores {
				dir := filepath.Join(t.TempDir(), "restored")
				n, err := restore(dir)
				if !errors.Is(err, ErrBackupDamaged) {
					t.Fatalf("restore with the %s: got %d, %v; want error %v", how, n, err, ErrBackupDamaged)
				}
				if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("after a refused restore with the %s, stat %s: got %v, want it absent", how, dir, err)
				}
			}
		})
	}
}

func TestRestoreIntoExistingFolder(t *testing.T) {
	path, _, _ := backedUpStore(t)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	truncated := writeVariant(t, b[:len(b)/2])
	tests := []struct {
		name      string
		backup    string
		existing  []string // files in the folder beforehand
		wantErr   error
		wantFiles []string // what the folder holds afterwards
	}{
		{"empty folder, damaged backup: left empty", truncated, nil, ErrBackupDamaged, nil},
		{"folder with a file: refused, untouched", path, []string{"notes.txt"}, ErrRestoreTarget, []string{"notes.txt"}},
		{"a register already there: refused", path, []string{keyringName}, ErrRestoreTarget, []string{keyringName}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, name := range tt.existing {
				if err := os.WriteFile(filepath.Join(dir, name), []byte("keep me"), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			n, err := RestoreBackup(tt.backup, dir, "head", headPW, Options{KDF: InsecureTestKDF})
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("restore: got %d, %v; want error %v", n, err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.wantFiles, names(t, dir)); diff != "" {
				t.Errorf("folder afterwards (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRestoreIntoEmptyFolder(t *testing.T) {
	path, _, want := backedUpStore(t)
	dir := t.TempDir()
	n, err := RestoreBackup(path, dir, "head", headPW, Options{KDF: InsecureTestKDF})
	if err != nil || n != len(want) {
		t.Fatalf("restore into an empty folder: got %d, %v; want %d, nil", n, err, len(want))
	}
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func FuzzReadBackupHeader(f *testing.F) {
	f.Add([]byte(backupMagic + "\x00\x00\x00\x02{}"))
	f.Add([]byte(backupMagic + "\x00\x00\x00\x30{\"format\":\"photoconsent-backup/1\",\"slots\":[{}]}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		h, raw, err := readBackupHeader(bytes.NewReader(b))
		if err != nil {
			if !errors.Is(err, ErrBackupDamaged) {
				t.Errorf("readBackupHeader: error %v does not match %v", err, ErrBackupDamaged)
			}
			return
		}
		if !bytes.HasPrefix(b, raw) {
			t.Errorf("raw header %q is not the start of the input", raw)
		}
		if _, err := h.openWithPassword("head", "pw"); err == nil {
			t.Errorf("a fuzzed header opened with a fixed password")
		}
	})
}

func FuzzRecordReader(f *testing.F) {
	var buf bytes.Buffer
	rw := newRecordWriter(&buf)
	if rw.keyring([]byte("{}")) != nil || rw.record([]byte("k"), []byte("v")) != nil || rw.end() != nil {
		f.Fatal("writing the seed")
	}
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		rr := newRecordReader(bytes.NewReader(b))
		if _, err := rr.readKeyring(); err != nil {
			return
		}
		for {
			_, _, ok, err := rr.next()
			if err != nil || !ok {
				return
			}
		}
	})
}
