package gate_test

import (
	"context"
	"image"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/disintegration/imaging"

	"photoconsent/app/faces"
	"photoconsent/app/gate"
	"photoconsent/app/media"
	"photoconsent/app/publish"
	"photoconsent/app/publog"
)

// groupPhoto is a photo of three people facing the camera from the face
// test set (see app/faces/testdata/faceset/SOURCES.md).
const groupPhoto = "../faces/testdata/faceset/2008_002506.jpg"

// groupPNG writes the group photo as a PNG, so a re-encoded copy keeps
// every pixel it did not obscure.
func groupPNG(t *testing.T, dir string) (string, image.Image) {
	t.Helper()
	img, err := imaging.Open(groupPhoto)
	if err != nil {
		t.Fatal(err)
	}
	rgba := image.NewNRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	p := filepath.Join(dir, "group.png")
	out, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if err := png.Encode(out, rgba); err != nil {
		t.Fatal(err)
	}
	return p, rgba
}

// loadGroup loads the group photo through the gate and requires its three
// faces to be found.
func loadGroup(t *testing.T, g *gate.Gate, path string) gate.Item {
	t.Helper()
	it := g.Load(path)
	if !it.FacesChecked || len(it.Faces) != 3 {
		t.Fatalf("Load found faces %+v (checked %v, note %q), want the 3 faces", it.Faces, it.FacesChecked, it.FacesNote)
	}
	return it
}

func reasons(t *testing.T, g *gate.Gate, it gate.Item, d publish.Destination) publish.Decision {
	t.Helper()
	dec, err := g.Decide(it, d)
	if err != nil {
		t.Fatal(err)
	}
	return dec
}

// TestUntaggedFacesBlock: a photo with more faces than tags is blocked
// until each face is tagged or confirmed as an adult.
func TestUntaggedFacesBlock(t *testing.T) {
	f := newFixture(t)
	g, err := gate.New(f.sess)
	if err != nil {
		t.Fatal(err)
	}
	it := loadGroup(t, g, groupPhoto)
	it.Tags = f.tags(amelia)
	dec := reasons(t, g, it, publish.Newsletter)
	want := "3 faces, 1 tagged: tag the other 2 or mark them as adults or not identifiable"
	if dec.Outcome != publish.Blocked || !slices.Contains(dec.Reasons, want) {
		t.Fatalf("one tag for three faces: %+v, want blocked with %q", dec, want)
	}
	it = it.TagFace(0, f.ids[amelia]).TagFace(1, f.ids[tom])
	if dec := reasons(t, g, it, publish.Newsletter); dec.Outcome != publish.Blocked {
		t.Fatalf("two of three faces tagged: %+v, want blocked", dec)
	}
	it = it.MarkNotPupil(2)
	if dec := reasons(t, g, it, publish.Newsletter); dec.Outcome != publish.Ready {
		t.Fatalf("every face tagged or an adult: %+v, want ready", dec)
	}
	if found, resolved := it.FaceCounts(); found != 3 || resolved != 3 {
		t.Errorf("FaceCounts = %d, %d, want 3, 3", found, resolved)
	}
	it = it.Untag(f.ids[tom])
	if dec := reasons(t, g, it, publish.Newsletter); dec.Outcome != publish.Blocked {
		t.Errorf("a face's pupil untagged: %+v, want blocked again", dec)
	}
}

// TestFacesPendingBlocks: a photo is not ready until the detector has looked.
func TestFacesPendingBlocks(t *testing.T) {
	f := newFixture(t)
	g, err := gate.New(f.sess)
	if err != nil {
		t.Fatal(err)
	}
	it := g.Check(groupPhoto)
	it.Tags = f.tags(amelia, tom)
	it.NoPupils = false
	dec := reasons(t, g, it, publish.Display)
	if dec.Outcome != publish.Blocked || !slices.Contains(dec.Reasons, "still looking for faces in it") {
		t.Errorf("before the detector looked: %+v, want blocked while looking", dec)
	}
	if it = g.FindFaces(it); !it.FacesChecked || len(it.Faces) != 3 {
		t.Errorf("FindFaces = %+v, want the 3 faces", it.Faces)
	}
}

