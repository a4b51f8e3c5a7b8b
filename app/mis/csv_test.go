package mis

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/civil"
	"photoconsent/app/pupil"
)

// TestTruncatedCSV: a file cut off half-way through its last line keeps
// every complete row and warns about the broken one instead of importing a
// truncated name.
func TestTruncatedCSV(t *testing.T) {
	data := readFixture(t, "truncated.csv")
	tests := []struct {
		name string
		data []byte
	}{
		{"inside a quoted cell", data},
		{"between cells", data[:bytes.LastIndex(data, []byte(`,"Zo`))]},
		{"inside an unquoted cell", bytes.ReplaceAll(data[:bytes.LastIndex(data, []byte(`"Zo`))+3], []byte(`"`), nil)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse("truncated.csv", tc.data, Options{})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			want := []string{"row 4 is incomplete, as if the file was cut off while being written, and was not read"}
			if diff := cmp.Diff(f.Warnings, want); diff != "" {
				t.Errorf("file warnings differ (-got +want):\n%s", diff)
			}
			if len(f.Rows) != 2 || f.Rows[1].Pupil.LegalSurname != "Smith-Jones" || f.Rows[1].Pupil.Contacts[0].Email != "claire.smith@example.com" {
				t.Errorf("rows %+v, want the two complete rows", f.Rows)
			}
		})
	}
}

func TestCSVRecords(t *testing.T) {
	tests := []struct {
		name     string
		data     string
		surnames []string
		lines    []int
		warnings []string
		rowWarn  [][]string
	}{
		{
			name: "last line without line break is complete", data: "UPN,Surname\nK999200119014,Hargreaves",
			surnames: []string{"Hargreaves"}, lines: []int{2}, rowWarn: [][]string{nil},
		},
		{
			name: "blank lines and empty rows are skipped", data: "UPN,Surname\n\nK999200119014,Hargreaves\n,\n  ,  \nF999200119021,Smith-Jones\n\n",
			surnames: []string{"Hargreaves", "Smith-Jones"}, lines: []int{3, 6}, rowWarn: [][]string{nil, nil},
		},
		{
			name: "quoted cells with commas, quotes and line breaks", data: "UPN,Surname,Class\n\"K999200119014\",\"O\"\"Neill, \nJr\",\"6B\"\nF999200119021,Smith,6B\n",
			surnames: []string{"O\"Neill, \nJr", "Smith"}, lines: []int{2, 3}, rowWarn: [][]string{nil, nil},
		},
		{
			name: "stray quote in an unquoted cell is kept", data: "UPN,Surname\nK999200119014,O\"Neill\n",
			surnames: []string{"O\"Neill"}, lines: []int{2}, rowWarn: [][]string{nil},
		},
		{
			name: "text after a closing quote is kept", data: "UPN,Surname\nK999200119014,\"O\"Neill\n",
			surnames: []string{"ONeill"}, lines: []int{2}, rowWarn: [][]string{nil},
		},
		{
			name: "short row in the middle is kept", data: "UPN,Surname,Class\nK999200119014,Hargreaves\nF999200119021,Smith-Jones,6B\n",
			surnames: []string{"Hargreaves", "Smith-Jones"}, lines: []int{2, 3},
			rowWarn: [][]string{{"the row has 2 cells for 3 headings; the missing ones were taken as blank"}, nil},
		},
		{
			name: "cells beyond the headings", data: "UPN,Surname\nK999200119014,Hargreaves,oops\nF999200119021,Smith-Jones,\n",
			surnames: []string{"Hargreaves", "Smith-Jones"}, lines: []int{2, 3},
			rowWarn: [][]string{{"the row has cells beyond the last heading; they were not read"}, nil},
		},
		{
			name: "semicolons", data: "UPN;Surname;Class\nK999200119014;Hargreaves;6,B\n",
			surnames: []string{"Hargreaves"}, lines: []int{2}, rowWarn: [][]string{nil},
		},
		{
			name: "excel sep line", data: "sep=;\r\nUPN;Surname\r\nK999200119014;Hargreaves\r\n",
			surnames: []string{"Hargreaves"}, lines: []int{2}, rowWarn: [][]string{nil},
		},
		{
			name: "tabs", data: "UPN\tSurname\nK999200119014\tHargreaves\n",
			surnames: []string{"Hargreaves"}, lines: []int{2}, rowWarn: [][]string{nil},
		},
		{
			name: "headings with spaces and odd case", data: " upn , LEGAL SURNAME \nK999200119014, Hargreaves \n",
			surnames: []string{"Hargreaves"}, lines: []int{2}, rowWarn: [][]string{nil},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse("r.csv", []byte(tc.data), Options{})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			var surnames []string
			var lines []int
			var rowWarn [][]string
			for _, r := range f.Rows {
				surnames = append(surnames, r.Pupil.LegalSurname)
				lines = append(lines, r.Line)
				rowWarn = append(rowWarn, r.Warnings)
			}
			if diff := cmp.Diff(surnames, tc.surnames); diff != "" {
				t.Errorf("surnames differ (-got +want):\n%s", diff)
			}
			if diff := cmp.Diff(lines, tc.lines); diff != "" {
				t.Errorf("lines differ (-got +want):\n%s", diff)
			}
			if diff := cmp.Diff(rowWarn, tc.rowWarn); diff != "" {
				t.Errorf("row warnings differ (-got +want):\n%s", diff)
			}
			if diff := cmp.Diff(f.Warnings, tc.warnings); diff != "" {
				t.Errorf("file warnings differ (-got +want):\n%s", diff)
			}
		})
	}
}

