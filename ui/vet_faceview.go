package ui

import (
	"image"
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/gate"
)

// faceView is the selected photo with a numbered box round each face the
// detector found: amber until someone says who it is, green once tagged,
// grey for an adult, blue for a child to be blurred. Tapping a box asks who
// it is.
type faceView struct {
	widget.BaseWidget
	img   *canvas.Image
	size  image.Point // the photo's upright size: the boxes' space
	faces []gate.Face
	blur  map[string]bool
	onTap func(face int, at fyne.Position)

	boxes []*canvas.Rectangle
	nums  []*canvas.Text
}

func newFaceView(onTap func(int, fyne.Position)) *faceView {
	v := &faceView{img: &canvas.Image{FillMode: canvas.ImageFillContain}, onTap: onTap}
	v.img.SetMinSize(fyne.NewSize(240, 240))
	v.ExtendBaseWidget(v)
	return v
}

// set shows a picture with the item's faces over it.
func (v *faceView) set(pic image.Image, it gate.Item) {
	v.img.Image = pic
	v.img.Hidden = pic == nil // the software painter cannot draw a nil image
	v.size, v.faces = it.Size, it.Faces
	v.blur = map[string]bool{}
	for _, id := range it.Blur {
		v.blur[id] = true
	}
	v.Refresh()
}

// Tapped asks who the face under the pointer is.
func (v *faceView) Tapped(e *fyne.PointEvent) {
	if i := v.faceAt(e.Position); i >= 0 && v.onTap != nil {
		v.onTap(i, e.AbsolutePosition)
	}
}

// faceAt is the face whose box holds p (in the widget's coordinates), the
// smallest when boxes overlap; -1 for none.
func (v *faceView) faceAt(p fyne.Position) int {
	best, area := -1, float32(0)
	for i := range v.faces {
		pos, size := v.boxRect(i)
		if p.X >= pos.X && p.X <= pos.X+size.Width && p.Y >= pos.Y && p.Y <= pos.Y+size.Height {
			if a := size.Width * size.Height; best < 0 || a < area {
				best, area = i, a
			}
		}
	}
	return best
}

// picture is where the photo is drawn inside the widget, and the scale
// from the photo's pixels to it.
func (v *faceView) picture() (fyne.Position, float32) {
	w, h := v.size.X, v.size.Y
	if (w <= 0 || h <= 0) && v.img.Image != nil {
		w, h = v.img.Image.Bounds().Dx(), v.img.Image.Bounds().Dy()
	}
	if w <= 0 || h <= 0 {
		return fyne.Position{}, 0
	}
	sz := v.Size()
	k := min(sz.Width/float32(w), sz.Height/float32(h))
	return fyne.NewPos((sz.Width-k*float32(w))/2, (sz.Height-k*float32(h))/2), k
}

// boxRect is face i's box in the widget's coordinates.
func (v *faceView) boxRect(i int) (fyne.Position, fyne.Size) {
	at, k := v.picture()
	b := v.faces[i].Box
	return fyne.NewPos(at.X+k*float32(b.X), at.Y+k*float32(b.Y)), fyne.NewSize(k*float32(b.W), k*float32(b.H))
}

// colour is a face box's colour by what was said about it.
func (v *faceView) colour(f gate.Face) fyne.ThemeColorName {
	switch {
	case f.Pupil != "" && v.blur[f.Pupil]:
		return theme.ColorNamePrimary
	case f.Pupil != "":
		return theme.ColorNameSuccess
	case f.NotPupil:
		return theme.ColorNameDisabled
	}
	return theme.ColorNameWarning
}

func (v *faceView) CreateRenderer() fyne.WidgetRenderer { return &faceRenderer{v: v} }

type faceRenderer struct{ v *faceView }

func (r *faceRenderer) Layout(fyne.Size) {
	v := r.v
	v.img.Resize(v.Size())
	v.img.Move(fyne.Position{})
	for i := range v.boxes {
		if i >= len(v.faces) {
			break
		}
		pos, size := v.boxRect(i)
		v.boxes[i].Move(pos)
		v.boxes[i].Resize(size)
		// The number sits just above the box, clear of the face.
		h := v.nums[i].MinSize().Height
		v.nums[i].Move(fyne.NewPos(pos.X, max(0, pos.Y-h)))
	}
}

func (r *faceRenderer) MinSize() fyne.Size { return r.v.img.MinSize() }

// Refresh makes a box and a number for each face, coloured by the theme.
func (r *faceRenderer) Refresh() {
	v := r.v
	for len(v.boxes) < len(v.faces) {
		b := canvas.NewRectangle(color.Transparent)
		b.StrokeWidth = 3
		v.boxes = append(v.boxes, b)
		n := canvas.NewText("", nil)
		n.TextStyle.Bold = true
		v.nums = append(v.nums, n)
	}
	for i, b := range v.boxes {
		shown := i < len(v.faces) && !v.img.Hidden
		b.Hidden, v.nums[i].Hidden = !shown, !shown
		if !shown {
			continue
		}
		c := theme.Color(v.colour(v.faces[i]))
		b.StrokeColor = c
		v.nums[i].Text, v.nums[i].Color = strconv.Itoa(i+1), c
		b.Refresh()
		v.nums[i].Refresh()
	}
	r.Layout(v.Size())
	v.img.Refresh()
}

func (r *faceRenderer) Objects() []fyne.CanvasObject {
	out := []fyne.CanvasObject{r.v.img}
	for i := range r.v.boxes {
		out = append(out, r.v.boxes[i], r.v.nums[i])
	}
	return out
}

func (r *faceRenderer) Destroy() {}
