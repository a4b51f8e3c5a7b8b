package faces

import (
	"image"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSmoothGrey checks the 2×2 average at full size, the repeated last
// row and column, and that a too-small buffer is not used.
func TestSmoothGrey(t *testing.T) {
	img := image.NewGray(image.Rect(5, 7, 8, 9)) // 3×2, away from 0,0
	copy(img.Pix, []uint8{
		0, 40, 80,
		100, 140, 200,
	})
	want := grey{w: 3, h: 2, k: 1, up: 1, pix: []uint8{
		(0 + 40 + 100 + 140 + 2) / 4, (40 + 80 + 140 + 200 + 2) / 4, (80 + 200 + 1) / 2,
		(100 + 140 + 1) / 2, (140 + 200 + 1) / 2, 200,
	}}
	got := smoothGrey(img, make([]uint8, 2))
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(grey{})); diff != "" {
		t.Errorf("smoothGrey (-want +got):\n%s", diff)
	}
	// The same through the YCbCr path, reading the luma plane directly.
	ycc := enlarge(img, 1)
	if got := smoothGrey(ycc, nil); !cmp.Equal(want.pix, got.pix) {
		t.Errorf("smoothGrey(YCbCr).pix = %v, want %v", got.pix, want.pix)
	}
}

// TestHalved checks the 2×2 average, the odd last row and column, the
// scale it records, and that a large enough buffer is used.
func TestHalved(t *testing.T) {
	g := grey{w: 3, h: 3, k: 1, up: 1, pix: []uint8{
		0, 40, 90,
		100, 140, 30,
		7, 9, 255,
	}}
	buf := make([]uint8, 10)
	got := g.halved(buf)
	want := grey{w: 2, h: 2, k: 2, up: 1, pix: []uint8{
		(0 + 40 + 100 + 140 + 2) / 4, (90 + 30 + 1) / 2,
		(7 + 9 + 7 + 9 + 2) / 4, 255,
	}}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(grey{})); diff != "" {
		t.Errorf("halved (-want +got):\n%s", diff)
	}
	if &got.pix[0] != &buf[0] {
		t.Errorf("halved did not reuse a buffer large enough")
	}
	if got, want := got.toOriginal(10), 20; got != want {
		t.Errorf("toOriginal(10) = %d, want %d", got, want)
	}
}
