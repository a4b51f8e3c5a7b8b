package mis

import (
	"slices"
	"strconv"
	"strings"
)

// The pupil fields a CSV column can hold. Contact fields are made with
// ContactField so that a report with any number of contacts maps the same way.
const (
	FieldIgnore            Field = "" // the column is deliberately not read
	FieldUPN               Field = "upn"
	FieldFormerUPN         Field = "former_upn"
	FieldAdno              Field = "adno"
	FieldLegalForename     Field = "legal_forename"
	FieldLegalSurname      Field = "legal_surname"
	FieldPreferredForename Field = "preferred_forename"
	FieldPreferredSurname  Field = "preferred_surname"
	FieldMiddleNames       Field = "middle_names"
	FieldFormerSurname     Field = "former_surname"
	FieldFullName          Field = "full_name" // one cell: "Forename Surname" or "Surname, Forename"
	FieldSex               Field = "sex"
	FieldDOB               Field = "dob"
	FieldYear              Field = "year"
	FieldClass             Field = "class"
	FieldAdmission         Field = "admission"
	FieldLeaving           Field = "leaving"
	FieldPhotoConsent      Field = "photo_consent"
)

// pupilFields are the pupil fields in the order a mapping screen would
// offer them.
var pupilFields = []Field{
	FieldUPN, FieldFormerUPN, FieldAdno,
	FieldLegalForename, FieldMiddleNames, FieldLegalSurname,
	FieldPreferredForename, FieldPreferredSurname, FieldFormerSurname, FieldFullName,
	FieldSex, FieldDOB, FieldYear, FieldClass, FieldAdmission, FieldLeaving, FieldPhotoConsent,
}

// ContactPart is one attribute of a pupil's contact in a CSV report.
type ContactPart string

// The contact attributes a column can hold.
const (
	ContactTitle          ContactPart = "title"
	ContactForename       ContactPart = "forename"
	ContactSurname        ContactPart = "surname"
	ContactName           ContactPart = "name" // "Forename Surname" in one cell, as Arbor writes it
	ContactRelationship   ContactPart = "relationship"
	ContactResponsibility ContactPart = "responsibility" // parental responsibility yes/no
	ContactMobile         ContactPart = "mobile"
	ContactEmail          ContactPart = "email"
)

// contactParts are the contact attributes in the order a mapping screen
// would offer them.
var contactParts = []ContactPart{
	ContactTitle, ContactForename, ContactSurname, ContactName,
	ContactRelationship, ContactResponsibility, ContactMobile, ContactEmail,
}

// PupilFields lists the pupil fields (not FieldIgnore, not contact fields)
// for a mapping screen. The slice is the caller's own.
func PupilFields() []Field { return slices.Clone(pupilFields) }

// ContactParts lists the contact attributes for a mapping screen, to be
// combined with a contact number by ContactField. The slice is the caller's
// own.
func ContactParts() []ContactPart { return slices.Clone(contactParts) }

// MaxContacts is the highest contact number a column can name. Reports
// rarely carry more than four; the cap keeps a hostile mapping small.
const MaxContacts = 20

const contactPrefix = "contact"

// ContactField is the field for one attribute of contact n (1-based), written
// "contact2.mobile". It returns FieldIgnore when n is out of range or the part
// is unknown, so a bad call cannot invent a field.
func ContactField(n int, part ContactPart) Field {
	if n < 1 || n > MaxContacts || !part.valid() {
		return FieldIgnore
	}
	return Field(contactPrefix + strconv.Itoa(n) + "." + string(part))
}

// Contact reports which contact and attribute f holds, if it is a contact
// field.
func (f Field) Contact() (n int, part ContactPart, ok bool) {
	rest, found := strings.CutPrefix(string(f), contactPrefix)
	if !found {
		return 0, "", false
	}
	num, p, found := strings.Cut(rest, ".")
	if !found || num == "" || num[0] == '0' || len(num) > 2 || strings.Trim(num, "0123456789") != "" {
		return 0, "", false
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 1 || n > MaxContacts || !ContactPart(p).valid() {
		return 0, "", false
	}
	return n, ContactPart(p), true
}

// Valid reports whether f is FieldIgnore, a pupil field or a contact field.
func (f Field) Valid() bool {
	if f == FieldIgnore {
		return true
	}
	if slices.Contains(pupilFields, f) {
		return true
	}
	_, _, ok := f.Contact()
	return ok
}

func (p ContactPart) valid() bool { return slices.Contains(contactParts, p) }
