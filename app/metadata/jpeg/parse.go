package jpeg

import (
	"bytes"
	"io"
	"sync"

	"photoconsent/app/metadata"
)

// Marker codes used here.
const (
	markSOI  = 0xD8
	markEOI  = 0xD9
	markSOS  = 0xDA
	markAPP0 = 0xE0
	markAPP1 = 0xE1
	markAPP2 = 0xE2
	markAPPD = 0xED
	markAPPE = 0xEE
	markAPPF = 0xEF
	markCOM  = 0xFE
	markTEM  = 0x01
)

// maxSegments caps the segments read before the image data.
const maxSegments = 1 << 16

// segment is one marker segment: 0xFF, the marker, a 2-byte length, payload.
type segment struct {
	marker byte
	off    int64 // offset of the 0xFF
	size   int64 // marker, length and payload together
}

func (s segment) payloadOff() int64 { return s.off + 4 }
func (s segment) payloadLen() int64 { return s.size - 4 }
func (s segment) end() int64        { return s.off + s.size }

func isAPP(m byte) bool { return m >= markAPP0 && m <= markAPPF }
func isRST(m byte) bool { return m >= 0xD0 && m <= 0xD7 }

// window reads small pieces of a file through a buffer, so walking segment
// headers costs few reads.
type window struct {
	r    io.ReaderAt
	size int64
	buf  []byte
	off  int64 // file offset of buf[0]
	n    int   // valid bytes in buf
}

// windowBufs and payloadBufs keep the buffers of one file for the next:
// a batch of small photos otherwise spends much of its time allocating,
// clearing and collecting them.
var (
	windowBufs  = sync.Pool{New: func() any { b := make([]byte, 8<<10); return &b }}
	payloadBufs = sync.Pool{New: func() any { b := make([]byte, 1<<16); return &b }}
)

func newWindow(r io.ReaderAt, size int64) *window {
	return &window{r: r, size: size, buf: *windowBufs.Get().(*[]byte)}
}

// release returns the window's buffer; the window is not used after.
func (w *window) release() {
	b := w.buf
	windowBufs.Put(&b)
	w.buf, w.n = nil, 0
}

// byteAt returns the byte at off, or false past the end or on a read error.
func (w *window) byteAt(off int64) (byte, bool) {
	if off < 0 || off >= w.size {
		return 0, false
	}
	if off < w.off || off >= w.off+int64(w.n) {
		n := int64(len(w.buf))
		if w.size-off < n {
			n = w.size - off
		}
		m, err := w.r.ReadAt(w.buf[:n], off)
		if m < int(n) && err != nil {
			w.n = 0
			return 0, false
		}
		w.off, w.n = off, int(n)
	}
	return w.buf[off-w.off], true
}

func (w *window) u16(off int64) (int, bool) {
	a, ok1 := w.byteAt(off)
	b, ok2 := w.byteAt(off + 1)
	return int(a)<<8 | int(b), ok1 && ok2
}

// layout is where things are in a JPEG file.
type layout struct {
	head []segment // segments between SOI and the first SOS, in order
	junk int64     // bytes skipped between segments that were not segments
	sos  segment   // the first SOS segment (header only)
}

// readHead walks the segments from SOI to the first SOS. On error the
// layout still holds the segments read so far, for Inspect to report.
func readHead(r io.ReaderAt, size int64) (*layout, error) {
	l := &layout{}
	err := l.read(r, size)
	return l, err
}

func (l *layout) read(r io.ReaderAt, size int64) error {
	w := newWindow(r, size)
	defer w.release()
	a, ok1 := w.byteAt(0)
	b, ok2 := w.byteAt(1)
	if !ok1 || !ok2 || a != 0xFF || b != markSOI {
		return metadata.Malformedf("jpeg: no start-of-image marker")
	}
	pos := int64(2)
	for {
		c, ok := w.byteAt(pos)
		if !ok {
			return metadata.Malformedf("jpeg: file ends before the image data")
		}
		if c != 0xFF {
			// Junk between segments (some writers leave a few bytes):
			// skip to the next 0xFF, as exiftool does.
			next, err := findFF(r, pos, size)
			if err != nil {
				return err
			}
			l.junk += next - pos
			pos = next
			continue
		}
		// Fill bytes: any run of 0xFF before the marker code.
		for c == 0xFF {
			pos++
			if c, ok = w.byteAt(pos); !ok {
				return metadata.Malformedf("jpeg: file ends before the image data")
			}
		}
		off := pos - 1
		pos++
		switch {
		case c == markEOI:
			return metadata.Malformedf("jpeg: end-of-image marker before any image data")
		case c == markSOI:
			return metadata.Malformedf("jpeg: a second start-of-image marker before the image data")
		case isRST(c) || c == markTEM:
			continue // standalone marker with no meaning here
		case c == 0x00:
			l.junk += 2
			continue
		}
		n, ok := w.u16(pos)
		if !ok {
			return metadata.Malformedf("jpeg: segment length cut short")
		}
		if n < 2 {
			return metadata.Malformedf("jpeg: segment 0x%02X has a bad length %d", c, n)
		}
		s := segment{marker: c, off: off, size: 2 + int64(n)}
		if s.end() > size {
			return metadata.Malformedf("jpeg: segment 0x%02X runs past the end of the file", c)
		}
		if c == markSOS {
			l.sos = s
			return nil
		}
		if len(l.head) >= maxSegments {
			return metadata.Malformedf("jpeg: too many segments")
		}
		l.head = append(l.head, s)
		pos = s.end()
	}
}

