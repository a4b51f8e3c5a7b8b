package faces

import (
	"encoding/xml"
	"fmt"
	"image"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// faceSetDir holds nine group photos from PASCAL VOC 2011 with dlib's
// hand-labelled face boxes, 43 faces in all (see testdata/faceset/SOURCES.md).
const faceSetDir = "testdata/faceset"

// labelled is one face-set photo: dlib's face boxes, which of them are not
// frontal, and the faces dlib did not label.
type labelled struct {
	file       string
	faces      []image.Rectangle // dlib's boxes
	notFrontal map[int]bool      // by index in faces
	other      []image.Rectangle // visible faces dlib left out
}

// dlibDataset is the shape of dlib's imglab XML.
type dlibDataset struct {
	Images []struct {
		File  string `xml:"file,attr"`
		Boxes []struct {
			Top    int `xml:"top,attr"`
			Left   int `xml:"left,attr"`
			Width  int `xml:"width,attr"`
			Height int `xml:"height,attr"`
		} `xml:"box"`
	} `xml:"images>image"`
}

// notFrontal lists, by photo and index in dlib's XML, labelled faces that
// are not frontal: turned more than about 45 degrees, looking down, or
// half hidden. Each of the 43 was looked at, at two to four times its
// size, and none is: dlib's labellers kept to faces its frontal detector
// is meant to find. The nearest to the line is 2007_007763's box 2, a man
// laughing with his head turned some 30 to 40 degrees; it is counted as
// frontal, and Detect misses it.
var notFrontal = map[string]map[int]bool{}

// unlabelled are faces visible in the face-set photos that dlib did not
// label, found the same way. The only one is the barman behind the table
// in 2008_002079, a dark frontal face about 18 px wide: recall does not
// count it, but a box on it is not a false positive either. The other
// people dlib left out are seen from behind or side on, a few pixels
// high, or in a framed photo.
var unlabelled = map[string][]image.Rectangle{
	"2008_002079.jpg": {image.Rect(272, 33, 294, 57)},
}

// loadFaceSet reads dlib's training.xml and testing.xml.
func loadFaceSet(tb testing.TB) []labelled {
	tb.Helper()
	var set []labelled
	for _, name := range []string{"training.xml", "testing.xml"} {
		f, err := os.Open(filepath.Join(faceSetDir, name))
		if err != nil {
			tb.Fatal(err)
		}
		dec := xml.NewDecoder(f)
		// The files say ISO-8859-1 but are plain ASCII.
		dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
		var ds dlibDataset
		err = dec.Decode(&ds)
		f.Close()
		if err != nil {
			tb.Fatalf("%s: %v", name, err)
		}
		for _, im := range ds.Images {
			l := labelled{file: im.File, notFrontal: notFrontal[im.File], other: unlabelled[im.File]}
			for _, b := range im.Boxes {
				l.faces = append(l.faces, image.Rect(b.Left, b.Top, b.Left+b.Width, b.Top+b.Height))
			}
			set = append(set, l)
		}
	}
	return set
}

// faceSetPhoto decodes a face-set photo.
func faceSetPhoto(tb testing.TB, file string) image.Image {
	tb.Helper()
	f, err := os.Open(filepath.Join(faceSetDir, file))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		tb.Fatalf("decode %s: %v", file, err)
	}
	return img
}

// score counts how Detect did on some photos.
type score struct {
	faces, found     int // labelled faces, and those found
	goal, goalFound  int // frontal faces at least minCounted wide
	small, smallSeen int // frontal faces narrower than that
	boxes, falsePos  int // boxes returned, and those on no face
	duplicates       int // further boxes on a face already found
	missed           []string
}

// minCounted is the narrowest labelled box that counts towards the recall
// goal (frontal faces at least 40 px wide). dlib's boxes run from the
// eyebrows to the chin and about cheek to cheek; looked at closely, its
// 37-px boxes hold faces 36 to 42 px wide, so they are not counted as
// 40-px faces but reported apart. Its next size up, 44 px, holds faces
// of 42 px and more.
const minCounted = 40

