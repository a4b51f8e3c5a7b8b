// Package iptc reads IPTC-IIM records and the Photoshop image resource
// blocks ("8BIM") that usually carry them, handed over by the container
// packages (JPEG APP13, TIFF tag 34377, PNG raw profiles), and reports
// location, identity and name-carrying text with exiftool's tag names.
// It only reads: containers remove these blocks whole when they clean.
package iptc

import (
	"bytes"
	"encoding/binary"
	"strconv"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"photoconsent/app/metadata"
	"photoconsent/app/metadata/xmp"
)

// photoshopHeader starts the payload of a JPEG APP13 segment.
const photoshopHeader = "Photoshop 3.0\x00"

// Inspect reports what a Photoshop image resource block stream holds. It
// also takes the stream with the APP13 "Photoshop 3.0\0" header still on,
// and raw IPTC-IIM (which starts with 0x1C). A stream that breaks off
// reports what was read before the break with an ErrMalformed.
func Inspect(b []byte) (metadata.Findings, error) {
	if len(b) > metadata.MaxPayload {
		return metadata.Findings{}, metadata.Malformedf("IPTC payload of %d bytes is over the %d byte cap", len(b), metadata.MaxPayload)
	}
	b = bytes.TrimPrefix(b, []byte(photoshopHeader))
	if len(b) > 0 && b[0] == 0x1C {
		return InspectIIM(b)
	}
	return inspectIRB(b)
}

// resource IDs of the image resource blocks we look into.
const (
	resIPTC       = 0x0404
	resThumbOld   = 0x0409
	resThumb      = 0x040C
	resURL        = 0x040B
	resEXIF1      = 0x0422
	resEXIF3      = 0x0423
	resXMP        = 0x0424
	resCaptionOld = 0x03F0
)

// signatures that may start an image resource; "8BIM" is by far the most common.
var signatures = [][]byte{[]byte("8BIM"), []byte("PHUT"), []byte("AgHg"), []byte("DCSR"), []byte("MeSa")}

func inspectIRB(b []byte) (metadata.Findings, error) {
	var f metadata.Findings
	for len(b) > 0 {
		if len(b) < 4 || !knownSignature(b[:4]) {
			// Zero padding after the last resource is common.
			if len(bytes.Trim(b, "\x00")) == 0 {
				break
			}
			return f, metadata.Malformedf("image resource without 8BIM signature")
		}
		if len(b) < 7 {
			return f, metadata.Malformedf("image resource header cut short")
		}
		id := binary.BigEndian.Uint16(b[4:6])
		nameLen := int(b[6])
		off := 7 + nameLen
		if off%2 == 1 {
			off++ // the Pascal name with its length byte is padded to even
		}
		if off+4 > len(b) {
			return f, metadata.Malformedf("image resource %#04x header cut short", id)
		}
		size := int64(binary.BigEndian.Uint32(b[off : off+4]))
		off += 4
		if size > int64(len(b)-off) {
			return f, metadata.Malformedf("image resource %#04x runs past the end", id)
		}
		data := b[off : off+int(size)]
		next := off + int(size)
		if next%2 == 1 && next < len(b) {
			next++
		}
		b = b[next:]
		switch id {
		case resIPTC:
			g, err := InspectIIM(data)
			f.Add(g)
			if err != nil {
				return f, err
			}
		case resThumbOld, resThumb:
			add(&f.Identity, metadata.Finding{Group: "Photoshop", Tag: "PhotoshopThumbnail"})
		case resURL:
			add(&f.Identity, metadata.Finding{Group: "Photoshop", Tag: "URL"})
		case resCaptionOld:
			if len(data) > 0 {
				f.Texts = append(f.Texts, metadata.Text{Where: "Photoshop:Caption", Text: decode(data, false)})
			}
		case resXMP:
			// Nested payload errors are not the container's: report what
			// can be read; cleaning drops the whole block anyway.
			if g, err := xmp.Inspect(data); err == nil {
				f.Add(g)
			}
		case resEXIF1, resEXIF3:
			// exif imports this package for TIFF's IPTC tag, so EXIF
			// inside a resource block is only noted, not read.
			add(&f.Identity, metadata.Finding{Group: "Photoshop", Tag: "EXIFInfo"})
		}
	}
	return f, nil
}

func knownSignature(s []byte) bool {
	for _, sig := range signatures {
		if bytes.Equal(s, sig) {
			return true
		}
	}
	return false
}

func add(list *[]metadata.Finding, f metadata.Finding) {
	for _, g := range *list {
		if g.Group == f.Group && g.Tag == f.Tag {
			return
		}
	}
	*list = append(*list, f)
}

// dataset describes one IIM application record (record 2) dataset.
type dataset struct {
	tag                      string
	location, identity, text bool
}

