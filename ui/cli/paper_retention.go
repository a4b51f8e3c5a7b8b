package cli

import (
	"fmt"
	"io"
	"text/tabwriter"

	"photoconsent/app/register"
)

// leaverJSON is the command line's stable shape for a leaver past the
// retention period.
type leaverJSON struct {
	UPN     string `json:"upn"`
	Name    string `json:"name"`
	Class   string `json:"class"`
	Leaving string `json:"leaving"`
	Due     string `json:"due"`
}

// runRetention lists the leavers past the school's retention period (head
// only), and with --apply deletes them: their records, answers and scanned
// forms go, and the publication log keeps its entries without names.
func runRetention(env *Env, args []string) error {
	var c common
	fs := newFlags("retention", env, &c)
	apply := fs.Bool("apply", false, "delete the leavers listed; without it nothing is changed")
	asJSON := fs.Bool("json", false, `print a JSON array of {"upn", "name", "class", "leaving", "due"} (without --apply)`)
	if err := noFiles(fs, args); err != nil {
		return err
	}
	if *apply && *asJSON {
		return usagef("give --json or --apply, not both")
	}
	s, done, err := c.signIn(env)
	if err != nil {
		return err
	}
	defer done()
	due, err := s.RetentionDue()
	if err != nil {
		return err
	}
	set, err := s.Settings()
	if err != nil {
		return err
	}
	years := register.RetentionYears(set)
	switch {
	case *asJSON:
		return writeJSON(env.Stdout, leaversJSON(due))
	case *apply:
		return applyRetention(env, s, due, years)
	}
	return leaverTable(env.Stdout, due, years)
}

func leaversJSON(due []register.Leaver) []leaverJSON {
	out := make([]leaverJSON, len(due))
	for i, l := range due {
		out[i] = leaverJSON{UPN: l.UPN, Name: l.Name, Class: l.Class, Leaving: l.Leaving.String(), Due: l.Due.String()}
	}
	return out
}

func leaverTable(w io.Writer, due []register.Leaver, years int) error {
	if len(due) == 0 {
		fmt.Fprintf(w, "No leavers are past the retention period of %d years.\n", years)
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "UPN\tPUPIL\tCLASS\tLEFT\tDUE FOR DELETION AFTER")
	for _, l := range due {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", dash(l.UPN), oneLine(l.Name), dash(l.Class), l.Leaving.UK(), l.Due.UK())
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "%s past the retention period of %d years; run again with --apply to delete them.\n",
		leaverCount(len(due), "is", "are"), years)
	return nil
}

func applyRetention(env *Env, s *register.Session, due []register.Leaver, years int) error {
	if len(due) == 0 {
		fmt.Fprintf(env.Stdout, "No leavers are past the retention period of %d years; nothing was deleted.\n", years)
		return nil
	}
	ids := make([]string, len(due))
	for i, l := range due {
		ids[i] = l.PupilID
	}
	n, err := s.ApplyRetention(ids)
	if err != nil {
		return fmt.Errorf("%d of %d leavers were deleted before an error: %w", n, len(due), err)
	}
	fmt.Fprintf(env.Stdout, "Deleted %s past the retention period, with their answers and scanned forms.\n",
		leaverCount(n, "", ""))
	return nil
}

// leaverCount is "1 leaver is" or "3 leavers are"; empty verbs give the
// count alone.
func leaverCount(n int, one, many string) string {
	s := fmt.Sprintf("%d leavers", n)
	verb := many
	if n == 1 {
		s, verb = "1 leaver", one
	}
	if verb == "" {
		return s
	}
	return s + " " + verb
}
