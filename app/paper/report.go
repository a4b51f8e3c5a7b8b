package paper

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"photoconsent/app/consent"
	"photoconsent/app/register"
)

// ReportPurposes name each purpose in the report's chart and tables.
var ReportPurposes = map[consent.Purpose]string{
	consent.School:     "School use",
	consent.Social:     "Social media and publicity",
	consent.Press:      "Press and third parties",
	consent.Individual: "Individual, high-profile",
}

// Percent is n of total as a whole percentage that never shows 0 when
// someone is counted, nor 100 when someone is not.
func Percent(n, total int) int {
	if total == 0 {
		return 0
	}
	pct := int(math.Round(100 * float64(n) / float64(total)))
	switch {
	case n > 0 && pct == 0:
		return 1
	case n < total && pct == 100:
		return 99
	}
	return pct
}

// GovernorsReport writes the governors' report as a PDF: a heading with the
// school and the period, a chart of consent coverage per class and purpose,
// then tables of publications, blocked attempts, overrides and takedowns.
// It prints numbers, classes and the head's reasons, never a pupil.
func GovernorsReport(w io.Writer, r register.Report) error {
	d := reportDoc{pdf: New()}
	SetFooter(d.pdf, func() string { return "Governors' report · " + r.School + " · " + reportPeriod(r) })
	d.pdf.AddPage()
	d.title(r)
	d.coverage(r)
	d.publications(r)
	d.blocks(r)
	d.overrides(r)
	d.takedowns(r)
	return Write(d.pdf, w)
}

// reportDoc draws the report's parts on one document.
type reportDoc struct{ pdf *fpdf.Fpdf }

const (
	reportBottom = PageHeight - Margin - FooterHeight
	reportText   = 10.0 // points
	reportSmall  = 8.5
)

func reportDate(t time.Time) string { return t.Local().Format("2 January 2006") }
func reportDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("2 Jan 2006")
}

func reportPeriod(r register.Report) string {
	from := time.Date(r.From.Year, r.From.Month, r.From.Day, 0, 0, 0, 0, time.Local)
	to := time.Date(r.To.Year, r.To.Month, r.To.Day, 0, 0, 0, 0, time.Local)
	return reportDate(from) + " to " + reportDate(to)
}

