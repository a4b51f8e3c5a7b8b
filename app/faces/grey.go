package faces

import "image"

// grey is a greyscale copy of an image, scaled by up/k: shrunk by the whole
// factor k, then perhaps enlarged by up (1 or 2).
type grey struct {
	pix   []uint8 // row-major, stride w
	w, h  int
	k, up int
}

// toOriginal maps a length in g to the original image's pixels.
func (g grey) toOriginal(v int) int { return v * g.k / g.up }

// doubled returns g enlarged twice in each direction, new pixels averaging
// their neighbours. The cascade compares pixels at whole coordinates, so it
// misses many faces under about 40 px; on a doubled copy it finds them.
func (g grey) doubled() grey {
	d := grey{w: 2 * g.w, h: 2 * g.h, k: g.k, up: 2 * g.up}
	d.pix = make([]uint8, d.w*d.h)
	for y := range g.h {
		src := g.pix[y*g.w : (y+1)*g.w]
		dst := d.pix[2*y*d.w : (2*y+1)*d.w]
		for x, p := range src {
			next := src[min(x+1, g.w-1)]
			dst[2*x], dst[2*x+1] = p, uint8((uint16(p)+uint16(next)+1)/2)
		}
	}
	for y := range g.h {
		above := d.pix[2*y*d.w : (2*y+1)*d.w]
		below := d.pix[2*min(y+1, g.h-1)*d.w:][:d.w]
		mid := d.pix[(2*y+1)*d.w : (2*y+2)*d.w]
		for x := range mid {
			mid[x] = uint8((uint16(above[x]) + uint16(below[x]) + 1) / 2)
		}
	}
	return d
}

// halved returns g shrunk by 2, each pixel the rounded average of a 2×2
// block, the last row or column repeated when g's size is odd. buf,
// when large enough, holds the result.
func (g grey) halved(buf []uint8) grey {
	h := grey{w: (g.w + 1) / 2, h: (g.h + 1) / 2, k: 2 * g.k, up: g.up}
	h.pix = sized(buf, h.w*h.h)
	for y := range h.h {
		r0 := g.pix[2*y*g.w : (2*y+1)*g.w]
		r1 := r0
		if 2*y+1 < g.h {
			r1 = g.pix[(2*y+1)*g.w : (2*y+2)*g.w]
		}
		out := h.pix[y*h.w : (y+1)*h.w]
		even := g.w / 2
		r0, r1 = r0[:2*even], r1[:2*even]
		for x := range out[:even] {
			p, q := r0[2*x:2*x+2:2*x+2], r1[2*x:2*x+2:2*x+2]
			out[x] = uint8((uint16(p[0]) + uint16(p[1]) + uint16(q[0]) + uint16(q[1]) + 2) >> 2)
		}
		if even < h.w {
			out[even] = uint8((uint16(g.pix[2*y*g.w+g.w-1]) + uint16(g.pix[min(2*y+1, g.h-1)*g.w+g.w-1]) + 1) >> 1)
		}
	}
	return h
}

// smoothGrey returns img's luma at full size, lightly blurred: each pixel
// is the average of the 2×2 block it is the top left of (the last row and
// column repeat). The cascade compares single pixels, and finds small
// faces far more reliably once the pixel-to-pixel noise of a full-size
// photo is averaged out; the half-pixel shift does not matter. buf, when
// large enough, holds the result.
func smoothGrey(img image.Image, buf []uint8) grey {
	b := img.Bounds()
	g := grey{w: b.Dx(), h: b.Dy(), k: 1, up: 1}
	g.pix = sized(buf, g.w*g.h)
	if g.w < 1 || g.h < 1 {
		return g
	}
	bufA, bufB := make([]uint8, g.w), make([]uint8, g.w)
	next := lumaRef(img, b, b.Min.Y, bufA)
	for y := range g.h {
		this := next
		if y+1 < g.h {
			bufA, bufB = bufB, bufA
			next = lumaRef(img, b, b.Min.Y+y+1, bufA)
		}
		smoothRow(g.pix[y*g.w:(y+1)*g.w], this, next)
	}
	return g
}

// smoothRow averages each 2×2 block of rows a and b into out.
func smoothRow(out, a, b []uint8) {
	a, b = a[:len(out)], b[:len(out)]
	prev := uint16(a[0]) + uint16(b[0])
	for x := 1; x < len(out); x++ {
		cur := uint16(a[x]) + uint16(b[x])
		out[x-1] = uint8((prev + cur + 2) >> 2)
		prev = cur
	}
	out[len(out)-1] = uint8((prev + 1) >> 1)
}

