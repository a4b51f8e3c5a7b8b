package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// formDialog is a dialog that asks for something and then does slow work:
// its main button shows progress and stays disabled until the work ends.
type formDialog struct {
	app     *App
	d       *dialog.CustomDialog
	ok      *widget.Button
	cancel  *widget.Button
	working *widget.Activity
}

// confirmDialog shows content with Cancel and a main button labelled verb.
// onOK runs when the main button is pressed (or Enter in a one-line box that
// calls submit); it calls busy(false) on failure or close() when done.
func (a *App) confirmDialog(title, verb string, content fyne.CanvasObject, onOK func()) *formDialog {
	return a.sizedDialog(title, verb, content, fyne.NewSize(460, 0), onOK)
}

// confirmWork is a confirmDialog whose main button runs work in the
// background: on failure prob says why in one sentence and the dialog
// stays open; on success it closes and done runs.
func (a *App) confirmWork(title, verb string, content fyne.CanvasObject, prob *widget.Label, work func() error, done func()) *formDialog {
	var d *formDialog
	d = a.confirmDialog(title, verb, content, func() {
		backgroundErr(a, work, func(err error) {
			if err != nil {
				say(prob, sentence(err))
				d.busy(false)
				return
			}
			d.close()
			done()
		})
	})
	return d
}

func (a *App) sizedDialog(title, verb string, content fyne.CanvasObject, size fyne.Size, onOK func()) *formDialog {
	f := &formDialog{app: a, working: widget.NewActivity()}
	f.working.Hide()
	f.ok = primary(widget.NewButton(verb, nil))
	f.ok.OnTapped = func() {
		if f.ok.Disabled() {
			return
		}
		f.busy(true)
		onOK()
	}
	f.cancel = widget.NewButton("Cancel", func() { f.d.Hide() })
	body := container.NewBorder(nil, container.NewHBox(f.working), nil, nil, content)
	f.d = dialog.NewCustomWithoutButtons(title, fixedWidth(size.Width, newActivity(body, a.touch)), a.win)
	f.d.SetButtons([]fyne.CanvasObject{f.cancel, f.ok})
	if size.Height > 0 {
		f.d.Resize(size)
	}
	a.showDialog(f.d)
	return f
}

// submit presses the main button, for Enter in the dialog's last box.
func (f *formDialog) submit() {
	if !f.ok.Disabled() {
		f.ok.OnTapped()
	}
}

func (f *formDialog) busy(on bool) {
	if on {
		f.ok.Disable()
		f.working.Show()
		f.working.Start()
		return
	}
	f.ok.Enable()
	f.working.Stop()
	f.working.Hide()
}

func (f *formDialog) close() {
	f.busy(false)
	f.d.Hide()
}
