package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/publish"
	"photoconsent/app/register"
)

// TestStaffWebsiteAuthorisers: the head ticks the office as a website
// authoriser on the Staff page; heads are not listed (they always may).
func TestStaffWebsiteAuthorisers(t *testing.T) {
	v := newVault(t, nil)
	seed(t, v, nil, "")
	a := newTestApp(t, v, nil)
	signIn(t, a, headLogin, headPassword)
	a.shell.show(pageStaff)
	a.settle()
	ticks := map[string]*widget.Check{}
	for _, o := range a.shell.staff.authorisers.Objects {
		if c, ok := o.(*widget.Check); ok {
			ticks[c.Text] = c
		}
	}
	if len(ticks) != 2 || ticks[officeLogin] == nil || ticks[officeLogin].Checked || !ticks[teachLogin].Checked {
		t.Fatalf("authoriser ticks %v, want the office unticked and the teacher ticked, no head", ticks)
	}
	test.Tap(ticks[officeLogin])
	a.settle()
	accs, err := a.sess.Accounts()
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(accs, func(acc register.Account) bool { return acc.Login == officeLogin })
	if i < 0 || !accs[i].WebsiteAuthoriser {
		t.Errorf("after ticking the office: accounts %+v, want the office an authoriser", accs)
	}
}

// TestVetWebsiteNeedsAuthoriser: the office, not a website authoriser,
// sees why a photo cannot go on the website, and may send it elsewhere.
func TestVetWebsiteNeedsAuthoriser(t *testing.T) {
	a, s, _, _ := openVet(t, officeLogin, staffPass)
	tagOnly(t, a, s, 0, "5K", "Zoë Brontë")
	p := s.photos[0]
	if p.dec.Outcome != publish.Blocked || p.dec.Overridable ||
		!hasText(screenTexts(a), "only the school's named website authorisers publish to the website") {
		t.Errorf("the office's photo for the website: %+v, want blocked with the reason on screen", p.dec)
	}
	s.destSel.SetSelected(publish.Newsletter.Label())
	a.settle()
	if p.dec.Outcome != publish.Ready {
		t.Errorf("the same photo for the newsletter: %+v, want ready", p.dec)
	}
}
