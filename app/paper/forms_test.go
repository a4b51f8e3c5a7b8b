package paper

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/civil"
	"photoconsent/app/consent"
	"photoconsent/app/pupil"
	"photoconsent/app/register"
)

var formPupils = []FormPupil{
	{Name: "Zoë Brontë", Class: "5K", Code: "K7M2Q"},
	{Name: "Siobhán Ó Briain", Class: "5K", Code: "X9PT4"},
	{Name: "Łukasz Kowalski", Class: "Owls", Code: "ABCDE"},
	{Name: "Annie Nguyen", LegalName: "Nguyễn Văn An", Class: "3H", Code: "HJK23"},
}

func renderForms(t *testing.T, w FormWording, pupils []FormPupil) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Forms(&buf, "Testbridge Primary", w, pupils); err != nil {
		t.Fatalf("Forms: %v", err)
	}
	if path := os.Getenv("PAPER_KEEP_PDF"); path != "" {
		if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

// pages splits pdftotext's output at form feeds, one entry per page.
func pages(text string) []string {
	return strings.Split(strings.TrimRight(text, "\f\n"), "\f")
}

// squash joins wrapped lines so a sentence can be found whatever the layout.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestFormsOnePagePerPupilWithNamesCodesAndWording(t *testing.T) {
	w := FormWording{Version: "v3", Texts: map[consent.Purpose]string{
		consent.Social: "Our own Instagram and Facebook pages, run by the office.",
	}}
	data := renderForms(t, w, formPupils)
	if got := pdfPages(t, data); got != "4" {
		t.Fatalf("pages = %s, want 4 (one per pupil)", got)
	}
	got := pages(pdfText(t, data))
	if len(got) != 4 {
		t.Fatalf("pdftotext found %d pages, want 4", len(got))
	}
	for i, p := range formPupils {
		t.Run(p.Name, func(t *testing.T) {
			page := squash(got[i])
			wants := []string{p.Name, "Class: " + p.Class, p.Code, "Testbridge Primary", "Photo and video consent",
				"Our own Instagram and Facebook pages, run by the office.",
				"on the school website, in the newsletter", // a default text fills a purpose left empty
				"Form wording version v3 · code " + p.Code,
				"Parent or carer's name", "Relationship to the child", "Signature", "Date", "Yes", "No"}
			if p.LegalName != "" {
				wants = append(wants, "Legal name: "+p.LegalName)
			}
			for _, want := range wants {
				if !strings.Contains(page, want) {
					t.Errorf("page %d text = %q, want it to contain %q", i+1, page, want)
				}
			}
		})
	}
}

func TestFormsFitLongWordingOnOnePage(t *testing.T) {
	long := strings.Repeat("This sentence makes the wording very long indeed. ", 19) + "END."
	texts := map[consent.Purpose]string{}
	for _, p := range consent.Purposes {
		texts[p] = long // about 970 characters each, near the register's limit
	}
	data := renderForms(t, FormWording{Version: "v9", Texts: texts}, formPupils[:2])
	if got := pdfPages(t, data); got != "2" {
		t.Fatalf("pages = %s, want 2", got)
	}
	for i, page := range pages(pdfText(t, data)) {
		page = squash(page)
		if n := strings.Count(page, "END."); n != len(consent.Purposes) {
			t.Errorf("page %d shows the end of %d texts, want %d: %q", i+1, n, len(consent.Purposes), page)
		}
		if !strings.Contains(page, "Signature") || !strings.Contains(page, "version v9") {
			t.Errorf("page %d lost its signature lines or footer: %q", i+1, page)
		}
	}
}

func TestFormsRefuses(t *testing.T) {
	huge := map[consent.Purpose]string{consent.School: strings.Repeat("Far too many words here. ", 800)}
	tests := []struct {
		name    string
		wording FormWording
		pupils  []FormPupil
		want    string
	}{
		{"no pupils", FormWording{Version: "v1"}, nil, "no pupils"},
		{"wording too long", FormWording{Version: "v1", Texts: huge}, formPupils, ErrWordingTooLong.Error()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Forms(&buf, "Testbridge Primary", tt.wording, tt.pupils)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Forms error = %v, want one saying %q", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Errorf("Forms wrote %d bytes after refusing, want none", buf.Len())
			}
		})
	}
}

func TestFormsFor(t *testing.T) {
	today := civil.Of(time.Date(2026, time.November, 30, 0, 0, 0, 0, time.UTC))
	left, _ := civil.Parse("2025-07-20")
	ps := []pupil.Pupil{
		{ID: "a", LegalForename: "Zoë", LegalSurname: "Brontë", Class: "5K"},
		{ID: "b", LegalForename: "Minh Anh", LegalSurname: "Nguyễn", PreferredForename: "Annie",
			PreferredSurname: "Nguyen", Class: "3H"},
		{ID: "c", LegalForename: "Aoife", LegalSurname: "Adams", Class: "5K "},
		{ID: "d", LegalForename: "Lily", LegalSurname: "Leaver", Class: "5K", Leaving: left},
	}
	tests := []struct {
		class string
		want  []FormPupil
	}{
		{"", []FormPupil{
			{Name: "Annie Nguyen", LegalName: "Minh Anh Nguyễn", Class: "3H", Code: register.ShortCode("b")},
			{Name: "Aoife Adams", Class: "5K", Code: register.ShortCode("c")},
			{Name: "Zoë Brontë", Class: "5K", Code: register.ShortCode("a")},
		}},
		{"5k", []FormPupil{
			{Name: "Aoife Adams", Class: "5K", Code: register.ShortCode("c")},
			{Name: "Zoë Brontë", Class: "5K", Code: register.ShortCode("a")},
		}},
	}
	for _, tt := range tests {
		t.Run("class "+tt.class, func(t *testing.T) {
			got, err := FormsFor(ps, tt.class, today)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(got, tt.want); diff != "" {
				t.Errorf("FormsFor(%q) (-got +want):\n%s", tt.class, diff)
			}
		})
	}
	t.Run("unknown class", func(t *testing.T) {
		got, err := FormsFor(ps, "7Z", today)
		if err == nil || !strings.Contains(err.Error(), `"7Z"`) {
			t.Errorf("FormsFor(7Z) = %v, %v, want an error naming the class", got, err)
		}
	})
}
