package bmff

import (
	"encoding/binary"
	"strings"
)

// specific are the brands that say what a generic HEIF (mif1, msf1) holds.
var specific = map[string]bool{
	"avif": true, "avis": true, "heic": true, "heix": true, "heim": true, "heis": true,
	"hevc": true, "hevx": true, "crx ": true,
}

// Sniff returns the major brand of the ftyp box that starts head. For a
// generic HEIF brand (mif1, msf1) it returns the first compatible brand that
// names the codec (avif, heic...) when there is one. A QuickTime file with
// no ftyp (it starts with moov, mdat, wide, free, skip or pnot) is "qt  ".
func Sniff(head []byte) (brand string, ok bool) {
	if len(head) < 8 {
		return "", false
	}
	size := binary.BigEndian.Uint32(head)
	switch string(head[4:8]) {
	case "ftyp":
		if size < 16 || len(head) < 12 {
			return "", false
		}
		major := string(head[8:12])
		if major == "mif1" || major == "msf1" {
			end := min(int(size), len(head))
			for i := 16; i+4 <= end; i += 4 {
				if b := string(head[i : i+4]); specific[b] {
					return b, true
				}
			}
		}
		return major, true
	case "moov", "mdat", "wide", "free", "skip", "pnot":
		if size == 0 || size >= 8 || (size == 1 && len(head) >= 16) {
			return "qt  ", true
		}
	}
	return "", false
}

// Kind names the kind of file a brand stands for: "heic", "heif", "avif",
// "mov", "m4v", "3gp", "cr3", "m4a" or "mp4".
func Kind(brand string) string {
	switch brand {
	case "heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs":
		return "heic"
	case "mif1", "msf1", "mif2":
		return "heif"
	case "avif", "avis", "avio":
		return "avif"
	case "qt  ":
		return "mov"
	case "M4V ", "M4VH", "M4VP":
		return "m4v"
	case "crx ":
		return "cr3"
	case "M4A ", "M4B ", "M4P ":
		return "m4a"
	}
	if strings.HasPrefix(brand, "3g") {
		return "3gp"
	}
	return "mp4"
}