// TestBlurToPublish: a pupil without consent, their face tagged and
// blurred, is published obscured; the log says so; the rest of the photo
// is untouched (a PNG keeps every other pixel).
func TestBlurToPublish(t *testing.T) {
	f := newFixture(t)
	g, err := gate.New(f.sess)
	if err != nil {
		t.Fatal(err)
	}
	in, out := t.TempDir(), t.TempDir()
	path, original := groupPNG(t, in)
	it := loadGroup(t, g, path)
	it = it.TagFace(0, f.ids[amelia]).TagFace(1, f.ids[rose]).MarkNotPupil(2)
	if dec := reasons(t, g, it, publish.Newsletter); dec.Outcome != publish.Blocked || !dec.Overridable {
		t.Fatalf("Rose (no consent) tagged: %+v, want blocked on consent", dec)
	}
	it = it.SetBlur(f.ids[rose], true)
	dec := reasons(t, g, it, publish.Newsletter)
	if dec.Outcome != publish.Ready || dec.Label() != "ready (blurred)" || !slices.Equal(dec.Blurred, []string{"Rose P."}) {
		t.Fatalf("Rose blurred: %+v, want ready (blurred)", dec)
	}
	res, err := g.Export(context.Background(), []gate.Item{it}, gate.ExportOptions{To: publish.Newsletter, OutDir: out}, nil)
	if err != nil || len(res) != 1 || res[0].Output == "" {
		t.Fatalf("Export = %+v, %v, want one copy", res, err)
	}
	e := res[0].Entry
	if e.Kind != publog.Exported || e.Faces != 3 || !blurredIn(e, f.ids[rose]) || blurredIn(e, f.ids[amelia]) {
		t.Errorf("log entry %+v, want exported, 3 faces, Rose blurred and Amelia not", e)
	}
	copyImg, err := imaging.Open(res[0].Output)
	if err != nil {
		t.Fatal(err)
	}
	box, _ := it.FaceOf(f.ids[rose])
	checkObscured(t, original, copyImg, box)
}

func blurredIn(e publog.Entry, id string) bool {
	for _, p := range e.Pupils {
		if p.PupilID == id {
			return p.Blurred
		}
	}
	return false
}

// checkObscured requires the face box to differ heavily from the original
// and every pixel outside the grown box to be the original's.
func checkObscured(t *testing.T, original, got image.Image, box faces.Box) {
	t.Helper()
	if got.Bounds().Size() != original.Bounds().Size() {
		t.Fatalf("copy is %v, want %v", got.Bounds().Size(), original.Bounds().Size())
	}
	grown := faces.Grow(box, original.Bounds())
	var inside, changed int
	b := original.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r1, g1, b1, _ := original.At(x, y).RGBA()
			r2, g2, b2, _ := got.At(x, y).RGBA()
			same := r1>>8 == r2>>8 && g1>>8 == g2>>8 && b1>>8 == b2>>8
			pt := image.Pt(x, y)
			switch {
			case !pt.In(grown) && !same:
				t.Fatalf("pixel %v outside the obscured area changed", pt)
			case pt.In(image.Rect(box.X, box.Y, box.X+box.W, box.Y+box.H)):
				inside++
				if !same {
					changed++
				}
			}
		}
	}
	if changed*10 < inside*9 {
		t.Errorf("%d of %d pixels of the face changed, want at least 90%%", changed, inside)
	}
}

// TestBlurNeedsAFace: a pupil marked to blur whose face is not tagged, or
// a photo the app cannot re-encode, stays blocked with a reason.
func TestBlurNeedsAFace(t *testing.T) {
	f := newFixture(t)
	g, err := gate.New(f.sess)
	if err != nil {
		t.Fatal(err)
	}
	it := loadGroup(t, g, groupPhoto)
	it.Tags = f.tags(amelia, rose)
	it = it.MarkNotPupil(2).SetBlur(f.ids[rose], true)
	dec := reasons(t, g, it, publish.Newsletter)
	want := "Rose P. cannot be blurred until their face is tagged in the photo"
	if dec.Outcome != publish.Blocked || !slices.Contains(dec.Reasons, want) {
		t.Errorf("blur without a face: %+v, want blocked with %q", dec, want)
	}
	it = it.TagFace(0, f.ids[amelia]).TagFace(1, f.ids[rose])
	it.Check.Format = "heic" // as if the photo were one the app cannot re-encode
	dec = reasons(t, g, it, publish.Newsletter)
	if dec.Outcome != publish.Blocked || !slices.ContainsFunc(dec.Reasons, func(r string) bool {
		return strings.Contains(r, "only JPEG and PNG photos can be published blurred")
	}) {
		t.Errorf("blur of a HEIC: %+v, want blocked", dec)
	}
}

