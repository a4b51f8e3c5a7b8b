package ui

import (
	"fmt"
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/gate"
	"photoconsent/app/publish"
	"photoconsent/app/register"
)

// vetPhoto is one photo on the vet screen: the gate's item, its thumbnail
// and its decision for the chosen destination.
type vetPhoto struct {
	item     gate.Item
	name     string // the file's own name, shown on its tile
	checked  bool   // the gate has read the file
	thumb    image.Image
	thumbVer int    // bumped when thumb changes
	full     bool   // thumb is the full decode, not the embedded preview
	thumbErr string // why no thumbnail could be drawn
	dec      publish.Decision
	decided  bool
	decErr   string
	selected bool
	ver      int // bumped on every change that makes dec stale
}

// vetScreen is where photos are vetted before publication: choose them, tag
// who is in them, see each one's decision for the destination, and export
// the ready ones.
type vetScreen struct {
	app    *App
	gate   *gate.Gate
	rows   []register.Row // every pupil: class, name, statuses; no contact details
	policy publish.Policy
	photos []*vetPhoto
	dest   publish.Destination
	cur    int // the photo in the detail area, or -1
	anchor int // the last tile clicked, for Shift+click
	load   *vetLoad
	// waiting holds files chosen before the register had loaded.
	waiting []string

	path    *entry
	chooseF *widget.Button
	chooseD *widget.Button
	destSel *widget.Select
	problem *widget.Label
	count   *widget.Label
	loading *widget.Activity
	grid    *widget.GridWrap
	tiles   []*vetTile // every tile the grid made, to redraw one photo's
	empty   fyne.CanvasObject
	gridBox *fyne.Container

	tags   *vetTagging
	detail *vetDetail
	export *vetExport

	overrideForm *vetOverrideForm // the open override dialog, for tests

	content fyne.CanvasObject
}

const vetEmpty = "Choose photos or a folder to vet"

func newVetScreen(a *App) *vetScreen {
	s := &vetScreen{app: a, dest: publish.Website, cur: -1, anchor: -1}
	s.path = newEntry(a, "Type a photo's or a folder's path, then press Enter")
	s.path.OnSubmitted = func(string) { s.openTyped() }
	if d := a.cfg.Demo; d != nil {
		s.path.SetText(d.Photos) // a starting point; nothing loads until Enter
	}
	s.chooseF = widget.NewButtonWithIcon("Choose photos…", theme.FileImageIcon(), s.chooseFiles)
	s.chooseD = widget.NewButtonWithIcon("Choose folder…", theme.FolderOpenIcon(), s.chooseFolder)
	s.destSel = widget.NewSelect(destLabels(), func(l string) { s.setDestination(destByLabel(l)) })
	s.destSel.SetSelected(publish.Website.Label())
	s.problem = problem()
	s.count = bold("")
	s.loading = widget.NewActivity()
	s.loading.Hide()
	s.grid = newVetGrid(s)
	s.empty = container.NewCenter(card(subheading(vetEmpty),
		hint("Drop photos or folders on the window, choose them, or type a path above. The files are only read.")))
	s.gridBox = container.NewStack(s.grid, s.empty)
	s.grid.Hide()
	s.tags = newVetTagging(s)
	s.detail = newVetDetail(s)
	s.export = newVetExport(s)
	s.content = s.layout()
	a.win.Canvas().AddShortcut(&fyne.ShortcutSelectAll{}, func(fyne.Shortcut) {
		if s.showing() && len(a.dialogs) == 0 {
			s.selectAll(true)
		}
	})
	s.reload()
	return s
}

func (s *vetScreen) layout() fyne.CanvasObject {
	top := container.NewVBox(
		heading("Vet photos"),
		hint("Tag who is in each photo and choose where it is going: each photo says whether it is ready or blocked, and why. Only ready photos are exported, as clean copies without location."),
		container.NewBorder(nil, nil, nil, container.NewHBox(s.chooseF, s.chooseD, s.loading), s.path),
		container.NewBorder(nil, nil, bold("Destination"), nil, s.destSel),
		s.problem,
	)
	all := widget.NewButtonWithIcon("Select all", theme.CheckButtonCheckedIcon(), func() { s.selectAll(true) })
	none := widget.NewButton("Clear selection", func() { s.selectAll(false) })
	none.Importance = widget.LowImportance
	bar := container.NewBorder(nil, nil, s.count, container.NewHBox(none, all))
	left := container.NewBorder(bar, s.export.content, nil, nil, s.gridBox)
	right := container.NewHSplit(container.NewVScroll(s.tags.content), container.NewVScroll(s.detail.content))
	split := container.NewHSplit(left, right)
	split.Offset = 0.48 // room for two columns of tiles at 1280 px
	return container.New(layout.NewCustomPaddedLayout(12, 12, 24, 24), container.NewBorder(top, nil, nil, nil, split))
}

