package register

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/access"
	"photoconsent/app/consent"
	"photoconsent/app/publish"
	"photoconsent/app/publog"
	"photoconsent/app/pupil"
)

// entry is a log entry as the gate would hand it over, for the pupils.
func entry(kind publog.Kind, dest publish.Destination, ids ...string) publog.Entry {
	e := publog.Entry{Kind: kind, Destination: dest, Medium: consent.MediaPhoto,
		Original: publog.File{Name: "IMG_0001.jpg", SHA256: strings.Repeat("a", 64)}}
	for _, id := range ids {
		e.Pupils = append(e.Pupils, publog.Pupil{PupilID: id})
	}
	e.NoPupils = len(ids) == 0
	if kind != publog.Blocked {
		e.Output = publog.File{Name: string(dest) + "-0001.jpg", SHA256: strings.Repeat("b", 64)}
	}
	return e
}

// override is an Overridden entry signed by the head alone.
func override(s *Session, dest publish.Destination, ids ...string) publog.Entry {
	e := entry(publog.Overridden, dest, ids...)
	e.Override = "the parent agreed on the phone this morning"
	e.Approvers = []publish.Approver{{AccountID: s.Me().ID}}
	return e
}

func answer(t *testing.T, f *fixture, id string, pu consent.Purpose, a consent.Answer) {
	t.Helper()
	if err := f.head.RecordAnswers(formAnswer(id, "Claire Smith", PurposeAnswer{Purpose: pu, Answer: a})); err != nil {
		t.Fatal(err)
	}
}

func mustLog(t *testing.T, s *Session, e publog.Entry) publog.Entry {
	t.Helper()
	got, err := s.LogPublication(e)
	if err != nil {
		t.Fatalf("LogPublication(%s to %s): %v", e.Kind, e.Destination, err)
	}
	return got
}

