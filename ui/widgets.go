package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Small building blocks shared by the screens, so headings, hints and cards
// look the same everywhere.

func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameHeadingText
	l.Wrapping = fyne.TextWrapWord
	return l
}

func subheading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

func bold(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// hint is quieter explanatory text that wraps.
func hint(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.LowImportance
	return l
}

// problem is where a screen says, in one sentence, what went wrong.
func problem() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.DangerImportance
	l.TextStyle.Bold = true
	l.Hide()
	return l
}

// say shows a sentence on a problem or notice label, or hides it when empty.
func say(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// card is a panel on the surface colour with rounded corners.
func card(content ...fyne.CanvasObject) fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(colorSurface))
	bg.CornerRadius = 10
	bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	bg.StrokeWidth = 1
	return container.NewStack(newThemed(bg, func(r *canvas.Rectangle) {
		r.FillColor = theme.Color(colorSurface)
		r.StrokeColor = theme.Color(theme.ColorNameSeparator)
	}), container.New(layout.NewCustomPaddedLayout(14, 14, 18, 18), container.NewVBox(content...)))
}

// tinted is a rounded strip in a theme colour, for banners.
func tinted(fill fyne.ThemeColorName, content fyne.CanvasObject) fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(fill))
	bg.CornerRadius = 8
	return container.NewStack(newThemed(bg, func(r *canvas.Rectangle) { r.FillColor = theme.Color(fill) }),
		container.New(layout.NewCustomPaddedLayout(6, 6, 12, 12), content))
}

// themed keeps a canvas rectangle's colours in step with theme changes.
type themed struct {
	widget.BaseWidget
	rect  *canvas.Rectangle
	apply func(*canvas.Rectangle)
}

func newThemed(r *canvas.Rectangle, apply func(*canvas.Rectangle)) *themed {
	t := &themed{rect: r, apply: apply}
	t.ExtendBaseWidget(t)
	return t
}

func (t *themed) CreateRenderer() fyne.WidgetRenderer {
	return &themedRenderer{t: t}
}

type themedRenderer struct{ t *themed }

func (r *themedRenderer) Layout(s fyne.Size)           { r.t.rect.Resize(s) }
func (r *themedRenderer) MinSize() fyne.Size           { return fyne.NewSize(0, 0) }
func (r *themedRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.t.rect} }
func (r *themedRenderer) Destroy()                     {}
func (r *themedRenderer) Refresh() {
	r.t.apply(r.t.rect)
	r.t.rect.Refresh()
}

// fixedWidth gives an object a minimum width.
func fixedWidth(w float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&widthLayout{w: w}, o)
}

type widthLayout struct{ w float32 }

func (l *widthLayout) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(s)
	}
}

func (l *widthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(l.w, 0)
	for _, o := range objs {
		m := o.MinSize()
		s = s.Max(fyne.NewSize(l.w, m.Height))
	}
	return s
}

// centred puts a column of fixed width in the middle of the screen.
func centred(width float32, content fyne.CanvasObject) fyne.CanvasObject {
	return container.NewCenter(fixedWidth(width, content))
}

// field is a labelled input: the label above, the widget below, an optional hint.
func field(label string, w fyne.CanvasObject, hintText string) fyne.CanvasObject {
	objs := []fyne.CanvasObject{bold(label), w}
	if hintText != "" {
		objs = append(objs, hint(hintText))
	}
	return container.NewVBox(objs...)
}

// messageScreen is a whole-window message with nothing to do.
func messageScreen(title, text string) fyne.CanvasObject {
	return centred(520, card(heading(title), hint(text)))
}

// spacer is a fixed gap.
func spacer(h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(1, h))
	return r
}

// primary makes a button the screen's main action.
func primary(b *widget.Button) *widget.Button {
	b.Importance = widget.HighImportance
	return b
}

// warningLine is a short warning with its icon.
func warningLine(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.WarningImportance
	l.TextStyle.Bold = true
	return container.NewBorder(nil, nil, widget.NewIcon(theme.NewWarningThemedResource(theme.WarningIcon())), nil, l)
}

// infoLine is a short note with an info icon.
func infoLine(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), nil, l)
}

// quiet is a short, quieter label that does not wrap.
func quiet(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Importance = widget.LowImportance
	return l
}