// TestCSVRowWarnings: one bad cell gives one plain warning, without names,
// and the pupil is kept.
func TestCSVRowWarnings(t *testing.T) {
	const head = "UPN,Former UPN,Surname,Forename,DOB,Year,Sex,Photo Consent,Admission Date,Leaving Date\n"
	const good = "K999200119014,,Hargreaves,Oliver,03/11/2014,6,M,Yes,04/09/2019,"
	tests := []struct {
		name string
		row  string
		want []string
	}{
		{"clean", good, nil},
		{"lower-case UPN is fine", "k999200119014,,Hargreaves,Oliver,03/11/2014,6,M,Yes,04/09/2019,", nil},
		{"missing UPN", ",,Hargreaves,Oliver,03/11/2014,6,M,Yes,04/09/2019,", []string{"UPN is missing"}},
		{"bad check letter", "A999200119014,,Hargreaves,Oliver,03/11/2014,6,M,Yes,04/09/2019,", []string{"UPN check letter is wrong"}},
		{"malformed UPN", "K99920011901,,Hargreaves,Oliver,03/11/2014,6,M,Yes,04/09/2019,", []string{"UPN is not in the DfE form of a letter and 12 more characters"}},
		{"temporary UPN is fine", "Z99920012507T,,Hargreaves,Oliver,03/11/2014,6,M,Yes,04/09/2019,", nil},
		{"bad former UPN", "K999200119014,A999200119014,Hargreaves,Oliver,03/11/2014,6,M,Yes,04/09/2019,", []string{"former UPN check letter is wrong"}},
		{"impossible dob", "K999200119014,,Hargreaves,Oliver,31/02/2015,6,M,Yes,04/09/2019,", []string{"date of birth '31/02/2015' is not a real date"}},
		{"bad leaving date", "K999200119014,,Hargreaves,Oliver,03/11/2014,6,M,Yes,04/09/2019,soon", []string{"leaving date is not a date in the form dd/mm/yyyy or yyyy-mm-dd"}},
		{"bad year", "K999200119014,,Hargreaves,Oliver,03/11/2014,15,M,Yes,04/09/2019,", []string{"year '15' is not a National Curriculum year"}},
		{"bad sex", "K999200119014,,Hargreaves,Oliver,03/11/2014,6,Q,Yes,04/09/2019,", []string{"sex is not M or F"}},
		{"bad consent", "K999200119014,,Hargreaves,Oliver,03/11/2014,6,M,Maybe,04/09/2019,", []string{"photo consent is not understood and was taken as no answer"}},
		{"mononym", "K999200119014,,Ratnasari,,03/11/2014,6,M,Yes,04/09/2019,", []string{"legal forename is blank; the pupil is taken to have a single name"}},
		{"no surname", "K999200119014,,,Oliver,03/11/2014,6,M,Yes,04/09/2019,", []string{"legal surname is blank"}},
		{"no name", "K999200119014,,,,03/11/2014,6,M,Yes,04/09/2019,", []string{"the row has no name"}},
		{"nothing to identify", ",,,,03/11/2014,6,M,Yes,04/09/2019,", []string{"UPN is missing", "the row has no name and no UPN"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse("w.csv", []byte(head+tc.row+"\n"), Options{})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(f.Rows) != 1 {
				t.Fatalf("got %d rows, want 1: a pupil must never be dropped", len(f.Rows))
			}
			if diff := cmp.Diff(f.Rows[0].Warnings, tc.want); diff != "" {
				t.Errorf("warnings differ (-got +want):\n%s", diff)
			}
			for _, w := range f.Rows[0].Warnings {
				for _, name := range []string{"Hargreaves", "Oliver", "Ratnasari"} {
					if strings.Contains(w, name) {
						t.Errorf("warning %q names the pupil", w)
					}
				}
			}
		})
	}
}

