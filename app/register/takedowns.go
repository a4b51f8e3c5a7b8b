package register

import (
	"sort"
	"strings"
	"unicode/utf8"

	"photoconsent/app/access"
	"photoconsent/app/civil"
	"photoconsent/app/consent"
	"photoconsent/app/publish"
	"photoconsent/app/publog"
	"photoconsent/app/pupil"
)

// Takedowns are derived on read from the log and the register as they are
// now, so a consent that expires with time puts its publications on the
// list without anyone changing anything. A takedown is done when the log
// holds a TakenDown entry for that publication and pupil.

// Takedowns lists every takedown, open ones first, then the newest
// publication first (head only).
func (s *Session) Takedowns() ([]Takedown, error) {
	if err := s.check(access.ViewLog); err != nil {
		return nil, err
	}
	var out []Takedown
	err := s.store.View(func(tx Tx) error {
		all, err := takedownsIn(tx, civil.Today(s.now()))
		for _, td := range all {
			out = append(out, td.Takedown)
		}
		return err
	})
	return out, err
}

// OpenTakedowns counts the takedowns not yet done (head only).
func (s *Session) OpenTakedowns() (int, error) {
	all, err := s.Takedowns()
	n := 0
	for _, td := range all {
		if !td.Done {
			n++
		}
	}
	return n, err
}

// MarkTakenDown records that a published photo was removed for a pupil,
// with a note of what was done; it is a TakenDown entry in the log. Only a
// takedown that is open now can be marked.
func (s *Session) MarkTakenDown(seq int64, pupilID, note string) error {
	if err := s.check(access.Takedown); err != nil {
		return err
	}
	note = strings.TrimSpace(note)
	switch {
	case note == "":
		return invalidf("say what was done to take the photo down")
	case utf8.RuneCountInString(note) > MaxNoteLength:
		return invalidf("the note is longer than %d characters", MaxNoteLength)
	}
	now := s.now().UTC()
	today := civil.Today(now)
	return s.store.Update(func(tx Tx) error {
		all, err := takedownsIn(tx, today)
		if err != nil {
			return err
		}
		td, err := openTakedown(all, seq, pupilID)
		if err != nil {
			return err
		}
		e := publog.Entry{At: now, By: s.me.ID, ByName: s.me.Login, Kind: publog.TakenDown,
			Destination: td.Destination, Medium: td.Entry.Medium,
			Output:  publog.File{Name: td.Entry.Output.Name, SHA256: td.Entry.Output.SHA256},
			Pupils:  []publog.Pupil{td.now},
			Reasons: []string{td.Why}, TakedownOf: seq, TakedownPupil: pupilID, Note: note}
		return appendEntry(tx, &e)
	})
}

// takedownState is a takedown with the pupil's statuses now, for its log entry.
type takedownState struct {
	Takedown
	now publog.Pupil
}

func openTakedown(all []takedownState, seq int64, pupilID string) (takedownState, error) {
	for _, td := range all {
		if td.Entry.Seq != seq || td.PupilID != pupilID {
			continue
		}
		if td.Done {
			return takedownState{}, invalidf("entry %d was already marked as taken down for that pupil", seq)
		}
		return td, nil
	}
	return takedownState{}, invalidf("entry %d has no open takedown for that pupil", seq)
}

// takedownsIn derives every takedown from the log, sorted.
func takedownsIn(tx Tx, today civil.Date) ([]takedownState, error) {
	set, err := settingsIn(tx)
	if err != nil {
		return nil, err
	}
	entries, err := readLog(tx)
	if err != nil {
		return nil, err
	}
	done := map[doneKey]publog.Entry{}
	for _, e := range entries {
		if e.Kind == publog.TakenDown {
			done[doneKey{e.TakedownOf, e.TakedownPupil}] = e
		}
	}
	pupils := pupilCache{tx: tx, m: map[string]pupilNow{}}
	var out []takedownState
	for _, e := range entries {
		if e.Kind != publog.Exported && e.Kind != publog.Overridden {
			continue
		}
		more, err := entryTakedowns(e, &pupils, done, set, today)
		if err != nil {
			return nil, err
		}
		out = append(out, more...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Done != out[j].Done {
			return !out[i].Done
		}
		return out[i].Entry.Seq > out[j].Entry.Seq
	})
	return out, nil
}

