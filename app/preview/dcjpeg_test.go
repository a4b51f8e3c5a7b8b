package preview

import (
	"bufio"
	"bytes"
	"errors"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/metadata/corpustest"
)

// box8 averages each 8×8 block of m: what the DC decoder should give.
func box8(m image.Image) *image.RGBA {
	src := rgba(m) // one fast conversion, then plain bytes
	w, h := (src.Rect.Dx()+7)/8, (src.Rect.Dy()+7)/8
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for by := 0; by < h; by++ {
		for bx := 0; bx < w; bx++ {
			var sum [3]int
			n := 0
			for y := by * 8; y < min(by*8+8, src.Rect.Dy()); y++ {
				row := src.Pix[y*src.Stride:]
				for x := bx * 8; x < min(bx*8+8, src.Rect.Dx()); x++ {
					sum[0], sum[1], sum[2] = sum[0]+int(row[4*x]), sum[1]+int(row[4*x+1]), sum[2]+int(row[4*x+2])
					n++
				}
			}
			copy(out.Pix[by*out.Stride+4*bx:], []uint8{uint8(sum[0] / n), uint8(sum[1] / n), uint8(sum[2] / n), 255})
		}
	}
	return out
}

// meanDiff is the mean absolute difference of two same-size pictures,
// over the red, green and blue of every pixel.
func meanDiff(a, b image.Image) float64 {
	r := a.Bounds()
	var sum float64
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			for _, d := range []int{int(r1>>8) - int(r2>>8), int(g1>>8) - int(g2>>8), int(b1>>8) - int(b2>>8)} {
				sum += float64(max(d, -d))
			}
		}
	}
	return sum / float64(3*r.Dx()*r.Dy())
}

// checkDC decodes a JPEG both ways and compares the DC decode with the
// 8×8 averages of image/jpeg's. ok is false when the DC decoder declined.
func checkDC(t *testing.T, file []byte) (ok bool) {
	t.Helper()
	dc, err := dcJPEG(bufio.NewReader(bytes.NewReader(file)))
	full, ferr := jpeg.Decode(bytes.NewReader(file))
	if err != nil {
		return false
	}
	if ferr != nil {
		t.Fatalf("DC decoder read a JPEG that image/jpeg refuses (%v)", ferr)
	}
	want := box8(full)
	if dc.Bounds() != want.Bounds() {
		t.Fatalf("size: got %v, want %v", dc.Bounds(), want.Bounds())
	}
	// Colours so strong that YCbCr to RGB clips them differ most (a
	// thermal camera's photo: 7 levels); photos differ by 0 to 5.
	if d := meanDiff(dc, want); d > 8 {
		t.Errorf("mean difference from image/jpeg: got %.1f levels, want at most 8", d)
	}
	return true
}

func TestDCJPEG(t *testing.T) {
	tests := []struct {
		name string
		m    image.Image
	}{
		{"colour 4:2:0", gradient(203, 97)},
		{"quadrants", quadrants(640, 480)},
		{"grey", image.NewGray(image.Rect(0, 0, 333, 77))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !checkDC(t, encodeJPEG(t, tt.m)) {
				t.Error("DC decoder declined a baseline JPEG")
			}
		})
	}
}

// Decode takes the DC path for a photo at least eight times max, and the
// result is as upright and as large as the full path's.
func TestDecodeDCPath(t *testing.T) {
	file := exifJPEG(t, quadrants(2400, 1600), 6, nil)
	if _, err := dcJPEG(bufio.NewReader(bytes.NewReader(file))); err != nil {
		t.Fatalf("DC decoder declined: %v", err)
	}
	m, err := Decode(write(t, t.TempDir(), "photo.jpg", file), 256)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := size(m), image.Pt(170, 256); got != want {
		t.Errorf("size: got %v, want %v", got, want)
	}
	if diff := cmp.Diff(corners(m), uprightCorners[6]); diff != "" {
		t.Errorf("corners (-got +want):\n%s", diff)
	}
}

// The DC decoder declines what it does not handle instead of guessing.
func TestDCJPEGDeclines(t *testing.T) {
	base := encodeJPEG(t, quadrants(64, 64))
	tests := []struct {
		name string
		file []byte
	}{
		{"truncated", base[:len(base)-200]},
		{"progressive", bytes.Replace(base, []byte{0xFF, 0xC0}, []byte{0xFF, 0xC2}, 1)},
		{"12-bit", bytes.Replace(base, []byte{0xFF, 0xC0, 0x00, 0x11, 0x08}, []byte{0xFF, 0xC0, 0x00, 0x11, 0x0C}, 1)},
		{"Adobe RGB", withSegment(base, 0xEE, []byte("Adobe\x00\x64\x00\x00\x00\x00\x00"))},
		{"not a JPEG", []byte("hello")},
		{"empty", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if m, err := dcJPEG(bufio.NewReader(bytes.NewReader(tt.file))); err == nil {
				t.Errorf("got a %v picture, want errFallback", size(m))
			}
		})
	}
}

// On the corpus, the DC decoder agrees with image/jpeg wherever it does not
// decline, and it declines only a few files.
func TestDCJPEGCorpus(t *testing.T) {
	dir, files := corpustest.Load(t)
	jpegs := corpustest.Only(files, "JPEG")
	declined := 0
	for _, f := range jpegs {
		t.Run(f.Path, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, f.Path))
			if err != nil {
				t.Fatal(err)
			}
			if !checkDC(t, b) {
				declined++
				t.Logf("declined (malformed %v)", f.Malformed())
			}
		})
	}
	if declined > len(jpegs)/4 {
		t.Errorf("declined %d of %d corpus JPEGs, want at most a quarter", declined, len(jpegs))
	}
}

// gradient is a smooth picture in unsaturated colours.
func gradient(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			copy(m.Pix[y*m.Stride+4*x:], []uint8{uint8(40 + 170*x/w), uint8(40 + 170*y/h), 120, 255})
		}
	}
	return m
}

func TestCountScans(t *testing.T) {
	base := encodeJPEG(t, gradient(64, 48))
	sos := bytes.Index(base, []byte{0xFF, 0xDA})
	scan := base[sos : len(base)-2] // one SOS segment and its data, without EOI
	many := append([]byte{}, base[:len(base)-2]...)
	for range 150 {
		many = append(many, scan...)
	}
	many = append(many, 0xFF, 0xD9)
	tests := []struct {
		name string
		file []byte
		want int
	}{
		{"baseline", base, 1},
		{"restart and fill bytes", bytes.Replace(base, []byte{0xFF, 0xD9}, []byte{0xFF, 0xD0, 0x12, 0xFF, 0xFF, 0xD9}, 1), 1},
		{"many scans", many, maxScans + 1},
		{"truncated", base[:sos+20], 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := countScans(bufio.NewReader(bytes.NewReader(tt.file)), maxScans); got != tt.want {
				t.Errorf("got %d scans, want %d", got, tt.want)
			}
		})
	}
	path := write(t, t.TempDir(), "scans.jpg", many)
	if _, err := Decode(path, 256); err == nil || !errors.Is(err, ErrUnsupported) {
		t.Errorf("Decode of %d scans: got %v, want %v", len(many), err, ErrUnsupported)
	}
}
