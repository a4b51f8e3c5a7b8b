package faces

import (
	"image"
	"image/draw"
	"math"
)

// Margin is how much wider than the face box the obscured area is, as a
// fraction of the box's size on each side: hair, ears and chin identify a
// child too, and detector boxes are tight.
const Margin = 0.35

// minBlock is the smallest pixelation block, in pixels.
const minBlock = 8

// blurPasses is how many box-blur passes follow pixelation; three passes of a
// box blur approximate a Gaussian and smear every block into its neighbours.
const blurPasses = 3

// Grow returns the area Obscure covers for a box in an image of the given
// bounds: the box, in the image's own coordinates, widened by Margin of its
// width on the left and right and of its height above and below, clipped to
// bounds. An empty or negative box gives an empty rectangle.
func Grow(b Box, bounds image.Rectangle) image.Rectangle {
	if b.W <= 0 || b.H <= 0 {
		return image.Rectangle{}
	}
	// Boxes may come from the command line: bound them so the sums below
	// cannot overflow. Real boxes are far inside this range.
	const limit = 1 << 30
	b = Box{X: clamp(b.X, limit), Y: clamp(b.Y, limit), W: clamp(b.W, limit), H: clamp(b.H, limit)}
	mx := int(math.Ceil(float64(b.W) * Margin))
	my := int(math.Ceil(float64(b.H) * Margin))
	r := image.Rect(b.X-mx, b.Y-my, b.X+b.W+mx, b.Y+b.H+my)
	return r.Intersect(bounds)
}

func clamp(v, limit int) int { return min(max(v, -limit), limit) }

// Obscure returns a copy of img with the same bounds in which each box, grown
// by Grow, is pixelated into coarse blocks, lightly perturbed, and then
// box-blurred strongly across the blocks, so the face cannot be recovered:
// pixelation alone can be partly undone by depixelation models and blur alone
// by deconvolution, while together they leave only a few dozen noisy block
// averages of a face, too little to recognise anyone. Pixels outside the
// grown boxes are copied unchanged (bit-identical for *image.RGBA input; the
// same colour for other types). img itself is never modified. The result is
// premultiplied RGBA, which equals NRGBA for the opaque photos schools take.
func Obscure(img image.Image, boxes []Box) *image.RGBA {
	dst := copyRGBA(img)
	for _, b := range boxes {
		r := Grow(b, dst.Rect)
		if r.Empty() {
			continue
		}
		block := blockSize(r)
		pixelate(dst, r, block)
		blur(dst, r, block)
	}
	return dst
}

// blockSize is the pixelation block for area r: about a sixth of its shorter
// side, so a face becomes a handful of blocks across, and never below minBlock.
func blockSize(r image.Rectangle) int { return max(minBlock, min(r.Dx(), r.Dy())/6) }

// copyRGBA returns a fresh RGBA copy of img; draw.Draw has fast paths for the
// YCbCr images that JPEG decoding gives.
func copyRGBA(img image.Image) *image.RGBA {
	b := img.Bounds()
	dst := image.NewRGBA(b)
	if src, ok := img.(*image.RGBA); ok && src.Stride == dst.Stride && src.Rect == b {
		copy(dst.Pix, src.Pix)
		return dst
	}
	draw.Draw(dst, b, img, b.Min, draw.Src)
	return dst
}

// pixelate replaces each block x block tile of r (anchored at r.Min, the last
// ones clipped) with its average colour plus a small deterministic offset, so
// the exact block averages are not kept either.
func pixelate(m *image.RGBA, r image.Rectangle, block int) {
	for y0 := r.Min.Y; y0 < r.Max.Y; y0 += block {
		for x0 := r.Min.X; x0 < r.Max.X; x0 += block {
			t := image.Rect(x0, y0, x0+block, y0+block).Intersect(r)
			fillTile(m, t, tileColour(m, t))
		}
	}
}

