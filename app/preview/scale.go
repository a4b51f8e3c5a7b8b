package preview

import (
	"image"

	"golang.org/x/image/draw"
)

// scale returns m as an RGBA at most limit pixels on its longest side
// (at least 1), keeping its shape. ApproxBiLinear is fast and good enough
// for a thumbnail.
func scale(m image.Image, limit int) *image.RGBA {
	b := m.Bounds()
	w, h := b.Dx(), b.Dy()
	limit = max(limit, 1) // never keep a full-size copy
	if w <= limit && h <= limit {
		return rgba(m)
	}
	dw, dh := limit, limit
	if w >= h {
		dh = max(1, h*limit/w)
	} else {
		dw = max(1, w*limit/h)
	}
	out := image.NewRGBA(image.Rect(0, 0, dw, dh))
	draw.ApproxBiLinear.Scale(out, out.Bounds(), m, b, draw.Src, nil)
	return out
}