func TestLogReadsBackInOrderAndVerifies(t *testing.T) {
	f := newFixture(t)
	p := f.addPupil(amelia())
	answer(t, f, p.ID, consent.School, consent.Granted)
	answer(t, f, p.ID, consent.Social, consent.Refused)
	teacher := f.session("Mr Teach", access.Teacher)

	exp := entry(publog.Exported, publish.Newsletter, p.ID)
	exp.By, exp.ByName, exp.At = "someone-else", "Someone Else", time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	exp.Pupils[0].Statuses = map[consent.Purpose]consent.Status{consent.School: consent.StatusRefused}
	writes := f.store.writes
	first := mustLog(t, teacher, exp)
	if f.store.writes != writes+1 {
		t.Errorf("LogPublication made %d transactions, want 1 for the entry and the head together", f.store.writes-writes)
	}
	f.clock.advance(time.Minute)
	mustLog(t, teacher, entry(publog.Blocked, publish.Social, p.ID))
	f.clock.advance(time.Minute)
	mustLog(t, f.head, override(f.head, publish.Social, p.ID))

	log, err := f.head.PublicationLog()
	if err != nil {
		t.Fatal(err)
	}
	type line struct {
		Seq      int64
		Kind     publog.Kind
		By       string
		Decision publish.Outcome
		Statuses map[consent.Purpose]consent.Status
	}
	var got []line
	for _, e := range log {
		got = append(got, line{e.Seq, e.Kind, e.ByName, e.Decision, e.Pupils[0].Statuses})
	}
	want := []line{
		{1, publog.Exported, "Mr Teach", publish.Ready, map[consent.Purpose]consent.Status{consent.School: consent.StatusGranted}},
		{2, publog.Blocked, "Mr Teach", publish.Blocked, map[consent.Purpose]consent.Status{
			consent.Social: consent.StatusRefused, consent.Individual: consent.StatusNotReturned}},
		{3, publog.Overridden, "Mrs Head", publish.Overridden, map[consent.Purpose]consent.Status{
			consent.Social: consent.StatusRefused, consent.Individual: consent.StatusNotReturned}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("log (-want +got):\n%s", diff)
	}
	if first.By != teacher.Me().ID || !first.At.Equal(f.clock.t.Add(-2*time.Minute)) || first.Hash == "" {
		t.Errorf("first entry by %q at %v hash %q: want the teacher, the clock, a hash", first.By, first.At, first.Hash)
	}
	if diff := cmp.Diff(first, log[0]); diff != "" {
		t.Errorf("returned entry differs from the stored one (-returned +stored):\n%s", diff)
	}
	if problems, err := f.head.VerifyLog(); err != nil || len(problems) != 0 {
		t.Errorf("VerifyLog = %v, %v; want no problems", problems, err)
	}
}

func TestPublicationLogAccess(t *testing.T) {
	f := newFixture(t)
	p := f.addPupil(amelia())
	answer(t, f, p.ID, consent.School, consent.Granted)
	teacher := f.session("Mr Teach", access.Teacher)
	office := f.session("Mrs Office", access.Office)
	for name, s := range map[string]*Session{"teacher": teacher, "office": office} {
		t.Run(name, func(t *testing.T) {
			if _, err := s.Subjects([]string{p.ID}, consent.MediaPhoto); err != nil {
				t.Errorf("Subjects = %v, want nil", err)
			}
			if _, err := s.Policy(); err != nil {
				t.Errorf("Policy = %v, want nil", err)
			}
			for _, kind := range []publog.Kind{publog.Exported, publog.Blocked} {
				if _, err := s.LogPublication(entry(kind, publish.Display, p.ID)); err != nil {
					t.Errorf("LogPublication(%s) = %v, want nil", kind, err)
				}
			}
			if _, err := s.LogPublication(override(s, publish.Display, p.ID)); !errors.Is(err, access.ErrNotAllowed) {
				t.Errorf("LogPublication(overridden) = %v, want ErrNotAllowed", err)
			}
			denied := map[string]error{}
			_, denied["PublicationLog"] = s.PublicationLog()
			_, denied["VerifyLog"] = s.VerifyLog()
			_, denied["Takedowns"] = s.Takedowns()
			_, denied["OpenTakedowns"] = s.OpenTakedowns()
			_, denied["SecondApprover"] = s.SecondApprover("Mrs Head", strongPassword)
			denied["MarkTakenDown"] = s.MarkTakenDown(1, p.ID, "removed")
			for call, err := range denied {
				if !errors.Is(err, access.ErrNotAllowed) {
					t.Errorf("%s = %v, want ErrNotAllowed", call, err)
				}
			}
		})
	}
}

func TestLogPublicationRefusesEntriesThatMakeNoSense(t *testing.T) {
	f := newFixture(t)
	p := f.addPupil(amelia())
	answer(t, f, p.ID, consent.School, consent.Granted)
	tests := []struct {
		name   string
		change func(*publog.Entry)
		is     error
	}{
		{"a takedown", func(e *publog.Entry) { e.Kind = publog.TakenDown }, ErrInvalid},
		{"an unknown kind", func(e *publog.Entry) { e.Kind = "printed" }, ErrInvalid},
		{"an unknown destination", func(e *publog.Entry) { e.Destination = "billboard" }, ErrInvalid},
		{"an unknown medium", func(e *publog.Entry) { e.Medium = "hologram" }, ErrInvalid},
		{"no file", func(e *publog.Entry) { e.Original.Name = " " }, ErrInvalid},
		{"exported without a copy", func(e *publog.Entry) { e.Output = publog.File{} }, ErrInvalid},
		{"exported untagged", func(e *publog.Entry) { e.Pupils, e.NoPupils = nil, false }, ErrInvalid},
		{"exported with an override", func(e *publog.Entry) { e.Override = "because" }, ErrInvalid},
		{"a decision that is not the kind's", func(e *publog.Entry) { e.Decision = publish.Blocked }, ErrInvalid},
		{"takedown fields", func(e *publog.Entry) { e.TakedownOf = 1 }, ErrInvalid},
		{"a caption too long", func(e *publog.Entry) { e.Caption = strings.Repeat("x", MaxNoteLength+1) }, ErrInvalid},
		{"an unknown pupil", func(e *publog.Entry) { e.Pupils[0].PupilID = "nobody" }, ErrNoPupil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := entry(publog.Exported, publish.Newsletter, p.ID)
			tt.change(&e)
			if _, err := f.head.LogPublication(e); !errors.Is(err, tt.is) {
				t.Errorf("LogPublication = %v, want %v", err, tt.is)
			}
		})
	}
	if log, err := f.head.PublicationLog(); err != nil || len(log) != 0 {
		t.Errorf("refused entries left %d entries in the log (err %v)", len(log), err)
	}
}

