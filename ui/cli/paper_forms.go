package cli

import (
	"fmt"
	"io"

	"photoconsent/app/paper"
	"photoconsent/app/register"
)

// runForms prints consent forms for a class or the whole school: one page
// per pupil on roll, with the wording now in use and each pupil's code.
func runForms(env *Env, args []string) error {
	var c common
	fs := newFlags("forms", env, &c)
	class := fs.String("class", "", "print forms for this class only (default: every pupil on roll)")
	out := fs.String("out", "", "the PDF file to write")
	if err := noFiles(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("say where to write the forms with --out FILE.pdf")
	}
	s, done, err := c.signIn(env)
	if err != nil {
		return err
	}
	defer done()
	n, err := saveForms(s, *class, *out)
	if err != nil {
		return err
	}
	word := "forms"
	if n == 1 {
		word = "form"
	}
	fmt.Fprintf(env.Stdout, "Wrote %d %s to %s.\n", n, word, *out)
	return nil
}

// saveForms writes the forms to path and returns how many it printed.
func saveForms(s *register.Session, class, path string) (int, error) {
	var n int
	err := paper.SaveFile(path, func(w io.Writer) error {
		var err error
		n, err = paper.WriteForms(s, class, w)
		return err
	})
	return n, err
}
