// Package bmff inspects and cleans files in the ISO base media file format:
// MP4, MOV, M4V, 3GP video and HEIC/HEIF/AVIF images (and reads Canon CR3).
//
// Cleaning never moves a byte: mdat and every chunk offset (stco, co64,
// iloc) stay valid because metadata boxes are neutralised in place, retyped
// to 'free' with their payload zeroed, and HEIF Exif/XMP items and
// embedded thumbnails are overwritten inside their own extents. Files are
// read through an io.ReaderAt and copied with io.SectionReader, so a 4 GB
// video costs constant memory. It may call the exif and xmp payload
// parsers; it never touches the disk.
package bmff

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"

	"photoconsent/app/metadata"
)

// ErrUnsupported says the file was read but cannot be cleaned safely: a
// Canon CR3 raw file keeps its camera settings in the same EXIF boxes that
// hold its identity, and raw converters need them.
var ErrUnsupported = errors.New("cleaning this kind of file is not supported")

// Inspect reports the file's location, identity and text metadata.
func Inspect(r io.ReaderAt, size int64) (metadata.Findings, error) {
	p, err := scan(r, size, metadata.CleanOptions{})
	if err != nil {
		return metadata.Findings{}, err
	}
	return p.f, nil
}

// Clean writes a copy to w without location or identity metadata, keeping
// the pixels (bit for bit), the orientation and the colour profile. GPS in a
// timed metadata track (GoPro GPMF) is sample data: it is left and the
// Result says so.
func Clean(r io.ReaderAt, size int64, w io.Writer, opt metadata.CleanOptions) (metadata.Result, error) {
	p, err := scan(r, size, opt)
	if err != nil {
		return metadata.Result{}, err
	}
	if p.raw {
		return metadata.Result{}, fmt.Errorf("canon CR3 raw: %w", ErrUnsupported)
	}
	if p.bad != nil {
		return metadata.Result{}, p.bad
	}
	if err := p.write(w); err != nil {
		return metadata.Result{}, err
	}
	return metadata.Result{Removed: p.removed, Kept: p.kept}, nil
}

// patch replaces n bytes at off: data first, zeros for the rest.
type patch struct {
	off, n int64
	data   []byte
}

// plan is what one pass over the file found and what cleaning would change.
type plan struct {
	w       *walker
	opt     metadata.CleanOptions
	brand   string
	f       metadata.Findings
	patches []patch
	removed []string
	kept    []string
	raw     bool // Canon CR3: inspected, never cleaned
	image   bool // a HEIF item store was found
	dates   int  // creation/modification date fields zeroed
	headers int  // movie, track and media headers seen
	rotated bool // a track matrix rotates the picture
	items   []item
	thumbs  []uint32 // thumbnail items (and their tiles) zeroed and hidden
	data    []box    // mdat and idat boxes: where item data may be overwritten
	bad     error    // why the file cannot be cleaned although it could be read
}

func scan(r io.ReaderAt, size int64, opt metadata.CleanOptions) (*plan, error) {
	if size < 8 {
		return nil, metadata.Malformedf("too short for a media file")
	}
	p := &plan{w: &walker{r: r, size: size}, opt: opt}
	top, err := p.w.children(0, size)
	if err != nil {
		return nil, err
	}
	if len(top) == 0 {
		return nil, metadata.Malformedf("no boxes")
	}
	for _, b := range top {
		if b.typ == "mdat" {
			p.data = append(p.data, b)
		}
	}
	for _, b := range top {
		if err := p.topBox(b); err != nil {
			return nil, err
		}
	}
	if p.brand == "" {
		p.brand = "qt  "
	}
	if _, ok := find(top, "moov"); !ok && !p.image {
		return nil, metadata.Malformedf("neither a movie (moov) nor an image (meta) box")
	}
	p.finish()
	return p, nil
}

func (p *plan) topBox(b box) error {
	switch b.typ {
	case "ftyp":
		h, err := p.w.read(b.body(), min(b.bodyLen(), 4))
		if err != nil {
			return err
		}
		if len(h) == 4 {
			p.brand = string(h)
		}
		if p.brand == "crx " {
			p.raw = true
		}
	case "moov":
		return p.moov(b, 1)
	case "meta":
		return p.topMeta(b, 1)
	case "udta":
		return p.udta(b, 1)
	case "uuid":
		return p.uuid(b, 1)
	}
	return nil
}

func (p *plan) moov(b box, depth int) error {
	kids, err := p.w.kids(b, false)
	if err != nil {
		return err
	}
	for _, k := range kids {
		switch k.typ {
		case "mvhd":
			if err := p.zeroDates(k); err != nil {
				return err
			}
		case "trak":
			if err := p.trak(k, depth+1); err != nil {
				return err
			}
		case "udta":
			if err := p.udta(k, depth+1); err != nil {
				return err
			}
		case "meta":
			if err := p.qtMeta(k, depth+1, true); err != nil {
				return err
			}
		case "uuid":
			if err := p.uuid(k, depth+1); err != nil {
				return err
			}
		case "gps ":
			// Novatek dash cameras: an index of GPS blocks kept in the
			// media data. The blocks themselves stay.
			p.timed("dash camera GPS blocks")
		}
	}
	return nil
}

