package register

import (
	"errors"
	"testing"

	"photoconsent/app/access"
	"photoconsent/app/audit"
	"photoconsent/app/consent"
	"photoconsent/app/publish"
	"photoconsent/app/publog"
)

// TestWebsiteAuthoriser: the head names website authorisers, audited; a
// teacher cannot; the log refuses a website export by someone who is not
// one (the gate blocks it first), but takes a blocked attempt, and any
// destination but the website.
func TestWebsiteAuthoriser(t *testing.T) {
	f := newFixture(t)
	p := f.addPupil(amelia())
	answer(t, f, p.ID, consent.School, consent.Granted)
	answer(t, f, p.ID, consent.Individual, consent.Granted)
	teacher := f.session("Ms Shah", access.Teacher)

	if ok, err := teacher.MayUploadToWebsite(); err != nil || ok {
		t.Fatalf("a new teacher MayUploadToWebsite = %v, %v; want false", ok, err)
	}
	if ok, err := f.head.MayUploadToWebsite(); err != nil || !ok {
		t.Errorf("the head MayUploadToWebsite = %v, %v; want true", ok, err)
	}
	if _, err := teacher.LogPublication(entry(publog.Exported, publish.Website, p.ID)); !errors.Is(err, access.ErrNotAllowed) {
		t.Errorf("a website export by a teacher who is not an authoriser: %v, want ErrNotAllowed", err)
	}
	mustLog(t, teacher, entry(publog.Blocked, publish.Website, p.ID))
	mustLog(t, teacher, entry(publog.Exported, publish.Newsletter, p.ID))

	if err := teacher.SetWebsiteAuthoriser(teacher.Me().ID, true); !errors.Is(err, access.ErrNotAllowed) {
		t.Errorf("a teacher naming herself: %v, want ErrNotAllowed", err)
	}
	if err := f.head.SetWebsiteAuthoriser(teacher.Me().ID, true); err != nil {
		t.Fatal(err)
	}
	// The teacher's session sees it at once, without signing in again.
	if ok, err := teacher.MayUploadToWebsite(); err != nil || !ok {
		t.Errorf("after the head named her: MayUploadToWebsite = %v, %v; want true", ok, err)
	}
	mustLog(t, teacher, entry(publog.Exported, publish.Website, p.ID))
	evs := f.events(audit.AuthoriserChanged)
	if len(evs) != 1 || evs[0].Detail != "Ms Shah: named a website authoriser" || evs[0].Subject != teacher.Me().ID {
		t.Errorf("audit events %+v, want one naming Ms Shah", evs)
	}
	if err := f.head.SetWebsiteAuthoriser(teacher.Me().ID, false); err != nil {
		t.Fatal(err)
	}
	if evs := f.events(audit.AuthoriserChanged); len(evs) != 2 {
		t.Errorf("%d authoriser events after stopping, want 2", len(evs))
	}
}
