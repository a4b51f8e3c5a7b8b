package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// entry is the text box used everywhere in the app. A focused widget gets the
// keys before the window does, so each key press counts as activity for the
// idle lock here; the app's shortcuts (Ctrl+L, Ctrl+F …) still work while
// typing, and Escape closes the dialog the box is in.
type entry struct {
	widget.Entry
	app *App
}

func newEntry(a *App, placeholder string) *entry {
	e := &entry{app: a}
	e.PlaceHolder = placeholder
	e.ExtendBaseWidget(e)
	return e
}

func newPasswordEntry(a *App, placeholder string) *entry {
	e := newEntry(a, placeholder)
	e.Password = true
	return e
}

func newMultiLineEntry(a *App, placeholder string) *entry {
	e := newEntry(a, placeholder)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(3)
	return e
}

func newMonoEntry(a *App, placeholder string) *entry {
	e := newEntry(a, placeholder)
	e.TextStyle = fyne.TextStyle{Monospace: true}
	return e
}

func (e *entry) TypedRune(r rune) {
	e.app.touch()
	e.Entry.TypedRune(r)
}

func (e *entry) TypedKey(k *fyne.KeyEvent) {
	e.app.touch()
	if k.Name == fyne.KeyEscape && e.app.closeTopDialog() {
		return
	}
	e.Entry.TypedKey(k)
}

func (e *entry) KeyDown(k *fyne.KeyEvent) {
	e.app.touch()
	e.Entry.KeyDown(k)
}

func (e *entry) TypedShortcut(s fyne.Shortcut) {
	e.app.touch()
	if e.app.appShortcut(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}
