package cli

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"photoconsent/app/publog"
	"photoconsent/app/register"
)

// runLog prints the publication log (head only), as a table or CSV, or
// checks its chain with --verify.
func runLog(env *Env, args []string) error {
	var c common
	fs := newFlags("log", env, &c)
	asCSV := fs.Bool("csv", false, "print CSV with a header row (pupils by UPN)")
	verify := fs.Bool("verify", false, "check that no entry was changed, removed or reordered: exit 0 intact, 1 broken")
	if err := noFiles(fs, args); err != nil {
		return err
	}
	if *asCSV && *verify {
		return usagef("give --csv or --verify, not both")
	}
	s, done, err := c.signIn(env)
	if err != nil {
		return err
	}
	defer done()
	entries, err := s.PublicationLog()
	if err != nil {
		return err
	}
	if *verify {
		return verifyLog(env, s, len(entries))
	}
	upns, err := upnsByID(s)
	if err != nil {
		return err
	}
	if *asCSV {
		return logCSV(env.Stdout, entries, upns)
	}
	return logTable(env.Stdout, entries, upns)
}

func verifyLog(env *Env, s *register.Session, n int) error {
	problems, err := s.VerifyLog()
	if err != nil {
		return err
	}
	if len(problems) == 0 {
		fmt.Fprintf(env.Stdout, "The publication log is intact (%d entries).\n", n)
		return nil
	}
	for _, p := range problems {
		fmt.Fprintln(env.Stdout, Sentence(fmt.Errorf("%s", p.What)))
	}
	if len(problems) == 1 {
		return fmt.Errorf("the publication log is broken: 1 problem found")
	}
	return fmt.Errorf("the publication log is broken: %d problems found", len(problems))
}

// upnsByID maps pupil IDs to UPNs; the log keeps only IDs.
func upnsByID(s *register.Session) (map[string]string, error) {
	ps, err := s.Pupils()
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(ps))
	for _, p := range ps {
		out[p.ID] = p.UPN
	}
	return out, nil
}

// pupilUPNs lists who an entry is about, by UPN: the tagged pupils, or the
// pupil a takedown was for.
func pupilUPNs(e publog.Entry, upns map[string]string) []string {
	var ids []string
	for _, p := range e.Pupils {
		ids = append(ids, p.PupilID)
	}
	if e.TakedownPupil != "" && !slices.Contains(ids, e.TakedownPupil) {
		ids = append(ids, e.TakedownPupil)
	}
	out := upnsOf(ids, upns)
	if len(out) == 0 && e.NoPupils {
		out = []string{"(no identifiable pupils)"}
	}
	return out
}

// why is an entry's reasons in one line, with an override's reason or a
// takedown's note.
func why(e publog.Entry) string {
	parts := slices.Clone(e.Reasons)
	if e.Override != "" {
		parts = append(parts, "override: "+e.Override)
	}
	if e.Kind == publog.TakenDown {
		parts = append(parts, fmt.Sprintf("removed (entry %d): %s", e.TakedownOf, e.Note))
	}
	if len(blurredIDs(e)) > 0 {
		parts = append(parts, fmt.Sprintf("published with %s blurred", plural(len(blurredIDs(e)), "pupil")))
	}
	if e.NotSchoolDevice {
		parts = append(parts, "not a school device")
	}
	return strings.Join(parts, "; ")
}

func logTable(w io.Writer, entries []publog.Entry, upns map[string]string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ENTRY\tWHEN\tWHO\tDESTINATION\tDECISION\tORIGINAL\tOUTPUT\tPUPILS\tREASONS")
	for _, e := range entries {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Seq, e.At.Local().Format(time.DateTime), e.ByName,
			dash(string(e.Destination)), e.Kind, dash(oneLine(e.Original.Name)), dash(e.Output.Name),
			dash(strings.Join(pupilUPNs(e, upns), " ")), dash(oneLine(why(e))))
	}
	return tw.Flush()
}

var logCSVHeader = []string{"entry", "when", "who", "kind", "destination", "original", "original_sha256",
	"output", "output_sha256", "upns", "no_pupils", "resized", "caption", "reasons", "override", "approvers",
	"takedown_of", "note", "hash", "faces", "blurred_upns", "device", "not_school_device"}

func logCSV(w io.Writer, entries []publog.Entry, upns map[string]string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(logCSVHeader); err != nil {
		return err
	}
	for _, e := range entries {
		var approvers []string
		for _, a := range e.Approvers {
			approvers = append(approvers, fmt.Sprintf("%s (%s)", a.Name, a.Role))
		}
		rec := []string{
			strconv.FormatInt(e.Seq, 10), e.At.UTC().Format(time.RFC3339), e.ByName, string(e.Kind),
			string(e.Destination), e.Original.Name, e.Original.SHA256, e.Output.Name, e.Output.SHA256,
			strings.Join(pupilUPNs(e, upns), " "), strconv.FormatBool(e.NoPupils), blankZero(int64(e.Resized)),
			e.Caption, strings.Join(e.Reasons, "; "), e.Override, strings.Join(approvers, "; "),
			blankZero(e.TakedownOf), e.Note, e.Hash,
			blankZero(int64(e.Faces)), strings.Join(upnsOf(blurredIDs(e), upns), " "), e.Device,
			strconv.FormatBool(e.NotSchoolDevice),
		}
		for i := range rec {
			rec[i] = csvCell(rec[i])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvCell keeps a spreadsheet from running a cell as a formula: file
// names, captions and notes are typed by people.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// oneLine keeps a table row on one line whatever a file name holds.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

func blankZero(n int64) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// blurredIDs are the pupils an entry published blurred.
func blurredIDs(e publog.Entry) []string {
	var out []string
	for _, p := range e.Pupils {
		if p.Blurred {
			out = append(out, p.PupilID)
		}
	}
	return out
}

// upnsOf names pupils by UPN. Retention is the only way a pupil leaves
// the register, so a pupil without one was removed under it.
func upnsOf(ids []string, upns map[string]string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		if out[i] = upns[id]; out[i] == "" {
			out[i] = "(removed under retention)"
		}
	}
	return out
}
