package ui

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"fyne.io/fyne/v2"

	"photoconsent/app/civil"
)

func TestSaveConsentForms(t *testing.T) {
	clk := newClock()
	v := newVault(t, clk.Now)
	seed(t, v, clk.Now, testdata("class_list.csv"))
	a := newTestApp(t, v, clk.Now)
	signIn(t, a, officeLogin, staffPass)

	a.saveForms()
	a.settle()
	if !hasText(screenTexts(a), "Print consent forms") {
		t.Errorf("the screen says %q, want the dialog asking which class", screenTexts(a))
	}
	pupils, err := a.sess.Pupils()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(formClasses(pupils, civil.Today(clk.Now())), []string{wholeSchool, "2R", "5K", "5P"}); diff != "" {
		t.Errorf("class choices (-got +want):\n%s", diff)
	}

	dir := t.TempDir()
	path := filepath.Join(dir, formsFileName("5K"))
	data := saveThrough(t, a, path, func(w fyne.URIWriteCloser) { a.writeForms(w, "5K") })
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("%s starts %q, want a PDF", path, data[:min(len(data), 8)])
	}
	if !hasText(screenTexts(a), "Saved 3 consent forms to consent-forms-5K.pdf.") {
		t.Errorf("the app said %q, want that 3 forms were saved", screenTexts(a))
	}
	if _, err := exec.LookPath("pdfinfo"); err == nil {
		out, err := exec.Command("pdfinfo", path).CombinedOutput()
		if err != nil || !bytes.Contains(out, []byte("Pages:           3")) {
			t.Errorf("pdfinfo = %s, %v, want 3 pages", out, err)
		}
	}
	if files, _ := os.ReadDir(dir); len(files) != 1 {
		t.Errorf("the folder holds %d files, want the PDF only", len(files))
	}
}

func TestFormsFileName(t *testing.T) {
	tests := map[string]string{
		"":      "consent-forms-whole-school.pdf",
		"5K":    "consent-forms-5K.pdf",
		"Y6/Ow": "consent-forms-Y6-Ow.pdf",
		"Owls":  "consent-forms-Owls.pdf",
	}
	for class, want := range tests {
		t.Run(class, func(t *testing.T) {
			if got := formsFileName(class); got != want {
				t.Errorf("formsFileName(%q) = %q, want %q", class, got, want)
			}
		})
	}
}
