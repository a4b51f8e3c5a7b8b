package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/publish"
)

// badge is one short word on a tile: the photo's state or something the
// check found. Words and icons first, so nobody needs to tell colours apart.
type badge struct {
	word string
	icon fyne.ThemeIconName
	fill fyne.ThemeColorName
	ink  fyne.ThemeColorName
}

var (
	badgeReady      = badge{"Ready", theme.IconNameConfirm, theme.ColorNameSuccess, theme.ColorNameForegroundOnSuccess}
	badgeBlocked    = badge{"Blocked", theme.IconNameCancel, theme.ColorNameError, theme.ColorNameForegroundOnError}
	badgeOverridden = badge{"Overridden", theme.IconNameWarning, theme.ColorNamePrimary, theme.ColorNameForegroundOnPrimary}
	badgeChecking   = badge{"Checking", theme.IconNameSearch, theme.ColorNameDisabled, theme.ColorNameForegroundOnPrimary}
	badgeLocation   = badge{"Location", theme.IconNameWarning, theme.ColorNameWarning, theme.ColorNameForegroundOnWarning}
	badgeNames      = badge{"Names", theme.IconNameAccount, theme.ColorNameWarning, theme.ColorNameForegroundOnWarning}
	badgeUntagged   = badge{"Untagged", theme.IconNameQuestion, theme.ColorNamePlaceHolder, theme.ColorNameForegroundOnPrimary}
	badgeFaces      = badge{"Faces", theme.IconNameAccount, theme.ColorNameWarning, theme.ColorNameForegroundOnWarning}
	badgeBlurred    = badge{"Blurred", theme.IconNameVisibility, theme.ColorNamePrimary, theme.ColorNameForegroundOnPrimary}
	badgeDevice     = badge{"Device", theme.IconNameWarning, theme.ColorNameWarning, theme.ColorNameForegroundOnWarning}
)

// badges lists what a photo's tile shows: its state first, then what needs
// the teacher, then what the copy will leave out.
func (p *vetPhoto) badges() []badge {
	var out []badge
	switch {
	case !p.decided:
		out = append(out, badgeChecking)
	case p.dec.Outcome == publish.Ready:
		out = append(out, badgeReady)
	case p.dec.Outcome == publish.Overridden:
		out = append(out, badgeOverridden)
	default:
		out = append(out, badgeBlocked)
	}
	// What needs the teacher comes first: the tile has room for three.
	if p.item.Unaccounted() > 0 {
		out = append(out, badgeFaces)
	} else if p.checked && len(p.item.Tags) == 0 && !p.item.NoPupils {
		out = append(out, badgeUntagged)
	}
	if p.decided && len(p.dec.Warnings) > 0 {
		out = append(out, badgeDevice) // the only warning: not a school device
	}
	if p.decided && p.dec.Outcome != publish.Blocked && len(p.dec.Blurred) > 0 {
		out = append(out, badgeBlurred)
	}
	if len(p.item.Check.Location) > 0 {
		out = append(out, badgeLocation)
	}
	if len(p.item.Check.Names) > 0 {
		out = append(out, badgeNames)
	}
	return out
}

// newVetGrid is the thumbnail grid. It draws only the tiles in view, so a
// folder of hundreds of photos scrolls smoothly.
func newVetGrid(s *vetScreen) *widget.GridWrap {
	return widget.NewGridWrap(
		func() int { return len(s.photos) },
		func() fyne.CanvasObject {
			t := newVetTile(s)
			s.tiles = append(s.tiles, t)
			return t
		},
		func(id widget.GridWrapItemID, o fyne.CanvasObject) { o.(*vetTile).bind(id) },
	)
}

// vetTile is one photo in the grid: its thumbnail, name and badges. A click
// selects or unselects it; Shift+click selects a run of tiles.
type vetTile struct {
	widget.BaseWidget
	s      *vetScreen
	i      int
	bg     *canvas.Rectangle
	img    *canvas.Image
	ph     *widget.Icon
	name   *widget.Label
	status *badgeView
	finds  []*badgeView
	shift  bool
	box    fyne.CanvasObject

	drawn    *vetPhoto // the photo and picture version the image shows
	drawnVer int
	broken   bool // the placeholder says the picture cannot be shown
}

const (
	maxFindings = 3
	tileWidth   = 262 // two tiles fill the grid at 1280 pixels; three badges fit
)

func newVetTile(s *vetScreen) *vetTile {
	t := &vetTile{s: s, i: -1, bg: canvas.NewRectangle(color.Transparent), img: &canvas.Image{FillMode: canvas.ImageFillContain},
		ph: widget.NewIcon(theme.FileImageIcon()), name: widget.NewLabel(""), status: newBadgeView()}
	t.bg.CornerRadius = 8
	t.img.Hide()
	t.name.SizeName = theme.SizeNameCaptionText
	t.name.Truncation = fyne.TextTruncateEllipsis
	finds := container.NewHBox()
	for range maxFindings {
		b := newBadgeView()
		t.finds = append(t.finds, b)
		finds.Add(b.box)
	}
	size := canvas.NewRectangle(color.Transparent) // the tile keeps its size while the picture loads
	size.SetMinSize(fyne.NewSize(tileWidth, 132))
	picture := container.NewStack(size, container.NewCenter(t.ph), t.img, container.NewVBox(container.NewHBox(t.status.box)))
	row := canvas.NewRectangle(color.Transparent) // the badge row keeps its height when empty
	row.SetMinSize(fyne.NewSize(1, theme.CaptionTextSize()+10))
	t.box = container.NewStack(t.bg, container.New(layout.NewCustomPaddedLayout(6, 6, 6, 6),
		container.NewVBox(picture, t.name, container.NewStack(row, finds))))
	t.ExtendBaseWidget(t)
	return t
}

