package ui

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/access"
	"photoconsent/app/civil"
	"photoconsent/app/paper"
	"photoconsent/app/pupil"
)

// wholeSchool is the class choice that prints a form for every pupil on roll.
const wholeSchool = "The whole school"

// saveForms asks which class to print consent forms for and where to save
// them, then writes the PDF in the background (office and head).
func (a *App) saveForms() {
	if err := a.sess.Check(access.RecordConsent); err != nil {
		a.notify(sentence(err))
		return
	}
	s := a.sess
	background(a, s.Pupils, func(ps []pupil.Pupil, err error) {
		if err != nil {
			a.notify("The pupils could not be read: " + sentence(err))
			return
		}
		a.chooseFormsClass(formClasses(ps, civil.Today(a.now())))
	})
}

// formClasses lists the classes of the pupils on roll, sorted, after the
// whole school.
func formClasses(ps []pupil.Pupil, today civil.Date) []string {
	var classes []string
	for _, p := range ps {
		c := strings.TrimSpace(p.Class)
		if c != "" && p.OnRoll(today) && !slices.Contains(classes, c) {
			classes = append(classes, c)
		}
	}
	slices.Sort(classes)
	return append([]string{wholeSchool}, classes...)
}

func (a *App) chooseFormsClass(classes []string) {
	pick := widget.NewSelect(classes, nil)
	pick.SetSelected(wholeSchool)
	item := widget.NewFormItem("Print forms for", pick)
	item.HintText = "One page per pupil, with the wording now in use and a code for typing the answers in."
	d := dialog.NewForm("Print consent forms", "Choose where to save…", "Cancel", []*widget.FormItem{item},
		func(ok bool) {
			if ok {
				a.chooseFormsFile(pick.Selected)
			}
		}, a.win)
	d.Resize(fyne.NewSize(560, 220))
	a.showDialog(d)
}

func (a *App) chooseFormsFile(choice string) {
	class := choice
	if choice == wholeSchool {
		class = ""
	}
	a.askSaveFile(formsFileName(class), nil, func(w fyne.URIWriteCloser) { a.writeForms(w, class) })
}

// formsFileName suggests "consent-forms-5K.pdf", keeping only letters and
// digits of the class so the name is safe in any folder.
func formsFileName(class string) string {
	if class == "" {
		return "consent-forms-whole-school.pdf"
	}
	safe := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return '-'
	}, class)
	return "consent-forms-" + safe + ".pdf"
}

// writeForms writes the forms to the chosen file in the background,
// behind a progress bar.
func (a *App) writeForms(w fyne.URIWriteCloser, class string) {
	s := a.sess
	withProgress(a, "Making the consent forms…", func() (int, error) {
		var n int
		err := saveDocTo(w, func(out io.Writer) error {
			var err error
			n, err = paper.WriteForms(s, class, out)
			return err
		})
		return n, err
	}, func(n int, err error) {
		if err != nil {
			a.notify("The forms were not saved: " + sentence(err))
			return
		}
		a.notify(fmt.Sprintf("Saved %s to %s.", formsWord(n), w.URI().Name()))
	})
}

func formsWord(n int) string {
	if n == 1 {
		return "1 consent form"
	}
	return fmt.Sprintf("%d consent forms", n)
}