// add scores boxes against one photo's faces, all shifted by off.
//
// A face is found when a box's centre lies in its labelled box and the box
// is between half and three times its width: boxes come from windows that
// cover more of the head than dlib's tight boxes. A box whose centre lies
// in no face, labelled or not, is a false positive.
func (s *score) add(l labelled, off image.Point, boxes []Box) {
	used := make([]bool, len(boxes))
	s.boxes += len(boxes)
	for fi, f := range l.faces {
		f = f.Add(off)
		hit := false
		for i, b := range boxes {
			if centre(b).In(f) && 2*b.W >= f.Dx() && b.W <= 3*f.Dx() {
				if hit {
					s.duplicates++
				}
				hit, used[i] = true, true
			}
		}
		s.faces++
		s.found += b2i(hit)
		switch {
		case l.notFrontal[fi]:
		case f.Dx() >= minCounted:
			s.goal++
			s.goalFound += b2i(hit)
		default:
			s.small++
			s.smallSeen += b2i(hit)
		}
		if !hit {
			s.missed = append(s.missed, fmt.Sprintf("%s %v", l.file, f.Sub(off)))
		}
	}
	for i, b := range boxes {
		if !used[i] && !anyIn(centre(b), l.faces, off) && !anyIn(centre(b), l.other, off) {
			s.falsePos++
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func centre(b Box) image.Point { return image.Pt(b.X+b.W/2, b.Y+b.H/2) }

func anyIn(p image.Point, rs []image.Rectangle, off image.Point) bool {
	for _, r := range rs {
		if p.In(r.Add(off)) {
			return true
		}
	}
	return false
}

func percent(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// check logs s and asserts the recall goal (at least 90% of frontal faces
// of 40 px or more) and a ceiling on false positives.
func (s score) check(t *testing.T, maxFalse int) {
	t.Helper()
	t.Logf("labelled faces %d, found %d (recall %.0f%%); frontal >= %d px: %d, found %d (recall %.0f%%); frontal 37-px: %d, found %d; false positives %d; duplicates %d; missed %v",
		s.faces, s.found, percent(s.found, s.faces), minCounted, s.goal, s.goalFound, percent(s.goalFound, s.goal),
		s.small, s.smallSeen, s.falsePos, s.duplicates, s.missed)
	if r := percent(s.goalFound, s.goal); r < 90 {
		t.Errorf("recall of frontal faces >= %d px = %.0f%%, want at least 90%%", minCounted, r)
	}
	if s.falsePos > maxFalse {
		t.Errorf("false positives = %d, want at most %d", s.falsePos, maxFalse)
	}
}

// TestDetectFaceSet runs Detect over each face-set photo as it is (about
// 500×375, searched in one pass).
func TestDetectFaceSet(t *testing.T) {
	d := newDetector(t)
	var s score
	for _, l := range loadFaceSet(t) {
		boxes := d.Detect(faceSetPhoto(t, l.file))
		t.Logf("%s: %v", l.file, boxes)
		s.add(l, image.Point{}, boxes)
	}
	s.check(t, 2)
}

// faceSetCanvas pastes every face-set photo at 1:1 scale into a 4000×3000
// 4:2:0 image, as a 12-MP camera JPEG decodes, over a gradient with light
// noise (a few grey levels, as a camera's sensor gives): its faces keep
// their pixel sizes, so a 40-px face in the set is a 40-px face in a 12-MP
// photo. It returns where each photo went.
func faceSetCanvas(tb testing.TB, set []labelled) (*image.YCbCr, []image.Point) {
	tb.Helper()
	const w, h = 4000, 3000
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	rng := rand.New(rand.NewPCG(3, 4))
	for y := range h {
		for x := range w {
			img.Y[y*img.YStride+x] = uint8(60 + (x+y)*120/(w+h) + rng.IntN(6))
		}
	}
	for i := range img.Cb {
		img.Cb[i], img.Cr[i] = 128, 128
	}
	offs := make([]image.Point, len(set))
	for i, l := range set {
		// A 3×3 grid of 1333×1000 cells, each photo nudged off the grid so
		// that none lines up with the working copies' pixel blocks.
		offs[i] = image.Pt(i%3*1333+150+37*(i/3), i/3*1000+200+53*(i%3))
		paste(img, faceSetPhoto(tb, l.file), offs[i])
	}
	return img, offs
}

// paste copies src's luma into dst's at off.
func paste(dst *image.YCbCr, src image.Image, off image.Point) {
	sb := src.Bounds()
	row := make([]uint8, sb.Dx())
	for y := sb.Min.Y; y < sb.Max.Y; y++ {
		lumaRow(src, sb, y, row)
		i := dst.YOffset(off.X, off.Y+y-sb.Min.Y)
		copy(dst.Y[i:i+len(row)], row)
	}
}

// TestDetectFaceSet12MP finds the face set's faces at their own sizes in a
// 12-MP photo, searched as a pyramid. A box on the background counts as a
// false positive.
func TestDetectFaceSet12MP(t *testing.T) {
	d := newDetector(t)
	set := loadFaceSet(t)
	img, offs := faceSetCanvas(t, set)
	boxes := d.Detect(img)
	var s score
	for i, l := range set {
		s.add(l, offs[i], inside(boxes, image.Rectangle{Min: offs[i], Max: offs[i].Add(faceSetPhoto(t, l.file).Bounds().Size())}))
	}
	s.falsePos += len(boxes) - s.boxes // boxes on the background
	s.check(t, 2)
}

// inside returns the boxes whose centres lie in r.
func inside(boxes []Box, r image.Rectangle) []Box {
	var in []Box
	for _, b := range boxes {
		if centre(b).In(r) {
			in = append(in, b)
		}
	}
	return in
}

// BenchmarkDetectFaceSet12MP times Detect on the 12-MP face-set canvas.
func BenchmarkDetectFaceSet12MP(b *testing.B) {
	d := newDetector(b)
	img, _ := faceSetCanvas(b, loadFaceSet(b))
	b.ResetTimer()
	for b.Loop() {
		d.Detect(img)
	}
}

// TestDetectPyramidReuseAndConcurrency checks that the working buffers a
// Detector keeps between calls change nothing: a 12-MP photo gives the
// same boxes before and after a smaller one, the smaller one the same as
// on a fresh Detector, and four goroutines at once the same again.
func TestDetectPyramidReuseAndConcurrency(t *testing.T) {
	d := newDetector(t)
	img, _ := faceSetCanvas(t, loadFaceSet(t))
	part := img.SubImage(image.Rect(1200, 900, 3300, 2500)) // 2100×1600: a pyramid too
	first := d.Detect(img)
	gotPart := d.Detect(part)
	again := d.Detect(img)
	if diff := cmp.Diff(first, again); diff != "" {
		t.Errorf("Detect(12 MP) after reuse differs (-first +again):\n%s", diff)
	}
	if diff := cmp.Diff(newDetector(t).Detect(part), gotPart); diff != "" {
		t.Errorf("Detect(part) with kept buffers differs (-fresh +reused):\n%s", diff)
	}
	if len(gotPart) == 0 {
		t.Errorf("Detect(part) = no boxes, want the faces in it")
	}
	sameWhenConcurrent(t, d, part, gotPart)
}
