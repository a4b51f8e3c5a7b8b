package preview

import (
	"bytes"
	"errors"
	"image"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestEmbedded(t *testing.T) {
	main := quadrants(400, 200)
	thumb := encodeJPEG(t, quadrants(40, 20))
	big := encodeJPEG(t, quadrants(320, 160))
	tests := []struct {
		name    string
		file    []byte
		max     int
		size    image.Point
		corners [4]string
		err     error
	}{
		{"thumbnail", exifJPEG(t, main, 1, thumb), 256, image.Pt(40, 20), [4]string{"red", "green", "blue", "white"}, nil},
		{"no orientation", exifJPEG(t, main, 0, thumb), 256, image.Pt(40, 20), [4]string{"red", "green", "blue", "white"}, nil},
		{"turned right", exifJPEG(t, main, 6, thumb), 256, image.Pt(20, 40), [4]string{"blue", "red", "white", "green"}, nil},
		{"scaled down", exifJPEG(t, main, 1, thumb), 20, image.Pt(20, 10), [4]string{"red", "green", "blue", "white"}, nil},
		{"MPF preview fills max", mpfJPEG(exifJPEG(t, main, 1, thumb), big), 256, image.Pt(256, 128), [4]string{"red", "green", "blue", "white"}, nil},
		{"MPF preview turned", mpfJPEG(exifJPEG(t, main, 8, thumb), big), 256, image.Pt(128, 256), [4]string{"green", "white", "red", "blue"}, nil},
		{"IFD1 closer than MPF", mpfJPEG(exifJPEG(t, main, 1, thumb), big), 30, image.Pt(30, 15), [4]string{"red", "green", "blue", "white"}, nil},
		{"no EXIF", encodeJPEG(t, main), 256, image.Point{}, [4]string{}, ErrNoPreview},
		{"EXIF without thumbnail", exifJPEG(t, main, 6, nil), 256, image.Point{}, [4]string{}, ErrNoPreview},
		{"thumbnail is not a JPEG", exifJPEG(t, main, 1, []byte("not a picture at all")), 256, image.Point{}, [4]string{}, ErrNoPreview},
		{"PNG eXIf thumbnail", withChunk(encodePNG(t, main), "eXIf", exifBlock(3, thumb)), 256, image.Pt(40, 20), [4]string{"white", "blue", "green", "red"}, nil},
		{"DNG preview strip", dng(big, 6), 256, image.Pt(128, 256), [4]string{"blue", "red", "white", "green"}, nil},
		{"PNG", encodePNG(t, main), 256, image.Point{}, [4]string{}, ErrNoPreview},
		{"empty", nil, 256, image.Point{}, [4]string{}, ErrNoPreview},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := write(t, t.TempDir(), "photo", tt.file)
			m, err := Embedded(path, tt.max)
			if !errors.Is(err, tt.err) {
				t.Fatalf("Embedded: got error %v, want %v", err, tt.err)
			}
			if got := size(m); got != tt.size {
				t.Errorf("size: got %v, want %v", got, tt.size)
			}
			if err == nil {
				if diff := cmp.Diff(corners(m), tt.corners); diff != "" {
					t.Errorf("corners (-got +want):\n%s", diff)
				}
			}
		})
	}
}

// A thumbnail whose offset or length points outside the block is no
// preview, whatever the numbers.
func TestEmbeddedBadOffsets(t *testing.T) {
	thumb := encodeJPEG(t, quadrants(40, 20))
	tests := []struct {
		name        string
		off, length uint32
	}{
		{"offset past the end", 1 << 30, uint32(len(thumb))},
		{"length past the end", 0xFFFFFFFF, 1 << 30},
		{"huge both", 0xFFFFFFF0, 0xFFFFFFF0},
		{"zero length", 0xFFFFFFFF, 0},
		{"offset into the header", 0, uint32(len(thumb))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			block := tiffBlock([][]entry{{}, {
				{tag: 0x0201, typ: 4, count: 1, value: tt.off},
				{tag: 0x0202, typ: 4, count: 1, value: tt.length},
			}}, thumb)
			file := withSegment(encodeJPEG(t, quadrants(40, 20)), 0xE1, append([]byte("Exif\x00\x00"), block...))
			m, err := embedded(bytes.NewReader(file), int64(len(file)), 256, maxPreviewPixels)
			if !errors.Is(err, ErrNoPreview) {
				t.Errorf("got %v, %v; want no preview", size(m), err)
			}
		})
	}
}

func TestEmbeddedMissingFile(t *testing.T) {
	_, err := Embedded(t.TempDir()+"/gone.jpg", 256)
	if got, want := err.Error(), "the file is no longer there"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
