package ui

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"
)

func TestSaveGovernorsReport(t *testing.T) {
	clk := newClock()
	a := plogHead(t, clk)
	dir := t.TempDir()
	for _, name := range []string{"report.csv", "report.pdf"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			data := saveThrough(t, a, path, a.writeGovernorsReport)
			if name == "report.pdf" {
				if !bytes.HasPrefix(data, []byte("%PDF-")) {
					t.Errorf("the PDF starts %q", data[:min(len(data), 8)])
				}
				return
			}
			recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) < 3 || recs[0][0] != "section" || recs[1][0] != "report" || recs[2][2] != "Whole school" {
				t.Errorf("the CSV lacks its header, heading row or the whole school's coverage: %q", recs)
			}
		})
	}
	if files, _ := os.ReadDir(dir); len(files) != 2 {
		t.Errorf("the folder holds %d files, want the two reports only", len(files))
	}
	if !hasText(screenTexts(a), "is saved in report.pdf.") {
		t.Errorf("the app said %q, want that the report was saved", screenTexts(a))
	}
}

func TestGovernorsReportIsTheHeads(t *testing.T) {
	clk := newClock()
	v := newVault(t, clk.Now)
	seed(t, v, clk.Now, testdata("class_list.csv"))
	a := newTestApp(t, v, clk.Now)
	signIn(t, a, teachLogin, staffPass)
	a.saveGovernorsReport()
	a.settle()
	if !hasText(screenTexts(a), "A teacher account may not read the publication log.") {
		t.Errorf("a teacher asking for the report saw %q, want a refusal", screenTexts(a))
	}
}
