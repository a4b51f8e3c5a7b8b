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
	"sync"

	"photoconsent/assets/cascade"
)

// Box is a face's square in the image's own pixel coordinates (after EXIF
// orientation, i.e. as displayed): the same coordinate space as the
// image.Image given to Detect, so X and Y start at its Bounds().Min.
type Box struct{ X, Y, W, H int }

// Detector finds faces. Build it once with NewDetector (it parses the
// cascade) and share it: Detect only reads the parsed cascade, and takes
// its working buffers under a lock, so one Detector is safe to use from
// many goroutines at once.
type Detector struct {
	trees *trees

	mu    sync.Mutex
	spare [][][]uint8 // working copies' buffers kept for reuse, see keep
}

// maxSpare is how many sets of working buffers a Detector keeps between
// calls: 16 MB a set for a 12-MP photo, which would otherwise be
// allocated and cleared afresh every call.
const maxSpare = 2

// NewDetector parses the face cascade the app ships.
func NewDetector() (*Detector, error) {
	t, err := parseCascade(cascade.FaceFinder)
	if err != nil {
		return nil, fmt.Errorf("faces: unpack cascade: %w", err)
	}
	return &Detector{trees: t}, nil
}

// Detect returns the faces in img, largest first.
//
// The caller applies EXIF orientation first: Detect looks for upright faces
// in img exactly as given, so a photo still lying on its side finds few or
// none. Detect works on greyscale working copies and maps the boxes back
// to img's coordinates. A small photo is shrunk by a whole factor, doubled
// and searched once: the cascade misses many faces under about 40 px of
// its copy. A large one is searched as a pyramid of copies, the first at
// full size, for faces from MinFace pixels wide up (see passes). The same
// face found on two copies, or at two sizes, is reported once.
//
// MinFaceWidth gives the narrowest face Detect looks for in a photo of a
// given size; a face needs to be a little wider to be found reliably.
func (d *Detector) Detect(img image.Image) []Box {
	b := img.Bounds()
	if b.Dx() < 1 || b.Dy() < 1 {
		return nil
	}
	var found []scored
	ps := passes(img, d.take())
	offs := d.trees.newOffsets()
	for _, p := range ps {
		if p.g.w >= p.w.minSize && p.g.h >= p.w.minSize {
			found = append(found, d.run(p, b, offs)...)
		}
	}
	d.keep(ps)
	boxes := merge(found)
	sort.SliceStable(boxes, func(i, j int) bool {
		return boxes[i].W*boxes[i].H > boxes[j].W*boxes[j].H
	})
	return boxes
}

// take returns a set of buffers kept by an earlier call, or nil.
func (d *Detector) take() [][]uint8 {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := len(d.spare)
	if n == 0 {
		return nil
	}
	bufs := d.spare[n-1]
	d.spare = d.spare[:n-1]
	return bufs
}

// keep stores the buffers of a pyramid's copies (see passes) for a later
// call. Detect has finished with them; no box refers to them.
func (d *Detector) keep(ps []pass) {
	bufs := make([][]uint8, 0, len(ps))
	for i, p := range ps {
		if p.g.up != 1 || p.g.k != 1<<i {
			return // not a pyramid: nothing worth keeping
		}
		bufs = append(bufs, p.g.pix)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.spare) < maxSpare {
		d.spare = append(d.spare, bufs)
	}
}

// MinFaceWidth is the narrowest face, in the image's own pixels, that
// Detect looks for in a w×h image: MinFace in a large photo, less in one
// small enough to search in one pass: 10 px in a 400×300 photo, 20 px in
// a 1024×768 one.
func MinFaceWidth(w, h int) int {
	k, up := workingScale(w, h)
	if !onePassScale(k, up) {
		return MinFace
	}
	return max(1, MinFaceScaled*k/up)
}

// workingScale says how Detect would scale a w×h image to search it in
// one pass: shrunk by the whole factor k to at most DetectSide, then
// enlarged by up (1 or 2) when the copy is small enough.
func workingScale(w, h int) (k, up int) {
	k = shrinkFactor(w, h, DetectSide)
	if 4*((w+k-1)/k)*((h+k-1)/k) <= maxDoubledArea {
		return k, 2
	}
	return k, 1
}
