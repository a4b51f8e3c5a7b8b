package register

import (
	"errors"
	"testing"
)

// TestRetentionAndBackupSettings: the school's retention period and daily
// backups are settings with limits, and the retention rule reads them.
func TestRetentionAndBackupSettings(t *testing.T) {
	f := newFixture(t)
	set, err := f.head.Settings()
	if err != nil {
		t.Fatal(err)
	}
	if got := RetentionYears(set); got != DefaultRetentionYears {
		t.Errorf("retention with no setting = %d years, want the default %d", got, DefaultRetentionYears)
	}
	if got := set.Keep(); got != DefaultBackupKeep {
		t.Errorf("backups kept with no setting = %d, want %d", got, DefaultBackupKeep)
	}
	for _, bad := range []Settings{
		func() Settings { s := set; s.RetentionYears = MaxRetention + 1; return s }(),
		func() Settings { s := set; s.RetentionYears = -1; return s }(),
		func() Settings { s := set; s.BackupKeep = -1; return s }(),
	} {
		if err := f.head.UpdateSettings(bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("UpdateSettings(retention %d, keep %d) = %v, want ErrInvalid", bad.RetentionYears, bad.BackupKeep, err)
		}
	}
	set.RetentionYears, set.BackupFolder, set.BackupKeep = 10, "  /mnt/backups  ", 7
	if err := f.head.UpdateSettings(set); err != nil {
		t.Fatal(err)
	}
	got, err := f.head.Settings()
	if err != nil {
		t.Fatal(err)
	}
	if RetentionYears(got) != 10 || got.BackupFolder != "/mnt/backups" || got.Keep() != 7 {
		t.Errorf("saved retention %d, folder %q, keep %d; want 10, /mnt/backups, 7", RetentionYears(got), got.BackupFolder, got.Keep())
	}
}
