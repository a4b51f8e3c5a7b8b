package faces

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// texture returns a w x h opaque test image with fine texture everywhere, so a
// pixel that Obscure wrongly touches almost surely changes.
func texture(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			v := uint32(x*7919+y*104729) * 2654435761
			m.SetRGBA(x, y, color.RGBA{uint8(v >> 8), uint8(v >> 16), uint8(v >> 24), 255})
		}
	}
	return m
}

// drawPattern paints one of the test patterns into r of m.
// The "texture" pattern keeps the fine noise texture drew.
func drawPattern(m *image.RGBA, r image.Rectangle, pattern string) {
	if pattern == "texture" {
		return
	}
	skin, dark := color.RGBA{224, 172, 105, 255}, color.RGBA{20, 20, 30, 255}
	w, h := r.Dx(), r.Dy()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			dx, dy := x-r.Min.X, y-r.Min.Y
			c := skin
			switch pattern {
			case "checkerboard":
				if (dx/8+dy/8)%2 == 1 {
					c = dark
				}
			case "face":
				eye := func(cx int) bool {
					ex, ey := dx-cx, dy-h*2/5
					return ex*ex+ey*ey <= 64 // 8 px radius
				}
				mouth := dy >= h*7/10 && dy < h*7/10+8 && dx >= w/3 && dx < w*2/3
				if eye(w/3) || eye(w*2/3) || mouth {
					c = dark
				}
			}
			m.SetRGBA(x, y, c)
		}
	}
}

// greyLevels returns the grey level of r's pixels, row by row.
func greyLevels(m image.Image, r image.Rectangle) [][]float64 {
	g := make([][]float64, r.Dy())
	for y := range g {
		g[y] = make([]float64, r.Dx())
		for x := range g[y] {
			cr, cg, cb, _ := m.At(r.Min.X+x, r.Min.Y+y).RGBA()
			g[y][x] = 0.299*float64(cr) + 0.587*float64(cg) + 0.114*float64(cb)
		}
	}
	return g
}

// laplacian returns the 4-neighbour Laplacian of g's interior.
func laplacian(g [][]float64) []float64 {
	var out []float64
	for y := 1; y < len(g)-1; y++ {
		for x := 1; x < len(g[y])-1; x++ {
			out = append(out, g[y-1][x]+g[y+1][x]+g[y][x-1]+g[y][x+1]-4*g[y][x])
		}
	}
	return out
}

func variance(v []float64) float64 {
	var s, ss float64
	for _, x := range v {
		s += x
		ss += x * x
	}
	n := float64(len(v))
	return ss/n - (s/n)*(s/n)
}

// ncc is the normalised cross-correlation of two equal-length series; 0 when
// either is flat.
func ncc(a, b []float64) float64 {
	ma, mb := average(a), average(b)
	var ab, aa, bb float64
	for i := range a {
		ab += (a[i] - ma) * (b[i] - mb)
		aa += (a[i] - ma) * (a[i] - ma)
		bb += (b[i] - mb) * (b[i] - mb)
	}
	if aa == 0 || bb == 0 {
		return 0
	}
	return ab / math.Sqrt(aa*bb)
}

