package jpeg

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"photoconsent/app/metadata"
	"photoconsent/app/metadata/exif"
	"photoconsent/app/metadata/iptc"
	"photoconsent/app/metadata/xmp"
)

// Segment identifiers at the start of APPn payloads.
var (
	idJFIF    = []byte("JFIF\x00")
	idJFXX    = []byte("JFXX\x00")
	idExif    = []byte("Exif\x00")
	idXMP     = []byte("http://ns.adobe.com/xap/1.0/\x00")
	idExtXMP  = []byte("http://ns.adobe.com/xmp/extension/\x00")
	idFLIR    = []byte("FLIR\x00")
	idICC     = []byte("ICC_PROFILE\x00")
	idMPF     = []byte("MPF\x00")
	idAdobe   = []byte("Adobe")
	idPhotosh = []byte("Photoshop 3.0\x00")
	idRMETA   = []byte("RMETA\x00")
)

// action says what a clean copy does with a segment.
type action int

const (
	drop action = iota
	keep
	keepJFIF // the first APP0 JFIF: kept, without its thumbnail
)

// tally counts removed things of one kind for the report.
type tally struct {
	n     int
	bytes int64
}

// plan is what inspecting the segments decided: the findings, what each
// segment becomes in a clean copy, and the report's words.
type plan struct {
	f        metadata.Findings
	exifOri  int    // orientation from EXIF (preferred over XMP's)
	exifDate string // date from EXIF
	actions  []action
	jfif     []byte // the APP0 JFIF payload to write, thumbnail removed
	icc      int    // ICC_PROFILE segments kept
	adobe    bool   // APP14 Adobe kept

	removed map[string]*tally
	order   []string // kinds in the order first met
	gps     int      // EXIF GPS tags removed
	flirGPS bool

	extXMP  map[string]*extended
	extSize int64
	payload *[]byte // the buffer segment reads each payload into; nothing keeps it
	irb     []byte  // Photoshop resources, concatenated over APP13 segments
	flir    []byte  // FLIR data, concatenated over APP1 segments
}

type extended struct {
	data []byte
	have int64
}

func newPlan() *plan {
	return &plan{removed: map[string]*tally{}, extXMP: map[string]*extended{},
		payload: payloadBufs.Get().(*[]byte)}
}

// release returns the plan's payload buffer; the plan reads no more segments.
func (p *plan) release() {
	payloadBufs.Put(p.payload)
	p.payload = nil
}

func (p *plan) remove(kind string, size int64) {
	t := p.removed[kind]
	if t == nil {
		t = &tally{}
		p.removed[kind] = t
		p.order = append(p.order, kind)
	}
	t.n++
	t.bytes += size
}

func (p *plan) identity(group, tag string) {
	g := metadata.Finding{Group: group, Tag: tag}
	for _, h := range p.f.Identity {
		if h == g {
			return
		}
	}
	p.f.Identity = append(p.f.Identity, g)
}

// inspect classifies every segment before the image data.
func (p *plan) inspect(r io.ReaderAt, segs []segment) error {
	p.actions = make([]action, len(segs))
	sawJFIF := false
	for i, s := range segs {
		a, err := p.segment(r, s, !sawJFIF)
		if err != nil {
			return err
		}
		if a == keepJFIF {
			sawJFIF = true
		}
		p.actions[i] = a
	}
	p.finish()
	return nil
}

