// Package tiff inspects and cleans TIFF files (and TIFF-structured raws such
// as DNG) losslessly. Inspect walks the directories with the exif package
// and adds GeoTIFF, XMP, IPTC and Photoshop findings. Clean copies the file
// byte for byte and neutralises in place: each directory's entry list is
// rewritten at the same offset without the location and identity entries,
// and the bytes of removed values are zeroed. Strip and tile data, and every
// offset in the file, stay as they were.
package tiff

import (
	"fmt"
	"io"
	"sort"

	"photoconsent/app/metadata"
	"photoconsent/app/metadata/exif"
)

// Inspect reports the file's location, identity and text metadata.
func Inspect(r io.ReaderAt, size int64) (metadata.Findings, error) {
	f, d, err := exif.InspectReader(r, size)
	if err != nil {
		return metadata.Findings{}, err
	}
	// In a TIFF file IFD1 is a second page, not a thumbnail, unless it
	// holds an embedded JPEG.
	for _, ifd := range d.IFDs {
		if ifd.Name != "IFD1" {
			continue
		}
		if _, ok := ifd.Find(exif.TagThumbnailOffset); !ok {
			var id []metadata.Finding
			for _, g := range f.Identity {
				if g != (metadata.Finding{Group: "IFD1", Tag: "ThumbnailImage"}) {
					id = append(id, g)
				}
			}
			f.Identity = id
		}
	}
	return f, nil
}

// Clean writes a copy to w without location or identity metadata, keeping
// the pixels (bit for bit), the orientation and the colour profile.
func Clean(r io.ReaderAt, size int64, w io.Writer, opt metadata.CleanOptions) (metadata.Result, error) {
	d, err := exif.Read(r, size)
	if err != nil {
		return metadata.Result{}, err
	}
	p, err := plan(r, d, opt)
	if err != nil {
		return metadata.Result{}, err
	}
	if err := write(w, r, size, p.patches); err != nil {
		return metadata.Result{}, err
	}
	return p.result(), nil
}

// removeTags are dropped from every directory: identity, text, location
// and embedded metadata blocks. DateTime is handled apart (KeepDate).
var removeTags = map[uint16]string{
	exif.TagImageDescription: "text",
	exif.TagDocumentName:     "text",
	0x011D:                   "text", // PageName
	exif.TagMake:             "camera",
	exif.TagModel:            "camera",
	exif.TagSoftware:         "camera",
	exif.TagArtist:           "owner",
	exif.TagHostComputer:     "camera",
	exif.TagCopyright:        "owner",
	exif.TagXMP:              "XMP",
	exif.TagIPTC:             "IPTC",
	exif.TagPhotoshop:        "Photoshop",
	exif.TagMakerNote:        "maker notes",
	exif.TagUserComment:      "text",
	exif.TagImageUniqueID:    "camera",
	exif.TagOwnerName:        "owner",
	exif.TagSerialNumber:     "camera",
	exif.TagLensSerialNumber: "camera",
	0xA433:                   "camera", // LensMake
	0xA434:                   "camera", // LensModel
	exif.TagXPTitle:          "text",
	exif.TagXPComment:        "text",
	exif.TagXPAuthor:         "text",
	exif.TagXPKeywords:       "text",
	exif.TagXPSubject:        "text",
	0xC4A5:                   "camera", // PrintIM
	0xC615:                   "camera", // LocalizedCameraModel
	0xC62F:                   "camera", // CameraSerialNumber
	0xC634:                   "maker notes",
	0xC65D:                   "camera", // RawDataUniqueID
	0xC68B:                   "owner",  // OriginalRawFileName
	0xC68C:                   "owner",  // OriginalRawFileData
	0xC6FE:                   "owner",  // ProfileCopyright
	0xFDE8:                   "owner",
	0xFDE9:                   "camera",
	0xFDEA:                   "camera",
}

func init() {
	for t := range exif.GeoTIFFTags {
		removeTags[t] = "GeoTIFF"
	}
}

// Tags whose values are offsets and byte counts of image data: the ranges
// they name are never zeroed.
var dataPairs = [][2]uint16{
	{0x0111, 0x0117}, // StripOffsets, StripByteCounts
	{0x0144, 0x0145}, // TileOffsets, TileByteCounts
	{0x0201, 0x0202}, // JPEGInterchangeFormat, its length
	{0x0120, 0x0121}, // FreeOffsets, FreeByteCounts
}

const maxStrips = 1 << 20

