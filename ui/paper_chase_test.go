package ui

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"
)

func TestSaveChaseList(t *testing.T) {
	clk := newClock()
	a := plogHead(t, clk)
	dir := t.TempDir()
	for _, name := range []string{"chase.csv", "chase.pdf"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			data := saveThrough(t, a, path, a.writeChaseList)
			if name == "chase.pdf" {
				if !bytes.HasPrefix(data, []byte("%PDF-")) {
					t.Errorf("the PDF starts %q", data[:min(len(data), 8)])
				}
				return
			}
			recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, r := range recs {
				found = found || (len(r) > 2 && r[1] == "Zoë Brontë" && r[5] == "Ada Brontë")
			}
			if recs[0][0] != "class" || !found {
				t.Errorf("the CSV lacks its header or Zoë Brontë's row: %q", recs)
			}
		})
	}
	if files, _ := os.ReadDir(dir); len(files) != 2 {
		t.Errorf("the folder holds %d files, want the two lists only", len(files))
	}
	if !hasText(screenTexts(a), "is saved in chase.pdf.") {
		t.Errorf("the app said %q, want that the list was saved", screenTexts(a))
	}
}
