package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/civil"
	"photoconsent/app/register"
)

// viewScan shows a scanned image form, or offers to save a PDF where the
// person chooses, since the app has no PDF viewer of its own.
func (p *pupilPanel) viewScan(id string, date civil.Date) {
	a := p.app
	s := a.sess
	background(a, func() ([]byte, error) { return s.Scan(id) }, func(b []byte, err error) {
		if err != nil {
			a.notify(sentence(err))
			return
		}
		kind := register.ScanType(b)
		name := "consent-form-" + date.String() + extensionFor(kind)
		if kind == "application/pdf" {
			a.saveBytes(name, b)
			return
		}
		img := canvas.NewImageFromResource(fyne.NewStaticResource(name, b))
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSize(560, 640))
		var d *dialog.CustomDialog
		save := widget.NewButtonWithIcon("Save a copy…", theme.DocumentSaveIcon(), func() { a.saveBytes(name, b) })
		closeBtn := primary(widget.NewButton("Close", func() { d.Hide() }))
		d = dialog.NewCustomWithoutButtons("Scanned form, "+date.UK(), newActivity(container.NewPadded(img), a.touch), a.win)
		d.SetButtons([]fyne.CanvasObject{save, closeBtn})
		a.showDialog(d)
	})
}

func extensionFor(kind string) string {
	switch kind {
	case "application/pdf":
		return ".pdf"
	case "image/jpeg":
		return ".jpg"
	}
	return ".png"
}

// saveBytes asks where to save a copy and writes it there.
func (a *App) saveBytes(name string, b []byte) {
	fd := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			if err != nil {
				a.notify(sentence(err))
			}
			return
		}
		backgroundErr(a, func() error {
			if _, err := w.Write(b); err != nil {
				w.Close()
				return err
			}
			return w.Close()
		}, func(err error) {
			if err != nil {
				a.notify("The copy could not be saved there: " + sentence(err))
				return
			}
			a.notify("The scanned form was saved.")
		})
	}, a.win)
	fd.SetFileName(name)
	fd.Resize(fyne.NewSize(900, 600))
	a.showDialog(fd)
}
