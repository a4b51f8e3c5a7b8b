package preview

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"image"
	"image/gif"
	"runtime"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"
)

// The corners (TL TR BL BR) of the upright picture for each EXIF
// orientation, from the stored quadrants red green / blue white; worked out
// by hand from the EXIF definitions, not from the code.
var uprightCorners = map[int][4]string{
	1: {"red", "green", "blue", "white"},
	2: {"green", "red", "white", "blue"},
	3: {"white", "blue", "green", "red"},
	4: {"blue", "white", "red", "green"},
	5: {"red", "blue", "green", "white"},
	6: {"blue", "red", "white", "green"},
	7: {"white", "green", "blue", "red"},
	8: {"green", "white", "red", "blue"},
}

func TestDecodeOrientation(t *testing.T) {
	for o := 1; o <= 8; o++ {
		want := image.Pt(40, 20)
		if o >= 5 {
			want = image.Pt(20, 40)
		}
		files := map[string][]byte{
			"PNG":  withChunk(encodePNG(t, quadrants(40, 20)), "eXIf", exifBlock(o, nil)),
			"JPEG": exifJPEG(t, quadrants(40, 20), o, nil),
		}
		for format, file := range files {
			t.Run(format+" "+string(rune('0'+o)), func(t *testing.T) {
				m, err := Decode(write(t, t.TempDir(), "photo", file), 256)
				if err != nil {
					t.Fatal(err)
				}
				if got := size(m); got != want {
					t.Errorf("size: got %v, want %v", got, want)
				}
				if diff := cmp.Diff(corners(m), uprightCorners[o]); diff != "" {
					t.Errorf("corners (-got +want):\n%s", diff)
				}
			})
		}
	}
}

func TestDecodeFormats(t *testing.T) {
	m := quadrants(400, 200)
	var g, b, tf bytes.Buffer
	if err := gif.Encode(&g, m, nil); err != nil {
		t.Fatal(err)
	}
	if err := bmp.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	if err := tiff.Encode(&tf, m, nil); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		file []byte
		max  int
		want image.Point
	}{
		{"JPEG scaled", encodeJPEG(t, m), 100, image.Pt(100, 50)},
		{"JPEG small kept", encodeJPEG(t, m), 1000, image.Pt(400, 200)},
		{"PNG", encodePNG(t, m), 256, image.Pt(256, 128)},
		{"GIF", g.Bytes(), 256, image.Pt(256, 128)},
		{"BMP", b.Bytes(), 256, image.Pt(256, 128)},
		{"TIFF", tf.Bytes(), 256, image.Pt(256, 128)},
		{"tall", encodePNG(t, quadrants(10, 1000)), 100, image.Pt(1, 100)},
		{"max below 1", encodePNG(t, m), 0, image.Pt(1, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode(write(t, t.TempDir(), "photo", tt.file), tt.max)
			if err != nil {
				t.Fatal(err)
			}
			if size(got) != tt.want {
				t.Errorf("size: got %v, want %v", size(got), tt.want)
			}
			if tt.want.X < 8 {
				return // too small for corners
			}
			if diff := cmp.Diff(corners(got), uprightCorners[1]); diff != "" {
				t.Errorf("corners (-got +want):\n%s", diff)
			}
		})
	}
}

func TestDecodeRefuses(t *testing.T) {
	jpg := exifJPEG(t, quadrants(400, 200), 1, encodeJPEG(t, quadrants(40, 20)))
	heic := []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")
	mp4 := []byte("\x00\x00\x00\x18ftypisom\x00\x00\x00\x00isomavc1")
	gray, deep := image.NewGray(image.Rect(0, 0, 1, 1)), image.NewRGBA64(image.Rect(0, 0, 1, 1))
	deep.Pix[6], deep.Pix[7] = 0xFF, 0xFF // opaque: 16-bit RGB
	tests := []struct {
		name string
		file []byte
		want string
		is   error
	}{
		{"truncated JPEG", jpg[:len(jpg)*2/3], "the picture is damaged or cut short", ErrDamaged},
		{"JPEG header only", jpg[:600], "the picture is damaged or cut short", ErrDamaged},
		{"over 100 megapixels", hugePNG(t, gray, 20000, 20000), "the picture is too large to preview", ErrTooLarge},
		{"16-bit over 400 MB", hugePNG(t, deep, 8000, 8000), "the picture is too large to preview", ErrTooLarge},
		{"WebP frame larger than its canvas", webpBomb(), "the picture is too large to preview", ErrTooLarge},
		{"zero width", hugePNG(t, gray, 0, 10), "the picture is damaged or cut short", ErrDamaged},
		{"HEIC", heic, "no preview for HEIC photos", nil},
		{"video", mp4, "no preview for videos", nil},
		{"JPEG XL", []byte("\xff\x0a rest of a JPEG XL file"), "no preview for JPEG XL files", nil},
		{"text", []byte("hello, this is not a picture"), "the file is not a picture PhotoConsent can show", ErrNotImage},
		{"empty", nil, "the file is not a picture PhotoConsent can show", ErrNotImage},
		{"DNG", tiffBlock([][]entry{{{tag: 0xC612, typ: 1, count: 4, value: 0x00000401}}}, nil), "no preview for raw photos", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Decode(write(t, t.TempDir(), "photo", tt.file), 256)
			if err == nil {
				t.Fatalf("got a %v picture, want error %q", size(m), tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("got %q, want %q", err, tt.want)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("got %v, want it to be %v", err, tt.is)
			}
		})
	}
}

func TestDecodeFiles(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, path, want string
	}{
		{"missing", dir + "/gone.jpg", "the file is no longer there"},
		{"folder", dir, "the file is not a picture PhotoConsent can show"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(tt.path, 256)
			if err == nil || err.Error() != tt.want {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}

// A cancelled decode stops reading and says so.
func TestDecodeCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	path := write(t, t.TempDir(), "photo.jpg", encodeJPEG(t, quadrants(400, 200)))
	if _, err := decode(ctx, path, 256); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want %v", err, context.Canceled)
	}
}

// webpBomb is a WebP whose VP8X header claims 1×1 but whose VP8L frame is
// 16384×16384: the decoder would allocate for the frame.
func webpBomb() []byte {
	vp8x := []byte("VP8X\x0a\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00")
	vp8l := []byte("VP8L\x0a\x00\x00\x00\x2f\xff\xff\xff\x0f\x00\x00\x00\x00\x00")
	body := append(append([]byte("WEBP"), vp8x...), vp8l...)
	return append(binary.LittleEndian.AppendUint32([]byte("RIFF"), uint32(len(body))), body...)
}

// A TIFF naming a far offset is refused without allocating for it: given
// a plain reader, x/image/tiff would buffer up to that offset (found by
// FuzzDecode, testdata/fuzz/FuzzDecode/1a0010d0a595e049).
func TestDecodeFarOffset(t *testing.T) {
	file := tiffBlock([][]entry{{
		{tag: 0x0100, typ: 4, count: 1, value: 100},
		{tag: 0x0101, typ: 4, count: 1, value: 100},
		{tag: 0x0111, typ: 4, count: 1, value: 0xB9B9B9B9},
		{tag: 0x0117, typ: 4, count: 1, value: 30000},
	}}, nil)
	path := write(t, t.TempDir(), "far.tif", file)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := Decode(path, 256)
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Error("got a picture, want an error")
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 64<<20 {
		t.Errorf("allocated %d MB, want under 64", n>>20)
	}
}