// sized returns buf cut to n bytes, or a new slice when buf is too small.
func sized(buf []uint8, n int) []uint8 {
	if cap(buf) >= n {
		return buf[:n]
	}
	return make([]uint8, n)
}

// shrinkFactor is the smallest whole factor that brings the longest side of
// a w×h image down to at most side pixels.
func shrinkFactor(w, h, side int) int {
	long := max(w, h)
	return max(1, (long+side-1)/side)
}

// shrinkGrey returns img's luma, averaged over k×k blocks so the longest
// side is at most side.
func shrinkGrey(img image.Image, side int) grey {
	b := img.Bounds()
	return shrinkBy(img, shrinkFactor(b.Dx(), b.Dy(), side))
}

// shrinkBy returns img's luma averaged over k×k blocks. Common decoded
// types are read directly; others go through At, which is much slower.
func shrinkBy(img image.Image, k int) grey {
	b := img.Bounds()
	g := grey{w: (b.Dx() + k - 1) / k, h: (b.Dy() + k - 1) / k, k: k, up: 1}
	g.pix = make([]uint8, g.w*g.h)
	row := make([]uint8, b.Dx())
	acc := make([]uint32, g.w)
	for oy := 0; oy < g.h; oy++ {
		clear(acc)
		y0, y1 := b.Min.Y+oy*k, min(b.Min.Y+(oy+1)*k, b.Max.Y)
		for y := y0; y < y1; y++ {
			lumaRow(img, b, y, row)
			addRow(acc, row, k)
		}
		g.finishRow(oy, acc, y1-y0, b.Dx())
	}
	return g
}

// addRow adds row's pixels into acc, k source pixels to each cell.
func addRow(acc []uint32, row []uint8, k int) {
	for ox := range acc {
		var s uint32
		for _, p := range row[ox*k : min((ox+1)*k, len(row))] {
			s += uint32(p)
		}
		acc[ox] += s
	}
}

// finishRow writes the averages of output row oy, whose cells cover rows
// source rows and (at the right edge) possibly fewer than k columns.
func (g grey) finishRow(oy int, acc []uint32, rows, srcW int) {
	out := g.pix[oy*g.w : (oy+1)*g.w]
	for ox, s := range acc {
		cols := min(g.k, srcW-ox*g.k)
		out[ox] = uint8(s / uint32(rows*cols))
	}
}

// lumaRef returns the luma of row y of img: the image's own pixels when
// it stores luma as bytes, which the caller must not change, else dst
// filled by lumaRow.
func lumaRef(img image.Image, b image.Rectangle, y int, dst []uint8) []uint8 {
	switch m := img.(type) {
	case *image.YCbCr:
		i := m.YOffset(b.Min.X, y)
		return m.Y[i : i+len(dst)]
	case *image.Gray:
		i := m.PixOffset(b.Min.X, y)
		return m.Pix[i : i+len(dst)]
	}
	lumaRow(img, b, y, dst)
	return dst
}

// lumaRow fills dst with the luma of row y of img.
func lumaRow(img image.Image, b image.Rectangle, y int, dst []uint8) {
	switch m := img.(type) {
	case *image.YCbCr:
		i := m.YOffset(b.Min.X, y)
		copy(dst, m.Y[i:i+len(dst)])
	case *image.Gray:
		i := m.PixOffset(b.Min.X, y)
		copy(dst, m.Pix[i:i+len(dst)])
	case *image.RGBA:
		rgbLuma(m.Pix[m.PixOffset(b.Min.X, y):], dst)
	case *image.NRGBA:
		rgbLuma(m.Pix[m.PixOffset(b.Min.X, y):], dst)
	default:
		for x := range dst {
			r, gr, bl, _ := img.At(b.Min.X+x, y).RGBA()
			dst[x] = uint8((19595*r + 38470*gr + 7471*bl + 1<<15) >> 24)
		}
	}
}

// rgbLuma converts 4-byte RGBA or NRGBA pixels to luma (ITU-R BT.601, as
// image/color does, to the bit). Alpha is ignored: photos are opaque.
func rgbLuma(pix []uint8, dst []uint8) {
	for x := range dst {
		p := pix[4*x : 4*x+3 : 4*x+3]
		r, g, b := uint32(p[0])*0x101, uint32(p[1])*0x101, uint32(p[2])*0x101
		dst[x] = uint8((19595*r + 38470*g + 7471*b + 1<<15) >> 24)
	}
}
