package bmff

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"

	"photoconsent/app/metadata"
	"photoconsent/app/metadata/exif"
	"photoconsent/app/metadata/xmp"
)

const (
	maxItems   = 1 << 16
	maxExtents = 1 << 18
)

// item is one entry of a HEIF item store, with where its bytes are.
type item struct {
	id      uint32
	typ     string // 'hvc1', 'av01', 'Exif', 'mime', ...
	mime    string // content type of a 'mime' item
	extents []extent
	infe    int64  // file offset of its infe box's version and flags
	flags   uint32 // the infe flags; bit 0 hides the item
}

// extent is a run of an item's bytes at an absolute file offset.
type extent struct{ off, n int64 }

// location is one iloc entry as stored.
type location struct {
	id      uint32
	method  int
	dataRef uint16
	base    uint64
	extents []ilocExtent
}

type ilocExtent struct{ off, n uint64 }

// heif reads the item store of a HEIF or AVIF image: Exif and XMP items
// are reported and overwritten in place; thumbnails are reported, zeroed
// in place and unlinked (thumb.go).
func (p *plan) heif(meta box, kids []box) error {
	var items []item
	if b, ok := find(kids, "iinf"); ok {
		var err error
		if items, err = p.iinf(b); err != nil {
			return err
		}
	}
	var locs []location
	if b, ok := find(kids, "iloc"); ok {
		body, err := p.w.payload(b)
		if err != nil {
			return err
		}
		if locs, err = parseIloc(body); err != nil {
			return err
		}
	}
	idat, hasIdat := find(kids, "idat")
	if hasIdat {
		p.data = append(p.data, idat)
	}
	for i := range items {
		for _, l := range locs {
			if l.id != items[i].id || l.dataRef != 0 {
				continue
			}
			ex, err := p.resolve(l, idat, hasIdat)
			if err != nil {
				return err
			}
			items[i].extents = ex
		}
	}
	p.items = append(p.items, items...)
	for _, it := range items {
		switch {
		case it.typ == "Exif":
			if err := p.exifItem(it); err != nil {
				return err
			}
		case it.typ == "mime" && (strings.Contains(strings.ToLower(it.mime), "rdf+xml") || strings.Contains(strings.ToLower(it.mime), "xmp")):
			if err := p.xmpItem(it); err != nil {
				return err
			}
		}
	}
	var refs []ref
	if b, ok := find(kids, "iref"); ok {
		var err error
		if refs, err = p.iref(b); err != nil {
			return err
		}
	}
	primary, err := p.pitm(kids)
	if err != nil {
		return err
	}
	p.thumbnails(items, refs, primary)
	if b, ok := find(kids, "iprp"); ok {
		if err := p.iprp(b); err != nil {
			return err
		}
		return p.auxiliaries(b, refs, primary)
	}
	return nil
}

// iinf lists the items: a FullBox, an entry count, then infe boxes.
func (p *plan) iinf(b box) ([]item, error) {
	v, err := p.w.read(b.body(), min(b.bodyLen(), 1))
	if err != nil || len(v) == 0 {
		return nil, err
	}
	skip := int64(4 + 2)
	if v[0] != 0 {
		skip = 4 + 4
	}
	if b.bodyLen() < skip {
		return nil, metadata.Malformedf("iinf box too short")
	}
	kids, err := p.w.children(b.body()+skip, b.end)
	if err != nil {
		return nil, err
	}
	var items []item
	for _, k := range kids {
		if k.typ != "infe" {
			continue
		}
		body, err := p.w.payload(k)
		if err != nil {
			return nil, err
		}
		it, err := parseInfe(body)
		if err != nil {
			return nil, err
		}
		it.infe, it.flags = k.body(), binary.BigEndian.Uint32(body)&0xffffff
		items = append(items, it)
	}
	return items, nil
}

// parseInfe reads an item info entry of any version.
func parseInfe(b []byte) (item, error) {
	if len(b) < 4 {
		return item{}, metadata.Malformedf("infe box too short")
	}
	v := b[0]
	pos := 4
	var it item
	idSize := 2
	if v >= 3 {
		idSize = 4
	}
	id, ok := uintN(b, &pos, idSize)
	if !ok {
		return item{}, metadata.Malformedf("infe box too short")
	}
	it.id = uint32(id)
	pos += 2 // protection index
	if v < 2 {
		_ = cstring(b, &pos) // name
		it.mime = cstring(b, &pos)
		return it, nil
	}
	if pos+4 > len(b) {
		return item{}, metadata.Malformedf("infe box too short")
	}
	it.typ = string(b[pos : pos+4])
	pos += 4
	_ = cstring(b, &pos) // name
	if it.typ == "mime" {
		it.mime = cstring(b, &pos)
	}
	return it, nil
}

