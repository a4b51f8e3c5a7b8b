package faces

import (
	"fmt"

	"github.com/google/go-cmp/cmp"
	"image"
	"image/color"
	_ "image/jpeg" // the corpus photos
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// corpusDir is the shared photo corpus beside the repository.
const corpusDir = "../../../shared/corpus"

// corpusPhoto decodes a photo from the shared corpus, skipping the test
// when the corpus is not there.
func corpusPhoto(tb testing.TB, path string) image.Image {
	tb.Helper()
	if _, err := os.Stat(filepath.Join(corpusDir, "manifest.json")); err != nil {
		tb.Skip("shared photo corpus not present")
	}
	f, err := os.Open(filepath.Join(corpusDir, path))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		tb.Fatalf("decode %s: %v", path, err)
	}
	return img
}

// tryCorpusPhoto decodes a corpus photo, or returns nil when it is absent or
// unreadable.
func tryCorpusPhoto(path string) image.Image {
	f, err := os.Open(filepath.Join(corpusDir, path))
	if err != nil {
		return nil
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		return nil
	}
	return img
}

func newDetector(tb testing.TB) *Detector {
	tb.Helper()
	d, err := NewDetector()
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// noise is a w×h greyscale image of random pixels over a gradient.
func noise(w, h int) *image.Gray {
	rng := rand.New(rand.NewPCG(1, 2))
	img := image.NewGray(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			v := (x+y)*200/(w+h) + rng.IntN(56)
			img.SetGray(x, y, color.Gray{Y: uint8(v)})
		}
	}
	return img
}

func TestDetectNoFace(t *testing.T) {
	d := newDetector(t)
	tests := []struct {
		name string
		img  image.Image
	}{
		{"noise over gradient", noise(800, 600)},
		{"flat grey RGBA", flat(640, 480, 128)},
		{"tiny", noise(8, 8)},
		{"empty", image.NewGray(image.Rect(0, 0, 0, 0))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := d.Detect(tt.img); len(got) != 0 {
				t.Errorf("Detect = %v, want no faces", got)
			}
		})
	}
}

// flat is a w×h opaque RGBA image of one grey level.
func flat(w, h int, v uint8) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = v, v, v, 255
	}
	return img
}

func TestMinFaceWidth(t *testing.T) {
	tests := []struct {
		w, h int
		want int
	}{
		{4000, 3000, MinFace}, // a pyramid
		{3264, 2448, MinFace}, // a pyramid
		{4000, 2250, MinFace}, // shrinks by 6 to a copy small enough to double, but a pyramid
		{1600, 1200, 30},      // shrunk by 3, then doubled
		{1440, 1080, MinFace}, // shrunk by 2, too large to double: a pyramid
		{1024, 768, 20},       // shrunk by 2, then doubled
		{720, 720, 20},        // one pass as it is: too large to double
		{400, 300, 10},        // doubled
		{0, 0, 10},
	}
	for _, tt := range tests {
		if got := MinFaceWidth(tt.w, tt.h); got != tt.want {
			t.Errorf("MinFaceWidth(%d, %d) = %d, want %d", tt.w, tt.h, got, tt.want)
		}
	}
}

// TestLumaRow checks each fast path against image/color's own conversion.
func TestLumaRow(t *testing.T) {
	src := noise(37, 5)
	rgba := image.NewRGBA(src.Rect)
	nrgba := image.NewNRGBA(src.Rect)
	cmyk := image.NewCMYK(src.Rect)
	for y := range 5 {
		for x := range 37 {
			c := color.RGBA{uint8(x * 7), uint8(y * 50), uint8(x * y), 255}
			rgba.Set(x, y, c)
			nrgba.Set(x, y, c)
			cmyk.Set(x, y, c)
		}
	}
	ycc := enlarge(src, 1)
	for _, img := range []image.Image{src, rgba, nrgba, cmyk, ycc} {
		t.Run(fmt.Sprintf("%T", img), func(t *testing.T) {
			b := img.Bounds()
			got := make([]uint8, b.Dx())
			for y := b.Min.Y; y < b.Max.Y; y++ {
				lumaRow(img, b, y, got)
				want := make([]uint8, b.Dx())
				for x := range want {
					want[x] = lumaAt(img, b.Min.X+x, y)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("row %d (-want +got):\n%s", y, diff)
				}
			}
		})
	}
}

// lumaAt is img's luma at x, y as image/color computes it.
func lumaAt(img image.Image, x, y int) uint8 {
	if m, ok := img.(*image.YCbCr); ok {
		return m.YCbCrAt(x, y).Y
	}
	return color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y
}

// TestShrinkGrey checks the box average and the size of the working copy.
func TestShrinkGrey(t *testing.T) {
	img := image.NewGray(image.Rect(10, 20, 15, 23)) // 5×3, not a multiple of 2
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 10)
	}
	got := shrinkGrey(img, 3)
	want := grey{w: 3, h: 2, k: 2, up: 1, pix: []uint8{
		(0 + 10 + 50 + 60) / 4, (20 + 30 + 70 + 80) / 4, (40 + 90) / 2,
		(100 + 110) / 2, (120 + 130) / 2, 140,
	}}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(grey{})); diff != "" {
		t.Errorf("shrinkGrey (-want +got):\n%s", diff)
	}
}

func TestDoubled(t *testing.T) {
	g := grey{w: 2, h: 2, k: 3, up: 1, pix: []uint8{0, 100, 200, 50}}
	want := grey{w: 4, h: 4, k: 3, up: 2, pix: []uint8{
		0, 50, 100, 100,
		100, 88, 75, 75,
		200, 125, 50, 50,
		200, 125, 50, 50,
	}}
	got := g.doubled()
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(grey{})); diff != "" {
		t.Errorf("doubled (-want +got):\n%s", diff)
	}
	if got, want := got.toOriginal(10), 15; got != want {
		t.Errorf("toOriginal(10) = %d, want %d", got, want)
	}
}
