package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/gate"
	"photoconsent/app/publish"
)

// webSize is the longest side a photo resized for the web gets by default.
const webSize = 2048

// vetExport is the export bar: the folder, resizing for the web, the
// Export button and its progress bar.
type vetExport struct {
	s        *vetScreen
	folder   *entry
	choose   *widget.Button
	resize   *widget.Check
	size     *entry
	run      *widget.Button
	cancel   *widget.Button
	progress *widget.ProgressBar
	problem  *widget.Label
	stop     context.CancelFunc
	content  fyne.CanvasObject

	results []gate.Result // the last export's, for tests
	summary string        // the last export's summary, for tests
}

func newVetExport(s *vetScreen) *vetExport {
	a := s.app
	e := &vetExport{s: s}
	e.folder = newEntry(a, "The folder the copies go into")
	e.choose = widget.NewButtonWithIcon("Choose…", theme.FolderOpenIcon(), e.chooseFolder)
	e.size = newEntry(a, "")
	e.size.SetText(strconv.Itoa(webSize))
	e.size.Disable()
	e.resize = widget.NewCheck("Resize for the web to", func(on bool) {
		if on {
			e.size.Enable()
		} else {
			e.size.Disable()
		}
	})
	e.run = primary(widget.NewButtonWithIcon("Export ready photos", theme.UploadIcon(), e.start))
	e.run.Disable()
	e.cancel = widget.NewButton("Cancel", func() {
		if e.stop != nil {
			e.stop()
		}
	})
	e.cancel.Hide()
	e.progress = widget.NewProgressBar()
	e.progress.Hide()
	e.problem = problem()
	folder := container.NewBorder(nil, nil, bold("Export to"), e.choose, e.folder)
	options := container.NewHBox(e.resize, fixedWidth(80, e.size), widget.NewLabel("pixels on the longest side"))
	run := container.NewBorder(nil, nil, nil, container.NewHBox(e.cancel, e.run), e.progress)
	e.content = card(folder, options, run, e.problem)
	return e
}

// refresh enables Export once every photo is checked and one is ready.
func (e *vetExport) refresh(ready, waiting int) {
	if e.stop == nil && ready > 0 && waiting == 0 {
		e.run.Enable()
	} else {
		e.run.Disable()
	}
}

func (e *vetExport) chooseFolder() {
	a := e.s.app
	fd := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil {
			say(e.problem, sentence(err))
			return
		}
		if l != nil {
			e.folder.SetText(l.Path())
		}
	}, a.win)
	fd.Resize(fyne.NewSize(900, 600))
	a.showDialog(fd)
}

// options reads the export bar, or says what to fix.
func (e *vetExport) options() (gate.ExportOptions, error) {
	opt := gate.ExportOptions{To: e.s.dest, OutDir: strings.Trim(strings.TrimSpace(e.folder.Text), `"'`)}
	if opt.OutDir == "" {
		return opt, errors.New("choose the folder the copies go into")
	}
	if e.resize.Checked {
		n, err := strconv.Atoi(strings.TrimSpace(e.size.Text))
		if err != nil || n < 16 || n > 20000 {
			return opt, errors.New("the longest side must be a number of pixels between 16 and 20000")
		}
		opt.Resize = n
	}
	return opt, nil
}

// start exports in the background: ready photos become clean copies;
// blocked ones are only logged.
func (e *vetExport) start() {
	s := e.s
	a := s.app
	opt, err := e.options()
	if err != nil {
		say(e.problem, sentence(err))
		return
	}
	say(e.problem, "")
	items := make([]gate.Item, len(s.photos))
	for i, p := range s.photos {
		items[i] = copyItem(p.item)
	}
	ctx, stop := context.WithCancel(context.Background())
	e.stop = stop
	e.run.Disable()
	e.cancel.Show()
	e.progress.SetValue(0)
	e.progress.Show()
	g, bar := s.gate, e.progress
	background(a, func() ([]gate.Result, error) {
		return g.Export(ctx, items, opt, func(done, total int) {
			v := float64(done) / float64(total)
			a.post(func() { bar.SetValue(v) })
		})
	}, func(rs []gate.Result, err error) {
		stop()
		e.stop = nil
		e.cancel.Hide()
		e.results = rs
		s.updateCount()
		if err == nil {
			e.progress.SetValue(1)
		}
		e.showSummary(opt, rs, err)
	})
}

// showSummary says what the export did: how many copies, which photos
// were blocked and why.
func (e *vetExport) showSummary(opt gate.ExportOptions, rs []gate.Result, err error) {
	a := e.s.app
	exported := 0
	var lines []fyne.CanvasObject
	var blocked []string
	for _, r := range rs {
		name := filepath.Base(r.Item.Path)
		switch {
		case r.Output != "":
			exported++
		case r.Err != "":
			blocked = append(blocked, name+": "+r.Err)
		case r.Decision.Outcome == publish.Blocked:
			blocked = append(blocked, name+": "+strings.Join(r.Decision.Reasons, "; "))
		}
	}
	e.summary = fmt.Sprintf("%s exported to %s; %s not.", plural(exported, "photo"), opt.OutDir, plural(len(blocked), "photo"))
	lines = append(lines, bold(e.summary))
	if err != nil {
		lines = append(lines, warningLine("The export stopped: "+sentence(err)))
	}
	for _, b := range blocked {
		l := widget.NewLabel("• " + b)
		l.Wrapping = fyne.TextWrapWord
		lines = append(lines, l)
	}
	lines = append(lines, hint("Every photo, exported or blocked, is in the publication log."))
	var d *formDialog
	d = a.sizedDialog("Export finished", "Close", container.NewVScroll(container.NewVBox(lines...)), fyne.NewSize(620, 420), func() { d.close() })
	d.cancel.Hide()
}
