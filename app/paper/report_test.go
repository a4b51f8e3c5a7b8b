package paper

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/civil"
	"photoconsent/app/consent"
	"photoconsent/app/publish"
	"photoconsent/app/register"
)

func day(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, time.Local)
	if err != nil {
		panic(err)
	}
	return t
}

func allowed(school, social, press, individual int) map[consent.Purpose]int {
	return map[consent.Purpose]int{consent.School: school, consent.Social: social,
		consent.Press: press, consent.Individual: individual}
}

func sampleReport() register.Report {
	return register.Report{
		School: "St Brontë's Primary", From: civil.Date{Year: 2026, Month: 1, Day: 1},
		To: civil.Date{Year: 2026, Month: 1, Day: 20}, Made: day("2026-01-20 09:30"),
		Coverage: []register.ClassCoverage{
			{Class: "", Pupils: 5, Allowed: allowed(2, 2, 1, 1)},
			{Class: "3H", Pupils: 3, Allowed: allowed(1, 1, 0, 0)},
			{Class: "4K", Pupils: 2, Allowed: allowed(1, 1, 1, 1)},
		},
		Published: []register.DestinationCount{{Destination: publish.Website, Count: 1}, {Destination: publish.Newsletter, Count: 2}},
		Blocked:   []register.DestinationCount{{Destination: publish.Social, Count: 1}},
		Overrides: []register.OverrideLine{{Seq: 5, At: day("2026-01-05 10:00"), Destination: publish.Newsletter,
			Reason: "=Łukasz's father agreed on the phone", Approvers: []string{"Mrs Head", "Mr Deputy"}, Pupils: 1}},
		Takedowns: []register.TakedownLine{
			{Seq: 3, Destination: publish.Website, Class: "3H", Why: "consent for the school's own use was withdrawn",
				Published: day("2026-01-05 10:00"), Due: day("2026-01-06 10:00"), DueKnown: true, Days: 14},
			{Seq: 2, Destination: publish.Newsletter, Class: "3H", Why: "must never be published",
				Published: day("2026-01-05 10:00"), Due: day("2026-01-06 10:00"), DueKnown: true,
				Done: true, DoneAt: day("2026-01-08 16:00"), Days: 2},
		},
	}
}

func renderReport(t *testing.T, r register.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := GovernorsReport(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGovernorsReportPDF(t *testing.T) {
	text := squash(pdfText(t, renderReport(t, sampleReport())))
	for _, want := range []string{
		"Photo consent and publishing: report to governors", "St Brontë's Primary",
		"For 1 January 2026 to 20 January 2026; made on 20 January 2026.",
		"In this period 3 photos were published, 1 attempt was blocked, 1 photo went out on the head's override, and 1 takedown is still open.",
		"Consent coverage per class and purpose", "Whole school", "Class 3H", "Class 4K", "3 pupils",
		"School use", "Social media and publicity", "Press and third parties", "Individual, high-profile",
		fmt.Sprintf("%d%% · 1 of 3", 100*1/3), "40% · 2 of 5", "0% · 0 of 3",
		"Publications this period", "School website", "Newsletter 2 1", "Total 3 1",
		"Blocked attempts", "Social media 1",
		"Overrides", "5 Jan 2026", "Mrs Head and Mr Deputy", "=Łukasz's father agreed on the phone",
		"Takedowns", "must never be published", "8 Jan 2026", "open", "14 so far",
		"taking 2.0 days on average and 2 days at most",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report's text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "assume") || strings.Contains(text, "not returned") {
		t.Errorf("the report mentions counting forms not returned, but the school does not:\n%s", text)
	}
}

func TestGovernorsReportSaysWhenNothingHappened(t *testing.T) {
	r := register.Report{School: "Testbridge", From: civil.Date{Year: 2026, Month: 4, Day: 1},
		To: civil.Date{Year: 2026, Month: 4, Day: 2}, Made: day("2026-04-02 12:00"), AssumeConsent: true,
		Coverage: []register.ClassCoverage{{Pupils: 0, Allowed: allowed(0, 0, 0, 0)}}}
	text := squash(pdfText(t, renderReport(t, r)))
	for _, want := range []string{
		"This school counts a consent form that was not returned as consent",
		"no pupils", "Nothing was published in this period.", "The publishing check blocked nothing in this period.",
		"No photo went out on an override in this period.", "No takedown was open or done in this period.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the empty report's text lacks %q:\n%s", want, text)
		}
	}
}

