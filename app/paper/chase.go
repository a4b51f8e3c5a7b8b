package paper

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"photoconsent/app/consent"
	"photoconsent/app/pupil"
	"photoconsent/app/register"
)

// chaseWords name a column on the chase list, by its purpose.
var chaseWords = map[consent.Purpose]string{
	consent.School:     "School use",
	consent.Social:     "Social media and publicity",
	consent.Press:      "Press and third parties",
	consent.Individual: "Individual, high-profile",
}

// ColumnWords names a register column from its key ("school",
// "social:video") as a person reads it: "Social media and publicity (videos)".
func ColumnWords(key string) string {
	p, m, _ := strings.Cut(key, ":")
	w := chaseWords[consent.Purpose(p)]
	if w == "" {
		w = p
	}
	switch consent.Media(m) {
	case consent.MediaPhoto:
		return w + " (photos)"
	case consent.MediaVideo:
		return w + " (videos)"
	}
	return w
}

func columnsWords(keys []string, sep string) string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = ColumnWords(k)
	}
	return strings.Join(out, sep)
}

// NoClass heads the pupils the MIS gave no class.
const NoClass = "No class"

func classWords(c string) string {
	if c == "" {
		return NoClass
	}
	return "Class " + c
}

// chaseCSVHeader names the chase list's CSV columns.
var chaseCSVHeader = []string{"class", "pupil", "upn", "not_returned", "expired",
	"contact", "relationship", "phone", "email"}

