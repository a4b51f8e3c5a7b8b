//go:build ignore

// icon_gen draws assets/icon.png: a white camera with a tick for a lens on a
// calm teal tile. Run with `go generate ./assets`. It draws at four times the
// size and averages down, which is enough anti-aliasing for an app icon.
package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
)

const (
	size = 512
	ss   = 4 // supersampling factor
)

var (
	teal  = color.NRGBA{0x0F, 0x76, 0x6E, 0xFF}
	deep  = color.NRGBA{0x0B, 0x5A, 0x54, 0xFF}
	white = color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
	mint  = color.NRGBA{0x5E, 0xEA, 0xD4, 0xFF}
)

func main() {
	big := image.NewNRGBA(image.Rect(0, 0, size*ss, size*ss))
	for y := 0; y < size*ss; y++ {
		for x := 0; x < size*ss; x++ {
			fx, fy := (float64(x)+0.5)/ss, (float64(y)+0.5)/ss
			big.SetNRGBA(x, y, pixel(fx, fy))
		}
	}
	out := image.NewNRGBA(image.Rect(0, 0, size, size))
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			var r, g, b, a float64
			for dy := 0; dy < ss; dy++ {
				for dx := 0; dx < ss; dx++ {
					c := big.NRGBAAt(x*ss+dx, y*ss+dy)
					al := float64(c.A)
					r += float64(c.R) * al
					g += float64(c.G) * al
					b += float64(c.B) * al
					a += al
				}
			}
			if a == 0 {
				continue
			}
			out.SetNRGBA(x, y, color.NRGBA{uint8(r / a), uint8(g / a), uint8(b / a), uint8(a / (ss * ss))})
		}
	}
	f, err := os.Create("icon.png")
	if err != nil {
		log.Fatal(err)
	}
	if err := png.Encode(f, out); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

// pixel is the icon's colour at a point, in 512-unit coordinates.
func pixel(x, y float64) color.NRGBA {
	if !inRoundRect(x, y, 16, 16, 496, 496, 104) {
		return color.NRGBA{}
	}
	bg := teal
	if y > 256+0.35*(x-256) { // a soft diagonal shade
		bg = mix(teal, deep, 0.35)
	}
	// camera body and the bump on top
	body := inRoundRect(x, y, 96, 168, 416, 392, 44) || inRoundRect(x, y, 186, 128, 300, 190, 20)
	if !body {
		return bg
	}
	d := math.Hypot(x-256, y-280)
	switch {
	case d < 62:
		if onTick(x, y) {
			return white
		}
		return mint
	case d < 84:
		return teal
	}
	if math.Hypot(x-368, y-210) < 14 { // flash
		return mint
	}
	return white
}

// onTick reports whether the point lies on the tick drawn in the lens.
func onTick(x, y float64) bool {
	return nearSegment(x, y, 226, 282, 248, 304, 10) || nearSegment(x, y, 248, 304, 290, 254, 10)
}

func nearSegment(px, py, ax, ay, bx, by, w float64) bool {
	dx, dy := bx-ax, by-ay
	t := ((px-ax)*dx + (py-ay)*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(px-(ax+t*dx), py-(ay+t*dy)) <= w
}

func inRoundRect(x, y, x0, y0, x1, y1, r float64) bool {
	if x < x0 || x > x1 || y < y0 || y > y1 {
		return false
	}
	cx := math.Max(x0+r, math.Min(x, x1-r))
	cy := math.Max(y0+r, math.Min(y, y1-r))
	return math.Hypot(x-cx, y-cy) <= r
}

func mix(a, b color.NRGBA, t float64) color.NRGBA {
	l := func(p, q uint8) uint8 { return uint8(float64(p)*(1-t) + float64(q)*t) }
	return color.NRGBA{l(a.R, b.R), l(a.G, b.G), l(a.B, b.B), 0xFF}
}
