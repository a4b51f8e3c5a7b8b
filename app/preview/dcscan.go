package preview

import (
	"image"
	"image/color"
)

// huffman is one Huffman table: a lookup on the next lutBits bits for
// short codes, and the JPEG standard's decode procedure (F.2.2.3) for
// longer ones.
type huffman struct {
	lut [1 << lutBits]uint16 // value<<8 | code length; 0 when longer
	// skip is for AC tables: on the next skipBits bits, a code and the
	// extra bits it announces, as value<<8 | both lengths; 0 when longer.
	skip    [1 << skipBits]uint16
	maxcode [17]int32 // -1 when no code has the length
	valptr  [17]int32
	mincode [17]int32
	vals    [256]uint8
}

const (
	lutBits  = 9
	skipBits = 11
)

// tables reads a DHT segment.
func (d *dcDecoder) tables(b []byte) error {
	for len(b) > 0 {
		if len(b) < 17 || b[0]>>4 > 1 || b[0]&15 > 3 {
			return errFallback
		}
		class, id := b[0]>>4, b[0]&15
		h, n, err := newHuffman(b[1:17], b[17:])
		if err != nil {
			return err
		}
		if class == 0 {
			d.dc[id] = h
		} else {
			d.ac[id] = h
		}
		b = b[17+n:]
	}
	return nil
}

// newHuffman builds a table from its 16 code counts and the values that
// follow, and says how many value bytes it used.
func newHuffman(counts, rest []byte) (*huffman, int, error) {
	h := &huffman{}
	total := 0
	for _, c := range counts {
		total += int(c)
	}
	if total == 0 || total > 256 || total > len(rest) {
		return nil, 0, errFallback
	}
	copy(h.vals[:], rest[:total])
	code, k := int32(0), int32(0)
	for l := 1; l <= 16; l++ {
		c := int32(counts[l-1])
		h.valptr[l], h.mincode[l], h.maxcode[l] = k, code, -1
		if c > 0 {
			h.maxcode[l] = code + c - 1
		}
		if code+c > 1<<l {
			return nil, 0, errFallback // more codes than the length allows
		}
		for i := int32(0); i < c && l <= lutBits; i++ {
			first := (code + i) << (lutBits - l)
			for j := int32(0); j < 1<<(lutBits-l); j++ {
				h.lut[first+j] = uint16(h.vals[k+i])<<8 | uint16(l)
			}
		}
		for i := int32(0); i < c; i++ {
			v := h.vals[k+i]
			if both := l + int(v&15); both <= skipBits {
				first := (code + i) << (skipBits - l)
				for j := int32(0); j < 1<<(skipBits-l); j++ {
					h.skip[first+j] = uint16(v)<<8 | uint16(both)
				}
			}
		}
		code, k = (code+c)<<1, k+c
	}
	return h, total, nil
}

// fill tops up the bit buffer to more than 56 bits. After a marker (or the
// end of the file) it adds zero bits and counts them as padding.
func (d *dcDecoder) fill() {
	for d.n <= 56 {
		b := byte(0)
		if d.marker == 0 {
			b = d.dataByte()
		}
		if d.marker != 0 {
			b = 0
			d.pad += 8
		}
		d.acc = d.acc<<8 | uint64(b)
		d.n += 8
	}
}

// dataByte reads one byte of entropy-coded data, undoing 0xFF00 stuffing;
// at a marker it sets d.marker (0xD9 for the end of the file).
func (d *dcDecoder) dataByte() byte {
	c, err := d.r.ReadByte()
	if err != nil {
		d.marker = 0xD9
		return 0
	}
	if c != 0xFF {
		return c
	}
	for c == 0xFF {
		if c, err = d.r.ReadByte(); err != nil {
			d.marker = 0xD9
			return 0
		}
	}
	if c == 0 {
		return 0xFF
	}
	d.marker = c
	return 0
}

// use drops k bits; using padding means the data ran out.
func (d *dcDecoder) use(k int) {
	if k > d.n-d.pad {
		d.overrun = true
	}
	d.n -= k
	d.pad = min(d.pad, d.n)
}

func (d *dcDecoder) bits(k int) int32 {
	if d.n < 32 {
		d.fill()
	}
	v := int32(d.acc>>(d.n-k)) & (1<<k - 1)
	d.use(k)
	return v
}

