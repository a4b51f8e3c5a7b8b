package register

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/access"
	"photoconsent/app/audit"
	"photoconsent/app/civil"
	"photoconsent/app/consent"
	"photoconsent/app/publish"
	"photoconsent/app/publog"
)

// takedownLine is what a test compares of a takedown.
type takedownLine struct {
	Seq    int64
	UPN    string
	Name   string
	Dest   publish.Destination
	Output string
	Why    string
	Done   bool
}

func takedownLines(t *testing.T, s *Session) []takedownLine {
	t.Helper()
	all, err := s.Takedowns()
	if err != nil {
		t.Fatal(err)
	}
	var out []takedownLine
	for _, td := range all {
		out = append(out, takedownLine{td.Entry.Seq, td.UPN, td.PupilName, td.Destination, td.Output, td.Why, td.Done})
	}
	return out
}

func setSettings(t *testing.T, s *Session, change func(*Settings)) {
	t.Helper()
	set, err := s.Settings()
	if err != nil {
		t.Fatal(err)
	}
	change(&set)
	if err := s.UpdateSettings(set); err != nil {
		t.Fatal(err)
	}
}

func TestTakedownsFollowTheRegister(t *testing.T) {
	const upn = "F999200119021"
	down := func(why string) []takedownLine {
		return []takedownLine{{1, upn, "Amelia Smith-Jones", publish.Newsletter, "newsletter-0001.jpg", why, false}}
	}
	tests := []struct {
		name string
		// publish logs the publication; then happens changes the register.
		publish func(f *fixture, id string)
		happens func(t *testing.T, f *fixture, id string)
		want    []takedownLine
	}{
		{"consent withdrawn", exportNewsletter, func(t *testing.T, f *fixture, id string) {
			answer(t, f, id, consent.School, consent.Withdrawn)
		}, down("consent for the school's own use was withdrawn")},
		{"consent refused", exportNewsletter, func(t *testing.T, f *fixture, id string) {
			answer(t, f, id, consent.School, consent.Refused)
		}, down("consent for the school's own use was refused")},
		{"never-publish set", exportNewsletter, func(t *testing.T, f *fixture, id string) {
			if err := f.head.SetNeverPublish(id, "adopted"); err != nil {
				t.Fatal(err)
			}
		}, down("must never be published")},
		{"consent expired", func(f *fixture, id string) {
			req := formAnswer(id, "Claire Smith", PurposeAnswer{Purpose: consent.School, Answer: consent.Granted})
			req.Expires = date("2026-03-01")
			if err := f.head.RecordAnswers(req); err != nil {
				f.t.Fatal(err)
			}
			mustLog(f.t, f.head, entry(publog.Exported, publish.Newsletter, id))
		}, func(t *testing.T, f *fixture, id string) {
			f.clock.advance(60 * 24 * time.Hour)
		}, down("consent for the school's own use has expired")},
		{"left, and the school takes leavers down", exportNewsletter, func(t *testing.T, f *fixture, id string) {
			setSettings(t, f.head, func(s *Settings) { s.TakeDownLeavers = true })
			leave(t, f, id)
		}, down("has left the school")},
		{"left, and the school leaves leavers up", exportNewsletter, func(t *testing.T, f *fixture, id string) {
			leave(t, f, id)
		}, nil},
		{"another purpose withdrawn", exportNewsletter, func(t *testing.T, f *fixture, id string) {
			answer(t, f, id, consent.Social, consent.Withdrawn)
		}, nil},
		{"a blocked attempt", func(f *fixture, id string) {
			mustLog(f.t, f.head, entry(publog.Blocked, publish.Newsletter, id))
		}, func(t *testing.T, f *fixture, id string) {
			answer(t, f, id, consent.School, consent.Withdrawn)
		}, nil},
		{"an override of a refusal that still stands", overrideRefused, func(t *testing.T, f *fixture, id string) {
			f.clock.advance(24 * time.Hour)
		}, nil},
		{"an override of a refusal, then a withdrawal", overrideRefused, func(t *testing.T, f *fixture, id string) {
			answer(t, f, id, consent.School, consent.Withdrawn)
		}, down("consent for the school's own use was withdrawn")},
		{"an override of a refusal, then never-publish", overrideRefused, func(t *testing.T, f *fixture, id string) {
			if err := f.head.SetNeverPublish(id, "court order"); err != nil {
				t.Fatal(err)
			}
		}, down("must never be published")},
		{"the pupil deleted from the register", exportNewsletter, func(t *testing.T, f *fixture, id string) {
			answer(t, f, id, consent.School, consent.Withdrawn)
			if err := f.store.Update(func(tx Tx) error { return tx.Delete(prefPupil + id) }); err != nil {
				t.Fatal(err)
			}
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			p := f.addPupil(amelia())
			tt.publish(f, p.ID)
			if got := takedownLines(t, f.head); len(got) != 0 {
				t.Fatalf("takedowns straight after publishing: %+v, want none", got)
			}
			tt.happens(t, f, p.ID)
			if diff := cmp.Diff(tt.want, takedownLines(t, f.head)); diff != "" {
				t.Errorf("takedowns (-want +got):\n%s", diff)
			}
			n, err := f.head.OpenTakedowns()
			if err != nil || n != len(tt.want) {
				t.Errorf("OpenTakedowns = %d, %v; want %d", n, err, len(tt.want))
			}
		})
	}
}