// segment classifies one segment; firstJFIF says an APP0 JFIF may be kept.
func (p *plan) segment(r io.ReaderAt, s segment, firstJFIF bool) (action, error) {
	if !isAPP(s.marker) && s.marker != markCOM {
		return keep, nil // tables, frame headers, restart interval...
	}
	// Most decisions need only the identifier; read the whole payload only
	// for what is inspected.
	// b is only looked at: whatever is kept from it is copied.
	b, err := readPayload(r, s, 64, *p.payload)
	if err != nil {
		return drop, err
	}
	if needsAll(s.marker, b) && int64(len(b)) < s.payloadLen() {
		if b, err = readPayload(r, s, 1<<16, *p.payload); err != nil {
			return drop, err
		}
	}
	size := s.size
	switch {
	case s.marker == markCOM:
		p.remove("comment", size)
		if t := text(b); t != "" {
			p.f.Texts = append(p.f.Texts, metadata.Text{Where: "JPEG:Comment", Text: t})
		}
	case s.marker == markAPP0 && bytes.HasPrefix(b, idJFIF) && firstJFIF && len(b) >= 14:
		p.jfif = append([]byte(nil), b[:14]...)
		if b[12] != 0 || b[13] != 0 || s.payloadLen() > 14 {
			p.jfif[12], p.jfif[13] = 0, 0
			p.identity("JFIF", "ThumbnailImage")
			p.remove("JFIF thumbnail", s.payloadLen()-14)
		}
		return keepJFIF, nil
	case s.marker == markAPP0 && bytes.HasPrefix(b, idJFXX):
		p.identity("JFXX", "ThumbnailImage")
		p.remove("JFXX thumbnail", size)
	case s.marker == markAPP1 && bytes.HasPrefix(b, idExif) && len(b) >= 6:
		p.exif(b[6:], size)
	case s.marker == markAPP1 && bytes.HasPrefix(b, idXMP):
		p.remove("XMP packet", size)
		p.xmp(b[len(idXMP):])
	case s.marker == markAPP1 && bytes.HasPrefix(b, idExtXMP):
		p.remove("extended XMP", size)
		p.extendedXMP(b[len(idExtXMP):])
	case s.marker == markAPP1 && bytes.HasPrefix(b, idFLIR) && len(b) >= 8:
		p.remove("FLIR camera data", size)
		p.identity("FLIR", "CameraInfo")
		if p.flir == nil {
			// Bytes 6 and 7 number this segment and the last: room for
			// all, up to a size real cameras stay under (a damaged count
			// must not reserve megabytes; append grows past it if need be).
			p.flir = make([]byte, 0, min((int(b[7])+1)*len(b), 1<<20))
		}
		if int64(len(p.flir)+len(b)-8) <= metadata.MaxPayload {
			p.flir = append(p.flir, b[8:]...)
		}
	case s.marker == markAPP2 && bytes.HasPrefix(b, idICC):
		p.icc++
		return keep, nil
	case s.marker == markAPP2 && bytes.HasPrefix(b, idMPF):
		p.identity("MPF", "PreviewImage")
		p.remove("MPF preview index", size)
	case s.marker == markAPPE && bytes.HasPrefix(b, idAdobe):
		p.adobe = true
		return keep, nil
	case s.marker == markAPPD && bytes.HasPrefix(b, idPhotosh):
		p.remove("Photoshop/IPTC block", size)
		if int64(len(p.irb)+len(b)) <= metadata.MaxPayload {
			p.irb = append(p.irb, b[len(idPhotosh):]...)
		}
	default:
		name := fmt.Sprintf("APP%d", s.marker-markAPP0)
		if s.marker == markAPP0+5 && bytes.HasPrefix(b, idRMETA) && bytes.Contains(b, []byte("Location")) {
			// Ricoh RMETA can carry a typed-in place name.
			p.f.Location = append(p.f.Location, metadata.Finding{Group: "RMETA", Tag: "Location"})
		}
		id := ident(b)
		p.identity(name, id)
		kind := name + " segment"
		if id != "" && id != "Unknown" {
			kind = name + " " + id + " segment"
		}
		p.remove(kind, size)
	}
	return drop, nil
}

func (p *plan) exif(b []byte, size int64) {
	p.remove("EXIF block", size)
	g, err := exif.Inspect(b)
	if err != nil {
		// Unreadable, so it may hold anything: report it, drop it.
		p.identity("APP1", "Exif")
		return
	}
	for _, l := range g.Location {
		if l.Group == "GPS" {
			p.gps++
		}
	}
	for _, id := range g.Identity {
		switch id.Tag {
		case "ThumbnailImage":
			p.remove("embedded thumbnail", 0)
		case "MakerNotes":
			p.remove("maker notes", 0)
		}
	}
	if p.exifOri == 0 {
		p.exifOri = g.Orientation
	}
	if p.exifDate == "" {
		p.exifDate = g.Date
	}
	p.f.Add(g)
}

func (p *plan) xmp(b []byte) {
	g, err := xmp.Inspect(b)
	if err != nil {
		p.identity("APP1", "XMP")
		return
	}
	p.f.Add(g)
}

