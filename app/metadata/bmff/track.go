package bmff

import (
	"bytes"
	"encoding/binary"

	"photoconsent/app/metadata"
)

// trak reads a track: it blanks its header dates, neutralises its user
// data and metadata, and reports a timed GPS track (GoPro GPMF, camm, an
// Apple mebx track with location keys), which Clean leaves in place.
func (p *plan) trak(b box, depth int) error {
	if depth > maxDepth {
		return metadata.Malformedf("boxes nested too deep")
	}
	kids, err := p.w.kids(b, false)
	if err != nil {
		return err
	}
	var handler, entry string
	var stsd, stbl box
	for _, k := range kids {
		switch k.typ {
		case "tkhd":
			err = p.zeroDates(k)
		case "mdia":
			handler, stbl, err = p.mdia(k)
		case "udta":
			err = p.udta(k, depth+1)
		case "meta":
			err = p.qtMeta(k, depth+1, true)
		case "uuid":
			err = p.uuid(k, depth+1)
		}
		if err != nil {
			return err
		}
	}
	if stbl.typ != "" {
		sk, err := p.w.kids(stbl, false)
		if err != nil {
			return err
		}
		stsd, _ = find(sk, "stsd")
	}
	if stsd.typ != "" && stsd.bodyLen() >= 16 {
		h, err := p.w.read(stsd.body(), 16)
		if err != nil {
			return err
		}
		entry = string(h[12:16])
	}
	switch {
	case entry == "gpmd":
		gps, err := p.gpmfHasGPS(stbl)
		if err != nil {
			return err
		}
		if gps {
			p.timed("GoPro GPMF")
		}
	case entry == "camm":
		p.timed("camera motion metadata, camm")
	case entry == "mebx" && handler == "meta":
		body, err := p.w.read(stsd.body(), min(stsd.bodyLen(), 64<<10))
		if err != nil {
			return err
		}
		if bytes.Contains(body, []byte("location")) {
			p.timed("QuickTime mebx")
		}
	}
	return nil
}

// mdia walks a track's media box for its handler type and sample table,
// blanking the media header's dates on the way.
func (p *plan) mdia(b box) (handler string, stbl box, err error) {
	kids, err := p.w.kids(b, false)
	if err != nil {
		return "", box{}, err
	}
	for _, k := range kids {
		switch k.typ {
		case "mdhd":
			if err := p.zeroDates(k); err != nil {
				return "", box{}, err
			}
		case "hdlr":
			if handler, err = p.handler(k); err != nil {
				return "", box{}, err
			}
		case "minf":
			minf, err := p.w.kids(k, false)
			if err != nil {
				return "", box{}, err
			}
			stbl, _ = find(minf, "stbl")
		}
	}
	return handler, stbl, nil
}

// handler returns an hdlr box's handler type ('vide', 'meta', 'pict'...).
func (p *plan) handler(b box) (string, error) {
	if b.bodyLen() < 12 {
		return "", nil
	}
	h, err := p.w.read(b.body()+8, 4)
	if err != nil {
		return "", err
	}
	return string(h), nil
}

// maxSample bounds the GPMF sample read to look for GPS keys.
const maxSample = 1 << 20

// gpmfHasGPS reads the first sample of a GoPro GPMF track and looks for its
// GPS keys (GPS5, GPS9, GPSU). When the sample cannot be found it says yes:
// better a warning too many than location let through.
func (p *plan) gpmfHasGPS(stbl box) (bool, error) {
	sk, err := p.w.kids(stbl, false)
	if err != nil {
		return false, err
	}
	var off, n int64 = -1, -1
	if b, ok := find(sk, "stsz"); ok && b.bodyLen() >= 16 {
		h, err := p.w.read(b.body(), 16)
		if err != nil {
			return false, err
		}
		n = int64(binary.BigEndian.Uint32(h[4:]))
		if n == 0 && binary.BigEndian.Uint32(h[8:]) > 0 {
			n = int64(binary.BigEndian.Uint32(h[12:]))
		}
	}
	if b, ok := find(sk, "stco"); ok && b.bodyLen() >= 12 {
		h, err := p.w.read(b.body()+8, 4)
		if err != nil {
			return false, err
		}
		off = int64(binary.BigEndian.Uint32(h))
	} else if b, ok := find(sk, "co64"); ok && b.bodyLen() >= 16 {
		h, err := p.w.read(b.body()+8, 8)
		if err != nil {
			return false, err
		}
		off = int64(binary.BigEndian.Uint64(h) & (1<<62 - 1))
	}
	if off < 0 || n <= 0 || off >= p.w.size {
		return true, nil
	}
	sample, err := p.w.read(off, min(n, maxSample, p.w.size-off))
	if err != nil {
		return true, nil
	}
	for _, k := range []string{"GPS5", "GPS9", "GPSU"} {
		if bytes.Contains(sample, []byte(k)) {
			return true, nil
		}
	}
	return false, nil
}
