package cli

import (
	"fmt"
	"io"
	"strings"

	"photoconsent/app/paper"
	"photoconsent/app/register"
)

// runSAR gathers everything held about one pupil into a zip: a PDF
// summary, the records as JSON, the scanned forms and the log's thumbnails
// (office and head; each request is in the audit trail).
func runSAR(env *Env, args []string) error {
	var c common
	fs := newFlags("sar", env, &c)
	upn := fs.String("pupil", "", "the pupil's `UPN` (or admission number)")
	out := fs.String("out", "", "the zip `FILE` to write")
	if err := noFiles(fs, args); err != nil {
		return err
	}
	switch {
	case strings.TrimSpace(*upn) == "":
		return usagef("say which pupil with --pupil UPN")
	case *out == "":
		return usagef("say where the zip goes with --out FILE.zip")
	}
	s, done, err := c.signIn(env)
	if err != nil {
		return err
	}
	defer done()
	p, err := s.FindPupil(*upn)
	if err != nil {
		return err
	}
	sar, err := s.SubjectAccess(p.ID)
	if err != nil {
		return err
	}
	if err := paper.SaveFile(*out, func(w io.Writer) error { return paper.SARZip(w, sar) }); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Wrote everything held about pupil %s (%s) to %s.\n", dash(p.UPN), sarCounts(sar), *out)
	if needsCheck(sar) {
		fmt.Fprintln(env.Stdout, "Some scanned forms or photos may show other children: check them before sending the zip.")
	}
	return nil
}

func sarCounts(sar register.SAR) string {
	count := func(n int, one string) string {
		if n == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %ss", n, one)
	}
	return strings.Join([]string{count(len(sar.Answers), "answer"), count(len(sar.Scans), "scanned form"),
		count(len(sar.Publications), "publication log entry")}, ", ")
}

// needsCheck reports whether a scan is a class set's or a thumbnail shows
// a photo with other pupils tagged.
func needsCheck(sar register.SAR) bool {
	for _, sc := range sar.Scans {
		if sc.Shared {
			return true
		}
	}
	for _, p := range sar.Publications {
		if p.Others > 0 && len(p.Thumbnail) > 0 {
			return true
		}
	}
	return false
}
