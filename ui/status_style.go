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

// statusStyle is how one status looks: words first, then colour and an icon,
// so nobody needs to tell red from green.
type statusStyle struct {
	label string
	icon  fyne.ThemeIconName
	fill  fyne.ThemeColorName // chip background
	dark  bool                // ink is dark (on the light amber chip)
	ring  bool                // drawn with an outline, so near-black shows on a dark theme
}

var statusStyles = map[consent.Status]statusStyle{
	consent.StatusGranted:      {label: "Granted", icon: theme.IconNameConfirm, fill: "pcStatus/granted"},
	consent.StatusRefused:      {label: "Refused", icon: theme.IconNameCancel, fill: "pcStatus/refused"},
	consent.StatusWithdrawn:    {label: "Withdrawn", icon: theme.IconNameContentUndo, fill: "pcStatus/withdrawn"},
	consent.StatusExpired:      {label: "Expired", icon: theme.IconNameHistory, fill: "pcStatus/expired", dark: true},
	consent.StatusNotReturned:  {label: "Not returned", icon: theme.IconNameMailCompose, fill: "pcStatus/not-returned"},
	consent.StatusDisagree:     {label: "Disagree", icon: theme.IconNameQuestion, fill: "pcStatus/disagree"},
	consent.StatusNeverPublish: {label: "Never publish", icon: theme.IconNameWarning, fill: "pcStatus/never-publish", ring: true},
}

func styleOf(s consent.Status) statusStyle {
	if st, ok := statusStyles[s]; ok {
		return st
	}
	return statusStyle{label: string(s), icon: theme.IconNameQuestion, fill: "pcStatus/not-returned"}
}

// statusLabel is a status in words, for cells, chips and filters.
func statusLabel(s consent.Status) string { return styleOf(s).label }

var statusFills = map[fyne.ThemeColorName][2]color.NRGBA{ // light, dark
	"pcStatus/granted":       {hex(0x2E7D32), hex(0x2F7D35)},
	"pcStatus/refused":       {hex(0xC62828), hex(0xC23A32)},
	"pcStatus/withdrawn":     {hex(0xD84315), hex(0xD2561E)},
	"pcStatus/expired":       {hex(0xF6B500), hex(0xE5A800)},
	"pcStatus/not-returned":  {hex(0x6B7475), hex(0x566061)},
	"pcStatus/disagree":      {hex(0x6A1B9A), hex(0x8344B0)},
	"pcStatus/never-publish": {hex(0x1C1C1C), hex(0x050505)},
	"pcStatus/ring":          {hex(0x1C1C1C), hex(0xE8E8E8)},
}

// statusColor resolves the status colour names for the theme.
func statusColor(n fyne.ThemeColorName, v fyne.ThemeVariant) (color.Color, bool) {
	c, ok := statusFills[n]
	if !ok {
		return nil, false
	}
	if v == theme.VariantDark {
		return c[1], true
	}
	return c[0], true
}

// statusChip is a rounded, coloured status with its words and icon.
type statusChip struct {
	widget.BaseWidget
	status consent.Status
	small  bool
}

func newStatusChip(s consent.Status, small bool) *statusChip {
	c := &statusChip{status: s, small: small}
	c.ExtendBaseWidget(c)
	return c
}

// SetStatus shows another status.
func (c *statusChip) SetStatus(s consent.Status) {
	if c.status == s {
		return
	}
	c.status = s
	c.Refresh()
}

// Text is the words the chip shows.
func (c *statusChip) Text() string { return statusLabel(c.status) }

func (c *statusChip) CreateRenderer() fyne.WidgetRenderer {
	r := &chipRenderer{chip: c, bg: canvas.NewRectangle(color.Transparent), text: canvas.NewText("", color.White),
		icon: canvas.NewImageFromResource(nil)}
	r.icon.FillMode = canvas.ImageFillContain
	r.text.TextStyle.Bold = true
	r.Refresh()
	return r
}

type chipRenderer struct {
	chip *statusChip
	bg   *canvas.Rectangle
	text *canvas.Text
	icon *canvas.Image
}

func (r *chipRenderer) sizes() (text, icon, padX, height float32) {
	th := r.chip.Theme()
	text = th.Size(theme.SizeNameText) - 1
	if r.chip.small {
		text = th.Size(theme.SizeNameCaptionText) - 0.5
	}
	icon = text + 2
	padX = 8
	if r.chip.small {
		icon, padX = text, 6
	}
	height = text + 12
	return
}

func (r *chipRenderer) Layout(s fyne.Size) {
	textSize, iconSize, padX, height := r.sizes()
	_ = textSize
	h := fyne.Min(height, s.Height)
	y := (s.Height - h) / 2
	r.bg.Move(fyne.NewPos(0, y))
	r.bg.Resize(fyne.NewSize(s.Width, h))
	tw := r.text.MinSize().Width
	content := iconSize + 3 + tw
	x := fyne.Max(padX, (s.Width-content)/2)
	r.icon.Move(fyne.NewPos(x, (s.Height-iconSize)/2))
	r.icon.Resize(fyne.NewSquareSize(iconSize))
	r.text.Move(fyne.NewPos(x+iconSize+3, (s.Height-r.text.MinSize().Height)/2))
	r.text.Resize(fyne.NewSize(tw, r.text.MinSize().Height))
}

func (r *chipRenderer) MinSize() fyne.Size {
	_, iconSize, padX, height := r.sizes()
	return fyne.NewSize(padX*2+iconSize+3+r.text.MinSize().Width, height)
}

func (r *chipRenderer) Refresh() {
	th := r.chip.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	if t, ok := th.(*appTheme); ok {
		v = t.resolve(v)
	}
	st := styleOf(r.chip.status)
	textSize, _, _, height := r.sizes()
	r.bg.FillColor = th.Color(st.fill, v)
	if st.ring {
		r.bg.StrokeColor = th.Color("pcStatus/ring", v)
		r.bg.StrokeWidth = 1.5
	} else {
		r.bg.StrokeWidth = 0
	}
	r.bg.CornerRadius = height / 2
	ink := colorStatusOn
	if st.dark {
		ink = colorStatusOnLight
	}
	r.text.Color = th.Color(ink, v)
	r.text.Text = st.label
	r.text.TextSize = textSize
	r.icon.Resource = theme.NewColoredResource(theme.Icon(st.icon), ink)
	r.bg.Refresh()
	r.text.Refresh()
	r.icon.Refresh()
}

func (r *chipRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.icon, r.text}
}

func (r *chipRenderer) Destroy() {}

// statusKey explains every status in a line, for the empty pupil panel.
func statusKey() fyne.CanvasObject {
	meaning := map[consent.Status]string{
		consent.StatusGranted:      "a parent said yes",
		consent.StatusRefused:      "a parent said no",
		consent.StatusWithdrawn:    "a yes taken back",
		consent.StatusExpired:      "a yes past its date",
		consent.StatusNotReturned:  "no answer yet",
		consent.StatusDisagree:     "parents answered differently",
		consent.StatusNeverPublish: "never, whatever any form says",
	}
	grid := container.New(layout.NewFormLayout())
	for _, s := range []consent.Status{consent.StatusGranted, consent.StatusRefused, consent.StatusWithdrawn,
		consent.StatusExpired, consent.StatusNotReturned, consent.StatusDisagree, consent.StatusNeverPublish} {
		grid.Add(container.NewHBox(newStatusChip(s, true)))
		grid.Add(hint(meaning[s]))
	}
	return grid
}
