package mis

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"photoconsent/app/civil"
	"photoconsent/app/pupil"
)

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("read fixture: %v", err)
	}
	return data
}

// edgeRows are the rows testdata/ctf_edge.xml must give.
func edgeRows() []Row {
	return []Row{
		{
			Line: 1,
			Pupil: pupil.Pupil{
				UPN: "K999200119014", UPNStatus: pupil.UPNValid,
				LegalForename: "Oliver", LegalSurname: "Hargreaves", PreferredForename: "Ollie",
				Sex: "M", DOB: civil.Date{Year: 2014, Month: 11, Day: 3}, Year: "6",
				Admission: civil.Date{Year: 2021, Month: 4, Day: 19}, // the later of two admissions here
				Contacts: []pupil.Contact{
					{Order: 1, Title: "Mrs", Forename: "Rachel", Surname: "Hargreaves", RelationshipCode: "PAM",
						Relationship: "Mother", Responsibility: true, LivesWithPupil: true,
						Mobile: "07700 900101", Email: "rachel.hargreaves@example.com"},
					{Order: 2, Title: "Mr", Forename: "Daniel", Surname: "Hargreaves", RelationshipCode: "PAF",
						Relationship: "Father", Responsibility: true, Mobile: "07700 900102"},
					{Order: 3, Forename: "Patricia", Surname: "Clarke", RelationshipCode: "XYZ"},
				},
			},
			Warnings: []string{
				"contact 2 parental responsibility is not in the file; presumed from the relationship 'Father'",
				"contact 3 relationship code 'XYZ' is not a DfE code this app knows",
				"contact 3 parental responsibility is not in the file and the relationship gives no reason to presume it",
				"contact 2 mobile number had lost its leading zero, as Excel does; it was put back",
			},
		},
		{
			Line: 2,
			Pupil: pupil.Pupil{
				UPNStatus: pupil.UPNMissing, LegalForename: "Noah", LegalSurname: "Thompson", Year: "N2",
			},
			Warnings: []string{
				"UPN is missing",
				"sex is not M or F",
				"date of birth '2022-02-30' is not a real date",
				"the school history has no entry for this school, so the admission date is not known",
			},
		},
	}
}

func TestCTFEdgeCases(t *testing.T) {
	f, err := Parse("ctf_edge.xml", readFixture(t, "ctf_edge.xml"), Options{})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if f.Format != CTF || f.Version != "24.0" {
		t.Errorf("format, version = %q, %q; want ctf, 24.0", f.Format, f.Version)
	}
	if got := f.ExportedAt.Format("2006-01-02T15:04:05"); got != "2025-07-01T09:15:00" {
		t.Errorf("exported at %s (wall clock), want 2025-07-01T09:15:00", got)
	}
	if len(f.Warnings) != 0 {
		t.Errorf("file warnings %q, want none", f.Warnings)
	}
	if diff := cmp.Diff(f.Rows, edgeRows()); diff != "" {
		t.Errorf("rows differ (-got +want):\n%s", diff)
	}
}