func average(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

func flatten(g [][]float64) []float64 {
	var out []float64
	for _, row := range g {
		out = append(out, row...)
	}
	return out
}

// bestMatch slides tmpl over g and returns the highest normalised
// cross-correlation found, as a simple template matcher would.
func bestMatch(g [][]float64, tmpl [][]float64) float64 {
	th, tw := len(tmpl), len(tmpl[0])
	t := flatten(tmpl)
	best := -1.0
	for y := 0; y+th <= len(g); y += 2 {
		for x := 0; x+tw <= len(g[0]); x += 2 {
			win := make([]float64, 0, len(t))
			for j := range th {
				win = append(win, g[y+j][x:x+tw]...)
			}
			best = max(best, ncc(win, t))
		}
	}
	return best
}

func crop(g [][]float64, r image.Rectangle) [][]float64 {
	out := make([][]float64, r.Dy())
	for y := range out {
		out[y] = g[r.Min.Y+y][r.Min.X:r.Max.X]
	}
	return out
}

func TestGrow(t *testing.T) {
	bounds := image.Rect(0, 0, 1000, 800)
	tests := []struct {
		name string
		box  Box
		want image.Rectangle
	}{
		{"middle", Box{X: 100, Y: 200, W: 100, H: 60}, image.Rect(65, 179, 235, 281)},
		{"clipped at top left", Box{X: 10, Y: 5, W: 100, H: 100}, image.Rect(0, 0, 145, 140)},
		{"clipped at bottom right", Box{X: 950, Y: 780, W: 100, H: 100}, image.Rect(915, 745, 1000, 800)},
		{"outside the image", Box{X: 2000, Y: 2000, W: 50, H: 50}, image.Rectangle{}},
		{"zero width", Box{X: 10, Y: 10, W: 0, H: 50}, image.Rectangle{}},
		{"negative height", Box{X: 10, Y: 10, W: 50, H: -5}, image.Rectangle{}},
		{"absurdly large", Box{X: math.MinInt, Y: math.MinInt, W: math.MaxInt, H: math.MaxInt}, bounds},
		{"absurdly far", Box{X: math.MaxInt - 5, Y: 0, W: math.MaxInt, H: 10}, image.Rectangle{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Grow(tt.box, bounds)
			if !got.Eq(tt.want) {
				t.Errorf("Grow(%+v) = %v, want %v", tt.box, got, tt.want)
			}
		})
	}
}

func TestObscureOutsideUnchanged(t *testing.T) {
	tests := []struct {
		name  string
		boxes []Box
	}{
		{"no boxes", nil},
		{"one face", []Box{{X: 120, Y: 80, W: 90, H: 110}}},
		{"two overlapping faces", []Box{{X: 60, Y: 60, W: 80, H: 80}, {X: 110, Y: 90, W: 70, H: 90}}},
		{"face over the corner", []Box{{X: -30, Y: -20, W: 80, H: 80}}},
		{"face over the far edge", []Box{{X: 280, Y: 200, W: 100, H: 100}}},
		{"zero-size box", []Box{{X: 50, Y: 50}}},
		{"tiny box", []Box{{X: 50, Y: 50, W: 1, H: 1}}},
		{"absurd box", []Box{{X: math.MinInt, Y: 0, W: math.MaxInt, H: 30}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := texture(320, 240)
			got := Obscure(src, tt.boxes)
			if !got.Rect.Eq(src.Rect) {
				t.Fatalf("bounds = %v, want %v", got.Rect, src.Rect)
			}
			changed := 0
			for y := range 240 {
				for x := range 320 {
					p := image.Pt(x, y)
					g, w := got.RGBAAt(x, y), src.RGBAAt(x, y)
					if !insideAny(p, tt.boxes, src.Rect) {
						if g != w {
							t.Fatalf("pixel %v outside the boxes = %v, want %v", p, g, w)
						}
					} else if g != w {
						changed++
					}
				}
			}
			covered := 0
			for _, b := range tt.boxes {
				r := Grow(b, src.Rect)
				covered += r.Dx() * r.Dy()
			}
			if covered > 0 && changed < covered/2 {
				t.Errorf("changed %d pixels inside the boxes, want at least %d", changed, covered/2)
			}
		})
	}
}

func insideAny(p image.Point, boxes []Box, bounds image.Rectangle) bool {
	for _, b := range boxes {
		if p.In(Grow(b, bounds)) {
			return true
		}
	}
	return false
}

func TestObscureUnrecognisable(t *testing.T) {
	box := Box{X: 100, Y: 80, W: 120, H: 140}
	boxRect := image.Rect(box.X, box.Y, box.X+box.W, box.Y+box.H)
	for _, pattern := range []string{"checkerboard", "face", "texture"} {
		t.Run(pattern, func(t *testing.T) {
			src := texture(320, 300)
			drawPattern(src, boxRect, pattern)
			got := Obscure(src, []Box{box})

			before, after := greyLevels(src, boxRect), greyLevels(got, boxRect)
			lb, la := laplacian(before), laplacian(after)
			if ratio := variance(la) / variance(lb); ratio > 0.05 {
				t.Errorf("edge energy kept = %.4f of the original, want at most 0.05", ratio)
			}
			if c := ncc(la, lb); math.Abs(c) > 0.1 {
				t.Errorf("correlation of fine detail = %.3f, want within ±0.1", c)
			}
			if pattern == "texture" {
				return
			}
			// The left eye (or a checker tile pair) cut from the original must
			// not be found anywhere in the obscured box.
			tmpl := crop(before, image.Rect(box.W/3-12, box.H*2/5-12, box.W/3+12, box.H*2/5+12))
			if own := bestMatch(before, tmpl); own < 0.99 {
				t.Fatalf("template found in the original with score %.3f, want at least 0.99", own)
			}
			if m := bestMatch(after, tmpl); m > 0.5 {
				t.Errorf("template found in the obscured box with score %.3f, want at most 0.5", m)
			}
		})
	}
}

// TestObscureKeepsOnlyBlockAverages shows the detail inside each pixelation
// block is destroyed, not just smoothed: mirroring every block of the face
// keeps each block's average, and the obscured results are then identical.
func TestObscureKeepsOnlyBlockAverages(t *testing.T) {
	for _, box := range []Box{{X: 100, Y: 80, W: 120, H: 140}, {X: -10, Y: 150, W: 60, H: 60}} {
		t.Run(fmt.Sprint(box), func(t *testing.T) {
			a := texture(320, 240)
			drawPattern(a, image.Rect(box.X, box.Y, box.X+box.W, box.Y+box.H), "face")
			b := mirrorBlocks(a, Grow(box, a.Rect))
			if bytes.Equal(a.Pix, b.Pix) {
				t.Fatal("mirroring the blocks changed nothing, want a different input")
			}
			got, want := Obscure(b, []Box{box}), Obscure(a, []Box{box})
			if n := differentBytes(got.Pix, want.Pix); n != 0 {
				t.Errorf("obscured mirrored face differs in %d bytes, want 0", n)
			}
		})
	}
}

func differentBytes(a, b []uint8) int {
	n := 0
	for i := range a {
		if a[i] != b[i] {
			n++
		}
	}
	return n
}

// mirrorBlocks returns a copy of m with each pixelation block of r flipped
// left to right.
func mirrorBlocks(m *image.RGBA, r image.Rectangle) *image.RGBA {
	out := image.NewRGBA(m.Rect)
	copy(out.Pix, m.Pix)
	block := blockSize(r)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x0 := r.Min.X; x0 < r.Max.X; x0 += block {
			x1 := min(x0+block, r.Max.X)
			for x := x0; x < x1; x++ {
				out.SetRGBA(x, y, m.RGBAAt(x1-1-(x-x0), y))
			}
		}
	}
	return out
}

