package ui

import (
	"fmt"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/consent"
	"photoconsent/app/register"
)

// shareWords says a share as a percentage with the counts: "67% · 2 of 3".
// It never rounds to 0% when someone is covered, nor to 100% when someone
// is not.
func shareWords(n, total int) string {
	if total == 0 {
		return "no pupils"
	}
	pct := int(math.Round(100 * float64(n) / float64(total)))
	switch {
	case n > 0 && pct == 0:
		return fmt.Sprintf("<1%% · %d of %d", n, total)
	case n < total && pct == 100:
		pct = 99
	}
	return fmt.Sprintf("%d%% · %d of %d", pct, n, total)
}

// purposeColours are the bars' colours per purpose, light and dark: the
// Okabe–Ito palette, which people with colour-blindness can tell apart.
var purposeColours = map[consent.Purpose][2]color.NRGBA{
	consent.School:     {hex(0x0072B2), hex(0x56B4E9)},
	consent.Social:     {hex(0xB35900), hex(0xE69F00)},
	consent.Press:      {hex(0x007A5A), hex(0x2BC49A)},
	consent.Individual: {hex(0xA8457E), hex(0xCC79A7)},
}

func (d *dashboard) purposeColour(p consent.Purpose) color.Color {
	c := purposeColours[p]
	if d.app.variant() == theme.VariantDark {
		return c[1]
	}
	return c[0]
}

// swatch is a small square in a purpose's colour, kept in step with the theme.
func (d *dashboard) swatch(p consent.Purpose, size fyne.Size) fyne.CanvasObject {
	r := canvas.NewRectangle(d.purposeColour(p))
	r.CornerRadius = 3
	t := newThemed(r, func(r *canvas.Rectangle) { r.FillColor = d.purposeColour(p) })
	return container.NewGridWrap(size, t)
}

// legend names each purpose's colour and says what a bar means.
func (d *dashboard) legend() fyne.CanvasObject {
	row := container.NewHBox()
	for _, p := range consent.Purposes {
		row.Add(container.NewCenter(d.swatch(p, fyne.NewSquareSize(14))))
		row.Add(widget.NewLabel(purposeWords[p].title))
	}
	return container.NewVBox(row, hint(d.coverageHint()))
}

func (d *dashboard) coverageHint() string {
	if d.settings.NotReturnedMeansConsent {
		return "Each bar is the share of pupils on roll who may appear for that use. This school counts a form not returned as consent, so those pupils count as covered."
	}
	return "Each bar is the share of pupils on roll who may appear for that use: their parents said yes and it has not expired."
}

// coverageCard is one class's bars, one per purpose.
func (d *dashboard) coverageCard(c register.ClassCoverage) fyne.CanvasObject {
	title := "Whole school"
	if c.Class != "" {
		title = "Class " + c.Class
	}
	objs := []fyne.CanvasObject{container.NewBorder(nil, nil, bold(title), quiet(plural(c.Pupils, "pupil")))}
	for _, p := range consent.Purposes {
		bar := d.bar(p, c.Allowed[p], c.Pupils)
		objs = append(objs, container.NewBorder(nil, nil,
			fixedWidth(104, widget.NewLabel(purposeWords[p].short)),
			fixedWidth(110, widget.NewLabel(shareWords(c.Allowed[p], c.Pupils))), bar))
	}
	return card(objs...)
}

// bar is a horizontal bar filled to n of total in the purpose's colour.
func (d *dashboard) bar(p consent.Purpose, n, total int) fyne.CanvasObject {
	share := float32(0)
	if total > 0 {
		share = float32(n) / float32(total)
	}
	track := canvas.NewRectangle(theme.Color(theme.ColorNameInputBorder))
	track.CornerRadius = 4
	fill := canvas.NewRectangle(d.purposeColour(p))
	fill.CornerRadius = 4
	return container.New(&coverageBarLayout{share: share},
		newThemed(track, func(r *canvas.Rectangle) { r.FillColor = theme.Color(theme.ColorNameInputBorder) }),
		newThemed(fill, func(r *canvas.Rectangle) { r.FillColor = d.purposeColour(p) }))
}

// coverageBarLayout draws the track across the whole width and the fill over its
// share, both centred vertically at a fixed height.
type coverageBarLayout struct{ share float32 }

const coverageBarHeight = 14

func (l *coverageBarLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := (size.Height - coverageBarHeight) / 2
	for i, o := range objs {
		w := size.Width
		if i > 0 {
			w *= l.share
		}
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(w, coverageBarHeight))
	}
}

func (l *coverageBarLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(80, coverageBarHeight)
}