// cstring reads a NUL-terminated string (or the rest) at *pos.
func cstring(b []byte, pos *int) string {
	if *pos >= len(b) {
		return ""
	}
	rest := b[*pos:]
	i := bytes.IndexByte(rest, 0)
	if i < 0 {
		*pos = len(b)
		return string(rest)
	}
	*pos += i + 1
	return string(rest[:i])
}

// parseIloc reads an item location box body (versions 0, 1 and 2; field
// sizes 0, 4 or 8).
func parseIloc(b []byte) ([]location, error) {
	short := metadata.Malformedf("iloc box cut short")
	if len(b) < 6 {
		return nil, short
	}
	v := b[0]
	if v > 2 {
		return nil, metadata.Malformedf("iloc version %d", v)
	}
	offSize, lenSize := int(b[4]>>4), int(b[4]&15)
	baseSize, idxSize := int(b[5]>>4), int(b[5]&15)
	for _, s := range []int{offSize, lenSize, baseSize, idxSize} {
		if s != 0 && s != 4 && s != 8 {
			return nil, metadata.Malformedf("iloc field size %d", s)
		}
	}
	if v == 0 {
		idxSize = 0
	}
	pos := 6
	cntSize, idSize := 2, 2
	if v == 2 {
		cntSize, idSize = 4, 4
	}
	count, ok := uintN(b, &pos, cntSize)
	if !ok {
		return nil, short
	}
	if count > maxItems {
		return nil, metadata.Malformedf("%d items", count)
	}
	var locs []location
	total := 0
	for i := uint64(0); i < count; i++ {
		var l location
		id, ok := uintN(b, &pos, idSize)
		if !ok {
			return nil, short
		}
		l.id = uint32(id)
		if v >= 1 {
			m, ok := uintN(b, &pos, 2)
			if !ok {
				return nil, short
			}
			l.method = int(m & 15)
		}
		dr, ok1 := uintN(b, &pos, 2)
		base, ok2 := uintN(b, &pos, baseSize)
		n, ok3 := uintN(b, &pos, 2)
		if !ok1 || !ok2 || !ok3 {
			return nil, short
		}
		l.dataRef, l.base = uint16(dr), base
		total += int(n)
		if total > maxExtents {
			return nil, metadata.Malformedf("too many item extents")
		}
		for j := uint64(0); j < n; j++ {
			if _, ok := uintN(b, &pos, idxSize); !ok {
				return nil, short
			}
			off, ok1 := uintN(b, &pos, offSize)
			ln, ok2 := uintN(b, &pos, lenSize)
			if !ok1 || !ok2 {
				return nil, short
			}
			l.extents = append(l.extents, ilocExtent{off, ln})
		}
		locs = append(locs, l)
	}
	return locs, nil
}

// resolve turns an iloc entry into absolute, bounds-checked file extents.
// Items built from other items (method 2) are not data we rewrite.
func (p *plan) resolve(l location, idat box, hasIdat bool) ([]extent, error) {
	var start, end int64
	switch l.method {
	case 0:
		start, end = 0, p.w.size
	case 1:
		if !hasIdat {
			return nil, metadata.Malformedf("item %d in a missing idat", l.id)
		}
		start, end = idat.body(), idat.end
	default:
		return nil, nil
	}
	var out []extent
	for _, e := range l.extents {
		off := l.base + e.off
		if off < l.base || off > uint64(end-start) {
			return nil, metadata.Malformedf("item %d lies outside the file", l.id)
		}
		n := e.n
		if n == 0 { // to the end
			n = uint64(end-start) - off
		}
		if n > uint64(end-start)-off {
			return nil, metadata.Malformedf("item %d runs past the end", l.id)
		}
		out = append(out, extent{start + int64(off), int64(n)})
	}
	return out, nil
}

// itemBytes reads an item's extents, or nil when it is too big to hold.
func (p *plan) itemBytes(it item) ([]byte, error) {
	var total int64
	for _, e := range it.extents {
		total += e.n
		if total > metadata.MaxPayload {
			return nil, nil
		}
	}
	out := make([]byte, 0, total)
	for _, e := range it.extents {
		b, err := p.w.read(e.off, e.n)
		if err != nil {
			return nil, err
		}
		out = append(out, b...)
	}
	return out, nil
}