// TestCTFEncodings: the same file in other encodings and line endings, and
// with the 2010 schema namespace, reads the same.
func TestCTFEncodings(t *testing.T) {
	plain := readFixture(t, "ctf_edge.xml")
	cp1252, err := charmap.Windows1252.NewEncoder().Bytes(bytes.Replace(plain, []byte(`encoding="utf-8"`), []byte(`encoding="windows-1252"`), 1))
	if err != nil {
		t.Fatalf("encode cp1252: %v", err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(bytes.Replace(plain, []byte(`encoding="utf-8"`), []byte(`encoding="utf-16"`), 1))
	if err != nil {
		t.Fatalf("encode utf-16: %v", err)
	}
	namespaced := bytes.Replace(plain, []byte("<CTfile>"), []byte(`<CTfile xmlns="http://www.dcsf.gov.uk/schemas/cbds">`), 1)
	prefixed := bytes.ReplaceAll(plain, []byte("<"), []byte("<c:"))
	prefixed = bytes.ReplaceAll(prefixed, []byte("<c:/"), []byte("</c:"))
	prefixed = bytes.ReplaceAll(prefixed, []byte("<c:?xml"), []byte("<?xml"))
	prefixed = bytes.Replace(prefixed, []byte("<c:CTfile>"), []byte(`<c:CTfile xmlns:c="http://www.dcsf.gov.uk/schemas/cbds">`), 1)
	tests := []struct {
		name string
		data []byte
	}{
		{"bom crlf", append([]byte("\xEF\xBB\xBF"), bytes.ReplaceAll(plain, []byte("\n"), []byte("\r\n"))...)},
		{"one line", bytes.ReplaceAll(plain, []byte("\n"), nil)},
		{"windows-1252", cp1252},
		{"utf-16", utf16},
		{"default namespace", namespaced},
		{"prefixed namespace", prefixed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse("ctf.xml", tc.data, Options{})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if diff := cmp.Diff(f.Rows, edgeRows()); diff != "" {
				t.Errorf("rows differ (-got +want):\n%s", diff)
			}
		})
	}
}

// TestCTFCutOff: a CTF cut off inside a pupil keeps every complete pupil
// before the break and says the rest was not read. A cut before the first
// pupil is an error.
func TestCTFCutOff(t *testing.T) {
	data := readFixture(t, "ctf_edge.xml")
	second := bytes.Index(data, []byte("<Surname>Thompson"))
	firstContacts := bytes.Index(data, []byte("<Contacts>"))
	tests := []struct {
		name     string
		data     []byte
		rows     int
		warnings []string
		err      error
	}{
		{"inside second pupil", data[:second], 1,
			[]string{"the file breaks off after pupil 1 (the file ends too early); the pupils after that were not read"}, nil},
		{"garbage inside second pupil", append(bytes.Clone(data[:second]), []byte("<Forename>Noah</Surname>")...), 1,
			[]string{fmt.Sprintf("the file breaks off after pupil 1 (the XML is not well formed at line %d); the pupils after that were not read", bytes.Count(data[:second], []byte("\n"))+1)}, nil},
		{"missing closing tags", bytes.TrimSuffix(bytes.TrimSpace(data), []byte("</CTfile>")), 2,
			[]string{"the file breaks off after pupil 2 (the file ends too early); the pupils after that were not read"}, nil},
		{"inside first pupil", data[:firstContacts], 0, nil, ErrBadXML},
		{"inside header", data[:100], 0, nil, ErrBadXML},
		{"just the declaration", data[:40], 0, nil, ErrBadXML},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse("cut.xml", tc.data, Options{})
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("error %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(f.Rows) != tc.rows {
				t.Errorf("got %d rows, want %d", len(f.Rows), tc.rows)
			}
			if diff := cmp.Diff(f.Warnings, tc.warnings); diff != "" {
				t.Errorf("file warnings differ (-got +want):\n%s", diff)
			}
		})
	}
}

func TestCTFHeaderWarnings(t *testing.T) {
	const pupilXML = `<CTFpupilData><Pupil><UPN>K999200119014</UPN><Surname>Hargreaves</Surname><Forename>Oliver</Forename></Pupil></CTFpupilData>`
	tests := []struct {
		name   string
		header string
		want   []string
	}{
		{"old version", `<Header><CTFversion>18.0</CTFversion><SourceSchool><LEA>999</LEA><Estab>2001</Estab></SourceSchool></Header>`,
			[]string{"CTF version '18.0' is not one this app was checked with (19.0 to 25.0); the file was read as usual"}},
		{"future version", `<Header><CTFversion>26.0</CTFversion><SourceSchool><LEA>999</LEA><Estab>2001</Estab></SourceSchool></Header>`,
			[]string{"CTF version '26.0' is not one this app was checked with (19.0 to 25.0); the file was read as usual"}},
		{"bad time", `<Header><CTFversion>25.0</CTFversion><DateTime>yesterday</DateTime><SourceSchool><LEA>999</LEA><Estab>2001</Estab></SourceSchool></Header>`,
			[]string{"export time is not a date and time"}},
		{"no source school", `<Header><CTFversion>25.0</CTFversion></Header>`,
			[]string{"the header does not name the source school, so admission dates are not read"}},
		{"no header", ``,
			[]string{"the file has no header, so the school and the export time are not known"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte("<CTfile>" + tc.header + pupilXML + "</CTfile>")
			f, err := Parse("h.xml", data, Options{})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if diff := cmp.Diff(f.Warnings, tc.want); diff != "" {
				t.Errorf("file warnings differ (-got +want):\n%s", diff)
			}
			if len(f.Rows) != 1 {
				t.Errorf("got %d rows, want 1", len(f.Rows))
			}
		})
	}
}