type span struct{ off, end int64 }

type patch struct {
	off  int64
	data []byte // nil: write zeros
	n    int64
}

type cleaning struct {
	patches []patch
	removed map[string]int // kind -> entries removed
	bytes   map[string]int64
	order   []string
	gps     int
	kept    []string
}

func (c *cleaning) count(kind string, n int, size int64) {
	if _, ok := c.removed[kind]; !ok {
		c.order = append(c.order, kind)
	}
	c.removed[kind] += n
	c.bytes[kind] += size
}

// plan decides the patches: which entries each directory keeps, which
// directories go, which value bytes are zeroed.
func plan(r io.ReaderAt, d *exif.Dir, opt metadata.CleanOptions) (*cleaning, error) {
	c := &cleaning{removed: map[string]int{}, bytes: map[string]int64{}}
	byPos := map[int64]int{}
	for i, ifd := range d.IFDs {
		byPos[ifd.Pos] = i
	}
	// Which directories go whole.
	gone := make([]bool, len(d.IFDs))
	exifKeep := map[uint16]bool{exif.TagExifVersion: true}
	if opt.KeepDate {
		exifKeep[exif.TagDateTimeOriginal] = true
	}
	for i, ifd := range d.IFDs {
		switch ifd.Name {
		case "GPS", "InteropIFD":
			gone[i] = true
		case "ExifIFD":
			_, hasDate := ifd.Find(exif.TagDateTimeOriginal)
			gone[i] = !(opt.KeepDate && hasDate)
		}
	}
	keptDate := false
	keepEntry := func(ifd exif.IFD, e exif.Entry) (bool, string) {
		if ifd.Name == "ExifIFD" {
			if exifKeep[e.Tag] {
				keptDate = keptDate || e.Tag == exif.TagDateTimeOriginal
				return true, ""
			}
			if kind, ok := removeTags[e.Tag]; ok {
				return false, kind
			}
			return false, "Exif details"
		}
		switch e.Tag {
		case exif.TagGPSIFD:
			return false, ""
		case exif.TagExifIFD:
			if j, ok := byPos[pointer(d, e)]; ok && !gone[j] {
				return true, ""
			}
			return false, ""
		case exif.TagDateTime, exif.TagDateTimeOriginal:
			if opt.KeepDate {
				keptDate = true
				return true, ""
			}
			return false, "date"
		}
		if kind, ok := removeTags[e.Tag]; ok {
			return false, kind
		}
		return true, ""
	}

	var protect, zero []span
	protect = append(protect, span{0, 8})
	kept := make([][]exif.Entry, len(d.IFDs))
	for i, ifd := range d.IFDs {
		end := ifd.NextPos + 4
		if gone[i] {
			zero = append(zero, span{ifd.Pos, end})
			for _, e := range ifd.Entries {
				if !e.Inline() {
					zero = append(zero, span{e.ValuePos, e.ValuePos + e.ValueLen})
				}
			}
			switch ifd.Name {
			case "GPS":
				c.gps += len(ifd.Entries)
			case "ExifIFD":
				c.count("Exif IFD (maker notes, serials, settings)", len(ifd.Entries), 0)
			}
			continue
		}
		protect = append(protect, span{ifd.Pos, end})
		// IFD1 with an embedded JPEG is a thumbnail (EXIF style); it can
		// show what the main image was cropped from.
		_, thumb := ifd.Find(exif.TagThumbnailOffset)
		thumb = thumb && ifd.Name == "IFD1"
		if thumb {
			if s, ok := thumbSpan(d, ifd); ok {
				zero = append(zero, s)
				c.count("embedded thumbnail", 1, s.end-s.off)
			}
		}
		for _, e := range ifd.Entries {
			if thumb && (e.Tag == exif.TagThumbnailOffset || e.Tag == exif.TagThumbnailLength) {
				continue
			}
			ok, kind := keepEntry(ifd, e)
			if ok {
				kept[i] = append(kept[i], e)
				if !e.Inline() {
					protect = append(protect, span{e.ValuePos, e.ValuePos + e.ValueLen})
				}
				continue
			}
			if !e.Inline() {
				zero = append(zero, span{e.ValuePos, e.ValuePos + e.ValueLen})
			}
			if kind != "" {
				c.count(kind, 1, e.ValueLen)
			}
		}
		spans, err := dataSpans(d, ifd, thumb)
		if err != nil {
			return nil, err
		}
		protect = append(protect, spans...)
	}
	// Rewrite every kept directory whose entry list shrank.
	var dirs []span
	for i, ifd := range d.IFDs {
		if gone[i] {
			continue
		}
		dirs = append(dirs, span{ifd.Pos, ifd.NextPos + 4})
		if len(kept[i]) == len(ifd.Entries) {
			continue
		}
		b, err := rewrite(r, d, ifd, kept[i])
		if err != nil {
			return nil, err
		}
		c.patches = append(c.patches, patch{off: ifd.Pos, data: b, n: int64(len(b))})
	}
	if overlapping(dirs) {
		return nil, metadata.Malformedf("tiff: directories overlap")
	}
	for _, z := range subtract(zero, protect) {
		z.end = min(z.end, d.Size())
		if z.end > z.off && z.off >= 0 {
			c.patches = append(c.patches, patch{off: z.off, n: z.end - z.off})
		}
	}
	sort.Slice(c.patches, func(i, j int) bool { return c.patches[i].off < c.patches[j].off })
	for i := 1; i < len(c.patches); i++ {
		if c.patches[i].off < c.patches[i-1].off+c.patches[i-1].n {
			return nil, metadata.Malformedf("tiff: directory overlaps other data")
		}
	}
	for _, ifd := range d.IFDs {
		if ifd.Name != "IFD0" {
			continue
		}
		if _, ok := ifd.Find(34675); ok {
			c.kept = append(c.kept, "ICC colour profile")
		}
		if e, ok := ifd.Find(exif.TagOrientation); ok {
			if v, ok := d.Uint(e); ok && v >= 1 && v <= 8 {
				c.kept = append(c.kept, fmt.Sprintf("Orientation %d", v))
			}
		}
		if _, ok := ifd.Find(0xC614); ok {
			c.kept = append(c.kept, "DNG UniqueCameraModel (raw converters need it)")
		}
	}
	if keptDate {
		c.kept = append(c.kept, "capture date")
	}
	return c, nil
}