func (t *vetTile) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.box) }

// bind shows photo i.
func (t *vetTile) bind(i int) {
	t.i = i
	t.Refresh()
}

func (t *vetTile) Refresh() {
	t.update()
	t.BaseWidget.Refresh()
}

func (t *vetTile) update() {
	if t.i < 0 || t.i >= len(t.s.photos) {
		return
	}
	p := t.s.photos[t.i]
	th := t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	if at, ok := th.(*appTheme); ok {
		v = at.resolve(v)
	}
	t.bg.FillColor = th.Color(colorSurface, v)
	t.bg.StrokeColor = th.Color(theme.ColorNameSeparator, v)
	t.bg.StrokeWidth = 1
	if p.selected {
		t.bg.FillColor = th.Color(theme.ColorNameSelection, v)
		t.bg.StrokeColor = th.Color(theme.ColorNamePrimary, v)
		t.bg.StrokeWidth = 2.5
	}
	if t.drawn != p || t.drawnVer != p.thumbVer { // a new texture only when the picture changed
		t.drawn, t.drawnVer = p, p.thumbVer
		t.img.Image = p.thumb
		t.img.Hidden = p.thumb == nil // the software painter cannot draw a nil image
		t.img.Refresh()
	}
	t.ph.Hidden = p.thumb != nil
	if broken := p.thumbErr != ""; broken != t.broken {
		t.broken = broken
		t.ph.SetResource(theme.FileImageIcon())
		if broken {
			t.ph.SetResource(theme.BrokenImageIcon())
		}
	}
	if t.name.Text != p.name {
		t.name.SetText(p.name)
	}
	bs := p.badges()
	t.status.set(bs[0], th, v)
	for k, b := range t.finds {
		if k+1 < len(bs) {
			b.set(bs[k+1], th, v)
		} else {
			b.box.Hide()
		}
	}
	t.bg.Refresh()
}

// Tapped toggles the tile, or with Shift held selects a run.
func (t *vetTile) Tapped(*fyne.PointEvent) {
	t.s.tap(t.i, t.shift)
	t.shift = false
}

// MouseDown notes whether Shift is held; Tapped comes after it.
func (t *vetTile) MouseDown(e *desktop.MouseEvent) {
	t.shift = e.Modifier&fyne.KeyModifierShift != 0
}

// MouseUp is needed for desktop.Mouseable.
func (t *vetTile) MouseUp(*desktop.MouseEvent) {}

// badgeView draws a badge: a rounded pill with its icon and word.
type badgeView struct {
	box  *fyne.Container
	bg   *canvas.Rectangle
	icon *canvas.Image
	text *canvas.Text

	shown   badge // what is drawn, so an unchanged badge is not redrawn
	variant fyne.ThemeVariant
}

func newBadgeView() *badgeView {
	b := &badgeView{bg: canvas.NewRectangle(color.Transparent), icon: &canvas.Image{FillMode: canvas.ImageFillContain},
		text: canvas.NewText("", color.White)}
	size := theme.CaptionTextSize()
	b.text.TextSize = size
	b.text.TextStyle.Bold = true
	b.icon.SetMinSize(fyne.NewSquareSize(size + 1))
	b.bg.CornerRadius = (size + 8) / 2
	b.box = container.NewStack(b.bg, container.New(layout.NewCustomPaddedLayout(2, 2, 6, 7),
		container.New(layout.NewCustomPaddedHBoxLayout(3), container.NewCenter(b.icon), b.text)))
	b.box.Hide() // until set: an icon without a picture cannot be drawn
	return b
}

func (b *badgeView) set(k badge, th fyne.Theme, v fyne.ThemeVariant) {
	b.box.Show()
	if b.shown == k && b.variant == v {
		return // redrawing the icon means parsing its SVG again
	}
	b.shown, b.variant = k, v
	b.bg.FillColor = th.Color(k.fill, v)
	b.text.Color = th.Color(k.ink, v)
	b.text.Text = k.word
	b.icon.Resource = theme.NewColoredResource(theme.Icon(k.icon), k.ink)
	b.bg.Refresh()
	b.text.Refresh()
	b.icon.Refresh()
}

// refreshPhotos redraws the tiles showing the photos at idx. The grid's own
// RefreshItem redraws every tile in view, too slow for a stream of
// thumbnails.
func (s *vetScreen) refreshPhotos(idx []int) {
	want := make(map[int]bool, len(idx))
	for _, i := range idx {
		want[i] = true
	}
	for _, t := range s.tiles {
		if want[t.i] {
			t.Refresh()
		}
	}
	if want[s.cur] {
		s.detail.show()
	}
}
