package preview

import (
	"bufio"
	"errors"
	"image"
	"io"
)

// dcJPEG decodes a baseline JPEG at an eighth of its size from the DC
// coefficients alone: each 8×8 block becomes one pixel, its average. It
// still reads every coefficient, but skips the inverse DCT and the
// full-size image, which makes it several times faster than image/jpeg
// and tiny in memory. Anything it does not handle (progressive, 12-bit,
// CMYK or RGB, a non-interleaved scan, damage) makes it return errFallback,
// and the caller uses image/jpeg, which gives the proper error.
func dcJPEG(r *bufio.Reader) (image.Image, error) {
	d := &dcDecoder{r: r}
	if err := d.headers(); err != nil {
		return nil, err
	}
	if err := d.scan(); err != nil {
		return nil, err
	}
	return d.image(), nil
}

var errFallback = errors.New("not a JPEG the DC decoder handles")

// Caps that keep a hostile header from making the decode large.
const dcMaxBlocks = 4 << 20 // 8×8 blocks in one component: 268 megapixels

type dcComponent struct {
	id, h, v, tq int
	td, ta       int
	dcs          []uint8 // one value per block, row by row
	bw, bh       int     // blocks across and down
	pred         int
}

type dcDecoder struct {
	r            *bufio.Reader
	width        int
	height       int
	comps        []dcComponent
	hmax, vmax   int
	quant        [4]int // DC quantiser of each table
	dc, ac       [4]*huffman
	restart      int
	adobeRGB     bool
	sof          bool
	acc          uint64 // bits not yet used, at the bottom
	n            int    // how many
	pad          int    // of those, zero bits added after a marker
	marker       byte   // the marker that ended the entropy-coded data
	overrun      bool   // bits were used past the data
	mcusX, mcusY int
}

// headers reads the segments up to the start of the scan.
func (d *dcDecoder) headers() error {
	var soi [2]byte
	if _, err := io.ReadFull(d.r, soi[:]); err != nil || soi != [2]byte{0xFF, 0xD8} {
		return errFallback
	}
	for seg := 0; seg < 4096; seg++ {
		m, err := d.nextMarker()
		if err != nil {
			return errFallback
		}
		if m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01 {
			continue
		}
		if m == 0xD9 {
			return errFallback
		}
		b, err := d.segment()
		if err != nil {
			return errFallback
		}
		switch {
		case m == 0xC0 || m == 0xC1:
			err = d.frame(b)
		case m >= 0xC2 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC:
			return errFallback // progressive, lossless or arithmetic
		case m == 0xC4:
			err = d.tables(b)
		case m == 0xDB:
			err = d.quantisers(b)
		case m == 0xDD:
			if len(b) < 2 {
				return errFallback
			}
			d.restart = int(b[0])<<8 | int(b[1])
		case m == 0xEE:
			d.adobe(b)
		case m == 0xDA:
			return d.startScan(b)
		}
		if err != nil {
			return err
		}
	}
	return errFallback
}

// nextMarker skips to the next marker and returns its code.
func (d *dcDecoder) nextMarker() (byte, error) {
	b, err := d.r.ReadByte()
	if err != nil {
		return 0, err
	}
	if b != 0xFF {
		return 0, errFallback
	}
	for b == 0xFF {
		if b, err = d.r.ReadByte(); err != nil {
			return 0, err
		}
	}
	return b, nil
}

// segment reads a marker segment's body.
func (d *dcDecoder) segment() ([]byte, error) {
	var l [2]byte
	if _, err := io.ReadFull(d.r, l[:]); err != nil {
		return nil, err
	}
	n := int(l[0])<<8 | int(l[1])
	if n < 2 {
		return nil, errFallback
	}
	b := make([]byte, n-2)
	_, err := io.ReadFull(d.r, b)
	return b, err
}

func (d *dcDecoder) frame(b []byte) error {
	if d.sof || len(b) < 6 || b[0] != 8 {
		return errFallback
	}
	d.sof = true
	d.height, d.width = int(b[1])<<8|int(b[2]), int(b[3])<<8|int(b[4])
	n := int(b[5])
	if d.width == 0 || d.height == 0 || (n != 1 && n != 3) || len(b) < 6+3*n {
		return errFallback
	}
	for i := 0; i < n; i++ {
		c := b[6+3*i:]
		comp := dcComponent{id: int(c[0]), h: int(c[1] >> 4), v: int(c[1] & 15), tq: int(c[2])}
		if comp.h < 1 || comp.h > 4 || comp.v < 1 || comp.v > 4 || comp.tq > 3 {
			return errFallback
		}
		if n == 1 {
			comp.h, comp.v = 1, 1 // a lone component is never subsampled
		}
		d.hmax, d.vmax = max(d.hmax, comp.h), max(d.vmax, comp.v)
		d.comps = append(d.comps, comp)
	}
	return nil
}

