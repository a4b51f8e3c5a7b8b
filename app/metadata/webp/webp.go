// Package webp inspects and cleans WebP files losslessly. A WebP file is a
// RIFF container of chunks: the image bitstreams (VP8, VP8L, ALPH, and for
// animations ANIM and ANMF) are copied byte for byte, the ICC profile
// (ICCP) is kept, and EXIF and XMP are dropped; a fresh minimal EXIF chunk
// is written only when the orientation (or, if asked, the date) must
// survive, and the VP8X flags and the RIFF size are set to match.
package webp

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"

	"photoconsent/app/metadata"
	"photoconsent/app/metadata/exif"
	"photoconsent/app/metadata/xmp"
)

// The payload readers, swappable so tests can see what is handed on.
var (
	inspectEXIF = exif.Inspect
	inspectXMP  = xmp.Inspect
	minimalEXIF = exif.Minimal
)

// VP8X flag bits.
const (
	flagAnimation = 0x02
	flagXMP       = 0x04
	flagEXIF      = 0x08
	flagAlpha     = 0x10
	flagICC       = 0x20
)

// maxChunks bounds the chunks of one file: a long animation has a few
// thousand frames; a hostile file of empty chunks must not exhaust memory.
const maxChunks = 1 << 20

// chunk is one RIFF chunk: FourCC, little-endian size, data, pad to even.
type chunk struct {
	off    int64 // of the FourCC
	size   uint32
	fourCC string
	padded bool // the pad byte of an odd chunk is in the file
}

// span is how many bytes of the file the chunk takes.
func (c chunk) span() int64 {
	n := 8 + int64(c.size)
	if c.padded {
		n++
	}
	return n
}

func (c chunk) data(r io.ReaderAt) ([]byte, error) {
	if c.size > metadata.MaxPayload {
		return nil, metadata.Malformedf("WebP %s chunk of %d bytes is over the %d byte cap", c.fourCC, c.size, metadata.MaxPayload)
	}
	b := make([]byte, c.size)
	if _, err := r.ReadAt(b, c.off+8); err != nil {
		return nil, metadata.Malformedf("WebP %s chunk cannot be read: %v", c.fourCC, err)
	}
	return b, nil
}

// chunks walks the RIFF container and returns its chunks and the number of
// bytes after the RIFF's declared end.
func chunks(r io.ReaderAt, size int64) ([]chunk, int64, error) {
	var h [12]byte
	if size < 12 {
		return nil, 0, metadata.Malformedf("WebP shorter than its RIFF header")
	}
	if _, err := r.ReadAt(h[:], 0); err != nil || string(h[:4]) != "RIFF" || string(h[8:]) != "WEBP" {
		return nil, 0, metadata.Malformedf("RIFF WEBP header missing")
	}
	end := 8 + int64(binary.LittleEndian.Uint32(h[4:8]))
	if end > size {
		return nil, 0, metadata.Malformedf("WebP is cut short: the RIFF declares %d bytes, the file has %d", end, size)
	}
	var out []chunk
	for off := int64(12); off < end; {
		if off+8 > end {
			return nil, 0, metadata.Malformedf("WebP chunk header runs past the RIFF end")
		}
		var ch [8]byte
		if _, err := r.ReadAt(ch[:], off); err != nil {
			return nil, 0, metadata.Malformedf("WebP chunk header cannot be read: %v", err)
		}
		c := chunk{off: off, size: binary.LittleEndian.Uint32(ch[4:]), fourCC: string(ch[:4])}
		if off+8+int64(c.size) > end {
			return nil, 0, metadata.Malformedf("WebP %q chunk runs past the RIFF end", c.fourCC)
		}
		c.padded = c.size%2 == 1 && off+8+int64(c.size) < end
		out = append(out, c)
		if len(out) > maxChunks {
			return nil, 0, metadata.Malformedf("WebP has over %d chunks", maxChunks)
		}
		off += c.span()
	}
	if len(out) == 0 {
		return nil, 0, metadata.Malformedf("WebP holds no chunks")
	}
	switch out[0].fourCC {
	case "VP8 ", "VP8L", "VP8X":
	default:
		return nil, 0, metadata.Malformedf("WebP starts with a %q chunk, not an image", out[0].fourCC)
	}
	return out, size - end, nil
}

// Inspect reports the file's location, identity and text metadata.
func Inspect(r io.ReaderAt, size int64) (metadata.Findings, error) {
	cs, _, err := chunks(r, size)
	if err != nil {
		return metadata.Findings{}, err
	}
	f, _, err := inspect(r, cs)
	return f, err
}