func reportCount(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func (d reportDoc) title(r register.Report) {
	pdf := d.pdf
	pdf.SetFont(Family, "B", 18)
	pdf.MultiCell(ContentWidth, 9, "Photo consent and publishing: report to governors", "", "L", false)
	pdf.SetFont(Family, "B", 12)
	pdf.MultiCell(ContentWidth, 7, r.School, "", "L", false)
	pdf.SetFont(Family, "", reportText)
	pdf.MultiCell(ContentWidth, 5.5, "For "+reportPeriod(r)+"; made on "+reportDate(r.Made)+".", "", "L", false)
	d.paragraph(reportSummary(r))
	if r.AssumeConsent {
		d.paragraph("This school counts a consent form that was not returned as consent, so those pupils count as covered below.")
	}
}

// reportSummary is the report in one sentence.
func reportSummary(r register.Report) string {
	open := 0
	for _, td := range r.Takedowns {
		if !td.Done {
			open++
		}
	}
	return fmt.Sprintf("In this period %s published, %s blocked, %s, and %s still open.",
		reportCount(register.Total(r.Published), "photo was", "photos were"),
		reportCount(register.Total(r.Blocked), "attempt was", "attempts were"),
		reportCount(len(r.Overrides), "photo went out on the head's override", "photos went out on the head's override"),
		reportCount(open, "takedown is", "takedowns are"))
}

func (d reportDoc) paragraph(s string) {
	d.pdf.SetFont(Family, "", reportText)
	d.pdf.Ln(1.5)
	d.pdf.MultiCell(ContentWidth, 5, s, "", "L", false)
}

// section starts a part of the report, on a new page when less than need
// millimetres are left below its heading.
func (d reportDoc) section(heading string, need float64) {
	pdf := d.pdf
	if pdf.GetY()+12+need > reportBottom {
		pdf.AddPage()
	} else {
		pdf.Ln(6)
	}
	pdf.SetFont(Family, "B", 13)
	pdf.CellFormat(ContentWidth, 8, heading, "B", 1, "L", false, 0, "")
	pdf.Ln(2)
	pdf.SetFont(Family, "", reportText)
}

func (d reportDoc) none(s string) {
	d.pdf.SetFont(Family, "", reportText)
	d.pdf.MultiCell(ContentWidth, 5, s, "", "L", false)
}

func (d reportDoc) publications(r register.Report) {
	d.section("Publications this period", 30)
	if len(r.Published) == 0 {
		d.none("Nothing was published in this period.")
		return
	}
	overridden := map[string]int{}
	for _, o := range r.Overrides {
		overridden[o.Destination.Label()]++
	}
	var rows [][]string
	for _, c := range r.Published {
		l := c.Destination.Label()
		rows = append(rows, []string{l, fmt.Sprint(c.Count), fmt.Sprint(overridden[l])})
	}
	rows = append(rows, []string{"Total", fmt.Sprint(register.Total(r.Published)), fmt.Sprint(len(r.Overrides))})
	d.table([]string{"Destination", "Photos published", "Of which on override"}, []float64{80, 50, 50}, "LRR", rows)
}

func (d reportDoc) blocks(r register.Report) {
	d.section("Blocked attempts", 30)
	if len(r.Blocked) == 0 {
		d.none("The publishing check blocked nothing in this period.")
		return
	}
	d.none("Photos the publishing check refused, most often because a pupil in them had no consent for that use.")
	var rows [][]string
	for _, c := range r.Blocked {
		rows = append(rows, []string{c.Destination.Label(), fmt.Sprint(c.Count)})
	}
	rows = append(rows, []string{"Total", fmt.Sprint(register.Total(r.Blocked))})
	d.table([]string{"Destination", "Attempts blocked"}, []float64{80, 50}, "LR", rows)
}

func (d reportDoc) overrides(r register.Report) {
	d.section("Overrides", 30)
	if len(r.Overrides) == 0 {
		d.none("No photo went out on an override in this period.")
		return
	}
	d.none("Photos the publishing check blocked that went out on the head's decision, with the reason the head wrote.")
	var rows [][]string
	for _, o := range r.Overrides {
		rows = append(rows, []string{reportDay(o.At), o.Destination.Label(), fmt.Sprint(o.Pupils),
			strings.Join(o.Approvers, " and "), o.Reason})
	}
	d.table([]string{"Date", "Destination", "Pupils", "Approved by", "Reason"}, []float64{23, 29, 14, 42, 72}, "LLRLL", rows)
}

func (d reportDoc) takedowns(r register.Report) {
	d.section("Takedowns", 30)
	if len(r.Takedowns) == 0 {
		d.none("No takedown was open or done in this period.")
		return
	}
	d.none(takedownSummary(r.Takedowns))
	var rows [][]string
	for _, td := range r.Takedowns {
		rows = append(rows, takedownRow(td))
	}
	d.table([]string{"Published", "Destination", "Pupil's class", "Why", "Due from", "Done", "Days"},
		[]float64{23, 27, 22, 47, 22, 22, 17}, "LLLLLLR", rows)
}

// takedownSummary says how many were done and how long they took.
func takedownSummary(tds []register.TakedownLine) string {
	var done, open, total, longest int
	for _, td := range tds {
		switch {
		case !td.Done:
			open++
		case td.DueKnown:
			done++
			total += td.Days
			longest = max(longest, td.Days)
		}
	}
	s := "Published photos that had to come down because consent changed; open ones are listed first."
	if done > 0 {
		s += fmt.Sprintf(" Done in this period: %s, taking %.1f days on average and %s at most.",
			reportCount(done, "takedown", "takedowns"), float64(total)/float64(done), reportCount(longest, "day", "days"))
	}
	return s
}

func takedownRow(td register.TakedownLine) []string {
	class := td.Class
	if class == "" {
		class = "none"
	}
	due, days, doneAt := reportDay(td.Due), fmt.Sprint(td.Days), reportDay(td.DoneAt)
	if !td.DueKnown {
		due, days = "not recorded", "–"
	}
	if !td.Done {
		doneAt = "open"
		days += " so far"
		if !td.DueKnown {
			days = fmt.Sprintf("%d since published", td.Days)
		}
	}
	return []string{reportDay(td.Published), td.Destination.Label(), class, td.Why, due, doneAt, days}
}

// table draws a header row and rows whose cells wrap within their widths;
// a row that does not fit goes to a new page under the header again. The
// last row is bold when it is a total.
func (d reportDoc) table(head []string, widths []float64, align string, rows [][]string) {
	const line = 4.4
	d.pdf.Ln(1.5)
	d.row(head, widths, align, line, true)
	for i, cells := range rows {
		d.pdf.SetFont(Family, "", reportSmall)
		if d.pdf.GetY()+tableRowHeight(d.pdf, cells, widths, line) > reportBottom {
			d.pdf.AddPage()
			d.row(head, widths, align, line, true)
		}
		d.row(cells, widths, align, line, i == len(rows)-1 && cells[0] == "Total")
	}
}

func (d reportDoc) row(cells []string, widths []float64, align string, line float64, strong bool) {
	tableRow(d.pdf, cells, widths, align, reportSmall, line, strong)
}
