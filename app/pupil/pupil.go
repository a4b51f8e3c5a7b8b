// Package pupil holds the register's record of a child: names as the MIS has
// them, identifiers, class and the contacts who hold parental responsibility.
// It imports nothing of storage or UI.
package pupil

import (
	"strings"

	"photoconsent/app/civil"
)

// Pupil is one child on (or formerly on) the school's roll.
type Pupil struct {
	ID string `json:"id"` // ours, random, never shown

	UPN       string    `json:"upn,omitempty"`
	UPNStatus UPNStatus `json:"upn_status,omitempty"`
	FormerUPN string    `json:"former_upn,omitempty"`
	Adno      string    `json:"adno,omitempty"` // the MIS admission number, leading zeros kept

	LegalForename     string `json:"legal_forename,omitempty"`
	MiddleNames       string `json:"middle_names,omitempty"`
	LegalSurname      string `json:"legal_surname,omitempty"`
	PreferredForename string `json:"preferred_forename,omitempty"`
	PreferredSurname  string `json:"preferred_surname,omitempty"`
	FormerSurname     string `json:"former_surname,omitempty"`

	Sex       string     `json:"sex,omitempty"` // M or F as the MIS gives it
	DOB       civil.Date `json:"dob"`
	Year      string     `json:"year,omitempty"`  // NC year code: N1, N2, R, 1..14, X
	Class     string     `json:"class,omitempty"` // registration group
	Admission civil.Date `json:"admission"`
	Leaving   civil.Date `json:"leaving"`

	Contacts []Contact `json:"contacts,omitempty"`

	NeverPublish *NeverPublish `json:"never_publish,omitempty"`
}

// Contact is an adult with parental responsibility for the pupil. Contacts
// without it are not kept: the register needs only the people who may answer.
type Contact struct {
	Order            int    `json:"order,omitempty"`
	Title            string `json:"title,omitempty"`
	Forename         string `json:"forename,omitempty"`
	MiddleNames      string `json:"middle_names,omitempty"`
	Surname          string `json:"surname,omitempty"`
	RelationshipCode string `json:"relationship_code,omitempty"` // CTF code: PAM, PAF, OTH...
	Relationship     string `json:"relationship,omitempty"`      // words: Mother, Father, Carer...
	Responsibility   bool   `json:"responsibility"`
	LivesWithPupil   bool   `json:"lives_with_pupil,omitempty"`
	Mobile           string `json:"mobile,omitempty"`
	Email            string `json:"email,omitempty"`
}

// NeverPublish marks a child who must never appear in a publication whatever
// any form says (looked-after or adopted, court order, safeguarding).
type NeverPublish struct {
	Reason string     `json:"reason"`
	SetBy  string     `json:"set_by"` // account ID
	SetOn  civil.Date `json:"set_on"`
}

// Forename is the name the child is known by: preferred, else legal.
func (p Pupil) Forename() string { return firstNonEmpty(p.PreferredForename, p.LegalForename) }

// Surname is the preferred surname, else the legal one.
func (p Pupil) Surname() string { return firstNonEmpty(p.PreferredSurname, p.LegalSurname) }

// DisplayName is "Forename Surname" as the school would say it; a mononym
// (forename equal to surname, or one of them blank) is shown once.
func (p Pupil) DisplayName() string {
	f, s := p.Forename(), p.Surname()
	if f == "" || strings.EqualFold(f, s) {
		return s
	}
	if s == "" {
		return f
	}
	return f + " " + s
}

// SortName is "Surname, Forename", the order registers are read in.
func (p Pupil) SortName() string {
	f, s := p.Forename(), p.Surname()
	if f == "" || strings.EqualFold(f, s) {
		return s
	}
	return s + ", " + f
}

// OnRoll reports whether the pupil has not left by the given date.
func (p Pupil) OnRoll(today civil.Date) bool {
	return p.Leaving.IsZero() || p.Leaving.After(today)
}

// WithoutContactDetails returns a copy a teacher may see: contacts are reduced
// to their names and relationship, with no phone or e-mail.
func (p Pupil) WithoutContactDetails() Pupil {
	q := p
	q.Contacts = make([]Contact, len(p.Contacts))
	for i, c := range p.Contacts {
		q.Contacts[i] = Contact{
			Order: c.Order, Title: c.Title, Forename: c.Forename, Surname: c.Surname,
			RelationshipCode: c.RelationshipCode, Relationship: c.Relationship,
			Responsibility: c.Responsibility,
		}
	}
	return q
}

// Name is the contact's "Forename Surname".
func (c Contact) Name() string {
	return strings.TrimSpace(c.Forename + " " + c.Surname)
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
