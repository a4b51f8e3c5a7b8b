package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/google/go-cmp/cmp"

	"photoconsent/app/consent"
	"photoconsent/app/publish"
	"photoconsent/app/publog"
)

// dashShares reads a class chart's bars: the words beside each bar and the
// share each is filled to, in purpose order.
func dashShares(o fyne.CanvasObject) (words []string, shares []float32) {
	for _, s := range visibleTexts(o) {
		if strings.Contains(s, " of ") {
			words = append(words, s)
		}
	}
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *fyne.Container:
			if l, ok := w.Layout.(*coverageBarLayout); ok {
				shares = append(shares, l.share)
				return
			}
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return words, shares
}

// TestDashboard: the chart shows class 5K's coverage for the school's own
// use as two of three; the numbers count forms outstanding, this term's
// exports (not last term's, not blocked ones) and open takedowns, whose
// button opens the takedowns screen.
func TestDashboard(t *testing.T) {
	clk := &clock{t: time.Date(2025, 12, 15, 9, 0, 0, 0, time.Local)} // last term
	a := plogHead(t, clk)
	out := t.TempDir()
	plogAnswer(t, a, "Zoë Brontë", consent.Granted, consent.School, consent.Individual)
	plogAnswer(t, a, "Chidi Okafor", consent.Granted, consent.School)
	plogPublish(t, a, publog.Exported, publish.Website, plogPNG(t, out, "a.png"), nil, "Zoë Brontë")
	clk.Advance(85 * 24 * time.Hour) // 10 March: the spring term
	plogPublish(t, a, publog.Exported, publish.Newsletter, plogPNG(t, out, "b.png"), nil, "Chidi Okafor")
	plogPublish(t, a, publog.Exported, publish.Display, plogPNG(t, out, "c.png"), nil)
	plogPublish(t, a, publog.Blocked, publish.Social, publog.File{}, []string{"Chidi O.: no consent for social media"}, "Chidi Okafor")
	plogAnswer(t, a, "Chidi Okafor", consent.Withdrawn, consent.School)

	d := newDashboard(a)
	opened := false
	d.showTakedowns = func() { opened = true }
	a.settle()
	if d.problem.Visible() {
		t.Fatalf("the overview says %q", d.problem.Text)
	}
	words, shares := dashShares(d.cards["5K"])
	if want := []string{"33% · 1 of 3", "0% · 0 of 3", "0% · 0 of 3", "33% · 1 of 3"}; !cmp.Equal(words, want) {
		t.Errorf("class 5K's bars read %q, want %q", words, want)
	}
	if len(shares) != 4 || shares[0] < 0.33 || shares[0] > 0.34 || shares[1] != 0 {
		t.Errorf("class 5K's bars are filled to %v, want a third, then empty", shares)
	}
	if words, _ := dashShares(d.cards[""]); len(words) == 0 || words[0] != "17% · 1 of 6" {
		t.Errorf("the whole school's bars read %q, want School 17%% · 1 of 6 first", words)
	}
	if !hasText(visibleTexts(d.cards["5K"]), "Class 5K") {
		t.Error("the chart does not name the class")
	}
	got := map[string]string{}
	for k, l := range d.numbers {
		got[k] = l.Text
	}
	want := map[string]string{"Forms outstanding": "6", "Publications this term": "2", "Open takedowns": "1"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("numbers (-want +got):\n%s", diff)
	}
	if !hasText(visibleTexts(d.content), "since 1 January 2026") {
		t.Error("the overview does not say when the term started")
	}
	test.Tap(d.review)
	if !opened {
		t.Error("Review takedowns did not open the takedowns screen")
	}
}

// TestDashboardAssumedConsent: with "no reply means consent" a pupil whose
// form is not returned counts as covered, and the chart says so.
func TestDashboardAssumedConsent(t *testing.T) {
	clk := newClock()
	a := plogHead(t, clk)
	set, err := a.sess.Settings()
	if err != nil {
		t.Fatal(err)
	}
	set.Consent.NotReturnedMeansConsent = true
	if err := a.sess.UpdateSettings(set); err != nil {
		t.Fatal(err)
	}
	plogAnswer(t, a, "Zoë Brontë", consent.Refused, consent.Social)
	d := newDashboard(a)
	a.settle()
	words, _ := dashShares(d.cards["5K"])
	if want := []string{"100% · 3 of 3", "67% · 2 of 3", "100% · 3 of 3", "100% · 3 of 3"}; !cmp.Equal(words, want) {
		t.Errorf("class 5K's bars read %q, want %q", words, want)
	}
	if !hasText(visibleTexts(d.content), "counts a form not returned as consent") {
		t.Error("the chart does not say not-returned forms count as consent")
	}
}

func TestShareWords(t *testing.T) {
	tests := []struct {
		n, total int
		want     string
	}{
		{0, 0, "no pupils"},
		{0, 5, "0% · 0 of 5"},
		{2, 3, "67% · 2 of 3"},
		{1, 300, "<1% · 1 of 300"},
		{299, 300, "99% · 299 of 300"},
		{300, 300, "100% · 300 of 300"},
	}
	for _, tc := range tests {
		if got := shareWords(tc.n, tc.total); got != tc.want {
			t.Errorf("shareWords(%d, %d) = %q, want %q", tc.n, tc.total, got, tc.want)
		}
	}
}

func TestTermStart(t *testing.T) {
	tests := []struct {
		now, want string
	}{
		{"2026-03-10", "2026-01-01"},
		{"2026-01-01", "2026-01-01"},
		{"2026-04-01", "2026-04-01"},
		{"2026-08-31", "2026-04-01"},
		{"2026-09-01", "2026-09-01"},
		{"2026-12-31", "2026-09-01"},
	}
	for _, tc := range tests {
		t.Run(tc.now, func(t *testing.T) {
			now, err := time.ParseInLocation("2006-01-02", tc.now, time.Local)
			if err != nil {
				t.Fatal(err)
			}
			if got := termStart(now.Add(13 * time.Hour)).Format("2006-01-02"); got != tc.want {
				t.Errorf("termStart(%s) = %s, want %s", tc.now, got, tc.want)
			}
		})
	}
}

// TestDashboardColoursFollowTheme: the bars take the dark palette in the
// dark theme, so they stay readable on a dark background.
func TestDashboardColoursFollowTheme(t *testing.T) {
	a := &App{fyne: test.NewTempApp(t)}
	d := &dashboard{app: a}
	for _, tc := range []struct {
		pref string
		want int
	}{{themeLight, 0}, {themeDark, 1}} {
		a.applyTheme(tc.pref)
		if got, want := d.purposeColour(consent.School), purposeColours[consent.School][tc.want]; got != want {
			t.Errorf("%s theme: school colour %v, want %v", tc.pref, got, want)
		}
	}
}
