package preview

import (
	"bytes"
	"image"
	"image/jpeg"
	"io"

	"photoconsent/app/media"
	"photoconsent/app/metadata/exif"
)

// Caps on embedded previews. A raw file's preview can be full size, so
// Embedded allows large ones; Load's quick pass takes only small ones and
// leaves the rest for after the full decodes.
const (
	maxPreviewBytes  = 16 << 20
	maxPreviewPixels = 24_000_000
	quickPixels      = 1920 * 1080
	maxMPFEntries    = 64 // images an MPF index may list
	maxCandidates    = 8  // previews looked at in one file
)

// Embedded returns the file's own embedded preview (the EXIF IFD1
// thumbnail, a JPEG preview in an MPF APP2 segment, or a TIFF or DNG
// file's JPEG preview), scaled to at most max pixels on the longest side
// and turned upright, or ErrNoPreview. A preview can be stale (made before
// the photo was cropped or edited), so only a full decode shows what will
// be published.
func Embedded(path string, max int) (image.Image, error) {
	return embeddedFile(path, max, maxPreviewPixels)
}

// embeddedFile is Embedded taking only previews of at most maxPx pixels.
func embeddedFile(path string, limit, maxPx int) (image.Image, error) {
	f, size, err := open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return embedded(f, size, limit, maxPx)
}

// embedded is embeddedFile on any reader; the fuzz test drives it with bytes.
func embedded(r io.ReaderAt, size int64, limit, maxPx int) (image.Image, error) {
	f, _ := sniff(r)
	var cands []span
	var d *exif.Dir
	if f == media.JPEG {
		ex, mp := jpegSpans(r, size)
		d = readExif(r, ex)
		cands = append(thumbSpans(d, ex), mpfSpans(r, mp)...)
	} else if s := exifSpan(r, size, f); s.n > 0 {
		d = readExif(r, s)
		cands = thumbSpans(d, s)
	}
	best, ok := pick(r, cands[:min(len(cands), maxCandidates)], limit, maxPx)
	if !ok {
		return nil, ErrNoPreview
	}
	m, err := jpeg.Decode(io.NewSectionReader(r, best.pos, best.n))
	if err != nil {
		return nil, ErrNoPreview
	}
	return upright(scale(m, limit), orientation(d)), nil
}

// thumbSpans locates the JPEG previews of the EXIF block or TIFF file at s
// (offsets count from its start): the IFD1 thumbnail, any directory's
// JPEGInterchangeFormat, and, in a TIFF or DNG, a directory whose image is
// one JPEG-compressed strip (a DNG's preview).
func thumbSpans(d *exif.Dir, s span) []span {
	if d == nil {
		return nil
	}
	var out []span
	for _, ifd := range d.IFDs {
		if sp, ok := pair(d, ifd, exif.TagThumbnailOffset, exif.TagThumbnailLength, s); ok {
			out = append(out, sp)
		}
		if !jpegStrip(d, ifd) {
			continue
		}
		if sp, ok := pair(d, ifd, tagStripOffsets, tagStripByteCounts, s); ok {
			out = append(out, sp)
		}
	}
	return out
}

// TIFF tags for a directory's image data.
const (
	tagCompression     = 0x0103
	tagStripOffsets    = 0x0111
	tagStripByteCounts = 0x0117
)

// jpegStrip reports whether a directory holds its image as a single strip
// of JPEG (compression 6 or 7).
func jpegStrip(d *exif.Dir, ifd exif.IFD) bool {
	c, ok := ifd.Find(tagCompression)
	if !ok {
		return false
	}
	v, ok := d.Uint(c)
	o, ok2 := ifd.Find(tagStripOffsets)
	return ok && ok2 && (v == 6 || v == 7) && o.Count == 1
}

// pair reads an offset tag and a length tag and returns the span they
// name inside s.
func pair(d *exif.Dir, ifd exif.IFD, offTag, lenTag uint16, s span) (span, bool) {
	oe, ok1 := ifd.Find(offTag)
	le, ok2 := ifd.Find(lenTag)
	if !ok1 || !ok2 {
		return span{}, false
	}
	off, ok1 := d.Uint(oe)
	n, ok2 := d.Uint(le)
	if !ok1 || !ok2 || n == 0 || off >= uint64(s.n) || n > uint64(s.n)-off {
		return span{}, false
	}
	return span{s.pos + int64(off), int64(n)}, true
}

// mpfSpans lists the preview images an MPF index (CIPA DC-007) points to:
// its "large thumbnail" entries, whose offsets count from the index start.
func mpfSpans(r io.ReaderAt, s span) []span {
	d := readExif(r, s)
	if d == nil || len(d.IFDs) == 0 || d.IFDs[0].Name != "IFD0" {
		return nil
	}
	e, ok := d.IFDs[0].Find(0xB002) // MPEntry: 16 bytes per image
	if !ok {
		return nil
	}
	b, ok := d.Value(e, 16*maxMPFEntries)
	if !ok {
		return nil
	}
	var out []span
	for i := 0; i+16 <= len(b); i += 16 {
		attr := d.Order.Uint32(b[i:]) & 0xFFFFFF
		n := int64(d.Order.Uint32(b[i+4:]))
		off := int64(d.Order.Uint32(b[i+8:]))
		if attr != 0x010001 && attr != 0x010002 { // large thumbnail, VGA or full HD
			continue
		}
		if off > 0 && n > 0 && off < s.n && n <= s.n-off {
			out = append(out, span{s.pos + off, n})
		}
	}
	return out
}

// pick chooses the preview to decode: the smallest that still fills
// limit, else the largest. Each must be a JPEG of at most maxPx pixels.
func pick(r io.ReaderAt, cands []span, limit, maxPx int) (span, bool) {
	var best span
	bestSide := 0
	for _, c := range cands {
		side, ok := previewSide(r, c, maxPx)
		if !ok {
			continue
		}
		better := bestSide == 0 ||
			(side >= limit && (bestSide < limit || side < bestSide)) ||
			(side < limit && bestSide < limit && side > bestSide)
		if better {
			best, bestSide = c, side
		}
	}
	return best, bestSide > 0
}

// previewSide reads a candidate's JPEG header and returns its longest side.
func previewSide(r io.ReaderAt, c span, maxPx int) (int, bool) {
	if c.n < 4 || c.n > maxPreviewBytes {
		return 0, false
	}
	var soi [3]byte
	if _, err := r.ReadAt(soi[:], c.pos); err != nil || !bytes.Equal(soi[:], []byte{0xFF, 0xD8, 0xFF}) {
		return 0, false
	}
	cfg, err := jpeg.DecodeConfig(io.NewSectionReader(r, c.pos, c.n))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxPx {
		return 0, false
	}
	return max(cfg.Width, cfg.Height), true
}
