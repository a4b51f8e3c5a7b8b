// Package jpeg inspects and cleans JPEG files losslessly. It walks the
// marker segments, hands the metadata payloads to the exif, xmp and iptc
// packages, and writes a copy that keeps only what decoding and display
// need (JFIF, ICC profile, Adobe marker, tables, frame and scan headers,
// the entropy-coded data bit for bit) plus a minimal EXIF block with the
// orientation. It reads through an io.ReaderAt and streams the image data.
package jpeg

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"

	"photoconsent/app/metadata"
	"photoconsent/app/metadata/exif"
)

// Inspect reports the file's location, identity and text metadata. A
// damaged file gives an ErrMalformed error together with what the segments
// read before the damage hold, so a broken file with GPS is still reported.
func Inspect(r io.ReaderAt, size int64) (metadata.Findings, error) {
	l, headErr := readHead(r, size)
	p := newPlan()
	defer p.release()
	if err := p.inspect(r, l.head); err != nil {
		return p.f, err
	}
	if headErr != nil {
		return p.f, headErr
	}
	res, err := scan(r, size, l.sos, nil)
	if err != nil {
		return p.f, err
	}
	p.between(r, res.dropped)
	if trailer := size - res.eoiEnd; trailer > 0 && !blank(r, res.eoiEnd, trailer) {
		p.identity("File", "TrailingData")
	}
	if p.f.Orientation == 0 {
		p.f.Orientation = p.exifOri
	}
	return p.f, nil
}

// Clean writes a copy to w without location or identity metadata, keeping
// the pixels (bit for bit), the orientation and the colour profile. Data
// after the end-of-image marker (often preview images) is left out. On error
// w may hold part of a copy: the caller discards it.
func Clean(r io.ReaderAt, size int64, w io.Writer, opt metadata.CleanOptions) (metadata.Result, error) {
	l, err := readHead(r, size)
	if err != nil {
		return metadata.Result{}, err
	}
	p := newPlan()
	defer p.release()
	if err := p.inspect(r, l.head); err != nil {
		return metadata.Result{}, err
	}
	orientation := p.exifOri
	if orientation == 0 {
		orientation = p.f.Orientation
	}
	date := ""
	if opt.KeepDate {
		date = p.exifDate
	}
	var head bytes.Buffer
	head.Write([]byte{0xFF, markSOI})
	if p.jfif != nil {
		writeSegment(&head, markAPP0, p.jfif)
	}
	block := exif.Minimal(orientation, date)
	if block != nil {
		writeSegment(&head, markAPP1, append([]byte("Exif\x00\x00"), block...))
	}
	// The kept segments (tables, frame header, ICC profile) are small:
	// gather them so the head costs one write.
	for i, s := range l.head {
		if p.actions[i] != keep {
			continue
		}
		if head.Len() > 1<<20 { // a hostile file may have very many
			if _, err := w.Write(head.Bytes()); err != nil {
				return metadata.Result{}, err
			}
			head.Reset()
		}
		head.Grow(int(s.size))
		b := head.AvailableBuffer()[:s.size]
		if m, err := r.ReadAt(b, s.off); m < len(b) {
			return metadata.Result{}, metadata.Malformedf("jpeg: reading segment: %v", err)
		}
		head.Write(b)
	}
	if _, err := w.Write(head.Bytes()); err != nil {
		return metadata.Result{}, err
	}
	res, err := scan(r, size, l.sos, w)
	if err != nil {
		return metadata.Result{}, err
	}
	p.between(r, res.dropped)
	if l.junk > 0 {
		p.remove("unknown bytes between segments", l.junk)
	}
	if trailer := size - res.eoiEnd; trailer > 0 {
		p.remove("trailing data after the image", trailer)
		if !blank(r, res.eoiEnd, trailer) {
			p.identity("File", "TrailingData")
		}
	}
	if p.f.Orientation == 0 {
		p.f.Orientation = p.exifOri
	}
	found := p.f // what Inspect would say: the caller need not read the file again
	out := metadata.Result{Removed: p.words(), Found: &found}
	if p.icc > 0 {
		out.Kept = append(out.Kept, "ICC colour profile")
	}
	if orientation >= 1 && orientation <= 8 && block != nil {
		out.Kept = append(out.Kept, fmt.Sprintf("Orientation %d", orientation))
	}
	if date != "" && block != nil {
		out.Kept = append(out.Kept, "capture date "+date)
	}
	return out, nil
}

// between inspects the APPn and COM segments met between scans (they are
// never copied).
func (p *plan) between(r io.ReaderAt, segs []segment) {
	for _, s := range segs {
		if _, err := p.segment(r, s, false); err != nil {
			p.identity(fmt.Sprintf("APP%d", s.marker-markAPP0), "Unreadable")
		}
	}
	p.finish()
}

// writeSegment writes a marker segment; payload must fit in 65533 bytes.
func writeSegment(b *bytes.Buffer, marker byte, payload []byte) {
	b.Write([]byte{0xFF, marker})
	b.Write(binary.BigEndian.AppendUint16(nil, uint16(len(payload)+2)))
	b.Write(payload)
}

// blank reports whether n bytes at off are all zero (padding, not data).
func blank(r io.ReaderAt, off, n int64) bool {
	if n > 4096 {
		return false
	}
	b := make([]byte, n)
	if m, _ := r.ReadAt(b, off); int64(m) < n {
		return false
	}
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}