// topMeta is a file-level meta box: the item store of a HEIF/AVIF image,
// or, in some MP4s, a metadata box like moov's.
func (p *plan) topMeta(b box, depth int) error {
	full, err := p.isFullMeta(b)
	if err != nil || !full {
		if err == nil {
			err = p.qtMeta(b, depth, true)
		}
		return err
	}
	kids, err := p.w.kids(b, true)
	if err != nil {
		return err
	}
	if h, ok := find(kids, "hdlr"); ok {
		t, err := p.handler(h)
		if err != nil {
			return err
		}
		if t == "mdta" || t == "mdir" || t == "ID32" {
			return p.qtMeta(b, depth, true)
		}
	}
	p.image = true
	return p.heif(b, kids)
}

// free neutralises a box in place: retyped to 'free', payload zeroed.
func (p *plan) free(b box) {
	data := []byte("free")
	if b.large {
		data = binary.BigEndian.AppendUint64(data, uint64(b.end-b.start))
	}
	p.patches = append(p.patches, patch{off: b.start + 4, n: b.end - b.start - 4, data: data})
}

// zeroDates blanks the creation and modification times of an mvhd, tkhd
// or mdhd box unless the capture date is kept.
func (p *plan) zeroDates(b box) error {
	v, err := p.w.read(b.body(), min(b.bodyLen(), 1))
	if err != nil || len(v) == 0 {
		return err
	}
	n := int64(8)
	if v[0] == 1 {
		n = 16
	}
	if b.bodyLen() < 4+n {
		return metadata.Malformedf("%q box too short", b.typ)
	}
	p.headers++
	if b.typ == "tkhd" {
		if err := p.matrix(b, v[0]); err != nil {
			return err
		}
	}
	if p.opt.KeepDate {
		return nil
	}
	p.patches = append(p.patches, patch{off: b.body() + 4, n: n})
	p.dates++
	return nil
}

// matrix notes a track whose display matrix turns the picture.
func (p *plan) matrix(b box, version byte) error {
	off := int64(40)
	if version == 1 {
		off = 52
	}
	if b.bodyLen() < off+36 {
		return nil
	}
	m, err := p.w.read(b.body()+off, 16)
	if err != nil {
		return err
	}
	a, bb := int32(binary.BigEndian.Uint32(m)), int32(binary.BigEndian.Uint32(m[4:]))
	if a != 0x10000 || bb != 0 {
		p.rotated = true
	}
	return nil
}

// finish turns what was found into the words of the Result.
func (p *plan) finish() {
	if p.dates > 0 {
		p.removed = append(p.removed, fmt.Sprintf("Creation and modification dates (%d header boxes)", p.dates))
	} else if p.opt.KeepDate && p.headers > 0 {
		p.kept = append(p.kept, "Creation dates (movie headers)")
	}
	if p.rotated {
		p.kept = append(p.kept, "Video rotation (track matrix)")
	}
}

// timed records location in a timed metadata track: sample data that
// cannot be removed without dropping the track.
func (p *plan) timed(what string) {
	for _, k := range p.kept {
		if k == "GPS in a timed metadata track ("+what+"): not removed" {
			return
		}
	}
	p.f.Location = append(p.f.Location,
		metadata.Finding{Group: "QuickTime-timed-track", Tag: "GPSLatitude", Unremovable: true},
		metadata.Finding{Group: "QuickTime-timed-track", Tag: "GPSLongitude", Unremovable: true})
	p.kept = append(p.kept, "GPS in a timed metadata track ("+what+"): not removed")
}

// write copies the file to w with the patches applied.
func (p *plan) write(w io.Writer) error {
	ps := sortPatches(p.patches)
	var cur int64
	for _, pt := range ps {
		if pt.off+pt.n <= cur {
			continue // inside a box already neutralised
		}
		if pt.off < cur {
			return metadata.Malformedf("overlapping boxes at %d", pt.off)
		}
		if _, err := io.Copy(w, io.NewSectionReader(p.w.r, cur, pt.off-cur)); err != nil {
			return err
		}
		if err := writePatch(w, pt); err != nil {
			return err
		}
		cur = pt.off + pt.n
	}
	n, err := io.Copy(w, io.NewSectionReader(p.w.r, cur, p.w.size-cur))
	if err != nil {
		return err
	}
	if n != p.w.size-cur {
		return metadata.Malformedf("file shorter than its size")
	}
	return nil
}

var zeros [32 << 10]byte

func writePatch(w io.Writer, pt patch) error {
	d := pt.data
	if int64(len(d)) > pt.n {
		d = d[:pt.n]
	}
	if _, err := w.Write(d); err != nil {
		return err
	}
	for left := pt.n - int64(len(d)); left > 0; {
		k := min(left, int64(len(zeros)))
		if _, err := w.Write(zeros[:k]); err != nil {
			return err
		}
		left -= k
	}
	return nil
}

// sortPatches orders patches by offset, outer boxes before what they hold.
func sortPatches(ps []patch) []patch {
	out := slices.Clone(ps)
	slices.SortFunc(out, func(a, b patch) int {
		if c := cmp.Compare(a.off, b.off); c != 0 {
			return c
		}
		return cmp.Compare(b.n, a.n)
	})
	return out
}
