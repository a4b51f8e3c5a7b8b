package register

import (
	"errors"
	"testing"

	"photoconsent/app/access"
	"photoconsent/app/audit"
)

func TestAccountsLifecycle(t *testing.T) {
	f := newFixture(t)
	acc, err := f.head.AddAccount("  Mr Teach ", access.Teacher, "Temp-pass-1")
	if err != nil {
		t.Fatal(err)
	}
	if acc.Login != "Mr Teach" || !acc.MustChangePassword || f.keys.pw[acc.ID] != "Temp-pass-1" {
		t.Errorf("added %+v with slot %q", acc, f.keys.pw[acc.ID])
	}
	if _, err := f.head.AddAccount("mr teach", access.Office, "Temp-pass-1"); !errors.Is(err, ErrInvalid) {
		t.Errorf("duplicate login (other case) = %v, want ErrInvalid", err)
	}
	if _, err := f.head.AddAccount("Weak", access.Office, "password"); !errors.Is(err, access.ErrWeakPassword) {
		t.Errorf("weak password = %v, want ErrWeakPassword", err)
	}
	if _, err := f.head.AddAccount("Odd", "governor", "Temp-pass-1"); !errors.Is(err, ErrInvalid) {
		t.Errorf("unknown role = %v, want ErrInvalid", err)
	}
	if err := f.head.SetRole(acc.ID, access.Office); err != nil {
		t.Fatal(err)
	}
	if err := f.head.ResetPassword(acc.ID, "Another-pw-9"); err != nil {
		t.Fatal(err)
	}
	if f.keys.pw[acc.ID] != "Another-pw-9" {
		t.Errorf("reset left slot %q", f.keys.pw[acc.ID])
	}
	if err := f.head.RemoveAccount(acc.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.keys.pw[acc.ID]; ok {
		t.Error("removing the account left its key slot")
	}
	all, err := f.head.Accounts()
	if err != nil || len(all) != 1 {
		t.Errorf("accounts after removal: %v, %v", all, err)
	}
	for _, k := range []audit.Kind{audit.UserAdded, audit.RoleChanged, audit.PasswordReset, audit.UserRemoved} {
		if len(f.events(k)) != 1 {
			t.Errorf("%d %s events, want 1", len(f.events(k)), k)
		}
	}
}

func TestTheSchoolKeepsAHead(t *testing.T) {
	f := newFixture(t)
	if err := f.head.RemoveAccount(f.head.Me().ID); !errors.Is(err, ErrInvalid) {
		t.Errorf("removing yourself = %v, want ErrInvalid", err)
	}
	if err := f.head.SetRole(f.head.Me().ID, access.Office); !errors.Is(err, ErrInvalid) {
		t.Errorf("demoting the only head = %v, want ErrInvalid", err)
	}
	second, err := f.head.AddAccount("Deputy", access.Head, "Temp-pass-1")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.head.SetRole(f.head.Me().ID, access.Office); err != nil {
		t.Errorf("demoting one of two heads = %v, want nil", err)
	}
	if err := f.head.RemoveAccount(second.ID); err == nil {
		t.Error("removing the last head succeeded")
	}
}

func TestChangePasswordNeedsTheOldOne(t *testing.T) {
	f := newFixture(t)
	if err := f.head.ChangePassword("wrong", "Fresh-pass-22"); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("with a wrong old password = %v, want ErrWrongPassword", err)
	}
	if err := f.head.ChangePassword(strongPassword, "short"); !errors.Is(err, access.ErrWeakPassword) {
		t.Errorf("to a weak password = %v, want ErrWeakPassword", err)
	}
	if err := f.head.ChangePassword(strongPassword, "Fresh-pass-22"); err != nil {
		t.Fatal(err)
	}
	if err := f.head.CheckPassword("Fresh-pass-22"); err != nil {
		t.Errorf("new password does not check: %v", err)
	}
	if len(f.events(audit.PasswordChanged)) != 1 {
		t.Error("password change not audited")
	}
}

func TestSignInsAndFailuresAreAudited(t *testing.T) {
	f := newFixture(t)
	failed := []FailedLogin{{Login: "Mrs Head", At: f.clock.t.Add(-1)}}
	if _, err := Open(f.store, f.keys, "head1", failed, f.opt()); err != nil {
		t.Fatal(err)
	}
	if got := f.events(audit.LoginFailed); len(got) != 1 || got[0].ActorName != "Mrs Head" {
		t.Errorf("failed-login events %+v", got)
	}
	if got := len(f.events(audit.Login)); got != 2 {
		t.Errorf("%d login events, want 2", got)
	}
	if _, err := Open(f.store, f.keys, "nobody", nil, f.opt()); !errors.Is(err, ErrNoAccount) {
		t.Errorf("Open for an unknown account = %v, want ErrNoAccount", err)
	}
}

func TestSettingsChangesAreAuditedOneByOne(t *testing.T) {
	f := newFixture(t)
	set, err := f.head.Settings()
	if err != nil {
		t.Fatal(err)
	}
	if set.IdleMinutes != 10 || set.Consent.NotReturnedMeansConsent {
		t.Fatalf("defaults %+v: want 10 idle minutes and no-reply-means-no", set)
	}
	set.IdleMinutes = 5
	set.Consent.NotReturnedMeansConsent = true
	if err := f.head.UpdateSettings(set); err != nil {
		t.Fatal(err)
	}
	if got := len(f.events(audit.SettingChanged)); got != 2 {
		t.Errorf("%d setting-changed events, want 2", got)
	}
	set.IdleMinutes = 0
	if err := f.head.UpdateSettings(set); !errors.Is(err, ErrInvalid) {
		t.Errorf("idle 0 = %v, want ErrInvalid", err)
	}
	timer, err := f.head.NewIdleTimer()
	if err != nil {
		t.Fatal(err)
	}
	if got := timer.Remaining().Minutes(); got != 5 {
		t.Errorf("idle timer %v minutes, want 5", got)
	}
}
