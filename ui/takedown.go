package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/access"
	"photoconsent/app/register"
)

// takedownScreen is the head's list of published photos that must come
// down because a pupil in them may no longer appear there: open ones first,
// each with a button to record what was done, then the ones already done.
type takedownScreen struct {
	app     *App
	items   []register.Takedown
	open    int
	list    *fyne.Container
	problem *widget.Label
	mark    *takedownMark // the "Mark as removed" dialog while open
	content fyne.CanvasObject
	// onCount, when set, hears the number of open takedowns after every
	// load, so the navigation can say "Takedowns (3)".
	onCount func(open int)
}

// canActOnTakedowns reports whether the signed-in person may open the
// takedowns screen: the head only.
func canActOnTakedowns(a *App) bool { return a.sess != nil && a.sess.Can(access.Takedown) }

func newTakedownScreen(a *App) *takedownScreen {
	s := &takedownScreen{app: a, problem: problem(), list: container.NewVBox()}
	if !canActOnTakedowns(a) {
		s.content = headOnlyScreen("Takedowns", "Only the head can act on takedowns.")
		return s
	}
	top := container.NewVBox(
		heading("Takedowns"),
		hint("Photos already published that show a pupil who may no longer appear there, because consent was withdrawn, refused or expired, or the pupil must never be published. Take each one down, then mark it as removed."),
		s.problem,
	)
	page := container.NewBorder(top, nil, nil, nil, container.NewVScroll(s.list))
	s.content = container.New(layout.NewCustomPaddedLayout(12, 12, 24, 24), page)
	s.reload()
	return s
}

// openCount is how many takedowns were open at the last load.
func (s *takedownScreen) openCount() int { return s.open }

// loadOpenTakedowns counts the open takedowns in the background and hands
// the number to done, for the main window's navigation before the screen
// is first built. done is not called for someone who may not act on them.
func loadOpenTakedowns(a *App, done func(open int)) {
	if !canActOnTakedowns(a) {
		return
	}
	sess := a.sess
	background(a, sess.OpenTakedowns, func(n int, err error) {
		if err == nil {
			done(n)
		}
	})
}

func (s *takedownScreen) reload() {
	if !canActOnTakedowns(s.app) {
		return
	}
	sess := s.app.sess
	background(s.app, sess.Takedowns, func(items []register.Takedown, err error) {
		if err != nil {
			say(s.problem, sentence(err))
			return
		}
		say(s.problem, "")
		s.items = items
		s.open = 0
		for _, t := range items {
			if !t.Done {
				s.open++
			}
		}
		s.show()
		if s.onCount != nil {
			s.onCount(s.open)
		}
	})
}

// show lists the open takedowns, then the done ones.
func (s *takedownScreen) show() {
	var objs []fyne.CanvasObject
	if s.open == 0 {
		objs = append(objs, infoLine("Nothing to take down."))
	} else {
		objs = append(objs, subheading(fmt.Sprintf("Still to take down (%d)", s.open)))
	}
	for _, t := range s.items {
		if !t.Done {
			objs = append(objs, s.openCard(t))
		}
	}
	if done := len(s.items) - s.open; done > 0 {
		objs = append(objs, spacer(8), subheading(fmt.Sprintf("Done (%d)", done)))
		for _, t := range s.items {
			if t.Done {
				objs = append(objs, doneCard(t))
			}
		}
	}
	s.list.Objects = objs
	s.list.Refresh()
}

// takedownTitle names the pupil and where the photo went: "Zoë Brontë
// (K999…) · School website".
func takedownTitle(t register.Takedown) string {
	name := t.PupilName
	if name == "" {
		name = logRemovedPupil
	}
	if t.UPN != "" {
		name += " (" + t.UPN + ")"
	}
	return name + " · " + t.Destination.Label()
}

// takedownFacts says what was published, when, by whom and why it must go.
func takedownFacts(t register.Takedown) []string {
	return []string{
		"Published copy: " + orDash(t.Output),
		fmt.Sprintf("Published %s by %s (log entry %d)", ukDateTime(t.Entry.At), orDash(t.Entry.ByName), t.Entry.Seq),
		"Why: " + plain(t.Why),
	}
}

func (s *takedownScreen) openCard(t register.Takedown) fyne.CanvasObject {
	mark := primary(widget.NewButtonWithIcon("Mark as removed…", theme.ConfirmIcon(), func() { s.markRemoved(t) }))
	title := bold(takedownTitle(t))
	title.Wrapping = fyne.TextWrapWord
	objs := []fyne.CanvasObject{container.NewBorder(nil, nil, nil, mark, title)}
	for _, f := range takedownFacts(t) {
		objs = append(objs, wrapped(f))
	}
	return card(objs...)
}

func doneCard(t register.Takedown) fyne.CanvasObject {
	title := bold(takedownTitle(t))
	title.Wrapping = fyne.TextWrapWord
	objs := []fyne.CanvasObject{container.NewBorder(nil, nil, widget.NewIcon(theme.NewSuccessThemedResource(theme.ConfirmIcon())), nil, title)}
	for _, f := range takedownFacts(t) {
		objs = append(objs, wrapped(f))
	}
	objs = append(objs, wrapped(fmt.Sprintf("Removed %s by %s: %s", ukDateTime(t.DoneAt), orDash(t.DoneBy), t.Note)))
	return card(objs...)
}

// takedownMark is the dialog that records a takedown as done.
type takedownMark struct {
	t       register.Takedown
	note    *entry
	problem *widget.Label
	dialog  *formDialog
}

// markRemoved asks what was done (a note is required) and records it.
func (s *takedownScreen) markRemoved(t register.Takedown) {
	a := s.app
	m := &takedownMark{t: t, note: newMultiLineEntry(a, "For example: deleted from the website's gallery page"), problem: problem()}
	content := container.NewVBox(
		wrapped(takedownTitle(t)),
		wrapped("Published copy: "+orDash(t.Output)),
		field("What was done", m.note, "Say where it was removed from, so the log shows the takedown was done."),
		m.problem,
	)
	s.mark = m
	m.dialog = a.confirmDialog("Mark as removed", "Mark as removed", content, func() { s.submitMark(m) })
	a.win.Canvas().Focus(m.note)
}

func (s *takedownScreen) submitMark(m *takedownMark) {
	note := strings.TrimSpace(m.note.Text)
	if note == "" {
		say(m.problem, "Write what was done before marking it as removed.")
		m.dialog.busy(false)
		return
	}
	say(m.problem, "")
	sess, t := s.app.sess, m.t
	backgroundErr(s.app, func() error { return sess.MarkTakenDown(t.Entry.Seq, t.PupilID, note) }, func(err error) {
		if err != nil {
			say(m.problem, sentence(err))
			m.dialog.busy(false)
			return
		}
		m.dialog.close()
		s.reload()
	})
}
