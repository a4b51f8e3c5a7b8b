// Package exif reads EXIF metadata: the TIFF-structured block that JPEG
// APP1, PNG eXIf, WebP EXIF and HEIC Exif items carry, and the directories of
// TIFF files themselves. It reports location (the GPS IFD), identity
// (camera, serials, owner, software, maker notes, thumbnail) and the text
// fields that can carry a name, and builds the minimal block a clean copy
// keeps. It touches no file: containers hand it bytes or an io.ReaderAt.
package exif

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"

	"photoconsent/app/metadata"
	"photoconsent/app/metadata/iptc"
	"photoconsent/app/metadata/xmp"
)

// maxText caps a text value read for the name search.
const maxText = 64 << 10

// Inspect reports what an EXIF block holds. b starts at the TIFF header
// ("II*\0" or "MM\0*"); an "Exif\0\0" prefix, which some PNG and WebP
// writers leave in, is skipped. It fails only when the header is unusable:
// a bad directory further on is skipped, and a GPS pointer that leads
// nowhere is still reported.
func Inspect(b []byte) (metadata.Findings, error) {
	if len(b) >= 6 && string(b[:5]) == "Exif\x00" {
		b = b[6:]
	}
	d, err := Read(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return metadata.Findings{}, err
	}
	return d.Findings(), nil
}

// InspectReader is Inspect over a TIFF structure read through r.
func InspectReader(r io.ReaderAt, size int64) (metadata.Findings, *Dir, error) {
	d, err := Read(r, size)
	if err != nil {
		return metadata.Findings{}, nil, err
	}
	return d.Findings(), d, nil
}

// Findings reports the location, identity, text, orientation and date held
// in the walked directories.
func (d *Dir) Findings() metadata.Findings {
	var f metadata.Findings
	seen := map[metadata.Finding]bool{}
	add := func(list *[]metadata.Finding, g metadata.Finding) {
		if !seen[g] {
			seen[g] = true
			*list = append(*list, g)
		}
	}
	for _, name := range d.Broken {
		if name == "GPS" {
			add(&f.Location, metadata.Finding{Group: "GPS", Tag: "GPSInfo"})
		}
	}
	var date, modify string
	var cam metadata.Camera
	for _, ifd := range d.IFDs {
		if ifd.Name == "GPS" {
			if len(ifd.Entries) == 0 {
				add(&f.Location, metadata.Finding{Group: "GPS", Tag: "GPSInfo"})
			}
			for _, e := range ifd.Entries {
				add(&f.Location, metadata.Finding{Group: "GPS", Tag: GPSName(e.Tag)})
			}
			continue
		}
		if ifd.Name == "IFD1" {
			if _, ok := ifd.Find(TagThumbnailOffset); ok || len(ifd.Entries) > 0 {
				add(&f.Identity, metadata.Finding{Group: "IFD1", Tag: "ThumbnailImage"})
			}
		}
		for _, e := range ifd.Entries {
			if name, ok := GeoTIFFTags[e.Tag]; ok {
				add(&f.Location, metadata.Finding{Group: "GeoTIFF", Tag: name})
				continue
			}
			if name, ok := identityTags[e.Tag]; ok {
				add(&f.Identity, metadata.Finding{Group: ifd.Name, Tag: name})
			}
			if name, ok := textTags[e.Tag]; ok {
				if s := d.text(e); s != "" {
					f.Texts = append(f.Texts, metadata.Text{Where: "EXIF:" + name, Text: s})
				}
			}
			switch e.Tag {
			case TagOrientation:
				if ifd.Name == "IFD0" && f.Orientation == 0 {
					if v, ok := d.Uint(e); ok && v >= 1 && v <= 8 {
						f.Orientation = int(v)
					}
				}
			case TagDateTimeOriginal:
				if ifd.Name == "ExifIFD" && date == "" {
					date = d.date(e)
				}
			case TagDateTime:
				if ifd.Name == "IFD0" && modify == "" {
					modify = d.date(e)
				}
			case TagMake, TagModel, TagSerialNumber, TagCameraSerialNumber:
				d.camera(&cam, ifd.Name, e)
			case TagXMP, TagIPTC, TagPhotoshop:
				f.Add(d.embedded(e))
			case TagMakerNote:
				for _, g := range d.makerNote(e) {
					add(&f.Location, g)
				}
			}
		}
	}
	f.Date = date
	if f.Date == "" {
		f.Date = modify
	}
	cam.Add(f.Camera) // EXIF's own tags win over an embedded XMP packet's
	f.Camera = cam
	return f
}

