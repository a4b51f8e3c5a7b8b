package storage

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestRotateBackups(t *testing.T) {
	day := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 30, 0, 0, time.UTC) }
	touch := func(path string) error { return os.WriteFile(path, []byte("backup"), 0o600) }
	fail := errors.New("disk full")
	tests := []struct {
		name      string
		existing  []string
		keep      int
		write     func(string) error
		wantErr   error
		wantFiles []string
	}{
		{
			name:      "keeps the newest three, and other files",
			existing:  []string{"photoconsent-20260301-1730.pcbackup", "photoconsent-20260302-0900.pcbackup", "photoconsent-20260303-0900.pcbackup", "notes.txt", "photoconsent-old.pcbackup"},
			keep:      3,
			write:     touch,
			wantFiles: []string{"notes.txt", "photoconsent-20260302-0900.pcbackup", "photoconsent-20260303-0900.pcbackup", "photoconsent-20260305-0930.pcbackup", "photoconsent-old.pcbackup"},
		},
		{
			name:      "fewer than keep: nothing deleted",
			existing:  []string{"photoconsent-20260301-1730.pcbackup"},
			keep:      7,
			write:     touch,
			wantFiles: []string{"photoconsent-20260301-1730.pcbackup", "photoconsent-20260305-0930.pcbackup"},
		},
		{
			name:      "a failed write deletes nothing",
			existing:  []string{"photoconsent-20260301-1730.pcbackup", "photoconsent-20260302-0900.pcbackup"},
			keep:      1,
			write:     func(string) error { return fail },
			wantErr:   fail,
			wantFiles: []string{"photoconsent-20260301-1730.pcbackup", "photoconsent-20260302-0900.pcbackup"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, n := range tt.existing {
				if err := touch(filepath.Join(dir, n)); err != nil {
					t.Fatal(err)
				}
			}
			_, err := RotateBackups(dir, tt.keep, day(5, 9), tt.write)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("RotateBackups: got error %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.wantFiles, names(t, dir)); diff != "" {
				t.Errorf("folder afterwards (-want +got):\n%s", diff)
			}
		})
	}
	if _, err := RotateBackups(t.TempDir(), 0, day(5, 9), touch); err == nil {
		t.Errorf("RotateBackups keeping 0: got no error")
	}
}

func TestBackupDaily(t *testing.T) {
	f := newFolder(t, t.TempDir(), nil)
	db, _ := initStore(t, f)
	putAll(t, db, map[string]any{recordKey(1): needleRecord(1)})
	out := t.TempDir()
	morning := time.Date(2026, 3, 2, 8, 15, 0, 0, time.UTC)
	steps := []struct {
		at   time.Time
		want string // the file written, or ""
	}{
		{morning, "photoconsent-20260302-0815.pcbackup"},
		{morning.Add(3 * time.Hour), ""},
		{morning.Add(24 * time.Hour), "photoconsent-20260303-0815.pcbackup"},
		{morning.Add(48 * time.Hour), "photoconsent-20260304-0815.pcbackup"},
	}
	for _, s := range steps {
		got, err := db.BackupDaily(out, 2, s.at)
		if err != nil {
			t.Fatal(err)
		}
		if s.want != "" {
			s.want = filepath.Join(out, s.want)
		}
		if got != s.want {
			t.Errorf("BackupDaily at %v: got %q, want %q", s.at, got, s.want)
		}
	}
	want := []string{"photoconsent-20260303-0815.pcbackup", "photoconsent-20260304-0815.pcbackup"}
	if diff := cmp.Diff(want, names(t, out)); diff != "" {
		t.Errorf("backup folder (-want +got):\n%s", diff)
	}
	n, err := RestoreBackup(filepath.Join(out, want[1]), filepath.Join(t.TempDir(), "r"), "head", headPW, Options{KDF: InsecureTestKDF})
	if err != nil || n != 1 {
		t.Errorf("restoring the daily backup: got %d, %v; want 1 record", n, err)
	}
}
