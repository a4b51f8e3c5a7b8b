package ui

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"photoconsent/app/access"
	"photoconsent/app/civil"
	"photoconsent/app/paper"
)

// saveChaseList asks where to save the list of pupils whose form is missing
// or expired, and writes it there: CSV when the name ends in .csv, else a
// PDF to print (office and head).
func (a *App) saveChaseList() {
	if err := a.sess.Check(access.RecordConsent); err != nil {
		a.notify(sentence(err))
		return
	}
	a.askSaveFile("chase-list-"+civil.Today(a.now()).String()+".pdf", []string{".pdf", ".csv"}, a.writeChaseList)
}

// writeChaseList makes the list in the background behind a progress bar.
func (a *App) writeChaseList(w fyne.URIWriteCloser) {
	s := a.sess
	asCSV := strings.EqualFold(w.URI().Extension(), ".csv")
	withProgress(a, "Making the chase list…", func() (int, error) {
		rows, err := s.ChaseList()
		if err != nil {
			return 0, errors.Join(err, w.Close())
		}
		set, err := s.Settings()
		if err != nil {
			return 0, errors.Join(err, w.Close())
		}
		return len(rows), saveDocTo(w, func(out io.Writer) error {
			if asCSV {
				return paper.ChaseCSV(out, rows)
			}
			return paper.Chase(out, set.SchoolName, s.Now(), rows)
		})
	}, func(n int, err error) {
		if err != nil {
			a.notify("The chase list could not be saved there: " + sentence(err))
			return
		}
		a.notify(fmt.Sprintf("The chase list (%s) is saved in %s.", chasePupilsWord(n), w.URI().Name()))
	})
}

// saveDocTo writes a document (forms, chase list, report) to the chosen file: through a temporary file
// and a rename for a file on disk, else straight through the writer.
func saveDocTo(w fyne.URIWriteCloser, write func(io.Writer) error) error {
	if w.URI().Scheme() == "file" {
		if err := w.Close(); err != nil { // the dialog made an empty file; it is replaced whole
			return err
		}
		return paper.SaveFile(w.URI().Path(), write)
	}
	if err := write(w); err != nil {
		return errors.Join(err, w.Close())
	}
	return w.Close()
}

func chasePupilsWord(n int) string {
	if n == 1 {
		return "1 pupil"
	}
	return fmt.Sprintf("%d pupils", n)
}
