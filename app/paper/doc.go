// Package paper prints the school's paperwork as PDF: consent forms,
// chase lists, reports. It only lays out pages; the register and the
// rules decide what goes on them. Noto Sans is embedded so every pupil's
// name prints as written (Zoë, Siobhán, Łukasz, Nguyễn).
package paper

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/go-pdf/fpdf"

	"photoconsent/assets/fonts"
)

// Family is the font family every document registers: Noto Sans,
// styles "" (regular) and "B" (bold).
const Family = "NotoSans"

// Page geometry in millimetres (A4 portrait).
const (
	PageWidth  = 210.0
	PageHeight = 297.0
	Margin     = 15.0
	// FooterHeight is the space kept clear at the foot of each page.
	FooterHeight = 15.0
)

// ContentWidth is the width between the left and right margins.
const ContentWidth = PageWidth - 2*Margin

// pagesAlias is replaced by the page count when the document is written.
const pagesAlias = "{nb}"

// New returns an empty A4 portrait document with Noto Sans registered,
// 15 mm margins, automatic page breaks above the footer, and a footer
// that reads "Page 2 of 5". Use SetFooter to add words on its left.
func New() *fpdf.Fpdf {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(Family, "", fonts.Regular)
	pdf.AddUTF8FontFromBytes(Family, "B", fonts.Bold)
	pdf.SetMargins(Margin, Margin, Margin)
	pdf.SetAutoPageBreak(true, Margin+FooterHeight)
	pdf.AliasNbPages(pagesAlias)
	pdf.SetCreator("PhotoConsent", true)
	// A fixed date keeps output reproducible; the paperwork carries its own.
	pdf.SetCreationDate(time.Unix(0, 0).UTC())
	pdf.SetModificationDate(time.Unix(0, 0).UTC())
	pdf.SetFont(Family, "", 11)
	SetFooter(pdf, nil)
	return pdf
}

// SetFooter sets the footer of every page: left() on the left (nil for
// none), read when each page is finished, and the page number on the right.
func SetFooter(pdf *fpdf.Fpdf, left func() string) {
	pdf.SetFooterFunc(func() {
		pdf.SetY(-(Margin + FooterHeight/2))
		pdf.SetFont(Family, "", 8)
		pdf.SetTextColor(90, 90, 90)
		if left != nil {
			pdf.CellFormat(ContentWidth*0.7, 5, left(), "", 0, "L", false, 0, "")
		}
		pdf.SetX(Margin + ContentWidth*0.7)
		page := fmt.Sprintf("Page %d of %s", pdf.PageNo(), pagesAlias)
		pdf.CellFormat(ContentWidth*0.3, 5, page, "", 0, "R", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	})
}

// Write finishes the document and writes it to w. It reports any error
// met while laying out pages as well as the write's own.
func Write(pdf *fpdf.Fpdf, w io.Writer) error {
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("laying out the PDF: %w", err)
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("writing the PDF: %w", err)
	}
	return nil
}

// SaveFile writes a document to path through a temporary file in the same
// folder, synced and then renamed, so a half-written file never takes the
// place of a good one. The file is readable by its owner only: it holds
// pupils' names.
func SaveFile(path string, write func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".photoconsent-*.pdf.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, os.Remove(tmp.Name()))
		}
	}()
	if err := write(tmp); err != nil {
		return errors.Join(err, tmp.Close())
	}
	if err := tmp.Sync(); err != nil {
		return errors.Join(err, tmp.Close())
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
