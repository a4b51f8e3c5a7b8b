package register

import (
	"errors"
	"testing"

	"photoconsent/app/access"
	"photoconsent/app/consent"
)

func TestTeacherCannotRecordOrChangeConsent(t *testing.T) {
	f := newFixture(t)
	p := f.addPupil(amelia())
	teacher := f.session("Mr Teach", access.Teacher)
	before := f.store.snapshot()

	err := teacher.RecordAnswers(AnswerRequest{
		PupilIDs: []string{p.ID}, Method: consent.Form, By: consent.Giver{Name: "Claire Smith"},
		Answers: []PurposeAnswer{{Purpose: consent.School, Answer: consent.Granted}},
	})
	if !errors.Is(err, access.ErrNotAllowed) {
		t.Fatalf("teacher RecordAnswers = %v, want ErrNotAllowed", err)
	}
	for k := range f.store.snapshot() {
		if _, ok := before[k]; !ok {
			t.Errorf("a refused request wrote %q", k)
		}
	}
	if err := teacher.SetNeverPublish(p.ID, "court order"); !errors.Is(err, access.ErrNotAllowed) {
		t.Errorf("teacher SetNeverPublish = %v, want ErrNotAllowed", err)
	}
	if err := teacher.EditPupil(p.ID, Edit{Class: "6C"}); !errors.Is(err, access.ErrNotAllowed) {
		t.Errorf("teacher EditPupil = %v, want ErrNotAllowed", err)
	}
	if _, err := teacher.PlanImport("x.csv", []byte("UPN\n"), ImportOptions{}); !errors.Is(err, access.ErrNotAllowed) {
		t.Errorf("teacher PlanImport = %v, want ErrNotAllowed", err)
	}
}

func TestTeacherSeesStatusesButNoContactDetails(t *testing.T) {
	f := newFixture(t)
	p := f.addPupil(amelia())
	teacher := f.session("Mr Teach", access.Teacher)

	d, err := teacher.Pupil(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Pupil.Contacts) != 2 {
		t.Fatalf("teacher sees %d contacts, want 2 (names only)", len(d.Pupil.Contacts))
	}
	for _, c := range d.Pupil.Contacts {
		if c.Mobile != "" || c.Email != "" {
			t.Errorf("teacher sees contact details %q %q", c.Mobile, c.Email)
		}
	}
	all, err := teacher.Pupils()
	if err != nil {
		t.Fatal(err)
	}
	if got := all[0].Contacts[0].Email; got != "" {
		t.Errorf("Pupils() shows a teacher the e-mail %q", got)
	}
	found, err := teacher.FindPupil(p.UPN)
	if err != nil || found.Contacts[0].Mobile != "" {
		t.Errorf("FindPupil shows a teacher the mobile %q (err %v)", found.Contacts[0].Mobile, err)
	}
	office := f.session("Mrs Office", access.Office)
	d, err = office.Pupil(p.ID)
	if err != nil || d.Pupil.Contacts[0].Email != "claire.smith@example.com" {
		t.Errorf("office sees e-mail %q (err %v), want the contact's", d.Pupil.Contacts[0].Email, err)
	}
	rows, _, err := teacher.Register()
	if err != nil || len(rows) != 1 {
		t.Fatalf("teacher Register() = %d rows, %v", len(rows), err)
	}
}

func TestOfficeCannotManageUsersOrSettings(t *testing.T) {
	f := newFixture(t)
	office := f.session("Mrs Office", access.Office)
	p := f.addPupil(amelia())

	if _, err := office.AddAccount("Someone", access.Teacher, strongPassword); !errors.Is(err, access.ErrNotAllowed) {
		t.Errorf("office AddAccount = %v, want ErrNotAllowed", err)
	}
	if _, err := office.Accounts(); !errors.Is(err, access.ErrNotAllowed) {
		t.Errorf("office Accounts = %v, want ErrNotAllowed", err)
	}
	if err := office.ResetPassword(f.head.Me().ID, strongPassword); !errors.Is(err, access.ErrNotAllowed) {
		t.Errorf("office ResetPassword = %v, want ErrNotAllowed", err)
	}
	set, err := office.Settings()
	if err != nil {
		t.Fatal(err)
	}
	set.Consent.NotReturnedMeansConsent = true
	if err := office.UpdateSettings(set); !errors.Is(err, access.ErrNotAllowed) {
		t.Errorf("office UpdateSettings = %v, want ErrNotAllowed", err)
	}
	if err := office.SetNeverPublish(p.ID, "looked after"); !errors.Is(err, access.ErrNotAllowed) {
		t.Errorf("office SetNeverPublish = %v, want ErrNotAllowed", err)
	}
	if _, err := office.AuditTrail(10); !errors.Is(err, access.ErrNotAllowed) {
		t.Errorf("office AuditTrail = %v, want ErrNotAllowed", err)
	}
	err = office.RecordAnswers(AnswerRequest{
		PupilIDs: []string{p.ID}, Method: consent.Form, By: consent.Giver{Name: "Claire Smith"},
		Answers: []PurposeAnswer{{Purpose: consent.School, Answer: consent.Granted}},
	})
	if err != nil {
		t.Errorf("office RecordAnswers = %v, want nil", err)
	}
}

func TestResetPasswordMustBeChangedBeforeAnythingElse(t *testing.T) {
	f := newFixture(t)
	acc, err := f.head.AddAccount("Mrs Office", access.Office, "Temp-pass-1")
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(f.store, f.keys, acc.ID, nil, f.opt())
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Register(); !errors.Is(err, ErrMustChangePassword) {
		t.Fatalf("Register before changing a temporary password = %v, want ErrMustChangePassword", err)
	}
	if err := s.ChangePassword("", "Temp-pass-1"); err == nil {
		t.Fatal("changing to the same temporary password succeeded")
	}
	if err := s.ChangePassword("", "Brand-new-pw-2"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Register(); err != nil {
		t.Fatalf("Register after the change = %v", err)
	}
	if f.keys.pw[acc.ID] != "Brand-new-pw-2" {
		t.Errorf("key slot holds %q, want the new password", f.keys.pw[acc.ID])
	}
	// The change survives a new session.
	again, err := Open(f.store, f.keys, acc.ID, nil, f.opt())
	if err != nil || again.Me().MustChangePassword {
		t.Errorf("after reopening MustChangePassword = %v (err %v), want false", again.Me().MustChangePassword, err)
	}
}
