package exif

import "photoconsent/app/metadata"

// Panasonic maker-note tags that name a place (exiftool's Panasonic.pm).
var panasonicPlaces = map[uint16]string{
	0x67: "Location",
	0x69: "Country",
	0x6b: "State",
	0x6d: "City",
	0x6f: "Landmark",
}

// makerNote reports the location a maker note is known to hold. Only
// Panasonic's is read (a "Panasonic\0\0\0" header, then an IFD whose
// offsets count from the TIFF header); other makers' GPS stays unread, but
// the whole maker note is always reported as identity and removed.
func (d *Dir) makerNote(e Entry) []metadata.Finding {
	if e.Inline() || e.ValueLen < 14 {
		return nil
	}
	hdr, ok := d.Value(Entry{ValuePos: e.ValuePos, ValueLen: 12}, 12)
	if !ok || string(hdr[:10]) != "Panasonic\x00" {
		return nil
	}
	ifd, _, err := d.readIFD("Panasonic", e.ValuePos+12, maxEntries)
	if err != nil {
		return nil
	}
	var out []metadata.Finding
	for _, x := range ifd.Entries {
		name, ok := panasonicPlaces[x.Tag]
		if !ok {
			continue
		}
		b, ok := d.Value(x, 1024)
		if !ok {
			continue
		}
		if s := clean(ascii(b)); s != "" && s != "---" {
			out = append(out, metadata.Finding{Group: "Panasonic", Tag: name})
		}
	}
	return out
}