func (p *plan) exifItem(it item) error {
	b, err := p.itemBytes(it)
	if err != nil {
		return err
	}
	var f metadata.Findings
	if tiff := exifTIFF(b); tiff != nil {
		var ferr error
		f, ferr = exif.Inspect(tiff)
		if ferr != nil {
			p.f.Identity = append(p.f.Identity, metadata.Finding{Group: "EXIF", Tag: "Unreadable"})
		} else {
			p.f.Add(f)
		}
	} else if len(b) > 0 || len(it.extents) > 0 {
		p.f.Identity = append(p.f.Identity, metadata.Finding{Group: "EXIF", Tag: "Unreadable"})
	}
	date := ""
	if p.opt.KeepDate {
		date = f.Date
	}
	head := append([]byte{0, 0, 0, 0}, exif.Minimal(f.Orientation, date)...)
	if len(head) == 4 {
		head = append(head, emptyTIFF...)
	}
	size := p.overwrite(it, head)
	p.removed = append(p.removed, fmt.Sprintf("EXIF (HEIF item %d, %s)", it.id, kb(size)))
	if len(head) > 4+len(emptyTIFF) && int64(len(head)) <= size {
		if f.Orientation != 0 {
			p.kept = append(p.kept, fmt.Sprintf("Orientation %d", f.Orientation))
		}
		if date != "" {
			p.kept = append(p.kept, "Capture date "+date)
		}
	}
	return nil
}

// emptyTIFF is a big-endian TIFF header with an empty IFD0.
var emptyTIFF = []byte("MM\x00\x2a\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00")

// exifTIFF finds the TIFF header in a HEIF Exif item: a 4-byte offset to
// it comes first (and often an "Exif\0\0" before it).
func exifTIFF(b []byte) []byte {
	if len(b) < 4 {
		return nil
	}
	off := uint64(binary.BigEndian.Uint32(b))
	if off > uint64(len(b)-4) {
		return nil
	}
	t := b[4+off:]
	if i := bytes.Index(t[:min(len(t), 16)], []byte("MM\x00*")); i >= 0 {
		return t[i:]
	}
	if i := bytes.Index(t[:min(len(t), 16)], []byte("II*\x00")); i >= 0 {
		return t[i:]
	}
	return nil
}

var emptyXMP = []byte(`<x:xmpmeta xmlns:x="adobe:ns:meta/"/>`)

func (p *plan) xmpItem(it item) error {
	b, err := p.itemBytes(it)
	if err != nil {
		return err
	}
	if b != nil {
		p.payload("XMP", b, xmp.Inspect)
	}
	var head []byte
	if b != nil && len(b) >= len(emptyXMP) {
		head = append(append(head, emptyXMP...), bytes.Repeat([]byte(" "), len(b)-len(emptyXMP))...)
	}
	size := p.overwrite(it, head)
	p.removed = append(p.removed, fmt.Sprintf("XMP packet (HEIF item %d, %s)", it.id, kb(size)))
	return nil
}

// overwrite replaces an item's bytes in place: head first if it fits,
// zeros elsewhere. It returns the item's size.
func (p *plan) overwrite(it item, head []byte) int64 {
	var size int64
	for _, e := range it.extents {
		size += e.n
	}
	if int64(len(head)) > size {
		head = nil
	}
	for _, e := range it.extents {
		if !p.inData(e) {
			p.bad = metadata.Malformedf("item %d lies outside the media data", it.id)
			return size
		}
	}
	for _, e := range it.extents {
		k := min(int64(len(head)), e.n)
		p.patches = append(p.patches, patch{off: e.off, n: e.n, data: head[:k]})
		head = head[k:]
	}
	return size
}

// iprp notes the properties a clean copy keeps: rotation, mirroring and
// the colour profile.
func (p *plan) iprp(b box) error {
	kids, err := p.w.kids(b, false)
	if err != nil {
		return err
	}
	ipco, ok := find(kids, "ipco")
	if !ok {
		return nil
	}
	props, err := p.w.kids(ipco, false)
	if err != nil {
		return err
	}
	if _, ok := find(props, "irot"); ok {
		p.kept = append(p.kept, "Rotation (irot)")
	}
	if _, ok := find(props, "imir"); ok {
		p.kept = append(p.kept, "Mirroring (imir)")
	}
	if _, ok := find(props, "colr"); ok {
		p.kept = append(p.kept, "Colour profile (colr)")
	}
	return nil
}

// inData says an extent lies inside the body of a top-level mdat or of an
// idat, where overwriting it cannot break the box structure.
func (p *plan) inData(e extent) bool {
	for _, d := range p.data {
		if e.off >= d.body() && e.off+e.n <= d.end {
			return true
		}
	}
	return false
}
