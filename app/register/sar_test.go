package register

import (
	"bytes"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/access"
	"photoconsent/app/consent"
)

func TestSubjectAccessGathersEverything(t *testing.T) {
	w := newRetentionWorld(t)
	office := w.f.session("Mrs Office", access.Office)
	sar, err := office.SubjectAccess(w.zoe.ID)
	mustDo(t, err)

	if sar.Pupil.Contacts[0].Email != "siobhan@example.com" || sar.School != "Testbridge Primary" || sar.MadeBy != "Mrs Office" {
		t.Errorf("SAR pupil %+v school %q by %q: want contacts, the school and the office", sar.Pupil, sar.School, sar.MadeBy)
	}
	var answers []consent.Purpose
	for _, a := range sar.Answers {
		answers = append(answers, a.Purpose)
		if a.RecordedByName != "Mrs Head" {
			t.Errorf("answer recorded by %q, want Mrs Head", a.RecordedByName)
		}
	}
	if diff := cmp.Diff([]consent.Purpose{consent.School, consent.Social, consent.Press}, answers); diff != "" {
		t.Errorf("answers (-want +got):\n%s", diff)
	}
	if len(sar.Wordings) != 1 || sar.Wordings[0].Version != "v1" || sar.Wordings[0].Texts[consent.School] == "" {
		t.Errorf("wordings = %+v, want v1 with its texts", sar.Wordings)
	}
	type scan struct {
		ID       string
		Ext      string
		Purposes []consent.Purpose
		Shared   bool
	}
	var scans []scan
	for _, sc := range sar.Scans {
		scans = append(scans, scan{sc.ID, sc.Ext(), sc.Purposes, sc.Shared})
	}
	wantScans := []scan{{w.zoeScan, ".pdf", []consent.Purpose{consent.School, consent.Social}, false},
		{w.sharedScan, ".pdf", []consent.Purpose{consent.Press}, true}}
	if diff := cmp.Diff(wantScans, scans); diff != "" {
		t.Errorf("scans (-want +got):\n%s", diff)
	}
	if !bytes.Equal(sar.Scans[0].Data, fakePDF) {
		t.Errorf("scan bytes %q, want %q", sar.Scans[0].Data, fakePDF)
	}
	checkSARPublications(t, w, sar)
	if evs := w.f.events(KindSubjectAccess); len(evs) != 1 || evs[0].Subject != w.zoe.ID || evs[0].ActorName != "Mrs Office" {
		t.Errorf("subject-access events = %+v, want one about the pupil by Mrs Office", evs)
	}
}

func checkSARPublications(t *testing.T, w *retentionWorld, sar SAR) {
	t.Helper()
	if len(sar.Publications) != 2 {
		t.Fatalf("%d publications, want the 2 that tag the pupil", len(sar.Publications))
	}
	both, blk := sar.Publications[0], sar.Publications[1]
	if both.Entry.Seq != w.both.Seq || both.Others != 1 || len(both.Entry.Pupils) != 1 ||
		both.Entry.Pupils[0].PupilID != w.zoe.ID || len(both.Thumbnail) == 0 {
		t.Errorf("first publication = %+v, want entry %d with only the pupil's tag, 1 other, a thumbnail", both, w.both.Seq)
	}
	want := []string{"Zoë B.: no consent for social media", "the photo holds its location"}
	if diff := cmp.Diff(want, blk.Entry.Reasons); diff != "" {
		t.Errorf("blocked entry's reasons, other pupils' left out (-want +got):\n%s", diff)
	}
}

func TestSubjectAccessRefusedToTeachers(t *testing.T) {
	w := newRetentionWorld(t)
	teacher := w.f.session("Mr Teach", access.Teacher)
	if _, err := teacher.SubjectAccess(w.zoe.ID); !errors.Is(err, access.ErrNotAllowed) {
		t.Errorf("SubjectAccess = %v, want ErrNotAllowed", err)
	}
	if evs := w.f.events(KindSubjectAccess); len(evs) != 0 {
		t.Errorf("a refused request was audited as done: %+v", evs)
	}
	if _, err := w.f.head.SubjectAccess("nobody"); !errors.Is(err, ErrNoPupil) {
		t.Errorf("SubjectAccess(unknown) = %v, want ErrNoPupil", err)
	}
}
