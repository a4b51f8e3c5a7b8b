package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/mis"
	"photoconsent/app/register"
)

// importScreen reads an MIS export, previews what it would change, lets the
// person map unknown CSV columns, and applies it with a progress bar.
type importScreen struct {
	app     *App
	path    *entry
	choose  *widget.Button
	full    *widget.Check
	check   *widget.Button
	working *widget.Activity
	problem *widget.Label

	name    string
	data    []byte
	header  mis.Header
	mapping map[string]mis.Field
	columns map[string]*widget.Select // what each unknown CSV column holds
	plan    *register.Plan

	preview  *fyne.Container
	stats    map[string]*widget.Label // figure per heading, e.g. "New" → "40"
	again    *widget.Button           // re-plans with the column mapping
	apply    *widget.Button
	progress *widget.ProgressBar
	cancel   *widget.Button
	stop     context.CancelFunc
	result   *widget.Label
	what     *widget.Label
	content  fyne.CanvasObject
}

func newImportScreen(a *App) *importScreen {
	m := &importScreen{app: a, mapping: map[string]mis.Field{}, stats: map[string]*widget.Label{}}
	m.path = newEntry(a, "Type the file's path, or choose it")
	m.path.OnSubmitted = func(string) { m.readTyped() }
	m.choose = widget.NewButtonWithIcon("Choose file…", theme.FolderOpenIcon(), m.chooseFile)
	m.check = primary(widget.NewButtonWithIcon("Preview", theme.SearchIcon(), m.readTyped))
	m.full = widget.NewCheck("This file lists every pupil on roll (mark pupils missing from it as left)", func(bool) {
		if m.data != nil {
			m.replan()
		}
	})
	m.working = widget.NewActivity()
	m.working.Hide()
	m.problem = problem()
	m.preview = container.NewVBox()

	intro := container.NewVBox(
		heading("Import pupils from your MIS"),
		hint("Export the pupil list from SIMS, Arbor or another MIS as a CSV report, or use a Common Transfer File (XML). Nothing is changed until you have seen the preview and chosen Import. The file itself is only read."),
	)
	pick := card(
		bold("File"),
		container.NewBorder(nil, nil, nil, container.NewHBox(m.choose, m.check, m.working), m.path),
		m.full,
		hint("Leave this unticked for a class list or a partial export: pupils are never deleted, and only a full export should mark the rest as left."),
		m.problem,
	)
	page := container.NewVBox(intro, pick, m.preview)
	m.content = container.NewVScroll(container.New(layout.NewCustomPaddedLayout(12, 24, 24, 24), page))
	return m
}

// chooseFile opens the file dialog; the file is read, never written.
func (m *importScreen) chooseFile() {
	a := m.app
	fd := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			say(m.problem, sentence(err))
			return
		}
		if rc == nil {
			return
		}
		uri := rc.URI()
		if uri.Scheme() == "file" {
			m.path.SetText(uri.Path())
		} else {
			m.path.SetText(uri.String())
		}
		m.read(uri.Name(), func() ([]byte, error) {
			defer rc.Close()
			return readCapped(rc)
		})
	}, a.win)
	fd.SetFilter(fynestorage.NewExtensionFileFilter([]string{".csv", ".CSV", ".xml", ".XML", ".txt", ".TXT"}))
	fd.Resize(fyne.NewSize(900, 600))
	a.showDialog(fd)
}

// readTyped reads the file at the typed path.
func (m *importScreen) readTyped() {
	p := strings.Trim(strings.TrimSpace(m.path.Text), `"'`)
	if p == "" {
		say(m.problem, "Type the file's path, or use Choose file.")
		return
	}
	m.read(filepath.Base(p), func() ([]byte, error) {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return readCapped(f)
	})
}

// readCapped reads at most one byte more than any export may hold, so the
// parser can say the file is too big without reading all of it.
func readCapped(r io.Reader) ([]byte, error) {
	return io.ReadAll(io.LimitReader(r, mis.MaxFileSize+1))
}

