// Package access says who may do what: the three staff roles of the school's
// policy, the actions they may take, and what makes a password strong enough.
package access

import (
	"errors"
	"fmt"
)

// Role is a staff member's job in the app.
type Role string

// The roles from the school's policy.
const (
	Head    Role = "head"    // headteacher: senior information risk owner
	Office  Role = "office"  // office staff: import pupils, record answers
	Teacher Role = "teacher" // teachers: vet photos, see statuses only
)

// Roles lists every role, most powerful first.
var Roles = []Role{Head, Office, Teacher}

// ParseRole accepts a role's name.
func ParseRole(s string) (Role, error) {
	for _, r := range Roles {
		if string(r) == s {
			return r, nil
		}
	}
	return "", fmt.Errorf("unknown role %q (want head, office or teacher)", s)
}

// Action is something a person may or may not do.
type Action string

// The actions the register guards.
const (
	ViewRegister    Action = "view the register"
	ViewContacts    Action = "see parents' contact details"
	RecordConsent   Action = "record or change a consent answer"
	ImportPupils    Action = "import pupils"
	EditPupil       Action = "edit a pupil's details"
	SetNeverPublish Action = "set or clear a never-publish flag"
	ManageUsers     Action = "manage staff accounts"
	ChangeSettings  Action = "change the school's settings"
	ManageDevices   Action = "change the list of school devices"
	ViewAudit       Action = "read the audit log"
	ViewScans       Action = "see scanned consent forms"
	Publish         Action = "vet and export photos for publication"
	Override        Action = "override a blocked photo"
	SignOff         Action = "sign off a never-publish override as the second person"
	ViewLog         Action = "read the publication log"
	Takedown        Action = "act on takedowns"
)

// allowed is the whole policy in one table. Anything not listed is refused.
var allowed = map[Role]map[Action]bool{
	Head: {
		ViewRegister: true, ViewContacts: true, RecordConsent: true, ImportPupils: true,
		EditPupil: true, SetNeverPublish: true, ManageUsers: true, ChangeSettings: true,
		ManageDevices: true, ViewAudit: true, ViewScans: true,
		Publish: true, Override: true, SignOff: true, ViewLog: true, Takedown: true,
	},
	Office: {
		ViewRegister: true, ViewContacts: true, RecordConsent: true, ImportPupils: true,
		EditPupil: true, ViewScans: true, ManageDevices: true,
		Publish: true, SignOff: true,
	},
	Teacher: {
		ViewRegister: true, Publish: true,
	},
}

// ErrNotAllowed is returned, wrapped, when a role may not take an action.
var ErrNotAllowed = errors.New("not allowed for your role")

// Can reports whether the role may take the action.
func Can(r Role, a Action) bool { return allowed[r][a] }

// Check returns an error naming the action when the role may not take it.
func Check(r Role, a Action) error {
	if Can(r, a) {
		return nil
	}
	return &deniedError{role: r, action: a}
}

// deniedError names who may not do what, and matches ErrNotAllowed.
type deniedError struct {
	role   Role
	action Action
}

func (e *deniedError) Error() string {
	article := "a"
	if e.role == Office {
		article = "an"
	}
	return fmt.Sprintf("not allowed for your role: %s %s account may not %s", article, e.role, e.action)
}

func (e *deniedError) Unwrap() error { return ErrNotAllowed }
