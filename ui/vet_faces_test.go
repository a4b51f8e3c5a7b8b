package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/devices"
	"photoconsent/app/publish"
	"photoconsent/app/publog"
)

// groupPhoto is three people facing the camera, from the face test set
// (app/faces/testdata/faceset/SOURCES.md).
const groupPhoto = "../app/faces/testdata/faceset/2008_002506.jpg"

// openGroup opens the vet screen on a folder holding the group photo alone
// and waits for its three faces.
func openGroup(t *testing.T, login, password string) (*App, *vetScreen) {
	t.Helper()
	a, s, _, _ := openVet(t, login, password)
	dir := t.TempDir()
	b, err := os.ReadFile(groupPhoto)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "IMG_0100.jpg"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	s.path.SetText("")
	test.Type(s.path, dir)
	s.path.TypedKey(&fyneKeyReturn)
	a.settle()
	if len(s.photos) != 1 || len(s.photos[0].item.Faces) != 3 {
		t.Fatalf("vet screen holds %d photos, the first with faces %+v; want one photo with 3 faces", len(s.photos), s.photos[0].item.Faces)
	}
	s.destSel.SetSelected(publish.Newsletter.Label())
	a.settle()
	return a, s
}

// sayFace opens face i's menu from its button in the detail area and
// chooses the item with those words.
func sayFace(t *testing.T, a *App, s *vetScreen, i int, choice string) {
	t.Helper()
	var buttons []*widget.Button
	walk(s.detail.faces.rows, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok {
			buttons = append(buttons, b)
		}
	})
	if i >= len(buttons) {
		t.Fatalf("the detail area has %d face buttons, want at least %d", len(buttons), i+1)
	}
	test.Tap(buttons[i])
	tapOnTop(t, a, choice)
}

// tapOnTop taps the item with those words in the menu or dialog on top.
func tapOnTop(t *testing.T, a *App, words string) {
	t.Helper()
	top := a.win.Canvas().Overlays().Top()
	var item fyne.Tappable
	// find looks for the innermost tappable object showing the words: the
	// menu item, not the menu or the pop-up around it.
	var find func(o fyne.CanvasObject)
	find = func(o fyne.CanvasObject) {
		if item != nil || o == nil || !o.Visible() || !slices.Contains(visibleTexts(o), words) {
			return
		}
		switch w := o.(type) {
		case *fyne.Container:
			for _, c := range w.Objects {
				find(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				find(c)
			}
		}
		if tp, ok := o.(fyne.Tappable); ok && item == nil {
			item = tp
		}
	}
	find(top)
	if item == nil {
		t.Fatalf("no menu item %q on top (%v)", words, visibleTexts(top))
	}
	if h, ok := item.(desktop.Hoverable); ok {
		h.MouseIn(&desktop.MouseEvent{}) // opens a submenu, as the pointer does
	}
	item.Tapped(&fyne.PointEvent{})
	a.settle()
}

// walk visits o and everything inside it.
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	if c, ok := o.(*fyne.Container); ok {
		for _, child := range c.Objects {
			walk(child, visit)
		}
	}
}

