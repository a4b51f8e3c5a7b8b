package register

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/access"
	"photoconsent/app/consent"
	"photoconsent/app/pupil"
)

// chaseClass stores a small class and answers for some of it.
func chaseClass(t *testing.T, f *fixture) map[string]pupil.Pupil {
	t.Helper()
	mk := func(fore, sur, class string) pupil.Pupil {
		p := amelia()
		p.ID, p.UPN, p.LegalForename, p.LegalSurname, p.Class = "", "", fore, sur, class
		return f.addPupil(p)
	}
	ps := map[string]pupil.Pupil{
		"granted": mk("Siobhán", "Ó Briain", "3A"),
		"none":    mk("Zoë", "Łukaszewska", "3A"),
		"expired": mk("Nguyễn", "Văn An", "3A"),
		"partly":  mk("Amir", "Aziz", "4B"),
		"left":    mk("Leo", "Left", "4B"),
		"never":   mk("Nia", "Never", "4B"),
		"noclass": mk("Cara", "Brown", ""),
	}
	left := ps["left"]
	left.Leaving = date("2025-12-19")
	f.addPupil(left)
	if err := f.head.SetNeverPublish(ps["never"].ID, "court order"); err != nil {
		t.Fatal(err)
	}
	all := func(a consent.Answer) []PurposeAnswer {
		var out []PurposeAnswer
		for _, p := range consent.Purposes {
			out = append(out, PurposeAnswer{Purpose: p, Answer: a})
		}
		return out
	}
	record := func(key string, req AnswerRequest) {
		t.Helper()
		req.PupilIDs, req.Method, req.ByFirstContact = []string{ps[key].ID}, consent.Form, true
		if err := f.head.RecordAnswers(req); err != nil {
			t.Fatal(err)
		}
	}
	record("granted", AnswerRequest{Answers: all(consent.Granted)})
	record("expired", AnswerRequest{Answers: all(consent.Granted), Date: date("2025-01-10"), Expires: date("2026-01-01")})
	record("partly", AnswerRequest{Answers: []PurposeAnswer{
		{Purpose: consent.School, Answer: consent.Granted}, {Purpose: consent.Social, Answer: consent.Refused}}})
	return ps
}

func TestChaseListNamesMissingAndExpiredForms(t *testing.T) {
	f := newFixture(t)
	chaseClass(t, f)
	rows, err := f.head.ChaseList()
	if err != nil {
		t.Fatal(err)
	}
	type line struct {
		Class, Name      string
		Missing, Expired []string
		Contact, Phone   string
	}
	var got []line
	for _, r := range rows {
		got = append(got, line{r.Class, r.Name, r.Missing, r.Expired, r.Contact.Name(), r.Contact.Mobile})
	}
	all := []string{"school", "social", "press", "individual"}
	want := []line{
		{"3A", "Zoë Łukaszewska", all, nil, "Claire Smith", "07700 900103"},
		{"3A", "Nguyễn Văn An", nil, all, "Claire Smith", "07700 900103"},
		{"4B", "Amir Aziz", []string{"press", "individual"}, nil, "Claire Smith", "07700 900103"},
		{"", "Cara Brown", all, nil, "Claire Smith", "07700 900103"},
	}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("chase list (-got +want):\n%s", diff)
	}
}

func TestChaseListSplitMediaNamesColumns(t *testing.T) {
	f := newFixture(t)
	set, err := f.head.Settings()
	if err != nil {
		t.Fatal(err)
	}
	set.Consent.SplitMedia = true
	if err := f.head.UpdateSettings(set); err != nil {
		t.Fatal(err)
	}
	p := f.addPupil(amelia())
	err = f.head.RecordAnswers(AnswerRequest{PupilIDs: []string{p.ID}, Method: consent.Form, ByFirstContact: true,
		Answers: []PurposeAnswer{
			{Purpose: consent.School, Answer: consent.Granted},
			{Purpose: consent.Social, Media: consent.MediaPhoto, Answer: consent.Granted},
			{Purpose: consent.Press, Answer: consent.Refused},
			{Purpose: consent.Individual, Answer: consent.Refused}}})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.head.ChaseList()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Fatalf("%d rows, want 1", len(rows))
	}
	if diff := cmp.Diff(rows[0].Missing, []string{"social:video"}); diff != "" {
		t.Errorf("missing (-got +want):\n%s", diff)
	}
}

func TestChaseListIsTheOfficesJob(t *testing.T) {
	f := newFixture(t)
	chaseClass(t, f)
	tests := []struct {
		role access.Role
		want error
		rows int
	}{
		{access.Office, nil, 4},
		{access.Teacher, access.ErrNotAllowed, 0},
	}
	for _, tt := range tests {
		t.Run(string(tt.role), func(t *testing.T) {
			rows, err := f.session("someone "+string(tt.role), tt.role).ChaseList()
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			if len(rows) != tt.rows {
				t.Errorf("got %d rows, want %d", len(rows), tt.rows)
			}
		})
	}
}

func TestFirstResponsibleHidesDetailsWithoutTheRight(t *testing.T) {
	p := amelia()
	p.Contacts[0].Responsibility = false
	tests := []struct {
		name     string
		contacts bool
		want     pupil.Contact
	}{
		{"may see", true, p.Contacts[1]},
		{"may not", false, p.WithoutContactDetails().Contacts[1]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(firstResponsible(p, tt.contacts), tt.want); diff != "" {
				t.Errorf("contact (-got +want):\n%s", diff)
			}
		})
	}
	if got := firstResponsible(p, false); got.Mobile != "" || got.Email != "" {
		t.Errorf("without the right the contact still has %q, %q", got.Mobile, got.Email)
	}
}
