package paper

import (
	"fmt"

	"photoconsent/app/consent"
	"photoconsent/app/register"
)

// reportColours are the chart's colours per purpose: the Okabe–Ito palette
// the overview screen uses, which people with colour-blindness can tell
// apart and which stays distinct when printed in grey.
var reportColours = map[consent.Purpose][3]int{
	consent.School:     {0x00, 0x72, 0xB2},
	consent.Social:     {0xE6, 0x9F, 0x00},
	consent.Press:      {0x00, 0x7A, 0x5A},
	consent.Individual: {0xCC, 0x79, 0xA7},
}

// Chart geometry in millimetres.
const (
	chartLabel = 42.0 // the class's name and size on the left
	chartShare = 30.0 // "67% · 2 of 3" on the right
	chartBar   = 3.6  // one bar's height
	chartGap   = 1.0  // between bars
	chartClass = 4.0  // between classes
	chartTrack = ContentWidth - chartLabel - chartShare
)

func (d reportDoc) coverage(r register.Report) {
	d.section("Consent coverage per class and purpose", 40)
	d.none("Each bar is the share of pupils on roll, as the register stands today, who may appear for that use.")
	d.legend()
	for _, c := range r.Coverage {
		d.classBars(c)
	}
}

// legend names each purpose's colour.
func (d reportDoc) legend() {
	pdf := d.pdf
	pdf.Ln(2)
	pdf.SetFont(Family, "", reportSmall)
	x, y := Margin, pdf.GetY()
	for _, p := range consent.Purposes {
		c := reportColours[p]
		pdf.SetFillColor(c[0], c[1], c[2])
		pdf.Rect(x, y+1, 3.5, 3.5, "F")
		label := ReportPurposes[p]
		w := pdf.GetStringWidth(label) + 9
		pdf.SetXY(x+5, y)
		pdf.CellFormat(w-5, 5.5, label, "", 0, "L", false, 0, "")
		x += w
	}
	pdf.SetXY(Margin, y+8)
}

// classBars draws one class's four bars, on a new page if they do not fit.
func (d reportDoc) classBars(c register.ClassCoverage) {
	pdf := d.pdf
	n := float64(len(consent.Purposes))
	h := n*(chartBar+chartGap) + chartClass
	if pdf.GetY()+h > reportBottom {
		pdf.AddPage()
	}
	y := pdf.GetY()
	name := "Whole school"
	if c.Class != "" {
		name = "Class " + c.Class
	}
	pdf.SetFont(Family, "B", reportText)
	pdf.SetXY(Margin, y)
	pdf.CellFormat(chartLabel, 5, name, "", 2, "L", false, 0, "")
	pdf.SetFont(Family, "", reportSmall)
	pdf.CellFormat(chartLabel, 4.5, reportCount(c.Pupils, "pupil", "pupils"), "", 0, "L", false, 0, "")
	for i, p := range consent.Purposes {
		d.bar(p, c.Allowed[p], c.Pupils, y+float64(i)*(chartBar+chartGap))
	}
	pdf.SetXY(Margin, y+h)
}

// bar is one purpose's share as a filled rectangle over a grey track,
// with the percentage and the counts after it.
func (d reportDoc) bar(p consent.Purpose, n, total int, y float64) {
	pdf := d.pdf
	x := Margin + chartLabel
	pdf.SetFillColor(228, 228, 228)
	pdf.Rect(x, y, chartTrack, chartBar, "F")
	if total > 0 && n > 0 {
		c := reportColours[p]
		pdf.SetFillColor(c[0], c[1], c[2])
		pdf.Rect(x, y, chartTrack*float64(n)/float64(total), chartBar, "F")
	}
	pdf.SetFont(Family, "", reportSmall)
	pdf.SetXY(x+chartTrack+2, y-0.6)
	pdf.CellFormat(chartShare-2, chartBar+1.2, shareText(n, total), "", 0, "L", false, 0, "")
}

// shareText is "67% · 2 of 3".
func shareText(n, total int) string {
	if total == 0 {
		return "no pupils"
	}
	return fmt.Sprintf("%d%% · %d of %d", Percent(n, total), n, total)
}
