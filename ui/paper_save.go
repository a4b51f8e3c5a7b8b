package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// askSaveFile shows the file-save chooser with a suggested name (and, when
// given, the extensions it offers) and hands the chosen file to write. A
// cancelled chooser does nothing; a failing one says why.
func (a *App) askSaveFile(name string, exts []string, write func(fyne.URIWriteCloser)) {
	fd := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			a.notify(sentence(err))
			return
		}
		if w != nil {
			write(w)
		}
	}, a.win)
	fd.SetFileName(name)
	if len(exts) > 0 {
		fd.SetFilter(fynestorage.NewExtensionFileFilter(exts))
	}
	fd.Resize(fyne.NewSize(900, 600))
	a.showDialog(fd)
}

// withProgress runs work in the background behind a dialog with a moving
// progress bar, which closes before done is called.
func withProgress[T any](a *App, title string, work func() (T, error), done func(T, error)) {
	wait := dialog.NewCustomWithoutButtons(title, widget.NewProgressBarInfinite(), a.win)
	a.showDialog(wait)
	background(a, work, func(v T, err error) {
		wait.Hide()
		done(v, err)
	})
}