// symbol decodes one Huffman-coded value.
func (d *dcDecoder) symbol(h *huffman) (uint8, bool) {
	if d.n < 32 {
		d.fill()
	}
	if e := h.lut[(d.acc>>(d.n-lutBits))&(1<<lutBits-1)]; e != 0 {
		d.use(int(e & 0xFF))
		return uint8(e >> 8), true
	}
	code := int32(0)
	for l := 1; l <= 16; l++ {
		code = code<<1 | int32(d.acc>>(d.n-l))&1
		if code <= h.maxcode[l] {
			d.use(l)
			return h.vals[h.valptr[l]+code-h.mincode[l]], true
		}
	}
	return 0, false
}

// extend reads an s-bit magnitude and gives it its sign (F.2.2.1).
func (d *dcDecoder) extend(s int) int32 {
	if s == 0 {
		return 0
	}
	v := d.bits(s)
	if v < 1<<(s-1) {
		v += -1<<s + 1
	}
	return v
}

// block decodes one 8×8 block and returns its average, as a pixel value.
func (d *dcDecoder) block(c *dcComponent) (uint8, bool) {
	s, ok := d.symbol(d.dc[c.td])
	if !ok || s > 11 {
		return 0, false
	}
	c.pred += int(d.extend(int(s)))
	ac := d.ac[c.ta]
	for k := 1; k < 64; {
		if d.n < 32 {
			d.fill()
		}
		var rs uint8
		if e := ac.skip[(d.acc>>(d.n-skipBits))&(1<<skipBits-1)]; e != 0 {
			rs = uint8(e >> 8)
			d.use(int(e & 0xFF)) // the code and its extra bits at once
		} else if rs, ok = d.symbol(ac); !ok || rs&15 > 10 {
			return 0, false
		} else if rs&15 > 0 {
			d.bits(int(rs & 15))
		}
		r, s := int(rs>>4), int(rs&15)
		if s == 0 && r != 15 {
			break // end of block
		}
		if k+r > 63 {
			return 0, false
		}
		k += r + 1
	}
	v := 128 + (c.pred*d.quant[c.tq]+4)>>3
	return uint8(min(max(v, 0), 255)), true
}

// scan decodes every MCU of the (single, interleaved) scan.
func (d *dcDecoder) scan() error {
	for my, mcu := 0, 0; my < d.mcusY; my++ {
		for mx := 0; mx < d.mcusX; mx, mcu = mx+1, mcu+1 {
			if d.restart > 0 && mcu > 0 && mcu%d.restart == 0 {
				if err := d.restartAt(); err != nil {
					return err
				}
			}
			for i := range d.comps {
				if !d.mcu(&d.comps[i], mx, my) {
					return errFallback
				}
			}
			if d.overrun {
				return errFallback
			}
		}
	}
	return nil
}

// mcu decodes one component's blocks of an MCU.
func (d *dcDecoder) mcu(c *dcComponent, mx, my int) bool {
	for by := 0; by < c.v; by++ {
		for bx := 0; bx < c.h; bx++ {
			v, ok := d.block(c)
			if !ok {
				return false
			}
			c.dcs[(my*c.v+by)*c.bw+mx*c.h+bx] = v
		}
	}
	return true
}

// restartAt moves past a restart marker: the bits left are padding, the
// predictions start again from zero.
func (d *dcDecoder) restartAt() error {
	d.acc, d.n, d.pad = 0, 0, 0
	for d.marker == 0 {
		d.dataByte()
	}
	if d.marker < 0xD0 || d.marker > 0xD7 {
		return errFallback
	}
	d.marker = 0
	for i := range d.comps {
		d.comps[i].pred = 0
	}
	return nil
}

// image assembles the eighth-size picture from the block averages.
func (d *dcDecoder) image() image.Image {
	w, h := (d.width+7)/8, (d.height+7)/8
	if len(d.comps) == 1 {
		c := d.comps[0]
		g := image.NewGray(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			copy(g.Pix[y*g.Stride:][:w], c.dcs[y*c.bw:])
		}
		return g
	}
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	at := func(c *dcComponent, x, y int) uint8 {
		return c.dcs[(y*c.v/d.vmax)*c.bw+x*c.h/d.hmax]
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			r, g, b := color.YCbCrToRGB(at(&d.comps[0], x, y), at(&d.comps[1], x, y), at(&d.comps[2], x, y))
			copy(m.Pix[y*m.Stride+4*x:][:4], []uint8{r, g, b, 255})
		}
	}
	return m
}
