package paper

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/go-pdf/fpdf"

	"photoconsent/app/consent"
	"photoconsent/app/publog"
	"photoconsent/app/pupil"
	"photoconsent/app/register"
)

// Text sizes and the lowest a table row may reach on the subject access
// summary.
const (
	sarText   = 10.0
	sarSmall  = 8.5
	sarLine   = 4.2
	sarBottom = PageHeight - Margin - FooterHeight
)

// SAR writes the summary of a subject access request: the pupil's
// details and contacts, every answer with who gave it, when, how and the
// wording they saw, the scanned forms and publications in the zip beside it.
func SAR(w io.Writer, s register.SAR) error {
	pdf := New()
	SetFooter(pdf, func() string { return "Subject access: " + s.Pupil.DisplayName() })
	pdf.AddPage()
	d := sarDoc{pdf}
	d.title(s)
	d.details(s.Pupil)
	d.contacts(s.Pupil.Contacts)
	d.answers(s.Answers)
	d.wordings(s.Wordings)
	d.scans(s.Scans)
	d.publications(s.Publications)
	d.events(len(s.Events))
	return Write(pdf, w)
}

type sarDoc struct{ pdf *fpdf.Fpdf }

func (d sarDoc) title(s register.SAR) {
	d.pdf.SetFont(Family, "B", 16)
	d.pdf.MultiCell(ContentWidth, 8, "Everything "+sarDash(s.School)+" holds about "+s.Pupil.DisplayName(), "", "L", false)
	d.paragraph(fmt.Sprintf("Gathered on %s by %s for a subject access request.",
		s.Made.Local().Format("2 January 2006 at 15:04"), s.MadeBy))
}

func (d sarDoc) paragraph(text string) {
	d.pdf.SetFont(Family, "", sarText)
	d.pdf.MultiCell(ContentWidth, 5, text, "", "L", false)
	d.pdf.Ln(1)
}

func (d sarDoc) section(heading string) {
	if d.pdf.GetY()+20 > sarBottom {
		d.pdf.AddPage()
	}
	d.pdf.Ln(3)
	d.pdf.SetFont(Family, "B", 12)
	d.pdf.CellFormat(ContentWidth, 7, heading, "", 1, "L", false, 0, "")
}

func (d sarDoc) details(p pupil.Pupil) {
	d.section("Pupil")
	rows := [][]string{
		{"Legal name", strings.Join(strings.Fields(p.LegalForename+" "+p.MiddleNames+" "+p.LegalSurname), " ")},
		{"Known as", p.DisplayName()},
		{"Former surname", p.FormerSurname},
		{"UPN", p.UPN}, {"Former UPN", p.FormerUPN}, {"Admission number", p.Adno},
		{"Date of birth", p.DOB.UK()}, {"Sex", p.Sex}, {"Year", p.Year}, {"Class", p.Class},
		{"Admitted", p.Admission.UK()}, {"Left", p.Leaving.UK()},
	}
	if p.NeverPublish != nil {
		rows = append(rows, []string{"Never publish", fmt.Sprintf("since %s: %s", p.NeverPublish.SetOn.UK(), p.NeverPublish.Reason)})
	}
	var kept [][]string
	for _, r := range rows {
		if r[1] != "" {
			kept = append(kept, r)
		}
	}
	d.table(nil, []float64{45, ContentWidth - 45}, kept)
}

func (d sarDoc) contacts(cs []pupil.Contact) {
	d.section("Contacts")
	if len(cs) == 0 {
		d.paragraph("No contacts are held.")
		return
	}
	var rows [][]string
	for _, c := range cs {
		pr := "no"
		if c.Responsibility {
			pr = "yes"
		}
		rows = append(rows, []string{strings.TrimSpace(c.Title + " " + c.Name()), c.Relationship, pr, c.Mobile, c.Email})
	}
	d.table([]string{"Name", "Relationship", "Parental responsibility", "Phone", "Email"},
		[]float64{45, 28, 27, 30, 50}, rows)
}

