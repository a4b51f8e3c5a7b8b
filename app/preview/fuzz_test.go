package preview

import (
	"bufio"
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"

	"photoconsent/app/metadata/corpustest"
)

// seeds are small files that reach every branch of the preview readers.
func seeds(f *testing.F) [][]byte {
	thumb := encodeJPEG(f, quadrants(16, 8))
	main := quadrants(32, 16)
	return [][]byte{
		exifJPEG(f, main, 6, thumb),
		mpfJPEG(exifJPEG(f, main, 1, thumb), encodeJPEG(f, quadrants(24, 12))),
		withChunk(encodePNG(f, main), "eXIf", exifBlock(8, thumb)),
		append([]byte("RIFF\x00\x00\x00\x00WEBPEXIF\x40\x00\x00\x00"), exifBlock(3, thumb)...),
		tiffBlock([][]entry{{{tag: 0x0112, typ: 3, count: 1, value: 6}}, {
			{tag: 0x0201, typ: 4, count: 1, value: 0xFFFFFFFF},
			{tag: 0x0202, typ: 4, count: 1, value: uint32(len(thumb))},
		}}, thumb),
	}
}

// The embedded-preview reader never panics and never returns more than
// asked for, whatever the bytes.
func FuzzEmbedded(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := embedded(bytes.NewReader(b), int64(len(b)), 64, maxPreviewPixels)
		if err == nil && (size(m).X > 64 || size(m).Y > 64 || size(m).X < 1 || size(m).Y < 1) {
			t.Errorf("got a %v preview, want 1 to 64 a side", size(m))
		}
	})
}

// The full decode never panics on what our own code parses (format,
// orientation, size caps); the decoders are the standard library's and
// x/image's. The pixel cap is lowered to a megapixel: a small file may
// rightly claim 100 and take seconds, which the fuzzer takes for a hang.
func FuzzDecode(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := decodeFrom(context.Background(), bytes.NewReader(b), int64(len(b)), 64, 1<<20)
		if err == nil && (size(m).X > 64 || size(m).Y > 64) {
			t.Errorf("got a %v picture, want at most 64 a side", size(m))
		}
	})
}

// The DC decoder never panics and, when it accepts the bytes, gives a
// picture an eighth of the frame's size.
func FuzzDCJPEG(f *testing.F) {
	f.Add(encodeJPEG(f, gradient(40, 24)))
	f.Add(encodeJPEG(f, image.NewGray(image.Rect(0, 0, 17, 9))))
	if dir := corpustest.Dir(); dir != "" {
		if b, err := os.ReadFile(filepath.Join(dir, "exiv2/Reagan.jpg")); err == nil {
			f.Add(b) // restart markers every 25 MCUs
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := dcJPEG(bufio.NewReader(bytes.NewReader(b)))
		if err != nil {
			return
		}
		cfg, cerr := jpeg.DecodeConfig(bytes.NewReader(b))
		if cerr != nil {
			t.Fatalf("accepted a JPEG whose header image/jpeg refuses: %v", cerr)
		}
		if want := image.Pt((cfg.Width+7)/8, (cfg.Height+7)/8); size(m) != want {
			t.Errorf("size: got %v, want %v", size(m), want)
		}
	})
}