// tileColour is the average of t's pixels, each colour channel nudged by a
// pseudo-random amount derived from the average itself.
func tileColour(m *image.RGBA, t image.Rectangle) [4]uint8 {
	var sum [4]int
	for y := t.Min.Y; y < t.Max.Y; y++ {
		p := m.Pix[m.PixOffset(t.Min.X, y):m.PixOffset(t.Max.X, y)]
		for i := 0; i < len(p); i += 4 {
			sum[0] += int(p[i])
			sum[1] += int(p[i+1])
			sum[2] += int(p[i+2])
			sum[3] += int(p[i+3])
		}
	}
	n := t.Dx() * t.Dy()
	a := sum[3] / n
	h := uint32(sum[0]*31+sum[1]*17+sum[2]*7+t.Min.X*131+t.Min.Y*137) * 2654435761
	var c [4]uint8
	c[3] = uint8(a)
	for i := range 3 {
		noise := int(h>>(8*i+5)&15) - 8     // -8..7
		v := min(max(sum[i]/n+noise, 0), a) // premultiplied: colour never above alpha
		c[i] = uint8(v)
	}
	return c
}

func fillTile(m *image.RGBA, t image.Rectangle, c [4]uint8) {
	for y := t.Min.Y; y < t.Max.Y; y++ {
		p := m.Pix[m.PixOffset(t.Min.X, y):m.PixOffset(t.Max.X, y)]
		for i := 0; i < len(p); i += 4 {
			p[i], p[i+1], p[i+2], p[i+3] = c[0], c[1], c[2], c[3]
		}
	}
}

// blur box-blurs r of m in blurPasses horizontal and vertical passes with
// the given radius. Pixels beyond r's edges count as copies of the edge pixel,
// so nothing outside r is read or written.
func blur(m *image.RGBA, r image.Rectangle, radius int) {
	w, h := r.Dx(), r.Dy()
	a, b := make([]uint8, w*h*4), make([]uint8, w*h*4)
	for y := range h {
		copy(a[y*w*4:(y+1)*w*4], m.Pix[m.PixOffset(r.Min.X, r.Min.Y+y):])
	}
	for range blurPasses {
		for y := range h {
			blurRow(b[y*w*4:(y+1)*w*4], a[y*w*4:(y+1)*w*4], radius)
		}
		blurCols(a, b, w*4, radius)
	}
	for y := range h {
		copy(m.Pix[m.PixOffset(r.Min.X, r.Min.Y+y):], a[y*w*4:(y+1)*w*4])
	}
}

// scale returns the fixed-point reciprocal of the window 2*radius+1, so the
// running means below multiply and shift instead of dividing.
func scale(radius int) int { return (1<<24 + radius) / (2*radius + 1) }

func fixedMean(sum, inv int) uint8 { return uint8((sum*inv + 1<<23) >> 24) }

// blurRow writes to dst the running mean of the RGBA pixels in src over
// 2*radius+1 pixels.
func blurRow(dst, src []uint8, radius int) {
	n, inv := len(src)/4, scale(radius)
	var s [4]int
	for i := -radius; i <= radius; i++ {
		j := min(max(i, 0), n-1) * 4
		s[0], s[1], s[2], s[3] = s[0]+int(src[j]), s[1]+int(src[j+1]), s[2]+int(src[j+2]), s[3]+int(src[j+3])
	}
	for i := range n {
		d := dst[i*4:][:4]
		d[0], d[1], d[2], d[3] = fixedMean(s[0], inv), fixedMean(s[1], inv), fixedMean(s[2], inv), fixedMean(s[3], inv)
		p, q := src[min(i+radius+1, n-1)*4:][:4], src[max(i-radius, 0)*4:][:4]
		s[0], s[1] = s[0]+int(p[0])-int(q[0]), s[1]+int(p[1])-int(q[1])
		s[2], s[3] = s[2]+int(p[2])-int(q[2]), s[3]+int(p[3])-int(q[3])
	}
}

// blurCols writes to dst the running mean down each column of src, whose
// rows are stride bytes long, over 2*radius+1 rows.
func blurCols(dst, src []uint8, stride, radius int) {
	h, inv := len(src)/stride, scale(radius)
	sum := make([]int, stride)
	for i := -radius; i <= radius; i++ {
		row := src[min(max(i, 0), h-1)*stride:][:stride]
		for k, v := range row {
			sum[k] += int(v)
		}
	}
	for y := range h {
		d := dst[y*stride:][:stride]
		in := src[min(y+radius+1, h-1)*stride:][:stride]
		out := src[max(y-radius, 0)*stride:][:stride]
		for k := range d {
			d[k] = fixedMean(sum[k], inv)
			sum[k] += int(in[k]) - int(out[k])
		}
	}
}