func (d sarDoc) answers(as []register.SARAnswer) {
	d.section("Consent answers, oldest first")
	if len(as) == 0 {
		d.paragraph("No answers are recorded.")
		return
	}
	var rows [][]string
	for _, a := range as {
		rows = append(rows, []string{a.Date.UK(), ColumnWords(register.Column{Purpose: a.Purpose, Media: a.Media}.Key()),
			string(a.Answer), giverWords(a.By) + ", " + methodWords(a.Method), a.Wording, recordedWords(a)})
	}
	d.table([]string{"Date", "Purpose", "Answer", "Given by, how", "Wording", "Recorded by, expiry, note"},
		[]float64{19, 32, 16, 45, 19, 49}, rows)
}

// recordedWords says who recorded the answer and when, with its expiry
// and note.
func recordedWords(a register.SARAnswer) string {
	parts := []string{a.RecordedByName + " on " + a.RecordedAt.Local().Format("02/01/2006")}
	if !a.Expires.IsZero() {
		parts = append(parts, "expires "+a.Expires.UK())
	}
	if a.Note != "" {
		parts = append(parts, a.Note)
	}
	return strings.Join(parts, "; ")
}

func giverWords(g consent.Giver) string {
	switch {
	case g.Pupil:
		return g.Name + " (the pupil)"
	case g.Name == "":
		return "not known (carried over from the MIS)"
	case g.Relationship != "":
		return g.Name + " (" + g.Relationship + ")"
	}
	return g.Name
}

func methodWords(m consent.Method) string {
	switch m {
	case consent.Form:
		return "paper form"
	case consent.Email:
		return "email"
	case consent.InPerson:
		return "in person"
	case consent.MISImport:
		return "MIS import"
	}
	return string(m)
}

func (d sarDoc) wordings(ws []register.Wording) {
	for _, w := range ws {
		d.section("What the form said (wording " + w.Version + ")")
		for _, p := range consent.Purposes {
			if t := w.Texts[p]; t != "" {
				d.paragraph(ColumnWords(string(p)) + ": " + t)
			}
		}
	}
}

func (d sarDoc) scans(scans []register.SARScan) {
	d.section("Scanned forms")
	if len(scans) == 0 {
		d.paragraph("No scanned forms are held.")
		return
	}
	var rows [][]string
	for _, sc := range scans {
		rows = append(rows, []string{SARScanName(sc), sc.Answer.Date.UK(), purposesWords(sc.Purposes)})
	}
	d.table([]string{"File in this folder", "Date", "Answers on it"}, []float64{75, 25, 80}, rows)
}

// SARScanName is the scan's file name in the subject access zip:
// scans/<date>-<purposes>-<short ID><ext>, so two scans never share a name.
func SARScanName(sc register.SARScan) string {
	var ps []string
	for _, p := range sc.Purposes {
		ps = append(ps, string(p))
	}
	id := sc.ID
	if len(id) > 6 {
		id = id[:6]
	}
	return fmt.Sprintf("scans/%s-%s-%s%s", sc.Answer.Date, strings.Join(ps, "-"), id, sc.Ext())
}

// SARThumbnailName is an entry's thumbnail's file name in the zip.
func SARThumbnailName(seq int64) string { return fmt.Sprintf("thumbnails/entry-%d.jpg", seq) }

func purposesWords(ps []consent.Purpose) string {
	var out []string
	for _, p := range ps {
		out = append(out, ColumnWords(string(p)))
	}
	return strings.Join(out, "; ")
}

func (d sarDoc) publications(pubs []register.SARPublication) {
	d.section("Publication log entries")
	if len(pubs) == 0 {
		d.paragraph("No photo or video of the pupil is in the publication log.")
		return
	}
	var rows [][]string
	for _, p := range pubs {
		e := p.Entry
		rows = append(rows, []string{fmt.Sprint(e.Seq), e.At.Local().Format("02/01/2006"), e.Destination.Label(),
			kindWords(e.Kind), sarDash(e.Output.Name), othersWords(p.Others), strings.Join(e.Reasons, "; ")})
	}
	d.table([]string{"No.", "Date", "Destination", "Decision", "Published as", "Others tagged", "Reasons"},
		[]float64{11, 20, 25, 22, 38, 22, 42}, rows)
}

func kindWords(k publog.Kind) string {
	switch k {
	case publog.Exported:
		return "published"
	case publog.Overridden:
		return "published on an override"
	case publog.Blocked:
		return "blocked"
	case publog.TakenDown:
		return "taken down"
	}
	return string(k)
}

