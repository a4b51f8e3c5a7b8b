package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"photoconsent/app/register"
)

// takedownJSON is the command line's stable shape for a takedown. Pupils
// are named by UPN only.
type takedownJSON struct {
	Entry       int64  `json:"entry"`
	UPN         string `json:"upn"`
	Destination string `json:"destination"`
	Output      string `json:"output"`
	Why         string `json:"why"`
	Done        bool   `json:"done"`
	DoneAt      string `json:"done_at,omitempty"`
	DoneBy      string `json:"done_by,omitempty"`
	Note        string `json:"note,omitempty"`
}

// runTakedowns lists the published photos that must come down (head
// only), or marks one as done with --done ENTRY --note TEXT.
func runTakedowns(env *Env, args []string) error {
	var c common
	fs := newFlags("takedowns", env, &c)
	asJSON := fs.Bool("json", false, `print a JSON array of {"entry", "upn", "destination", "output", "why", "done", ...}`)
	entry := fs.Int64("done", 0, "mark the takedown of log entry `ENTRY-ID` as done (with --note)")
	note := fs.String("note", "", "with --done: what was done, as `TEXT`, e.g. \"removed from the website\"")
	upn := fs.String("pupil", "", "with --done: the pupil's `UPN`, when that entry has open takedowns for more than one pupil")
	if err := noFiles(fs, args); err != nil {
		return err
	}
	switch {
	case *entry == 0 && (*note != "" || *upn != ""):
		return usagef("--note and --pupil go with --done ENTRY-ID")
	case *entry != 0 && strings.TrimSpace(*note) == "":
		return usagef("say what was done with --note TEXT")
	case *entry < 0:
		return usagef("--done takes the log entry's number")
	}
	s, done, err := c.signIn(env)
	if err != nil {
		return err
	}
	defer done()
	tds, err := s.Takedowns()
	if err != nil {
		return err
	}
	if *entry != 0 {
		return markDone(env, s, tds, *entry, *upn, *note)
	}
	if *asJSON {
		return writeJSON(env.Stdout, takedownsJSON(tds))
	}
	return takedownTable(env.Stdout, tds)
}

func takedownsJSON(tds []register.Takedown) []takedownJSON {
	out := make([]takedownJSON, len(tds))
	for i, td := range tds {
		out[i] = takedownJSON{
			Entry: td.Entry.Seq, UPN: td.UPN, Destination: string(td.Destination), Output: td.Output,
			Why: td.Why, Done: td.Done, DoneBy: td.DoneBy, Note: td.Note,
		}
		if td.Done {
			out[i].DoneAt = td.DoneAt.UTC().Format(time.RFC3339)
		}
	}
	return out
}

func takedownTable(w io.Writer, tds []register.Takedown) error {
	open := 0
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ENTRY\tUPN\tDESTINATION\tOUTPUT\tWHY\tDONE")
	for _, td := range tds {
		state := "open"
		if td.Done {
			state = fmt.Sprintf("%s by %s: %s", td.DoneAt.Local().Format(time.DateTime), td.DoneBy, oneLine(td.Note))
		} else {
			open++
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", td.Entry.Seq, dash(td.UPN), td.Destination, dash(td.Output), td.Why, state)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "%d open.\n", open)
	return err
}

// markDone marks one open takedown as done: the one for entry, or for the
// pupil named when the entry has several.
func markDone(env *Env, s *register.Session, tds []register.Takedown, entry int64, upn, note string) error {
	var open []register.Takedown
	for _, td := range tds {
		if td.Entry.Seq == entry && !td.Done && (upn == "" || strings.EqualFold(td.UPN, upn)) {
			open = append(open, td)
		}
	}
	switch {
	case len(open) == 0 && upn != "":
		return fmt.Errorf("entry %d has no open takedown for %s", entry, upn)
	case len(open) == 0:
		return fmt.Errorf("entry %d has no open takedown", entry)
	case len(open) > 1:
		return usagef("entry %d has open takedowns for %d pupils: name one with --pupil UPN", entry, len(open))
	}
	td := open[0]
	if err := s.MarkTakenDown(entry, td.PupilID, note); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Marked as taken down: entry %d (%s, %s) for %s.\n", entry, td.Destination, dash(td.Output), dash(td.UPN))
	return nil
}
