package mis

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/pupil"
)

// fuzzSeeds are small inputs that reach each branch of the parsers quickly.
var fuzzSeeds = []string{
	"UPN,Surname,Forename\nK999200119014,Hargreaves,Oliver\n",
	"\xEF\xBB\xBF\"Adno\",\"UPN\",\"Legal Surname\",\"Legal Forename\",\"DOB\",\"Year\",\"Contact 1 Mobile\",\"Contact 1 Parental Responsibility\"\r\n\"000101\",\"K999200119014\",\"Hargreaves\",\"Oliver\",\"03/11/2014\",\"6\",\"7700900101\",\"\"\r\n",
	"Name,Primary Guardian,Primary Guardian Relationship\nEmily de la Cruz,María de la Cruz,Mother\n",
	"sep=;\nUPN;Surname\n\"K9992\"\"001\";O\"Neill\n",
	"UPN\tSurname\n\"open",
	"UPN,Legal Surname,Legal Forename\r\nX999200119033,Adeyemi,Zo\xEB\r\n",
	"<CTfile><Header><CTFversion>25.0</CTFversion><SourceSchool><LEA>999</LEA><Estab>2001</Estab></SourceSchool></Header><CTFpupilData><Pupil><UPN>K999200119014</UPN><Surname>A</Surname><Forename>B</Forename><DOB>2014-11-03</DOB><Sex>M</Sex><Contacts><Contact><Order>2</Order><Relationship>PAF</Relationship><Phones><Phone><TelephoneType>M</TelephoneType><PhoneNo>7700900102</PhoneNo></Phone></Phones></Contact></Contacts><SchoolHistory><School><LEA>999</LEA><Estab>2001</Estab><EntryDate>2019-09-04</EntryDate></School></SchoolHistory></Pupil></CTFpupilData></CTfile>",
	"<?xml version=\"1.0\" encoding=\"windows-1252\"?><x:CTfile xmlns:x=\"urn:x\"><x:CTFpupilData><x:Pupil><x:Surname>Zo\xEB</x:Surname>",
	"<CTfile><CTFpupilData><Pupil><Contacts><Contact><Contacts>",
	"\xFF\xFEU\x00P\x00N\x00",
	"",
}

// sampleSeeds adds the shared sample files when they are present.
func sampleSeeds(f *testing.F) {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return
	}
	dir := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "mis-samples")
	names, err := filepath.Glob(filepath.Join(dir, "*.*"))
	if err != nil {
		return
	}
	for _, name := range names {
		if ext := filepath.Ext(name); ext != ".csv" && ext != ".xml" {
			continue
		}
		data, err := os.ReadFile(name)
		if err == nil {
			f.Add(data)
		}
	}
}

func addSeeds(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	for _, name := range []string{"ctf_edge.xml", "truncated.csv"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err == nil {
			f.Add(data)
		}
	}
	sampleSeeds(f)
}

// FuzzParse checks that no input panics Parse and that whatever it returns
// keeps the package's promises.
func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse("fuzz", data, Options{})
		if err != nil {
			if file != nil {
				t.Fatalf("Parse returned a file and an error %v", err)
			}
			if !strings.HasPrefix(err.Error(), "read fuzz: ") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		checkFile(t, file)
		again, err := Parse("fuzz", data, Options{})
		if err != nil {
			t.Fatalf("second Parse failed: %v", err)
		}
		if diff := cmp.Diff(file, again); diff != "" {
			t.Fatalf("Parse is not deterministic (-first +second):\n%s", diff)
		}
		if file.Format == CSV {
			if _, err := Columns(data); err != nil {
				t.Fatalf("Parse read the file as CSV but Columns failed: %v", err)
			}
		}
	})
}

var validYears = []string{"", "N1", "N2", "R", "X", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14"}

func checkFile(t *testing.T, f *File) {
	t.Helper()
	if f.Format != CSV && f.Format != CTF {
		t.Fatalf("format %q", f.Format)
	}
	if len(f.Rows) > MaxRows {
		t.Fatalf("%d rows, over MaxRows", len(f.Rows))
	}
	last := 0
	for _, r := range f.Rows {
		checkRow(t, r)
		if r.Line <= last {
			t.Fatalf("row line %d after %d", r.Line, last)
		}
		last = r.Line
	}
	for _, w := range f.Warnings {
		if strings.TrimSpace(w) == "" {
			t.Fatal("empty file warning")
		}
	}
}

func checkRow(t *testing.T, r Row) {
	t.Helper()
	p := r.Pupil
	if got := pupil.CheckUPN(p.UPN); got != p.UPNStatus {
		t.Fatalf("UPN status %q, CheckUPN says %q", p.UPNStatus, got)
	}
	if p.UPN != strings.ToUpper(strings.TrimSpace(p.UPN)) {
		t.Fatalf("UPN %q is not trimmed and upper-case", p.UPN)
	}
	if p.Sex != "" && p.Sex != "M" && p.Sex != "F" {
		t.Fatalf("sex %q", p.Sex)
	}
	if !slices.Contains(validYears, p.Year) {
		t.Fatalf("year %q", p.Year)
	}
	if r.PhotoConsent != "" && r.PhotoConsent != consentGranted && r.PhotoConsent != consentRefused {
		t.Fatalf("photo consent %q", r.PhotoConsent)
	}
	for _, s := range []string{p.LegalForename, p.LegalSurname, p.PreferredForename, p.PreferredSurname, p.Adno, p.Class} {
		if s != strings.TrimSpace(s) {
			t.Fatalf("value %q is not trimmed", s)
		}
	}
	if len(p.Contacts) > max(MaxContacts, maxListItems) {
		t.Fatalf("%d contacts", len(p.Contacts))
	}
	for _, w := range r.Warnings {
		if strings.TrimSpace(w) == "" {
			t.Fatal("empty row warning")
		}
	}
}

// FuzzColumns checks that no input panics Columns and that the header it
// returns maps only to valid fields and can be fed back as a mapping.
func FuzzColumns(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := Columns(data)
		if err != nil {
			return
		}
		if len(h.Columns) > maxColumns {
			t.Fatalf("%d columns, over maxColumns", len(h.Columns))
		}
		names := map[string]bool{}
		mapping := map[string]Field{}
		for _, c := range h.Columns {
			if !c.Field.Valid() {
				t.Fatalf("column %q maps to invalid field %q", c.Name, c.Field)
			}
			if c.Name != strings.TrimSpace(c.Name) {
				t.Fatalf("column name %q is not trimmed", c.Name)
			}
			names[c.Name] = true
			mapping[c.Name] = FieldIgnore
		}
		for _, u := range h.Unknown {
			if !names[u] {
				t.Fatalf("unknown heading %q is not among the columns", u)
			}
		}
		// Feeding the header back as a mapping must be accepted.
		file, err := Parse("fuzz", data, Options{Mapping: mapping})
		if err == nil {
			checkFile(t, file)
		}
	})
}
