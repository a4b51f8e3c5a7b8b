package cli

import (
	"fmt"
	"io"

	"photoconsent/app/civil"
	"photoconsent/app/paper"
	"photoconsent/app/register"
)

// runReport writes the governors' report for this term, or the days given,
// as a PDF and, with --csv, as a CSV table too (head only).
func runReport(env *Env, args []string) error {
	var c common
	fs := newFlags("report", env, &c)
	out := fs.String("out", "", "the PDF `FILE` to write")
	csvPath := fs.String("csv", "", "also write the numbers as CSV to `FILE`: one table, its first column naming the section")
	fromFlag := fs.String("from", "", "the first day of the period, YYYY-MM-DD (default: the start of this term)")
	toFlag := fs.String("to", "", "the last day of the period, YYYY-MM-DD (default: today)")
	if err := noFiles(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("say where to write the report with --out FILE.pdf")
	}
	from, err := civil.Parse(*fromFlag)
	if err != nil {
		return usagef("--from is a date written YYYY-MM-DD")
	}
	to, err := civil.Parse(*toFlag)
	if err != nil {
		return usagef("--to is a date written YYYY-MM-DD")
	}
	s, done, err := c.signIn(env)
	if err != nil {
		return err
	}
	defer done()
	r, err := s.GovernorsReport(from, to)
	if err != nil {
		return err
	}
	if err := saveReport(r, *out, *csvPath); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Wrote the governors' report for %s to %s to %s.\n", r.From.UK(), r.To.UK(), *out)
	if *csvPath != "" {
		fmt.Fprintf(env.Stdout, "Wrote its numbers as CSV to %s.\n", *csvPath)
	}
	return nil
}

// saveReport writes the PDF and, when csvPath is set, the CSV.
func saveReport(r register.Report, pdfPath, csvPath string) error {
	err := paper.SaveFile(pdfPath, func(w io.Writer) error { return paper.GovernorsReport(w, r) })
	if err != nil || csvPath == "" {
		return err
	}
	return paper.SaveFile(csvPath, func(w io.Writer) error { return paper.GovernorsCSV(w, r) })
}