func exportNewsletter(f *fixture, id string) {
	if err := f.head.RecordAnswers(formAnswer(id, "Claire Smith",
		PurposeAnswer{Purpose: consent.School, Answer: consent.Granted})); err != nil {
		f.t.Fatal(err)
	}
	mustLog(f.t, f.head, entry(publog.Exported, publish.Newsletter, id))
}

func overrideRefused(f *fixture, id string) {
	if err := f.head.RecordAnswers(formAnswer(id, "Claire Smith",
		PurposeAnswer{Purpose: consent.School, Answer: consent.Refused})); err != nil {
		f.t.Fatal(err)
	}
	mustLog(f.t, f.head, override(f.head, publish.Newsletter, id))
}

func leave(t *testing.T, f *fixture, id string) {
	t.Helper()
	if err := f.head.EditPupil(id, Edit{Class: "6B", Year: "6", Leaving: civil.Today(f.clock.now())}); err != nil {
		t.Fatal(err)
	}
}

func TestMarkTakenDown(t *testing.T) {
	f := newFixture(t)
	p := f.addPupil(amelia())
	exportNewsletter(f, p.ID)
	answer(t, f, p.ID, consent.School, consent.Withdrawn)

	for name, note := range map[string]string{"without a note": "  ", "for the wrong entry": "removed"} {
		seq := int64(1)
		if name == "for the wrong entry" {
			seq = 7
		}
		if err := f.head.MarkTakenDown(seq, p.ID, note); !errors.Is(err, ErrInvalid) {
			t.Errorf("MarkTakenDown %s = %v, want ErrInvalid", name, err)
		}
	}
	f.clock.advance(time.Hour)
	if err := f.head.MarkTakenDown(1, p.ID, "Removed from the spring newsletter online"); err != nil {
		t.Fatal(err)
	}
	all, err := f.head.Takedowns()
	if err != nil || len(all) != 1 {
		t.Fatalf("Takedowns = %d, %v; want 1", len(all), err)
	}
	td := all[0]
	if !td.Done || td.DoneBy != "Mrs Head" || !td.DoneAt.Equal(f.clock.t) ||
		td.Note != "Removed from the spring newsletter online" || td.Why != "consent for the school's own use was withdrawn" {
		t.Errorf("takedown after marking: %+v", td)
	}
	if n, err := f.head.OpenTakedowns(); err != nil || n != 0 {
		t.Errorf("OpenTakedowns = %d, %v; want 0", n, err)
	}
	log, err := f.head.PublicationLog()
	if err != nil || len(log) != 2 {
		t.Fatalf("log has %d entries (%v), want the publication and the takedown", len(log), err)
	}
	if e := log[1]; e.Kind != publog.TakenDown || e.TakedownOf != 1 || e.TakedownPupil != p.ID ||
		e.Output.Name != "newsletter-0001.jpg" || e.Pupils[0].Statuses[consent.School] != consent.StatusWithdrawn {
		t.Errorf("takedown entry %+v", e)
	}
	if problems, err := f.head.VerifyLog(); err != nil || len(problems) != 0 {
		t.Errorf("VerifyLog = %v, %v; want no problems", problems, err)
	}
	if err := f.head.MarkTakenDown(1, p.ID, "again"); !errors.Is(err, ErrInvalid) {
		t.Errorf("marking it twice = %v, want ErrInvalid", err)
	}
	// Granted again later: the takedown that was done stays on record.
	answer(t, f, p.ID, consent.School, consent.Granted)
	if got := takedownLines(t, f.head); len(got) != 1 || !got[0].Done {
		t.Errorf("after consent is granted again: %+v, want the done takedown", got)
	}
}

