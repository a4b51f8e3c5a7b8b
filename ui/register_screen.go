package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/access"
	"photoconsent/app/register"
)

// registerScreen is the register: the filter bar, the table of pupils with
// one status per column, and the pupil panel beside it.
type registerScreen struct {
	app      *App
	rows     []register.Row // every pupil
	cols     []register.Column
	settings register.Settings
	shown    []register.Row // after filter and sort
	filter   register.Filter
	sortCol  int
	sortDesc bool
	ticked   map[string]bool // pupils ticked for a class set
	selected string          // the pupil open in the panel

	filters     *filterBar
	table       *regTable
	tableHolder *fyne.Container
	empty       *widget.Label // says why no pupil is shown
	emptyAction *widget.Button
	emptyBox    *fyne.Container
	count       *widget.Label
	batch       *widget.Button
	loading     *widget.Activity
	problem     *widget.Label
	panel       *pupilPanel
	split       *container.Split
	content     fyne.CanvasObject
	search      *entry

	batchForm *batchForm // the open class-set dialog, for tests
}

func newRegisterScreen(a *App) *registerScreen {
	r := &registerScreen{app: a, ticked: map[string]bool{}, sortCol: colName}
	r.filters = newFilterBar(r)
	r.search = r.filters.search
	r.table = newRegTable(r)
	r.count = widget.NewLabelWithStyle("Loading the register…", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.loading = widget.NewActivity()
	r.problem = problem()
	r.batch = primary(widget.NewButtonWithIcon("Record answer for selected…", nil, r.openBatch))
	r.batch.Disable()
	clearTicks := widget.NewButton("Clear selection", func() { r.setTicked(nil) })
	clearTicks.Importance = widget.LowImportance
	if !r.canBatch() {
		r.batch.Hide()
		clearTicks.Hide()
	}
	r.panel = newPupilPanel(r)

	bottom := container.NewBorder(nil, nil, container.NewHBox(r.count, r.loading), container.NewHBox(clearTicks, r.batch))
	r.empty = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	r.empty.Wrapping = fyne.TextWrapWord
	r.emptyAction = primary(widget.NewButtonWithIcon("", nil, nil))
	r.emptyBox = container.NewCenter(fixedWidth(400, card(r.empty, container.NewCenter(r.emptyAction))))
	r.emptyBox.Hide()
	r.tableHolder = container.NewStack(r.table)
	left := container.NewBorder(container.NewVBox(r.filters.content, r.problem), bottom, nil, nil,
		container.NewStack(r.tableHolder, r.emptyBox))
	r.split = container.NewHSplit(container.NewPadded(left), r.panel.content)
	r.split.Offset = 0.685
	r.content = r.split
	r.reload()
	return r
}

// reload reads the register again in the background, keeping the filter,
// the sort, the ticks and the open pupil.
func (r *registerScreen) reload() {
	a := r.app
	type loaded struct {
		rows []register.Row
		cols []register.Column
		set  register.Settings
	}
	r.loading.Show()
	r.loading.Start()
	s := a.sess
	background(a, func() (loaded, error) {
		rows, cols, err := s.Register()
		if err != nil {
			return loaded{}, err
		}
		set, err := s.Settings()
		return loaded{rows, cols, set}, err
	}, func(l loaded, err error) {
		r.loading.Stop()
		r.loading.Hide()
		if err != nil {
			say(r.problem, sentence(err))
			return
		}
		say(r.problem, "")
		r.rows, r.settings = l.rows, l.set
		if !sameColumns(r.cols, l.cols) {
			r.cols = l.cols
			if r.filter.Column >= len(r.cols) {
				r.filter.Column = 0
			}
			if r.sortCol >= colFirstStatus+len(r.cols) {
				r.sortCol = colName
			}
			r.table.setColumns()
		}
		known := map[string]bool{}
		for _, row := range r.rows {
			known[row.PupilID] = true
		}
		for id := range r.ticked {
			if !known[id] {
				delete(r.ticked, id)
			}
		}
		r.filters.refreshChoices()
		r.apply()
	})
}

func sameColumns(a, b []register.Column) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// apply filters and sorts the rows and redraws the table.
func (r *registerScreen) apply() {
	r.shown = r.shown[:0]
	for _, row := range r.rows {
		if r.filter.Match(row) {
			r.shown = append(r.shown, row)
		}
	}
	r.sortRows()
	r.count.SetText(plural(len(r.shown), "pupil") + " shown")
	r.updateBatch()
	r.showEmpty()
	r.table.Refresh()
}

// showEmpty explains an empty table and offers the way forward.
func (r *registerScreen) showEmpty() {
	a := r.app
	switch {
	case r.loading.Visible() && len(r.rows) == 0, len(r.shown) > 0:
		r.emptyBox.Hide()
		return
	case len(r.rows) == 0:
		r.empty.SetText("There are no pupils in the register yet.")
		r.emptyAction.SetText("Import pupils from the MIS")
		r.emptyAction.SetIcon(theme.Icon(theme.IconNameDownload))
		r.emptyAction.OnTapped = func() { a.shell.show(pageImport) }
		if a.sess.Can(access.ImportPupils) {
			r.emptyAction.Show()
		} else {
			r.empty.SetText("There are no pupils in the register yet. The school office imports them from the MIS.")
			r.emptyAction.Hide()
		}
	default:
		r.empty.SetText("No pupil matches these filters.")
		r.emptyAction.SetText("Clear filters")
		r.emptyAction.SetIcon(theme.Icon(theme.IconNameContentClear))
		r.emptyAction.OnTapped = r.filters.clear
		r.emptyAction.Show()
	}
	r.emptyBox.Show()
}

// canBatch reports whether the signed-in person may record a class set.
func (r *registerScreen) canBatch() bool { return r.app.sess.Can(access.RecordConsent) }

// rebuildTable replaces the table with a fresh one. Fyne reuses table cells
// for different columns, and a cell drawn while hidden keeps its old theme's
// colours, so a theme change needs new cells. Everything the table shows
// lives in the screen, so nothing is lost.
func (r *registerScreen) rebuildTable() {
	r.table = newRegTable(r)
	r.tableHolder.Objects = []fyne.CanvasObject{r.table}
	r.tableHolder.Refresh()
	if i := r.rowOf(r.selected); i >= 0 {
		r.table.ScrollTo(widget.TableCellID{Row: i, Col: colName})
	}
}

// open shows a pupil in the panel.
func (r *registerScreen) open(id string) {
	if id == "" {
		return
	}
	r.selected = id
	r.table.Refresh()
	r.panel.load(id)
}

// rowOf finds a shown row's index by pupil ID, or -1.
func (r *registerScreen) rowOf(id string) int {
	for i, row := range r.shown {
		if row.PupilID == id {
			return i
		}
	}
	return -1
}

// toggle ticks or unticks a pupil for a class set.
func (r *registerScreen) toggle(id string, on bool) {
	if on {
		r.ticked[id] = true
	} else {
		delete(r.ticked, id)
	}
	r.updateBatch()
	r.table.Refresh()
}

// setTicked ticks exactly the given pupils.
func (r *registerScreen) setTicked(ids []string) {
	r.ticked = map[string]bool{}
	for _, id := range ids {
		r.ticked[id] = true
	}
	r.updateBatch()
	r.table.Refresh()
}

// allShownTicked reports whether every shown pupil is ticked.
func (r *registerScreen) allShownTicked() bool {
	if len(r.shown) == 0 {
		return false
	}
	for _, row := range r.shown {
		if !r.ticked[row.PupilID] {
			return false
		}
	}
	return true
}

// tickAllShown ticks (or unticks) every pupil the filter shows.
func (r *registerScreen) tickAllShown(on bool) {
	for _, row := range r.shown {
		if on {
			r.ticked[row.PupilID] = true
		} else {
			delete(r.ticked, row.PupilID)
		}
	}
	r.updateBatch()
	r.table.Refresh()
}

func (r *registerScreen) tickedIDs() []string {
	var ids []string
	for _, row := range r.rows { // register order, for a stable batch
		if r.ticked[row.PupilID] {
			ids = append(ids, row.PupilID)
		}
	}
	return ids
}

func (r *registerScreen) updateBatch() {
	n := len(r.ticked)
	switch n {
	case 0:
		r.batch.SetText("Record answer for selected…")
		r.batch.Disable()
	case 1:
		r.batch.SetText("Record answer for 1 selected…")
		r.batch.Enable()
	default:
		r.batch.SetText(fmt.Sprintf("Record answer for %d selected…", n))
		r.batch.Enable()
	}
}