// TestPlaceFace: a box pointed at lands on the found face under its centre;
// one where nothing was found becomes a face of its own.
func TestPlaceFace(t *testing.T) {
	it := gate.Item{Faces: []gate.Face{{Box: faces.Box{X: 10, Y: 10, W: 100, H: 100}}, {Box: faces.Box{X: 40, Y: 40, W: 20, H: 20}}}}
	if _, i := it.PlaceFace(faces.Box{X: 45, Y: 45, W: 12, H: 12}); i != 1 {
		t.Errorf("a box inside both found faces went to face %d, want the smaller, 1", i)
	}
	if _, i := it.PlaceFace(faces.Box{X: 12, Y: 12, W: 10, H: 10}); i != 0 {
		t.Errorf("a box inside the big face went to face %d, want 0", i)
	}
	got, i := it.PlaceFace(faces.Box{X: 300, Y: 10, W: 50, H: 50})
	if i != 2 || len(got.Faces) != 3 || len(it.Faces) != 2 {
		t.Errorf("a box beside every face: index %d, %d faces (original %d), want a third face and the original untouched", i, len(got.Faces), len(it.Faces))
	}
}

// TestDetectFacesNotes: formats the app cannot look in say so in words,
// and so does a photo that cannot be decoded.
func TestDetectFacesNotes(t *testing.T) {
	d, err := faces.NewDetector()
	if err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(t.TempDir(), "broken.jpg")
	if err := os.WriteFile(broken, []byte("\xff\xd8\xff not a photo"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		r    media.Report
		want string
	}{
		{media.Report{File: "clip.mp4", Format: "mp4"}, "faces are not looked for in videos"},
		{media.Report{File: "photo.heic", Format: "heic"}, "faces are not looked for in HEIC photos"},
		{media.Report{File: broken, Format: "jpeg"}, "faces could not be looked for: "},
	}
	for _, tt := range tests {
		boxes, _, note := gate.DetectFaces(d, tt.r)
		if len(boxes) != 0 || !strings.HasPrefix(note, tt.want) {
			t.Errorf("DetectFaces(%s) = %v, %q; want no boxes and %q", tt.r.File, boxes, note, tt.want)
		}
	}
}

// TestRetaggingAFaceDropsItsBlur: a blurred pupil whose face is given to
// someone else, or marked an adult, is no longer blurred, so no blur is
// left waiting for a face nobody can see.
func TestRetaggingAFaceDropsItsBlur(t *testing.T) {
	it := gate.Item{Faces: []gate.Face{{Box: faces.Box{W: 10, H: 10}}, {Box: faces.Box{X: 20, W: 10, H: 10}}}}
	it = it.TagFace(0, "rose").SetBlur("rose", true)
	if got := it.TagFace(0, "tom"); slices.Contains(got.Blur, "rose") {
		t.Errorf("face 0 given to Tom: Blur = %v, want Rose no longer blurred", got.Blur)
	}
	if got := it.MarkNotPupil(0); slices.Contains(got.Blur, "rose") {
		t.Errorf("face 0 marked an adult: Blur = %v, want Rose no longer blurred", got.Blur)
	}
	if got := it.TagFace(1, "rose"); !slices.Contains(got.Blur, "rose") {
		t.Errorf("Rose moved to face 1: Blur = %v, want her still blurred", got.Blur)
	}
	if got := it.ClearFace(0); slices.Contains(got.Blur, "rose") || !slices.Contains(got.Tags, "rose") {
		t.Errorf("face 0 cleared: Blur = %v, Tags = %v; want Rose tagged, not blurred", got.Blur, got.Tags)
	}
}
