package register

import (
	"fmt"
	"strings"

	"photoconsent/app/access"
	"photoconsent/app/audit"
	"photoconsent/app/consent"
	"photoconsent/app/devices"
	"photoconsent/app/idle"
)

// Settings are the school's choices, changed only by the head.
type Settings struct {
	SchoolName  string           `json:"school_name"`
	IdleMinutes int              `json:"idle_minutes"`
	Consent     consent.Settings `json:"consent"`
	// Wording names the version of the consent form's wording now in use;
	// new answers record it so the register shows what parents were told.
	Wording string `json:"wording"`
	// LeaversMayAppear lets photos of pupils who have left be published;
	// by default they are blocked.
	LeaversMayAppear bool `json:"leavers_may_appear,omitempty"`
	// TakeDownLeavers puts a leaver's published photos on the takedown list.
	TakeDownLeavers bool `json:"take_down_leavers,omitempty"`
	// RetentionYears is how long a leaver's record is kept after leaving;
	// zero means DefaultRetentionYears.
	RetentionYears int `json:"retention_years,omitempty"`
	// BackupFolder, when set, gets an encrypted backup once a day, keeping
	// the newest BackupKeep (zero means DefaultBackupKeep).
	BackupFolder string `json:"backup_folder,omitempty"`
	BackupKeep   int    `json:"backup_keep,omitempty"`
	// Devices are the school's own cameras and tablets; photos from other
	// devices get a warning. Changed only through AddSchoolDevice and
	// RemoveSchoolDevice (devices.go): UpdateSettings keeps the list.
	Devices []devices.Device `json:"devices,omitempty"`
}

// DefaultBackupKeep is how many daily backups are kept when the school has
// not said: two weeks.
const DefaultBackupKeep = 14

// Keep returns how many daily backups to keep.
func (s Settings) Keep() int {
	if s.BackupKeep < 1 {
		return DefaultBackupKeep
	}
	return s.BackupKeep
}

// DefaultSettings are the safe defaults: lock after 10 minutes, and a form
// not returned means no consent.
func DefaultSettings(schoolName string) Settings {
	return Settings{
		SchoolName:  schoolName,
		IdleMinutes: idle.DefaultMinutes,
		Wording:     "v1",
	}
}

// Limits on what a setting may hold.
const (
	MinIdleMinutes = 1
	MaxIdleMinutes = 30 // the policy says 10; allow shorter, and a little longer, not an hour
	MaxRetention   = 25 // years
	MaxBackupKeep  = 365
)

// UpdateSettings saves the school's settings (head only). Each changed
// setting is its own audit event, saying what it was and what it became.
func (s *Session) UpdateSettings(next Settings) error {
	if err := s.check(access.ChangeSettings); err != nil {
		return err
	}
	next.SchoolName = strings.TrimSpace(next.SchoolName)
	next.Wording = strings.TrimSpace(next.Wording)
	switch {
	case next.SchoolName == "":
		return invalidf("the school needs a name")
	case next.IdleMinutes < MinIdleMinutes || next.IdleMinutes > MaxIdleMinutes:
		return invalidf("the idle lock must be between %d and %d minutes", MinIdleMinutes, MaxIdleMinutes)
	case next.Wording == "":
		return invalidf("the form wording needs a version name")
	case next.RetentionYears < 0 || next.RetentionYears > MaxRetention:
		return invalidf("the retention period must be between 1 and %d years", MaxRetention)
	case next.BackupKeep < 0 || next.BackupKeep > MaxBackupKeep:
		return invalidf("keep between 1 and %d daily backups", MaxBackupKeep)
	}
	next.BackupFolder = strings.TrimSpace(next.BackupFolder)
	return s.store.Update(func(tx Tx) error {
		var cur Settings
		if ok, err := tx.Get(keySchool, &cur); err != nil {
			return err
		} else if !ok {
			return ErrNotSetUp
		}
		// The device list has its own methods and audit lines; a screen
		// saving other settings must not undo a device added meanwhile.
		next.Devices = cur.Devices
		changes := cur.changes(next)
		if len(changes) == 0 {
			return nil
		}
		if err := tx.Put(keySchool, next); err != nil {
			return err
		}
		for _, c := range changes {
			if err := appendEvent(tx, s.me, s.now(), audit.SettingChanged, "", c); err != nil {
				return err
			}
		}
		return nil
	})
}

// changes describes, one line each, how next differs from s.
func (s Settings) changes(next Settings) []string {
	var out []string
	add := func(name string, old, new any) {
		if old != new {
			out = append(out, fmt.Sprintf("%s: %v → %v", name, old, new))
		}
	}
	add("school name", s.SchoolName, next.SchoolName)
	add("idle lock minutes", s.IdleMinutes, next.IdleMinutes)
	add("form not returned means consent", s.Consent.NotReturnedMeansConsent, next.Consent.NotReturnedMeansConsent)
	add("separate photo and video answers", s.Consent.SplitMedia, next.Consent.SplitMedia)
	add("form wording version", s.Wording, next.Wording)
	add("leavers may appear in new publications", s.LeaversMayAppear, next.LeaversMayAppear)
	add("leavers' publications go on the takedown list", s.TakeDownLeavers, next.TakeDownLeavers)
	add("years a leaver's record is kept", s.RetentionYears, next.RetentionYears)
	add("daily backup folder", s.BackupFolder, next.BackupFolder)
	add("daily backups kept", s.BackupKeep, next.BackupKeep)
	return out
}