func TestOverrideNeedsTheRulebooksApproval(t *testing.T) {
	f := newFixture(t)
	refused := f.addPupil(amelia())
	answer(t, f, refused.ID, consent.School, consent.Refused)
	granted := f.addPupil(amelia())
	answer(t, f, granted.ID, consent.School, consent.Granted)
	other, err := f.head.AddAccount("Mr Deputy", access.Head, "Temp-pass-1")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		change func(*publog.Entry)
		is     error
	}{
		{"signed by someone else", func(e *publog.Entry) { e.Approvers[0].AccountID = other.ID }, ErrInvalid},
		{"not signed", func(e *publog.Entry) { e.Approvers = nil }, ErrInvalid},
		{"no written reason", func(e *publog.Entry) { e.Override = "ok" }, publish.ErrShortReason},
		{"nothing blocked", func(e *publog.Entry) { e.Pupils[0].PupilID = granted.ID }, publish.ErrNotBlocked},
		{"untagged", func(e *publog.Entry) { e.Pupils, e.NoPupils = nil, false }, ErrInvalid},
		{"a second approver who never signed off", func(e *publog.Entry) {
			e.Approvers = append(e.Approvers, publish.Approver{AccountID: other.ID, Role: access.Head})
		}, ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := override(f.head, publish.Display, refused.ID)
			tt.change(&e)
			if _, err := f.head.LogPublication(e); !errors.Is(err, tt.is) {
				t.Errorf("LogPublication = %v, want %v", err, tt.is)
			}
		})
	}
	e := override(f.head, publish.Display, refused.ID)
	e.Approvers[0].Name, e.Approvers[0].Role = "Somebody Else", access.Teacher
	got := mustLog(t, f.head, e)
	want := []publish.Approver{{AccountID: f.head.Me().ID, Name: "Mrs Head", Role: access.Head}}
	if diff := cmp.Diff(want, got.Approvers); diff != "" {
		t.Errorf("approvers (-want +got):\n%s", diff)
	}
}

func TestNeverPublishOverrideNeedsARecentSecondSignOff(t *testing.T) {
	f := newFixture(t)
	p := f.addPupil(amelia())
	answer(t, f, p.ID, consent.School, consent.Granted)
	if err := f.head.SetNeverPublish(p.ID, "court order"); err != nil {
		t.Fatal(err)
	}
	office := f.session("Mrs Office", access.Office)
	e := override(f.head, publish.Newsletter, p.ID)
	if _, err := f.head.LogPublication(e); !errors.Is(err, publish.ErrNoSecond) {
		t.Fatalf("without a second sign-off = %v, want ErrNoSecond", err)
	}
	second, err := f.head.SecondApprover("mrs office", "N3w-secret-pw")
	if err != nil {
		t.Fatal(err)
	}
	second.Name, second.Role = "Forged", access.Head // the register's record counts, not the caller's
	e.Approvers = append(e.Approvers, second)
	got := mustLog(t, f.head, e)
	want := publish.Approver{AccountID: office.Me().ID, Name: "Mrs Office", Role: access.Office}
	if diff := cmp.Diff(want, got.Approvers[1]); diff != "" {
		t.Errorf("second approver (-want +got):\n%s", diff)
	}
	if st := got.Pupils[0].Statuses[consent.School]; st != consent.StatusNeverPublish {
		t.Errorf("recorded status %q, want never-publish", st)
	}
	f.clock.advance(SignOffLasts + time.Second)
	if _, err := f.head.LogPublication(e); !errors.Is(err, ErrInvalid) {
		t.Errorf("after the sign-off ran out = %v, want ErrInvalid", err)
	}
}

