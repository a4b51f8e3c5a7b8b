package exif

import "encoding/binary"

// Minimal builds a little-endian TIFF-structured EXIF block holding only
// what a clean copy keeps: IFD0 Orientation when 1-8, and with a non-empty
// date an Exif IFD with ExifVersion and DateTimeOriginal. It returns nil
// when there is nothing to keep. The block has no "Exif\0\0" prefix.
func Minimal(orientation int, date string) []byte {
	keepOrientation := orientation >= 1 && orientation <= 8
	if len(date) < 4 || len(date) > 63 || !printable(date) {
		date = ""
	}
	if !keepOrientation && date == "" {
		return nil
	}
	le := binary.LittleEndian
	b := []byte{'I', 'I', 42, 0, 8, 0, 0, 0}
	entry := func(tag, typ uint16, count, value uint32) {
		b = le.AppendUint16(b, tag)
		b = le.AppendUint16(b, typ)
		b = le.AppendUint32(b, count)
		b = le.AppendUint32(b, value)
	}
	n := 0
	if keepOrientation {
		n++
	}
	if date != "" {
		n++
	}
	b = le.AppendUint16(b, uint16(n))
	exifAt := uint32(8 + 2 + 12*n + 4)
	if keepOrientation {
		entry(TagOrientation, 3, 1, uint32(orientation))
	}
	if date != "" {
		entry(TagExifIFD, 4, 1, exifAt)
	}
	b = le.AppendUint32(b, 0) // no IFD1
	if date == "" {
		return b
	}
	// Exif IFD: two entries, then the date string after it.
	dateAt := exifAt + 2 + 2*12 + 4
	b = le.AppendUint16(b, 2)
	entry(TagExifVersion, 7, 4, le.Uint32([]byte("0232")))
	entry(TagDateTimeOriginal, 2, uint32(len(date)+1), dateAt)
	b = le.AppendUint32(b, 0)
	b = append(b, date...)
	b = append(b, 0)
	return b
}
