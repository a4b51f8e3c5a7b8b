package ui

import (
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/civil"
	"photoconsent/app/consent"
	"photoconsent/app/register"
)

// answerDetails are the parts of an answer shared by one pupil's form and a
// class set: the date, how it came, the expiry, a note and the scanned form.
type answerDetails struct {
	app      *App
	date     *entry
	method   *widget.Select
	expires  *entry
	note     *entry
	scan     []byte
	scanName *widget.Label
	attach   *widget.Button
	drop     *widget.Button
}

func newAnswerDetails(a *App) *answerDetails {
	d := &answerDetails{app: a}
	d.date = newEntry(a, "dd/mm/yyyy")
	d.date.SetText(civil.Today(a.now()).UK())
	methods := make([]string, len(methodChoices))
	for i, m := range methodChoices {
		methods[i] = methodWord(m)
	}
	d.method = widget.NewSelect(methods, nil)
	d.method.SetSelected(methods[0])
	d.expires = newEntry(a, "dd/mm/yyyy")
	d.note = newMultiLineEntry(a, "Anything the office should know (optional)")
	d.scanName = hint("No scanned form attached.")
	d.attach = widget.NewButtonWithIcon("Attach scanned form…", theme.MailAttachmentIcon(), d.chooseScan)
	d.drop = widget.NewButtonWithIcon("Remove", theme.ContentClearIcon(), func() { d.setScan(nil, "") })
	d.drop.Importance = widget.LowImportance
	d.drop.Hide()
	return d
}

// onSubmit makes Enter in the date boxes save the answer.
func (d *answerDetails) onSubmit(fn func()) {
	d.date.OnSubmitted = func(string) { fn() }
	d.expires.OnSubmitted = func(string) { fn() }
}

func (d *answerDetails) content() fyne.CanvasObject {
	dates := container.NewGridWithColumns(2,
		field("Date given", d.date, ""),
		field("Expires", d.expires, "Leave empty if it does not expire."))
	return container.NewVBox(
		dates,
		field("How it reached the school", d.method, ""),
		field("Note", d.note, ""),
		bold("Scanned form"),
		d.scanName,
		container.NewHBox(d.attach, d.drop),
	)
}

// fill copies the details into a request; the error is a sentence.
func (d *answerDetails) fill(req *register.AnswerRequest) error {
	date, err := parseUKDate(d.date.Text)
	if err != nil {
		return fmt.Errorf("date given: %w", err)
	}
	expires, err := parseUKDate(d.expires.Text)
	if err != nil {
		return fmt.Errorf("expiry: %w", err)
	}
	req.Date, req.Expires, req.Note, req.Scan = date, expires, d.note.Text, d.scan
	for _, m := range methodChoices {
		if methodWord(m) == d.method.Selected {
			req.Method = m
		}
	}
	return nil
}

func (d *answerDetails) reset() {
	d.date.SetText(civil.Today(d.app.now()).UK())
	d.expires.SetText("")
	d.note.SetText("")
	d.method.SetSelected(d.method.Options[0])
	d.setScan(nil, "")
}

func (d *answerDetails) setScan(b []byte, name string) {
	d.scan = b
	if b == nil {
		d.scanName.SetText("No scanned form attached.")
		d.drop.Hide()
		return
	}
	d.scanName.SetText(fmt.Sprintf("%s (%s)", name, sizeWords(len(b))))
	d.drop.Show()
}

// chooseScan opens a PDF, JPEG or PNG. The file is only read, never changed.
func (d *answerDetails) chooseScan() {
	a := d.app
	fd := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			if err != nil {
				a.notify(sentence(err))
			}
			return
		}
		name := rc.URI().Name()
		background(a, func() ([]byte, error) {
			defer rc.Close()
			return io.ReadAll(io.LimitReader(rc, register.MaxScanSize+1))
		}, func(b []byte, err error) {
			switch {
			case err != nil:
				a.notify(sentence(err))
			case len(b) > register.MaxScanSize:
				a.notify(fmt.Sprintf("That file is larger than %d MB. Scan the form at a lower resolution.", register.MaxScanSize>>20))
			case register.ScanType(b) == "":
				a.notify("That file is not a PDF, JPEG or PNG. Choose the scanned form itself.")
			default:
				d.setScan(b, name)
			}
		})
	}, a.win)
	fd.SetFilter(fynestorage.NewExtensionFileFilter([]string{".pdf", ".jpg", ".jpeg", ".png", ".PDF", ".JPG", ".JPEG", ".PNG"}))
	fd.Resize(fyne.NewSize(900, 600))
	a.showDialog(fd)
}

func sizeWords(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// recordForm records one pupil's answers from the panel.
type recordForm struct {
	p       *pupilPanel
	picker  *answerPicker
	givers  []consent.Giver
	who     *widget.Select
	details *answerDetails
	save    *widget.Button
	working *widget.Activity
	problem *widget.Label
	saved   *widget.Label
	content fyne.CanvasObject
}

func newRecordForm(p *pupilPanel) *recordForm {
	a, d := p.app, p.detail
	f := &recordForm{p: p, picker: newAnswerPicker(d.Columns), givers: d.Givers(), details: newAnswerDetails(a)}
	names := make([]string, len(f.givers))
	for i, g := range f.givers {
		names[i] = giverWords(g)
	}
	f.who = widget.NewSelect(names, nil)
	f.who.PlaceHolder = "Who gave the answer?"
	if len(f.givers) > 1 { // the first contact with parental responsibility
		f.who.SetSelectedIndex(0)
	}
	f.problem = problem()
	f.saved = widget.NewLabel("")
	f.saved.Importance = widget.SuccessImportance
	f.saved.TextStyle.Bold = true
	f.saved.Hide()
	f.working = widget.NewActivity()
	f.working.Hide()
	f.save = primary(widget.NewButtonWithIcon("Save answer", theme.DocumentSaveIcon(), f.submit))
	f.details.onSubmit(f.submit)
	f.content = container.NewVBox(
		f.picker.content,
		field("Given by", f.who, "Only a person with parental responsibility, or the pupil when old enough to decide."),
		f.details.content(),
		f.problem,
		container.NewHBox(f.save, f.working, f.saved),
	)
	return f
}

func (f *recordForm) submit() {
	a, p := f.p.app, f.p
	if f.save.Disabled() {
		return
	}
	say(f.saved, "")
	req := register.AnswerRequest{PupilIDs: []string{p.id}, Answers: f.picker.answers()}
	if len(req.Answers) == 0 {
		say(f.problem, "Choose Granted, Refused or Withdrawn for at least one purpose.")
		return
	}
	i := f.who.SelectedIndex()
	if i < 0 {
		say(f.problem, "Choose who gave the answer.")
		return
	}
	req.By = f.givers[i]
	if err := f.details.fill(&req); err != nil {
		say(f.problem, plain(err.Error()))
		return
	}
	say(f.problem, "")
	f.save.Disable()
	f.working.Show()
	f.working.Start()
	s := a.sess
	backgroundErr(a, func() error { return s.RecordAnswers(req) }, func(err error) {
		f.working.Stop()
		f.working.Hide()
		f.save.Enable()
		if err != nil {
			say(f.problem, sentence(err))
			return
		}
		n := len(req.Answers)
		msg := "Saved 1 answer."
		if n > 1 {
			msg = fmt.Sprintf("Saved %d answers.", n)
		}
		f.picker.reset()
		f.details.reset()
		say(f.saved, msg)
		p.notice = msg
		p.r.reload()
		p.load(p.id)
	})
}
