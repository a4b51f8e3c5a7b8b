package mis

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestHeadingMapping(t *testing.T) {
	tests := []struct {
		heading string
		want    Field
		known   bool
	}{
		// SIMS-style headings in the sample
		{"Adno", FieldAdno, true},
		{"UPN", FieldUPN, true},
		{"Legal Surname", FieldLegalSurname, true},
		{"Legal Forename", FieldLegalForename, true},
		{"Middle Name(s)", FieldMiddleNames, true},
		{"Preferred Surname", FieldPreferredSurname, true},
		{"Preferred Forename", FieldPreferredForename, true},
		{"Former Surname", FieldFormerSurname, true},
		{"Gender", FieldSex, true},
		{"DOB", FieldDOB, true},
		{"Year", FieldYear, true},
		{"Reg", FieldClass, true},
		{"Admission Date", FieldAdmission, true},
		{"Leaving Date", FieldLeaving, true},
		{"Photo Consent", FieldPhotoConsent, true},
		{"Contact 1 Title", ContactField(1, ContactTitle), true},
		{"Contact 1 Forename", ContactField(1, ContactForename), true},
		{"Contact 2 Surname", ContactField(2, ContactSurname), true},
		{"Contact 2 Relationship", ContactField(2, ContactRelationship), true},
		{"Contact 1 Parental Responsibility", ContactField(1, ContactResponsibility), true},
		{"Contact 2 Mobile", ContactField(2, ContactMobile), true},
		{"Contact 1 Email", ContactField(1, ContactEmail), true},
		// Arbor-style headings in the sample
		{"Student ID", FieldIgnore, true},
		{"Name", FieldFullName, true},
		{"Legal First Name", FieldLegalForename, true},
		{"Legal Middle Names", FieldMiddleNames, true},
		{"Legal Last Name", FieldLegalSurname, true},
		{"Preferred First Name", FieldPreferredForename, true},
		{"Preferred Last Name", FieldPreferredSurname, true},
		{"Date of Birth", FieldDOB, true},
		{"Year Group", FieldYear, true},
		{"Registration Form", FieldClass, true},
		{"Enrolment Start Date", FieldAdmission, true},
		{"Enrolment End Date", FieldLeaving, true},
		{"Primary Guardian", ContactField(1, ContactName), true},
		{"Primary Guardian Relationship", ContactField(1, ContactRelationship), true},
		{"Primary Guardian Parental Responsibility", ContactField(1, ContactResponsibility), true},
		{"Primary Guardian Mobile", ContactField(1, ContactMobile), true},
		{"Secondary Guardian", ContactField(2, ContactName), true},
		{"Secondary Guardian Email", ContactField(2, ContactEmail), true},
		{"Photography Consent", FieldPhotoConsent, true},
		// synonyms, any case and punctuation
		{"Surname", FieldLegalSurname, true},
		{"Forename", FieldLegalForename, true},
		{"First Name", FieldLegalForename, true},
		{"last_name", FieldLegalSurname, true},
		{"DATE OF BIRTH", FieldDOB, true},
		{"Reg Group", FieldClass, true},
		{"Form", FieldClass, true},
		{"Registration Group", FieldClass, true},
		{"NC Year", FieldYear, true},
		{"Admission Number", FieldAdno, true},
		{"Adm No", FieldAdno, true},
		{"Adm. No.", FieldAdno, true},
		{"Sex", FieldSex, true},
		{"Known As", FieldPreferredForename, true},
		{"Former UPN", FieldFormerUPN, true},
		{"Contact 3 First Name", ContactField(3, ContactForename), true},
		{"Contact3Mobile", ContactField(3, ContactMobile), true},
		{"Contact 12 Email Address", ContactField(12, ContactEmail), true},
		{"Parent Email", ContactField(1, ContactEmail), true},
		{"Guardian 2 Relationship to Pupil", ContactField(2, ContactRelationship), true},
		{"Secondary Guardian Parental Responsibility", ContactField(2, ContactResponsibility), true},
		// not known
		{"Enrolment Status", FieldIgnore, false},
		{"Fav colour", FieldIgnore, false},
		{"Parental Responsibility", FieldIgnore, false},
		{"Contact 1 Home Phone", FieldIgnore, false},
		{"Contact 21 Email", FieldIgnore, false}, // beyond MaxContacts
		{"Contact 0 Email", FieldIgnore, false},
	}
	for _, tc := range tests {
		t.Run(tc.heading, func(t *testing.T) {
			h, known := autoHeading(headingKey(tc.heading))
			if h.field != tc.want || known != tc.known {
				t.Errorf("heading %q maps to %q, known %v; want %q, %v", tc.heading, h.field, known, tc.want, tc.known)
			}
		})
	}
}

