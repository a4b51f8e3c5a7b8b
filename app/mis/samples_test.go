package mis

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/civil"
	"photoconsent/app/pupil"
)

// The shared samples describe the same 40 invented pupils in five files;
// expected.json holds their canonical values and README §4 / file_quirks the
// deliberate differences of each file. These tests rebuild, for each file,
// exactly the Row the parser must return for each pupil (fields the file
// does not carry are expected empty) and compare whole rows, warnings
// included, so that any regression fails.

type expectedSamples struct {
	School struct {
		LEA          string `json:"lea"`
		Estab        string `json:"estab"`
		URN          string `json:"urn"`
		Name         string `json:"name"`
		AcademicYear string `json:"academic_year"`
	} `json:"school"`
	ExportDatetime string              `json:"export_datetime"`
	PupilCount     int                 `json:"pupil_count"`
	FileQuirks     map[string][]string `json:"file_quirks"`
	Pupils         []expectedPupil     `json:"pupils"`
}

// JSON nulls decode to "".
type expectedPupil struct {
	ID                string            `json:"id"`
	UPN               string            `json:"upn"`
	UPNStatus         string            `json:"upn_status"`
	FormerUPN         string            `json:"former_upn"`
	Adno              string            `json:"adno"`
	LegalForename     string            `json:"legal_forename"`
	MiddleNames       string            `json:"middle_names"`
	LegalSurname      string            `json:"legal_surname"`
	PreferredForename string            `json:"preferred_forename"`
	PreferredSurname  string            `json:"preferred_surname"`
	FormerSurname     string            `json:"former_surname"`
	Sex               string            `json:"sex"`
	DOB               string            `json:"dob"`
	NCYear            string            `json:"nc_year"`
	RegGroup          string            `json:"reg_group"`
	AdmissionDate     string            `json:"admission_date"`
	LeavingDate       string            `json:"leaving_date"`
	PhotoConsent      string            `json:"photo_consent"`
	Contacts          []expectedContact `json:"contacts"`
}

type expectedContact struct {
	Order            int    `json:"order"`
	Title            string `json:"title"`
	Forename         string `json:"forename"`
	MiddleNames      string `json:"middle_names"`
	Surname          string `json:"surname"`
	RelationshipCode string `json:"relationship_code"`
	RelationshipText string `json:"relationship_text"`
	Responsibility   bool   `json:"parental_responsibility"`
	LivesWithPupil   bool   `json:"lives_with_pupil"`
	Mobile           string `json:"mobile"`
	Email            string `json:"email"`
}

// samplesDir finds ../shared/mis-samples from this test file, skipping the
// test when the shared folder is not there.
func samplesDir(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Skip("cannot locate the test file to find the shared MIS samples")
	}
	dir := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "mis-samples")
	if _, err := os.Stat(filepath.Join(dir, "expected.json")); err != nil {
		t.Skipf("shared MIS samples not found at %s: %v", dir, err)
	}
	return dir
}

func loadExpected(t *testing.T, dir string) expectedSamples {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatalf("read expected.json: %v", err)
	}
	var e expectedSamples
	if err := json.Unmarshal(data, &e); err != nil {
		t.Fatalf("decode expected.json: %v", err)
	}
	if len(e.Pupils) != e.PupilCount || e.PupilCount != 40 {
		t.Fatalf("expected.json has %d pupils, pupil_count %d; want 40", len(e.Pupils), e.PupilCount)
	}
	return e
}

// sampleCase is one sample file and how its rows should differ from the
// canonical values.
type sampleCase struct {
	file         string
	ids          []string // the pupils the file holds; nil for all 40
	format       Format
	version      string
	fileWarnings []string
	want         func(e expectedPupil) Row // the exact row the file must give
}

func TestSamples(t *testing.T) {
	dir := samplesDir(t)
	exp := loadExpected(t, dir)
	cases := []sampleCase{
		{file: "9992001_CTF_9992001_001.xml", format: CTF, version: "25.0", want: ctfRow},
		{file: "legacy_ctf19_gender_bom_crlf.xml", ids: []string{"P04", "P11", "P31"}, format: CTF, version: "19.0", want: ctfRow},
		{file: "sims_student_list.csv", format: CSV, version: "SIMS", want: simsRow,
			fileWarnings: []string{"column 'Enrolment Status' is not used"}},
		{file: "sims_student_list_cp1252.csv", ids: []string{"P03", "P04", "P05", "P17", "P18", "P38"}, format: CSV, version: "SIMS", want: simsRow,
			fileWarnings: []string{"column 'Enrolment Status' is not used"}},
		{file: "arbor_students_export.csv", format: CSV, version: "Arbor", want: arborRow},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			if _, ok := exp.FileQuirks[tc.file]; !ok {
				t.Fatalf("expected.json lists no quirks for %s; the sample set has changed", tc.file)
			}
			data, err := os.ReadFile(filepath.Join(dir, tc.file))
			if err != nil {
				t.Fatalf("read sample: %v", err)
			}
			f, err := Parse(tc.file, data, Options{})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			checkSampleFile(t, tc, exp, f)
			wanted := selectPupils(t, exp.Pupils, tc.ids)
			if len(f.Rows) != len(wanted) {
				t.Fatalf("got %d rows, want %d", len(f.Rows), len(wanted))
			}
			for i, r := range f.Rows {
				e := matchPupil(t, r, wanted)
				want := tc.want(e)
				want.Line = wantLine(tc.format, i)
				if diff := cmp.Diff(r, want); diff != "" {
					t.Errorf("%s (row %d) differs (-got +want):\n%s", e.ID, r.Line, diff)
				}
			}
		})
	}
}

