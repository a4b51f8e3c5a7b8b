package paper

import "github.com/go-pdf/fpdf"

// tableRowHeight is how tall a row of a ruled table is once each cell is
// wrapped to its column, with line millimetres per line of text.
func tableRowHeight(pdf *fpdf.Fpdf, cells []string, widths []float64, line float64) float64 {
	n := 1
	for i, c := range cells {
		n = max(n, len(pdf.SplitText(c, widths[i]-2)))
	}
	return float64(n)*line + 1.6
}

// tableRow draws one row of a ruled table at the left margin, in the given
// font size: each cell wrapped in its column, aligned by align's letter for
// that column ("L", "R" or "C"), a shaded band when strong (a heading or a
// total, also bold), and a thin rule below.
func tableRow(pdf *fpdf.Fpdf, cells []string, widths []float64, align string, size, line float64, strong bool) {
	style := ""
	if strong {
		style = "B"
	}
	pdf.SetFont(Family, style, size)
	h := tableRowHeight(pdf, cells, widths, line)
	x, y := Margin, pdf.GetY()
	total := 0.0
	for _, w := range widths {
		total += w
	}
	if strong {
		pdf.SetFillColor(238, 238, 238)
		pdf.Rect(x, y, total, h, "F")
	}
	for i, c := range cells {
		pdf.SetXY(x+1, y+0.8)
		pdf.MultiCell(widths[i]-2, line, c, "", align[i:i+1], false)
		x += widths[i]
	}
	pdf.SetDrawColor(200, 200, 200)
	pdf.Line(Margin, y+h, Margin+total, y+h)
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetXY(Margin, y+h)
}
