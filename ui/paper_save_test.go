package ui

import (
	"os"
	"testing"

	"fyne.io/fyne/v2"
	fynestorage "fyne.io/fyne/v2/storage"
)

// saveThrough hands write a writer for path, as the save chooser would,
// waits for the background work and returns what was written.
func saveThrough(t *testing.T, a *App, path string, write func(fyne.URIWriteCloser)) []byte {
	t.Helper()
	w, err := fynestorage.Writer(fynestorage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	write(w)
	a.settle()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
