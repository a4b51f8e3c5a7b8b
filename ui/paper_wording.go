package ui

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/access"
	"photoconsent/app/consent"
	"photoconsent/app/register"
)

// wordingEditor is the dialog in which the head rewrites what the consent
// form tells parents: one box per purpose. Saving makes a new version.
type wordingEditor struct {
	app     *App
	version string
	entries map[consent.Purpose]*widget.Entry
	form    *dialog.FormDialog
}

// editWording opens the wording editor with the wording now in use (head
// only). Saving keeps every earlier version, so answers already recorded
// still show what those parents were told.
func (a *App) editWording() {
	if err := a.sess.Check(access.ChangeSettings); err != nil {
		a.notify(sentence(err))
		return
	}
	s := a.sess
	background(a, s.Wording, func(w register.Wording, err error) {
		if err != nil {
			a.notify("The form's wording could not be read: " + sentence(err))
			return
		}
		e := newWordingEditor(a, w)
		a.showDialog(e.form)
	})
}

func newWordingEditor(a *App, w register.Wording) *wordingEditor {
	e := &wordingEditor{app: a, version: w.Version, entries: map[consent.Purpose]*widget.Entry{}}
	var items []*widget.FormItem
	for _, p := range consent.Purposes {
		en := widget.NewMultiLineEntry()
		en.Wrapping = fyne.TextWrapWord
		en.SetMinRowsVisible(3)
		en.SetText(w.Texts[p])
		en.Validator = wordingValid
		e.entries[p] = en
		items = append(items, widget.NewFormItem(purposeWords[p].title, en))
	}
	items[len(items)-1].HintText = "Saving makes a new version; answers already recorded keep the one they answered."
	title := fmt.Sprintf("The consent form's wording (now version %s)", w.Version)
	e.form = dialog.NewForm(title, "Save as a new version", "Cancel", items, func(ok bool) {
		if ok {
			e.save()
		}
	}, a.win)
	e.form.Resize(fyne.NewSize(760, 560))
	return e
}

// wordingValid lets the form be saved only when every box holds words
// that fit.
func wordingValid(s string) error {
	switch n := utf8.RuneCountInString(strings.TrimSpace(s)); {
	case n == 0:
		return errors.New("the form needs words here")
	case n > register.MaxWordingLength:
		return fmt.Errorf("at most %d characters", register.MaxWordingLength)
	}
	return nil
}

// texts is what the boxes hold now.
func (e *wordingEditor) texts() map[consent.Purpose]string {
	out := make(map[consent.Purpose]string, len(e.entries))
	for p, en := range e.entries {
		out[p] = en.Text
	}
	return out
}

// save writes the new version in the background and says what became of it.
func (e *wordingEditor) save() {
	a, s, texts := e.app, e.app.sess, e.texts()
	background(a, func() (register.Wording, error) { return s.SetWording(texts) }, func(w register.Wording, err error) {
		switch {
		case err != nil:
			a.showDialog(e.form) // keep what they typed
			a.notify("The wording was not saved: " + sentence(err))
		case w.Version == e.version:
			a.notify(fmt.Sprintf("Nothing changed: the form's wording is still version %s.", w.Version))
		default:
			a.notify(fmt.Sprintf("Saved as version %s. Forms printed from now on, and answers recorded from now on, use it.", w.Version))
		}
	})
}
