package gate_test

import (
	"strings"
	"testing"

	"photoconsent/app/gate"
	"photoconsent/app/publish"
)

// TestWebsiteNeedsAnAuthoriser: a teacher the head has not named a website
// authoriser is blocked from the website, not from the newsletter; once
// named, the website is open to her too.
func TestWebsiteNeedsAnAuthoriser(t *testing.T) {
	f := newFixture(t)
	teacher := f.teacher(t)
	in := t.TempDir()
	decide := func(d publish.Destination) publish.Decision {
		g, err := gate.New(teacher)
		if err != nil {
			t.Fatal(err)
		}
		it := g.Load(writeJPEG(t, in, "a.jpg", 32, 16, false, 0))
		it.Tags = f.tags(amelia, tom)
		return reasons(t, g, it, d)
	}
	dec := decide(publish.Website)
	if dec.Outcome != publish.Blocked || dec.Overridable || len(dec.Reasons) != 1 ||
		!strings.HasPrefix(dec.Reasons[0], "only the school's named website authorisers publish to the website") {
		t.Errorf("website by a teacher who is not an authoriser: %+v, want blocked, not overridable", dec)
	}
	if dec := decide(publish.Newsletter); dec.Outcome != publish.Ready {
		t.Errorf("newsletter by the same teacher: %+v, want ready", dec)
	}
	if err := f.sess.SetWebsiteAuthoriser(teacher.Me().ID, true); err != nil {
		t.Fatal(err)
	}
	if dec := decide(publish.Website); dec.Outcome != publish.Ready {
		t.Errorf("website once she is an authoriser: %+v, want ready", dec)
	}
}
