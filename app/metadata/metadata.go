// Package metadata is the shared vocabulary of the photo and video checks:
// what a file's metadata says about where it was taken and who took it or is
// in it, and what cleaning removed and kept. The parsers for metadata
// payloads (exif, xmp, iptc) and for containers (jpeg, png, webp, gif, tiff,
// bmff) live in its subpackages; app/media picks one by content and works on
// files. Nothing here touches the disk, Fyne or Badger.
package metadata

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Finding is one piece of metadata that can locate or identify: a tag in a
// group, named the way exiftool's -G1 output names it where there is an
// equivalent (group "GPS", tag "GPSLatitude"; group "XMP-photoshop", tag
// "City"), so reports can be compared with the reference oracle.
type Finding struct {
	Group string `json:"group"`
	Tag   string `json:"tag"`
	// Unremovable marks location that cannot be removed without
	// re-encoding, such as GPS in a GoPro GPMF timed-metadata track. Zero
	// (false) for everything Clean removes.
	Unremovable bool `json:"unremovable,omitempty"`
}

func (f Finding) String() string { return f.Group + ":" + f.Tag }

// Text is metadata text that may carry a person's name, for the name search.
type Text struct {
	Where string `json:"where"` // e.g. "EXIF:ImageDescription", "XMP-dc:Subject", "PNG:tEXt Comment"
	Text  string `json:"text"`
}

// Findings is what inspecting a file or a payload found.
type Findings struct {
	Location []Finding // where: GPS, place names, GeoTIFF, location boxes...
	Identity []Finding // who/what: camera serials, owner, artist, software, unique IDs, thumbnails
	Texts    []Text    // every text field that can carry a name
	// Orientation is the EXIF/XMP display orientation, 1-8; 0 when absent.
	Orientation int
	// Date is the capture date as EXIF writes it ("2006:01:02 15:04:05"), or "".
	Date string
	// Camera is the device the file says took it; zero when it does not say.
	Camera Camera
}

// Camera is the device a photo or video says took it, as its metadata
// names it: EXIF Make/Model/BodySerialNumber, XMP tiff:Make and friends,
// QuickTime com.apple.quicktime.make/model. Each field is already tidied
// by CameraText; any of them may be empty.
type Camera struct {
	Make   string `json:"make,omitempty"`
	Model  string `json:"model,omitempty"`
	Serial string `json:"serial,omitempty"`
}

// IsZero reports whether the file says nothing about its camera.
func (c Camera) IsZero() bool { return c == Camera{} }

// Add fills each empty field of c from g: the first payload to name a
// field wins.
func (c *Camera) Add(g Camera) {
	if c.Make == "" {
		c.Make = g.Make
	}
	if c.Model == "" {
		c.Model = g.Model
	}
	if c.Serial == "" {
		c.Serial = g.Serial
	}
}

// MaxCameraText caps a camera make, model or serial, in runes: real ones
// are a few dozen characters, and the value is shown on screen.
const MaxCameraText = 64

// CameraText tidies a make, model or serial read from a file: invalid
// UTF-8 and control characters are dropped, NULs and spaces trimmed from
// both ends, runs of spaces folded to one, and the result capped at
// MaxCameraText runes.
func CameraText(s string) string {
	if i := strings.IndexByte(s, 0); i >= 0 {
		s = s[:i] // C strings: what follows the first NUL is padding or junk
	}
	s = strings.ToValidUTF8(s, "")
	var b strings.Builder
	space, n := false, 0
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if !unicode.IsPrint(r) || r == utf8.RuneError {
			continue
		}
		if n+1+btoi(space) > MaxCameraText {
			break
		}
		if space {
			b.WriteByte(' ')
			n++
			space = false
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Add appends another payload's findings (orientation, date and each
// camera field: first wins).
func (f *Findings) Add(g Findings) {
	f.Camera.Add(g.Camera)
	f.Location = append(f.Location, g.Location...)
	f.Identity = append(f.Identity, g.Identity...)
	f.Texts = append(f.Texts, g.Texts...)
	if f.Orientation == 0 {
		f.Orientation = g.Orientation
	}
	if f.Date == "" {
		f.Date = g.Date
	}
}

// CleanOptions say what a clean copy keeps beyond the pixels, the display
// orientation and the colour profile, which are always kept.
type CleanOptions struct {
	KeepDate bool // keep the capture date (EXIF DateTimeOriginal)
}

// Result says, in words for the report, what cleaning removed and kept:
// "EXIF GPS (10 tags)", "XMP packet (4 KB)", "ICC colour profile", "Orientation 6".
type Result struct {
	Removed []string `json:"removed"`
	Kept    []string `json:"kept"`
	// Found is what the cleaner learned about the original on the way —
	// the same as Inspect reports — so a caller need not read the file a
	// second time; nil when the cleaner does not say.
	Found *Findings `json:"-"`
}

// Inspector and Cleaner are what every container package provides. They read
// through an io.ReaderAt so a 4 GB video is streamed, never loaded whole.
type (
	Inspector func(r io.ReaderAt, size int64) (Findings, error)
	Cleaner   func(r io.ReaderAt, size int64, w io.Writer, opt CleanOptions) (Result, error)
)

// ErrMalformed marks a file whose structure is broken or truncated. Parsers
// wrap it with what was wrong: fmt.Errorf("%w: APP1 segment runs past the end", metadata.ErrMalformed).
var ErrMalformed = errors.New("the file is damaged or cut short")

// Malformedf returns an ErrMalformed with a reason.
func Malformedf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrMalformed, fmt.Sprintf(format, args...))
}

// MaxPayload caps any single metadata payload a parser will read into
// memory (EXIF, XMP, IPTC, a text chunk): metadata is small, and a hostile
// length field must not exhaust memory.
const MaxPayload = 16 << 20