func (d *dcDecoder) quantisers(b []byte) error {
	for len(b) > 0 {
		pq, tq := b[0]>>4, int(b[0]&15)
		size := 1 + 64*(1+int(pq))
		if pq > 1 || tq > 3 || len(b) < size {
			return errFallback
		}
		d.quant[tq] = int(b[1])
		if pq == 1 {
			d.quant[tq] = int(b[1])<<8 | int(b[2])
		}
		b = b[size:]
	}
	return nil
}

// adobe notes an Adobe APP14 segment saying the three components are RGB.
func (d *dcDecoder) adobe(b []byte) {
	if len(b) >= 12 && string(b[:5]) == "Adobe" && b[11] == 0 {
		d.adobeRGB = true
	}
}

func (d *dcDecoder) startScan(b []byte) error {
	if !d.sof || len(b) < 1 || int(b[0]) != len(d.comps) || len(b) < 1+2*len(d.comps)+3 {
		return errFallback // a non-interleaved scan of several components
	}
	if len(d.comps) == 3 && (d.adobeRGB || (d.comps[0].id == 'R' && d.comps[1].id == 'G' && d.comps[2].id == 'B')) {
		return errFallback
	}
	for i := range d.comps {
		sel, tables := int(b[1+2*i]), b[2+2*i]
		c := &d.comps[i]
		if sel != c.id || tables>>4 > 3 || tables&15 > 3 {
			return errFallback
		}
		c.td, c.ta = int(tables>>4), int(tables&15)
		if d.dc[c.td] == nil || d.ac[c.ta] == nil || d.quant[c.tq] == 0 {
			return errFallback
		}
	}
	if ss, se, a := b[1+2*len(d.comps)], b[2+2*len(d.comps)], b[3+2*len(d.comps)]; ss != 0 || se != 63 || a != 0 {
		return errFallback
	}
	mcuW, mcuH := 8*d.hmax, 8*d.vmax
	d.mcusX, d.mcusY = (d.width+mcuW-1)/mcuW, (d.height+mcuH-1)/mcuH
	for i := range d.comps {
		c := &d.comps[i]
		c.bw, c.bh = d.mcusX*c.h, d.mcusY*c.v
		if len(d.comps) == 1 {
			c.bw, c.bh = (d.width+7)/8, (d.height+7)/8
			d.mcusX, d.mcusY = c.bw, c.bh
		}
		if c.bw*c.bh > dcMaxBlocks {
			return errFallback
		}
		c.dcs = make([]uint8, c.bw*c.bh)
	}
	return nil
}

// maxScans caps a progressive JPEG's scans: image/jpeg goes over the whole
// picture once per scan, so a small file of many empty scans could keep a
// worker busy for minutes. Encoders write about ten; libjpeg's djpeg has the
// same kind of cap (-maxscans).
const maxScans = 100

// countScans counts a JPEG's scans (SOS markers), stopping past max.
func countScans(r *bufio.Reader, max int) int {
	d := &dcDecoder{r: r}
	n := 0
	afterData := false // skipData has read the 0xFF of the next marker
	for seg := 0; seg < 1<<16 && n <= max; seg++ {
		var m byte
		var err error
		if afterData {
			m, err = r.ReadByte()
		} else {
			m, err = d.nextMarker()
		}
		if err != nil || m == 0xD9 {
			break
		}
		afterData = false
		if m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01 {
			continue
		}
		if _, err := d.segment(); err != nil {
			break
		}
		if m == 0xDA {
			n++
			if afterData = skipData(r); !afterData {
				break
			}
		}
	}
	return n
}

// skipData reads past entropy-coded data and the 0xFF of the next marker
// that is not a restart marker, leaving its code to read.
func skipData(r *bufio.Reader) bool {
	for {
		_, err := r.ReadSlice(0xFF)
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			return false
		}
		next, err := r.Peek(1)
		if err != nil {
			return false
		}
		if c := next[0]; c != 0 && c != 0xFF && (c < 0xD0 || c > 0xD7) {
			return true
		}
	}
}