// pointer is the offset a sub-directory pointer entry holds.
func pointer(d *exif.Dir, e exif.Entry) int64 {
	v, ok := d.Uint(e)
	if !ok {
		return -1
	}
	return int64(v)
}

// thumbSpan is where an IFD's embedded JPEG thumbnail lies.
func thumbSpan(d *exif.Dir, ifd exif.IFD) (span, bool) {
	oe, ok1 := ifd.Find(exif.TagThumbnailOffset)
	le, ok2 := ifd.Find(exif.TagThumbnailLength)
	if !ok1 || !ok2 {
		return span{}, false
	}
	off, ok1 := d.Uint(oe)
	n, ok2 := d.Uint(le)
	if !ok1 || !ok2 {
		return span{}, false
	}
	return span{int64(off), int64(off) + int64(n)}, true
}

// dataSpans lists the image data a directory points to; with noThumb the
// embedded JPEG thumbnail is left out (it is being removed).
func dataSpans(d *exif.Dir, ifd exif.IFD, noThumb bool) ([]span, error) {
	var out []span
	for _, pair := range dataPairs {
		if noThumb && pair[0] == exif.TagThumbnailOffset {
			continue
		}
		oe, ok1 := ifd.Find(pair[0])
		ce, ok2 := ifd.Find(pair[1])
		if !ok1 || !ok2 {
			continue
		}
		if oe.Count > maxStrips || ce.Count > maxStrips {
			return nil, metadata.Malformedf("tiff: too many strips or tiles")
		}
		offs := d.Uints(oe, maxStrips)
		cnts := d.Uints(ce, maxStrips)
		for i := 0; i < len(offs) && i < len(cnts); i++ {
			out = append(out, span{int64(offs[i]), int64(offs[i]) + int64(cnts[i])})
		}
	}
	return out, nil
}

// rewrite builds a directory holding only the kept entries, the original
// next-IFD offset after them, and zeros up to the old directory's end.
func rewrite(r io.ReaderAt, d *exif.Dir, ifd exif.IFD, kept []exif.Entry) ([]byte, error) {
	// A directory at the very end may lack room for its next-IFD offset:
	// the patch never runs past the file.
	old := min(ifd.NextPos+4, d.Size()) - ifd.Pos
	b := make([]byte, old)
	d.Order.PutUint16(b, uint16(len(kept)))
	for i, e := range kept {
		if _, err := r.ReadAt(b[2+12*i:2+12*i+12], e.Pos); err != nil {
			return nil, metadata.Malformedf("tiff: reading a directory: %v", err)
		}
	}
	var next [4]byte
	if ifd.NextPos+4 <= d.Size() {
		if _, err := r.ReadAt(next[:], ifd.NextPos); err != nil {
			return nil, metadata.Malformedf("tiff: reading a directory: %v", err)
		}
	}
	copy(b[2+12*len(kept):], next[:])
	return b, nil
}