func TestContactField(t *testing.T) {
	tests := []struct {
		n    int
		part ContactPart
		want Field
	}{
		{1, ContactForename, "contact1.forename"},
		{2, ContactName, "contact2.name"},
		{MaxContacts, ContactEmail, "contact20.email"},
		{0, ContactEmail, FieldIgnore},
		{MaxContacts + 1, ContactEmail, FieldIgnore},
		{1, "shoe size", FieldIgnore},
	}
	for _, tc := range tests {
		t.Run(string(tc.want), func(t *testing.T) {
			got := ContactField(tc.n, tc.part)
			if got != tc.want {
				t.Fatalf("ContactField(%d, %q) = %q, want %q", tc.n, tc.part, got, tc.want)
			}
			if got == FieldIgnore {
				return
			}
			n, part, ok := got.Contact()
			if n != tc.n || part != tc.part || !ok {
				t.Errorf("%q.Contact() = %d, %q, %v; want %d, %q, true", got, n, part, ok, tc.n, tc.part)
			}
		})
	}
}

func TestFieldValid(t *testing.T) {
	tests := []struct {
		f    Field
		want bool
	}{
		{FieldIgnore, true}, {FieldUPN, true}, {FieldPhotoConsent, true}, {"contact3.mobile", true},
		{"contact03.mobile", false}, {"contact0.mobile", false}, {"contact21.mobile", false},
		{"contact1.shoe", false}, {"contact1", false}, {"contact.mobile", false}, {"contact+1.mobile", false},
		{"favourite_colour", false},
	}
	for _, tc := range tests {
		t.Run(string(tc.f), func(t *testing.T) {
			if got := tc.f.Valid(); got != tc.want {
				t.Errorf("%q.Valid() = %v, want %v", tc.f, got, tc.want)
			}
		})
	}
}

func TestColumns(t *testing.T) {
	data := []byte("Student ID,Name,Surname,Forename,Date of Birth,Fav colour,Reg Group,Primary Guardian,Secondary Guardian Mobile,\n1,A B,B,A,01/02/2015,red,3H,C B,07700 900101,\n")
	got, err := Columns(data)
	if err != nil {
		t.Fatalf("Columns: %v", err)
	}
	want := Header{
		Columns: []Column{
			{Name: "Student ID", Field: FieldIgnore, Known: true},
			{Name: "Name", Field: FieldFullName, Known: true},
			{Name: "Surname", Field: FieldLegalSurname, Known: true},
			{Name: "Forename", Field: FieldLegalForename, Known: true},
			{Name: "Date of Birth", Field: FieldDOB, Known: true},
			{Name: "Fav colour", Field: FieldIgnore, Known: false},
			{Name: "Reg Group", Field: FieldClass, Known: true},
			{Name: "Primary Guardian", Field: ContactField(1, ContactName), Known: true},
			{Name: "Secondary Guardian Mobile", Field: ContactField(2, ContactMobile), Known: true},
			{Name: "", Field: FieldIgnore, Known: true},
		},
		Unknown: []string{"Fav colour"},
		Dialect: "Arbor",
		Row:     1,
	}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("header differs (-got +want):\n%s", diff)
	}
	if !got.Identifies() {
		t.Error("Identifies() = false, want true")
	}
}

func TestColumnsErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
		want error
	}{
		{"empty", "", ErrEmpty},
		{"blank", " \r\n\r\n", ErrEmpty},
		{"ctf", "<?xml version=\"1.0\"?><CTfile></CTfile>", ErrNotCSV},
		{"zip", "PK\x03\x04rest of an xlsx", ErrNotText},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Columns([]byte(tc.data))
			if !errors.Is(err, tc.want) {
				t.Errorf("Columns error = %v, want %v", err, tc.want)
			}
		})
	}
}

