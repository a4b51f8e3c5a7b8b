package preview

import (
	"bytes"
	"encoding/binary"
	"io"
	"slices"

	"photoconsent/app/media"
)

// A span is a run of bytes in the file: where an EXIF block or an MPF index
// starts, and how long it may be.
type span struct{ pos, n int64 }

// jpegSpans walks a JPEG's marker segments up to the first scan and returns
// the EXIF block (APP1 "Exif\0\0") and the MPF index (APP2 "MPF\0"); n is 0
// for one it lacks. The MPF span runs to the end of the file, since its
// offsets point past the segment.
func jpegSpans(r io.ReaderAt, size int64) (exif, mpf span) {
	pos := int64(2)
	for seg := 0; seg < 1024 && pos+4 <= size; seg++ {
		var h [4]byte
		if _, err := r.ReadAt(h[:], pos); err != nil {
			return
		}
		if h[0] != 0xFF {
			return
		}
		m := h[1]
		switch {
		case m == 0xFF: // fill byte
			pos++
			continue
		case m == 0x01 || (m >= 0xD0 && m <= 0xD8):
			pos += 2
			continue
		case m == 0xDA || m == 0xD9:
			return
		}
		n := int64(binary.BigEndian.Uint16(h[2:]))
		if n < 2 || pos+2+n > size {
			return
		}
		body := span{pos + 4, n - 2}
		switch m {
		case 0xE1:
			if exif.n == 0 && hasPrefix(r, body, "Exif\x00\x00") {
				exif = span{body.pos + 6, body.n - 6}
			}
		case 0xE2:
			if mpf.n == 0 && hasPrefix(r, body, "MPF\x00") {
				mpf = span{body.pos + 4, size - body.pos - 4}
			}
		}
		pos += 2 + n
	}
	return
}

func hasPrefix(r io.ReaderAt, s span, p string) bool {
	if s.n < int64(len(p)) {
		return false
	}
	b := make([]byte, len(p))
	if _, err := r.ReadAt(b, s.pos); err != nil {
		return false
	}
	return string(b) == p
}

// chunkSpan finds the EXIF chunk of a PNG (eXIf) or WebP (EXIF) file; n
// is 0 when there is none.
func chunkSpan(r io.ReaderAt, size int64, f media.Format) span {
	want := "eXIf"
	if f == media.WebP {
		want = "EXIF"
	}
	_, s := findChunk(r, size, f, want)
	if hasPrefix(r, s, "Exif\x00\x00") { // some writers leave it in
		s = span{s.pos + 6, s.n - 6}
	}
	return s
}

// findChunk walks a PNG's or WebP's chunks to the first of the wanted
// types and returns its type and body; n is 0 when there is none.
func findChunk(r io.ReaderAt, size int64, f media.Format, want ...string) (string, span) {
	pos := int64(8)
	if f == media.WebP {
		pos = 12
	}
	for i := 0; i < 4096 && pos+8 <= size; i++ {
		var h [8]byte
		if _, err := r.ReadAt(h[:], pos); err != nil {
			return "", span{}
		}
		var n int64
		var typ string
		if f == media.WebP {
			typ, n = string(h[:4]), int64(binary.LittleEndian.Uint32(h[4:]))
		} else {
			typ, n = string(h[4:]), int64(binary.BigEndian.Uint32(h[:4]))
		}
		if n > size-pos-8 {
			return "", span{}
		}
		if slices.Contains(want, typ) {
			return typ, span{pos + 8, n}
		}
		if typ == "IEND" {
			return "", span{}
		}
		if f == media.WebP {
			pos += 8 + n + n&1
		} else {
			pos += 12 + n
		}
	}
	return "", span{}
}

// webpFrame reads the width and height in a WebP's VP8 or VP8L bitstream,
// which the decoder uses even when the VP8X header says otherwise.
func webpFrame(r io.ReaderAt, size int64) (w, h int, ok bool) {
	typ, s := findChunk(r, size, media.WebP, "VP8 ", "VP8L")
	var b [10]byte
	if s.n < 10 {
		return 0, 0, false
	}
	if _, err := r.ReadAt(b[:], s.pos); err != nil {
		return 0, 0, false
	}
	if typ == "VP8L" {
		v := binary.LittleEndian.Uint32(b[1:])
		return int(v&0x3FFF) + 1, int(v>>14&0x3FFF) + 1, b[0] == 0x2F
	}
	le := binary.LittleEndian
	return int(le.Uint16(b[6:]) & 0x3FFF), int(le.Uint16(b[8:]) & 0x3FFF), string(b[3:6]) == "\x9d\x01\x2a"
}

// exifSpan is where the file's EXIF block (a TIFF structure) lies, by format.
func exifSpan(r io.ReaderAt, size int64, f media.Format) span {
	switch f {
	case media.JPEG:
		s, _ := jpegSpans(r, size)
		return s
	case media.PNG, media.WebP:
		return chunkSpan(r, size, f)
	case media.TIFF:
		return span{0, size}
	}
	return span{}
}

// sniff reads the head of the file and tells its format; BMP, which
// media.Sniff does not know, is reported as bmp.
func sniff(r io.ReaderAt) (media.Format, string) {
	head := make([]byte, 64)
	n, err := r.ReadAt(head, 0)
	if n == 0 && err != nil {
		return media.Unknown, ""
	}
	head = head[:n]
	if bytes.HasPrefix(head, []byte("BM")) && n >= 26 {
		return fmtBMP, "BMP"
	}
	return media.Sniff(head)
}

const fmtBMP media.Format = "bmp"