var datasets = map[byte]dataset{
	5:   {tag: "ObjectName", text: true},
	20:  {tag: "SupplementalCategories", text: true},
	25:  {tag: "Keywords", text: true},
	26:  {tag: "ContentLocationCode", location: true},
	27:  {tag: "ContentLocationName", location: true, text: true},
	40:  {tag: "SpecialInstructions", text: true},
	65:  {tag: "OriginatingProgram", identity: true},
	80:  {tag: "By-line", identity: true, text: true},
	85:  {tag: "By-lineTitle", identity: true, text: true},
	90:  {tag: "City", location: true},
	92:  {tag: "Sub-location", location: true},
	95:  {tag: "Province-State", location: true},
	100: {tag: "Country-PrimaryLocationCode", location: true},
	101: {tag: "Country-PrimaryLocationName", location: true},
	103: {tag: "OriginalTransmissionReference", identity: true},
	105: {tag: "Headline", text: true},
	110: {tag: "Credit", identity: true, text: true},
	115: {tag: "Source", identity: true, text: true},
	116: {tag: "CopyrightNotice", identity: true, text: true},
	118: {tag: "Contact", identity: true, text: true},
	120: {tag: "Caption-Abstract", text: true},
	122: {tag: "Writer-Editor", identity: true, text: true},
	202: {tag: "ObjectPreviewData", identity: true},
}

// maxText bounds one reported text value.
const maxText = 4096

// InspectIIM reports what raw IPTC-IIM records hold. Text is read as
// UTF-8 when record 1:90 says so (ESC % G), otherwise as UTF-8 if it is
// valid UTF-8 and as Windows-1252 (a superset of Latin-1) if not.
func InspectIIM(b []byte) (metadata.Findings, error) {
	var f metadata.Findings
	if len(b) > metadata.MaxPayload {
		return f, metadata.Malformedf("IPTC payload of %d bytes is over the %d byte cap", len(b), metadata.MaxPayload)
	}
	utf8Declared := false
	var date, clock string
	for len(b) > 0 {
		if b[0] != 0x1C {
			if len(bytes.Trim(b, "\x00")) == 0 {
				break // padding
			}
			return f, metadata.Malformedf("IPTC record without 0x1C tag marker")
		}
		if len(b) < 5 {
			return f, metadata.Malformedf("IPTC record header cut short")
		}
		record, num := b[1], b[2]
		n := int(binary.BigEndian.Uint16(b[3:5]))
		off := 5
		if n&0x8000 != 0 {
			// Extended dataset: the low 15 bits count the length bytes.
			k := n & 0x7FFF
			if k == 0 || k > 4 || off+k > len(b) {
				return f, metadata.Malformedf("IPTC extended length of %d bytes is bad", k)
			}
			var size uint64
			for _, c := range b[off : off+k] {
				size = size<<8 | uint64(c)
			}
			off += k
			if size > uint64(len(b)-off) {
				return f, metadata.Malformedf("IPTC dataset %d:%d runs past the end", record, num)
			}
			n = int(size)
		}
		if n > len(b)-off {
			return f, metadata.Malformedf("IPTC dataset %d:%d runs past the end", record, num)
		}
		data := b[off : off+n]
		b = b[off+n:]
		switch record {
		case 1:
			if num == 90 && bytes.Equal(data, []byte("\x1b%G")) {
				utf8Declared = true
			}
		case 2:
			switch num {
			case 55:
				date = string(data)
			case 60:
				clock = string(data)
			}
			d, ok := datasets[num]
			if !ok {
				continue
			}
			fd := metadata.Finding{Group: "IPTC", Tag: d.tag}
			if d.location {
				add(&f.Location, fd)
			}
			if d.identity {
				add(&f.Identity, fd)
			}
			if d.text && len(data) > 0 {
				f.Texts = append(f.Texts, metadata.Text{Where: fd.String(), Text: decode(data, utf8Declared)})
			}
		}
	}
	f.Date = iimDate(date, clock)
	return f, nil
}

// decode turns IIM text into UTF-8.
func decode(b []byte, utf8Declared bool) string {
	if len(b) > maxText {
		b = b[:maxText]
	}
	b = bytes.TrimRight(b, "\x00")
	if utf8Declared || utf8.Valid(b) {
		return string(bytes.ToValidUTF8(b, []byte("\uFFFD")))
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return string(bytes.ToValidUTF8(b, []byte("\uFFFD")))
	}
	return string(s)
}

// iimDate turns 2:55 DateCreated (CCYYMMDD) and 2:60 TimeCreated
// (HHMMSS±HHMM) into EXIF's "2006:01:02 15:04:05", or "".
func iimDate(date, clock string) string {
	if len(date) != 8 || !digits(date) {
		return ""
	}
	hms := "00:00:00"
	if len(clock) >= 6 && digits(clock[:6]) {
		hms = clock[0:2] + ":" + clock[2:4] + ":" + clock[4:6]
	}
	if _, err := strconv.Atoi(date); err != nil {
		return ""
	}
	return date[0:4] + ":" + date[4:6] + ":" + date[6:8] + " " + hms
}

func digits(s string) bool {
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