// ChaseCSV writes the chase list as CSV with a header row, one row per
// pupil, purposes in words separated by "; ".
func ChaseCSV(w io.Writer, rows []register.ChaseRow) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(chaseCSVHeader); err != nil {
		return err
	}
	for _, r := range rows {
		rec := []string{r.Class, r.Name, r.UPN, columnsWords(r.Missing, "; "), columnsWords(r.Expired, "; "),
			r.Contact.Name(), r.Contact.Relationship, r.Contact.Mobile, r.Contact.Email}
		for i := range rec {
			rec[i] = spreadsheetSafe(rec[i])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// spreadsheetSafe keeps a spreadsheet from running a cell as a formula;
// a phone number written "+44 …" is kept as text too.
func spreadsheetSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Chase writes the chase list as an A4 PDF: per class a heading and a
// table of the pupils, what is missing or expired, and whom to contact.
func Chase(w io.Writer, school string, made time.Time, rows []register.ChaseRow) error {
	pdf := New()
	pdf.SetAutoPageBreak(false, 0) // rows are kept whole by chaseTable
	SetFooter(pdf, func() string { return "Holds parents' contact details: keep it safe and shred it when done." })
	pdf.AddPage()
	chaseTitle(pdf, school, made, rows)
	for start := 0; start < len(rows); {
		end := start + 1
		for end < len(rows) && rows[end].Class == rows[start].Class {
			end++
		}
		chaseClass(pdf, rows[start:end])
		start = end
	}
	return Write(pdf, w)
}

func chaseTitle(pdf *fpdf.Fpdf, school string, made time.Time, rows []register.ChaseRow) {
	pdf.SetFont(Family, "B", 16)
	pdf.MultiCell(ContentWidth, 8, "Consent forms to chase", "", "L", false)
	pdf.SetFont(Family, "", 11)
	pdf.MultiCell(ContentWidth, 6, school, "", "L", false)
	summary := fmt.Sprintf("Made on %s. ", made.Format("2 January 2006"))
	switch len(rows) {
	case 0:
		summary += "Every pupil on roll has a form returned that has not expired."
	case 1:
		summary += "1 pupil has a form missing or expired."
	default:
		summary += fmt.Sprintf("%d pupils have a form missing or expired.", len(rows))
	}
	pdf.SetFont(Family, "", 10)
	pdf.MultiCell(ContentWidth, 5, summary, "", "L", false)
	pdf.Ln(2)
}

// The chase table's columns: widths in millimetres add up to ContentWidth.
var chaseColumns = []struct {
	title string
	width float64
}{
	{"Pupil", 48}, {"Form not returned", 44}, {"Answer expired", 38}, {"Who to contact", 50},
}

const (
	chaseSize    = 9.0  // points
	chaseLine    = 4.2  // millimetres per line at chaseSize
	chasePad     = 1.2  // millimetres above and below a cell's text
	chaseHeading = 11.0 // millimetres a class heading takes
)

func chaseCells(r register.ChaseRow) []string {
	name := r.Name
	if r.UPN != "" {
		name += "\nUPN " + r.UPN
	}
	return []string{name, orDash(columnsWords(r.Missing, "\n")), orDash(columnsWords(r.Expired, "\n")),
		contactWords(r.Contact)}
}

func contactWords(c pupil.Contact) string {
	if c.Name() == "" {
		return "No contact with parental responsibility"
	}
	lines := []string{c.Name()}
	if c.Relationship != "" {
		lines[0] += " (" + c.Relationship + ")"
	}
	for _, s := range []string{c.Mobile, c.Email} {
		if s != "" {
			lines = append(lines, s)
		}
	}
	return strings.Join(lines, "\n")
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// chaseClass prints one class's heading and table, starting a new page
// when the heading, the table's header and the first pupil would not fit,
// and repeating the header on each page the class runs on to.
func chaseClass(pdf *fpdf.Fpdf, rows []register.ChaseRow) {
	heading := fmt.Sprintf("%s: %d pupils", classWords(rows[0].Class), len(rows))
	if len(rows) == 1 {
		heading = classWords(rows[0].Class) + ": 1 pupil"
	}
	first := chaseHeight(pdf, chaseCells(rows[0]))
	if !chaseFits(pdf, chaseHeading+chaseHeaderHeight(pdf)+first) {
		pdf.AddPage()
	}
	pdf.Ln(2)
	pdf.SetFont(Family, "B", 12)
	pdf.CellFormat(ContentWidth, chaseHeading-2, heading, "", 1, "L", false, 0, "")
	chaseHeader(pdf)
	for _, r := range rows {
		cells := chaseCells(r)
		if !chaseFits(pdf, chaseHeight(pdf, cells)) {
			pdf.AddPage()
			pdf.SetFont(Family, "B", 12)
			pdf.CellFormat(ContentWidth, chaseHeading-2, heading+" (continued)", "", 1, "L", false, 0, "")
			chaseHeader(pdf)
		}
		chaseRow(pdf, cells, false)
	}
}

func chaseFits(pdf *fpdf.Fpdf, h float64) bool {
	return pdf.GetY()+h <= PageHeight-Margin-FooterHeight
}

func chaseHeaderCells() []string {
	out := make([]string, len(chaseColumns))
	for i, c := range chaseColumns {
		out[i] = c.title
	}
	return out
}

func chaseHeaderHeight(pdf *fpdf.Fpdf) float64 {
	pdf.SetFont(Family, "B", chaseSize)
	return chaseHeight(pdf, chaseHeaderCells())
}

func chaseHeader(pdf *fpdf.Fpdf) { chaseRow(pdf, chaseHeaderCells(), true) }

// chaseHeight is the height of a row holding the cells, in the current font.
func chaseHeight(pdf *fpdf.Fpdf, cells []string) float64 {
	n := 1
	for i, c := range cells {
		n = max(n, len(pdf.SplitText(c, chaseColumns[i].width)))
	}
	return float64(n)*chaseLine + 2*chasePad
}

// chaseRow draws one row of boxed cells, each cell's text wrapped to its
// column; a header row is bold on grey.
func chaseRow(pdf *fpdf.Fpdf, cells []string, header bool) {
	style := ""
	if header {
		style = "B"
	}
	pdf.SetFont(Family, style, chaseSize)
	h := chaseHeight(pdf, cells)
	x, y := Margin, pdf.GetY()
	for i, c := range cells {
		w := chaseColumns[i].width
		if header {
			pdf.SetFillColor(230, 230, 230)
			pdf.Rect(x, y, w, h, "FD")
		} else {
			pdf.Rect(x, y, w, h, "D")
		}
		for j, line := range pdf.SplitText(c, w) {
			pdf.SetXY(x, y+chasePad+float64(j)*chaseLine)
			pdf.CellFormat(w, chaseLine, line, "", 0, "L", false, 0, "")
		}
		x += w
	}
	pdf.SetXY(Margin, y+h)
}
