package ui

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/publish"
	"photoconsent/app/publog"
)

// plogThumb encodes a w×h JPEG, as the gate keeps with an entry.
func plogThumb(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		for y := range h {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 90, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 75}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// keptImage finds the canvas.Image drawn in the detail's picture, if any.
func keptImage(o fyne.CanvasObject) *canvas.Image {
	switch v := o.(type) {
	case *canvas.Image:
		return v
	case *fyne.Container:
		for _, c := range v.Objects {
			if ci := keptImage(c); ci != nil {
				return ci
			}
		}
	}
	return nil
}

// TestLogEntryDetailShowsKeptThumbnail: an entry with a picture kept in
// the register shows it at its own size, with no folder to look in; one
// without offers the folder instead.
func TestLogEntryDetailShowsKeptThumbnail(t *testing.T) {
	clk := newClock()
	a := plogHead(t, clk)
	out := t.TempDir()
	plogSeedLog(t, a, clk, out) // entries 1–3, no pictures kept
	blocked := plogPublish(t, a, publog.Blocked, publish.Social, publog.File{}, []string{"Chidi O.: no consent for social media"}, "Chidi Okafor")
	if err := a.sess.SaveLogThumbnail(blocked.Seq, plogThumb(t, 160, 120)); err != nil {
		t.Fatalf("SaveLogThumbnail: %v", err)
	}
	s := newLogScreen(a)
	a.settle()
	tests := []struct {
		name   string
		row    int // newest first
		kept   bool
		words  string
		size   image.Point
		folder bool
	}{
		{"kept picture", 0, true, "The photo, as kept in the register", image.Pt(160, 120), false},
		{"no kept picture", len(s.shown) - 1, false, "Choose the folder the copies were saved in", image.Point{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s.table.Select(widget.TableCellID{Row: tc.row, Col: 0})
			a.settle()
			d := s.detail
			if d == nil {
				t.Fatal("choosing a row opened no detail")
			}
			defer d.dialog.close()
			ci := keptImage(d.thumb)
			if d.kept != tc.kept || (ci != nil) != tc.kept {
				t.Fatalf("kept %v, image drawn %v; want %v (says %q)", d.kept, ci != nil, tc.kept, d.where.Text)
			}
			if !hasText(screenTexts(a), tc.words) {
				t.Errorf("the picture is described as %q, want %q", d.where.Text, tc.words)
			}
			if got := d.find.Visible(); got != tc.folder {
				t.Errorf("Look in a folder shown %v, want %v", got, tc.folder)
			}
			if ci != nil {
				if got := ci.Image.Bounds().Size(); got != tc.size {
					t.Errorf("picture %v, want %v", got, tc.size)
				}
			}
		})
	}
}
