package register

import (
	"errors"
	"strings"
	"testing"
	"time"

	"photoconsent/app/access"
	"photoconsent/app/audit"
	"photoconsent/app/consent"
	"photoconsent/app/pupil"
)

func statusOf(t *testing.T, s *Session, id string, p consent.Purpose) consent.Status {
	t.Helper()
	d, err := s.Pupil(id)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range d.Columns {
		if c.Purpose == p {
			return d.Statuses[i]
		}
	}
	t.Fatalf("no column for %s", p)
	return ""
}

func formAnswer(id string, by string, answers ...PurposeAnswer) AnswerRequest {
	return AnswerRequest{PupilIDs: []string{id}, Method: consent.Form,
		By: consent.Giver{Name: by}, Answers: answers}
}

func TestRecordingAnswersChangesStatusAndKeepsHistory(t *testing.T) {
	f := newFixture(t)
	p := f.addPupil(amelia())
	office := f.session("Mrs Office", access.Office)

	if got := statusOf(t, office, p.ID, consent.School); got != consent.StatusNotReturned {
		t.Fatalf("before any answer: %q, want not-returned", got)
	}
	err := office.RecordAnswers(formAnswer(p.ID, "Claire Smith",
		PurposeAnswer{Purpose: consent.School, Answer: consent.Granted},
		PurposeAnswer{Purpose: consent.Social, Answer: consent.Refused}))
	if err != nil {
		t.Fatal(err)
	}
	if got := statusOf(t, office, p.ID, consent.School); got != consent.StatusGranted {
		t.Errorf("school after a grant: %q, want granted", got)
	}
	if got := statusOf(t, office, p.ID, consent.Social); got != consent.StatusRefused {
		t.Errorf("social after a refusal: %q, want refused", got)
	}

	f.clock.advance(24 * time.Hour)
	err = office.RecordAnswers(AnswerRequest{PupilIDs: []string{p.ID}, Method: consent.Email,
		By:      consent.Giver{Name: "claire smith"}, // names match loosely
		Answers: []PurposeAnswer{{Purpose: consent.School, Answer: consent.Withdrawn}}})
	if err != nil {
		t.Fatal(err)
	}
	d, err := office.Pupil(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.History) != 3 {
		t.Fatalf("history has %d answers, want 3 (nothing overwritten)", len(d.History))
	}
	last := d.History[2]
	if last.Answer != consent.Withdrawn || last.By.Name != "Claire Smith" || last.By.Relationship != "Mother" ||
		last.Method != consent.Email || last.RecordedBy != office.Me().ID || last.Wording != "v1" {
		t.Errorf("last answer recorded as %+v", last)
	}
	if got := statusOf(t, office, p.ID, consent.School); got != consent.StatusWithdrawn {
		t.Errorf("school after withdrawal: %q, want withdrawn", got)
	}
	if n := len(f.events(audit.AnswerRecorded)); n != 2 {
		t.Errorf("%d answer-recorded events, want 2", n)
	}
	if n := len(f.events(audit.AnswerWithdrawn)); n != 1 {
		t.Errorf("%d answer-withdrawn events, want 1", n)
	}
}

func TestParentsWhoDisagreeAreNotConsent(t *testing.T) {
	f := newFixture(t)
	p := f.addPupil(amelia())
	school := PurposeAnswer{Purpose: consent.School, Answer: consent.Granted}
	if err := f.head.RecordAnswers(formAnswer(p.ID, "Claire Smith", school)); err != nil {
		t.Fatal(err)
	}
	school.Answer = consent.Refused
	if err := f.head.RecordAnswers(formAnswer(p.ID, "Owen Jones", school)); err != nil {
		t.Fatal(err)
	}
	if got := statusOf(t, f.head, p.ID, consent.School); got != consent.StatusDisagree {
		t.Errorf("status = %q, want disagree", got)
	}
}

func TestAnswerMustComeFromSomeoneWithParentalResponsibility(t *testing.T) {
	f := newFixture(t)
	a := amelia()
	a.Contacts = append(a.Contacts, pupil.Contact{Forename: "Pat", Surname: "Gran", Relationship: "Grandmother"})
	p := f.addPupil(a)
	ans := PurposeAnswer{Purpose: consent.School, Answer: consent.Granted}
	for _, by := range []string{"Pat Gran", "A Stranger", ""} {
		err := f.head.RecordAnswers(formAnswer(p.ID, by, ans))
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("answer by %q = %v, want ErrInvalid", by, err)
		}
	}
	req := formAnswer(p.ID, "", ans)
	req.By = consent.Giver{Pupil: true}
	if err := f.head.RecordAnswers(req); err != nil {
		t.Errorf("answer by the pupil = %v, want nil", err)
	}
}

