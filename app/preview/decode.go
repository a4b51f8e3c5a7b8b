package preview

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"

	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"
	"golang.org/x/image/webp"

	"photoconsent/app/media"
	"photoconsent/app/metadata/exif"
)

// A codec decodes one format; the standard library's and x/image's.
type codec struct {
	config func(io.Reader) (image.Config, error)
	decode func(io.Reader) (image.Image, error)
}

var codecs = map[media.Format]codec{
	media.JPEG: {jpeg.DecodeConfig, jpeg.Decode},
	media.PNG:  {png.DecodeConfig, png.Decode},
	media.GIF:  {gif.DecodeConfig, gif.Decode},
	media.WebP: {webp.DecodeConfig, webp.Decode},
	media.TIFF: {tiff.DecodeConfig, tiff.Decode},
	fmtBMP:     {bmp.DecodeConfig, bmp.Decode},
}

// Formats PhotoConsent recognises but cannot draw, with what Err says.
var unsupported = map[media.Format]error{
	media.HEIC:    errors.New("no preview for HEIC photos"),
	media.AVIF:    errors.New("no preview for AVIF photos"),
	media.MP4:     errors.New("no preview for videos"),
	media.MOV:     errors.New("no preview for videos"),
	media.M4V:     errors.New("no preview for videos"),
	media.ThreeGP: errors.New("no preview for videos"),
	media.XMP:     errors.New("an XMP sidecar holds no picture"),
}

// Decode decodes the whole picture and scales it down to at most max
// pixels on the longest side, turned upright. Pictures over 100 megapixels
// are refused with ErrTooLarge before decoding. A baseline JPEG at least
// eight times max on its longest side is decoded at an eighth of its size
// (dcJPEG), about three times faster than image/jpeg.
func Decode(path string, max int) (image.Image, error) {
	return decode(context.Background(), path, max)
}

// decode is Decode that stops reading the file, and so decoding, once ctx
// is cancelled.
func decode(ctx context.Context, path string, limit int) (image.Image, error) {
	f, size, err := open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return decodeFrom(ctx, f, size, limit, maxPixels)
}

// decodeFrom decodes pictures of at most maxPx pixels; the fuzz test
// lowers the cap to keep each run short.
func decodeFrom(ctx context.Context, r io.ReaderAt, size int64, limit int, maxPx int64) (image.Image, error) {
	format, name := sniff(r)
	c, ok := codecs[format]
	if !ok {
		return nil, refusal(format, name)
	}
	d := readExif(r, exifSpan(r, size, format))
	if format == media.TIFF && isRaw(d) {
		return nil, errRaw
	}
	cfg, err := checkSize(ctx, c, format, r, size, maxPx)
	if err != nil {
		return nil, err
	}
	m, err := decodeWhole(ctx, c, format, r, size, max(cfg.Width, cfg.Height) >= 8*limit)
	if err != nil {
		return nil, err
	}
	return upright(scale(m, limit), orientation(d)), nil
}

// checkSize reads the picture's header and refuses one too large to decode.
func checkSize(ctx context.Context, c codec, f media.Format, r io.ReaderAt, size, maxPx int64) (image.Config, error) {
	cfg, err := c.config(input(ctx, f, r, size))
	if err != nil {
		return cfg, decodeError(err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return cfg, ErrDamaged
	}
	if f == media.WebP {
		if w, h, ok := webpFrame(r, size); ok {
			cfg.Width, cfg.Height = max(cfg.Width, w), max(cfg.Height, h)
		}
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > maxPx || px*bytesPerPixel(cfg.ColorModel) > maxBytes {
		return cfg, ErrTooLarge
	}
	return cfg, nil
}

// decodeWhole decodes the picture: a large baseline JPEG (eighth true)
// at an eighth of its size, anything else in full.
func decodeWhole(ctx context.Context, c codec, f media.Format, r io.ReaderAt, size int64, eighth bool) (image.Image, error) {
	if f == media.JPEG && eighth {
		if m, err := dcJPEG(bufio.NewReaderSize(&ctxSection{ctx, io.NewSectionReader(r, 0, size)}, 64<<10)); err == nil {
			return m, nil
		}
	}
	if f == media.JPEG && countScans(bufio.NewReaderSize(io.NewSectionReader(r, 0, size), 64<<10), maxScans) > maxScans {
		return nil, &plain{ErrUnsupported, errors.New("too many scans")}
	}
	m, err := c.decode(input(ctx, f, r, size))
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err != nil {
		return nil, decodeError(err)
	}
	return m, nil
}

// bytesPerPixel is what a decoded picture of the colour model holds per
// pixel, at most: 16-bit pictures take twice the memory of 8-bit ones.
func bytesPerPixel(m color.Model) int64 {
	switch m {
	case color.RGBA64Model, color.NRGBA64Model:
		return 8
	case color.Gray16Model:
		return 2
	case color.GrayModel, color.AlphaModel:
		return 1
	}
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	return 4
}

var errRaw = errors.New("no preview for raw photos")

// isRaw reports whether a TIFF structure is a DNG (it has DNGVersion).
func isRaw(d *exif.Dir) bool {
	if d == nil || len(d.IFDs) == 0 {
		return false
	}
	_, ok := d.IFDs[0].Find(0xC612)
	return ok
}

// refusal says why a format without a decoder gets no preview.
func refusal(f media.Format, name string) error {
	if err, ok := unsupported[f]; ok {
		return err
	}
	if name != "" {
		return fmt.Errorf("no preview for %s files", name)
	}
	return ErrNotImage
}

// decodeError turns a decoder's error into a plain one: a feature the
// decoder lacks is not damage.
func decodeError(err error) error {
	var ju jpeg.UnsupportedError
	var tu tiff.UnsupportedError
	if errors.As(err, &ju) || errors.As(err, &tu) {
		return &plain{ErrUnsupported, err}
	}
	return &plain{ErrDamaged, err}
}

// input is what a decoder reads, failing once ctx is done, which ends a
// decode early. TIFF's gets the file as an io.ReaderAt: given a plain
// reader, x/image/tiff copies it into a buffer as large as any offset the
// file names, gigabytes for a hostile one. The others get a buffered
// reader.
func input(ctx context.Context, f media.Format, r io.ReaderAt, size int64) io.Reader {
	s := &ctxSection{ctx, io.NewSectionReader(r, 0, size)}
	if f == media.TIFF {
		return s
	}
	return bufio.NewReaderSize(s, 64<<10)
}

type ctxSection struct {
	ctx context.Context
	s   *io.SectionReader
}

func (c *ctxSection) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.s.Read(p)
}

func (c *ctxSection) ReadAt(p []byte, off int64) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.s.ReadAt(p, off)
}
