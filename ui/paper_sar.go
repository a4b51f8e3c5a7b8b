package ui

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/access"
	"photoconsent/app/civil"
	"photoconsent/app/paper"
	"photoconsent/app/register"
)

// saveSubjectAccess asks where to save everything held about the pupil,
// and writes the zip there (office and head; the register audits it).
func (a *App) saveSubjectAccess(pupilID string) {
	if err := a.sess.Check(access.ViewScans); err != nil {
		a.notify(sentence(err))
		return
	}
	a.askSaveFile("subject-access-"+civil.Today(a.now()).String()+".zip", []string{".zip"},
		func(w fyne.URIWriteCloser) { a.writeSubjectAccess(pupilID, w) })
}

// writeSubjectAccess gathers and writes the zip behind a progress bar.
func (a *App) writeSubjectAccess(pupilID string, w fyne.URIWriteCloser) {
	s := a.sess
	withProgress(a, "Gathering everything held about the pupil…", func() (register.SAR, error) {
		sar, err := s.SubjectAccess(pupilID)
		if err != nil {
			return sar, errors.Join(err, w.Close())
		}
		return sar, saveDocTo(w, func(out io.Writer) error { return paper.SARZip(out, sar) })
	}, func(sar register.SAR, err error) {
		if err != nil {
			a.notify("The subject access file could not be saved there: " + sentence(err))
			return
		}
		msg := fmt.Sprintf("Everything held about %s is saved in %s.", sar.Pupil.DisplayName(), w.URI().Name())
		if sarNeedsCheck(sar) {
			msg += " Some scanned forms or photos may show other children: check them before sending it."
		}
		a.notify(msg)
	})
}

// sarNeedsCheck reports whether a scan is a class set's or a thumbnail is
// of a photo with other pupils tagged.
func sarNeedsCheck(sar register.SAR) bool {
	for _, sc := range sar.Scans {
		if sc.Shared {
			return true
		}
	}
	for _, p := range sar.Publications {
		if p.Others > 0 && len(p.Thumbnail) > 0 {
			return true
		}
	}
	return false
}

// showRetention lists the leavers past the retention period and offers to
// delete them (head only).
func (a *App) showRetention() {
	s := a.sess
	if err := s.Check(access.ChangeSettings); err != nil {
		a.notify(sentence(err))
		return
	}
	background(a, func() ([]register.Leaver, error) { return s.RetentionDue() }, func(due []register.Leaver, err error) {
		if err != nil {
			a.notify(sentence(err))
			return
		}
		if len(due) == 0 {
			a.notify("No leavers are past the retention period.")
			return
		}
		a.confirmRetention(due)
	})
}

func (a *App) confirmRetention(due []register.Leaver) {
	s := a.sess
	lines := make([]string, len(due))
	ids := make([]string, len(due))
	for i, l := range due {
		lines[i] = fmt.Sprintf("%s, class %s, left on %s", l.Name, retentionClass(l.Class), l.Leaving.UK())
		ids[i] = l.PupilID
	}
	are := "are"
	if len(due) == 1 {
		are = "is"
	}
	intro := widget.NewLabel(fmt.Sprintf("%s %s past the retention period: deleting removes their records, "+
		"answers and scanned forms, and the publication log keeps its entries without names.", retentionLeavers(len(due)), are))
	intro.Wrapping = fyne.TextWrapWord
	list := widget.NewLabel(strings.Join(lines, "\n"))
	content := container.NewBorder(intro, nil, nil, nil, container.NewVScroll(list))
	var f *formDialog
	f = a.sizedDialog("Delete leavers", "Delete "+retentionLeavers(len(due)), content, fyne.NewSize(560, 420), func() {
		backgroundErr(a, func() error {
			_, err := s.ApplyRetention(ids)
			return err
		}, func(err error) {
			if err != nil {
				f.busy(false)
				a.notify("Not every leaver was deleted: " + sentence(err))
				return
			}
			f.close()
			a.notify(fmt.Sprintf("Deleted %s past the retention period.", retentionLeavers(len(ids))))
		})
	})
}

func retentionLeavers(n int) string {
	if n == 1 {
		return "1 leaver"
	}
	return fmt.Sprintf("%d leavers", n)
}

func retentionClass(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