func TestGovernorsReportBreaksPages(t *testing.T) {
	r := sampleReport()
	for i := range 30 {
		r.Coverage = append(r.Coverage, register.ClassCoverage{Class: fmt.Sprintf("Y%02d", i), Pupils: 30, Allowed: allowed(30, 20, 10, 0)})
	}
	for range 40 {
		r.Takedowns = append(r.Takedowns, r.Takedowns[1])
	}
	data := renderReport(t, r)
	text := pdfText(t, data)
	if got := pdfPages(t, data); got == "1" || got == "2" {
		t.Errorf("a report with 33 classes and 42 takedowns has %s pages, want more than 2", got)
	}
	for _, want := range []string{"Class Y00", "Class Y29", "67% · 20 of 30"} {
		if !strings.Contains(text, want) {
			t.Errorf("the long report lacks %q", want)
		}
	}
	if got := strings.Count(text, "must never be published"); got != 41 {
		t.Errorf("%d takedown rows printed, want 41", got)
	}
}

func TestPercent(t *testing.T) {
	tests := []struct{ n, total, want int }{
		{0, 0, 0}, {0, 3, 0}, {1, 3, 33}, {2, 3, 67}, {3, 3, 100}, {1, 1000, 1}, {999, 1000, 99}, {1, 2, 50},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d of %d", tt.n, tt.total), func(t *testing.T) {
			if got := Percent(tt.n, tt.total); got != tt.want {
				t.Errorf("Percent(%d, %d) = %d, want %d", tt.n, tt.total, got, tt.want)
			}
		})
	}
}

func TestGovernorsCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := GovernorsCSV(&buf, sampleReport()); err != nil {
		t.Fatal(err)
	}
	got, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	cov := func(name, p, n, pct, of string) []string {
		return []string{"coverage", "", name, p, n, pct, "of " + of + " pupils on roll"}
	}
	want := [][]string{
		{"section", "date", "name", "purpose", "count", "percent", "detail"},
		{"report", "2026-01-20", "St Brontë's Primary", "", "", "", "period 2026-01-01 to 2026-01-20"},
		cov("Whole school", "school", "2", "40", "5"), cov("Whole school", "social", "2", "40", "5"),
		cov("Whole school", "press", "1", "20", "5"), cov("Whole school", "individual", "1", "20", "5"),
		cov("3H", "school", "1", "33", "3"), cov("3H", "social", "1", "33", "3"),
		cov("3H", "press", "0", "0", "3"), cov("3H", "individual", "0", "0", "3"),
		cov("4K", "school", "1", "50", "2"), cov("4K", "social", "1", "50", "2"),
		cov("4K", "press", "1", "50", "2"), cov("4K", "individual", "1", "50", "2"),
		{"published", "", "website", "", "1", "", ""},
		{"published", "", "newsletter", "", "2", "", ""},
		{"blocked", "", "social", "", "1", "", ""},
		{"override", "2026-01-05", "newsletter", "", "1", "", "approved by Mrs Head and Mr Deputy: =Łukasz's father agreed on the phone"},
		{"takedown", "2026-01-05", "website", "", "14", "", "pupil in class 3H; due 2026-01-06; open; consent for the school's own use was withdrawn"},
		{"takedown", "2026-01-05", "newsletter", "", "2", "", "pupil in class 3H; due 2026-01-06; done 2026-01-08; must never be published"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CSV (-want +got):\n%s", diff)
	}
}

func TestGovernorsCSVDefusesFormulas(t *testing.T) {
	r := sampleReport()
	r.Overrides[0].Approvers = []string{"@admin"}
	r.School = "=HYPERLINK(\"x\")"
	var buf bytes.Buffer
	if err := GovernorsCSV(&buf, r); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
				t.Errorf("cell %q would run as a formula", cell)
			}
		}
	}
}

func TestTakedownRow(t *testing.T) {
	base := register.TakedownLine{Destination: publish.Website, Class: "3H", Why: "has left the school",
		Published: day("2026-01-05 10:00"), Due: day("2026-01-06 10:00"), DueKnown: true, Days: 4}
	doneUnknown := base
	doneUnknown.Done, doneUnknown.DoneAt, doneUnknown.DueKnown, doneUnknown.Days = true, day("2026-01-09 10:00"), false, 0
	openUnknown := base
	openUnknown.DueKnown, openUnknown.Days = false, 9
	noClass := base
	noClass.Class = ""
	tests := []struct {
		name string
		td   register.TakedownLine
		want []string
	}{
		{"open", base, []string{"5 Jan 2026", "School website", "3H", "has left the school", "6 Jan 2026", "open", "4 so far"}},
		{"done, due not recorded", doneUnknown, []string{"5 Jan 2026", "School website", "3H", "has left the school", "not recorded", "9 Jan 2026", "–"}},
		{"open, due not recorded", openUnknown, []string{"5 Jan 2026", "School website", "3H", "has left the school", "not recorded", "open", "9 since published"}},
		{"no class", noClass, []string{"5 Jan 2026", "School website", "none", "has left the school", "6 Jan 2026", "open", "4 so far"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, takedownRow(tt.td)); diff != "" {
				t.Errorf("takedownRow (-want +got):\n%s", diff)
			}
		})
	}
}
