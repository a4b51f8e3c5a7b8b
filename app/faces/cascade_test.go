package faces

import (
	"testing"

	pigo "github.com/esimov/pigo/core"
	"github.com/google/go-cmp/cmp"

	"photoconsent/assets/cascade"
)

// TestScanMatchesPigo checks the fast scan against pigo's own RunCascade:
// the same windows, sizes and scores, on a face-set photo and on noise.
func TestScanMatchesPigo(t *testing.T) {
	p, err := pigo.NewPigo().Unpack(cascade.FaceFinder)
	if err != nil {
		t.Fatal(err)
	}
	c, err := parseCascade(cascade.FaceFinder)
	if err != nil {
		t.Fatal(err)
	}
	photo := shrinkGrey(faceSetPhoto(t, "2008_002470.jpg"), 1000)
	for name, g := range map[string]grey{"photo": photo, "doubled": photo.doubled(), "noise": shrinkGrey(noise(300, 200), 300)} {
		t.Run(name, func(t *testing.T) {
			w := window{minSize: 20, maxSize: min(g.w, g.h), shift: 0.1, scale: 1.1}
			want := p.RunCascade(pigo.CascadeParams{
				MinSize: w.minSize, MaxSize: w.maxSize, ShiftFactor: w.shift, ScaleFactor: w.scale,
				ImageParams: pigo.ImageParams{Pixels: g.pix, Rows: g.h, Cols: g.w, Dim: g.w},
			}, 0)
			got := c.scan(g, w, c.newOffsets())
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("scan differs from pigo (-pigo +scan):\n%s", diff)
			}
			if name != "noise" && len(got) == 0 {
				t.Errorf("scan found no windows in a photo of six faces")
			}
		})
	}
}

func TestParseCascadeRejectsShort(t *testing.T) {
	for _, n := range []int{0, 15, 16, 100, len(cascade.FaceFinder) - 1} {
		if _, err := parseCascade(cascade.FaceFinder[:n]); err == nil {
			t.Errorf("parseCascade(first %d bytes) = nil error, want one", n)
		}
	}
}
