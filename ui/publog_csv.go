package ui

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"photoconsent/app/civil"
	"photoconsent/app/publog"
	"photoconsent/app/register"
)

var logCSVHeader = []string{"Entry", "When", "Who", "Destination", "Decision", "Original file", "Original SHA-256",
	"Published copy", "Published SHA-256", "Pupils", "UPNs", "Reasons", "Override reason", "Approved by", "Caption", "Entry hash"}

// logCSV is the entries as CSV records, header first, with pupils' names
// resolved as the screen shows them.
func logCSV(entries []publog.Entry, pupils map[string]register.Row) [][]string {
	out := [][]string{logCSVHeader}
	for _, e := range entries {
		var upns, approvers []string
		for _, id := range entryPupilIDs(e) {
			upns = append(upns, pupils[id].UPN)
		}
		for _, ap := range e.Approvers {
			approvers = append(approvers, fmt.Sprintf("%s (%s)", ap.Name, roleWord(ap.Role)))
		}
		reasons := entryReasons(e)
		rec := []string{
			fmt.Sprint(e.Seq), ukDateTime(e.At), e.ByName, destinationWord(e), kindWord(e.Kind),
			e.Original.Name, e.Original.SHA256, e.Output.Name, e.Output.SHA256,
			strings.Join(entryPupilNames(e, pupils), "; "), strings.Join(upns, "; "),
			reasons, e.Override, strings.Join(approvers, "; "), e.Caption, e.Hash,
		}
		for i, c := range rec {
			rec[i] = csvCell(c)
		}
		out = append(out, rec)
	}
	return out
}

// csvCell keeps a spreadsheet from running a cell as a formula: captions
// and reasons are typed by people.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// writeFileAtomically writes the records beside path under a temporary name,
// syncs, then renames over path, so a half-written file never has its name.
func writeFileAtomically(path string, records [][]string) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".photoconsent-*.csv.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, tmp.Close(), os.Remove(tmp.Name()))
		}
	}()
	if err := writeLogCSV(tmp, records); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func writeLogCSV(w io.Writer, records [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(records); err != nil { // WriteAll flushes
		return err
	}
	return cw.Error()
}

// chooseCSV asks where to save the entries now shown, and saves them there.
func (s *logScreen) chooseCSV() {
	a := s.app
	records := logCSV(s.shown, s.pupils)
	fd := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			a.notify(sentence(err))
			return
		}
		if w != nil {
			s.saveCSV(w, records)
		}
	}, a.win)
	fd.SetFileName("publication-log-" + civil.Today(a.now()).String() + ".csv")
	fd.Resize(fyne.NewSize(900, 600))
	a.showDialog(fd)
}

// saveCSV writes the records to the chosen file: through a temporary file
// and a rename for a file on disk, else straight through the writer.
func (s *logScreen) saveCSV(w fyne.URIWriteCloser, records [][]string) {
	a := s.app
	n := len(records) - 1
	backgroundErr(a, func() error {
		if w.URI().Scheme() == "file" {
			if err := w.Close(); err != nil { // the dialog made an empty file; it is replaced whole
				return err
			}
			return writeFileAtomically(w.URI().Path(), records)
		}
		if err := writeLogCSV(w, records); err != nil {
			return errors.Join(err, w.Close())
		}
		return w.Close()
	}, func(err error) {
		if err != nil {
			a.notify("The log could not be saved there: " + sentence(err))
			return
		}
		a.notify(fmt.Sprintf("%s saved to %s.", entriesWord(n), w.URI().Name()))
	})
}
