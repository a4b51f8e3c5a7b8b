package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/consent"
)

// The register table's fixed columns; status columns follow.
const (
	colTick = iota
	colName
	colClass
	colYear
	colFirstStatus
)

var fixedColumnWidths = []float32{36, 164, 98, 84}

const statusColumnWidth = 110

// regTable is the register's table. It embeds widget.Table to count key
// presses as activity and to let the arrow keys move between pupils.
type regTable struct {
	widget.Table
	r *registerScreen
}

func newRegTable(r *registerScreen) *regTable {
	t := &regTable{r: r}
	t.Length = func() (int, int) { return len(r.shown), colFirstStatus + len(r.cols) }
	t.CreateCell = func() fyne.CanvasObject { return newRegCell() }
	t.UpdateCell = t.updateCell
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject { return newRegHeader() }
	t.UpdateHeader = t.updateHeader
	t.StickyColumnCount = 2
	t.OnSelected = t.selected
	t.ExtendBaseWidget(t)
	t.setColumns()
	return t
}

func (t *regTable) setColumns() {
	for i, w := range fixedColumnWidths {
		t.SetColumnWidth(i, w)
	}
	if !t.r.canBatch() { // nothing to tick for: a thin margin instead
		t.SetColumnWidth(colTick, 4)
	}
	for i := range t.r.cols {
		t.SetColumnWidth(colFirstStatus+i, statusColumnWidth)
	}
	t.Refresh()
}

func (t *regTable) selected(id widget.TableCellID) {
	r := t.r
	t.UnselectAll() // the row highlight is ours; the table's would follow the index, not the pupil
	if id.Row < 0 || id.Row >= len(r.shown) {
		return
	}
	pid := r.shown[id.Row].PupilID
	if id.Col == colTick {
		if r.canBatch() {
			r.toggle(pid, !r.ticked[pid])
		} else {
			r.open(pid)
		}
		return
	}
	r.open(pid)
}

// TypedKey moves between pupils with the arrow keys and opens the one under
// the keyboard focus with Space or Enter.
func (t *regTable) TypedKey(ev *fyne.KeyEvent) {
	t.r.app.touch()
	r := t.r
	switch ev.Name {
	case fyne.KeyUp, fyne.KeyDown:
		i := r.rowOf(r.selected)
		if ev.Name == fyne.KeyUp {
			i--
		} else {
			i++
		}
		if i >= 0 && i < len(r.shown) {
			r.open(r.shown[i].PupilID)
			t.ScrollTo(widget.TableCellID{Row: i, Col: colName})
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		t.Table.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
		return
	}
	t.Table.TypedKey(ev)
}

func (t *regTable) TypedRune(r rune) {
	t.r.app.touch()
	t.Table.TypedRune(r)
}

func (t *regTable) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	r := t.r
	c := o.(*regCell)
	if id.Row >= len(r.shown) {
		return
	}
	row := r.shown[id.Row]
	c.setBackground(row.PupilID == r.selected, r.ticked[row.PupilID])
	switch {
	case id.Col == colTick && !r.canBatch():
		c.showOnly(nil)
	case id.Col == colTick:
		c.showOnly(c.check)
		pid := row.PupilID
		c.check.OnChanged = nil
		c.check.SetChecked(r.ticked[pid])
		c.check.OnChanged = func(on bool) { r.toggle(pid, on) }
	case id.Col == colName:
		c.showOnly(c.label)
		name := row.Name
		if !row.OnRoll {
			name += " (left)"
		}
		c.label.TextStyle.Bold = row.PupilID == r.selected
		c.label.SetText(name)
	case id.Col == colClass:
		c.showOnly(c.label)
		c.label.TextStyle.Bold = false
		c.label.SetText(row.Class)
	case id.Col == colYear:
		c.showOnly(c.label)
		c.label.TextStyle.Bold = false
		c.label.SetText(yearWords(row.Year))
	default:
		c.showOnly(c.chip)
		i := id.Col - colFirstStatus
		s := consent.StatusNotReturned
		if i < len(row.Statuses) {
			s = row.Statuses[i]
		}
		c.chip.SetStatus(s)
	}
}

func (t *regTable) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	r := t.r
	h := o.(*regHeader)
	if id.Col == colTick {
		h.button.Hide()
		if !r.canBatch() {
			h.check.Hide()
			return
		}
		h.check.Show()
		h.check.OnChanged = nil
		h.check.SetChecked(r.allShownTicked())
		h.check.OnChanged = r.tickAllShown
		return
	}
	h.check.Hide()
	h.button.Show()
	text := ""
	switch {
	case id.Col == colName:
		text = "Pupil"
	case id.Col == colClass:
		text = "Class"
	case id.Col == colYear:
		text = "Year"
	case id.Col-colFirstStatus < len(r.cols):
		text = columnShort(r.cols[id.Col-colFirstStatus])
	}
	h.button.Icon = nil
	if r.sortCol == id.Col {
		h.button.Icon = theme.MenuDropDownIcon()
		if r.sortDesc {
			h.button.Icon = theme.MenuDropUpIcon()
		}
	}
	col := id.Col
	h.button.OnTapped = func() { r.sortBy(col) }
	h.button.SetText(text)
}

// regCell is one cell of the register: a tick box, words, or a status chip,
// over a background that marks the open and the ticked pupils.
type regCell struct {
	widget.BaseWidget
	bg    *canvas.Rectangle
	check *widget.Check
	label *widget.Label
	chip  *statusChip
	body  *fyne.Container
}

func newRegCell() *regCell {
	c := &regCell{bg: canvas.NewRectangle(color.Transparent), check: widget.NewCheck("", nil),
		label: widget.NewLabel(""), chip: newStatusChip(consent.StatusNotReturned, true)}
	c.label.Truncation = fyne.TextTruncateEllipsis
	c.body = container.NewStack(c.bg, c.check, c.label,
		container.New(layout.NewCustomPaddedLayout(5, 5, 2, 2), c.chip))
	c.ExtendBaseWidget(c)
	return c
}

func (c *regCell) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(c.body) }

func (c *regCell) showOnly(o fyne.CanvasObject) {
	for _, w := range []fyne.CanvasObject{c.check, c.label, c.chip} {
		if w == o {
			w.Show()
		} else {
			w.Hide()
		}
	}
}

func (c *regCell) setBackground(open, ticked bool) {
	switch {
	case open:
		c.bg.FillColor = theme.Color(theme.ColorNameSelection)
	case ticked:
		c.bg.FillColor = theme.Color(colorRowTint)
	default:
		c.bg.FillColor = color.Transparent
	}
	c.bg.Refresh()
}

// regHeader is a column header: a sort button, or the "tick all shown" box.
type regHeader struct {
	widget.BaseWidget
	button *widget.Button
	check  *widget.Check
	body   *fyne.Container
}

func newRegHeader() *regHeader {
	h := &regHeader{button: widget.NewButton("", nil), check: widget.NewCheck("", nil)}
	h.button.Importance = widget.LowImportance
	h.button.Alignment = widget.ButtonAlignLeading
	h.button.IconPlacement = widget.ButtonIconTrailingText
	h.body = container.NewStack(h.button, h.check)
	h.ExtendBaseWidget(h)
	return h
}

func (h *regHeader) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(h.body) }