func TestTakedownsOpenFirstThenNewest(t *testing.T) {
	f := newFixture(t)
	a := f.addPupil(amelia())
	b := amelia()
	b.UPN, b.LegalForename = "A999200119022", "Bella"
	bp := f.addPupil(b)
	for _, id := range []string{a.ID, bp.ID} {
		answer(t, f, id, consent.School, consent.Granted)
	}
	mustLog(t, f.head, entry(publog.Exported, publish.Newsletter, a.ID, bp.ID)) // 1
	mustLog(t, f.head, entry(publog.Exported, publish.Display, a.ID))           // 2
	mustLog(t, f.head, entry(publog.Exported, publish.Website))                 // 3: no pupils
	answer(t, f, a.ID, consent.School, consent.Withdrawn)
	answer(t, f, bp.ID, consent.School, consent.Withdrawn)
	if err := f.head.MarkTakenDown(2, a.ID, "taken off the wall"); err != nil {
		t.Fatal(err)
	}
	type key struct {
		Seq  int64
		UPN  string
		Done bool
	}
	var got []key
	for _, l := range takedownLines(t, f.head) {
		got = append(got, key{l.Seq, l.UPN, l.Done})
	}
	want := []key{{1, a.UPN, false}, {1, b.UPN, false}, {2, a.UPN, true}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("takedown order (-want +got):\n%s", diff)
	}
	if n, err := f.head.OpenTakedowns(); err != nil || n != 2 {
		t.Errorf("OpenTakedowns = %d, %v; want 2", n, err)
	}
}

func TestSecondApprover(t *testing.T) {
	f := newFixture(t)
	office := f.session("Mrs Office", access.Office)
	f.session("Mr Teach", access.Teacher)
	if _, err := f.head.AddAccount("Mr New", access.Office, "Temp-pass-1"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		login, password string
		is              error
	}{
		{"Mrs Office", "Wr0ng-pass!", ErrWrongPassword},
		{"Mrs Head", strongPassword, ErrInvalid},  // the same person
		{"Mr Teach", "N3w-secret-pw", ErrInvalid}, // a teacher
		{"Mr New", "Temp-pass-1", ErrInvalid},     // a temporary password the head knows
		{"Nobody", "N3w-secret-pw", ErrNoAccount}, // no such account
		{"Mrs Office", "N3w-secret-pw", nil},      // right
		{" mrs office ", "N3w-secret-pw", nil},    // logins match loosely
	}
	for _, tt := range tests {
		t.Run(tt.login+"/"+tt.password, func(t *testing.T) {
			got, err := f.head.SecondApprover(tt.login, tt.password)
			if !errors.Is(err, tt.is) || (tt.is == nil) != (err == nil) {
				t.Fatalf("SecondApprover = %v, want %v", err, tt.is)
			}
			want := publish.Approver{AccountID: office.Me().ID, Name: "Mrs Office", Role: access.Office}
			if err == nil && got != want {
				t.Errorf("approver = %+v, want %+v", got, want)
			}
		})
	}
	given, refused := f.events(audit.SignOffGiven), f.events(audit.SignOffRefused)
	if len(given) != 2 || len(refused) != 5 {
		t.Fatalf("%d sign-offs given and %d refused in the audit trail, want 2 and 5", len(given), len(refused))
	}
	if given[0].Actor != office.Me().ID || given[0].Subject != f.head.Me().ID {
		t.Errorf("sign-off event %+v: want the office as actor, the head as subject", given[0])
	}
	for _, ev := range append(given, refused...) {
		for _, pw := range []string{"Wr0ng-pass!", strongPassword, "N3w-secret-pw", "Temp-pass-1"} {
			if strings.Contains(ev.Detail, pw) || strings.Contains(ev.ActorName, pw) {
				t.Errorf("audit event %+v holds a password", ev)
			}
		}
	}
}

// TestBlurredPupilIsNoTakedown: a pupil published with their face blurred
// is not identifiable in the copy, so withdrawing their consent takes
// nothing down; the pupil beside them still is.
func TestBlurredPupilIsNoTakedown(t *testing.T) {
	f := newFixture(t)
	other := amelia()
	other.UPN, other.Adno, other.LegalForename = "A999200119050", "000150", "Jo"
	blurred, seen := f.addPupil(amelia()), f.addPupil(other)
	for _, id := range []string{blurred.ID, seen.ID} {
		answer(t, f, id, consent.School, consent.Granted)
	}
	e := entry(publog.Exported, publish.Newsletter, blurred.ID, seen.ID)
	e.Pupils[0].Blurred = true
	got := mustLog(t, f.head, e)
	if !got.Pupils[0].Blurred || got.Pupils[1].Blurred {
		t.Fatalf("logged pupils %+v, want the first blurred", got.Pupils)
	}
	for _, id := range []string{blurred.ID, seen.ID} {
		answer(t, f, id, consent.School, consent.Withdrawn)
	}
	lines := takedownLines(t, f.head)
	if len(lines) != 1 || lines[0].UPN != seen.UPN {
		t.Errorf("takedowns %+v, want only the pupil who was not blurred", lines)
	}
}
