package register

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/access"
	"photoconsent/app/civil"
	"photoconsent/app/consent"
	"photoconsent/app/publish"
	"photoconsent/app/publog"
	"photoconsent/app/pupil"
)

// reportSchool is a small school with a publishing history: two classes,
// a leaver, one entry last term, and this term exports, a blocked attempt,
// an override, a takedown done in two days and one still open.
type reportSchool struct {
	*fixture
	a1, a2, b2 string // pupil IDs
}

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, time.Local)
	if err != nil {
		panic(err)
	}
	return t
}

func classPupil(upn, forename, class string) pupil.Pupil {
	p := amelia()
	p.UPN, p.LegalForename, p.Class = upn, forename, class
	return p
}

func newReportSchool(t *testing.T) reportSchool {
	f := newFixture(t)
	f.clock.t = at("2025-12-01 09:00")
	rs := reportSchool{fixture: f}
	ids := map[string]string{}
	for _, p := range []pupil.Pupil{
		classPupil("A1", "Ann", "3H"), classPupil("A2", "Abe", "3H"), classPupil("A3", "Ada", "3H"),
		classPupil("B1", "Bo", "4K"), classPupil("B2", "Bea", "4K"),
	} {
		ids[p.UPN] = f.addPupil(p).ID
	}
	gone := classPupil("L1", "Len", "3H")
	gone.Leaving = date("2025-07-20")
	ids["L1"] = f.addPupil(gone).ID
	grant := func(upn string, pus ...consent.Purpose) {
		for _, pu := range pus {
			answer(t, f, ids[upn], pu, consent.Granted)
		}
	}
	grant("A1", consent.School, consent.Social)
	grant("A2", consent.School)
	grant("B1", consent.Purposes...)
	grant("L1", consent.Purposes...)
	answer(t, f, ids["B2"], consent.School, consent.Refused)
	rs.a1, rs.a2, rs.b2 = ids["A1"], ids["A2"], ids["B2"]

	f.clock.t = at("2025-12-10 10:00")
	mustLog(t, f.head, entry(publog.Exported, publish.Newsletter, rs.a1)) // 1: last term
	f.clock.t = at("2026-01-05 10:00")
	mustLog(t, f.head, entry(publog.Exported, publish.Newsletter, rs.a1, rs.a2)) // 2
	mustLog(t, f.head, entry(publog.Exported, publish.Website, rs.a1, rs.a2))    // 3
	mustLog(t, f.head, entry(publog.Blocked, publish.Social, rs.a2))             // 4
	mustLog(t, f.head, override(f.head, publish.Newsletter, rs.b2))              // 5
	f.clock.t = at("2026-01-06 10:00")
	answer(t, f, rs.a2, consent.School, consent.Withdrawn)
	f.clock.t = at("2026-01-08 16:00")
	if err := f.head.MarkTakenDown(2, rs.a2, "Removed from the online newsletter"); err != nil {
		t.Fatal(err)
	}
	f.clock.t = at("2026-01-20 09:30")
	return rs
}

