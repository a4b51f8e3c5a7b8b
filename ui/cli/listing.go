package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"photoconsent/app/consent"
	"photoconsent/app/pupil"
	"photoconsent/app/register"
)

func runPupils(env *Env, args []string) error {
	var c common
	fs := newFlags("pupils", env, &c)
	asJSON := fs.Bool("json", false, "print a JSON array, one object per pupil")
	if err := noFiles(fs, args); err != nil {
		return err
	}
	s, done, err := c.signIn(env)
	if err != nil {
		return err
	}
	defer done()
	ps, err := s.Pupils()
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(env.Stdout, pupilsJSON(ps))
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tUPN\tADNO\tYEAR\tCLASS\tDOB\tLEFT")
	for _, p := range ps {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", p.SortName(), p.UPN, p.Adno, p.Year, p.Class, p.DOB.UK(), p.Leaving.UK())
	}
	return tw.Flush()
}

// pupilJSON is the command line's stable shape for a pupil.
type pupilJSON struct {
	UPN               string          `json:"upn"`
	UPNStatus         string          `json:"upn_status"`
	FormerUPN         string          `json:"former_upn,omitempty"`
	Adno              string          `json:"adno"`
	LegalForename     string          `json:"legal_forename"`
	MiddleNames       string          `json:"middle_names"`
	LegalSurname      string          `json:"legal_surname"`
	PreferredForename string          `json:"preferred_forename"`
	PreferredSurname  string          `json:"preferred_surname"`
	FormerSurname     string          `json:"former_surname,omitempty"`
	Sex               string          `json:"sex"`
	DOB               string          `json:"dob"`
	Year              string          `json:"year"`
	Class             string          `json:"class"`
	Admission         string          `json:"admission_date"`
	Leaving           string          `json:"leaving_date"`
	NeverPublish      bool            `json:"never_publish"`
	Contacts          []pupil.Contact `json:"contacts"`
}

func pupilsJSON(ps []pupil.Pupil) []pupilJSON {
	out := make([]pupilJSON, len(ps))
	for i, p := range ps {
		out[i] = pupilJSON{
			UPN: p.UPN, UPNStatus: string(p.UPNStatus), FormerUPN: p.FormerUPN, Adno: p.Adno,
			LegalForename: p.LegalForename, MiddleNames: p.MiddleNames, LegalSurname: p.LegalSurname,
			PreferredForename: p.PreferredForename, PreferredSurname: p.PreferredSurname,
			FormerSurname: p.FormerSurname, Sex: p.Sex, DOB: p.DOB.String(), Year: p.Year, Class: p.Class,
			Admission: p.Admission.String(), Leaving: p.Leaving.String(), NeverPublish: p.NeverPublish != nil,
			Contacts: p.Contacts,
		}
		if out[i].Contacts == nil {
			out[i].Contacts = []pupil.Contact{}
		}
	}
	return out
}

func runStatus(env *Env, args []string) error {
	var c common
	fs := newFlags("status", env, &c)
	asJSON := fs.Bool("json", false, `print a JSON array of {"upn":..., "status":{"school":"granted",...}}`)
	leavers := fs.Bool("leavers", false, "include pupils who have left")
	if err := noFiles(fs, args); err != nil {
		return err
	}
	s, done, err := c.signIn(env)
	if err != nil {
		return err
	}
	defer done()
	rows, cols, err := s.Register()
	if err != nil {
		return err
	}
	f := register.Filter{Leavers: *leavers}
	var shown []register.Row
	for _, r := range rows {
		if f.Match(r) {
			shown = append(shown, r)
		}
	}
	if *asJSON {
		return writeJSON(env.Stdout, statusJSON(shown, cols))
	}
	return statusTable(env.Stdout, shown, cols)
}

type statusEntry struct {
	UPN    string            `json:"upn"`
	Adno   string            `json:"adno"`
	Status map[string]string `json:"status"`
}

// statusJSON gives one entry per pupil. With photo and video asked
// separately, "school" holds the stricter of the two and "school:photo",
// "school:video" each on its own.
func statusJSON(rows []register.Row, cols []register.Column) []statusEntry {
	out := make([]statusEntry, len(rows))
	for i, r := range rows {
		st := map[string]string{}
		for j, c := range cols {
			st[c.Key()] = string(r.Statuses[j])
			if c.Media == consent.MediaAny {
				continue
			}
			whole := r.Statuses[j]
			if prev, ok := st[string(c.Purpose)]; ok {
				whole = consent.Stricter(consent.Status(prev), whole)
			}
			st[string(c.Purpose)] = string(whole)
		}
		out[i] = statusEntry{UPN: r.UPN, Adno: r.Adno, Status: st}
	}
	return out
}

func statusTable(w io.Writer, rows []register.Row, cols []register.Column) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := []string{"NAME", "UPN", "CLASS"}
	for _, c := range cols {
		head = append(head, strings.ToUpper(c.Key()))
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for _, r := range rows {
		line := []string{r.SortName, r.UPN, r.Class}
		for _, st := range r.Statuses {
			line = append(line, string(st))
		}
		fmt.Fprintln(tw, strings.Join(line, "\t"))
	}
	return tw.Flush()
}

// noFiles parses flags for a command that takes no file names.
func noFiles(fs *flag.FlagSet, args []string) error {
	rest, err := parse(fs, args)
	if err == nil && len(rest) > 0 {
		err = usagef("unexpected %q", strings.Join(rest, " "))
	}
	return err
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
