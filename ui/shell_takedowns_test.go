package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"photoconsent/app/consent"
	"photoconsent/app/publish"
	"photoconsent/app/publog"
)

// TestMainWindowShowsOpenTakedowns: after a withdrawal, the head sees the
// number of open takedowns on the navigation and a banner on every page,
// whose button opens the takedowns page.
func TestMainWindowShowsOpenTakedowns(t *testing.T) {
	clk := newClock()
	a := plogHead(t, clk)
	plogAnswer(t, a, "Zoë Brontë", consent.Granted, consent.School, consent.Individual)
	plogPublish(t, a, publog.Exported, publish.Website, plogPNG(t, t.TempDir(), "website-001.png"), nil, "Zoë Brontë")
	a.shell.show(pageRegister)
	a.settle()
	if got := a.shell.tabs[pageTakedowns].Text; got != "Takedowns" {
		t.Fatalf("before the withdrawal the navigation says %q, want Takedowns", got)
	}

	clk.Advance(24 * time.Hour)
	plogAnswer(t, a, "Zoë Brontë", consent.Withdrawn, consent.School)
	a.shell.show(pageAudit) // any page change counts again
	a.settle()
	if got := a.shell.tabs[pageTakedowns].Text; got != "Takedowns (1)" {
		t.Errorf("after the withdrawal the navigation says %q, want Takedowns (1)", got)
	}
	banner := "1 published photo must come down: a pupil in it may no longer appear there."
	if !hasText(visibleTexts(a.shell.banner), banner) {
		t.Fatalf("the banner shows %q, want %q", visibleTexts(a.shell.banner), banner)
	}
	test.Tap(plogButton(t, a.shell.banner, "Review takedowns"))
	a.settle()
	if a.shell.current != pageTakedowns {
		t.Errorf("Review takedowns opened page %d, want the takedowns page", a.shell.current)
	}
}

// TestTeacherSeesVetButNotTheLog: the navigation follows the roles.
func TestTeacherSeesVetButNotTheLog(t *testing.T) {
	clk := newClock()
	v := newVault(t, clk.Now)
	seed(t, v, clk.Now, testdata("class_list.csv"))
	a := newTestApp(t, v, clk.Now)
	signIn(t, a, teachLogin, staffPass)
	for p, want := range map[page]bool{pageVet: true, pageLog: false, pageTakedowns: false, pageOverview: false, pageImport: false} {
		if _, got := a.shell.tabs[p]; got != want {
			t.Errorf("a teacher's navigation has %q: %v, want %v", pageNames[p], got, want)
		}
	}
}