type doneKey struct {
	seq   int64
	pupil string
}

// entryTakedowns returns the takedowns of one publication, in tag order.
// A pupil published blurred is not identifiable in it: withdrawing their
// consent takes nothing down.
func entryTakedowns(e publog.Entry, pupils *pupilCache, done map[doneKey]publog.Entry, set Settings, today civil.Date) ([]takedownState, error) {
	needs := publish.Needs(e.Destination, identifiable(e.Pupils))
	var out []takedownState
	for _, tp := range e.Pupils {
		if tp.Blurred {
			continue
		}
		pn, err := pupils.get(tp.PupilID)
		if err != nil {
			return nil, err
		}
		if !pn.exists {
			continue // deleted from the register: nothing left to act on
		}
		td := takedownState{Takedown: Takedown{Entry: e, PupilID: tp.PupilID, UPN: pn.p.UPN, PupilName: pn.p.DisplayName(),
			Destination: e.Destination, Output: e.Output.Name}}
		td.now = publog.Pupil{PupilID: tp.PupilID, Statuses: statusesNow(pn.p, pn.history, needs, e.Medium, today),
			Leaver: !pn.p.OnRoll(today)}
		if d, ok := done[doneKey{e.Seq, tp.PupilID}]; ok {
			td.Done, td.DoneAt, td.DoneBy, td.Note = true, d.At, d.ByName, d.Note
			if len(d.Reasons) > 0 {
				td.Why = d.Reasons[0]
			}
		} else if td.Why = whyDown(tp, td.now, needs, set); td.Why == "" {
			continue
		}
		out = append(out, td)
	}
	return out, nil
}

// whyDown says why the pupil may no longer appear in the publication, or
// "" when they still may. A status counts only when the school's settings
// do not allow it and it differs from the one recorded at publication, so
// an override of a refusal that still stands is not a takedown.
func whyDown(then, now publog.Pupil, needs []consent.Purpose, set Settings) string {
	var why []string
	add := func(w string) {
		for _, have := range why {
			if have == w {
				return
			}
		}
		why = append(why, w)
	}
	for _, pu := range needs {
		st := now.Statuses[pu]
		if set.Consent.Allows(st) || st == then.Statuses[pu] {
			continue
		}
		add(takedownWords(pu, st))
	}
	if set.TakeDownLeavers && now.Leaver && !then.Leaver {
		add("has left the school")
	}
	return strings.Join(why, "; ")
}

// takedownWords follows the rulebook's words, saying "was refused" where
// the gate says "no consent", since the photo went out before.
func takedownWords(pu consent.Purpose, st consent.Status) string {
	if st == consent.StatusRefused {
		return "consent for " + publish.PurposeWords(pu) + " was refused"
	}
	return publish.Why(pu, st)
}

// pupilCache reads each tagged pupil and their answers once.
type pupilCache struct {
	tx Tx
	m  map[string]pupilNow
}

type pupilNow struct {
	p       pupil.Pupil
	history []consent.Record
	exists  bool
}

func (c *pupilCache) get(id string) (pupilNow, error) {
	if pn, ok := c.m[id]; ok {
		return pn, nil
	}
	var pn pupilNow
	ok, err := c.tx.Get(prefPupil+id, &pn.p)
	if err != nil {
		return pupilNow{}, err
	}
	if ok {
		pn.exists = true
		if pn.history, err = answersOf(c.tx, id); err != nil {
			return pupilNow{}, err
		}
	}
	c.m[id] = pn
	return pn, nil
}