// read loads a file in the background, then previews it with a fresh mapping.
func (m *importScreen) read(name string, load func() ([]byte, error)) {
	m.busy(true)
	say(m.problem, "")
	background(m.app, load, func(b []byte, err error) {
		m.busy(false)
		if err != nil {
			say(m.problem, sentence(err))
			return
		}
		m.name, m.data, m.plan = name, b, nil
		m.mapping = map[string]mis.Field{}
		m.header, _ = mis.Columns(b) // an XML file has no headings; the plan says what is wrong
		m.replan()
	})
}

// replan works out what importing would do, writing nothing.
func (m *importScreen) replan() {
	a := m.app
	m.busy(true)
	say(m.problem, "")
	s, name, data := a.sess, m.name, m.data
	opt := register.ImportOptions{Full: m.full.Checked, Mapping: copyMapping(m.mapping)}
	background(a, func() (*register.Plan, error) { return s.PlanImport(name, data, opt) }, func(pl *register.Plan, err error) {
		m.busy(false)
		m.plan = pl
		if err != nil {
			say(m.problem, sentence(err))
			m.showPreview()
			return
		}
		m.showPreview()
	})
}

func copyMapping(in map[string]mis.Field) map[string]mis.Field {
	out := make(map[string]mis.Field, len(in))
	for k, v := range in {
		out[k] = v
	}
	return out
}

func (m *importScreen) busy(on bool) {
	if on {
		m.check.Disable()
		m.choose.Disable()
		m.working.Show()
		m.working.Start()
		return
	}
	m.check.Enable()
	m.choose.Enable()
	m.working.Stop()
	m.working.Hide()
}

func (m *importScreen) applyCard() fyne.CanvasObject {
	pl := m.plan
	m.apply = primary(widget.NewButtonWithIcon("Import now", theme.ConfirmIcon(), m.applyPlan))
	m.progress = widget.NewProgressBar()
	m.progress.Hide()
	m.cancel = widget.NewButton("Cancel", func() {
		if m.stop != nil {
			m.stop()
		}
	})
	m.cancel.Hide()
	m.result = widget.NewLabel("")
	m.result.Wrapping = fyne.TextWrapWord
	m.result.TextStyle.Bold = true
	m.result.Hide()
	if pl.Empty() {
		m.apply.Disable()
		say(m.result, "There is nothing to import: the register already matches this file.")
	}
	what := hint(fmt.Sprintf("Importing adds %s and updates %s. No pupil is ever deleted; every change goes into the audit trail.",
		plural(len(pl.New), "pupil"), plural(len(pl.Updated), "pupil")))
	m.what = what
	return card(
		container.NewBorder(nil, nil, nil, container.NewHBox(m.cancel, m.apply), container.NewStack(what, m.progress)),
		m.result,
	)
}

// applyPlan writes the import in the background, with progress and Cancel.
func (m *importScreen) applyPlan() {
	a := m.app
	if m.plan == nil || m.apply.Disabled() {
		return
	}
	ctx, stop := context.WithCancel(context.Background())
	m.stop = stop
	m.apply.Disable()
	m.check.Disable()
	m.choose.Disable()
	m.progress.SetValue(0)
	m.what.Hide()
	m.progress.Show()
	m.cancel.Show()
	say(m.result, "")
	s, pl := a.sess, m.plan
	bar := m.progress
	background(a, func() (*register.Plan, error) {
		return s.ApplyImport(ctx, pl, func(done, total int) {
			if total > 0 {
				v := float64(done) / float64(total)
				a.post(func() { bar.SetValue(v) })
			}
		})
	}, func(done *register.Plan, err error) {
		stop()
		m.stop = nil
		m.cancel.Hide()
		m.check.Enable()
		m.choose.Enable()
		if a.shell != nil && a.shell.register != nil {
			a.shell.register.reload()
		}
		if err != nil {
			m.progress.Hide()
			m.what.Show()
			if errors.Is(err, context.Canceled) {
				say(m.result, sentence(err))
			} else {
				say(m.result, "The import stopped: "+sentence(err))
			}
			m.apply.Enable()
			return
		}
		m.progress.SetValue(1)
		say(m.result, fmt.Sprintf("Imported %s: %d new, %d updated, %d unchanged, %d marked as left, %d consent answers from the MIS.",
			done.FileName, len(done.New), len(done.Updated), done.Unchanged, len(done.Left), len(done.Answers)))
	})
}