func eventsCount(n int) string {
	if n == 1 {
		return "1 event"
	}
	return fmt.Sprintf("%d events", n)
}

func othersWords(n int) string {
	switch n {
	case 0:
		return "none"
	case 1:
		return "1 other"
	}
	return fmt.Sprintf("%d others", n)
}

func (d sarDoc) events(n int) {
	d.section("Audit trail")
	d.paragraph(fmt.Sprintf("The audit trail holds %s about the pupil, saying who recorded or changed what, and when; "+
		"they are in events.json beside this summary.", eventsCount(n)))
}

// table draws an optional bold header and rows whose cells wrap within
// their widths, starting a new page (with the header again) when a row
// would not fit.
func (d sarDoc) table(head []string, widths []float64, rows [][]string) {
	if head != nil {
		d.row(head, widths, true)
	}
	for _, cells := range rows {
		d.pdf.SetFont(Family, "", sarSmall)
		if d.pdf.GetY()+tableRowHeight(d.pdf, cells, widths, sarLine) > sarBottom {
			d.pdf.AddPage()
			if head != nil {
				d.row(head, widths, true)
			}
		}
		d.row(cells, widths, false)
	}
}

// row draws one row of a table, left-aligned; a heading row is bold and shaded.
func (d sarDoc) row(cells []string, widths []float64, heading bool) {
	tableRow(d.pdf, cells, widths, strings.Repeat("L", len(cells)), sarSmall, sarLine, heading)
}

func sarDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// sarPublicationJSON is one log entry in publications.json, with the name
// of its thumbnail in the zip.
type sarPublicationJSON struct {
	publog.Entry
	OthersTagged int    `json:"others_tagged"`
	Thumbnail    string `json:"thumbnail,omitempty"`
}

// SARZip writes the subject access zip: summary.pdf, pupil.json, answers.json,
// wording.json, publications.json, events.json, scans/ and thumbnails/.
func SARZip(w io.Writer, sar register.SAR) error {
	z := zip.NewWriter(w)
	var pdf bytes.Buffer
	if err := SAR(&pdf, sar); err != nil {
		return err
	}
	files := []struct {
		name string
		data func() ([]byte, error)
	}{
		{"summary.pdf", func() ([]byte, error) { return pdf.Bytes(), nil }},
		{"pupil.json", jsonOf(sar.Pupil)},
		{"answers.json", jsonOf(sar.Answers)},
		{"wording.json", jsonOf(sar.Wordings)},
		{"publications.json", jsonOf(publicationsJSON(sar.Publications))},
		{"events.json", jsonOf(sar.Events)},
	}
	for _, f := range files {
		b, err := f.data()
		if err != nil {
			return err
		}
		if err := zipFile(z, f.name, sar, b); err != nil {
			return err
		}
	}
	if err := sarBlobs(z, sar); err != nil {
		return err
	}
	return z.Close()
}

func sarBlobs(z *zip.Writer, sar register.SAR) error {
	for _, sc := range sar.Scans {
		if err := zipFile(z, SARScanName(sc), sar, sc.Data); err != nil {
			return err
		}
	}
	for _, p := range sar.Publications {
		if len(p.Thumbnail) == 0 {
			continue
		}
		if err := zipFile(z, SARThumbnailName(p.Entry.Seq), sar, p.Thumbnail); err != nil {
			return err
		}
	}
	return nil
}

func publicationsJSON(pubs []register.SARPublication) []sarPublicationJSON {
	out := make([]sarPublicationJSON, len(pubs))
	for i, p := range pubs {
		out[i] = sarPublicationJSON{Entry: p.Entry, OthersTagged: p.Others}
		if len(p.Thumbnail) > 0 {
			out[i].Thumbnail = SARThumbnailName(p.Entry.Seq)
		}
	}
	return out
}

func jsonOf(v any) func() ([]byte, error) {
	return func() ([]byte, error) {
		b, err := json.MarshalIndent(v, "", "  ")
		return append(b, '\n'), err
	}
}

func zipFile(z *zip.Writer, name string, sar register.SAR, b []byte) error {
	f, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: sar.Made})
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	return err
}
