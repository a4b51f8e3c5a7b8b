package cli

import (
	"fmt"
	"io"

	"photoconsent/app/paper"
	"photoconsent/app/register"
)

// runChase lists pupils on roll whose form is not returned or whose answer
// has expired, by class: as CSV on standard output, a PDF, or both.
func runChase(env *Env, args []string) error {
	var c common
	fs := newFlags("chase", env, &c)
	asCSV := fs.Bool("csv", false, "print the list as CSV with a header row on standard output")
	out := fs.String("out", "", "the PDF file to write")
	if err := noFiles(fs, args); err != nil {
		return err
	}
	if !*asCSV && *out == "" {
		return usagef("say where the list goes: --out FILE.pdf, or --csv for CSV on standard output")
	}
	s, done, err := c.signIn(env)
	if err != nil {
		return err
	}
	defer done()
	rows, err := s.ChaseList()
	if err != nil {
		return err
	}
	if *out != "" {
		if err := saveChase(s, rows, *out); err != nil {
			return err
		}
	}
	if *asCSV {
		return paper.ChaseCSV(env.Stdout, rows)
	}
	fmt.Fprintf(env.Stdout, "Wrote the chase list (%s) to %s.\n", chasePupils(len(rows)), *out)
	return nil
}

func saveChase(s *register.Session, rows []register.ChaseRow, path string) error {
	set, err := s.Settings()
	if err != nil {
		return err
	}
	return paper.SaveFile(path, func(w io.Writer) error {
		return paper.Chase(w, set.SchoolName, s.Now(), rows)
	})
}

func chasePupils(n int) string {
	if n == 1 {
		return "1 pupil"
	}
	return fmt.Sprintf("%d pupils", n)
}
