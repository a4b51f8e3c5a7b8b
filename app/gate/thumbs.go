package gate

import (
	"bytes"
	"image/jpeg"

	"photoconsent/app/preview"
)

// Thumbnails kept with the publication log's entries, for the head's
// entry detail.
const (
	LogThumbSide    = 160 // pixels on the longest side
	logThumbQuality = 75
)

// keepThumbnail stores a small picture of the photo with its sealed entry:
// the exported copy when there is one (what was published), else the
// original. It is re-encoded from pixels, so it carries no metadata. Videos
// and formats without a preview get none. It is best effort: the entry and
// the export stand without a thumbnail, so it reports whether one was kept
// instead of failing the export.
func (x *export) keepThumbnail(seq int64, original, output string) bool {
	path := original
	if output != "" {
		path = output
	}
	b, err := logThumbnail(path)
	if err != nil {
		return false
	}
	return x.g.sess.SaveLogThumbnail(seq, b) == nil
}

// logThumbnail decodes the picture at path and returns it as a JPEG at
// most LogThumbSide pixels on its longest side, turned upright. It reads
// the file and writes nothing.
func logThumbnail(path string) ([]byte, error) {
	img, err := preview.Decode(path, LogThumbSide)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: logThumbQuality}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