// wantLine is the row number Parse should report: the pupil's position in
// a CTF, the spreadsheet row (heading = 1) in a CSV without multi-line cells.
func wantLine(f Format, i int) int {
	if f == CTF {
		return i + 1
	}
	return i + 2
}

func checkSampleFile(t *testing.T, tc sampleCase, exp expectedSamples, f *File) {
	t.Helper()
	if f.Format != tc.format || f.Version != tc.version {
		t.Errorf("format, version = %q, %q; want %q, %q", f.Format, f.Version, tc.format, tc.version)
	}
	if diff := cmp.Diff(f.Warnings, tc.fileWarnings); diff != "" {
		t.Errorf("file warnings differ (-got +want):\n%s", diff)
	}
	var wantSchool School
	var wantAt string
	if tc.format == CTF {
		s := exp.School
		wantSchool = School{LEA: s.LEA, Estab: s.Estab, URN: s.URN, Name: s.Name, AcademicYear: s.AcademicYear}
		wantAt = exp.ExportDatetime
	}
	if diff := cmp.Diff(f.School, wantSchool); diff != "" {
		t.Errorf("school differs (-got +want):\n%s", diff)
	}
	gotAt := ""
	if !f.ExportedAt.IsZero() {
		gotAt = f.ExportedAt.Format("2006-01-02T15:04:05")
	}
	if gotAt != wantAt {
		t.Errorf("exported at %q, want %q", gotAt, wantAt)
	}
}

func selectPupils(t *testing.T, all []expectedPupil, ids []string) []expectedPupil {
	t.Helper()
	if ids == nil {
		return all
	}
	var out []expectedPupil
	for _, id := range ids {
		found := false
		for _, p := range all {
			if p.ID == id {
				out = append(out, p)
				found = true
			}
		}
		if !found {
			t.Fatalf("expected.json has no pupil %s", id)
		}
	}
	return out
}

// matchPupil finds the expected pupil for a row by UPN, else admission
// number, else legal name and date of birth, as the README says to.
func matchPupil(t *testing.T, r Row, wanted []expectedPupil) expectedPupil {
	t.Helper()
	p := r.Pupil
	var hits []expectedPupil
	for _, e := range wanted {
		switch {
		case p.UPN != "":
			if e.UPN == p.UPN {
				hits = append(hits, e)
			}
		case p.Adno != "":
			if e.Adno == p.Adno {
				hits = append(hits, e)
			}
		case e.UPN == "" && e.LegalForename == p.LegalForename && e.LegalSurname == p.LegalSurname && e.DOB == p.DOB.String():
			hits = append(hits, e)
		}
	}
	if len(hits) != 1 {
		t.Fatalf("row %d matches %d expected pupils, want exactly 1", r.Line, len(hits))
	}
	return hits[0]
}

// canonical is the pupil exactly as expected.json has it, with every
// contact. Per-file views adjust it.
func canonical(e expectedPupil) pupil.Pupil {
	p := pupil.Pupil{
		UPN: e.UPN, UPNStatus: pupil.UPNStatus(e.UPNStatus), FormerUPN: e.FormerUPN, Adno: e.Adno,
		LegalForename: e.LegalForename, MiddleNames: e.MiddleNames, LegalSurname: e.LegalSurname,
		PreferredForename: e.PreferredForename, PreferredSurname: e.PreferredSurname, FormerSurname: e.FormerSurname,
		Sex: e.Sex, DOB: mustDate(e.DOB), Year: e.NCYear, Class: e.RegGroup,
		Admission: mustDate(e.AdmissionDate), Leaving: mustDate(e.LeavingDate),
	}
	for _, c := range e.Contacts {
		p.Contacts = append(p.Contacts, pupil.Contact{
			Order: c.Order, Title: c.Title, Forename: c.Forename, MiddleNames: c.MiddleNames, Surname: c.Surname,
			RelationshipCode: c.RelationshipCode, Relationship: c.RelationshipText, Responsibility: c.Responsibility,
			LivesWithPupil: c.LivesWithPupil, Mobile: c.Mobile, Email: c.Email,
		})
	}
	return p
}

func mustDate(s string) civil.Date {
	d, err := civil.Parse(s)
	if err != nil {
		panic(fmt.Sprintf("expected.json date %q: %v", s, err))
	}
	return d
}

