package ui

import (
	"errors"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"photoconsent/app/access"
	"photoconsent/app/civil"
	"photoconsent/app/paper"
	"photoconsent/app/register"
)

// saveGovernorsReport asks where to save this term's governors' report and
// writes it there: its numbers as CSV when the name ends in .csv, else the
// PDF with the chart (head only).
func (a *App) saveGovernorsReport() {
	if err := a.sess.Check(access.ViewLog); err != nil {
		a.notify(sentence(err))
		return
	}
	a.askSaveFile("governors-report-"+civil.Today(a.now()).String()+".pdf", []string{".pdf", ".csv"}, a.writeGovernorsReport)
}

// writeGovernorsReport gathers the numbers and writes the report in the
// background behind a progress bar.
func (a *App) writeGovernorsReport(w fyne.URIWriteCloser) {
	s := a.sess
	asCSV := strings.EqualFold(w.URI().Extension(), ".csv")
	withProgress(a, "Making the governors' report…", func() (register.Report, error) {
		r, err := s.GovernorsReport(civil.Date{}, civil.Date{})
		if err != nil {
			return r, errors.Join(err, w.Close())
		}
		return r, saveDocTo(w, func(out io.Writer) error {
			if asCSV {
				return paper.GovernorsCSV(out, r)
			}
			return paper.GovernorsReport(out, r)
		})
	}, func(r register.Report, err error) {
		if err != nil {
			a.notify("The governors' report could not be saved there: " + sentence(err))
			return
		}
		a.notify("The governors' report for " + r.From.UK() + " to " + r.To.UK() + " is saved in " + w.URI().Name() + ".")
	})
}
