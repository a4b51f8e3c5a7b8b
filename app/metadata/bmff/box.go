package bmff

import (
	"encoding/binary"
	"io"

	"photoconsent/app/metadata"
)

const (
	// maxDepth bounds box nesting; real files stay under a dozen levels.
	maxDepth = 32
	// maxBoxes bounds the boxes one file may hold before we give up;
	// a hostile file must not make us walk millions of tiny boxes.
	maxBoxes = 200000
)

// box is one ISO base media box as found in the file. Its bytes are never
// held: only where it sits.
type box struct {
	typ   string
	start int64 // first byte of the header
	hdr   int64 // header length: 8, 16 with a largesize, +16 for a uuid
	end   int64 // one past the last byte
	uuid  [16]byte
	large bool // the size sits in a 64-bit largesize field
}

func (b box) body() int64    { return b.start + b.hdr }
func (b box) bodyLen() int64 { return b.end - b.body() }

// walker reads boxes through an io.ReaderAt, counting them so that a
// hostile file cannot make it walk for ever.
type walker struct {
	r     io.ReaderAt
	size  int64
	boxes int
}

// read returns n bytes at off, refusing reads past the end or larger than
// metadata.MaxPayload.
func (w *walker) read(off, n int64) ([]byte, error) {
	if off < 0 || n < 0 || n > metadata.MaxPayload || off > w.size || n > w.size-off {
		return nil, metadata.Malformedf("read of %d bytes at %d is out of bounds", n, off)
	}
	b := make([]byte, n)
	got, err := w.r.ReadAt(b, off)
	if got == len(b) {
		return b, nil
	}
	if err == nil || err == io.EOF || err == io.ErrUnexpectedEOF {
		return nil, metadata.Malformedf("read of %d bytes at %d cut short", n, off)
	}
	return nil, err
}

// payload reads a box's body, capped at metadata.MaxPayload.
func (w *walker) payload(b box) ([]byte, error) {
	if b.bodyLen() > metadata.MaxPayload {
		return nil, metadata.Malformedf("%q box of %d bytes is too big for metadata", b.typ, b.bodyLen())
	}
	return w.read(b.body(), b.bodyLen())
}

// children lists the boxes laid end to end in [off, end). Fewer than eight
// bytes left over (QuickTime ends udta lists with a zero word) are ignored.
// A size of zero runs the box to end.
func (w *walker) children(off, end int64) ([]box, error) {
	var out []box
	if end > w.size {
		return nil, metadata.Malformedf("container runs past the end of the file")
	}
	for end-off >= 8 {
		w.boxes++
		if w.boxes > maxBoxes {
			return out, metadata.Malformedf("more than %d boxes", maxBoxes)
		}
		h, err := w.read(off, 8)
		if err != nil {
			return out, err
		}
		b := box{typ: string(h[4:8]), start: off, hdr: 8}
		size := int64(binary.BigEndian.Uint32(h))
		switch size {
		case 0:
			if binary.BigEndian.Uint32(h[4:8]) == 0 {
				// A zero word and zero padding, not a box: stop here.
				return out, nil
			}
			size = end - off
		case 1:
			l, err := w.read(off+8, 8)
			if err != nil {
				return out, err
			}
			u := binary.BigEndian.Uint64(l)
			if u > uint64(end-off) {
				return out, metadata.Malformedf("%q box at %d runs past its container", b.typ, off)
			}
			size, b.hdr, b.large = int64(u), 16, true
		}
		if size < b.hdr || size > end-off {
			return out, metadata.Malformedf("%q box at %d has a bad size %d", b.typ, off, size)
		}
		b.end = off + size
		if b.typ == "uuid" {
			if size < b.hdr+16 {
				return out, metadata.Malformedf("uuid box at %d is too short", off)
			}
			u, err := w.read(b.body(), 16)
			if err != nil {
				return out, err
			}
			copy(b.uuid[:], u)
			b.hdr += 16
		}
		out = append(out, b)
		off = b.end
	}
	return out, nil
}

// kids lists a container's children; full says the container is a FullBox
// whose 4-byte version and flags come first.
func (w *walker) kids(b box, full bool) ([]box, error) {
	off := b.body()
	if full {
		off += 4
	}
	if off > b.end {
		return nil, metadata.Malformedf("%q box too short", b.typ)
	}
	return w.children(off, b.end)
}

// find returns the first box of a type in a list.
func find(bs []box, typ string) (box, bool) {
	for _, b := range bs {
		if b.typ == typ {
			return b, true
		}
	}
	return box{}, false
}

// uintN reads a big-endian unsigned integer of n bytes (0, 1, 2, 4 or 8)
// from b at *pos, advancing it; ok is false when b is too short.
func uintN(b []byte, pos *int, n int) (uint64, bool) {
	if n < 0 || *pos < 0 || *pos+n > len(b) {
		return 0, false
	}
	var v uint64
	for _, c := range b[*pos : *pos+n] {
		v = v<<8 | uint64(c)
	}
	*pos += n
	return v, true
}
