package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/publog"
)

// verify checks the whole chain of the log and says what it found.
func (s *logScreen) verify() {
	a := s.app
	sess := a.sess
	type result struct {
		problems []publog.Problem
		count    int
	}
	s.check.Disable()
	s.showVerdict(quiet("Checking every entry…"))
	background(a, func() (result, error) {
		ps, err := sess.VerifyLog()
		if err != nil {
			return result{}, err
		}
		es, err := sess.PublicationLog()
		return result{ps, len(es)}, err
	}, func(r result, err error) {
		s.check.Enable()
		s.showVerdict(verdict(r.problems, r.count, err))
	})
}

// verdict says what checking the log found: intact, the problems, or that
// it could not be checked.
func verdict(problems []publog.Problem, count int, err error) fyne.CanvasObject {
	switch {
	case err != nil:
		return brokenPanel("The publication log could not be checked.", []string{sentence(err)})
	case len(problems) == 0:
		return intactLine(fmt.Sprintf("The publication log is intact (%s).", entriesWord(count)))
	}
	lines := make([]string, len(problems))
	for i, p := range problems {
		lines[i] = plain(p.What)
	}
	return brokenPanel(fmt.Sprintf("The publication log has been tampered with: %s found.",
		plural(len(problems), "problem")), lines)
}

func (s *logScreen) showVerdict(o fyne.CanvasObject) {
	s.verdict.Objects = []fyne.CanvasObject{o}
	s.verdict.Refresh()
}

// intactLine is the good news, with a tick.
func intactLine(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Importance = widget.SuccessImportance
	l.TextStyle.Bold = true
	return container.NewBorder(nil, nil, widget.NewIcon(theme.NewSuccessThemedResource(theme.ConfirmIcon())), nil, l)
}

// brokenPanel lists what is wrong, in a card that stands out.
func brokenPanel(title string, lines []string) fyne.CanvasObject {
	head := widget.NewLabel(title)
	head.Importance = widget.DangerImportance
	head.TextStyle.Bold = true
	head.Wrapping = fyne.TextWrapWord
	objs := []fyne.CanvasObject{container.NewBorder(nil, nil,
		widget.NewIcon(theme.NewErrorThemedResource(theme.ErrorIcon())), nil, head)}
	for _, l := range lines {
		objs = append(objs, wrapped("• "+l))
	}
	objs = append(objs, hint("The stored log was changed outside PhotoConsent: keep the data folder as it is for whoever investigates."))
	return card(objs...)
}