// extendedXMP collects one piece of an XMP packet too big for a segment:
// a 32-byte GUID, the full length, this piece's offset, the piece.
func (p *plan) extendedXMP(b []byte) {
	if len(b) < 40 {
		return
	}
	guid := string(b[:32])
	full := int64(binary.BigEndian.Uint32(b[32:]))
	off := int64(binary.BigEndian.Uint32(b[36:]))
	piece := b[40:]
	x := p.extXMP[guid]
	if x == nil {
		if full > metadata.MaxPayload || p.extSize+full > metadata.MaxPayload {
			p.identity("APP1", "ExtendedXMP")
			return
		}
		p.extSize += full
		x = &extended{data: make([]byte, full)}
		p.extXMP[guid] = x
	}
	if off+int64(len(piece)) > int64(len(x.data)) {
		return
	}
	x.have += int64(copy(x.data[off:], piece))
}

// finish inspects what spanned several segments.
func (p *plan) finish() {
	for _, x := range p.extXMP {
		p.xmp(x.data)
	}
	p.extXMP = map[string]*extended{}
	if len(p.irb) > 0 {
		g, err := iptc.Inspect(p.irb)
		if err != nil {
			p.identity("APP13", "Photoshop")
		} else {
			g.Orientation, g.Date = 0, ""
			p.f.Add(g)
		}
		p.irb = nil
	}
	if len(p.flir) > 0 {
		for _, tag := range flirGPS(p.flir) {
			p.flirGPS = true
			p.f.Location = append(p.f.Location, metadata.Finding{Group: "FLIR", Tag: tag})
		}
		p.flir = nil
	}
}

// needsAll says whether a segment's whole payload is inspected.
func needsAll(marker byte, b []byte) bool {
	switch marker {
	case markCOM, markAPPD:
		return true
	case markAPP0 + 5:
		return bytes.HasPrefix(b, idRMETA)
	case markAPP1:
		return bytes.HasPrefix(b, idExif) || bytes.HasPrefix(b, idXMP) || bytes.HasPrefix(b, idExtXMP) || bytes.HasPrefix(b, idFLIR)
	}
	return false
}

// ident is the identifier a vendor segment starts with ("RMETA", "GoPro").
func ident(b []byte) string {
	end := bytes.IndexByte(b, 0)
	if end < 0 || end > 32 {
		end = min(len(b), 32)
	}
	id := b[:end]
	n := 0
	for n < len(id) && id[n] >= 0x20 && id[n] < 0x7F {
		n++
	}
	if n < 2 {
		return "Unknown"
	}
	return strings.TrimSpace(string(id[:n]))
}

// text decodes comment bytes: UTF-8 when valid, else Latin-1.
func text(b []byte) string {
	b = bytes.TrimRight(b, "\x00 \r\n\t")
	if utf8.Valid(b) {
		return strings.TrimSpace(string(b))
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return strings.TrimSpace(string(r))
}

// words turns the tallies into the report's phrases.
func (p *plan) words() []string {
	var out []string
	for _, kind := range p.order {
		t := p.removed[kind]
		switch kind {
		case "embedded thumbnail", "maker notes":
			out = append(out, kind)
		case "EXIF block":
			if p.gps > 0 {
				out = append(out, "EXIF GPS ("+plural(p.gps, "tag", "tags")+")")
			}
			out = append(out, fmt.Sprintf("EXIF block (%s)", sizeWords(t.bytes)))
		case "comment":
			out = append(out, plural(t.n, "comment", "comments"))
		case "FLIR camera data":
			if p.flirGPS {
				out = append(out, "FLIR GPS")
			}
			out = append(out, fmt.Sprintf("FLIR camera data (%s)", sizeWords(t.bytes)))
		default:
			out = append(out, fmt.Sprintf("%s (%s)", kind, sizeWords(t.bytes)))
		}
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// sizeWords writes a byte count the way the report shows it.
func sizeWords(n int64) string {
	switch {
	case n < 1024:
		return plural(int(n), "byte", "bytes")
	case n < 1<<20:
		return fmt.Sprintf("%d KB", (n+512)/1024)
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
}