// inspect reads the EXIF and XMP chunks; EXIF ranks first. It also returns
// the capture date.
func inspect(r io.ReaderAt, cs []chunk) (metadata.Findings, string, error) {
	var fromEXIF, fromXMP metadata.Findings
	for _, c := range cs {
		if c.fourCC != "EXIF" && c.fourCC != "XMP " {
			continue
		}
		b, err := c.data(r)
		if err != nil {
			return metadata.Findings{}, "", err
		}
		// A bad payload is not a bad file: report what it yields; the
		// chunk is dropped on cleaning anyway.
		if c.fourCC == "EXIF" {
			g, _ := inspectEXIF(bytes.TrimPrefix(b, []byte("Exif\x00\x00")))
			fromEXIF.Add(g)
		} else {
			g, _ := inspectXMP(b)
			fromXMP.Add(g)
		}
	}
	var f metadata.Findings
	f.Add(fromEXIF)
	f.Add(fromXMP)
	return f, f.Date, nil
}

// kept are the chunks a clean copy carries over byte for byte.
var kept = map[string]bool{"VP8 ": true, "VP8L": true, "ALPH": true, "ANIM": true, "ANMF": true, "ICCP": true}

// Clean writes a copy to w without location or identity metadata, keeping
// the pixels (bit for bit), the orientation and the colour profile.
func Clean(r io.ReaderAt, size int64, w io.Writer, opt metadata.CleanOptions) (metadata.Result, error) {
	var res metadata.Result
	cs, trailing, err := chunks(r, size)
	if err != nil {
		return res, err
	}
	f, date, err := inspect(r, cs)
	if err != nil {
		return res, err
	}
	extended := cs[0].fourCC == "VP8X"
	var vp8x []byte
	if extended {
		if vp8x, err = cs[0].data(r); err != nil {
			return res, err
		}
		if len(vp8x) < 10 {
			return res, metadata.Malformedf("WebP VP8X chunk of %d bytes is too short", len(vp8x))
		}
	}
	orientation := 0
	if f.Orientation > 1 {
		orientation = f.Orientation
	}
	if !opt.KeepDate {
		date = ""
	}
	var fresh []byte
	if extended {
		// A simple (VP8X-less) file cannot carry EXIF; it never had any.
		fresh = minimalEXIF(orientation, date)
	}

	// The RIFF size comes first, so add up what will be written.
	total := int64(4)
	var keep []chunk
	for _, c := range cs {
		switch {
		case c.fourCC == "VP8X" && extended && len(keep) == 0:
		case kept[c.fourCC]:
		default:
			res.Removed = append(res.Removed, describe(c))
			continue
		}
		keep = append(keep, c)
		total += 8 + int64(c.size) + int64(c.size%2)
	}
	if fresh != nil {
		total += 8 + int64(len(fresh)) + int64(len(fresh)%2)
	}
	if total > 1<<32-1 {
		return res, metadata.Malformedf("WebP clean copy would be over 4 GB")
	}

	head := []byte("RIFF")
	head = binary.LittleEndian.AppendUint32(head, uint32(total))
	head = append(head, "WEBP"...)
	if _, err := w.Write(head); err != nil {
		return res, err
	}
	buf := make([]byte, 32<<10)
	for _, c := range keep {
		if c.fourCC == "VP8X" {
			flags := vp8x[0] &^ (flagEXIF | flagXMP)
			if fresh != nil {
				flags |= flagEXIF
			}
			data := append([]byte{flags}, vp8x[1:]...)
			if err := writeChunk(w, "VP8X", data); err != nil {
				return res, err
			}
			continue
		}
		if _, err := io.CopyBuffer(w, io.NewSectionReader(r, c.off, c.span()), buf); err != nil {
			return res, err
		}
		if c.size%2 == 1 && !c.padded {
			if _, err := w.Write([]byte{0}); err != nil {
				return res, err
			}
		}
		if c.fourCC == "ICCP" {
			res.Kept = append(res.Kept, "ICC colour profile")
		}
	}
	if fresh != nil {
		if err := writeChunk(w, "EXIF", fresh); err != nil {
			return res, err
		}
		if orientation != 0 {
			res.Kept = append(res.Kept, fmt.Sprintf("Orientation %d", orientation))
		}
		if date != "" {
			res.Kept = append(res.Kept, "Date "+date)
		}
	}
	if trailing > 0 {
		res.Removed = append(res.Removed, fmt.Sprintf("data after the end of the image (%s)", bytesText(trailing)))
	}
	return res, nil
}

func writeChunk(w io.Writer, fourCC string, data []byte) error {
	b := make([]byte, 0, 9+len(data))
	b = append(b, fourCC...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(data)))
	b = append(b, data...)
	if len(data)%2 == 1 {
		b = append(b, 0)
	}
	_, err := w.Write(b)
	return err
}

func describe(c chunk) string {
	n := bytesText(int64(c.size))
	switch c.fourCC {
	case "EXIF":
		return "EXIF (" + n + ")"
	case "XMP ":
		return "XMP packet (" + n + ")"
	}
	return fmt.Sprintf("WebP %q chunk (%s)", c.fourCC, n)
}

func bytesText(n int64) string {
	if n < 1024 {
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%d KB", (n+512)/1024)
}