func TestSubjects(t *testing.T) {
	f := newFixture(t)
	a := f.addPupil(amelia())
	answer(t, f, a.ID, consent.Social, consent.Withdrawn)
	mono := amelia()
	mono.LegalForename, mono.LegalSurname, mono.PreferredForename = "Zara", "Zara", ""
	mono.Leaving = date("2026-01-20")
	m := f.addPupil(mono)
	teacher := f.session("Mr Teach", access.Teacher)

	got, err := teacher.Subjects([]string{a.ID, m.ID}, consent.MediaPhoto)
	if err != nil {
		t.Fatal(err)
	}
	nr := consent.StatusNotReturned
	want := []publish.Subject{
		{PupilID: a.ID, Label: "Amelia S.", Statuses: map[consent.Purpose]consent.Status{
			consent.School: nr, consent.Social: consent.StatusWithdrawn, consent.Press: nr, consent.Individual: nr}},
		{PupilID: m.ID, Label: "Zara", Leaver: true, Statuses: map[consent.Purpose]consent.Status{
			consent.School: nr, consent.Social: nr, consent.Press: nr, consent.Individual: nr}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Subjects (-want +got):\n%s", diff)
	}
	if _, err := teacher.Subjects([]string{a.ID, "nobody"}, consent.MediaPhoto); !errors.Is(err, ErrNoPupil) {
		t.Errorf("Subjects with an unknown ID = %v, want ErrNoPupil", err)
	}
}

func TestLabel(t *testing.T) {
	tests := []struct {
		p    pupil.Pupil
		want string
	}{
		{pupil.Pupil{LegalForename: "Amelia", LegalSurname: "Smith-Jones"}, "Amelia S."},
		{pupil.Pupil{LegalForename: "Amelia", LegalSurname: "Smith", PreferredForename: "Millie"}, "Millie S."},
		{pupil.Pupil{LegalForename: "Zoë", LegalSurname: "Łukasz"}, "Zoë Ł."},
		{pupil.Pupil{LegalForename: "Zara", LegalSurname: "Zara"}, "Zara"},
		{pupil.Pupil{LegalSurname: "Zara"}, "Zara"},
		{pupil.Pupil{LegalForename: "Zara"}, "Zara"},
	}
	for _, tt := range tests {
		if got := label(tt.p); got != tt.want {
			t.Errorf("label(%q %q) = %q, want %q", tt.p.Forename(), tt.p.Surname(), got, tt.want)
		}
	}
}

func TestPolicyFollowsSettings(t *testing.T) {
	f := newFixture(t)
	if got, err := f.head.Policy(); err != nil || got != (publish.Policy{}) {
		t.Errorf("default Policy = %+v, %v; want the safe zero policy", got, err)
	}
	set, err := f.head.Settings()
	if err != nil {
		t.Fatal(err)
	}
	set.Consent.NotReturnedMeansConsent, set.LeaversMayAppear = true, true
	if err := f.head.UpdateSettings(set); err != nil {
		t.Fatal(err)
	}
	want := publish.Policy{NotReturnedMeansConsent: true, LeaversMayAppear: true}
	if got, err := f.head.Policy(); err != nil || got != want {
		t.Errorf("Policy = %+v, %v; want %+v", got, err, want)
	}
}

func TestVerifyLogFindsChangesInTheStore(t *testing.T) {
	tests := []struct {
		name   string
		damage func(m map[string][]byte)
		want   []publog.Problem
	}{
		{"bytes of an entry changed", func(m map[string][]byte) {
			m[publogKey(2)] = []byte(strings.Replace(string(m[publogKey(2)]), "website", "newsletter", 1))
		}, []publog.Problem{{Seq: 2, What: "entry 2 was changed after it was written"}}},
		{"an entry made unreadable", func(m map[string][]byte) { m[publogKey(2)] = []byte("{not json") },
			[]publog.Problem{{Seq: 2, What: "entry 2 was changed after it was written"}}},
		{"a middle entry removed", func(m map[string][]byte) { delete(m, publogKey(2)) },
			[]publog.Problem{{Seq: 2, What: "entry 2 is missing"}}},
		{"the last entry removed", func(m map[string][]byte) { delete(m, publogKey(3)) },
			[]publog.Problem{{Seq: 3, What: "the last entry was removed"}}},
		{"two entries swapped", func(m map[string][]byte) {
			m[publogKey(1)], m[publogKey(2)] = m[publogKey(2)], m[publogKey(1)]
		}, []publog.Problem{{Seq: 1, What: "entries 1 and 2 are out of order"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			p := f.addPupil(amelia())
			answer(t, f, p.ID, consent.School, consent.Granted)
			for range 3 {
				mustLog(t, f.head, entry(publog.Exported, publish.Website, p.ID, f.addPupil(amelia()).ID))
			}
			f.store.mu.Lock()
			tt.damage(f.store.data)
			f.store.mu.Unlock()
			got, err := f.head.VerifyLog()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("VerifyLog (-want +got):\n%s", diff)
			}
		})
	}
}
