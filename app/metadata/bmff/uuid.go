package bmff

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"sort"

	"photoconsent/app/metadata"
	"photoconsent/app/metadata/exif"
	"photoconsent/app/metadata/xmp"
)

// uuid box types: Adobe's XMP, Canon's CR3 metadata and preview.
var (
	uuidXMP       = [16]byte{0xbe, 0x7a, 0xcf, 0xcb, 0x97, 0xa9, 0x42, 0xe8, 0x9c, 0x71, 0x99, 0x94, 0x91, 0xe3, 0xaf, 0xac}
	uuidCanon     = [16]byte{0x85, 0xc0, 0xb6, 0x87, 0x82, 0x0f, 0x11, 0xe0, 0x81, 0x11, 0xf4, 0xce, 0x46, 0x2b, 0x6a, 0x48}
	uuidCanonPrvw = [16]byte{0xea, 0xf4, 0x2b, 0x5e, 0x1c, 0x98, 0x4b, 0x88, 0xb9, 0xfb, 0xb7, 0xdc, 0x40, 0x6e, 0x4d, 0x16}
)

// uuid handles a uuid box: XMP and Canon's metadata are reported and (XMP,
// EXIF-looking payloads) neutralised; unknown ones are left alone.
func (p *plan) uuid(b box, depth int) error {
	if depth > maxDepth {
		return metadata.Malformedf("boxes nested too deep")
	}
	switch b.uuid {
	case uuidXMP:
		if err := p.inspectBox("XMP", b, xmp.Inspect); err != nil {
			return err
		}
		p.removed = append(p.removed, fmt.Sprintf("XMP packet (uuid box, %s)", kb(b.bodyLen())))
		p.free(b)
		return nil
	case uuidCanon:
		return p.canon(b)
	case uuidCanonPrvw:
		p.f.Identity = append(p.f.Identity, metadata.Finding{Group: "Canon", Tag: "PreviewImage"})
		return nil
	}
	head, err := p.w.read(b.body(), min(b.bodyLen(), 64))
	if err != nil {
		return err
	}
	switch {
	case bytes.HasPrefix(head, []byte("MM\x00*")) || bytes.HasPrefix(head, []byte("II*\x00")):
		if err := p.inspectBox("EXIF", b, exif.Inspect); err != nil {
			return err
		}
		p.removed = append(p.removed, fmt.Sprintf("EXIF (uuid box, %s)", kb(b.bodyLen())))
		p.free(b)
	case bytes.Contains(head, []byte("<?xpacket")) || bytes.Contains(head, []byte("<x:xmpmeta")):
		if err := p.inspectBox("XMP", b, xmp.Inspect); err != nil {
			return err
		}
		p.removed = append(p.removed, fmt.Sprintf("XMP packet (uuid box, %s)", kb(b.bodyLen())))
		p.free(b)
	}
	return nil
}

// canon reads the metadata of a Canon CR3: CMT1-CMT3 are TIFF-structured
// EXIF (IFD0, Exif IFD, maker notes), CMT4 is the GPS IFD on its own.
func (p *plan) canon(b box) error {
	p.raw = true
	kids, err := p.w.kids(b, false)
	if err != nil {
		return err
	}
	for _, k := range kids {
		switch k.typ {
		case "CMT1", "CMT2", "CMT3":
			if err := p.inspectBox("EXIF", k, exif.Inspect); err != nil {
				return err
			}
		case "CMT4":
			body, err := p.w.payload(k)
			if err != nil {
				return err
			}
			for _, t := range gpsTags(body) {
				p.f.Location = append(p.f.Location, metadata.Finding{Group: "GPS", Tag: t})
			}
		case "THMB":
			p.f.Identity = append(p.f.Identity, metadata.Finding{Group: "Canon", Tag: "ThumbnailImage"})
		}
	}
	return nil
}

var gpsNames = []string{"GPSVersionID", "GPSLatitudeRef", "GPSLatitude", "GPSLongitudeRef", "GPSLongitude",
	"GPSAltitudeRef", "GPSAltitude", "GPSTimeStamp", "GPSSatellites", "GPSStatus", "GPSMeasureMode", "GPSDOP",
	"GPSSpeedRef", "GPSSpeed", "GPSTrackRef", "GPSTrack", "GPSImgDirectionRef", "GPSImgDirection",
	"GPSMapDatum", "GPSDestLatitudeRef", "GPSDestLatitude", "GPSDestLongitudeRef", "GPSDestLongitude",
	"GPSDestBearingRef", "GPSDestBearing", "GPSDestDistanceRef", "GPSDestDistance", "GPSProcessingMethod",
	"GPSAreaInformation", "GPSDateStamp", "GPSDifferential", "GPSHPositioningError"}

// gpsTags names the entries of a TIFF whose first IFD is a GPS IFD.
func gpsTags(b []byte) []string {
	if len(b) < 8 {
		return nil
	}
	var bo binary.ByteOrder
	switch string(b[:2]) {
	case "MM":
		bo = binary.BigEndian
	case "II":
		bo = binary.LittleEndian
	default:
		return nil
	}
	off := int(bo.Uint32(b[4:]))
	if off < 8 || off > len(b)-2 {
		return nil
	}
	n := int(bo.Uint16(b[off:]))
	var out []string
	for i := 0; i < n && off+2+12*(i+1) <= len(b); i++ {
		t := int(bo.Uint16(b[off+2+12*i:]))
		if t < len(gpsNames) {
			out = append(out, gpsNames[t])
		} else {
			out = append(out, fmt.Sprintf("GPS-0x%04x", t))
		}
	}
	sort.Strings(out)
	return out
}

func kb(n int64) string {
	if n < 1024 {
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%d KB", (n+512)/1024)
}
