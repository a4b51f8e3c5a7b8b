package register

import (
	"fmt"
	"strings"

	"photoconsent/app/pupil"
)

// Change is one field that differs between a pupil's stored record and an
// import or edit.
type Change struct {
	Field    string
	Old, New string
}

func (c Change) String() string {
	return fmt.Sprintf("%s: %s → %s", c.Field, orDash(c.Old), orDash(c.New))
}

// auditString is the change as the audit trail keeps it: parents' phone
// numbers and emails are not copied into the trail (data minimisation), only
// the fact that contacts changed.
func (c Change) auditString() string {
	if c.Field == contactsField {
		return contactsField + " changed"
	}
	return c.String()
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

const contactsField = "contacts"

// pupilFields lists the fields compared, with the words shown to people.
var pupilFields = []struct {
	name string
	get  func(pupil.Pupil) string
}{
	{"UPN", func(p pupil.Pupil) string { return p.UPN }},
	{"former UPN", func(p pupil.Pupil) string { return p.FormerUPN }},
	{"admission number", func(p pupil.Pupil) string { return p.Adno }},
	{"legal forename", func(p pupil.Pupil) string { return p.LegalForename }},
	{"middle names", func(p pupil.Pupil) string { return p.MiddleNames }},
	{"legal surname", func(p pupil.Pupil) string { return p.LegalSurname }},
	{"preferred forename", func(p pupil.Pupil) string { return p.PreferredForename }},
	{"preferred surname", func(p pupil.Pupil) string { return p.PreferredSurname }},
	{"former surname", func(p pupil.Pupil) string { return p.FormerSurname }},
	{"sex", func(p pupil.Pupil) string { return p.Sex }},
	{"date of birth", func(p pupil.Pupil) string { return p.DOB.UK() }},
	{"year", func(p pupil.Pupil) string { return p.Year }},
	{"class", func(p pupil.Pupil) string { return p.Class }},
	{"admission date", func(p pupil.Pupil) string { return p.Admission.UK() }},
	{"leaving date", func(p pupil.Pupil) string { return p.Leaving.UK() }},
	{contactsField, contactsSummary},
}

// diffPupils lists the fields that differ between old and new.
func diffPupils(old, new pupil.Pupil) []Change {
	var out []Change
	for _, f := range pupilFields {
		if o, n := f.get(old), f.get(new); o != n {
			out = append(out, Change{Field: f.name, Old: o, New: n})
		}
	}
	return out
}

// changedFields names the fields that differ, for the audit trail.
func changedFields(old, new pupil.Pupil) []string {
	var out []string
	for _, c := range diffPupils(old, new) {
		out = append(out, c.auditString())
	}
	return out
}

// contactsSummary renders contacts compactly so any change to one shows.
func contactsSummary(p pupil.Pupil) string {
	parts := make([]string, len(p.Contacts))
	for i, c := range p.Contacts {
		pr := ""
		if c.Responsibility {
			pr = ", PR"
		}
		if c.LivesWithPupil {
			pr += ", lives with pupil"
		}
		name := strings.Join(strings.Fields(c.Forename+" "+c.MiddleNames+" "+c.Surname), " ")
		parts[i] = fmt.Sprintf("%s %s (%s %s%s) %s %s", c.Title, name, c.RelationshipCode, c.Relationship, pr, c.Mobile, c.Email)
		parts[i] = strings.Join(strings.Fields(parts[i]), " ")
	}
	return strings.Join(parts, "; ")
}
