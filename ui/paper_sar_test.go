package ui

import (
	"archive/zip"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/civil"
	"photoconsent/app/register"
)

func TestSaveSubjectAccess(t *testing.T) {
	a := plogHead(t, newClock())
	id := plogPupil(t, a, "Zoë Brontë").PupilID
	path := filepath.Join(t.TempDir(), "sar.zip")
	w, err := fynestorage.Writer(fynestorage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	a.writeSubjectAccess(id, w)
	a.settle()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("no zip was written: %v", err)
	}
	defer z.Close()
	names := map[string]bool{}
	for _, f := range z.File {
		names[f.Name] = true
	}
	if !names["summary.pdf"] || !names["pupil.json"] || !names["answers.json"] {
		t.Errorf("zip holds %v, want the summary and the records", names)
	}
	if !hasText(screenTexts(a), "Everything held about Zoë Brontë is saved in sar.zip.") {
		t.Errorf("the app said %q, want that the file was saved", screenTexts(a))
	}
}

func TestRetentionDialogDeletesLeavers(t *testing.T) {
	a := plogHead(t, newClock())
	id := plogPupil(t, a, "Zoë Brontë").PupilID
	d, err := a.sess.Pupil(id)
	if err != nil {
		t.Fatal(err)
	}
	p := d.Pupil
	if err := a.sess.EditPupil(id, register.Edit{PreferredForename: p.PreferredForename, PreferredSurname: p.PreferredSurname,
		Class: p.Class, Year: p.Year, Leaving: civil.Date{Year: 2012, Month: 7, Day: 20}}); err != nil {
		t.Fatal(err)
	}
	a.showRetention()
	a.settle()
	if !hasText(screenTexts(a), "Zoë Brontë, class 5K, left on 20/07/2012") {
		t.Fatalf("the dialog says %q, want Zoë Brontë listed", screenTexts(a))
	}
	test.Tap(sarButtonNamed(t, a, "Delete 1 leaver"))
	a.settle()
	if _, err := a.sess.Pupil(id); err == nil {
		t.Error("the leaver is still on the register")
	}
	if !hasText(screenTexts(a), "Deleted 1 leaver past the retention period.") {
		t.Errorf("the app said %q, want that the leaver was deleted", screenTexts(a))
	}
	a.showRetention()
	a.settle()
	if !hasText(screenTexts(a), "No leavers are past the retention period.") {
		t.Errorf("the app said %q after deleting, want no leavers", screenTexts(a))
	}
}

// sarButtonNamed finds a visible button by its text in the window's dialogs.
func sarButtonNamed(t *testing.T, a *App, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() || found != nil {
			return
		}
		switch w := o.(type) {
		case *widget.Button:
			if w.Text == text {
				found = w
			}
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	for _, o := range a.win.Canvas().Overlays().List() {
		walk(o)
	}
	if found == nil {
		t.Fatalf("no button %q on screen; the screen says %q", text, screenTexts(a))
	}
	return found
}
