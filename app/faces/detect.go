package faces

import (
	"image"

	pigo "github.com/esimov/pigo/core"
)

const (
	// DetectSide is the longest side of the greyscale copy the cascade runs
	// on. Larger finds smaller faces but costs time: the cascade's work grows
	// with the copy's area.
	DetectSide = 720
	// maxDoubledArea is the largest working copy Detect makes by doubling a
	// small one (three times the area Detect scans for a 12-MP photo, and
	// about twice its time).
	maxDoubledArea = 2 * DetectSide * DetectSide
	// MinFaceScaled is the smallest face, in pixels of that copy, the
	// cascade looks for.
	MinFaceScaled = 20
	// minQuality is the cascade score a clustered detection needs to count
	// as a face; lower finds more faces and more things that are not.
	minQuality = 6.0
	// shiftFactor moves the search window by this share of its size.
	shiftFactor = 0.1
	// scaleFactor grows the search window by this factor each pass.
	scaleFactor = 1.1
	// clusterIoU merges overlapping detections of the same face.
	clusterIoU = 0.2
)

// run returns the clustered detections in g that score at least minQuality.
func (d *Detector) run(g grey) []pigo.Detection {
	dets := d.cascade.ClusterDetections(d.cascade.RunCascade(pigoParams(g), 0), clusterIoU)
	kept := dets[:0]
	for _, det := range dets {
		if det.Q >= minQuality {
			kept = append(kept, det)
		}
	}
	return kept
}

// pigoParams are the cascade's search settings for g.
func pigoParams(g grey) pigo.CascadeParams {
	return pigo.CascadeParams{
		MinSize:     MinFaceScaled,
		MaxSize:     min(g.w, g.h),
		ShiftFactor: shiftFactor,
		ScaleFactor: scaleFactor,
		ImageParams: pigo.ImageParams{Pixels: g.pix, Rows: g.h, Cols: g.w, Dim: g.w},
	}
}

// toBox maps a detection in g back to a square in the original image,
// clipped to its bounds; ok is false when nothing is left after clipping.
func (g grey) toBox(det pigo.Detection, b image.Rectangle) (Box, bool) {
	half := det.Scale / 2
	r := image.Rect(det.Col-half, det.Row-half, det.Col-half+det.Scale, det.Row-half+det.Scale)
	r = image.Rect(g.toOriginal(r.Min.X), g.toOriginal(r.Min.Y), g.toOriginal(r.Max.X), g.toOriginal(r.Max.Y))
	r = r.Add(b.Min).Intersect(b)
	if r.Empty() {
		return Box{}, false
	}
	return Box{X: r.Min.X, Y: r.Min.Y, W: r.Dx(), H: r.Dy()}, true
}