func TestRecordAnswersValidation(t *testing.T) {
	f := newFixture(t)
	p := f.addPupil(amelia())
	ok := func() AnswerRequest {
		return formAnswer(p.ID, "Claire Smith", PurposeAnswer{Purpose: consent.School, Answer: consent.Granted})
	}
	tests := []struct {
		name   string
		change func(*AnswerRequest)
	}{
		{"no pupils", func(r *AnswerRequest) { r.PupilIDs = nil }},
		{"no answers", func(r *AnswerRequest) { r.Answers = nil }},
		{"future date", func(r *AnswerRequest) { r.Date = date("2026-02-01") }},
		{"expiry before answer", func(r *AnswerRequest) { r.Date = date("2026-01-10"); r.Expires = date("2026-01-09") }},
		{"unknown purpose", func(r *AnswerRequest) { r.Answers[0].Purpose = "billboards" }},
		{"unknown answer", func(r *AnswerRequest) { r.Answers[0].Answer = "maybe" }},
		{"MIS import by hand", func(r *AnswerRequest) { r.Method = consent.MISImport }},
		{"photo answer when media not split", func(r *AnswerRequest) { r.Answers[0].Media = consent.MediaPhoto }},
		{"scan that is not a form", func(r *AnswerRequest) { r.Scan = []byte("MZ\x90\x00 an executable") }},
		{"note too long", func(r *AnswerRequest) { r.Note = strings.Repeat("x", MaxNoteLength+1) }},
		{"unknown pupil", func(r *AnswerRequest) { r.PupilIDs = []string{"nobody"} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := ok()
			tt.change(&req)
			if err := f.head.RecordAnswers(req); err == nil {
				t.Fatal("RecordAnswers succeeded, want an error")
			}
		})
	}
	d, err := f.head.Pupil(p.ID)
	if err != nil || len(d.History) != 0 {
		t.Errorf("refused requests left %d answers (err %v)", len(d.History), err)
	}
}

func TestClassSetRecordedForEachPupilsFirstContact(t *testing.T) {
	f := newFixture(t)
	a := f.addPupil(amelia())
	b := amelia()
	b.UPN, b.LegalForename = "", "Bella"
	b.Contacts = b.Contacts[1:]
	bp := f.addPupil(b)
	scan := []byte("%PDF-1.4 class set scan")
	err := f.head.RecordAnswers(AnswerRequest{
		PupilIDs: []string{a.ID, bp.ID}, ByFirstContact: true, Method: consent.Form, Scan: scan,
		Answers: []PurposeAnswer{{Purpose: consent.Press, Answer: consent.Granted}},
	})
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{a.ID: "Claire Smith", bp.ID: "Owen Jones"} {
		d, err := f.head.Pupil(id)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.History) != 1 || d.History[0].By.Name != want {
			t.Fatalf("history %+v, want one answer by %s", d.History, want)
		}
		got, err := f.head.Scan(d.History[0].ScanID)
		if err != nil || string(got) != string(scan) {
			t.Errorf("scan = %q, %v; want the stored form", got, err)
		}
	}
	teacher := f.session("Mr Teach", access.Teacher)
	d, err := f.head.Pupil(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := teacher.Scan(d.History[0].ScanID); !errors.Is(err, access.ErrNotAllowed) {
		t.Errorf("teacher Scan = %v, want ErrNotAllowed", err)
	}
}

func TestNeverPublishOverridesEveryPurpose(t *testing.T) {
	f := newFixture(t)
	p := f.addPupil(amelia())
	var all []PurposeAnswer
	for _, pu := range consent.Purposes {
		all = append(all, PurposeAnswer{Purpose: pu, Answer: consent.Granted})
	}
	if err := f.head.RecordAnswers(formAnswer(p.ID, "Claire Smith", all...)); err != nil {
		t.Fatal(err)
	}
	if err := f.head.SetNeverPublish(p.ID, "  "); !errors.Is(err, ErrInvalid) {
		t.Errorf("SetNeverPublish without a reason = %v, want ErrInvalid", err)
	}
	if err := f.head.SetNeverPublish(p.ID, "looked-after child"); err != nil {
		t.Fatal(err)
	}
	d, err := f.head.Pupil(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	for i, st := range d.Statuses {
		if st != consent.StatusNeverPublish {
			t.Errorf("%s = %q, want never-publish", d.Columns[i].Key(), st)
		}
	}
	if d.Pupil.NeverPublish.Reason != "looked-after child" || d.Pupil.NeverPublish.SetBy != f.head.Me().ID {
		t.Errorf("flag = %+v", d.Pupil.NeverPublish)
	}
	if err := f.head.ClearNeverPublish(p.ID, "order discharged"); err != nil {
		t.Fatal(err)
	}
	if got := statusOf(t, f.head, p.ID, consent.Press); got != consent.StatusGranted {
		t.Errorf("after clearing: %q, want granted", got)
	}
	if len(f.events(audit.NeverPublishSet)) != 1 || len(f.events(audit.NeverPublishClear)) != 1 {
		t.Error("setting and clearing the flag were not both audited")
	}
}

func TestSplitMediaColumns(t *testing.T) {
	f := newFixture(t)
	p := f.addPupil(amelia())
	set, err := f.head.Settings()
	if err != nil {
		t.Fatal(err)
	}
	set.Consent.SplitMedia = true
	if err := f.head.UpdateSettings(set); err != nil {
		t.Fatal(err)
	}
	err = f.head.RecordAnswers(formAnswer(p.ID, "Claire Smith",
		PurposeAnswer{Purpose: consent.School, Media: consent.MediaPhoto, Answer: consent.Granted},
		PurposeAnswer{Purpose: consent.School, Media: consent.MediaVideo, Answer: consent.Refused}))
	if err != nil {
		t.Fatal(err)
	}
	rows, cols, err := f.head.Register()
	if err != nil {
		t.Fatal(err)
	}
	if len(cols) != 8 {
		t.Fatalf("%d columns, want 8 with photo and video split", len(cols))
	}
	got := map[string]consent.Status{}
	for i, c := range cols {
		got[c.Key()] = rows[0].Statuses[i]
	}
	if got["school:photo"] != consent.StatusGranted || got["school:video"] != consent.StatusRefused {
		t.Errorf("statuses %v", got)
	}
}
