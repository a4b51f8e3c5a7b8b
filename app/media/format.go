package media

import (
	"bytes"
	"encoding/binary"
	"slices"
)

// Format is a file's real format, told from its content, never its name:
// a .png that holds a JPEG is a JPEG.
type Format string

// The formats PhotoConsent reads, and the ones it recognises but cannot clean.
const (
	JPEG    Format = "jpeg"
	PNG     Format = "png"
	WebP    Format = "webp"
	GIF     Format = "gif"
	TIFF    Format = "tiff"
	HEIC    Format = "heic"
	AVIF    Format = "avif"
	MP4     Format = "mp4"
	MOV     Format = "mov"
	M4V     Format = "m4v"
	ThreeGP Format = "3gp"
	XMP     Format = "xmp" // a sidecar file: metadata only, no picture

	Unknown Format = ""
)

// sniffLen is how much of a file Sniff looks at.
const sniffLen = 64

// Sniff tells the format from the first bytes of a file, and names formats
// it recognises but does not handle (a Canon raw, JPEG XL) so the report can
// say what the file is.
func Sniff(head []byte) (f Format, name string) {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return JPEG, "JPEG"
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return PNG, "PNG"
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		return WebP, "WebP"
	case bytes.HasPrefix(head, []byte("GIF87a")), bytes.HasPrefix(head, []byte("GIF89a")):
		return GIF, "GIF"
	case bytes.HasPrefix(head, []byte("II*\x00")), bytes.HasPrefix(head, []byte("MM\x00*")):
		return TIFF, "TIFF"
	case bytes.HasPrefix(head, []byte("II+\x00")), bytes.HasPrefix(head, []byte("MM\x00+")):
		return Unknown, "BigTIFF"
	case bytes.HasPrefix(head, []byte{0xFF, 0x0A}), bytes.HasPrefix(head, []byte("\x00\x00\x00\x0cJXL \r\n\x87\n")):
		return Unknown, "JPEG XL"
	case isXMPSidecar(head):
		return XMP, "XMP sidecar"
	}
	return sniffISO(head)
}

// sniffISO recognises the ISO base media family (MP4, QuickTime, HEIF) by
// the ftyp box's brand, or a QuickTime file's first box when it has no ftyp.
func sniffISO(head []byte) (Format, string) {
	if len(head) < 12 {
		return Unknown, ""
	}
	box := string(head[4:8])
	if box != "ftyp" {
		switch box {
		case "moov", "mdat", "wide", "free", "skip", "pnot":
			if binary.BigEndian.Uint32(head[:4]) >= 8 || box == "mdat" {
				return MOV, "QuickTime"
			}
		}
		return Unknown, ""
	}
	brands := []string{string(head[8:12])}
	size := int(binary.BigEndian.Uint32(head[:4]))
	for i := 16; i+4 <= min(size, len(head)); i += 4 {
		brands = append(brands, string(head[i:i+4])) // compatible brands
	}
	has := func(want ...string) bool {
		for _, b := range brands {
			if slices.Contains(want, b) {
				return true
			}
		}
		return false
	}
	// Brands in order of precedence: an AVIF lists mif1 too, a HEIC may list mp41.
	switch {
	case has("crx "):
		return Unknown, "Canon raw (CR3)"
	case has("avif", "avis"):
		return AVIF, "AVIF"
	case has("heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "mif2"):
		return HEIC, "HEIF"
	case has("qt  "):
		return MOV, "QuickTime"
	case has("M4V ", "M4VH", "M4VP"):
		return M4V, "M4V"
	case has("3gp4", "3gp5", "3gp6", "3gp7", "3gp8", "3gp9", "3g2a", "3ge6", "3ge7", "3gg6"):
		return ThreeGP, "3GP"
	}
	return MP4, "MP4" // isom, mp41, mp42, avc1, and the many camera brands
}

func isXMPSidecar(head []byte) bool {
	h := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	return bytes.HasPrefix(h, []byte("<x:xmpmeta")) || bytes.HasPrefix(h, []byte("<?xpacket")) ||
		(bytes.HasPrefix(h, []byte("<?xml")) && bytes.Contains(head, []byte("xmpmeta")))
}
