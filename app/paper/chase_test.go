package paper

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/pupil"
	"photoconsent/app/register"
)

var chaseMade = time.Date(2026, time.November, 30, 9, 0, 0, 0, time.UTC)

func chaseSample() []register.ChaseRow {
	mum := pupil.Contact{Forename: "Siobhán", Surname: "Ó Briain", Relationship: "Mother", Responsibility: true,
		Mobile: "07700 900103", Email: "siobhan@example.com"}
	return []register.ChaseRow{
		{Class: "3A", Name: "Zoë Łukaszewska", UPN: "A123456789012", Missing: []string{"school", "social"}, Contact: mum},
		{Class: "3A", Name: "Nguyễn Văn An", Expired: []string{"press", "individual:video"}},
		{Class: "4B", Name: "Łukasz Nowak", Missing: []string{"individual"}, Contact: mum},
		{Class: "", Name: "Cara Brown", Missing: []string{"school"}},
	}
}

func TestChasePDFListsClassesAndNames(t *testing.T) {
	var buf bytes.Buffer
	if err := Chase(&buf, "Testbridge Primary", chaseMade, chaseSample()); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(pdfText(t, buf.Bytes())), " ")
	for _, want := range []string{
		"Consent forms to chase", "Testbridge Primary", "Made on 30 November 2026", "4 pupils",
		"Class 3A: 2 pupils", "Class 4B: 1 pupil", "No class: 1 pupil",
		"Zoë Łukaszewska", "Nguyễn Văn An", "Łukasz Nowak", "UPN A123456789012",
		"Siobhán Ó Briain (Mother)", "07700 900103", "siobhan@example.com",
		"School use", "Social media and publicity", "Individual, high-profile", "(videos)",
		"No contact with parental responsibility", "Page 1 of 1",
	} {
		t.Run(want, func(t *testing.T) {
			if !strings.Contains(text, want) {
				t.Errorf("PDF text = %q, want it to contain %q", text, want)
			}
		})
	}
	if i, j := strings.Index(text, "Class 3A"), strings.Index(text, "Class 4B"); i < 0 || j < i {
		t.Errorf("class 3A at %d, 4B at %d: want 3A first", i, j)
	}
}

func TestChasePDFBreaksLongClassesAcrossPages(t *testing.T) {
	var rows []register.ChaseRow
	for i := range 60 {
		rows = append(rows, register.ChaseRow{Class: "5C", Name: fmt.Sprintf("Pupil %02d", i),
			Missing: []string{"school", "social", "press", "individual"}})
	}
	var buf bytes.Buffer
	if err := Chase(&buf, "Testbridge Primary", chaseMade, rows); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	pages := pdfPages(t, buf.Bytes())
	if pages == "1" {
		t.Fatalf("60 pupils fit on %s page", pages)
	}
	if !strings.Contains(text, "Class 5C: 60 pupils (continued)") {
		t.Error("the class heading is not repeated on the next page")
	}
	for _, want := range []string{"Pupil 00", "Pupil 59"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
}

func TestChasePDFWithNobodyToChase(t *testing.T) {
	var buf bytes.Buffer
	if err := Chase(&buf, "Testbridge Primary", chaseMade, nil); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(pdfText(t, buf.Bytes())), " ")
	if !strings.Contains(text, "Every pupil on roll has a form returned") {
		t.Errorf("PDF text = %q, want it to say nobody needs chasing", text)
	}
}

func TestChaseCSV(t *testing.T) {
	rows := chaseSample()
	rows[2].Contact.Mobile = "+44 7700 900103"
	var buf bytes.Buffer
	if err := ChaseCSV(&buf, rows); err != nil {
		t.Fatal(err)
	}
	got, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"class", "pupil", "upn", "not_returned", "expired", "contact", "relationship", "phone", "email"},
		{"3A", "Zoë Łukaszewska", "A123456789012", "School use; Social media and publicity", "",
			"Siobhán Ó Briain", "Mother", "07700 900103", "siobhan@example.com"},
		{"3A", "Nguyễn Văn An", "", "", "Press and third parties; Individual, high-profile (videos)", "", "", "", ""},
		{"4B", "Łukasz Nowak", "", "Individual, high-profile", "",
			"Siobhán Ó Briain", "Mother", "'+44 7700 900103", "siobhan@example.com"},
		{"", "Cara Brown", "", "School use", "", "", "", "", ""},
	}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("CSV (-got +want):\n%s", diff)
	}
}

func TestColumnWords(t *testing.T) {
	tests := []struct{ key, want string }{
		{"school", "School use"},
		{"social:photo", "Social media and publicity (photos)"},
		{"press:video", "Press and third parties (videos)"},
		{"billboard", "billboard"},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			if got := ColumnWords(tt.key); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