func TestGovernorsReport(t *testing.T) {
	rs := newReportSchool(t)
	got, err := rs.head.GovernorsReport(civil.Date{}, civil.Date{})
	if err != nil {
		t.Fatal(err)
	}
	allowed := func(school, social, press, individual int) map[consent.Purpose]int {
		return map[consent.Purpose]int{consent.School: school, consent.Social: social,
			consent.Press: press, consent.Individual: individual}
	}
	want := Report{
		School: "Testbridge Primary", From: date("2026-01-01"), To: date("2026-01-20"), Made: at("2026-01-20 09:30"),
		Coverage: []ClassCoverage{
			{"", 5, allowed(2, 2, 1, 1)}, // A2's withdrawal counts
			{"3H", 3, allowed(1, 1, 0, 0)},
			{"4K", 2, allowed(1, 1, 1, 1)},
		},
		Published: []DestinationCount{{publish.Website, 1}, {publish.Newsletter, 2}},
		Blocked:   []DestinationCount{{publish.Social, 1}},
		Overrides: []OverrideLine{{Seq: 5, At: at("2026-01-05 10:00"), Destination: publish.Newsletter,
			Reason: "the parent agreed on the phone this morning", Approvers: []string{"Mrs Head"}, Pupils: 1}},
		Takedowns: []TakedownLine{
			{Seq: 3, Destination: publish.Website, Class: "3H", Why: "consent for the school's own use was withdrawn",
				Published: at("2026-01-05 10:00"), Due: at("2026-01-06 10:00"), DueKnown: true, Days: 14},
			{Seq: 2, Destination: publish.Newsletter, Class: "3H", Why: "consent for the school's own use was withdrawn",
				Published: at("2026-01-05 10:00"), Due: at("2026-01-06 10:00"), DueKnown: true,
				Done: true, DoneAt: at("2026-01-08 16:00"), Days: 2},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
	if n := Total(got.Published); n != 3 {
		t.Errorf("Total(published) = %d, want 3", n)
	}
}

func TestGovernorsReportPeriod(t *testing.T) {
	rs := newReportSchool(t)
	tests := []struct {
		name       string
		from, to   civil.Date
		published  []DestinationCount
		overrides  int
		takedowns  []int64 // seqs: open ones always, done ones when done in the period
		wantsError bool
	}{
		{"last term", date("2025-12-01"), date("2025-12-31"),
			[]DestinationCount{{publish.Newsletter, 1}}, 0, []int64{3}, false},
		{"one day", date("2026-01-05"), date("2026-01-05"),
			[]DestinationCount{{publish.Website, 1}, {publish.Newsletter, 2}}, 1, []int64{3}, false},
		{"the day of the takedown", date("2026-01-08"), date("2026-01-08"), nil, 0, []int64{3, 2}, false},
		{"backwards", date("2026-01-08"), date("2026-01-01"), nil, 0, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := rs.head.GovernorsReport(tt.from, tt.to)
			if tt.wantsError {
				if !errors.Is(err, ErrInvalid) {
					t.Fatalf("GovernorsReport = %v, want ErrInvalid", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var seqs []int64
			for _, td := range got.Takedowns {
				seqs = append(seqs, td.Seq)
			}
			if diff := cmp.Diff(tt.published, got.Published); diff != "" {
				t.Errorf("published (-want +got):\n%s", diff)
			}
			if len(got.Overrides) != tt.overrides {
				t.Errorf("%d overrides, want %d", len(got.Overrides), tt.overrides)
			}
			if diff := cmp.Diff(tt.takedowns, seqs); diff != "" {
				t.Errorf("takedowns (-want +got):\n%s", diff)
			}
		})
	}
}

func TestGovernorsReportIsTheHeads(t *testing.T) {
	f := newFixture(t)
	for _, role := range []access.Role{access.Teacher, access.Office} {
		s := f.session("Someone "+string(role), role)
		if _, err := s.GovernorsReport(civil.Date{}, civil.Date{}); !errors.Is(err, access.ErrNotAllowed) {
			t.Errorf("%s: GovernorsReport = %v, want ErrNotAllowed", role, err)
		}
	}
}

func TestTermStart(t *testing.T) {
	tests := []struct{ day, want string }{
		{"2026-01-01", "2026-01-01"}, {"2026-03-31", "2026-01-01"}, {"2026-04-01", "2026-04-01"},
		{"2026-08-31", "2026-04-01"}, {"2026-09-01", "2026-09-01"}, {"2026-12-31", "2026-09-01"},
	}
	for _, tt := range tests {
		t.Run(tt.day, func(t *testing.T) {
			if got := TermStart(date(tt.day)); got != date(tt.want) {
				t.Errorf("TermStart(%s) = %s, want %s", tt.day, got, tt.want)
			}
		})
	}
}

func TestTakedownDue(t *testing.T) {
	// Each case publishes to the newsletter on 10 January at 15:00, then
	// makes the photo due for takedown; the report is made on 15 January.
	tests := []struct {
		name    string
		publish func(f *fixture, id string)
		happens func(t *testing.T, f *fixture, id string)
		due     string
		days    int
		done    bool
	}{
		{"never-publish counts from the start of its day", exportNewsletter, func(t *testing.T, f *fixture, id string) {
			f.clock.t = at("2026-01-12 11:00")
			if err := f.head.SetNeverPublish(id, "court order"); err != nil {
				t.Fatal(err)
			}
		}, "2026-01-12 00:00", 3, false},
		{"an expiry counts from its day", func(f *fixture, id string) {
			req := formAnswer(id, "Claire Smith", PurposeAnswer{Purpose: consent.School, Answer: consent.Granted})
			req.Expires = date("2026-01-13")
			if err := f.head.RecordAnswers(req); err != nil {
				f.t.Fatal(err)
			}
			mustLog(f.t, f.head, entry(publog.Exported, publish.Newsletter, id))
		}, func(*testing.T, *fixture, string) {}, "2026-01-13 00:00", 2, false},
		{"leaving counts from the leaving day", exportNewsletter, func(t *testing.T, f *fixture, id string) {
			setSettings(t, f.head, func(s *Settings) { s.TakeDownLeavers = true })
			f.clock.t = at("2026-01-12 11:00")
			leave(t, f, id)
		}, "2026-01-12 00:00", 3, false},
		{"a done takedown ignores what happened after", exportNewsletter, func(t *testing.T, f *fixture, id string) {
			f.clock.t = at("2026-01-11 09:00")
			answer(t, f, id, consent.School, consent.Withdrawn)
			f.clock.t = at("2026-01-12 10:00")
			if err := f.head.MarkTakenDown(1, id, "removed"); err != nil {
				t.Fatal(err)
			}
			f.clock.t = at("2026-01-14 10:00")
			answer(t, f, id, consent.School, consent.Refused)
		}, "2026-01-11 09:00", 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			p := f.addPupil(amelia())
			f.clock.t = at("2026-01-10 15:00")
			tt.publish(f, p.ID)
			tt.happens(t, f, p.ID)
			f.clock.t = at("2026-01-15 11:00")
			r, err := f.head.GovernorsReport(civil.Date{}, civil.Date{})
			if err != nil || len(r.Takedowns) != 1 {
				t.Fatalf("GovernorsReport = %d takedowns, %v; want 1", len(r.Takedowns), err)
			}
			td := r.Takedowns[0]
			if !td.DueKnown || !td.Due.Equal(at(tt.due)) || td.Days != tt.days || td.Done != tt.done || td.Class != "6B" {
				t.Errorf("takedown due %v (known %v), %d days, done %v, class %q; want due %s, %d days, done %v, class 6B",
					td.Due, td.DueKnown, td.Days, td.Done, td.Class, tt.due, tt.days, tt.done)
			}
		})
	}
}
