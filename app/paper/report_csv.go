package paper

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"

	"photoconsent/app/civil"
	"photoconsent/app/consent"
	"photoconsent/app/register"
)

// ReportCSVHeader is the first row of the report's CSV.
var ReportCSVHeader = []string{"section", "date", "name", "purpose", "count", "percent", "detail"}

// GovernorsCSV writes the governors' report as one table whose first column
// says which part each row belongs to:
//
//	report     date: made on; name: the school; detail: the period and any "assume consent" setting
//	coverage   name: "Whole school" or the class; purpose; count: pupils who may appear;
//	           percent; detail: "of N pupils on roll"
//	published  name: destination; count: photos published (exports and overrides)
//	blocked    name: destination; count: attempts the gate refused
//	override   date; name: destination; count: pupils tagged; detail: who approved and the head's reason
//	takedown   date: published; name: destination; count: days taken (so far, if open);
//	           detail: the pupil's class, when it was due and done, and why
//
// Dates are YYYY-MM-DD; it names no pupil. Cells that a spreadsheet would
// run as a formula are prefixed with an apostrophe.
func GovernorsCSV(w io.Writer, r register.Report) error {
	cw := csv.NewWriter(w)
	rows := [][]string{ReportCSVHeader, reportCSVHead(r)}
	rows = append(rows, coverageCSV(r)...)
	for _, c := range r.Published {
		rows = append(rows, []string{"published", "", string(c.Destination), "", fmt.Sprint(c.Count), "", ""})
	}
	for _, c := range r.Blocked {
		rows = append(rows, []string{"blocked", "", string(c.Destination), "", fmt.Sprint(c.Count), "", ""})
	}
	for _, o := range r.Overrides {
		detail := "approved by " + strings.Join(o.Approvers, " and ") + ": " + o.Reason
		rows = append(rows, []string{"override", isoDay(o.At), string(o.Destination), "", fmt.Sprint(o.Pupils), "", detail})
	}
	for _, td := range r.Takedowns {
		rows = append(rows, []string{"takedown", isoDay(td.Published), string(td.Destination), "",
			fmt.Sprint(td.Days), "", takedownDetail(td)})
	}
	for _, row := range rows {
		for i := range row {
			row[i] = csvSafe(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func reportCSVHead(r register.Report) []string {
	detail := "period " + r.From.String() + " to " + r.To.String()
	if r.AssumeConsent {
		detail += "; a form not returned counts as consent"
	}
	return []string{"report", isoDay(r.Made), r.School, "", "", "", detail}
}

func coverageCSV(r register.Report) [][]string {
	var rows [][]string
	for _, c := range r.Coverage {
		name := c.Class
		if name == "" {
			name = "Whole school"
		}
		for _, p := range consent.Purposes {
			pct := ""
			if c.Pupils > 0 {
				pct = fmt.Sprint(Percent(c.Allowed[p], c.Pupils))
			}
			rows = append(rows, []string{"coverage", "", name, string(p), fmt.Sprint(c.Allowed[p]), pct,
				"of " + reportCount(c.Pupils, "pupil", "pupils") + " on roll"})
		}
	}
	return rows
}

func takedownDetail(td register.TakedownLine) string {
	parts := []string{"pupil in class " + td.Class}
	if td.DueKnown {
		parts = append(parts, "due "+isoDay(td.Due))
	} else {
		parts = append(parts, "due not recorded")
	}
	if td.Done {
		parts = append(parts, "done "+isoDay(td.DoneAt))
	} else {
		parts = append(parts, "open")
	}
	return strings.Join(append(parts, td.Why), "; ")
}

func isoDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return civil.Of(t.Local()).String()
}

// csvSafe keeps a spreadsheet from running a cell as a formula: reasons are
// typed by people.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