// TestVetFacesBlockExport: a photo with more faces than tags cannot be
// exported until every face is tagged or marked as an adult.
func TestVetFacesBlockExport(t *testing.T) {
	a, s := openGroup(t, teachLogin, staffPass)
	tagOnly(t, a, s, 0, "5K", "Zoë Brontë")
	p := s.photos[0]
	want := "3 faces, 1 tagged: tag the other 2 or mark them as adults or not identifiable"
	if p.dec.Outcome != publish.Blocked || !slices.Contains(p.dec.Reasons, want) {
		t.Fatalf("one tag for three faces: %+v, want blocked with %q", p.dec, want)
	}
	if got := badgeWords(p); !slices.Contains(got, "Faces") {
		t.Errorf("badges = %v, want Faces", got)
	}
	if !hasText(screenTexts(a), "3 faces found, 0 said who. Click a face in the photo, or choose below, to say who it is.") {
		t.Error("the detail area does not count the faces")
	}
	out := t.TempDir()
	test.Type(s.export.folder, out)
	if !s.export.run.Disabled() {
		t.Error("Export is enabled with faces nobody accounted for")
	}

	sayFace(t, a, s, 0, "Zoë Brontë")
	sayFace(t, a, s, 1, faceAdult)
	if p.dec.Outcome != publish.Blocked || !s.export.run.Disabled() {
		t.Fatalf("two of three faces said: %s, export disabled %v; want still blocked", p.dec.Outcome, s.export.run.Disabled())
	}
	sayFace(t, a, s, 2, faceAdult)
	if p.dec.Outcome != publish.Ready || s.export.run.Disabled() {
		t.Fatalf("every face said: %+v, export disabled %v; want ready", p.dec, s.export.run.Disabled())
	}
	test.Tap(s.export.run)
	a.settle()
	if files, _ := os.ReadDir(out); len(files) != 1 {
		t.Errorf("output folder holds %d files, want the one copy", len(files))
	}
}

// TestVetBlurToPublish: Chidi's parents said no; with his face tagged and
// "publish with this child blurred" ticked, the photo is ready (blurred)
// and the log records him as blurred.
func TestVetBlurToPublish(t *testing.T) {
	a, s := openGroup(t, headLogin, headPassword)
	tagOnly(t, a, s, 0, "5K", "Chidi Okafor")
	sayFace(t, a, s, 0, "Chidi Okafor")
	sayFace(t, a, s, 1, faceAdult)
	sayFace(t, a, s, 2, faceAdult)
	p := s.photos[0]
	if p.dec.Outcome != publish.Blocked {
		t.Fatalf("Chidi tagged: %s, want blocked", p.dec.Outcome)
	}
	var blur *widget.Check
	walk(s.detail.faces.rows, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && strings.Contains(c.Text, "blurred") {
			blur = c
		}
	})
	if blur == nil {
		t.Fatal("no blur choice beside Chidi's face")
	}
	test.Tap(blur)
	a.settle()
	if p.dec.Label() != "ready (blurred)" || !hasText(screenTexts(a), "Ready to publish with Chidi O. blurred: Newsletter.") {
		t.Fatalf("Chidi blurred: %+v, want ready (blurred) said on screen", p.dec)
	}
	if got := badgeWords(p); !slices.Contains(got, "Blurred") {
		t.Errorf("badges = %v, want Blurred", got)
	}
	out := t.TempDir()
	test.Type(s.export.folder, out)
	test.Tap(s.export.run)
	a.settle()
	log, err := a.sess.PublicationLog()
	if err != nil {
		t.Fatal(err)
	}
	last := log[len(log)-1]
	if last.Kind != publog.Exported || len(last.Pupils) != 1 || !last.Pupils[0].Blurred || last.Faces != 3 {
		t.Errorf("last log entry %+v, want exported with Chidi blurred and 3 faces", last)
	}
}

// TestVetFaceBoxTap: tapping inside a face's box in the preview asks who
// it is; tapping beside the faces does not.
func TestVetFaceBoxTap(t *testing.T) {
	a, s := openGroup(t, teachLogin, staffPass)
	v := s.detail.img
	v.Resize(fyne.NewSize(400, 300))
	pos, size := v.boxRect(1)
	centre := pos.Add(fyne.NewPos(size.Width/2, size.Height/2))
	if got := v.faceAt(centre); got != 1 {
		t.Fatalf("faceAt(centre of box 2) = %d, want 1", got)
	}
	if got := v.faceAt(fyne.NewPos(1, 1)); got != -1 {
		t.Errorf("faceAt(corner) = %d, want -1", got)
	}
	v.Tapped(&fyne.PointEvent{Position: centre, AbsolutePosition: centre})
	tapOnTop(t, a, faceAdult)
	if f := s.photos[0].item.Faces[1]; !f.NotPupil {
		t.Errorf("face 2 after choosing %q from its box's menu: %+v", faceAdult, f)
	}

	// With a class chosen, the box's menu names the face from the class
	// and tags the pupil too.
	s.tags.class.SetSelected("5K")
	a.settle()
	v.Tapped(&fyne.PointEvent{Position: centre, AbsolutePosition: centre})
	tapOnTop(t, a, "Someone in 5K")
	tapOnTop(t, a, "Zoë Brontë")
	it := s.photos[0].item
	if zoe := idByName(s, "Zoë Brontë"); it.Faces[1].Pupil != zoe || !slices.Contains(it.Tags, zoe) {
		t.Errorf("after naming face 2 Zoë from the class: face %+v, tags %v", it.Faces[1], it.Tags)
	}
}