// upnWarnings are the warnings every file gives for the pupil's UPN.
func upnWarnings(e expectedPupil) []string {
	switch pupil.UPNStatus(e.UPNStatus) {
	case pupil.UPNMissing:
		return []string{"UPN is missing"}
	case pupil.UPNBadCheck:
		return []string{"UPN check letter is wrong"}
	}
	return nil
}

// consentFromCanonical is Row.PhotoConsent for the canonical state:
// requested and unknown are both "no answer".
func consentFromCanonical(s string) string {
	if s == "granted" || s == "refused" {
		return s
	}
	return ""
}

// ctfCodeWords are the words a CTF's codes give. A CTF holds only the code,
// so the per-pupil wording of OTH contacts (Step-father, Grandmother,
// Parent) cannot come from it.
var ctfCodeWords = map[string]string{"PAM": "Mother", "PAF": "Father", "OTH": "Other contact"}

// ctfRow: CTF carries no admission number, registration group or photo
// consent, and relationship words only through the code.
func ctfRow(e expectedPupil) Row {
	p := canonical(e)
	p.Adno, p.Class = "", ""
	for i := range p.Contacts {
		p.Contacts[i].Relationship = ctfCodeWords[p.Contacts[i].RelationshipCode]
	}
	return Row{Pupil: p, Warnings: upnWarnings(e)}
}

// csvCode is the code a CSV contact gets from its relationship words:
// only words with a DfE code of their own get one.
func csvCode(words string) string {
	switch words {
	case "Mother":
		return "PAM"
	case "Father":
		return "PAF"
	}
	return ""
}

// csvContacts keeps the first two contacts (both CSVs export two) without
// what a CSV does not carry: middle names and whether they live with the
// pupil.
func csvContacts(p *pupil.Pupil) {
	if len(p.Contacts) > 2 {
		p.Contacts = p.Contacts[:2]
	}
	for i := range p.Contacts {
		c := &p.Contacts[i]
		c.MiddleNames, c.LivesWithPupil = "", false
		c.RelationshipCode = csvCode(c.Relationship)
	}
}

// simsRow: no former UPN column; P19's trailing space is trimmed and P07's
// mobile gets its zero back (with a warning); P16's MCLEOD is canonical.
func simsRow(e expectedPupil) Row {
	p := canonical(e)
	p.FormerUPN = ""
	csvContacts(&p)
	w := upnWarnings(e)
	if e.ID == "P07" {
		w = append(w, "contact 1 mobile number had lost its leading zero, as Excel does; it was put back")
	}
	return Row{Pupil: p, PhotoConsent: consentFromCanonical(e.PhotoConsent), Warnings: w}
}

// arborNonLatin are the preferred forenames only the Arbor file holds.
var arborNonLatin = map[string]string{"P25": "小明", "P26": "ياسمين"}

// arborRow: no admission number (Student ID is Arbor's own id), no former
// UPN or former surname, guardian names in one cell without title, and the
// secondary guardian's parental responsibility presumed from the
// relationship. P22's forenames are blank, P25/P26 have non-Latin preferred
// forenames and P18's surname has U+2019.
func arborRow(e expectedPupil) Row {
	p := canonical(e)
	p.Adno, p.FormerUPN, p.FormerSurname = "", "", ""
	csvContacts(&p)
	for i := range p.Contacts {
		p.Contacts[i].Title = ""
	}
	switch e.ID {
	case "P22":
		p.LegalForename, p.PreferredForename = "", ""
	case "P25", "P26":
		p.PreferredForename = arborNonLatin[e.ID]
	case "P18":
		p.LegalSurname = strings.ReplaceAll(p.LegalSurname, "'", "\u2019")
		p.PreferredSurname = strings.ReplaceAll(p.PreferredSurname, "'", "\u2019")
	}
	w := upnWarnings(e)
	if len(p.Contacts) == 2 {
		w = append(w, presumedWarning(p.Contacts[1]))
	}
	if e.ID == "P22" {
		w = append(w, "legal forename is blank; the pupil is taken to have a single name")
	}
	return Row{Pupil: p, PhotoConsent: consentFromCanonical(e.PhotoConsent), Warnings: w}
}

func presumedWarning(c pupil.Contact) string {
	if c.Responsibility {
		return "contact 2 parental responsibility is not in the file; presumed from the relationship '" + c.Relationship + "'"
	}
	return "contact 2 parental responsibility is not in the file; not presumed for the relationship '" + c.Relationship + "'"
}

// TestSampleExportTimeZone pins ExportedAt to UK wall-clock time.
func TestSampleExportTimeZone(t *testing.T) {
	dir := samplesDir(t)
	data, err := os.ReadFile(filepath.Join(dir, "9992001_CTF_9992001_001.xml"))
	if err != nil {
		t.Fatalf("read sample: %v", err)
	}
	f, err := Parse("ctf", data, Options{})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	want := time.Date(2026, time.January, 15, 10, 30, 0, 0, time.UTC) // GMT in January
	if !f.ExportedAt.Equal(want) {
		t.Errorf("exported at %v, want %v", f.ExportedAt, want)
	}
}