func TestObscureLeavesInputAlone(t *testing.T) {
	src := texture(200, 150)
	want := bytes.Clone(src.Pix)
	got := Obscure(src, []Box{{X: 40, Y: 30, W: 60, H: 60}})
	if diff := cmp.Diff(want, src.Pix); diff != "" {
		t.Errorf("input changed (-want +got):\n%s", diff)
	}
	if &got.Pix[0] == &src.Pix[0] {
		t.Error("Obscure returned the input's own pixels, want a copy")
	}
	same := Obscure(src, nil)
	if diff := cmp.Diff(src.Pix, same.Pix); diff != "" {
		t.Errorf("Obscure with no boxes changed pixels (-want +got):\n%s", diff)
	}
}

func TestObscureDecodedJPEG(t *testing.T) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, texture(320, 240), &jpeg.Options{Quality: 90}); err != nil {
		t.Fatalf("encode: %v", err)
	}
	img, err := jpeg.Decode(&buf)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	ycc, ok := img.(*image.YCbCr)
	if !ok {
		t.Fatalf("decoded %T, want *image.YCbCr", img)
	}
	before := bytes.Clone(ycc.Y)
	box := Box{X: 100, Y: 60, W: 100, H: 100}
	got := Obscure(ycc, []Box{box})
	grown := Grow(box, ycc.Rect)
	for y := range 240 {
		for x := range 320 {
			if image.Pt(x, y).In(grown) {
				continue
			}
			w := color.RGBAModel.Convert(ycc.At(x, y)).(color.RGBA)
			if g := got.RGBAAt(x, y); g != w {
				t.Fatalf("pixel (%d,%d) outside the box = %v, want %v", x, y, g, w)
			}
		}
	}
	lb, la := laplacian(greyLevels(ycc, grown)), laplacian(greyLevels(got, grown))
	if ratio := variance(la) / variance(lb); ratio > 0.05 {
		t.Errorf("edge energy kept = %.4f of the original, want at most 0.05", ratio)
	}
	if !bytes.Equal(ycc.Y, before) {
		t.Error("Obscure changed the decoded input")
	}
}

// BenchmarkObscure12MP times five faces on a 12-MP photo, both as RGBA and as
// the YCbCr a JPEG decodes to (which adds the colour conversion of the copy).
func BenchmarkObscure12MP(b *testing.B) {
	rgba := texture(4000, 3000)
	ycc := image.NewYCbCr(rgba.Rect, image.YCbCrSubsampleRatio420)
	for i := range ycc.Y {
		ycc.Y[i] = uint8(i * 7)
	}
	boxes := []Box{
		{X: 300, Y: 400, W: 250, H: 300}, {X: 1000, Y: 500, W: 300, H: 360},
		{X: 1800, Y: 450, W: 280, H: 330}, {X: 2600, Y: 600, W: 200, H: 240},
		{X: 3400, Y: 380, W: 320, H: 380},
	}
	for _, in := range []image.Image{rgba, ycc} {
		b.Run(fmt.Sprintf("%T", in), func(b *testing.B) {
			for b.Loop() {
				Obscure(in, boxes)
			}
		})
	}
}