// TestColumnsUnmappable: a file whose headings are all unknown still gives
// its headings so that the user can map them; Parse refuses it until then.
func TestColumnsUnmappable(t *testing.T) {
	data := []byte("Child's given name,Child's family name,Birthday\nAnna,Okafor,10/04/2017\n")
	h, err := Columns(data)
	if err != nil {
		t.Fatalf("Columns: %v", err)
	}
	if diff := cmp.Diff(h.Unknown, []string{"Child's given name", "Child's family name", "Birthday"}); diff != "" {
		t.Errorf("unknown headings differ (-got +want):\n%s", diff)
	}
	if h.Identifies() {
		t.Error("Identifies() = true, want false")
	}
	if _, err := Parse("kids.csv", data, Options{}); !errors.Is(err, ErrNoPupilColumns) {
		t.Fatalf("Parse without mapping: error %v, want %v", err, ErrNoPupilColumns)
	}
	opt := Options{Mapping: map[string]Field{
		"Child's given name":  FieldLegalForename,
		"child's FAMILY name": FieldLegalSurname, // matched ignoring case and punctuation
		"Birthday":            FieldDOB,
		"Not in this file":    FieldClass,
	}}
	f, err := Parse("kids.csv", data, opt)
	if err != nil {
		t.Fatalf("Parse with mapping: %v", err)
	}
	if len(f.Warnings) != 0 {
		t.Errorf("file warnings %q, want none", f.Warnings)
	}
	p := f.Rows[0].Pupil
	if p.LegalForename != "Anna" || p.LegalSurname != "Okafor" || p.DOB.String() != "2017-04-10" {
		t.Errorf("pupil %q %q %v; want Anna Okafor 2017-04-10", p.LegalForename, p.LegalSurname, p.DOB)
	}
}

func TestMappingOverridesAndIgnores(t *testing.T) {
	data := []byte("UPN,Surname,Forename,Notes,Form\nA999200119014,Okafor,Anna,4M,4M\n")
	opt := Options{Mapping: map[string]Field{
		"Notes": FieldIgnore, // known now, so no "not used" warning
		"Form":  FieldIgnore, // an automatic mapping switched off
	}}
	f, err := Parse("x.csv", data, opt)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if len(f.Warnings) != 0 {
		t.Errorf("file warnings %q, want none", f.Warnings)
	}
	if got := f.Rows[0].Pupil.Class; got != "" {
		t.Errorf("class %q, want it ignored", got)
	}
}

func TestMappingInvalidField(t *testing.T) {
	data := []byte("UPN,Surname\nA999200119014,Okafor\n")
	_, err := Parse("x.csv", data, Options{Mapping: map[string]Field{"Surname": "shoe_size"}})
	if !errors.Is(err, ErrBadMapping) {
		t.Errorf("error %v, want %v", err, ErrBadMapping)
	}
}

// TestDuplicateHeadings: a second column for a field already taken is not
// read, so two contacts' or pupils' data are never mixed.
func TestDuplicateHeadings(t *testing.T) {
	data := []byte("UPN,Surname,Forename,Surname,Contact 1 Email,Parent Email\nA999200119014,Okafor,Anna,Other,a@example.com,b@example.com\n")
	f, err := Parse("dup.csv", data, Options{})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	want := []string{
		"column 'Surname' holds the same thing as another column and is not used",
		"column 'Parent Email' holds the same thing as another column and is not used",
	}
	if diff := cmp.Diff(f.Warnings, want); diff != "" {
		t.Errorf("file warnings differ (-got +want):\n%s", diff)
	}
	p := f.Rows[0].Pupil
	if p.LegalSurname != "Okafor" || len(p.Contacts) != 1 || p.Contacts[0].Email != "a@example.com" {
		t.Errorf("got surname %q, contacts %+v; want the first columns' values", p.LegalSurname, p.Contacts)
	}
}

// TestMappingWinsOverAutomatic: a column the user mapped takes its field
// from an automatically mapped one, wherever the two are.
func TestMappingWinsOverAutomatic(t *testing.T) {
	data := []byte("UPN,Surname,Current UPN\nA999200119014,Okafor,K999200119014\n")
	f, err := Parse("m.csv", data, Options{Mapping: map[string]Field{"Current UPN": FieldUPN}})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	want := []string{"column 'UPN' holds the same thing as another column and is not used"}
	if diff := cmp.Diff(f.Warnings, want); diff != "" {
		t.Errorf("file warnings differ (-got +want):\n%s", diff)
	}
	if got := f.Rows[0].Pupil.UPN; got != "K999200119014" {
		t.Errorf("UPN %q, want the mapped column's K999200119014", got)
	}
}

// TestTitleRowsAboveHeadings: reports that put a title above the headings
// are still read, with a warning.
func TestTitleRowsAboveHeadings(t *testing.T) {
	data := []byte("Pupil list,,\nPrinted 15/01/2026,,\n\nUPN,Surname,Forename\nA999200119014,Okafor,Anna\n")
	f, err := Parse("titled.csv", data, Options{})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if diff := cmp.Diff(f.Warnings, []string{"the 2 rows above the headings were not read"}); diff != "" {
		t.Errorf("file warnings differ (-got +want):\n%s", diff)
	}
	if len(f.Rows) != 1 || f.Rows[0].Line != 5 || f.Rows[0].Pupil.LegalSurname != "Okafor" {
		t.Errorf("rows %+v, want one pupil on row 5", f.Rows)
	}
}
