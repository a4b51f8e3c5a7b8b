package access

import (
	"errors"
	"testing"
)

// TestPolicyTable pins the whole permission table to the school's policy.
func TestPolicyTable(t *testing.T) {
	all := []Action{ViewRegister, ViewContacts, RecordConsent, ImportPupils, EditPupil,
		SetNeverPublish, ManageUsers, ChangeSettings, ManageDevices, ViewAudit, ViewScans,
		Publish, Override, SignOff, ViewLog, Takedown}
	want := map[Role][]Action{
		Head: all,
		// The office may not override a block, but is the second person
		// for a never-publish override, and keeps the list of the school's
		// cameras and tablets.
		Office:  {ViewRegister, ViewContacts, RecordConsent, ImportPupils, EditPupil, ViewScans, ManageDevices, Publish, SignOff},
		Teacher: {ViewRegister, Publish},
	}
	for _, r := range Roles {
		allowed := map[Action]bool{}
		for _, a := range want[r] {
			allowed[a] = true
		}
		for _, a := range all {
			if got := Can(r, a); got != allowed[a] {
				t.Errorf("Can(%s, %q) = %v, want %v", r, a, got, allowed[a])
			}
		}
	}
}

func TestCheckRefusesWithErrNotAllowed(t *testing.T) {
	err := Check(Teacher, RecordConsent)
	if !errors.Is(err, ErrNotAllowed) {
		t.Fatalf("Check(teacher, record) = %v, want ErrNotAllowed", err)
	}
	if got, want := err.Error(), "not allowed for your role: a teacher account may not record or change a consent answer"; got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
	if err := Check(Office, RecordConsent); err != nil {
		t.Errorf("Check(office, record) = %v, want nil", err)
	}
	if Can("intruder", ViewRegister) {
		t.Error("an unknown role may view the register")
	}
}

func TestCheckPassword(t *testing.T) {
	tests := []struct {
		pw, user string
		ok       bool
	}{
		{"Tr0ub4dor&3", "jo", true},
		{"abc123!x", "jo", true},              // exactly 8, all three kinds
		{"abc12!x", "jo", false},              // 7 characters
		{"abcdefgh", "jo", false},             // letters only
		{"abcd1234", "jo", false},             // no symbol
		{"abcd!!!!", "jo", false},             // no digit
		{"1234!!!!", "jo", false},             // no letter
		{"correct horse battery", "jo", true}, // passphrase of 16+
		{"aaaaaaaaaaaaaaaaaaaa", "jo", false}, // long but one letter repeated
		{"", "jo", false},
		{"                ", "jo", false},
		{"Mrs.Jones-2026!", "mrs.jones", false}, // contains the login
		{"Zoë-ßtrasse-99", "jo", true},          // letters beyond ASCII count as letters
	}
	for _, tt := range tests {
		t.Run(tt.pw, func(t *testing.T) {
			err := CheckPassword(tt.pw, tt.user)
			if (err == nil) != tt.ok {
				t.Fatalf("CheckPassword(%q) = %v, want ok=%v", tt.pw, err, tt.ok)
			}
			if err != nil && !errors.Is(err, ErrWeakPassword) {
				t.Errorf("error %v does not match ErrWeakPassword", err)
			}
		})
	}
}

func TestParseRole(t *testing.T) {
	for _, r := range Roles {
		if got, err := ParseRole(string(r)); err != nil || got != r {
			t.Errorf("ParseRole(%q) = %q, %v", r, got, err)
		}
	}
	if _, err := ParseRole("governor"); err == nil {
		t.Error("ParseRole(governor) succeeded, want an error")
	}
}