func TestCSVPupilValues(t *testing.T) {
	data := "UPN,Surname,Forename,DOB,Year,Sex,Photo Consent,Admission Date,Class,Adno\n" +
		" k999200119014 ,  Hargreaves , Oliver ,2014-11-03,Year 6,male,Consented,4/9/2019, 6B ,000101\n"
	f, err := Parse("v.csv", []byte(data), Options{})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	want := Row{
		Line: 2,
		Pupil: pupil.Pupil{
			UPN: "K999200119014", UPNStatus: pupil.UPNValid, Adno: "000101",
			LegalForename: "Oliver", LegalSurname: "Hargreaves", Sex: "M",
			DOB: civil.Date{Year: 2014, Month: 11, Day: 3}, Year: "6", Class: "6B",
			Admission: civil.Date{Year: 2019, Month: 9, Day: 4},
		},
		PhotoConsent: "granted",
	}
	if diff := cmp.Diff(f.Rows, []Row{want}); diff != "" {
		t.Errorf("rows differ (-got +want):\n%s", diff)
	}
}

// TestFullNameColumn: a report with one name cell is split into legal
// names; with separate name columns, the one-cell name is not used.
func TestFullNameColumn(t *testing.T) {
	tests := []struct {
		name, data, forename, surname string
	}{
		{"forename first", "UPN,Name\nK999200119014,Emily de la Cruz\n", "Emily", "de la Cruz"},
		{"surname first", "UPN,Pupil Name\nK999200119014,\"de la Cruz, Emily\"\n", "Emily", "de la Cruz"},
		{"separate columns win", "UPN,Name,Legal Surname,Legal Forename\nK999200119014,Em Cruz,de la Cruz,Emily\n", "Emily", "de la Cruz"},
		{"mononym in separate columns is not filled from the name", "UPN,Name,Legal Surname,Legal Forename\nK999200119014,Ratnasari,Ratnasari,\n", "", "Ratnasari"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse("n.csv", []byte(tc.data), Options{})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			p := f.Rows[0].Pupil
			if p.LegalForename != tc.forename || p.LegalSurname != tc.surname {
				t.Errorf("got %q / %q, want %q / %q", p.LegalForename, p.LegalSurname, tc.forename, tc.surname)
			}
		})
	}
}