func TestCTFNotCTF(t *testing.T) {
	tests := []struct {
		name string
		data string
		want error
	}{
		{"other root", `<?xml version="1.0"?><html><body>hi</body></html>`, ErrNotCTF},
		{"broken", `<?xml version="1.0"?><CTfile><Header></CTfile>`, ErrBadXML},
		{"not xml at all", `<<<>>>`, ErrBadXML},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Parse("x.xml", []byte(tc.data), Options{}); !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
		})
	}
}

// TestCTFEmpty: a well-formed CTF with no pupils is a file with no rows,
// not an error.
func TestCTFEmpty(t *testing.T) {
	f, err := Parse("empty.xml", []byte(`<CTfile><Header><CTFversion>25.0</CTFversion><SourceSchool><LEA>999</LEA><Estab>2001</Estab></SourceSchool></Header><CTFpupilData/></CTfile>`), Options{})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if len(f.Rows) != 0 || len(f.Warnings) != 0 {
		t.Errorf("rows %d, warnings %q; want none", len(f.Rows), f.Warnings)
	}
}

// TestCTFManyContacts: a pupil with thousands of contacts keeps the first
// maxListItems, in order, with a warning.
func TestCTFManyContacts(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<CTfile><Header><SourceSchool><LEA>999</LEA><Estab>2001</Estab></SourceSchool></Header><CTFpupilData><Pupil><UPN>K999200119014</UPN><Surname>Hargreaves</Surname><Forename>Oliver</Forename><Contacts>`)
	for i := 1; i <= 5000; i++ {
		fmt.Fprintf(&b, `<Contact><Order>%d</Order><Surname>S</Surname><Forename>F</Forename><Relationship>OTH</Relationship><Responsibility>false</Responsibility></Contact>`, i)
	}
	b.WriteString(`</Contacts><SchoolHistory><School><LEA>999</LEA><Estab>2001</Estab><EntryDate>2019-09-04</EntryDate></School></SchoolHistory></Pupil></CTFpupilData></CTfile>`)
	f, err := Parse("many.xml", []byte(b.String()), Options{})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	r := f.Rows[0]
	if len(r.Pupil.Contacts) != maxListItems || r.Pupil.Contacts[maxListItems-1].Order != maxListItems {
		t.Errorf("got %d contacts, want the first %d", len(r.Pupil.Contacts), maxListItems)
	}
	if diff := cmp.Diff(r.Warnings, []string{"only the first 50 contacts were read"}); diff != "" {
		t.Errorf("warnings differ (-got +want):\n%s", diff)
	}
}

func TestCTFTooManyPupils(t *testing.T) {
	data := "<CTfile><CTFpupilData>" + strings.Repeat("<Pupil/>", MaxRows+1) + "</CTFpupilData></CTfile>"
	if _, err := Parse("big.xml", []byte(data), Options{}); !errors.Is(err, ErrTooManyRows) {
		t.Errorf("error %v, want %v", err, ErrTooManyRows)
	}
}

func TestCTFRelationshipWords(t *testing.T) {
	tests := []struct {
		code, words string
		known       bool
	}{
		{"PAM", "Mother", true}, {"paf", "Father", true}, {" OTH ", "Other contact", true},
		{"", "", true}, {"ZZZ", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.code, func(t *testing.T) {
			_, words, known := relationshipFromCTF(tc.code)
			if words != tc.words || known != tc.known {
				t.Errorf("relationshipFromCTF(%q) = %q, %v; want %q, %v", tc.code, words, known, tc.words, tc.known)
			}
		})
	}
}
