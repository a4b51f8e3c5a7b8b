// Package preview makes thumbnails for the vet screen: a file's own embedded
// preview first, because it is fast, then a full decode scaled down (a large
// baseline JPEG decoded at an eighth of its size from its DC coefficients,
// three times faster than image/jpeg). It reads the files it is given and
// writes nothing; it knows nothing of Fyne. Every byte is hostile: parsers
// bounds-check, and decodes are capped in pixels, memory and JPEG scans.
package preview

import (
	"errors"
	"image"
	"io/fs"
	"os"
)

// Thumb is one file's thumbnail as it becomes available. Load sends each
// file at most one Thumb with Embedded true, then exactly one final Thumb
// with Embedded false. A final Thumb may carry both Err (the full picture
// could not be read) and Image (the embedded preview, still worth showing).
type Thumb struct {
	Index int         // position in the paths given to Load
	Image image.Image // at most max pixels on the longest side, already turned upright (EXIF orientation applied)
	// Embedded is true for the file's own embedded preview (fast, small);
	// a full decode follows when possible.
	Embedded bool
	Err      error // the file cannot be previewed: one plain sentence
}

// Errors a Thumb can carry. Others name the format ("no preview for HEIC photos").
var (
	ErrNoPreview = errors.New("the file has no preview of its own")
	ErrDamaged   = errors.New("the picture is damaged or cut short")
	ErrTooLarge  = errors.New("the picture is too large to preview")
	ErrNotImage  = errors.New("the file is not a picture PhotoConsent can show")
	// ErrUnsupported: the format is known but this file uses a feature the
	// decoder lacks (a 12-bit JPEG, an unusual TIFF).
	ErrUnsupported = errors.New("PhotoConsent cannot draw this kind of picture")
)

// Caps on a full decode: a bigger picture is refused before decoding. A
// 100-megapixel photo at 4 bytes a pixel fits; a 16-bit one does not.
const (
	maxPixels = 100_000_000
	maxBytes  = 400 << 20
)

// Why a file could not be opened, in plain words.
var (
	errGone      = errors.New("the file is no longer there")
	errForbidden = errors.New("PhotoConsent is not allowed to read the file")
	errUnread    = errors.New("the file could not be read")
)

// plain is an error that reads as its kind, one plain sentence, and keeps
// the technical cause for errors.Is and errors.As.
type plain struct{ kind, cause error }

func (p *plain) Error() string   { return p.kind.Error() }
func (p *plain) Unwrap() []error { return []error{p.kind, p.cause} }

// open opens a file for reading, saying plainly why it cannot be.
func open(path string) (*os.File, int64, error) {
	f, err := os.Open(path)
	if err == nil {
		var st os.FileInfo
		if st, err = f.Stat(); err == nil && st.Mode().IsRegular() {
			return f, st.Size(), nil
		}
		f.Close()
		if err == nil {
			return nil, 0, ErrNotImage // a folder or device
		}
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, 0, &plain{errGone, err}
	case errors.Is(err, fs.ErrPermission):
		return nil, 0, &plain{errForbidden, err}
	}
	return nil, 0, &plain{errUnread, err}
}
