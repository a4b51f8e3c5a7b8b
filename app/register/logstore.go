package register

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"photoconsent/app/civil"
	"photoconsent/app/consent"
	"photoconsent/app/publish"
	"photoconsent/app/publog"
	"photoconsent/app/pupil"
)

// Limits on what a log entry may carry.
const (
	maxNameLength = 1000 // a file name, characters
	maxReasons    = 200
)

// appendEntry seals e onto the chain and writes it and the new head in the
// caller's transaction.
func appendEntry(tx Tx, e *publog.Entry) error {
	var head publog.Head
	if _, err := tx.Get(keyPublog, &head); err != nil {
		return fmt.Errorf("reading the publication log's head: %w", err)
	}
	next := publog.Seal(head, e)
	if err := tx.Put(publogKey(e.Seq), e); err != nil {
		return err
	}
	return tx.Put(keyPublog, next)
}

// readLog returns every entry in key order, which is Seq order.
func readLog(tx Tx) ([]publog.Entry, error) {
	var out []publog.Entry
	err := tx.Scan(prefPublog, func(key string, decode func(any) error) error {
		var e publog.Entry
		if err := decode(&e); err != nil {
			return fmt.Errorf("publication log entry %d cannot be read: %w", seqOfKey(key), err)
		}
		out = append(out, e)
		return nil
	})
	return out, err
}

// seqOfKey is the number in an entry's key, or 0 when there is none.
func seqOfKey(key string) int64 {
	n, err := strconv.ParseInt(strings.TrimPrefix(key, prefPublog), 10, 64)
	if err != nil {
		return 0
	}
	return n
}

func settingsIn(tx Tx) (Settings, error) {
	var set Settings
	ok, err := tx.Get(keySchool, &set)
	if err == nil && !ok {
		err = ErrNotSetUp
	}
	return set, err
}

// pupilAndAnswers reads one pupil and their answers, oldest first.
func pupilAndAnswers(tx Tx, id string) (pupil.Pupil, []consent.Record, error) {
	p, err := getPupil(tx, id)
	if errors.Is(err, ErrNoPupil) {
		return p, nil, fmt.Errorf("pupil %s: %w", id, ErrNoPupil)
	} else if err != nil {
		return p, nil, err
	}
	history, err := answersOf(tx, id)
	return p, history, err
}

// statusesNow derives the pupil's statuses for the purposes and medium.
func statusesNow(p pupil.Pupil, history []consent.Record, purposes []consent.Purpose, m consent.Media, today civil.Date) map[consent.Purpose]consent.Status {
	out := make(map[consent.Purpose]consent.Status, len(purposes))
	for _, pu := range purposes {
		out[pu] = consent.Derive(history, pu, m, p.NeverPublish != nil, today)
	}
	return out
}

// fillPupils replaces the tagged pupils' statuses and leaving with the
// register's, for the purposes the destination needs (blurred pupils are
// not identifiable, so they do not count towards a photo of one pupil).
func fillPupils(tx Tx, e *publog.Entry, today civil.Date) error {
	needs := publish.Needs(e.Destination, identifiable(e.Pupils))
	for i, tp := range e.Pupils {
		p, history, err := pupilAndAnswers(tx, tp.PupilID)
		if err != nil {
			return err
		}
		e.Pupils[i] = publog.Pupil{PupilID: tp.PupilID, Statuses: statusesNow(p, history, needs, e.Medium, today),
			Leaver: !p.OnRoll(today), Blurred: tp.Blurred}
	}
	return nil
}

// identifiable counts the entry's pupils who were not blurred.
func identifiable(pupils []publog.Pupil) int {
	n := 0
	for _, p := range pupils {
		if !p.Blurred {
			n++
		}
	}
	return n
}

// checkEntry refuses an entry that does not make sense for its kind, and
// fills in what follows from the kind.
func checkEntry(e *publog.Entry) error {
	outcome, err := outcomeOf(e.Kind)
	if err != nil {
		return err
	}
	if e.Decision != "" && e.Decision != outcome {
		return invalidf("a %s entry cannot record the decision %q", e.Kind, e.Decision)
	}
	e.Decision = outcome
	if _, err := publish.ParseDestination(string(e.Destination)); err != nil {
		return invalidf("%v", err)
	}
	e.Pupils = distinctPupils(e.Pupils)
	if len(e.Pupils) > 0 {
		e.NoPupils = false // the tags win, as in the gate's decision
	}
	if err := checkEntryFields(e); err != nil {
		return err
	}
	return checkEntryText(e)
}

func outcomeOf(k publog.Kind) (publish.Outcome, error) {
	switch k {
	case publog.Exported:
		return publish.Ready, nil
	case publog.Blocked:
		return publish.Blocked, nil
	case publog.Overridden:
		return publish.Overridden, nil
	case publog.TakenDown:
		return "", invalidf("a takedown is recorded with MarkTakenDown")
	}
	return "", invalidf("unknown kind of log entry %q", k)
}

func checkEntryFields(e *publog.Entry) error {
	exported := e.Kind != publog.Blocked
	switch {
	case e.Medium != consent.MediaAny && e.Medium != consent.MediaPhoto && e.Medium != consent.MediaVideo:
		return invalidf("unknown medium %q", e.Medium)
	case strings.TrimSpace(e.Original.Name) == "":
		return invalidf("say which file the entry is about")
	case exported && (e.Output.Name == "" || e.Output.SHA256 == ""):
		return invalidf("an exported photo's entry needs the copy's name and hash")
	case exported && len(e.Pupils) == 0 && !e.NoPupils:
		return invalidf("an exported photo must have its pupils tagged, or be confirmed to show no identifiable pupils")
	case e.Kind == publog.Exported && (e.Override != "" || len(e.Approvers) > 0):
		return invalidf("only an overridden photo's entry carries an override")
	case e.Kind == publog.Blocked && len(e.Approvers) > 0:
		return invalidf("a blocked photo's entry has no approvers")
	case e.TakedownOf != 0 || e.TakedownPupil != "" || e.Note != "":
		return invalidf("a takedown is recorded with MarkTakenDown")
	case e.Resized < 0:
		return invalidf("a photo cannot be resized to %d pixels", e.Resized)
	case len(e.Pupils) > MaxBatchPupils:
		return invalidf("a photo can have at most %d pupils tagged", MaxBatchPupils)
	}
	return nil
}

func checkEntryText(e *publog.Entry) error {
	long := func(s string, max int) bool { return utf8.RuneCountInString(s) > max }
	switch {
	case long(e.Original.Name, maxNameLength) || long(e.Output.Name, maxNameLength):
		return invalidf("a file name is longer than %d characters", maxNameLength)
	case long(e.Caption, MaxNoteLength):
		return invalidf("the caption is longer than %d characters", MaxNoteLength)
	case long(e.Override, MaxNoteLength):
		return invalidf("the override's reason is longer than %d characters", MaxNoteLength)
	case len(e.Reasons) > maxReasons:
		return invalidf("an entry can hold at most %d reasons", maxReasons)
	}
	for _, r := range e.Reasons {
		if long(r, MaxNoteLength) {
			return invalidf("a reason is longer than %d characters", MaxNoteLength)
		}
	}
	return nil
}

// distinctPupils drops repeated tags of the same pupil, keeping the first.
func distinctPupils(ps []publog.Pupil) []publog.Pupil {
	var out []publog.Pupil
	seen := map[string]bool{}
	for _, p := range ps {
		if !seen[p.PupilID] {
			seen[p.PupilID] = true
			out = append(out, p)
		}
	}
	return out
}
