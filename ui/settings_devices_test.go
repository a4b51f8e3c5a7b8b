package ui

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// corpusFile finds a file of the shared sample corpus, or skips the test.
func corpusFile(t *testing.T, rel string) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	p := filepath.Join(filepath.Dir(file), "..", "..", "shared", "corpus", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		t.Skipf("the shared corpus is not here (%v); skipping", err)
	}
	return p
}

// buttonIn finds the visible button with the text under o.
func buttonIn(o fyne.CanvasObject, text string) *widget.Button {
	if o == nil || !o.Visible() {
		return nil
	}
	switch w := o.(type) {
	case *widget.Button:
		if w.Text == text {
			return w
		}
	case *fyne.Container:
		for _, c := range w.Objects {
			if b := buttonIn(c, text); b != nil {
				return b
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(w).Objects() {
			if b := buttonIn(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}

// devicesAsHead opens the head's settings and returns its devices section.
func devicesAsHead(t *testing.T) (*App, *devicesSection) {
	t.Helper()
	clk := newClock()
	v := newVault(t, clk.Now)
	seed(t, v, clk.Now, "")
	a := newTestApp(t, v, clk.Now)
	signIn(t, a, headLogin, headPassword)
	a.shell.show(pageStaff)
	a.settle()
	return a, a.shell.staff.settings.devices
}

// TestSettingsDevicesAddAndRemove: the head adds the school's camera from
// a photo it took, is told plainly when a photo cannot be used, and
// removes the camera after confirming.
func TestSettingsDevicesAddAndRemove(t *testing.T) {
	nikon := corpusFile(t, "ianare/DSCN0010.jpg")   // NIKON COOLPIX P6000
	noCamera := corpusFile(t, "exifr/Bush-dog.jpg") // names no camera
	a, d := devicesAsHead(t)
	if !hasText(screenTexts(a), devicesPolicy) {
		t.Fatalf("the empty list does not explain the policy: %q", screenTexts(a))
	}

	d.name.SetText("Office camera")
	d.addFromPhoto(nikon)
	a.settle()
	list, err := a.sess.SchoolDevices()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Make != "NIKON" || list[0].Model != "COOLPIX P6000" || list[0].Name != "Office camera" {
		t.Fatalf("the register holds %+v, want the office's Nikon", list)
	}
	texts := screenTexts(a)
	if !hasText(texts, "Added Office camera · NIKON COOLPIX P6000.") || hasText(texts, devicesPolicy) {
		t.Errorf("after adding the screen says %q", texts)
	}
	if d.name.Text != "" {
		t.Errorf("the name box still holds %q", d.name.Text)
	}

	d.addFromPhoto(noCamera)
	a.settle()
	if !d.problem.Visible() || d.problem.Text != "The photo does not say which camera took it. Choose one taken on the device itself, not one sent in a message or edited." {
		t.Errorf("a photo without a camera said %q", d.problem.Text)
	}
	d.addFromPhoto(nikon)
	a.settle()
	if want := "Office camera · NIKON COOLPIX P6000 is already on the list of school devices."; d.problem.Text != want {
		t.Errorf("adding the camera again said %q, want %q", d.problem.Text, want)
	}

	remove := buttonIn(d.list, "")
	if remove == nil {
		t.Fatal("the device has no remove button")
	}
	test.Tap(remove)
	a.settle()
	if !hasText(screenTexts(a), "will get the \"not a school device\" warning from now on") {
		t.Fatalf("removing did not ask first: %q", screenTexts(a))
	}
	if list, _ := a.sess.SchoolDevices(); len(list) != 1 {
		t.Fatal("the device went before the removal was confirmed")
	}
	var ok *widget.Button
	for _, o := range a.win.Canvas().Overlays().List() {
		if ok = buttonIn(o, "Remove device"); ok != nil {
			break
		}
	}
	if ok == nil {
		t.Fatal("the confirmation has no Remove device button")
	}
	test.Tap(ok)
	a.settle()
	if list, _ := a.sess.SchoolDevices(); len(list) != 0 {
		t.Errorf("after confirming the register still holds %+v", list)
	}
	if !hasText(screenTexts(a), devicesPolicy) {
		t.Errorf("the emptied list does not explain the policy again: %q", screenTexts(a))
	}
}

// TestSettingsDevicesChooser: "Add from a photo…" opens a file chooser.
func TestSettingsDevicesChooser(t *testing.T) {
	a, d := devicesAsHead(t)
	before := len(a.dialogs)
	test.Tap(d.add)
	a.settle()
	if len(a.dialogs) != before+1 {
		t.Errorf("%d dialogs open after tapping Add from a photo…, want %d", len(a.dialogs), before+1)
	}
}
