package faces

import (
	"image"
	"math"
	"sort"

	pigo "github.com/esimov/pigo/core"
)

const (
	// DetectSide is the longest side of the working copy for a photo small
	// enough to search in one pass (see passes).
	DetectSide = 720
	// maxDoubledArea is the largest working copy Detect makes by doubling a
	// small one.
	maxDoubledArea = 2 * DetectSide * DetectSide
	// MinFaceScaled is the smallest window, in pixels of the working copy,
	// the one-pass search tries.
	MinFaceScaled = 20
	// MinFace is the narrowest face, in the photo's own pixels, that
	// Detect looks for in a photo searched as a pyramid (see passes and
	// MinFaceWidth). The face set's 37-px labelled faces, about 36 to
	// 42 px wide, are most of them found at this size.
	MinFace = 40
	// octave is how much larger than MinFace the largest window on each
	// pyramid level is: one octave of face sizes per level.
	octave = 2
	// minQuality is the summed cascade score a cluster of detections
	// needs, on the one-pass grid, to count as a face; lower finds more
	// faces and more things that are not.
	minQuality = 6.0
	// smallFace: on faces narrower than this in the photo, which only a
	// small photo's one-pass search finds, the cascade is least sure, both
	// of faces and of things that are not; there a cluster needs
	// smallQuality. (On the face set this rule drops four false positives
	// of 17 to 24 px and keeps every face.)
	smallFace    = 25
	smallQuality = 2 * minQuality
	// clusterIoU merges overlapping detections of the same face.
	clusterIoU = 0.2
)

// The search grids. The one-pass search moves each window by a tenth of
// its size and grows it by a tenth. The pyramid's levels, which scan far
// more pixels, grow windows by a fifth and step a little further: the
// full-size level by 0.105 of a window (4, 5, 6 and 7 px for its four
// sizes), the others, whose faces are larger, by an eighth. Measured on
// the face set (TestDetectFaceSet12MP), this keeps recall while meeting
// the time budget (BenchmarkDetect12MP).
var (
	onePass   = grid{shift: 0.1, scale: 1.1}
	fullSize  = grid{shift: 0.105, scale: 1.2}
	pyramided = grid{shift: 0.125, scale: 1.2}
)

// grid is how densely a pass searches.
type grid struct{ shift, scale float64 }

// density is how many windows g tries per face compared with onePass: a
// face's cluster score grows with it, so scores are divided by it.
func (g grid) density() float64 {
	r := onePass.shift / g.shift
	return r * r * math.Log(onePass.scale) / math.Log(g.scale)
}

// pass is one run of the cascade over a working copy.
type pass struct {
	g grey
	w window
}

// passes plans Detect's work for img.
//
// A photo that shrinks by a small whole factor to at most DetectSide (and
// is then doubled, when that copy is small enough) is searched in one pass
// for every window size: faces down to MinFaceWidth, at most MinFace.
//
// A larger one is searched as a pyramid: the full-size photo, lightly
// smoothed, for faces from MinFace to twice that, then copies each half
// the last for the next octave of face sizes, the last copy for every
// size it holds. So every face is looked for at between MinFace and twice
// that many pixels of some copy, where the cascade works well, and each
// octave costs about a quarter of the one before.
//
// bufs, kept from an earlier call, are buffers the pyramid's levels may
// reuse, level by level.
func passes(img image.Image, bufs [][]uint8) []pass {
	b := img.Bounds()
	if k, up := workingScale(b.Dx(), b.Dy()); onePassScale(k, up) {
		g := shrinkBy(img, k)
		if up == 2 {
			g = g.doubled()
		}
		return []pass{{g, onePass.window(MinFaceScaled, min(g.w, g.h))}}
	}
	buf := func(i int) []uint8 {
		if i < len(bufs) {
			return bufs[i]
		}
		return nil
	}
	var ps []pass
	for g := smoothGrey(img, buf(0)); ; g = g.halved(buf(len(ps))) {
		gr := pyramided
		if len(ps) == 0 {
			gr = fullSize
		}
		if side := min(g.w, g.h); side < 2*octave*MinFace {
			return append(ps, pass{g, gr.window(MinFace, side)})
		}
		ps = append(ps, pass{g, gr.window(MinFace, octave*MinFace-1)})
	}
}

// onePassScale says whether a photo Detect scales by k and then up is
// searched in one pass: when that finds faces down to MinFace or less, and
// does not run the cascade on small windows of an undoubled shrunk copy,
// where it misses faces.
func onePassScale(k, up int) bool {
	return k == 1 || (up == 2 && MinFaceScaled*k/up <= MinFace)
}

func (g grid) window(minSize, maxSize int) window {
	return window{minSize: minSize, maxSize: maxSize, shift: g.shift, scale: g.scale}
}

// scored is a face's box in the photo with its cluster's score, scaled to
// what the one-pass grid would give.
type scored struct {
	Box
	q float64
}

// run returns the faces one pass finds, in img's coordinates.
func (d *Detector) run(p pass, bounds image.Rectangle, offs *offsets) []scored {
	dets := pigo.NewPigo().ClusterDetections(d.trees.scan(p.g, p.w, offs), clusterIoU)
	density := grid{p.w.shift, p.w.scale}.density()
	var out []scored
	for _, det := range dets {
		q := float64(det.Q) / density
		b, ok := p.g.toBox(det, bounds)
		if ok && q >= minQuality && (b.W >= smallFace || q >= smallQuality) {
			out = append(out, scored{b, q})
		}
	}
	return out
}

// merge keeps, of boxes that are the same face found in two passes or at
// two sizes, the one with the higher score: a box is dropped when it
// overlaps a better one by mergeIoU or more. (Dropping a box whose centre
// lies in a better one loses faces cheek by cheek with a neighbour.)
func merge(found []scored) []Box {
	sort.SliceStable(found, func(i, j int) bool { return found[i].q > found[j].q })
	var kept []Box
	for _, f := range found {
		if !overlapsAny(f.Box, kept) {
			kept = append(kept, f.Box)
		}
	}
	return kept
}

// mergeIoU is how much two boxes must overlap (intersection over union)
// to be taken for one face.
const mergeIoU = 0.3

func overlapsAny(b Box, kept []Box) bool {
	for _, k := range kept {
		in := rect(b).Intersect(rect(k))
		i := in.Dx() * in.Dy()
		if float64(i) >= mergeIoU*float64(b.W*b.H+k.W*k.H-i) {
			return true
		}
	}
	return false
}

func rect(b Box) image.Rectangle { return image.Rect(b.X, b.Y, b.X+b.W, b.Y+b.H) }

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