// TestVetNotSchoolDevice: once the school lists its cameras, a photo that
// does not say it came from one is flagged on its tile and in the detail
// area, and can still be published.
func TestVetNotSchoolDevice(t *testing.T) {
	a, s, _, _ := openVet(t, headLogin, headPassword)
	if got := badgeWords(s.photos[0]); slices.Contains(got, "Device") {
		t.Errorf("badges before any device is listed = %v, want no Device", got)
	}
	const unlisted = "The camera that took it is not checked: the school has not listed its cameras and tablets yet"
	if !hasText(screenTexts(a), unlisted) {
		t.Error("the detail area does not say the camera is not checked while no devices are listed")
	}
	if _, err := a.sess.AddSchoolDevice(devices.Device{Make: "Apple", Model: "iPad (9th generation)"}); err != nil {
		t.Fatal(err)
	}
	s.reload()
	a.settle()
	tagOnly(t, a, s, 0, "5K", "Zoë Brontë")
	p := s.photos[0]
	if got := badgeWords(p); !slices.Contains(got, "Device") || p.dec.Outcome != publish.Ready {
		t.Errorf("badges = %v, outcome %s; want Device and ready", got, p.dec.Outcome)
	}
	if !hasText(screenTexts(a), "Not a school device: the photo does not say which camera took it.") {
		t.Error("the detail area does not warn about the device")
	}
	if hasText(screenTexts(a), unlisted) {
		t.Error("the detail area still says no devices are listed")
	}
}

// TestVetAddCameraFromPhoto: the head adds a warned photo's camera to the
// school's devices from the detail area; the warning goes.
func TestVetAddCameraFromPhoto(t *testing.T) {
	photo := filepath.Join("..", "..", "shared", "corpus", "ianare", "DSCN0010.jpg")
	b, err := os.ReadFile(photo)
	if err != nil {
		t.Skip("the shared corpus is not here:", err)
	}
	a, s, _, _ := openVet(t, headLogin, headPassword)
	if _, err := a.sess.AddSchoolDevice(devices.Device{Make: "Apple", Model: "iPad (9th generation)"}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "IMG_0200.jpg"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	s.reload()
	a.settle()
	s.path.SetText("")
	test.Type(s.path, dir)
	s.path.TypedKey(&fyneKeyReturn)
	a.settle()
	s.tap(0, false)
	a.settle()
	if got := badgeWords(s.photos[0]); !slices.Contains(got, "Device") {
		t.Fatalf("badges = %v, want Device", got)
	}
	var add *widget.Button
	walk(s.detail.reasons, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && strings.HasPrefix(b.Text, "Add NIKON") {
			add = b
		}
	})
	if add == nil {
		t.Fatalf("no button to add the camera; the detail says %q", visibleTexts(s.detail.reasons))
	}
	test.Tap(add)
	a.settle()
	tapOnTop(t, a, "Add to the school's devices")
	list, err := a.sess.SchoolDevices()
	if err != nil || len(list) != 2 {
		t.Fatalf("SchoolDevices = %v, %v; want the iPad and the Nikon", list, err)
	}
	if got := badgeWords(s.photos[0]); slices.Contains(got, "Device") {
		t.Errorf("badges after adding its camera = %v, want no Device", got)
	}
}
