package faces

import (
	"image"
	"testing"
)

// twelveMP is a 4000×3000 4:2:0 photo, as a camera's JPEG decodes: the
// Bush-dog corpus photo (people, several faces) scaled up, or noise over a
// gradient when the corpus is absent.
func twelveMP(b *testing.B) *image.YCbCr {
	b.Helper()
	var src image.Image = noise(400, 300)
	if p := tryCorpusPhoto("exifr/Bush-dog.jpg"); p != nil {
		src = p
	}
	const w, h = 4000, 3000
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	sb := src.Bounds()
	row := make([]uint8, sb.Dx())
	for y := range h {
		lumaRow(src, sb, sb.Min.Y+y*sb.Dy()/h, row)
		for x := range w {
			img.Y[y*img.YStride+x] = row[x*sb.Dx()/w]
		}
	}
	for i := range img.Cb {
		img.Cb[i], img.Cr[i] = 128, 128
	}
	return img
}

func BenchmarkDetect12MP(b *testing.B) {
	d := newDetector(b)
	img := twelveMP(b)
	b.ResetTimer()
	for b.Loop() {
		d.Detect(img)
	}
}

func BenchmarkShrinkGrey12MP(b *testing.B) {
	img := twelveMP(b)
	b.ResetTimer()
	for b.Loop() {
		shrinkGrey(img, DetectSide)
	}
}

// BenchmarkDetectDoubled1024 times a 1024×768 photo, which Detect halves
// and then doubles (a 1024×768 working copy).
func BenchmarkDetectDoubled1024(b *testing.B) {
	d := newDetector(b)
	img := corpusPhoto(b, "mei/Olympus μ Digital 800.JPG")
	b.ResetTimer()
	for b.Loop() {
		d.Detect(img)
	}
}

// BenchmarkSmoothGrey12MP times the pyramid's full-size smoothed copy.
func BenchmarkSmoothGrey12MP(b *testing.B) {
	img := twelveMP(b)
	buf := make([]uint8, 4000*3000)
	b.ResetTimer()
	for b.Loop() {
		smoothGrey(img, buf)
	}
}
