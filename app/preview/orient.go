package preview

import (
	"image"
	"image/draw"
	"io"

	"photoconsent/app/metadata/exif"
)

// orientation reads the EXIF orientation (1-8) from IFD0 of a walked
// block; 1 when it is missing or out of range.
func orientation(d *exif.Dir) int {
	if d == nil {
		return 1
	}
	for _, ifd := range d.IFDs {
		if ifd.Name != "IFD0" {
			continue
		}
		if e, ok := ifd.Find(exif.TagOrientation); ok {
			if v, ok := d.Uint(e); ok && v >= 1 && v <= 8 {
				return int(v)
			}
		}
	}
	return 1
}

// readExif walks the EXIF block at s, or returns nil when there is none or
// its header is unusable.
func readExif(r io.ReaderAt, s span) *exif.Dir {
	if s.n < 8 {
		return nil
	}
	d, err := exif.Read(io.NewSectionReader(r, s.pos, s.n), s.n)
	if err != nil {
		return nil
	}
	return d
}

// upright turns m, as stored, into the picture as it should be seen, for
// EXIF orientation o. It copies into a fresh RGBA, so callers may pass a
// small scaled image only.
func upright(m *image.RGBA, o int) *image.RGBA {
	if o <= 1 || o > 8 {
		return m
	}
	b := m.Bounds()
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	out := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := 0; y < h; y++ {
		row := m.Pix[(y)*m.Stride:]
		for x := 0; x < w; x++ {
			dx, dy := place(o, x, y, w, h)
			copy(out.Pix[dy*out.Stride+4*dx:][:4], row[4*x:][:4])
		}
	}
	return out
}

// place says where the stored pixel (x, y) of a w×h image goes in the
// upright picture, for orientation o (EXIF's eight cases).
func place(o, x, y, w, h int) (int, int) {
	switch o {
	case 2: // mirrored left to right
		return w - 1 - x, y
	case 3: // turned half round
		return w - 1 - x, h - 1 - y
	case 4: // mirrored top to bottom
		return x, h - 1 - y
	case 5: // transposed
		return y, x
	case 6: // stored turned left: turn right
		return h - 1 - y, x
	case 7: // transversed
		return h - 1 - y, w - 1 - x
	case 8: // stored turned right: turn left
		return y, w - 1 - x
	}
	return x, y
}

// rgba copies m into an RGBA whose bounds start at 0,0.
func rgba(m image.Image) *image.RGBA {
	if r, ok := m.(*image.RGBA); ok && r.Rect.Min == (image.Point{}) {
		return r
	}
	b := m.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(out, out.Bounds(), m, b.Min, draw.Src)
	return out
}