// TestPresumedResponsibility: when the file does not say whether a contact
// has parental responsibility, it is presumed for parents and guardians
// only, and the row says so either way.
func TestPresumedResponsibility(t *testing.T) {
	tests := []struct {
		relationship string
		want         bool
		warning      string
	}{
		{"Mother", true, "contact 1 parental responsibility is not in the file; presumed from the relationship 'Mother'"},
		{"Father", true, "contact 1 parental responsibility is not in the file; presumed from the relationship 'Father'"},
		{"Parent", true, "contact 1 parental responsibility is not in the file; presumed from the relationship 'Parent'"},
		{"Legal Guardian", true, "contact 1 parental responsibility is not in the file; presumed from the relationship 'Legal Guardian'"},
		{"Adoptive Mother", true, "contact 1 parental responsibility is not in the file; presumed from the relationship 'Adoptive Mother'"},
		{"PAF", true, "contact 1 parental responsibility is not in the file; presumed from the relationship 'Father'"},
		{"Step-father", false, "contact 1 parental responsibility is not in the file; not presumed for the relationship 'Step-father'"},
		{"Grandmother", false, "contact 1 parental responsibility is not in the file; not presumed for the relationship 'Grandmother'"},
		{"Foster Carer", false, "contact 1 parental responsibility is not in the file; not presumed for the relationship 'Foster Carer'"},
		{"Carer", false, "contact 1 parental responsibility is not in the file; not presumed for the relationship 'Carer'"},
		{"Other", false, "contact 1 parental responsibility is not in the file; not presumed for the relationship 'Other'"},
		// free text might be a name in the wrong column, so it is not quoted
		{"Hargreaves", false, "contact 1 parental responsibility is not in the file and the relationship gives no reason to presume it"},
		{"", false, "contact 1 parental responsibility is not in the file and the relationship gives no reason to presume it"},
	}
	for _, tc := range tests {
		t.Run(tc.relationship, func(t *testing.T) {
			data := "UPN,Surname,Forename,Primary Guardian,Primary Guardian Relationship\n" +
				"K999200119014,Hargreaves,Oliver,Rachel Hargreaves," + tc.relationship + "\n"
			f, err := Parse("pr.csv", []byte(data), Options{})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			r := f.Rows[0]
			if got := r.Pupil.Contacts[0].Responsibility; got != tc.want {
				t.Errorf("responsibility %v, want %v", got, tc.want)
			}
			if diff := cmp.Diff(r.Warnings, []string{tc.warning}); diff != "" {
				t.Errorf("warnings differ (-got +want):\n%s", diff)
			}
		})
	}
}

