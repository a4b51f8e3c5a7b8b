package exif

import (
	"encoding/binary"
	"fmt"
	"io"

	"photoconsent/app/metadata"
)

// Caps that keep a hostile block from making the walk slow or large.
const (
	maxIFDs    = 256   // directories followed in one block
	maxEntries = 4096  // entries read from one directory
	maxTotal   = 65536 // entries read from all directories together
)

// Entry is one 12-byte IFD entry. Positions are offsets from the start of
// the TIFF structure (the "II"/"MM" header).
type Entry struct {
	Tag   uint16
	Type  uint16
	Count uint32
	// Pos is where the 12-byte entry starts.
	Pos int64
	// ValuePos and ValueLen locate the value bytes: inside the entry when
	// they fit in 4 bytes, elsewhere otherwise. ValueLen is 0 for a type
	// this package does not know.
	ValuePos int64
	ValueLen int64
}

// Inline reports whether the value sits inside the entry itself.
func (e Entry) Inline() bool { return e.ValueLen <= 4 }

// IFD is one image file directory.
type IFD struct {
	// Name is the exiftool -G1 group: IFD0, IFD1, IFD2..., ExifIFD, GPS,
	// InteropIFD, SubIFD, SubIFD1...
	Name    string
	Pos     int64 // offset of the 2-byte entry count
	Entries []Entry
	// NextPos is where the 4-byte next-IFD offset sits (after the entries).
	NextPos int64
}

// Find returns the first entry with the tag.
func (d IFD) Find(tag uint16) (Entry, bool) {
	for _, e := range d.Entries {
		if e.Tag == tag {
			return e, true
		}
	}
	return Entry{}, false
}

// Dir is a walked TIFF structure: the byte order and every directory reached
// from IFD0, in the order visited.
type Dir struct {
	Order binary.ByteOrder
	IFDs  []IFD
	// Problems lists directories that could not be read (bad offsets,
	// loops, truncation); the walk goes on past them.
	Problems []string
	// Broken names the sub-directory pointers (ExifIFD, GPS...) whose
	// directory could not be read.
	Broken []string

	r    io.ReaderAt
	size int64
}

// Size is the length of the TIFF structure the walk was given.
func (d *Dir) Size() int64 { return d.size }

var typeSize = [...]int64{0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4}

// Pointer tags that lead to sub-directories, with the group they open.
const (
	TagExifIFD    = 0x8769
	TagGPSIFD     = 0x8825
	TagInteropIFD = 0xA005
	TagSubIFDs    = 0x014A
)

// Read parses the TIFF header at the start of r and walks every directory:
// the IFD0 chain (IFD0, IFD1...), and the Exif, GPS, Interop and SubIFD
// directories they point to. It fails only when the header is unusable; a
// bad directory further on is noted in Problems and skipped.
func Read(r io.ReaderAt, size int64) (*Dir, error) {
	var h [8]byte
	if size < 8 {
		return nil, metadata.Malformedf("exif: TIFF header cut short")
	}
	if _, err := r.ReadAt(h[:], 0); err != nil {
		return nil, metadata.Malformedf("exif: reading TIFF header: %v", err)
	}
	d := &Dir{r: r, size: size}
	switch string(h[:2]) {
	case "II":
		d.Order = binary.LittleEndian
	case "MM":
		d.Order = binary.BigEndian
	default:
		return nil, metadata.Malformedf("exif: no TIFF byte-order mark")
	}
	switch d.Order.Uint16(h[2:]) {
	case 42:
	case 43:
		return nil, metadata.Malformedf("exif: BigTIFF is not supported")
	default:
		return nil, metadata.Malformedf("exif: bad TIFF magic number")
	}
	d.walk(int64(d.Order.Uint32(h[4:])))
	return d, nil
}

type pending struct {
	name  string
	pos   int64
	chain bool // follow the next-IFD link (IFD0 chain and SubIFD chains)
	index int  // position in the chain, for naming IFD1, IFD2...
}

func (d *Dir) walk(first int64) {
	visited := map[int64]bool{}
	queue := []pending{{name: "IFD0", pos: first, chain: true}}
	total := 0
	subs := 0
	for len(queue) > 0 && len(d.IFDs) < maxIFDs {
		p := queue[0]
		queue = queue[1:]
		if p.pos == 0 && p.name != "IFD0" {
			continue
		}
		if visited[p.pos] {
			d.Problems = append(d.Problems, fmt.Sprintf("%s loops back to an earlier directory", p.name))
			continue
		}
		visited[p.pos] = true
		ifd, next, err := d.readIFD(p.name, p.pos, maxTotal-total)
		if err != nil {
			d.Problems = append(d.Problems, fmt.Sprintf("%s: %v", p.name, err))
			if p.index == 0 && p.name != "IFD0" {
				d.Broken = append(d.Broken, p.name)
			}
			continue
		}
		total += len(ifd.Entries)
		d.IFDs = append(d.IFDs, ifd)
		for _, e := range ifd.Entries {
			var name string
			switch {
			case e.Tag == TagExifIFD && p.name != "GPS":
				name = "ExifIFD"
			case e.Tag == TagGPSIFD && p.name != "GPS":
				name = "GPS"
			case e.Tag == TagInteropIFD && p.name == "ExifIFD":
				name = "InteropIFD"
			case e.Tag == TagSubIFDs && p.name != "GPS":
				for _, off := range d.offsets(e, 64) {
					n := "SubIFD"
					if subs > 0 {
						n = fmt.Sprintf("SubIFD%d", subs)
					}
					subs++
					queue = append(queue, pending{name: n, pos: off})
				}
				continue
			default:
				continue
			}
			offs := d.offsets(e, 1)
			if len(offs) == 0 {
				d.Broken = append(d.Broken, name)
				d.Problems = append(d.Problems, name+" pointer is unreadable")
				continue
			}
			queue = append(queue, pending{name: name, pos: offs[0]})
		}
		if p.chain && next != 0 {
			queue = append(queue, pending{name: fmt.Sprintf("IFD%d", p.index+1), pos: next, chain: true, index: p.index + 1})
		}
	}
}

