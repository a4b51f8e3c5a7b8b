package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/civil"
	"photoconsent/app/consent"
	"photoconsent/app/publog"
	"photoconsent/app/register"
)

// dashboard is the head's overview: consent coverage per class and purpose
// as a chart, forms outstanding, publications this term and open takedowns.
type dashboard struct {
	app      *App
	settings consent.Settings
	stats    dashStats
	body     *fyne.Container
	problem  *widget.Label
	content  fyne.CanvasObject
	numbers  map[string]*widget.Label     // each stat card's number, by title
	cards    map[string]fyne.CanvasObject // each class's chart, by class ("" for the whole school)
	review   *widget.Button
	// showTakedowns, when set, opens the takedowns screen from the
	// "Review takedowns" button.
	showTakedowns func()
}

// dashStats is what the dashboard shows, worked out off the UI goroutine.
type dashStats struct {
	coverage     []register.ClassCoverage
	outstanding  int       // pupils on roll with a form not returned or expired
	published    int       // exports and overrides since termFrom
	termFrom     time.Time // the start of the current term
	openTakedown int
}

func newDashboard(a *App) *dashboard {
	d := &dashboard{app: a, problem: problem(), body: container.NewVBox()}
	if !canViewLog(a) {
		d.content = headOnlyScreen("Overview", "Only the head can see the school's overview.")
		return d
	}
	top := container.NewVBox(heading("Overview"), d.problem)
	page := container.NewBorder(top, nil, nil, nil, container.NewVScroll(d.body))
	d.content = container.New(layout.NewCustomPaddedLayout(12, 12, 24, 24), page)
	d.reload()
	return d
}

func (d *dashboard) reload() {
	a := d.app
	if !canViewLog(a) {
		return
	}
	sess, now := a.sess, a.now()
	type loaded struct {
		set   consent.Settings
		stats dashStats
	}
	background(a, func() (loaded, error) {
		set, err := sess.Settings()
		if err != nil {
			return loaded{}, err
		}
		rows, cols, err := sess.Register()
		if err != nil {
			return loaded{}, err
		}
		entries, err := sess.PublicationLog()
		if err != nil {
			return loaded{}, err
		}
		open, err := sess.OpenTakedowns()
		if err != nil {
			return loaded{}, err
		}
		return loaded{set.Consent, countStats(rows, cols, set.Consent, entries, open, now)}, nil
	}, func(l loaded, err error) {
		if err != nil {
			say(d.problem, sentence(err))
			return
		}
		say(d.problem, "")
		d.settings, d.stats = l.set, l.stats
		d.show()
	})
}

// countStats works out the dashboard's numbers.
func countStats(rows []register.Row, cols []register.Column, set consent.Settings, entries []publog.Entry, open int, now time.Time) dashStats {
	st := dashStats{coverage: register.CoverageOf(rows, cols, set), termFrom: termStart(now), openTakedown: open}
	for _, r := range rows {
		if r.OnRoll && formOutstanding(r) {
			st.outstanding++
		}
	}
	for _, e := range entries {
		if (e.Kind == publog.Exported || e.Kind == publog.Overridden) && !e.At.Before(st.termFrom) {
			st.published++
		}
	}
	return st
}

// formOutstanding: some answer is missing or has expired, so the office
// has a form to chase.
func formOutstanding(r register.Row) bool {
	for _, s := range r.Statuses {
		if s == consent.StatusNotReturned || s == consent.StatusExpired {
			return true
		}
	}
	return false
}

// termStart is the midnight, local time, that starts the school term now
// falls in (register.TermStart has the rule).
func termStart(now time.Time) time.Time {
	d := register.TermStart(civil.Today(now))
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.Local)
}

// show draws the numbers and the chart.
func (d *dashboard) show() {
	st := d.stats
	d.numbers = map[string]*widget.Label{}
	d.review = widget.NewButtonWithIcon("Review takedowns", theme.NavigateNextIcon(), func() {
		if d.showTakedowns != nil {
			d.showTakedowns()
		}
	})
	if st.openTakedown > 0 {
		d.review.Importance = widget.DangerImportance
	}
	cards := container.NewGridWithColumns(3,
		d.statCard("Forms outstanding", st.outstanding, "Pupils on roll with a form not returned or expired.", nil),
		d.statCard("Publications this term", st.published, "Photos published since "+st.termFrom.Format("2 January 2006")+".", nil),
		d.statCard("Open takedowns", st.openTakedown, "Published photos still to be taken down.", d.review),
	)
	d.cards = map[string]fyne.CanvasObject{}
	var objs []fyne.CanvasObject
	size := fyne.NewSize(420, 0) // every class's chart the same size, in a grid that wraps
	for _, c := range st.coverage {
		o := d.coverageCard(c)
		d.cards[c.Class] = o
		objs = append(objs, o)
		size = size.Max(o.MinSize())
	}
	charts := container.NewGridWrap(size, objs...)
	d.body.Objects = []fyne.CanvasObject{cards, spacer(8), subheading("Consent coverage"), d.legend(), charts}
	d.body.Refresh()
}

// statCard is one number with what it counts and an optional action.
func (d *dashboard) statCard(title string, number int, what string, action fyne.CanvasObject) fyne.CanvasObject {
	n := heading(thousands(number))
	n.Wrapping = fyne.TextWrapOff
	d.numbers[title] = n
	objs := []fyne.CanvasObject{bold(title), n, hint(what)}
	if action != nil {
		objs = append(objs, container.NewHBox(action))
	}
	return card(objs...)
}