// camera fills an empty field of c from a Make or Model in IFD0, or a
// body serial (BodySerialNumber in the Exif IFD, DNG's CameraSerialNumber
// in IFD0). The same tags elsewhere (a thumbnail's IFD1, a SubIFD) are not
// the camera's.
func (d *Dir) camera(c *metadata.Camera, dir string, e Entry) {
	var field *string
	switch {
	case e.Tag == TagMake && dir == "IFD0":
		field = &c.Make
	case e.Tag == TagModel && dir == "IFD0":
		field = &c.Model
	case e.Tag == TagSerialNumber && dir == "ExifIFD", e.Tag == TagCameraSerialNumber && dir == "IFD0":
		field = &c.Serial
	default:
		return
	}
	if *field != "" || (e.Type != 2 && e.Type != 1 && e.Type != 7) {
		return
	}
	b, ok := d.Value(e, 1024)
	if !ok {
		return
	}
	*field = metadata.CameraText(ascii(b))
}

// embedded inspects XMP, IPTC or Photoshop resources stored in a tag.
func (d *Dir) embedded(e Entry) metadata.Findings {
	b, ok := d.Value(e, metadata.MaxPayload)
	if !ok {
		return metadata.Findings{}
	}
	var g metadata.Findings
	var err error
	if e.Tag == TagXMP {
		g, err = xmp.Inspect(b)
	} else {
		g, err = iptc.Inspect(b)
	}
	if err != nil {
		return metadata.Findings{}
	}
	g.Orientation = 0
	g.Date = ""
	return g
}

// date reads an EXIF date ("2006:01:02 15:04:05"), or "" when it is blank
// or not plausibly a date.
func (d *Dir) date(e Entry) string {
	if e.Type != 2 {
		return ""
	}
	b, ok := d.Value(e, 64)
	if !ok {
		return ""
	}
	s := strings.TrimSpace(strings.TrimRight(string(b), "\x00"))
	if len(s) < 10 || len(s) > 32 || strings.HasPrefix(s, "0000") || !printable(s) {
		return ""
	}
	return s
}

func printable(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7E {
			return false
		}
	}
	return true
}

// text decodes a text-carrying tag the way its type says.
func (d *Dir) text(e Entry) string {
	b, ok := d.Value(e, maxText)
	if !ok {
		return ""
	}
	switch {
	case e.Tag >= TagXPTitle && e.Tag <= TagXPSubject:
		return clean(utf16le(b))
	case e.Tag == TagUserComment:
		return clean(userComment(b, d.Order.Uint16([]byte{1, 0}) == 1))
	default:
		return clean(ascii(b))
	}
}

// ascii decodes an ASCII-typed value: UTF-8 when it is valid (many writers
// put UTF-8 there), else Latin-1.
func ascii(b []byte) string {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	if utf8.Valid(b) {
		return string(b)
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

func utf16le(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		c := uint16(b[i]) | uint16(b[i+1])<<8
		if c == 0 {
			break
		}
		u = append(u, c)
	}
	return string(utf16.Decode(u))
}

func utf16be(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		c := uint16(b[i])<<8 | uint16(b[i+1])
		if c == 0 {
			break
		}
		u = append(u, c)
	}
	return string(utf16.Decode(u))
}

// userComment decodes a UserComment: an 8-byte character-code prefix, then
// the text.
func userComment(b []byte, little bool) string {
	if len(b) < 8 {
		return ascii(b)
	}
	code, body := string(b[:8]), b[8:]
	switch {
	case strings.HasPrefix(code, "ASCII"):
		return ascii(body)
	case strings.HasPrefix(code, "UNICODE"):
		// The byte order should follow the block's, but writers disagree:
		// a leading zero byte means big-endian ASCII-range text.
		if len(body) >= 2 && body[0] == 0 && body[1] != 0 {
			return utf16be(body)
		}
		if len(body) >= 2 && body[1] == 0 && body[0] != 0 {
			return utf16le(body)
		}
		if little {
			return utf16le(body)
		}
		return utf16be(body)
	case strings.HasPrefix(code, "JIS"):
		s, err := japanese.ShiftJIS.NewDecoder().Bytes(bytes.TrimRight(body, "\x00"))
		if err != nil {
			return ascii(body)
		}
		return string(s)
	case code == "\x00\x00\x00\x00\x00\x00\x00\x00":
		return ascii(bytes.TrimLeft(body, "\x00"))
	default:
		return ascii(b)
	}
}

// clean trims padding and drops text that is empty or only spaces.
func clean(s string) string {
	s = strings.TrimRight(s, "\x00")
	return strings.TrimSpace(s)
}
