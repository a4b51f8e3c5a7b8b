package paper

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/civil"
	"photoconsent/app/consent"
	"photoconsent/app/publish"
	"photoconsent/app/publog"
	"photoconsent/app/pupil"
	"photoconsent/app/register"
)

func sarSample(answers int) register.SAR {
	d := func(s string) civil.Date {
		v, err := civil.Parse(s)
		if err != nil {
			panic(err)
		}
		return v
	}
	s := register.SAR{School: "Testbridge Primary", Made: time.Date(2026, 1, 20, 9, 30, 0, 0, time.UTC), MadeBy: "Mrs Office",
		Pupil: pupil.Pupil{UPN: "A123456789012", LegalForename: "Zoë", LegalSurname: "Brontë", Class: "6A",
			DOB: d("2008-03-02"), Leaving: d("2020-01-19"),
			Contacts: []pupil.Contact{{Forename: "Siobhán", Surname: "Brontë", Relationship: "Mother",
				Responsibility: true, Email: "siobhan@example.com"}}},
		Wordings: []register.Wording{register.DefaultWording("v1")},
		Publications: []register.SARPublication{{Others: 2, Entry: publog.Entry{Seq: 7, Kind: publog.Exported,
			At: time.Date(2019, 6, 3, 10, 0, 0, 0, time.UTC), Destination: publish.Newsletter,
			Output: publog.File{Name: "newsletter-0007.jpg"}}}},
	}
	for i := range answers {
		s.Answers = append(s.Answers, register.SARAnswer{RecordedByName: "Mrs Head", Record: consent.Record{
			Purpose: consent.Purposes[i%4], Answer: consent.Granted, Method: consent.Form, Wording: "v1",
			By: consent.Giver{Name: "Siobhán Brontë", Relationship: "Mother"}, Date: d("2019-06-03"),
			RecordedAt: time.Date(2019, 6, 3, 10, 0, 0, 0, time.UTC)}})
	}
	s.Scans = []register.SARScan{{ID: "abcdef1234", Type: "application/pdf", Answer: s.Answers[0],
		Purposes: []consent.Purpose{consent.School}}}
	return s
}

func renderSAR(t *testing.T, s register.SAR) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := SAR(&buf, s); err != nil {
		t.Fatalf("SAR = %v, want nil", err)
	}
	return buf.Bytes()
}

func TestSARSummaryHoldsNamesAnswersAndPublications(t *testing.T) {
	text := squash(pdfText(t, renderSAR(t, sarSample(2))))
	for _, want := range []string{
		"Everything Testbridge Primary holds about Zoë Brontë",
		"Siobhán Brontë (Mother)", "siobhan@example.com", "A123456789012", "02/03/2008",
		"School use", "granted", "paper form", "Mrs Head on 03/06/2019",
		"What the form said (wording v1)", "on the school website",
		"scans/2019-06-03-school-abcdef.pdf",
		"Newsletter", "newsletter-0007.jpg", "2 others",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("summary text lacks %q; got:\n%s", want, text)
		}
	}
}

func TestSARSummaryBreaksLongHistoriesAcrossPages(t *testing.T) {
	data := renderSAR(t, sarSample(120))
	if got := pdfPages(t, data); got == "1" {
		t.Errorf("120 answers fit on %s page, want several", got)
	}
	if got := strings.Count(pdfText(t, data), "Siobhán Brontë (Mother)"); got != 120 {
		t.Errorf("%d answers printed, want 120", got)
	}
}

func TestSARScanNames(t *testing.T) {
	sc := register.SARScan{ID: "0123456789abcdef", Type: "image/png",
		Answer:   register.SARAnswer{Record: consent.Record{Date: civil.Date{Year: 2024, Month: 9, Day: 5}}},
		Purposes: []consent.Purpose{consent.School, consent.Press}}
	if got, want := SARScanName(sc), "scans/2024-09-05-school-press-012345.png"; got != want {
		t.Errorf("SARScanName = %q, want %q", got, want)
	}
	if got, want := SARThumbnailName(12), "thumbnails/entry-12.jpg"; got != want {
		t.Errorf("SARThumbnailName = %q, want %q", got, want)
	}
}

func TestSARZipHoldsEveryFile(t *testing.T) {
	s := sarSample(2)
	s.Scans[0].Data = []byte("%PDF-1.4 scan")
	s.Publications[0].Thumbnail = []byte{0xFF, 0xD8, 0xFF, 0xE0}
	var buf bytes.Buffer
	if err := SARZip(&buf, s); err != nil {
		t.Fatalf("SARZip = %v, want nil", err)
	}
	z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	got := map[string]string{}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		if err != nil {
			t.Fatal(err)
		}
		got[f.Name] = string(b)
	}
	var names []string
	for n := range got {
		names = append(names, n)
	}
	slices.Sort(names)
	want := []string{"answers.json", "events.json", "publications.json", "pupil.json",
		"scans/2019-06-03-school-abcdef.pdf", "summary.pdf", "thumbnails/entry-7.jpg", "wording.json"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("files in the zip (-want +got):\n%s", diff)
	}
	if got["scans/2019-06-03-school-abcdef.pdf"] != "%PDF-1.4 scan" || !strings.Contains(got["pupil.json"], "Zoë") ||
		!strings.Contains(got["publications.json"], `"thumbnail": "thumbnails/entry-7.jpg"`) {
		t.Errorf("zip contents wrong: scan %q, pupil %s, publications %s", got["scans/2019-06-03-school-abcdef.pdf"],
			got["pupil.json"], got["publications.json"])
	}
	if !strings.Contains(squash(pdfText(t, []byte(got["summary.pdf"]))), "Zoë Brontë") {
		t.Error("summary.pdf does not name the pupil")
	}
}