// readIFD reads one directory; it returns the next-IFD offset.
func (d *Dir) readIFD(name string, pos int64, budget int) (IFD, int64, error) {
	if pos < 8 || pos+2 > d.size {
		return IFD{}, 0, fmt.Errorf("offset %d is outside the block", pos)
	}
	var c [2]byte
	if _, err := d.r.ReadAt(c[:], pos); err != nil {
		return IFD{}, 0, err
	}
	n := int(d.Order.Uint16(c[:]))
	if n == 0 {
		return IFD{Name: name, Pos: pos, NextPos: pos + 2}, d.next(pos + 2), nil
	}
	if n > maxEntries || n > budget {
		return IFD{}, 0, fmt.Errorf("%d entries is too many", n)
	}
	end := pos + 2 + 12*int64(n)
	if end > d.size {
		return IFD{}, 0, fmt.Errorf("directory of %d entries runs past the end", n)
	}
	buf := make([]byte, 12*n)
	if _, err := d.r.ReadAt(buf, pos+2); err != nil {
		return IFD{}, 0, err
	}
	ifd := IFD{Name: name, Pos: pos, NextPos: end, Entries: make([]Entry, 0, n)}
	for i := 0; i < n; i++ {
		b := buf[12*i:]
		e := Entry{
			Tag:   d.Order.Uint16(b),
			Type:  d.Order.Uint16(b[2:]),
			Count: d.Order.Uint32(b[4:]),
			Pos:   pos + 2 + 12*int64(i),
		}
		if int(e.Type) < len(typeSize) && e.Type > 0 {
			e.ValueLen = typeSize[e.Type] * int64(e.Count)
		}
		if e.ValueLen <= 4 {
			e.ValuePos = e.Pos + 8
		} else {
			e.ValuePos = int64(d.Order.Uint32(b[8:]))
		}
		ifd.Entries = append(ifd.Entries, e)
	}
	return ifd, d.next(end), nil
}

func (d *Dir) next(pos int64) int64 {
	var b [4]byte
	if pos+4 > d.size {
		return 0
	}
	if _, err := d.r.ReadAt(b[:], pos); err != nil {
		return 0
	}
	return int64(d.Order.Uint32(b[:]))
}

// Value returns an entry's value bytes, or false when they lie outside the
// block or are longer than max.
func (d *Dir) Value(e Entry, max int64) ([]byte, bool) {
	if e.ValueLen == 0 || e.ValueLen > max || e.ValuePos < 0 || e.ValuePos+e.ValueLen > d.size {
		return nil, false
	}
	b := make([]byte, e.ValueLen)
	if _, err := d.r.ReadAt(b, e.ValuePos); err != nil {
		return nil, false
	}
	return b, true
}

// Uints returns up to max integer values of a BYTE, SHORT, LONG or IFD entry.
func (d *Dir) Uints(e Entry, max int) []uint64 {
	if int64(e.Count) > int64(max) {
		return nil
	}
	b, ok := d.Value(e, int64(max)*8)
	if !ok {
		return nil
	}
	var out []uint64
	for i := 0; i < int(e.Count); i++ {
		switch e.Type {
		case 1, 7:
			out = append(out, uint64(b[i]))
		case 3, 8:
			out = append(out, uint64(d.Order.Uint16(b[2*i:])))
		case 4, 9, 13: // SLONG too: some writers type pointers so
			out = append(out, uint64(d.Order.Uint32(b[4*i:])))
		default:
			return nil
		}
	}
	return out
}

// Uint returns the first value of an integer entry.
func (d *Dir) Uint(e Entry) (uint64, bool) {
	if e.Count == 0 {
		return 0, false
	}
	e.Count = 1
	if e.ValueLen > 4 {
		e.ValueLen = typeSize[e.Type]
	}
	v := d.Uints(e, 1)
	if len(v) != 1 {
		return 0, false
	}
	return v[0], true
}

func (d *Dir) offsets(e Entry, max int) []int64 {
	var out []int64
	for _, v := range d.Uints(e, max) {
		if v != 0 {
			out = append(out, int64(v))
		}
	}
	return out
}