// findFF returns the offset of the next 0xFF at or after pos.
func findFF(r io.ReaderAt, pos, size int64) (int64, error) {
	buf := make([]byte, 4<<10)
	for pos < size {
		n := int64(len(buf))
		if size-pos < n {
			n = size - pos
		}
		m, err := r.ReadAt(buf[:n], pos)
		if int64(m) < n && err != nil {
			return 0, metadata.Malformedf("jpeg: reading: %v", err)
		}
		if i := bytes.IndexByte(buf[:n], 0xFF); i >= 0 {
			return pos + int64(i), nil
		}
		pos += n
	}
	return 0, metadata.Malformedf("jpeg: file ends before the image data")
}

// scanResult is what walking the image data found.
type scanResult struct {
	eoiEnd  int64     // offset just past the EOI marker
	dropped []segment // APPn and COM segments between scans, left out
}

// scanBuf is the size of the chunks scan reads. The buffers are reused:
// allocating one per file made a batch of small photos spend a fifth of
// its time clearing and returning memory.
const scanBuf = 256 << 10

var scanBufs = sync.Pool{New: func() any { b := make([]byte, scanBuf); return &b }}

// scan walks the image data from the first SOS to EOI. With w non-nil it
// copies the data to w as it goes (one read per chunk, no per-byte Go
// work: bytes.IndexByte finds each 0xFF), leaving out APPn and COM segments
// met between progressive scans. Everything else is copied bit for bit.
func scan(r io.ReaderAt, size int64, sos segment, w io.Writer) (scanResult, error) {
	var res scanResult
	bp := scanBufs.Get().(*[]byte)
	defer scanBufs.Put(bp)
	buf := (*bp)[:min(scanBuf, max(size-sos.off, 2))]
	pos := sos.off // file offset of buf[0]
	flush := pos   // first byte not yet written
	var n int      // valid bytes in buf
	emit := func(upto int64) error {
		if upto <= flush {
			return nil
		}
		if w != nil {
			var err error
			if flush >= pos && upto <= pos+int64(n) {
				_, err = w.Write(buf[flush-pos : upto-pos])
			} else {
				err = copySection(w, r, flush, upto-flush)
			}
			if err != nil {
				return err
			}
		}
		flush = upto
		return nil
	}
	// The first chunk starts at the SOS marker; its header is skipped, as
	// its bytes are not entropy-coded data.
	next := sos.off
	skip := int(sos.size)
	for {
		pos = next
		if pos >= size {
			return res, metadata.Malformedf("jpeg: no end-of-image marker (file cut short)")
		}
		want := int64(len(buf))
		if size-pos < want {
			want = size - pos
		}
		m, err := r.ReadAt(buf[:want], pos)
		if int64(m) < want && err != nil {
			return res, metadata.Malformedf("jpeg: reading image data: %v", err)
		}
		n = int(want)
		chunk := buf[:n]
		i := min(skip, n)
		skip = 0
		next = pos + int64(n)
		for {
			j := bytes.IndexByte(chunk[i:], 0xFF)
			if j < 0 {
				break
			}
			i += j
			if i+1 >= n {
				if pos+int64(n) >= size {
					return res, metadata.Malformedf("jpeg: no end-of-image marker (file cut short)")
				}
				next = pos + int64(i) // re-read from the 0xFF
				break
			}
			c := chunk[i+1]
			if c == 0x00 || c == 0xFF || isRST(c) || c == markTEM {
				i++
				continue
			}
			off := pos + int64(i)
			if c == markEOI {
				res.eoiEnd = off + 2
				if err := emit(res.eoiEnd); err != nil {
					return res, err
				}
				return res, nil
			}
			var lb [2]byte
			if off+4 > size {
				return res, metadata.Malformedf("jpeg: segment between scans cut short")
			}
			if _, err := r.ReadAt(lb[:], off+2); err != nil {
				return res, metadata.Malformedf("jpeg: reading image data: %v", err)
			}
			l := int64(lb[0])<<8 | int64(lb[1])
			if l < 2 || off+2+l > size {
				return res, metadata.Malformedf("jpeg: segment 0x%02X between scans has a bad length", c)
			}
			s := segment{marker: c, off: off, size: 2 + l}
			if isAPP(c) || c == markCOM {
				// Fill bytes (0xFF) before the marker go with it: left
				// behind, they would join the next byte into a marker.
				start := off
				for start > flush && start > pos && chunk[start-pos-1] == 0xFF {
					start--
				}
				if err := emit(start); err != nil {
					return res, err
				}
				flush = s.end()
				if len(res.dropped) < maxSegments {
					res.dropped = append(res.dropped, s)
				}
			}
			if s.end() >= pos+int64(n) {
				next = s.end()
				break
			}
			i = int(s.end() - pos)
		}
		if err := emit(min(next, pos+int64(n))); err != nil {
			return res, err
		}
	}
}

// copySection copies n bytes at off from r to w.
func copySection(w io.Writer, r io.ReaderAt, off, n int64) error {
	_, err := io.Copy(onlyWriter{w}, io.NewSectionReader(r, off, n))
	return err
}

// onlyWriter hides a writer's ReadFrom so io.Copy uses its own buffer.
type onlyWriter struct{ w io.Writer }

func (o onlyWriter) Write(p []byte) (int, error) { return o.w.Write(p) }

// readPayload reads a segment's payload, at most max bytes of it, into
// buf (which must hold max bytes) and returns the bytes read.
func readPayload(r io.ReaderAt, s segment, max int64, buf []byte) ([]byte, error) {
	n := s.payloadLen()
	if n > max {
		n = max
	}
	b := buf[:n]
	if m, err := r.ReadAt(b, s.payloadOff()); m < len(b) {
		return nil, metadata.Malformedf("jpeg: reading segment: %v", err)
	}
	return b, nil
}