func overlapping(s []span) bool {
	sort.Slice(s, func(i, j int) bool { return s[i].off < s[j].off })
	for i := 1; i < len(s); i++ {
		if s[i].off < s[i-1].end {
			return true
		}
	}
	return false
}

// subtract returns the parts of the zero spans outside every protected span.
func subtract(zero, protect []span) []span {
	sort.Slice(protect, func(i, j int) bool { return protect[i].off < protect[j].off })
	sort.Slice(zero, func(i, j int) bool { return zero[i].off < zero[j].off })
	var out []span
	for _, z := range zero {
		cur := z.off
		for _, p := range protect {
			if p.end <= cur || p.off >= z.end {
				continue
			}
			if p.off > cur {
				out = append(out, span{cur, p.off})
			}
			cur = max(cur, p.end)
		}
		if cur < z.end {
			out = append(out, span{cur, z.end})
		}
	}
	// Merge overlaps so patches never overlap each other.
	var merged []span
	for _, s := range out {
		if n := len(merged); n > 0 && s.off <= merged[n-1].end {
			merged[n-1].end = max(merged[n-1].end, s.end)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// write copies r to w with the patches laid over it.
func write(w io.Writer, r io.ReaderAt, size int64, patches []patch) error {
	buf := make([]byte, min(256<<10, max(size, 1)))
	var zeros []byte
	pos := int64(0)
	copyTo := func(end int64) error {
		_, err := io.CopyBuffer(onlyWriter{w}, io.NewSectionReader(r, pos, end-pos), buf)
		pos = end
		return err
	}
	for _, p := range patches {
		if err := copyTo(p.off); err != nil {
			return err
		}
		if p.data != nil {
			if _, err := w.Write(p.data); err != nil {
				return err
			}
		} else {
			if zeros == nil {
				zeros = make([]byte, 32<<10)
			}
			for left := p.n; left > 0; {
				n := min(left, int64(len(zeros)))
				if _, err := w.Write(zeros[:n]); err != nil {
					return err
				}
				left -= n
			}
		}
		pos = p.off + p.n
	}
	return copyTo(size)
}

// onlyWriter hides a writer's ReadFrom so io.CopyBuffer uses the buffer.
type onlyWriter struct{ w io.Writer }

func (o onlyWriter) Write(p []byte) (int, error) { return o.w.Write(p) }

func (c *cleaning) result() metadata.Result {
	var res metadata.Result
	if c.gps > 0 {
		res.Removed = append(res.Removed, "EXIF GPS ("+tags(c.gps)+")")
	}
	for _, kind := range c.order {
		n := c.removed[kind]
		switch kind {
		case "XMP", "IPTC", "Photoshop", "maker notes":
			res.Removed = append(res.Removed, fmt.Sprintf("%s (%s)", map[string]string{
				"XMP": "XMP packet", "IPTC": "IPTC block", "Photoshop": "Photoshop resources", "maker notes": "maker notes",
			}[kind], sizeWords(c.bytes[kind])))
		case "embedded thumbnail":
			res.Removed = append(res.Removed, fmt.Sprintf("%s (%s)", kind, sizeWords(c.bytes[kind])))
		case "GeoTIFF":
			res.Removed = append(res.Removed, "GeoTIFF georeferencing ("+tags(n)+")")
		case "camera":
			res.Removed = append(res.Removed, "camera details ("+tags(n)+")")
		case "owner":
			res.Removed = append(res.Removed, "owner and copyright ("+tags(n)+")")
		case "text":
			res.Removed = append(res.Removed, fmt.Sprintf("text fields (%d)", n))
		case "date":
			res.Removed = append(res.Removed, "dates")
		default:
			res.Removed = append(res.Removed, kind+" ("+tags(n)+")")
		}
	}
	res.Kept = c.kept
	return res
}

func tags(n int) string {
	if n == 1 {
		return "1 tag"
	}
	return fmt.Sprintf("%d tags", n)
}

func sizeWords(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		return fmt.Sprintf("%d KB", (n+512)/1024)
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
}
