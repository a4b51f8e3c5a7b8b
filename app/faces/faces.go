// Package faces finds where faces are in a photo, so the vet screen can ask
// the teacher about faces nobody tagged and blur a child who cannot appear.
//
// It is detection only: it says "there is a face in this square" and nothing
// about whose face it is. It builds no face templates and stores nothing
// biometric; recognising children would be special-category biometric data
// under UK GDPR. Everything runs offline with pigo's pure-Go cascade.
package faces

import (
	"fmt"
	"image"
	"sort"

	pigo "github.com/esimov/pigo/core"

	"photoconsent/assets/cascade"
)

// Box is a face's square in the image's own pixel coordinates (after EXIF
// orientation, i.e. as displayed): the same coordinate space as the
// image.Image given to Detect, so X and Y start at its Bounds().Min.
type Box struct{ X, Y, W, H int }

// Detector finds faces. Build it once with NewDetector (it parses the
// cascade) and share it: Detect only reads the parsed cascade, so one
// Detector is safe to use from many goroutines at once.
type Detector struct {
	cascade *pigo.Pigo
}

// NewDetector parses the face cascade the app ships.
func NewDetector() (*Detector, error) {
	p, err := pigo.NewPigo().Unpack(cascade.FaceFinder)
	if err != nil {
		return nil, fmt.Errorf("faces: unpack cascade: %w", err)
	}
	return &Detector{cascade: p}, nil
}

// Detect returns the faces in img, largest first.
//
// The caller applies EXIF orientation first: Detect looks for upright faces
// in img exactly as given, so a photo still lying on its side finds few or
// none. Detect works on a greyscale working copy shrunk by a whole factor so
// that its longest side is at most DetectSide pixels, and maps the boxes back
// to img's coordinates. A small copy is doubled first (see maxDoubledArea):
// the cascade misses many faces under about 45 px of its copy.
//
// Faces narrower than MinFaceScaled pixels of the working copy are never
// found; MinFaceWidth gives that width in img's pixels: 120 px for a
// 4000×3000 photo (factor 6), 10 px for a 400×300 one (doubled). In practice
// a face needs about twice that width to be found reliably.
func (d *Detector) Detect(img image.Image) []Box {
	g := shrinkGrey(img, DetectSide)
	if _, up := workingScale(img.Bounds().Dx(), img.Bounds().Dy()); up == 2 {
		g = g.doubled()
	}
	if g.w < MinFaceScaled || g.h < MinFaceScaled {
		return nil
	}
	dets := d.run(g)
	boxes := make([]Box, 0, len(dets))
	for _, det := range dets {
		if b, ok := g.toBox(det, img.Bounds()); ok {
			boxes = append(boxes, b)
		}
	}
	sort.SliceStable(boxes, func(i, j int) bool {
		return boxes[i].W*boxes[i].H > boxes[j].W*boxes[j].H
	})
	return boxes
}

// MinFaceWidth is the narrowest face, in the image's own pixels, that
// Detect can find in a w×h image.
func MinFaceWidth(w, h int) int {
	k, up := workingScale(w, h)
	return max(1, MinFaceScaled*k/up)
}

// workingScale says how Detect scales a w×h image: shrunk by the whole
// factor k, then enlarged by up (1 or 2) when the copy is small enough.
func workingScale(w, h int) (k, up int) {
	k = shrinkFactor(w, h, DetectSide)
	if 4*((w+k-1)/k)*((h+k-1)/k) <= maxDoubledArea {
		return k, 2
	}
	return k, 1
}