// showing reports whether the vet screen is the page on show.
func (s *vetScreen) showing() bool {
	sh := s.app.shell
	if sh == nil || s.app.lock != nil {
		return false
	}
	for _, o := range sh.body.Objects {
		if o == s.content {
			return true
		}
	}
	return false
}

// reload reads the register again (names, classes, statuses and the
// school's settings) and decides every photo afresh.
func (s *vetScreen) reload() {
	a := s.app
	sess := a.sess
	type loaded struct {
		g    *gate.Gate
		rows []register.Row
		pol  publish.Policy
	}
	background(a, func() (loaded, error) {
		g, err := gate.New(sess)
		if err != nil {
			return loaded{}, err
		}
		rows, _, err := sess.Register()
		if err != nil {
			return loaded{}, err
		}
		pol, err := sess.Policy()
		return loaded{g, rows, pol}, err
	}, func(l loaded, err error) {
		if err != nil {
			say(s.problem, sentence(err))
			return
		}
		say(s.problem, "")
		s.gate, s.rows, s.policy = l.g, l.rows, l.pol
		s.tags.setRows(l.rows)
		if s.waiting != nil {
			files := s.waiting
			s.waiting = nil
			s.startLoad(files)
			return
		}
		s.redecideAll()
	})
}

func destLabels() []string {
	out := make([]string, len(publish.Destinations))
	for i, d := range publish.Destinations {
		out[i] = d.Label()
	}
	return out
}

func destByLabel(l string) publish.Destination {
	for _, d := range publish.Destinations {
		if d.Label() == l {
			return d
		}
	}
	return publish.Website
}

func (s *vetScreen) setDestination(d publish.Destination) {
	if d == s.dest {
		return
	}
	s.dest = d
	s.tags.refreshBlocked()
	s.redecideAll()
}

// selected lists the indexes of the selected photos.
func (s *vetScreen) selected() []int {
	var out []int
	for i, p := range s.photos {
		if p.selected {
			out = append(out, i)
		}
	}
	return out
}

func (s *vetScreen) selectAll(on bool) {
	for _, p := range s.photos {
		p.selected = on
	}
	if !on {
		s.anchor = -1
	} else if s.cur < 0 && len(s.photos) > 0 {
		s.cur = 0
	}
	s.selectionChanged()
}

// tap handles a click on tile i: it toggles the tile, or with Shift
// selects every tile from the last one clicked.
func (s *vetScreen) tap(i int, shift bool) {
	if i < 0 || i >= len(s.photos) {
		return
	}
	if shift && s.anchor >= 0 && s.anchor < len(s.photos) {
		lo, hi := min(s.anchor, i), max(s.anchor, i)
		for j := lo; j <= hi; j++ {
			s.photos[j].selected = true
		}
	} else {
		s.photos[i].selected = !s.photos[i].selected
	}
	s.anchor = i
	if s.photos[i].selected {
		s.cur = i
	}
	s.selectionChanged()
}

func (s *vetScreen) selectionChanged() {
	s.grid.Refresh()
	s.tags.refreshSelection()
	s.detail.show()
	s.updateCount()
}

// updateCount says how many photos there are and how they stand.
func (s *vetScreen) updateCount() {
	if len(s.photos) == 0 {
		s.count.SetText("")
		s.export.refresh(0, 0)
		return
	}
	ready, blocked, waiting := 0, 0, 0
	for _, p := range s.photos {
		switch {
		case !p.decided || (p.checked && !p.item.FacesChecked && p.item.Check.Error == ""):
			waiting++
		case p.dec.Outcome == publish.Blocked:
			blocked++
		default:
			ready++
		}
	}
	text := fmt.Sprintf("%s: %d ready, %d blocked", plural(len(s.photos), "photo"), ready, blocked)
	if waiting > 0 {
		text += fmt.Sprintf(", %d being checked", waiting)
	}
	if n := len(s.selected()); n > 0 {
		text += fmt.Sprintf(" · %d selected", n)
	}
	s.count.SetText(text)
	s.export.refresh(ready, waiting)
}
