package preview

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// The four corners of a test picture, stored: top left, top right, bottom
// left, bottom right.
var (
	red   = color.RGBA{255, 0, 0, 255}
	green = color.RGBA{0, 255, 0, 255}
	blue  = color.RGBA{0, 0, 255, 255}
	white = color.RGBA{255, 255, 255, 255}
)

// quadrants is a w×h picture in four coloured quarters.
func quadrants(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := [2][2]color.RGBA{{red, green}, {blue, white}}[2*y/h][2*x/w]
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

// corners names the colours nearest an image's four corners (TL TR BL BR).
func corners(m image.Image) [4]string {
	b := m.Bounds()
	in := 2 // a pixel or two in, away from scaling and JPEG edges
	pts := []image.Point{{b.Min.X + in, b.Min.Y + in}, {b.Max.X - 1 - in, b.Min.Y + in},
		{b.Min.X + in, b.Max.Y - 1 - in}, {b.Max.X - 1 - in, b.Max.Y - 1 - in}}
	var out [4]string
	for i, p := range pts {
		out[i] = nearest(m.At(p.X, p.Y))
	}
	return out
}

func nearest(c color.Color) string {
	r, g, b, _ := c.RGBA()
	best, dist := "", uint64(1<<63)
	for name, k := range map[string]color.RGBA{"red": red, "green": green, "blue": blue, "white": white} {
		d := sq(r, k.R) + sq(g, k.G) + sq(b, k.B)
		if d < dist {
			best, dist = name, d
		}
	}
	return best
}

func sq(v uint32, k uint8) uint64 {
	d := int64(v>>8) - int64(k)
	return uint64(d * d)
}

func encodeJPEG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodePNG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// entry is an IFD entry whose value fits in its 4 bytes, or, with data,
// one whose value follows the directory.
type entry struct {
	tag, typ uint16
	count    uint32
	value    uint32
	data     []byte
}

// tiffBlock lays out a little-endian TIFF structure: each directory in
// turn, chained, its out-of-line values after it, then tail. Entries whose
// value is tailOffset get the tail's offset.
func tiffBlock(dirs [][]entry, tail []byte) []byte {
	const tailOffset = 0xFFFFFFFF
	le := binary.LittleEndian
	size := 8
	for _, d := range dirs {
		size += 2 + 12*len(d) + 4
		for _, e := range d {
			size += len(e.data)
		}
	}
	b := le.AppendUint32([]byte("II*\x00"), 8)
	for i, d := range dirs {
		extra := len(b) + 2 + 12*len(d) + 4
		var values []byte
		b = le.AppendUint16(b, uint16(len(d)))
		for _, e := range d {
			v := e.value
			switch {
			case e.data != nil:
				v = uint32(extra + len(values))
				values = append(values, e.data...)
			case v == tailOffset:
				v = uint32(size)
			}
			b = le.AppendUint16(b, e.tag)
			b = le.AppendUint16(b, e.typ)
			b = le.AppendUint32(b, e.count)
			b = le.AppendUint32(b, v)
		}
		next := uint32(0)
		if i+1 < len(dirs) {
			next = uint32(extra + len(values))
		}
		b = le.AppendUint32(b, next)
		b = append(b, values...)
	}
	return append(b, tail...)
}

// exifBlock is an EXIF block with an orientation (none when 0) and, when
// thumb is not nil, an IFD1 thumbnail.
func exifBlock(orient int, thumb []byte) []byte {
	var ifd0 []entry
	if orient != 0 {
		ifd0 = append(ifd0, entry{tag: 0x0112, typ: 3, count: 1, value: uint32(orient)})
	}
	dirs := [][]entry{ifd0}
	if thumb != nil {
		dirs = append(dirs, []entry{
			{tag: 0x0201, typ: 4, count: 1, value: 0xFFFFFFFF},
			{tag: 0x0202, typ: 4, count: 1, value: uint32(len(thumb))},
		})
	}
	return tiffBlock(dirs, thumb)
}

// withSegment puts a marker segment right after a JPEG's SOI.
func withSegment(jpg []byte, marker byte, body []byte) []byte {
	seg := []byte{0xFF, marker, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(2+len(body)))
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	out = append(out, body...)
	return append(out, jpg[2:]...)
}

// exifJPEG is a JPEG of m carrying orientation and a thumbnail.
func exifJPEG(t testing.TB, m image.Image, orient int, thumb []byte) []byte {
	app1 := append([]byte("Exif\x00\x00"), exifBlock(orient, thumb)...)
	return withSegment(encodeJPEG(t, m), 0xE1, app1)
}

// mpfJPEG appends preview after jpg's end and indexes it in an MPF APP2
// segment as a large thumbnail.
func mpfJPEG(jpg, preview []byte) []byte {
	build := func(off uint32) []byte {
		le := binary.LittleEndian
		var ents []byte
		ents = le.AppendUint32(ents, 0x030000) // the primary image
		ents = le.AppendUint32(ents, uint32(len(jpg)))
		ents = le.AppendUint32(ents, 0)
		ents = le.AppendUint32(ents, 0)
		ents = le.AppendUint32(ents, 0x010001) // large thumbnail
		ents = le.AppendUint32(ents, uint32(len(preview)))
		ents = le.AppendUint32(ents, off)
		ents = le.AppendUint32(ents, 0)
		dir := []entry{
			{tag: 0xB000, typ: 7, count: 4, value: le.Uint32([]byte("0100"))},
			{tag: 0xB001, typ: 4, count: 1, value: 2},
			{tag: 0xB002, typ: 7, count: 32, data: ents},
		}
		return append([]byte("MPF\x00"), tiffBlock([][]entry{dir}, nil)...)
	}
	probe := withSegment(jpg, 0xE2, build(0))
	header := 2 + 4 + 4 // SOI, marker and length, "MPF\0"
	out := withSegment(jpg, 0xE2, build(uint32(len(probe)-header)))
	return append(out, preview...)
}

// withChunk puts a PNG chunk right after IHDR.
func withChunk(p []byte, typ string, data []byte) []byte {
	const afterIHDR = 8 + 8 + 13 + 4
	c := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	c = append(c, typ...)
	c = append(c, data...)
	c = binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
	out := append([]byte{}, p[:afterIHDR]...)
	out = append(out, c...)
	return append(out, p[afterIHDR:]...)
}

// hugePNG is a valid PNG header claiming w×h pixels of m's kind.
func hugePNG(t testing.TB, m image.Image, w, h uint32) []byte {
	p := encodePNG(t, m)
	binary.BigEndian.PutUint32(p[16:], w)
	binary.BigEndian.PutUint32(p[20:], h)
	binary.BigEndian.PutUint32(p[29:], crc32.ChecksumIEEE(p[12:29]))
	return p
}

func write(t testing.TB, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func size(m image.Image) image.Point {
	if m == nil {
		return image.Point{}
	}
	return m.Bounds().Size()
}

// dng is a DNG-like TIFF whose IFD0 image is a JPEG preview in one strip.
func dng(preview []byte, orient int) []byte {
	return tiffBlock([][]entry{{
		{tag: 0x0103, typ: 3, count: 1, value: 7},
		{tag: 0x0111, typ: 4, count: 1, value: 0xFFFFFFFF},
		{tag: 0x0112, typ: 3, count: 1, value: uint32(orient)},
		{tag: 0x0117, typ: 4, count: 1, value: uint32(len(preview))},
		{tag: 0xC612, typ: 1, count: 4, value: 0x00000401},
	}}, preview)
}