func TestResponsibilityCell(t *testing.T) {
	tests := []struct {
		cell     string
		want     bool
		warnings []string
	}{
		{"Yes", true, nil},
		{"No", false, nil},
		{"true", true, nil},
		{"N", false, nil},
		{"", true, []string{"contact 1 parental responsibility is not in the file; presumed from the relationship 'Mother'"}},
		{"maybe", true, []string{
			"contact 1 parental responsibility is not yes or no",
			"contact 1 parental responsibility is not in the file; presumed from the relationship 'Mother'",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.cell, func(t *testing.T) {
			data := "UPN,Surname,Forename,Contact 1 Forename,Contact 1 Surname,Contact 1 Relationship,Contact 1 Parental Responsibility\n" +
				"K999200119014,Hargreaves,Oliver,Rachel,Hargreaves,Mother," + tc.cell + "\n"
			f, err := Parse("pr.csv", []byte(data), Options{})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			r := f.Rows[0]
			if got := r.Pupil.Contacts[0].Responsibility; got != tc.want {
				t.Errorf("responsibility %v, want %v", got, tc.want)
			}
			if diff := cmp.Diff(r.Warnings, tc.warnings); diff != "" {
				t.Errorf("warnings differ (-got +want):\n%s", diff)
			}
		})
	}
}

func TestCSVContacts(t *testing.T) {
	data := "UPN,Legal Surname,Preferred Surname,Legal Forename," +
		"Primary Guardian,Primary Guardian Relationship,Primary Guardian Parental Responsibility,Primary Guardian Mobile,Primary Guardian Email," +
		"Contact 2 Title,Contact 2 Forename,Contact 2 Surname,Contact 2 Relationship,Contact 2 Parental Responsibility,Contact 2 Mobile,Contact 2 Email," +
		"Contact 3 Forename,Contact 3 Surname,Contact 3 Parental Responsibility\n" +
		"K999200120024,St John-Smythe,St John-Smythe,Mary-Jane," +
		"Dr Harriet St John-Smythe,Mother,true,7700 900131,h.stjohn-smythe@example.org," +
		"Mr,Rupert,Smythe,PAF,Yes,07700 900132,rupert-at-example.org," +
		",,No\n"
	f, err := Parse("c.csv", []byte(data), Options{})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	want := []pupil.Contact{
		{Order: 1, Title: "Dr", Forename: "Harriet", Surname: "St John-Smythe", RelationshipCode: "PAM", Relationship: "Mother",
			Responsibility: true, Mobile: "07700 900131", Email: "h.stjohn-smythe@example.org"},
		{Order: 2, Title: "Mr", Forename: "Rupert", Surname: "Smythe", RelationshipCode: "PAF", Relationship: "Father",
			Responsibility: true, Mobile: "07700 900132", Email: "rupert-at-example.org"},
	}
	r := f.Rows[0]
	if diff := cmp.Diff(r.Pupil.Contacts, want); diff != "" {
		t.Errorf("contacts differ (-got +want):\n%s", diff)
	}
	wantWarnings := []string{
		"contact 2 e-mail address does not look like one",
		"contact 1 mobile number had lost its leading zero, as Excel does; it was put back",
	}
	if diff := cmp.Diff(r.Warnings, wantWarnings); diff != "" {
		t.Errorf("warnings differ (-got +want):\n%s", diff)
	}
}

func TestParseErrors(t *testing.T) {
	tooMany := "UPN,Surname\n" + strings.Repeat("K999200119014,Hargreaves\n", MaxRows+1)
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrEmpty},
		{"only spaces", []byte(" \n\t\r\n"), ErrEmpty},
		{"too big", make([]byte, MaxFileSize+1), ErrTooBig},
		{"too many rows", []byte(tooMany), ErrTooManyRows},
		{"excel workbook", []byte("PK\x03\x04\x14\x00\x06\x00"), ErrNotText},
		{"binary", []byte("GIF89a\x00\x01\x02"), ErrNotText},
		{"xml but not ctf", []byte(`<?xml version="1.0"?><Pupils><Pupil/></Pupils>`), ErrNotCTF},
		{"no pupil columns", []byte("Colour,Shoe size\nred,3\n"), ErrNoPupilColumns},
		{"bad mapping", []byte("UPN\nK999200119014\n"), ErrBadMapping},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opt := Options{}
			if tc.want == ErrBadMapping {
				opt.Mapping = map[string]Field{"UPN": "contact99.email"}
			}
			f, err := Parse("pupils.csv", tc.data, opt)
			if !errors.Is(err, tc.want) || f != nil {
				t.Fatalf("Parse = %v, %v; want nil, %v", f, err, tc.want)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "read pupils.csv: ") || strings.ContainsAny(msg, "\n") || strings.ToLower(msg[:1]) != msg[:1] {
				t.Errorf("error %q is not one lower-case sentence naming the file", msg)
			}
		})
	}
}

// TestFormatFromContent: a CTF saved as .csv is still a CTF and a CSV saved
// as .xml is still a CSV.
func TestFormatFromContent(t *testing.T) {
	ctf := readFixture(t, "ctf_edge.xml")
	f, err := Parse("pupils.csv", ctf, Options{})
	if err != nil || f.Format != CTF {
		t.Fatalf("CTF named .csv: %v, %v; want ctf", formatOf(f), err)
	}
	f, err = Parse("pupils.xml", []byte("UPN,Surname\nK999200119014,Hargreaves\n"), Options{})
	if err != nil || f.Format != CSV {
		t.Fatalf("CSV named .xml: %v, %v; want csv", formatOf(f), err)
	}
}

func formatOf(f *File) string {
	if f == nil {
		return "no file"
	}
	return fmt.Sprint(f.Format)
}
